#include "dashboardview.h"

#include "chartstyle.h"
#include "coretexts.h"
#include "displayformat.h"
#include "heatmapwidget.h"
#include "report/dashboardcollector.h"
#include "store/workspace.h"
#include "tasks/workerconnection.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineSeries>
#include <QMessageBox>
#include <QPainter>
#include <QPieSeries>
#include <QPushButton>
#include <QScrollArea>
#include <QSvgGenerator>
#include <QToolTip>
#include <QValueAxis>

namespace dopt {

namespace {

constexpr qint64 DayMs = 86400000;

QString utc(qint64 ms, const QString& format = QStringLiteral("yyyy-MM-dd HH:mm"))
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(format) + QStringLiteral(" UTC");
}

/// The range bound of a time axis for a UTC instant (see DashboardView::axisValue()).
QDateTime axisTime(qint64 utcMs)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(DashboardView::axisValue(utcMs)), Qt::LocalTime);
}

void resetChart(QChart* chart)
{
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
}

} // namespace

DashboardView::DashboardView(QWidget* parent)
    : QWidget(parent)
    , m_runner(1)
    , m_range(new QComboBox(this))
    , m_fingerprint(new QComboBox(this))
    , m_export(new QPushButton(tr("&Export…"), this))
    , m_status(new QLabel(this))
    , m_savings(new QLabel(this))
    , m_canvas(new QWidget)
    , m_heatmap(new HeatmapWidget(m_canvas))
{
    m_range->addItem(tr("All jobs"), int(Range::All));
    m_range->addItem(tr("Last 24 hours"), int(Range::Day));
    m_range->addItem(tr("Last 7 days"), int(Range::Week));
    m_range->addItem(tr("Last 30 days"), int(Range::Month));
    m_range->addItem(tr("Last 90 days"), int(Range::Quarter));
    m_range->setToolTip(tr("Time range, counted back from the newest job in the workspace"));
    m_fingerprint->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_fingerprint->setMinimumContentsLength(50);
    m_fingerprint->setToolTip(tr("The query shape whose P50/P95 trend is shown"));
    m_export->setToolTip(tr("Save the dashboard as a PNG or SVG image"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Range:"), this));
    bar->addWidget(m_range);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("Query shape:"), this));
    bar->addWidget(m_fingerprint, 1);
    bar->addWidget(m_export);

    auto* grid = new QGridLayout(m_canvas);
    grid->addWidget(addChart(JobsPerHour), 0, 0, 1, 2);
    grid->addWidget(addChart(Trend), 1, 0, 1, 2);
    grid->addWidget(addChart(Pareto), 2, 0, 1, 2);
    grid->addWidget(m_heatmap, 3, 0);
    grid->addWidget(addChart(Accelerated), 3, 1);
    grid->addWidget(addChart(Findings), 4, 0);
    m_savings->setWordWrap(true);
    m_savings->setAlignment(Qt::AlignCenter);
    m_savings->setTextFormat(Qt::PlainText);
    grid->addWidget(m_savings, 4, 1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_canvas);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_status);
    layout->addWidget(scroll, 1);

    connect(m_range, &QComboBox::currentIndexChanged, this, [this] { reload(); });
    connect(m_fingerprint, &QComboBox::activated, this,
        [this](int index) { setTrendFingerprint(m_fingerprint->itemData(index).toString()); });
    connect(m_export, &QPushButton::clicked, this, &DashboardView::chooseExportFile);
    apply({});
}

DashboardView::~DashboardView()
{
    m_runner.discardAll();
}

QChartView* DashboardView::addChart(ChartId id)
{
    auto* chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    auto* view = new QChartView(chart, m_canvas);
    ChartStyle::follow(view); // colours from the palette, light or dark
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(id == Findings ? 260 : 240);
    m_views[id] = view;
    return view;
}

QChart* DashboardView::chart(ChartId id) const
{
    return m_views[id]->chart();
}

