#include "modelsview.h"

#include "chartstyle.h"
#include "coretexts.h"
#include "displayformat.h"
#include "ml/features.h"
#include "ml/modelstore.h"
#include "ml/runtimemodelservice.h"
#include "store/workspace.h"
#include "tasks/workerconnection.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QLogValueAxis>
#include <QProgressBar>
#include <QPushButton>
#include <QScatterSeries>
#include <QTableWidget>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <climits>
#include <cmath>

namespace dopt {

namespace {

constexpr int kImportanceBars = 10;

/// The active model with predictions for the jobs after its training window (held out).
ModelsPageData loadActive(QSqlDatabase db, TaskContext& context)
{
    ModelsPageData data;
    QString error;
    if (const auto records = TrackRecord::read(db, &error))
        data.trackRecord = *records;
    else
        context.fail(error);
    const RuntimeModel model = ModelStore(db).loadActive(&error);
    if (!model.isValid()) {
        data.error = error.isEmpty() ? QStringLiteral("no model yet") : error;
        return data;
    }
    data.family = model.family();
    data.modelId = model.id;
    data.metrics = model.metrics;
    data.importance = model.importance;
    FeatureOptions options;
    options.queues = model.queues;
    options.cancel = context.cancelFlag();
    FeatureSet features;
    if (!FeatureExtractor::extract(db, options, &features, &error)) {
        context.fail(error);
        return data;
    }
    for (qsizetype i = 0; i < features.size(); ++i) {
        if (features.submittedMs[size_t(i)] <= model.windowToMs || !std::isfinite(features.durationMs[size_t(i)]))
            continue;
        data.actualMs.push_back(features.durationMs[size_t(i)]);
        data.predictedMs.push_back(model.predict(features.row(i)).predictedMs);
    }
    return data;
}

QChartView* chartView(QChart* chart, QWidget* parent, const QString& toolTip = QString())
{
    auto* view = new QChartView(chart, parent);
    view->setToolTip(toolTip); // what the short title leaves out
    view->setRenderHint(QPainter::Antialiasing);
    ChartStyle::follow(view); // colours from the palette, light or dark
    view->setMinimumHeight(
        220); // three side by side above the track record: keeps the window usable on 768-pixel screens
    return view;
}

} // namespace

ModelsView::ModelsView(QWidget* parent)
    : QWidget(parent)
    , m_trainButton(new QPushButton(tr("&Train model"), this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
    , m_predictButton(new QPushButton(tr("&Predict all jobs"), this))
    , m_progress(new QProgressBar(this))
    , m_metrics(new QLabel(this))
    , m_status(new QLabel(this))
    , m_scatter(new QChart)
    , m_importance(new QChart)
    , m_residuals(new QChart)
    , m_trackTable(new QTableWidget(0, 4, this))
{
    // Short titles: three charts side by side leave each a third of the window, less in French.
    m_residuals->setTitle(tr("Residuals: ln(actual / predicted)"));
    m_residuals->legend()->hide();
    m_trackTable->setHorizontalHeaderLabels(
        {tr("Recommendation kind"), tr("Measurements"), tr("Median measured / predicted"), tr("Confidence factor")});
    m_trackTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_trackTable->verticalHeader()->hide();
    // The headers are long (and longer in French): size the columns to them, not to 100 pixels.
    m_trackTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_trackTable->horizontalHeader()->setStretchLastSection(true);
    m_trackTable->setMaximumHeight(160);
    m_trackTable->setToolTip(tr("The learning loop: each measured recommendation compares its measured improvement "
                                "with the predicted one; the next ranking multiplies the confidence of that kind by "
                                "its factor (shrunk toward 1 while there are few measurements)."));
    m_metrics->setWordWrap(true);
    m_metrics->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_scatter->setTitle(tr("Predicted vs actual run time"));
    m_importance->setTitle(tr("Feature importance"));
    m_scatter->legend()->hide();
    m_importance->legend()->hide();
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_trainButton);
    buttons->addWidget(m_predictButton);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_progress, 1);
    auto* charts = new QHBoxLayout;
    charts->addWidget(
        chartView(m_scatter, this, tr("Predicted against actual run time of the held-out jobs, in ms on log scales")),
        1);
    charts->addWidget(chartView(m_residuals, this,
                          tr("Residuals of the held-out jobs: ln(actual / predicted) against the predicted ms")),
        1);
    // No tooltip here: each bar shows its own on hover (the importance is the growth of the log error
    // when the feature is shuffled).
    charts->addWidget(chartView(m_importance, this), 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_metrics);
    layout->addWidget(m_status);
    layout->addLayout(charts, 1);
    layout->addWidget(new QLabel(tr("Track record of measured recommendations"), this));
    layout->addWidget(m_trackTable);
    setBusy(false);
    connect(m_trainButton, &QPushButton::clicked, this, &ModelsView::train);
    connect(m_cancelButton, &QPushButton::clicked, this, &ModelsView::cancel);
    connect(m_predictButton, &QPushButton::clicked, this, &ModelsView::predictAll);
    connect(&m_runner, &TaskRunner::progress, this, [this](quint64 id, int done, int total, const QString& message) {
        if (id != m_task)
            return;
        m_progress->setMaximum(std::max(1, total));
        m_progress->setValue(done);
        m_progress->setFormat(message);
    });
    apply({});
}

ModelsView::~ModelsView()
{
    m_runner.discardAll();
    m_runner.waitForWorkers();
}

void ModelsView::setWorkspace(std::shared_ptr<Workspace> workspace)
{
    m_workspace = std::move(workspace);
    reload();
}

void ModelsView::setBusy(bool busy)
{
    m_trainButton->setEnabled(!busy && m_workspace && m_workspace->isOpen());
    m_predictButton->setEnabled(!busy && !m_data.family.isEmpty());
    m_cancelButton->setEnabled(busy);
    m_progress->setVisible(busy);
}

void ModelsView::reload()
{
    m_runner.discardAll();
    m_task = 0;
    if (!m_workspace || !m_workspace->isOpen()) {
        apply({});
        return;
    }
    auto workspace = m_workspace;
    m_task = m_runner.start(
        [workspace](TaskContext& context) {
            WorkerConnection connection(*workspace);
            return loadActive(connection.db(), context);
        },
        [this](const ModelsPageData& data) { apply(data); },
        [this](const QString& error) {
            m_task = 0;
            setBusy(false);
            Q_EMIT failed(error);
        });
    setBusy(false);
}

void ModelsView::train()
{
    if (!m_workspace || !m_workspace->isOpen())
        return;
    m_runner.discardAll();
    auto workspace = m_workspace;
    m_task = m_runner.start(
        [workspace](TaskContext& context) {
            WorkerConnection connection(*workspace);
            TrainingResult result;
            QString error;
            ModelsPageData data;
            if (!RuntimeModelService::train(connection.db(), {}, &context, &result, &error)) {
                context.fail(error);
                return data;
            }
            data.family = result.model.family();
            data.modelId = result.model.id;
            data.metrics = result.model.metrics;
            data.importance = result.model.importance;
            data.actualMs = result.testActualMs;
            data.predictedMs = result.testPredictedMs;
            data.predictionsStored = result.predictionsStored;
            if (const auto records = TrackRecord::read(connection.db(), &error))
                data.trackRecord = *records;
            return data;
        },
        [this](const ModelsPageData& data) { apply(data); },
        [this](const QString& error) {
            m_task = 0;
            setBusy(false);
            m_metrics->setText(tr("Training stopped: %1").arg(error));
            Q_EMIT failed(error);
        });
    setBusy(true);
}

void ModelsView::fillTrackRecord(const QVector<KindTrackRecord>& records)
{
    m_trackTable->setRowCount(int(records.size()));
    for (int row = 0; row < int(records.size()); ++row) {
        const KindTrackRecord& record = records[row];
        const QStringList cells {record.kind, DisplayFormat::exactCount(record.measurements),
            DisplayFormat::decimal(record.medianRatio, 2), DisplayFormat::decimal(record.confidenceFactor, 2)};
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells[column]);
            if (column > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_trackTable->setItem(row, column, item);
        }
    }
}

