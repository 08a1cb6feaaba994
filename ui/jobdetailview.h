#pragma once

#include "store/jobrepository.h"

#include <QWidget>
#include <memory>

class QLabel;
class QSplitter;

namespace dopt {

class JobDatasetsView;
class JobFindingsView;
class PhaseTimeline;
class ProfileView;
class SqlView;
class Workspace;

/// Everything about the selected job: a one-line summary, its state-duration timeline, its SQL, its
/// profile tree and the analysis findings about its query shape (their operators marked in the tree).
class JobDetailView : public QWidget
{
    Q_OBJECT
public:
    explicit JobDetailView(QWidget* parent = nullptr);

    void setWorkspace(std::shared_ptr<const Workspace> workspace);
    void showJob(const JobRow& row);
    void clear();
    std::optional<JobRow> job() const { return m_job; }
    /// The summary line(s) above the timeline: job, state, duration, the stored prediction.
    QString summaryText() const;

    SqlView* sqlView() const { return m_sql; }
    ProfileView* profileView() const { return m_profile; }
    PhaseTimeline* timeline() const { return m_timeline; }
    JobFindingsView* findingsView() const { return m_findings; }
    JobDatasetsView* datasetsView() const { return m_datasets; }
    /// Re-reads the findings of the shown job (after an analysis run).
    void reloadFindings();

    QByteArray saveState() const;
    void restoreState(const QByteArray& state);

private:
    std::shared_ptr<const Workspace> m_workspace;
    std::optional<JobRow> m_job;
    QLabel* m_summary;
    PhaseTimeline* m_timeline;
    SqlView* m_sql;
    ProfileView* m_profile;
    JobFindingsView* m_findings;
    JobDatasetsView* m_datasets;
    QSplitter* m_splitter;
    QSplitter* m_rightSplitter;
};

} // namespace dopt
