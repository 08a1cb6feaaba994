// Stored predictions of the run-time model: training stores one per job, Predict all re-stores them
// in whole batches (cancel keeps finished batches only), the job listing reads them with its page
// query, and a new model replaces the old model's predictions.
#include "demoworkspace.h"
#include "ml/features.h"
#include "ml/modelstore.h"
#include "ml/runtimemodelservice.h"
#include "store/jobrepository.h"
#include "store/workspace.h"
#include "tasks/taskcontext.h"

#include <QSqlQuery>
#include <QThread>
#include <QtTest>

using namespace dopt;

namespace {

qint64 scalar(QSqlDatabase db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

TrainingOptions quickOptions()
{
    TrainingOptions options;
    options.families = {QStringLiteral("ridge")}; // fast: this test is about storage, not accuracy
    return options;
}

} // namespace

class TestMlPredictions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        const QString path = test::makeDemoWorkspace(QStringLiteral("mlpredictions.dopt"), 900, 3, &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        QVERIFY2(m_workspace.open(path, &error), qPrintable(error));
        m_jobs = scalar(
            m_workspace.database(), QStringLiteral("SELECT COUNT(*) FROM jobs WHERE submitted_ms IS NOT NULL"));
        QVERIFY(m_jobs > 800);
    }

    void trainingStoresAPredictionPerJob()
    {
        QString error;
        TrainingResult result;
        QVERIFY2(RuntimeModelService::train(m_workspace.database(), quickOptions(), nullptr, &result, &error),
            qPrintable(error));
        QCOMPARE(result.predictionsStored, m_jobs);
        QCOMPARE(ModelStore(m_workspace.database()).predictionCount(result.model.id, &error).value_or(-1), m_jobs);
        m_modelId = result.model.id;
    }

    void listingCarriesTheActiveModelsPrediction()
    {
        JobRepository jobs(m_workspace.database());
        JobQuery query;
        const QVector<JobRow> rows = jobs.page(query, 0, 50);
        QCOMPARE(rows.size(), 50);
        for (const JobRow& row : rows) {
            QVERIFY(row.prediction.has_value());
            QCOMPARE(row.prediction->modelId, m_modelId);
            QCOMPARE(row.prediction->modelFamily, QStringLiteral("ridge"));
            QVERIFY(row.prediction->lowMs <= row.prediction->predictedMs);
            QVERIFY(row.prediction->predictedMs <= row.prediction->highMs);
        }
        // The stored value is the one predict computes for that job on its own (features from
        // earlier jobs only, so predicting one job alone gives the same number).
        QString error;
        const JobRow& sample = rows.at(7);
        const std::optional<RuntimePrediction> alone
            = RuntimeModelService::predictJob(m_workspace.database(), sample.job.jobId, &error);
        QVERIFY2(alone, qPrintable(error));
        QVERIFY(qAbs(alone->predictedMs - sample.prediction->predictedMs) <= 1e-6 * sample.prediction->predictedMs);
        QVERIFY(qAbs(alone->highMs - sample.prediction->highMs) <= 1e-6 * sample.prediction->highMs);
        // Keyset paging and single-row reads carry it too.
        const QVector<JobRow> next = jobs.pageAfter(query, JobRepository::cursorOf(rows.last(), query.sortColumn), 10);
        QCOMPARE(next.size(), 10);
        QVERIFY(next.first().prediction.has_value());
        const std::optional<JobRow> byId = jobs.findByRowId(sample.rowId);
        QVERIFY(byId && byId->prediction);
        QCOMPARE(byId->prediction->predictedMs, sample.prediction->predictedMs);
    }

