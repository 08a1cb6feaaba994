// The run-time model in the query browser (offscreen, real demo workspace): the optional Predicted,
// Interval and Actual/Predicted columns read the stored predictions with the page query, the
// Models page's Predict all stores them on a worker, and the job detail names the model.
#include "analysis/recommendationstore.h"
#include "columnchooser.h"
#include "demoworkspace.h"
#include "displayformat.h"
#include "jobdetailview.h"
#include "jobtablemodel.h"
#include "measure/measurementstore.h"
#include "ml/features.h"
#include "ml/modelsview.h"
#include "ml/runtimemodelservice.h"
#include "ml/trackrecord.h"
#include "ml/whatifestimator.h"
#include "querybrowser.h"
#include "recommendations/recommendationsview.h"
#include "store/workspace.h"

#include <QChart>
#include <QHeaderView>
#include <QMenu>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTableWidget>
#include <QtTest>
#include <cmath>

using namespace dopt;

namespace {

bool waitForFirstPage(JobTableModel& model)
{
    return QTest::qWaitFor([&model] { return model.isFirstPageReady() && model.isCountKnown(); }, 60000);
}

QString cell(const JobTableModel& model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

} // namespace

class TestPredictionColumns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        const QString path = test::makeDemoWorkspace(QStringLiteral("predictioncolumns.dopt"), 700, 4, &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        m_workspace = std::make_shared<Workspace>();
        QVERIFY2(m_workspace->open(path, &error), qPrintable(error));
        TrainingOptions options;
        options.families = {QStringLiteral("ridge")};
        TrainingResult result;
        QVERIFY2(
            RuntimeModelService::train(m_workspace->database(), options, nullptr, &result, &error), qPrintable(error));
        m_modelId = result.model.id;
    }

    void columnsShowTheStoredPrediction()
    {
        JobTableModel model;
        model.setWorkspace(m_workspace);
        QVERIFY(waitForFirstPage(model));
        QCOMPARE(
            model.headerData(JobTableModel::PredictedColumn, Qt::Horizontal).toString(), QStringLiteral("Predicted"));
        int checked = 0;
        for (int row = 0; row < 40; ++row) {
            const std::optional<JobRow> job = model.jobAt(row);
            QVERIFY(job && job->prediction);
            const JobPrediction& p = *job->prediction;
            QCOMPARE(p.modelId, m_modelId);
            QCOMPARE(cell(model, row, JobTableModel::PredictedColumn),
                DisplayFormat::duration(qint64(std::llround(p.predictedMs))));
            QCOMPARE(cell(model, row, JobTableModel::IntervalColumn),
                DisplayFormat::duration(qint64(std::llround(p.lowMs))) + QStringLiteral(" – ")
                    + DisplayFormat::duration(qint64(std::llround(p.highMs))));
            if (job->job.durationMs) {
                QCOMPARE(cell(model, row, JobTableModel::RatioColumn),
                    QLocale().toString(double(*job->job.durationMs) / p.predictedMs, 'f', 2) + QStringLiteral("×"));
                ++checked;
            }
            QVERIFY(model.data(model.index(row, JobTableModel::IntervalColumn), Qt::ToolTipRole)
                        .toString()
                        .contains(QStringLiteral("model %1").arg(m_modelId)));
        }
        QVERIFY(checked > 10);
    }

    void headerClickSortsByThePrediction()
    {
        JobTableModel model;
        model.setWorkspace(m_workspace);
        QVERIFY(waitForFirstPage(model));
        const auto firstRows = [&model](int column) {
            std::vector<double> values;
            for (int row = 0; row < 30; ++row) {
                const std::optional<JobRow> job = model.jobAt(row);
                if (!job || !job->prediction)
                    return std::vector<double>();
                const JobPrediction& p = *job->prediction;
                values.push_back(column == JobTableModel::PredictedColumn ? p.predictedMs
                        : column == JobTableModel::IntervalColumn         ? p.highMs - p.lowMs
                        : job->job.durationMs                             ? double(*job->job.durationMs) / p.predictedMs
                                                                          : -1.0);
            }
            return values;
        };
        QSignalSpy failed(&model, &JobTableModel::loadFailed);
        for (int column : {JobTableModel::PredictedColumn, JobTableModel::IntervalColumn, JobTableModel::RatioColumn}) {
            for (Qt::SortOrder order : {Qt::DescendingOrder, Qt::AscendingOrder}) {
                model.sort(column, order);
                QVERIFY(waitForFirstPage(model));
                QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
                const std::vector<double> values = firstRows(column);
                QCOMPARE(values.size(), size_t(30));
                QVERIFY(std::find(values.begin(), values.end(), -1.0) == values.end()); // known values first
                QVERIFY(order == Qt::DescendingOrder ? std::is_sorted(values.rbegin(), values.rend())
                                                     : std::is_sorted(values.begin(), values.end()));
                QVERIFY(values.front() != values.back());
            }
        }
    }