void ModelsView::fillResiduals(const ModelsPageData& data)
{
    auto* points = new QScatterSeries;
    points->setMarkerSize(5);
    double low = 1e300, high = 1, spread = 0.5;
    for (size_t i = 0; i < data.actualMs.size(); ++i) {
        const double predicted = std::max(1.0, data.predictedMs[i]);
        const double residual = std::log(std::max(1.0, data.actualMs[i]) / predicted);
        points->append(predicted, residual);
        low = std::min(low, predicted);
        high = std::max(high, predicted);
        spread = std::max(spread, std::abs(residual));
    }
    auto* zero = new QLineSeries;
    if (low < high) {
        zero->append(low, 0);
        zero->append(high, 0);
    }
    m_residuals->addSeries(points);
    m_residuals->addSeries(zero);
    auto* xAxis = new QLogValueAxis;
    xAxis->setTitleText(tr("predicted ms"));
    xAxis->setLabelFormat(QStringLiteral("%.0f"));
    auto* yAxis = new QValueAxis;
    yAxis->setTitleText(tr("ln(actual / predicted)"));
    yAxis->setRange(-spread, spread);
    m_residuals->addAxis(xAxis, Qt::AlignBottom);
    m_residuals->addAxis(yAxis, Qt::AlignLeft);
    for (QAbstractSeries* series : m_residuals->series()) {
        series->attachAxis(xAxis);
        series->attachAxis(yAxis);
    }
}