void DashboardView::setWorkspace(std::shared_ptr<Workspace> workspace)
{
    m_workspace = std::move(workspace);
    m_wantedFingerprint.clear();
    reload();
}

void DashboardView::setRange(Range range)
{
    m_range->setCurrentIndex(m_range->findData(int(range))); // reloads through the signal
}

void DashboardView::setTrendFingerprint(const QString& fingerprint)
{
    m_wantedFingerprint = fingerprint;
    reload();
}

ReportFilter DashboardView::currentFilter() const
{
    ReportFilter filter;
    const auto range = Range(m_range->currentData().toInt());
    if (range == Range::All || !m_data.workspaceLastMs)
        return filter;
    const int days = range == Range::Day ? 1 : range == Range::Week ? 7 : range == Range::Month ? 30 : 90;
    filter.sinceMs = *m_data.workspaceLastMs + 1 - days * DayMs;
    return filter;
}

void DashboardView::reload()
{
    m_runner.discardAll();
    m_task = 0;
    if (!m_workspace || !m_workspace->isOpen()) {
        apply({});
        return;
    }
    m_status->setText(tr("Computing…"));
    auto workspace = m_workspace;
    const ReportFilter filter = currentFilter();
    const QString fingerprint = m_wantedFingerprint;
    m_task = m_runner.start(
        [workspace, filter, fingerprint](TaskContext& context) {
            WorkerConnection connection(*workspace);
            QString error;
            std::optional<DashboardData> data
                = DashboardCollector(connection.db()).collect(filter, fingerprint, &context, &error);
            if (!data)
                context.fail(error);
            return data.value_or(DashboardData {});
        },
        [this](const DashboardData& data) {
            m_task = 0;
            apply(data);
            Q_EMIT updated();
        },
        [this](const QString& error) {
            m_task = 0;
            m_status->setText(tr("Dashboard not updated: %1").arg(error));
            Q_EMIT loadFailed(error);
        });
}

void DashboardView::apply(const DashboardData& data)
{
    m_data = data;
    const QString range = data.jobCount == 0
        ? tr("No job in this range.")
        : tr("%1 jobs from %2 to %3")
              .arg(DisplayFormat::exactCount(data.jobCount), utc(data.jobsPerHour.first().hourStartMs),
                  utc(data.jobsPerHour.last().hourStartMs + 3599999));
    m_status->setText(range);
    m_fingerprint->clear();
    for (int i = 0; i < data.topFingerprints.size(); ++i) {
        const DashboardData::FingerprintTotal& total = data.topFingerprints[i];
        m_fingerprint->addItem(
            QStringLiteral("#%1  %2").arg(i + 1).arg(DisplayFormat::firstLine(total.sql.simplified(), 90)),
            total.fingerprint);
    }
    m_fingerprint->setCurrentIndex(m_fingerprint->findData(data.trendFingerprint));
    fillJobsPerHour();
    fillTrend();
    fillPareto();
    m_heatmap->setCounts(data.weekdayHour);
    fillAccelerated();
    fillFindings();
    for (QChartView* view : m_views)
        ChartStyle::apply(view); // the new series and axes
    const ReportData::MeasurementSummary& m = data.measurements;
    m_savings->setText(m.done == 0
            ? tr("Savings measured so far: none yet.\nApply a recommendation and measure it to see what it saved.")
            : tr("Savings measured so far\n%1 changes measured: %2 improved, %3 unchanged, %4 regressed\n"
                 "Saved per run of the improved statements: %5")
                  .arg(DisplayFormat::exactCount(m.done), DisplayFormat::exactCount(m.improved),
                      DisplayFormat::exactCount(m.noChange), DisplayFormat::exactCount(m.regressed))
                  .arg(DisplayFormat::duration(m.savedMsPerRun)));
}