    void predictAllStoresWholeBatchesAndStopsOnCancel()
    {
        QSqlDatabase db = m_workspace.database();
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("DELETE FROM predictions")));
        auto cancelled = std::make_shared<std::atomic_bool>(false);
        int batchesSeen = 0;
        // Cancel once the second batch is reported stored. The sink outwaits the context's progress
        // throttle (its clock restarts before the sink runs), so every batch's report reaches it.
        TaskContext context(1, cancelled, [&](int, int, const QString& message) {
            if (message.startsWith(QStringLiteral("Storing predictions")) && ++batchesSeen == 2)
                cancelled->store(true);
            QThread::msleep(TaskContext::ProgressIntervalMs + 20);
        });
        QString error;
        constexpr int Batch = 97;
        const std::optional<qint64> stopped = RuntimeModelService::predictAll(db, &context, &error, Batch);
        QVERIFY(!stopped);
        QVERIFY2(error.contains(QStringLiteral("cancelled")), qPrintable(error));
        const qint64 kept = scalar(db, QStringLiteral("SELECT COUNT(*) FROM predictions"));
        QVERIFY2(kept > 0 && kept < m_jobs, qPrintable(QString::number(kept)));
        QCOMPARE(kept % Batch, 0); // each batch is one transaction: whole or absent

        error.clear();
        const std::optional<qint64> all = RuntimeModelService::predictAll(db, nullptr, &error, Batch);
        QVERIFY2(all, qPrintable(error));
        QCOMPARE(*all, m_jobs);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM predictions")), m_jobs);
    }

    void aNewModelReplacesThePredictions()
    {
        QString error;
        TrainingOptions options = quickOptions();
        options.families = {QStringLiteral("random_forest")};
        options.forestTrees = 10;
        TrainingResult result;
        QVERIFY2(
            RuntimeModelService::train(m_workspace.database(), options, nullptr, &result, &error), qPrintable(error));
        QVERIFY(result.model.id != m_modelId);
        QSqlDatabase db = m_workspace.database();
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM predictions WHERE model_id = %1").arg(m_modelId)),
            qint64(0));
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM predictions")), m_jobs);
        const QVector<JobRow> rows = JobRepository(db).page(JobQuery(), 0, 5);
        QVERIFY(rows.first().prediction);
        QCOMPARE(rows.first().prediction->modelId, result.model.id);
        QCOMPARE(rows.first().prediction->modelFamily, QStringLiteral("random_forest"));
    }

    void listingSortsByThePredictionColumns_data()
    {
        QTest::addColumn<QString>("column");
        QTest::addColumn<bool>("descending");
        for (const char* column : {"predicted_ms", "prediction_interval", "actual_to_predicted"}) {
            QTest::addRow("%s desc", column) << QString::fromLatin1(column) << true;
            QTest::addRow("%s asc", column) << QString::fromLatin1(column) << false;
        }
    }
    void listingSortsByThePredictionColumns()
    {
        QFETCH(QString, column);
        QFETCH(bool, descending);
        JobRepository jobs(m_workspace.database());
        // Expected order, computed here from the rows in their default order: known values by
        // value (row id breaks ties), then unknown ones by row id, in the same direction.
        QVector<JobRow> expected = jobs.page(JobQuery(), 0, int(m_jobs) + 100);
        QVERIFY(expected.size() >= m_jobs);
        qsizetype known = 0;
        for (const JobRow& row : std::as_const(expected))
            known += JobRepository::cursorOf(row, column).sortValue.isNull() ? 0 : 1;
        QVERIFY2(known > m_jobs / 2, "the trained model predicted most jobs");
        std::sort(expected.begin(), expected.end(), [&](const JobRow& a, const JobRow& b) {
            const QVariant va = JobRepository::cursorOf(a, column).sortValue;
            const QVariant vb = JobRepository::cursorOf(b, column).sortValue;
            if (va.isNull() != vb.isNull())
                return !va.isNull();
            if (!va.isNull() && va.toDouble() != vb.toDouble())
                return descending ? va.toDouble() > vb.toDouble() : va.toDouble() < vb.toDouble();
            return descending ? a.rowId > b.rowId : a.rowId < b.rowId;
        });
        QVector<qint64> expectedIds;
        for (const JobRow& row : std::as_const(expected))
            expectedIds.append(row.rowId);

        JobQuery query;
        query.sortColumn = column;
        query.descending = descending;
        QVector<qint64> offsetIds, keysetIds;
        for (const JobRow& row : jobs.page(query, 0, int(m_jobs) + 100))
            offsetIds.append(row.rowId);
        QVERIFY2(jobs.lastError().isEmpty(), qPrintable(jobs.lastError()));
        QCOMPARE(offsetIds, expectedIds);
        // Scrolling: keyset pages of 64 walk the same order.
        JobCursor cursor;
        for (int guard = 0; guard < 1000; ++guard) {
            const QVector<JobRow> rows = jobs.pageAfter(query, cursor, 64);
            QVERIFY2(jobs.lastError().isEmpty(), qPrintable(jobs.lastError()));
            if (rows.isEmpty())
                break;
            for (const JobRow& row : rows)
                keysetIds.append(row.rowId);
            cursor = JobRepository::cursorOf(rows.last(), column);
        }
        QCOMPARE(keysetIds, expectedIds);
    }

    void predictAllWithoutAModelSaysSo()
    {
        QString error;
        const QString path = test::makeDemoWorkspace(QStringLiteral("mlpredictions-empty.dopt"), 60, 0, &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        Workspace empty;
        QVERIFY2(empty.open(path, &error), qPrintable(error));
        QVERIFY(!RuntimeModelService::predictAll(empty.database(), nullptr, &error));
        QVERIFY2(error.contains(QStringLiteral("train first")), qPrintable(error));
        QVERIFY(!JobRepository(empty.database()).page(JobQuery(), 0, 1).first().prediction);
    }

private:
    Workspace m_workspace;
    qint64 m_jobs = 0;
    qint64 m_modelId = 0;
};

QTEST_GUILESS_MAIN(TestMlPredictions)
#include "tst_mlpredictions.moc"
