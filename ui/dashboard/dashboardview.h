#pragma once

#include "report/dashboarddata.h"
#include "tasks/taskrunner.h"

#include <QWidget>
#include <memory>

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QPushButton;

namespace dopt {

class HeatmapWidget;
class Workspace;

/// The Dashboard page: jobs per hour, the P50/P95 trend of one query shape with its regression
/// marked, the top shapes by total time (Pareto), weekday × hour, the share of accelerated jobs,
/// findings by detector and the savings measured so far. Figures are computed on a worker thread
/// for the chosen time range; hovering shows exact figures; the page exports as PNG or SVG.
class DashboardView : public QWidget
{
    Q_OBJECT
public:
    enum ChartId { JobsPerHour, Trend, Pareto, Accelerated, Findings, ChartCount };
    /// The time range choices, relative to the newest job of the workspace.
    enum class Range { All, Day, Week, Month, Quarter };

    explicit DashboardView(QWidget* parent = nullptr);
    ~DashboardView() override;

    void setWorkspace(std::shared_ptr<Workspace> workspace);
    /// Recomputes in the background (after an import or an analysis).
    void reload();
    void setRange(Range range);
    /// Shows the trend of this fingerprint (one of the top ones in the combo box).
    void setTrendFingerprint(const QString& fingerprint);

    /// The chosen range as a filter (what File → Export Report uses too).
    ReportFilter currentFilter() const;
    const DashboardData& data() const { return m_data; }
    bool isLoading() const { return m_task != 0; }
    QChart* chart(ChartId id) const;
    HeatmapWidget* heatmap() const { return m_heatmap; }
    QLabel* savingsLabel() const { return m_savings; }
    /// The text the tooltip of a Pareto bar shows.
    QString paretoText(int index) const;
    /// The text the tooltip of the jobs-per-hour line shows at the axis value x (the hour, in UTC).
    QString jobsPerHourText(double x) const;
    /// The time axes show UTC like the heatmap, the tooltips and the core's hours, but QDateTimeAxis
    /// formats values in local time: an instant is plotted at the local instant whose wall-clock
    /// time is its UTC time, so the axis labels read UTC (around a daylight-saving change the
    /// spacing of one hour is off by an hour). utcMs() maps an axis value back.
    static double axisValue(qint64 utcMs);
    static qint64 utcMs(double axisValue);
    /// Writes the charts as PNG or SVG (by the file's suffix); false with *error naming the file.
    bool exportImage(const QString& path, QString* error) const;

Q_SIGNALS:
    void updated();
    void loadFailed(const QString& error);

private:
    void apply(const DashboardData& data);
    void fillJobsPerHour();
    void fillTrend();
    void fillPareto();
    void fillAccelerated();
    void fillFindings();
    void chooseExportFile();
    QChartView* addChart(ChartId id);

    std::shared_ptr<Workspace> m_workspace;
    TaskRunner m_runner;
    quint64 m_task = 0;
    DashboardData m_data;
    QString m_wantedFingerprint;
    QComboBox* m_range;
    QComboBox* m_fingerprint;
    QPushButton* m_export;
    QLabel* m_status;
    QLabel* m_savings;
    QWidget* m_canvas;
    HeatmapWidget* m_heatmap;
    QChartView* m_views[ChartCount] {};
};

} // namespace dopt
