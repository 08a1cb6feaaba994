#pragma once

#include "ml/workloadpatterns.h"
#include "tasks/taskrunner.h"

#include <QWidget>
#include <memory>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace dopt {

class HeatmapWidget;
class Workspace;

/// The Workload page: jobs by weekday × hour (heatmap), the peak hours and autocorrelations, and
/// the detected patterns (hourly_peak, daily_cycle, weekly_pattern, batch_job) with their
/// confidence. Computed on a worker thread and stored in the workspace; opening a workspace reads the
/// stored patterns and recomputes only when they are stale or on demand.
class WorkloadView : public QWidget
{
    Q_OBJECT
public:
    explicit WorkloadView(QWidget* parent = nullptr);
    ~WorkloadView() override;

    void setWorkspace(std::shared_ptr<Workspace> workspace);
    /// Counts the jobs again and shows the STORED patterns; they are recomputed (and stored) only
    /// when none are stored yet or an import started after they were computed.
    void reload();
    /// Recomputes the patterns and replaces the stored ones (the Recompute button).
    void recompute();
    /// Whether the last load recomputed (and stored) the patterns rather than reading them.
    bool lastLoadRecomputed() const { return m_recomputed; }

    bool isLoading() const { return m_task != 0; }
    const WorkloadAnalysis& analysis() const { return m_analysis; }
    HeatmapWidget* heatmap() const { return m_heatmap; }
    QTreeWidget* patternList() const { return m_patterns; }
    QString summaryText() const;

Q_SIGNALS:
    void updated();
    void failed(const QString& error);

private:
    void apply(const WorkloadAnalysis& analysis);
    void load(bool forceRecompute);

    std::shared_ptr<Workspace> m_workspace;
    TaskRunner m_runner;
    quint64 m_task = 0;
    bool m_recomputed = false;
    WorkloadAnalysis m_analysis;
    QLabel* m_summary;
    HeatmapWidget* m_heatmap;
    QTreeWidget* m_patterns;
    QPushButton* m_recomputeButton;
};

} // namespace dopt
