#pragma once

#include "measure/measurementresult.h"

#include <QWidget>

class QChart;
class QChartView;
class QScatterSeries;
class QValueAxis;

namespace dopt {

/// Run times of an apply-and-measure: filled in run by run while it goes (before and after as two
/// series, warm-ups apart), then the two distributions as box plots with the medians.
class MeasurementChart : public QWidget
{
    Q_OBJECT
public:
    explicit MeasurementChart(QWidget* parent = nullptr);

    void clear();
    void addRun(const MeasurementRun& run);
    /// Replaces the live view by box plots of the timed runs (warm-ups excluded).
    void showDistribution(const QVector<MeasurementRun>& runs);
    int pointCount() const;
    bool showsDistribution() const { return m_distribution; }
    QChartView* view() const { return m_view; }

private:
    void rebuildLive();

    QChartView* m_view;
    QScatterSeries* m_before = nullptr;
    QScatterSeries* m_after = nullptr;
    QScatterSeries* m_warmup = nullptr;
    QValueAxis* m_x = nullptr;
    QValueAxis* m_y = nullptr;
    double m_maxMs = 0;
    int m_maxSeq = 0;
    bool m_distribution = false;
};

} // namespace dopt