void DashboardView::fillJobsPerHour()
{
    QChart* chart = this->chart(JobsPerHour);
    resetChart(chart);
    chart->setTitle(tr("Jobs per hour"));
    auto* series = new QLineSeries;
    series->setName(tr("jobs"));
    qint64 maximum = 1;
    for (const DashboardData::HourCount& hour : m_data.jobsPerHour) {
        series->append(axisValue(hour.hourStartMs), double(hour.jobs));
        maximum = qMax(maximum, hour.jobs);
    }
    chart->addSeries(series);
    auto* x = new QDateTimeAxis;
    x->setFormat(QStringLiteral("MM-dd HH:mm"));
    x->setTitleText(tr("hour (UTC)"));
    if (!m_data.jobsPerHour.isEmpty())
        x->setRange(axisTime(m_data.jobsPerHour.first().hourStartMs),
            axisTime(m_data.jobsPerHour.last().hourStartMs + 3600000));
    auto* y = new QValueAxis;
    ChartStyle::setCountRange(y, double(maximum));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    chart->legend()->hide();
    connect(series, &QLineSeries::hovered, this, [this](const QPointF& point, bool state) {
        if (state)
            QToolTip::showText(QCursor::pos(), jobsPerHourText(point.x()));
    });
}

QString DashboardView::jobsPerHourText(double x) const
{
    const qint64 hour = qRound64(double(utcMs(x)) / 3600000.0) * 3600000;
    qint64 jobs = 0;
    for (const DashboardData::HourCount& h : m_data.jobsPerHour)
        if (h.hourStartMs == hour)
            jobs = h.jobs;
    return tr("%1: %Ln job(s)", nullptr, int(jobs)).arg(utc(hour));
}

double DashboardView::axisValue(qint64 utcMs)
{
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC);
    return double(QDateTime(utc.date(), utc.time(), Qt::LocalTime).toMSecsSinceEpoch());
}

qint64 DashboardView::utcMs(double axisValue)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(qRound64(axisValue), Qt::LocalTime);
    return QDateTime(local.date(), local.time(), Qt::UTC).toMSecsSinceEpoch();
}