void ModelsView::predictAll()
{
    if (!m_workspace || !m_workspace->isOpen() || m_data.family.isEmpty())
        return;
    m_runner.discardAll();
    auto workspace = m_workspace;
    m_task = m_runner.start(
        [workspace](TaskContext& context) -> qint64 {
            WorkerConnection connection(*workspace);
            QString error;
            const std::optional<qint64> stored = RuntimeModelService::predictAll(connection.db(), &context, &error);
            if (!stored) {
                context.fail(error);
                return 0;
            }
            return *stored;
        },
        [this](qint64 stored) {
            m_task = 0;
            m_data.predictionsStored = stored;
            setBusy(false);
            m_status->setText(tr("Predictions stored for %n job(s).", nullptr, int(std::min<qint64>(stored, INT_MAX))));
            Q_EMIT predictionsStored(stored);
            Q_EMIT updated();
        },
        [this](const QString& error) {
            m_task = 0;
            setBusy(false);
            m_status->setText(tr("Predicting stopped: %1").arg(error));
            // Finished batches are stored even when stopped.
            Q_EMIT predictionsStored(-1);
            Q_EMIT failed(error);
        });
    setBusy(true);
}

QString ModelsView::statusText() const
{
    return m_status->text();
}

void ModelsView::cancel()
{
    if (m_task)
        m_runner.cancel(m_task);
}

QString ModelsView::metricsText() const
{
    return m_metrics->text();
}

QString ModelsView::importanceText(int barIndex) const
{
    // The bars run from the least important shown (bottom) to the most important (top).
    const qsizetype shown = std::min<qsizetype>(kImportanceBars, m_data.importance.size());
    if (barIndex < 0 || barIndex >= shown)
        return {};
    const QJsonObject entry = m_data.importance[shown - 1 - barIndex].toObject();
    return tr("%1: importance %2")
        .arg(CoreTexts::modelFeature(entry.value(QStringLiteral("feature")).toString()),
            DisplayFormat::decimal(entry.value(QStringLiteral("importance")).toDouble(), 3));
}