    void browserHidesThemUntilChosen()
    {
        QueryBrowser browser;
        browser.setWorkspace(m_workspace);
        QHeaderView* header = browser.view()->horizontalHeader();
        for (int column : {JobTableModel::PredictedColumn, JobTableModel::IntervalColumn, JobTableModel::RatioColumn})
            QVERIFY(header->isSectionHidden(column));
        QVERIFY(!header->isSectionHidden(JobTableModel::DurationColumn));
        QMenu menu;
        ColumnChooser::populate(&menu, header);
        QAction* predicted = nullptr;
        for (QAction* action : menu.actions())
            if (action->text() == QStringLiteral("Predicted"))
                predicted = action;
        QVERIFY(predicted);
        QVERIFY(!predicted->isChecked());
        predicted->setChecked(true);
        QVERIFY(!header->isSectionHidden(JobTableModel::PredictedColumn));
    }

    void predictAllFillsTheColumnsAgain()
    {
        QSqlDatabase db = m_workspace->database();
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("DELETE FROM predictions")));
        JobTableModel model;
        model.setWorkspace(m_workspace);
        QVERIFY(waitForFirstPage(model));
        QVERIFY(cell(model, 0, JobTableModel::PredictedColumn).isEmpty());
        QVERIFY(!model.jobAt(0)->prediction);

        ModelsView page;
        QSignalSpy updated(&page, &ModelsView::updated);
        page.setWorkspace(m_workspace);
        QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty() && !page.isBusy(), 120000);
        QCOMPARE(page.data().modelId, m_modelId);
        QSignalSpy stored(&page, &ModelsView::predictionsStored);
        connect(&page, &ModelsView::predictionsStored, &model, &JobTableModel::refresh); // as the main window does
        page.predictAll();
        QVERIFY(page.isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!stored.isEmpty(), 120000);
        QSqlQuery count(db);
        QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM predictions")) && count.next());
        QCOMPARE(stored.first().first().toLongLong(), count.value(0).toLongLong());
        QVERIFY(count.value(0).toLongLong() >= 700);
        QVERIFY(page.statusText().contains(QString::number(count.value(0).toLongLong())));
        QTRY_VERIFY_WITH_TIMEOUT(model.jobAt(0) && model.jobAt(0)->prediction, 60000);
        QVERIFY(!cell(model, 0, JobTableModel::PredictedColumn).isEmpty());
    }

    void detailNamesThePredictionAndItsModel()
    {
        JobTableModel model;
        model.setWorkspace(m_workspace);
        QVERIFY(waitForFirstPage(model));
        const std::optional<JobRow> row = model.jobAt(0);
        QVERIFY(row && row->prediction);
        JobDetailView detail;
        detail.setWorkspace(m_workspace);
        detail.showJob(*row);
        const QString summary = detail.summaryText();
        QVERIFY2(
            summary.contains(QStringLiteral("Predicted %1")
                                 .arg(DisplayFormat::duration(qint64(std::llround(row->prediction->predictedMs))))),
            qPrintable(summary));
        QVERIFY2(
            summary.contains(QStringLiteral("by model %1 (ridge regression)").arg(m_modelId)), qPrintable(summary));
    }

    void modelsPageShowsResidualsAndTrackRecord()
    {
        QString error;
        Recommendation r;
        r.detector = QStringLiteral("partition_pruning");
        r.key = Recommendation::makeKey(r.detector, QStringLiteral("f"), QStringLiteral("t"));
        r.title = QStringLiteral("prune");
        r.confidence = 0.7;
        const qint64 id = RecommendationStore(m_workspace->database()).upsert(r, &error);
        QVERIFY2(id > 0, qPrintable(error));
        MeasurementRequest request;
        request.recommendationId = id;
        request.sqlBefore = QStringLiteral("SELECT 1");
        request.predictedImprovementShare = 0.4;
        MeasurementStore measurements(m_workspace->database());
        MeasurementResult result;
        result.id = measurements.create(request, QStringLiteral("test"), 1000, &error);
        QVERIFY2(result.id > 0, qPrintable(error));
        result.state = QStringLiteral("done");
        MeasurementSummary summary;
        summary.medianBeforeMs = 200;
        summary.medianAfterMs = 160; // measured 20% against 40% predicted
        result.summary = summary;
        QVERIFY2(measurements.finish(result, &error), qPrintable(error));

        ModelsView page;
        page.resize(1400, 800);
        page.show();
        QSignalSpy updated(&page, &ModelsView::updated);
        page.setWorkspace(m_workspace);
        QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty() && !page.isBusy(), 120000);
        QTableWidget* table = page.trackRecordTable();
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("partition_pruning"));
        QCOMPARE(table->item(0, 1)->text(), QLocale().toString(1));
        QCOMPARE(table->item(0, 2)->text(), QLocale().toString(0.2 / 0.4, 'f', 2));
        QCOMPARE(table->item(0, 3)->text(), QLocale().toString(TrackRecord::confidenceFactor(1, 0.5), 'f', 2));
        auto* residuals = qobject_cast<QScatterSeries*>(page.residualChart()->series().first());
        QVERIFY(residuals);
        QCOMPARE(residuals->count(), int(page.data().actualMs.size()));
        QVERIFY(residuals->count() > 50);
        // Each point: x the prediction, y ln(actual / predicted).
        const QPointF point = residuals->at(0);
        QVERIFY(qAbs(point.x() - std::max(1.0, page.data().predictedMs[0])) < 1e-9);
        QVERIFY(qAbs(point.y() - std::log(std::max(1.0, page.data().actualMs[0]) / point.x())) < 1e-9);
        QVERIFY(!page.grab().isNull());
    }

    void recommendationsPageNamesTheModelEstimate()
    {
        // A what-if estimate made by the workspace's model, stored and shown.
        FeatureSet features;
        QString error;
        QVERIFY2(FeatureExtractor::extract(m_workspace->database(), {}, &features, &error), qPrintable(error));
        Recommendation r;
        r.detector = QStringLiteral("reflection_missing");
        r.fingerprint = features.fingerprints.first();
        r.key = Recommendation::makeKey(r.detector, r.fingerprint, QStringLiteral("whatif"));
        r.title = QStringLiteral("what-if");
        r.confidence = 0.9;
        r.improvementShare = 0.5;
        r.frequency = 10;
        r.currentCostMs = 50000;
        r.score = 1e9; // first in the list
        QVector<Recommendation> list {r};
        QVERIFY2(WhatIfEstimator::apply(m_workspace->database(), &list, &error), qPrintable(error));
        list.first().score = 1e9;
        QVERIFY(RecommendationStore(m_workspace->database()).upsert(list.first(), &error) > 0);

        RecommendationsView view;
        QSignalSpy loaded(&view, &RecommendationsView::loaded);
        view.setWorkspace(m_workspace);
        QVERIFY(loaded.wait(30000));
        view.selectRow(0);
        QVERIFY(view.current());
        QCOMPARE(view.current()->title, QStringLiteral("what-if"));
        QVERIFY2(view.detailsText().contains(
                     QStringLiteral("Saving estimated by model %1 (ridge regression)").arg(m_modelId)),
            qPrintable(view.detailsText()));
    }

private:
    std::shared_ptr<Workspace> m_workspace;
    qint64 m_modelId = 0;
};

QTEST_MAIN(TestPredictionColumns)
#include "tst_predictioncolumns.moc"