void DashboardView::fillTrend()
{
    QChart* chart = this->chart(Trend);
    resetChart(chart);
    chart->setTitle(tr("P50 / P95 duration of the selected query shape, per day"));
    auto* p50 = new QLineSeries;
    auto* p95 = new QLineSeries;
    p95->setName(tr("P95"));
    double maximum = 1;
    int singleRunDays = 0;
    for (const DashboardData::TrendPoint& point : m_data.trend) {
        p50->append(axisValue(point.dayStartMs), point.p50Ms / 1000.0);
        p95->append(axisValue(point.dayStartMs), point.p95Ms / 1000.0);
        maximum = qMax(maximum, point.p95Ms / 1000.0);
        if (point.runs == 1)
            ++singleRunDays;
    }
    // On a day with one run P50 equals P95 and one line would hide the other: P50 is drawn last,
    // with a marker per day, and its legend says on how many days the two are the same run.
    p50->setName(singleRunDays > 0 ? tr("P50 (= P95 on %Ln day(s) with one run)", nullptr, singleRunDays) : tr("P50"));
    p50->setPointsVisible(true);
    p50->setMarkerSize(5);
    chart->addSeries(p95);
    chart->addSeries(p50);
    QVector<QLineSeries*> all {p95, p50};
    if (m_data.regressionSinceMs) {
        // A vertical line where the regression starts.
        auto* marker = new QLineSeries;
        marker->setName(tr("regression since %1 (median %2)")
                            .arg(utc(*m_data.regressionSinceMs, QStringLiteral("yyyy-MM-dd")),
                                DisplayFormat::ratio(m_data.regressionMedianRatio)));
        marker->append(axisValue(*m_data.regressionSinceMs), 0);
        marker->append(axisValue(*m_data.regressionSinceMs), maximum);
        QPen pen(QColor(0xc6, 0x28, 0x28), 2, Qt::DashLine);
        marker->setPen(pen);
        chart->addSeries(marker);
        all.append(marker);
    }
    auto* x = new QDateTimeAxis;
    x->setFormat(QStringLiteral("yyyy-MM-dd"));
    x->setTitleText(tr("day (UTC)"));
    if (!m_data.trend.isEmpty())
        x->setRange(axisTime(m_data.trend.first().dayStartMs), axisTime(m_data.trend.last().dayStartMs + DayMs));
    auto* y = new QValueAxis;
    y->setRange(0, maximum * 1.05);
    y->setTitleText(tr("seconds"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QLineSeries* series : all) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
    for (QLineSeries* series : {p50, p95}) {
        connect(series, &QLineSeries::hovered, this, [this](const QPointF& point, bool state) {
            if (!state)
                return;
            for (const DashboardData::TrendPoint& p : m_data.trend) {
                if (qAbs(double(p.dayStartMs - utcMs(point.x()))) < DayMs / 2.0)
                    QToolTip::showText(QCursor::pos(),
                        tr("%1: P50 %2, P95 %3, %Ln run(s)", nullptr, p.runs)
                            .arg(utc(p.dayStartMs, QStringLiteral("yyyy-MM-dd")),
                                DisplayFormat::exactDurationMs(p.p50Ms), DisplayFormat::exactDurationMs(p.p95Ms)));
            }
        });
    }
}

QString DashboardView::paretoText(int index) const
{
    if (index < 0 || index >= m_data.topFingerprints.size())
        return {};
    double cumulative = 0;
    for (int i = 0; i <= index; ++i)
        cumulative += m_data.topFingerprints[i].totalMs;
    const DashboardData::FingerprintTotal& total = m_data.topFingerprints[index];
    const double share = m_data.totalDurationMs > 0 ? cumulative / m_data.totalDurationMs : 0;
    return tr("#%1 %2\nTotal %3 over %Ln run(s); shapes #1–#%1 take %4 of all run time", nullptr, int(total.runs))
        .arg(index + 1)
        .arg(DisplayFormat::firstLine(total.sql.simplified(), 120), DisplayFormat::exactDurationMs(total.totalMs),
            DisplayFormat::percent(share));
}

void DashboardView::fillPareto()
{
    QChart* chart = this->chart(Pareto);
    resetChart(chart);
    chart->setTitle(tr("Top query shapes by total run time (Pareto)"));
    auto* set = new QBarSet(tr("total hours"));
    auto* cumulative = new QLineSeries;
    cumulative->setName(tr("cumulative share of all run time (%)"));
    QStringList categories;
    double running = 0;
    double maximum = 0.001;
    for (int i = 0; i < m_data.topFingerprints.size(); ++i) {
        const double hours = m_data.topFingerprints[i].totalMs / 3.6e6;
        set->append(hours);
        maximum = qMax(maximum, hours);
        running += m_data.topFingerprints[i].totalMs;
        cumulative->append(i, m_data.totalDurationMs > 0 ? 100.0 * running / m_data.totalDurationMs : 0);
        categories.append(QStringLiteral("#%1").arg(i + 1));
    }
    auto* bars = new QBarSeries;
    bars->append(set);
    chart->addSeries(bars);
    chart->addSeries(cumulative);
    auto* x = new QBarCategoryAxis;
    x->append(categories);
    auto* hoursAxis = new QValueAxis;
    hoursAxis->setRange(0, maximum * 1.1);
    hoursAxis->setTitleText(tr("hours"));
    auto* shareAxis = new QValueAxis;
    shareAxis->setRange(0, 100);
    shareAxis->setTitleText(tr("%"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(hoursAxis, Qt::AlignLeft);
    chart->addAxis(shareAxis, Qt::AlignRight);
    bars->attachAxis(x);
    bars->attachAxis(hoursAxis);
    cumulative->attachAxis(x);
    cumulative->attachAxis(shareAxis);
    connect(bars, &QBarSeries::hovered, this, [this](bool status, int index, QBarSet*) {
        if (status)
            QToolTip::showText(QCursor::pos(), paretoText(index));
    });
}

void DashboardView::fillAccelerated()
{
    QChart* chart = this->chart(Accelerated);
    resetChart(chart);
    chart->setTitle(tr("Jobs accelerated by reflections"));
    auto* pie = new QPieSeries;
    const qint64 accelerated = m_data.acceleratedJobs;
    const qint64 other = m_data.jobCount - accelerated;
    const double share = m_data.jobCount > 0 ? double(accelerated) / double(m_data.jobCount) : 0;
    pie->append(tr("accelerated %1").arg(DisplayFormat::percent(share)), double(accelerated));
    pie->append(tr("not accelerated %1").arg(DisplayFormat::percent(1 - share)), double(other));
    chart->addSeries(pie);
    connect(pie, &QPieSeries::hovered, this, [](QPieSlice* slice, bool state) {
        if (state)
            QToolTip::showText(QCursor::pos(),
                tr("%1: %2 jobs").arg(slice->label(), DisplayFormat::exactCount(qRound64(slice->value()))));
    });
}

void DashboardView::fillFindings()
{
    QChart* chart = this->chart(Findings);
    resetChart(chart);
    chart->setTitle(tr("Findings by detector"));
    auto* set = new QBarSet(tr("findings"));
    QStringList categories;
    double maximum = 1;
    for (const ReportData::DetectorCount& count : m_data.findingsByDetector) {
        set->append(count.findings);
        categories.append(CoreTexts::detector(count.detector));
        maximum = qMax(maximum, double(count.findings));
    }
    auto* bars = new QHorizontalBarSeries;
    bars->append(set);
    chart->addSeries(bars);
    auto* y = new QBarCategoryAxis;
    y->append(categories);
    auto* x = new QValueAxis;
    ChartStyle::setCountRange(x, maximum);
    chart->addAxis(y, Qt::AlignLeft);
    chart->addAxis(x, Qt::AlignBottom);
    bars->attachAxis(y);
    bars->attachAxis(x);
    chart->legend()->hide();
    connect(bars, &QHorizontalBarSeries::hovered, this, [this](bool status, int index, QBarSet*) {
        if (!status || index < 0 || index >= m_data.findingsByDetector.size())
            return;
        const ReportData::DetectorCount& c = m_data.findingsByDetector[index];
        QToolTip::showText(QCursor::pos(),
            tr("%1: %2 findings over %3 jobs, estimated saving %4")
                .arg(CoreTexts::detector(c.detector), DisplayFormat::exactCount(c.findings),
                    DisplayFormat::exactCount(c.occurrences), DisplayFormat::exactDurationMs(c.improvementMs)));
    });
}

bool DashboardView::exportImage(const QString& path, QString* error) const
{
    // Charts lay their axes out on posted events: deliver them so a fresh page exports complete.
    QCoreApplication::sendPostedEvents();
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(m_canvas->size());
        generator.setViewBox(QRect(QPoint(0, 0), m_canvas->size()));
        generator.setTitle(tr("Dremio Optimizer dashboard"));
        QPainter painter;
        if (!painter.begin(&generator)) {
            *error = tr("%1: cannot write the SVG file").arg(path);
            return false;
        }
        m_canvas->render(&painter);
        painter.end();
        if (!QFileInfo::exists(path)) {
            *error = tr("%1: cannot write the SVG file").arg(path);
            return false;
        }
        return true;
    }
    if (suffix != QLatin1String("png")) {
        *error = tr("%1: choose a .png or .svg file").arg(path);
        return false;
    }
    if (!m_canvas->grab().save(path, "PNG")) {
        *error = tr("%1: cannot write the PNG file").arg(path);
        return false;
    }
    return true;
}

void DashboardView::chooseExportFile()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Dashboard"), QStringLiteral("dashboard.png"), tr("PNG image (*.png);;SVG drawing (*.svg)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportImage(path, &error))
        QMessageBox::warning(this, tr("Export Dashboard"), error);
}

} // namespace dopt