void ModelsView::apply(const ModelsPageData& data)
{
    m_task = 0;
    m_data = data;
    setBusy(false);
    m_status->clear();
    if (data.predictionsStored >= 0) {
        m_status->setText(
            tr("Predictions stored for %n job(s).", nullptr, int(std::min<qint64>(data.predictionsStored, INT_MAX))));
        Q_EMIT predictionsStored(data.predictionsStored);
    }
    fillTrackRecord(data.trackRecord);
    m_scatter->removeAllSeries();
    m_importance->removeAllSeries();
    m_residuals->removeAllSeries();
    for (QAbstractAxis* axis : m_residuals->axes())
        m_residuals->removeAxis(axis);
    for (QAbstractAxis* axis : m_scatter->axes())
        m_scatter->removeAxis(axis);
    for (QAbstractAxis* axis : m_importance->axes())
        m_importance->removeAxis(axis);
    if (data.family.isEmpty()) {
        m_metrics->setText(data.error.isEmpty()
                ? tr("No workspace open.")
                : tr("No run-time model: %1. Train one with the button above.").arg(data.error));
        Q_EMIT updated();
        return;
    }
    const QJsonObject& m = data.metrics;
    m_metrics->setText(tr("Model %1 (%2): R² (log) %3, MAE %4, median q-error %5, within 20%: %6, "
                          "80% interval coverage %7 on %8 held-out jobs")
                           .arg(QString::number(data.modelId), CoreTexts::modelFamily(data.family),
                               DisplayFormat::decimal(m.value(QStringLiteral("r2_log")).toDouble(), 3),
                               DisplayFormat::milliseconds(m.value(QStringLiteral("mae_ms")).toDouble(), 0),
                               DisplayFormat::decimal(m.value(QStringLiteral("median_q_error")).toDouble(), 2),
                               DisplayFormat::percent(m.value(QStringLiteral("within_20pct")).toDouble()),
                               DisplayFormat::percent(m.value(QStringLiteral("coverage_80")).toDouble()),
                               DisplayFormat::exactCount(m.value(QStringLiteral("test_rows")).toInteger())));
    if (m.contains(QStringLiteral("repeat_within_20pct")))
        m_metrics->setText(m_metrics->text() + QLatin1Char(' ')
            + tr("For reference, %1 of held-out runs are within 20% of the median of their query shape's other "
                 "held-out runs (run-to-run variation).")
                  .arg(DisplayFormat::percent(m.value(QStringLiteral("repeat_within_20pct")).toDouble())));
    const qint64 fitted = m.value(QStringLiteral("train_rows")).toInteger();
    const qint64 available = m.value(QStringLiteral("train_rows_available")).toInteger();
    if (fitted > 0 && fitted < available)
        m_metrics->setText(m_metrics->text() + QLatin1Char(' ')
            + tr("Fitted on a sample of %1 of the %2 training jobs, stratified by query shape.")
                  .arg(DisplayFormat::exactCount(fitted), DisplayFormat::exactCount(available)));

    auto* points = new QScatterSeries;
    points->setMarkerSize(5);
    double low = 1e300, high = 1;
    for (size_t i = 0; i < data.actualMs.size(); ++i) {
        const double actual = std::max(1.0, data.actualMs[i]);
        const double predicted = std::max(1.0, data.predictedMs[i]);
        points->append(actual, predicted);
        low = std::min({low, actual, predicted});
        high = std::max({high, actual, predicted});
    }
    auto* diagonal = new QLineSeries;
    if (low < high) {
        diagonal->append(low, low);
        diagonal->append(high, high);
    }
    m_scatter->addSeries(points);
    m_scatter->addSeries(diagonal);
    auto* xAxis = new QLogValueAxis;
    xAxis->setTitleText(tr("actual ms"));
    xAxis->setLabelFormat(QStringLiteral("%.0f"));
    auto* yAxis = new QLogValueAxis;
    yAxis->setTitleText(tr("predicted ms"));
    yAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_scatter->addAxis(xAxis, Qt::AlignBottom);
    m_scatter->addAxis(yAxis, Qt::AlignLeft);
    for (QAbstractSeries* series : m_scatter->series()) {
        series->attachAxis(xAxis);
        series->attachAxis(yAxis);
    }

    fillResiduals(data);

    auto* bars = new QBarSet(tr("importance"));
    QStringList names;
    const qsizetype shown = std::min<qsizetype>(kImportanceBars, data.importance.size());
    for (qsizetype i = shown - 1; i >= 0; --i) { // the most important at the top
        const QJsonObject entry = data.importance[i].toObject();
        names.append(CoreTexts::modelFeature(entry.value(QStringLiteral("feature")).toString()));
        bars->append(std::max(0.0, entry.value(QStringLiteral("importance")).toDouble()));
    }
    auto* series = new QHorizontalBarSeries;
    series->append(bars);
    m_importance->addSeries(series);
    auto* categories = new QBarCategoryAxis;
    categories->append(names);
    auto* values = new QValueAxis;
    m_importance->addAxis(categories, Qt::AlignLeft);
    m_importance->addAxis(values, Qt::AlignBottom);
    series->attachAxis(categories);
    series->attachAxis(values);
    connect(series, &QHorizontalBarSeries::hovered, this, [this](bool status, int index, QBarSet*) {
        if (status)
            QToolTip::showText(QCursor::pos(), importanceText(index));
    });
    for (QChart* chart : {m_scatter, m_residuals, m_importance})
        ChartStyle::apply(chart, palette()); // the new series and axes
    Q_EMIT updated();
}

} // namespace dopt
