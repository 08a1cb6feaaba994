#pragma once

#include "store/jobrepository.h"

#include <QWidget>
#include <memory>

class QTableView;

namespace dopt {

class JobFilterBar;
class JobTableModel;
class Workspace;

/// The job list: filter bar over a sortable, virtualised table of jobs. Tells the rest of the window
/// which job is current, also when the current row's page arrives after it was selected.
class QueryBrowser : public QWidget
{
    Q_OBJECT
public:
    explicit QueryBrowser(QWidget* parent = nullptr);

    void setWorkspace(std::shared_ptr<const Workspace> workspace);
    void refresh();
    JobTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    JobFilterBar* filterBar() const { return m_filterBar; }
    /// The current job, nullopt when none is selected or its page is still loading.
    std::optional<JobRow> currentJob() const;
    void selectRow(int row);
    /// Lets the user pick visible columns (the same menu as the header's context menu).
    void showColumnChooser(const QPoint& globalPosition);

    QByteArray saveState() const;
    void restoreState(const QByteArray& state);

Q_SIGNALS:
    void currentJobChanged(const dopt::JobRow& row);
    void currentJobCleared();

private:
    void onCurrentRowChanged();

    JobFilterBar* m_filterBar;
    QTableView* m_view;
    JobTableModel* m_model;
    qint64 m_shownRowId = -1; // the job last announced, so page refreshes do not re-announce it
};

} // namespace dopt
