#include "measurementchart.h"

#include "chartstyle.h"

#include <QBoxPlotSeries>
#include <QBoxSet>
#include <QChart>
#include <QChartView>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>

namespace dopt {

namespace {

// Quartiles by linear interpolation between order statistics (type 7, as R and NumPy default).
double quantile(const QVector<double>& sorted, double q)
{
    if (sorted.isEmpty())
        return 0;
    const double position = q * double(sorted.size() - 1);
    const int below = int(position);
    const int above = qMin(below + 1, int(sorted.size()) - 1);
    return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

QBoxSet* boxOf(const QString& label, QVector<double> values)
{
    std::sort(values.begin(), values.end());
    auto* box = new QBoxSet(label);
    box->setValue(QBoxSet::LowerExtreme, values.isEmpty() ? 0 : values.first());
    box->setValue(QBoxSet::LowerQuartile, quantile(values, 0.25));
    box->setValue(QBoxSet::Median, quantile(values, 0.5));
    box->setValue(QBoxSet::UpperQuartile, quantile(values, 0.75));
    box->setValue(QBoxSet::UpperExtreme, values.isEmpty() ? 0 : values.last());
    return box;
}

} // namespace

MeasurementChart::MeasurementChart(QWidget* parent)
    : QWidget(parent)
    , m_view(new QChartView(this))
{
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(220);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    rebuildLive();
    ChartStyle::follow(m_view); // colours from the palette, light or dark
}

void MeasurementChart::rebuildLive()
{
    auto* chart = new QChart;
    chart->setTitle(tr("Run times"));
    m_before = new QScatterSeries(chart);
    m_before->setName(tr("before"));
    m_after = new QScatterSeries(chart);
    m_after->setName(tr("after"));
    m_warmup = new QScatterSeries(chart);
    m_warmup->setName(tr("warm-up"));
    m_warmup->setColor(QColor(150, 150, 150));
    for (QScatterSeries* series : {m_before, m_after, m_warmup}) {
        series->setMarkerSize(9);
        chart->addSeries(series);
    }
    m_x = new QValueAxis(chart);
    m_x->setTitleText(tr("run"));
    m_y = new QValueAxis(chart);
    m_y->setTitleText(tr("ms"));
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    for (QScatterSeries* series : {m_before, m_after, m_warmup}) {
        series->attachAxis(m_x);
        series->attachAxis(m_y);
    }
    m_maxMs = 0;
    m_maxSeq = 0;
    ChartStyle::setCountRange(m_x, 1);
    m_y->setRange(0, 1);
    QChart* old = m_view->chart();
    m_view->setChart(chart);
    delete old;
    ChartStyle::apply(m_view);
    m_distribution = false;
}

void MeasurementChart::clear()
{
    rebuildLive();
}

void MeasurementChart::addRun(const MeasurementRun& run)
{
    if (m_distribution)
        rebuildLive();
    QScatterSeries* series = run.warmup ? m_warmup : run.variant == QLatin1String("after") ? m_after : m_before;
    series->append(run.seq, run.durationMs);
    m_maxMs = qMax(m_maxMs, run.durationMs);
    m_maxSeq = qMax(m_maxSeq, run.seq);
    ChartStyle::setCountRange(m_x, m_maxSeq + 1);
    m_y->setRange(0, m_maxMs * 1.1 + 0.001);
}

void MeasurementChart::showDistribution(const QVector<MeasurementRun>& runs)
{
    QVector<double> before;
    QVector<double> after;
    for (const MeasurementRun& run : runs) {
        if (run.warmup)
            continue;
        (run.variant == QLatin1String("after") ? after : before).append(run.durationMs);
    }
    auto* chart = new QChart;
    chart->setTitle(tr("Distribution of the timed runs (ms)"));
    auto* series = new QBoxPlotSeries(chart);
    series->append(boxOf(tr("before (%1 runs)").arg(before.size()), before));
    series->append(boxOf(tr("after (%1 runs)").arg(after.size()), after));
    chart->addSeries(series);
    chart->createDefaultAxes();
    // Room above the longest run, and zero at the bottom so the two boxes compare honestly.
    double longest = 0;
    for (const double ms : before + after)
        longest = qMax(longest, ms);
    const QList<QAbstractAxis*> vertical = chart->axes(Qt::Vertical);
    if (!vertical.isEmpty())
        vertical.first()->setRange(0.0, longest * 1.1 + 0.001);
    chart->legend()->hide();
    QChart* old = m_view->chart();
    m_view->setChart(chart);
    delete old;
    ChartStyle::apply(m_view);
    m_before = m_after = m_warmup = nullptr;
    m_x = m_y = nullptr;
    m_distribution = true;
}

int MeasurementChart::pointCount() const
{
    if (m_distribution)
        return 0;
    return int(m_before->count() + m_after->count() + m_warmup->count());
}

} // namespace dopt
