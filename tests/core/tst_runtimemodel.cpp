// Run-time model: features without leakage, cross-validated training on a demo workspace,
// calibrated intervals, storage round-trip, background training with progress and cancel.
#include "demo/demogenerator.h"
#include "demoworkspace.h"
#include "ml/features.h"
#include "ml/modelstore.h"
#include "ml/modeltrainer.h"
#include "ml/runtimemodelservice.h"
#include "store/jobrepository.h"
#include "store/workspace.h"
#include "tasks/taskrunner.h"
#include "tasks/workerconnection.h"
#include "tempworkspace.h"
#include "testdata.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <random>
#include <set>

using namespace dopt;

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

/// A feature set whose log duration is a step function of feature 0: linear models cannot
/// follow it, a forest can.
FeatureSet stepSeries(int rows, quint64 seed)
{
    FeatureSet set;
    set.names = {QStringLiteral("x0"), QStringLiteral("x1"), QStringLiteral("noise")};
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::normal_distribution<double> noise(0.0, 0.05);
    for (int i = 0; i < rows; ++i) {
        const double x0 = uniform(random), x1 = uniform(random), x2 = uniform(random);
        set.values.insert(set.values.end(), {x0, x1, x2});
        const double logMs = 5.0 + ((int(x0 * 6) % 2) ? 2.0 : 0.0) + 0.3 * x1 + noise(random);
        set.durationMs.push_back(std::exp(logMs));
        set.rowIds.push_back(i + 1);
        set.submittedMs.push_back(qint64(i) * 1000);
        set.fingerprint.push_back(0);
        set.jobIds.append(QString::number(i));
    }
    return set;
}

} // namespace

class TestRuntimeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_path = test::makeDemoWorkspace(QStringLiteral("ml.dopt"), 3000, 1, &error);
        QVERIFY2(!m_path.isEmpty(), qPrintable(error));
        QVERIFY2(m_workspace.open(m_path, &error), qPrintable(error));
    }

    void featuresUseEarlierRunsOnly()
    {
        FeatureSet set;
        QString error;
        QVERIFY2(FeatureExtractor::extract(m_workspace.database(), {}, &set, &error), qPrintable(error));
        QCOMPARE(set.size(), qsizetype(3000));
        QCOMPARE(set.names.mid(0, FeatureExtractor::fixedNames().size()), FeatureExtractor::fixedNames());
        QCOMPARE(FeatureExtractor::describe().size(), FeatureExtractor::fixedNames().size() + 1);
        QVERIFY(!set.queues.isEmpty());
        const int medianColumn = int(set.names.indexOf(QStringLiteral("log_fingerprint_median_earlier")));
        const int concurrencyColumn = int(set.names.indexOf(QStringLiteral("concurrency")));
        QVERIFY(medianColumn > 0 && concurrencyColumn > 0);

        // Brute force: the median of the same fingerprint's completed runs submitted before the row.
        std::vector<std::vector<double>> earlier(size_t(set.fingerprints.size()));
        int withHistory = 0;
        for (qsizetype i = 0; i < set.size(); ++i) {
            const auto& past = earlier[size_t(set.fingerprint[size_t(i)])];
            const double expected = past.empty() ? 0.0 : median(past);
            QVERIFY2(std::abs(set.row(i)[medianColumn] - expected) < 1e-9, qPrintable(set.jobIds[i]));
            withHistory += past.empty() ? 0 : 1;
            if (std::isfinite(set.durationMs[size_t(i)]))
                earlier[size_t(set.fingerprint[size_t(i)])].push_back(std::log(set.durationMs[size_t(i)]));
        }
        QVERIFY(withHistory > 2500);

        // Concurrency: jobs submitted earlier and still running, checked on a sample of rows.
        QSqlQuery query(m_workspace.database());
        QVERIFY(query.exec(QStringLiteral("SELECT submitted_ms, ended_ms FROM jobs ORDER BY submitted_ms, id")));
        std::vector<std::pair<qint64, qint64>> spans;
        while (query.next())
            spans.emplace_back(query.value(0).toLongLong(), query.value(1).toLongLong());
        int busy = 0;
        for (qsizetype i = 0; i < set.size(); i += 37) {
            int running = 0;
            for (qsizetype j = 0; j < i; ++j)
                running += spans[size_t(j)].second > spans[size_t(i)].first ? 1 : 0;
            QCOMPARE(set.row(i)[concurrencyColumn], double(running));
            busy += running > 0 ? 1 : 0;
        }
        QVERIFY(busy > 0);
    }

    void crossValidationPrefersTheFamilyThatFits()
    {
        const FeatureSet set = stepSeries(1500, 7);
        TrainingOptions options;
        TrainingResult result;
        QString error;
        QVERIFY2(ModelTrainer::train(set, options, nullptr, {}, &result, &error), qPrintable(error));
        QCOMPARE(result.candidates.size(), 6); // ridge, 3 kernel widths, 2 forest leaf sizes
        QVERIFY2(result.model.family() != QLatin1String("ridge"), qPrintable(result.model.family()));
        double ridge = 0, best = 1e9;
        for (const CandidateScore& score : std::as_const(result.candidates)) {
            if (score.family == QLatin1String("ridge"))
                ridge = score.cvMaeLog;
            best = std::min(best, score.cvMaeLog);
        }
        QVERIFY2(best < ridge * 0.5, qPrintable(QStringLiteral("best %1 ridge %2").arg(best).arg(ridge)));
        QVERIFY(result.model.metrics.value(QStringLiteral("r2_log")).toDouble() > 0.9);
        // x0 drives the step: it must be the most important feature, the pure-noise one the least.
        QCOMPARE(result.model.importance.first().toObject().value(QStringLiteral("feature")).toString(),
            QStringLiteral("x0"));
        QCOMPARE(result.model.importance.last().toObject().value(QStringLiteral("feature")).toString(),
            QStringLiteral("noise"));
    }

    void trainsOnTheDemoWorkspaceWithCalibratedIntervals()
    {
        TrainingResult result;
        QString error;
        QVERIFY2(RuntimeModelService::train(m_workspace.database(), {}, nullptr, &result, &error), qPrintable(error));
        const QJsonObject metrics = result.model.metrics;
        qInfo("family %s: r2_log %.3f, median q-error %.3f, within 20%% %.3f, coverage_80 %.3f, test rows %d",
            qPrintable(result.model.family()), metrics.value(QStringLiteral("r2_log")).toDouble(),
            metrics.value(QStringLiteral("median_q_error")).toDouble(),
            metrics.value(QStringLiteral("within_20pct")).toDouble(),
            metrics.value(QStringLiteral("coverage_80")).toDouble(),
            metrics.value(QStringLiteral("test_rows")).toInt());
        QVERIFY(metrics.value(QStringLiteral("r2_log")).toDouble() > 0.7);
        QVERIFY(metrics.value(QStringLiteral("median_q_error")).toDouble() < 1.6);
        const double coverage = metrics.value(QStringLiteral("coverage_80")).toDouble();
        QVERIFY2(coverage > 0.68 && coverage < 0.92, qPrintable(QString::number(coverage)));
        QVERIFY(result.model.id > 0);
        QCOMPARE(result.testActualMs.size(), size_t(result.testRows));

        // Stored and loaded again: same predictions.
        ModelStore store(m_workspace.database());
        const RuntimeModel loaded = store.loadActive(&error);
        QVERIFY2(loaded.isValid(), qPrintable(error));
        QCOMPARE(loaded.family(), result.model.family());
        QCOMPARE(loaded.features, result.model.features);
        FeatureSet set;
        FeatureOptions options;
        options.queues = loaded.queues;
        QVERIFY2(FeatureExtractor::extract(m_workspace.database(), options, &set, &error), qPrintable(error));
        for (qsizetype i = 0; i < set.size(); i += 101)
            QCOMPARE(loaded.predictLog(set.row(i)), result.model.predictLog(set.row(i)));
        QVERIFY(!store.needsRetrain(result.model.jobCount, 1.2, &error));
        QVERIFY(store.needsRetrain(qint64(result.model.jobCount * 1.25), 1.2, &error));

        // A damaged payload is refused with a reason.
        QString payloadError;
        QVERIFY(!RuntimeModel::deserialize(result.model.serialize().left(40), &payloadError).isValid());
        QVERIFY(payloadError.startsWith(QStringLiteral("model payload")));
    }

    void predictsOneJobAndRecordsIt()
    {
        QSqlQuery query(m_workspace.database());
        QVERIFY(query.exec(QStringLiteral("SELECT job_id, duration_ms FROM jobs WHERE state = 'COMPLETED' "
                                          "ORDER BY submitted_ms DESC LIMIT 1")));
        QVERIFY(query.next());
        const QString jobId = query.value(0).toString();
        QString error;
        const auto prediction = RuntimeModelService::predictJob(m_workspace.database(), jobId, &error);
        QVERIFY2(prediction, qPrintable(error));
        QVERIFY(prediction->lowMs < prediction->predictedMs && prediction->predictedMs < prediction->highMs);
        // Training stored a prediction for every job; predicting one job alone re-records the same one.
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*), MAX(p.predicted_ms) FROM predictions p "
                                          "JOIN jobs j ON j.id = p.job_row_id WHERE j.job_id = '%1'")
                               .arg(jobId))
            && query.next());
        QCOMPARE(query.value(0).toInt(), 1);
        QVERIFY(qAbs(query.value(1).toDouble() - prediction->predictedMs) <= 1e-6 * prediction->predictedMs);
        QVERIFY(!RuntimeModelService::predictJob(m_workspace.database(), QStringLiteral("nope"), &error));
        QVERIFY(error.contains(QStringLiteral("no job 'nope'")));
    }

    void trainsAsABackgroundTaskWithProgressAndCancel()
    {
        TaskRunner runner;
        QSignalSpy progress(&runner, &TaskRunner::progress);
        std::optional<TrainingResult> delivered;
        TrainingOptions options;
        options.families = {QStringLiteral("random_forest")};
        runner.start(trainingTask(options), [&](TrainingResult result) { delivered = std::move(result); });
        QTRY_VERIFY_WITH_TIMEOUT(delivered.has_value(), 300000);
        QVERIFY(progress.size() >= 2);
        QCOMPARE(progress.last().at(1).toInt(), progress.last().at(2).toInt()); // ends at done == total
        QCOMPARE(delivered->model.family(), QStringLiteral("random_forest"));

        QSqlQuery query(m_workspace.database());
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM models")) && query.next());
        const int modelsBefore = query.value(0).toInt();
        QString failure;
        QSignalSpy failed(&runner, &TaskRunner::failed);
        const quint64 id = runner.start(
            trainingTask(options), [](TrainingResult) {}, [&](const QString& error) { failure = error; });
        runner.cancel(id);
        QTRY_VERIFY_WITH_TIMEOUT(!failure.isEmpty(), 300000);
        QVERIFY2(failure.contains(QStringLiteral("cancelled")), qPrintable(failure));
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM models")) && query.next());
        QCOMPARE(query.value(0).toInt(), modelsBefore);
    }

    void stratifiedSampleKeepsEveryShapeInProportion()
    {
        // Four shapes of very different frequency, interleaved in time.
        FeatureSet set;
        set.fingerprints
            = {QStringLiteral("big"), QStringLiteral("medium"), QStringLiteral("rare"), QStringLiteral("small")};
        const int sizes[] = {9000, 900, 3, 12};
        std::vector<qsizetype> rows;
        for (int shape = 0; shape < 4; ++shape) {
            for (int i = 0; i < sizes[shape]; ++i)
                set.fingerprint.push_back(shape);
        }
        std::shuffle(set.fingerprint.begin(), set.fingerprint.end(), std::mt19937_64(7));
        for (size_t i = 0; i < set.fingerprint.size(); ++i)
            rows.push_back(qsizetype(i));
        const size_t count = rows.size();

        const std::vector<size_t> all = ModelTrainer::stratifiedSample(set, rows, count, int(count), 5);
        QCOMPARE(all.size(), count); // at or under the cap: everything

        const std::vector<size_t> sample = ModelTrainer::stratifiedSample(set, rows, count, 1000, 5);
        QVERIFY(std::is_sorted(sample.begin(), sample.end()));
        QVERIFY(std::adjacent_find(sample.begin(), sample.end()) == sample.end()); // no row twice
        int perShape[4] = {0, 0, 0, 0};
        size_t first[4] = {count, count, count, count}, last[4] = {0, 0, 0, 0};
        for (size_t i : sample) {
            const int shape = set.fingerprint[i];
            ++perShape[shape];
            first[shape] = std::min(first[shape], i);
            last[shape] = std::max(last[shape], i);
        }
        const double rate = 1000.0 / double(count);
        QCOMPARE(perShape[0], int(std::llround(9000 * rate)));
        QCOMPARE(perShape[1], int(std::llround(900 * rate)));
        QCOMPARE(perShape[2], 3); // fewer than the minimum: all of them
        QCOMPARE(perShape[3], 5); // the minimum, above its proportional share
        QVERIFY(sample.size() <= 1000 + 4 * 5);
        // Spread over the whole window, not the first rows of each shape.
        QVERIFY2(first[0] < count / 50 && last[0] > count - count / 50, "the sample spans the window");
    }

    void trainsOnASampleAndSaysSo()
    {
        FeatureSet set;
        QString error;
        QVERIFY2(FeatureExtractor::extract(m_workspace.database(), {}, &set, &error), qPrintable(error));
        TrainingOptions options;
        options.families = {QStringLiteral("random_forest")};
        options.forestTrees = 20;
        options.maxTrainRows = 600;
        TrainingResult result;
        QVERIFY2(ModelTrainer::train(set, options, nullptr, {}, &result, &error), qPrintable(error));
        QVERIFY(result.trainRowsAvailable > 2000);
        QCOMPARE(result.trainRows, qsizetype(result.trainSample.size()));
        QVERIFY2(result.trainRows >= 600 && result.trainRows < 600 + 5 * set.fingerprints.size(),
            qPrintable(QString::number(result.trainRows)));
        const QJsonObject& m = result.model.metrics;
        QCOMPARE(m.value(QStringLiteral("train_rows")).toInteger(), qint64(result.trainRows));
        QCOMPARE(m.value(QStringLiteral("train_rows_available")).toInteger(), qint64(result.trainRowsAvailable));
        QVERIFY(m.value(QStringLiteral("train_sample")).toString().contains(QStringLiteral("stratified")));
        // Every shape of the training window is in the sample.
        std::set<int> shapesAvailable, shapesSampled;
        qsizetype seen = 0;
        for (qsizetype row = 0; row < set.size() && seen < result.trainRowsAvailable; ++row) {
            if (std::isfinite(set.durationMs[size_t(row)])) {
                shapesAvailable.insert(set.fingerprint[size_t(row)]);
                ++seen;
            }
        }
        for (qsizetype row : result.trainSample)
            shapesSampled.insert(set.fingerprint[size_t(row)]);
        QCOMPARE(shapesSampled, shapesAvailable);
        // Still a useful model on the held-out jobs (all of them, not sampled).
        QCOMPARE(m.value(QStringLiteral("test_rows")).toInteger(), qint64(result.testRows));
        QVERIFY2(m.value(QStringLiteral("r2_log")).toDouble() > 0.6,
            qPrintable(QString::number(m.value(QStringLiteral("r2_log")).toDouble())));
    }

    void repeatReferenceIsTheLeaveOneOutShapeMedian()
    {
        // Shape 1 always takes 100 ms: every run is its others' median. Shape 2 alternates 100 and
        // 200 ms over four runs: a 100 ms run's others (100, 200, 200) have the median 200, a 200 ms
        // run's others (100, 100, 200) the median 100, so none is within 20%. Shape 3 has two runs:
        // left out.
        const std::vector<int> shapes {1, 1, 1, 2, 2, 2, 2, 3, 3};
        const std::vector<double> actual {100, 100, 100, 100, 200, 100, 200, 50, 5000};
        qint64 used = 0;
        QCOMPARE(ModelTrainer::repeatWithin20(shapes, actual, &used), 3.0 / 7.0);
        QCOMPARE(used, qint64(7));
        // 20% of the run itself: 110 has the others' median 120 (within 22), 100 has 125 (not within
        // 20) and 140 has 105 (not within 28).
        const std::vector<double> close {100, 110, 140};
        QCOMPARE(ModelTrainer::repeatWithin20({4, 4, 4}, close, &used), 1.0 / 3.0);
        QVERIFY(std::isnan(ModelTrainer::repeatWithin20({5, 5}, {1, 2}, &used)));
        QCOMPARE(used, qint64(0));

        // Training on the demo workspace reports it beside within_20pct, over the held-out runs.
        TrainingResult result;
        QString error;
        TrainingOptions options;
        options.families = {QStringLiteral("ridge")};
        QVERIFY2(
            RuntimeModelService::train(m_workspace.database(), options, nullptr, &result, &error), qPrintable(error));
        const QJsonObject metrics = result.model.metrics;
        const double repeat = metrics.value(QStringLiteral("repeat_within_20pct")).toDouble(-1);
        QVERIFY2(repeat > 0 && repeat < 1, qPrintable(QString::number(repeat)));
        QVERIFY(metrics.value(QStringLiteral("repeat_rows")).toInteger() > 0);
        QVERIFY(metrics.value(QStringLiteral("repeat_rows")).toInteger() <= result.testRows);
    }

    void subMillisecondRunsAreCompletedRuns()
    {
        // An OLTP-like PostgreSQL history: every statement under a millisecond (as its log reports them).
        auto workspace = test::openTempWorkspace(QStringLiteral("submillisecond"));
        QSqlDatabase db = workspace->database();
        QVERIFY(db.transaction());
        JobRepository jobs(db);
        QString error;
        constexpr int Runs = 80;
        for (int i = 0; i < Runs + 2; ++i) {
            Job job;
            job.engine = QStringLiteral("postgres");
            job.jobId = QStringLiteral("s:%1").arg(i);
            job.sql = i % 2 ? QStringLiteral("SELECT * FROM orders WHERE id = %1").arg(i)
                            : QStringLiteral("SELECT count(*) FROM items WHERE order_id = %1").arg(i);
            job.state = i == Runs ? QStringLiteral("FAILED") : QStringLiteral("COMPLETED");
            job.submittedMs = 1'700'000'000'000 + qint64(i) * 1000;
            job.durationMs = i == Runs + 1 ? 0.0 : (i % 2 ? 0.12 : 0.45) + 0.01 * (i % 5);
            job.endedMs = *job.submittedMs + 1;
            QVERIFY2(jobs.upsert(job, -1, -1, &error) > 0, qPrintable(error));
        }
        QVERIFY(db.commit());

        FeatureSet set;
        QVERIFY2(FeatureExtractor::extract(db, {}, &set, &error), qPrintable(error));
        QCOMPARE(set.size(), qsizetype(Runs + 2));
        qsizetype completed = 0;
        for (qsizetype i = 0; i < set.size(); ++i) {
            const double duration = set.durationMs[size_t(i)];
            if (!std::isfinite(duration))
                continue;
            ++completed;
            QVERIFY2(duration > 0.1 && duration < 0.5, qPrintable(QString::number(duration)));
        }
        QCOMPARE(completed, qsizetype(Runs)); // the failed run and the 0 ms one are no training target
        // The shape's history holds the sub-millisecond runs: a later run sees their (negative) log median.
        const int medianColumn = int(set.names.indexOf(QStringLiteral("log_fingerprint_median_earlier")));
        QVERIFY(set.row(Runs - 1)[medianColumn] < std::log(0.2));

        TrainingResult result;
        QVERIFY2(ModelTrainer::train(set, {}, nullptr, {}, &result, &error), qPrintable(error));
        QCOMPARE(result.trainRowsAvailable + result.testRows, qsizetype(Runs));
        for (double predicted : result.testPredictedMs)
            QVERIFY2(predicted > 0.05 && predicted < 1, qPrintable(QString::number(predicted)));
    }

    void tooFewJobsIsAClearError()
    {
        const FeatureSet set = stepSeries(20, 1);
        TrainingResult result;
        QString error;
        QVERIFY(!ModelTrainer::train(set, {}, nullptr, {}, &result, &error));
        QVERIFY(error.contains(QStringLiteral("at least 50 completed jobs")));
    }

    void cleanupTestCase() { m_workspace.close(); }

private:
    /// The work of a training task, as the GUI would start it on a TaskRunner.
    std::function<TrainingResult(TaskContext&)> trainingTask(const TrainingOptions& options)
    {
        return [this, options](TaskContext& context) {
            WorkerConnection connection(m_workspace);
            TrainingResult result;
            QString error;
            if (!RuntimeModelService::train(connection.db(), options, &context, &result, &error))
                context.fail(error);
            return result;
        };
    }

    QString m_path;
    Workspace m_workspace;
};

QTEST_GUILESS_MAIN(TestRuntimeModel)
#include "tst_runtimemodel.moc"
