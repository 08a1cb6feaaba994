#pragma once

#include "ml/workloadpatterns.h"
#include "tasks/taskrunner.h"

#include <QWidget>
#include <memory>

class QLabel;
class QTreeWidget;

namespace dopt {

class HeatmapWidget;
class Workspace;

/// The Workload page: jobs by weekday × hour (heatmap), the peak hours and autocorrelations, and
/// the detected patterns (hourly_peak, daily_cycle, weekly_pattern, batch_job) with their
/// confidence. Computed on a worker thread and stored in the workspace.
class WorkloadView : public QWidget
{
    Q_OBJECT
public:
    explicit WorkloadView(QWidget* parent = nullptr);
    ~WorkloadView() override;

    void setWorkspace(std::shared_ptr<Workspace> workspace);
    void reload();

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

    std::shared_ptr<Workspace> m_workspace;
    TaskRunner m_runner;
    quint64 m_task = 0;
    WorkloadAnalysis m_analysis;
    QLabel* m_summary;
    HeatmapWidget* m_heatmap;
    QTreeWidget* m_patterns;
};

} // namespace dopt
