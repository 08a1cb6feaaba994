// Parameter advice: Spearman's rho with known answers, advice on generated runs with a planted
// relation, no advice on unrelated runs (false positives counted over many seeds), the workspace pass.
#include "demo/demogenerator.h"
#include "demoworkspace.h"
#include "ml/parameteradvisor.h"
#include "store/jobrepository.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QFile>
#include <QJsonArray>
#include <QSqlQuery>
#include <QtTest>
#include <array>
#include <cmath>
#include <random>

using namespace dopt;

namespace {
constexpr int kSeeds = 50;

/// Runs of one shape with LIMIT values 10..10000; the run time grows with the LIMIT when `related`.
std::vector<std::pair<double, double>> limitRuns(bool related, quint64 seed)
{
    std::mt19937_64 random {seed};
    std::lognormal_distribution<double> noise(0.0, 0.3);
    const double limits[] = {10, 100, 1000, 10000};
    std::vector<std::pair<double, double>> runs;
    for (int i = 0; i < 40; ++i) {
        const double limit = limits[i % 4];
        runs.emplace_back(limit, (related ? 200.0 * std::log10(limit) : 400.0) * noise(random));
    }
    return runs;
}

/// Runs of one INSERT shape with 1..1000 rows per statement, as (batch size, ms per row). With a
/// fixed per-statement overhead the time per row falls with the batch; without one it does not.
std::vector<std::pair<double, double>> batchRuns(bool overhead, quint64 seed)
{
    std::mt19937_64 random {seed};
    std::lognormal_distribution<double> noise(0.0, 0.3);
    const double sizes[] = {1, 10, 100, 1000};
    std::vector<std::pair<double, double>> runs;
    for (int i = 0; i < 40; ++i) {
        const double rows = sizes[i % 4];
        const double statementMs = ((overhead ? 20.0 : 0.0) + 0.05 * rows) * noise(random);
        runs.emplace_back(rows, statementMs / rows);
    }
    return runs;
}

std::vector<std::pair<QString, double>> queueRuns(double slowdown, quint64 seed)
{
    std::mt19937_64 random {seed};
    std::lognormal_distribution<double> noise(0.0, 0.3);
    std::vector<std::pair<QString, double>> runs;
    for (int i = 0; i < 40; ++i) {
        const bool fast = i % 2 == 0;
        runs.emplace_back(fast ? QStringLiteral("Low Cost") : QStringLiteral("High Cost"),
            1000.0 * (fast ? 1.0 : slowdown) * noise(random));
    }
    return runs;
}
} // namespace

class TestParameterAdvisor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void spearmanKnownValues()
    {
        QCOMPARE(ParameterAdvisor::spearman({1, 2, 3, 4}, {10, 20, 30, 400}), 1.0);
        QCOMPARE(ParameterAdvisor::spearman({1, 2, 3, 4}, {4, 3, 2, 1}), -1.0);
        // Ties share their mean rank: x ranks 1.5 1.5 3 4, y ranks 1 2 3 4 -> rho = 4.5 / sqrt(4.5 * 5).
        QVERIFY(std::abs(ParameterAdvisor::spearman({1, 1, 2, 3}, {1, 2, 3, 4}) - 4.5 / std::sqrt(4.5 * 5.0)) < 1e-12);
        QCOMPARE(ParameterAdvisor::spearman({1, 1, 1}, {1, 2, 3}), 0.0);
    }

    void limitOfTheStatement()
    {
        QCOMPARE(ParameterAdvisor::limitOf(QStringLiteral("SELECT * FROM t ORDER BY a\nLIMIT 500")), 500.0);
        QCOMPARE(ParameterAdvisor::limitOf(QStringLiteral("select * from t limit 20 offset 40;")), 20.0);
        QVERIFY(!ParameterAdvisor::limitOf(QStringLiteral("SELECT * FROM (SELECT a FROM t LIMIT 5) s WHERE a > 1")));
    }

    void fetchFirstCountsAsALimit()
    {
        QCOMPARE(
            ParameterAdvisor::limitOf(QStringLiteral("SELECT a FROM t ORDER BY a FETCH FIRST 50 ROWS ONLY")), 50.0);
        QCOMPARE(
            ParameterAdvisor::limitOf(QStringLiteral("select a from t offset 10 rows fetch next 1 row only;")), 1.0);
        QVERIFY(!ParameterAdvisor::limitOf(QStringLiteral("SELECT a FROM t FETCH FIRST 5 ROWS ONLY UNION SELECT 1")));
    }

    void batchSizeOfTheStatement()
    {
        QCOMPARE(
            ParameterAdvisor::batchSizeOf(QStringLiteral("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, 'z')")),
            3.0);
        QCOMPARE(ParameterAdvisor::batchSizeOf(QStringLiteral("insert into s.t values (1)")), 1.0);
        // Parentheses and quotes inside literals, nested calls, trailing clauses.
        QCOMPARE(ParameterAdvisor::batchSizeOf(QStringLiteral(
                     "INSERT INTO t VALUES ('a (b', lower('C')), ('it''s )', 2) ON CONFLICT (a) DO NOTHING")),
            2.0);
        QCOMPARE(ParameterAdvisor::batchSizeOf(QStringLiteral("INSERT INTO t VALUES (1), (2) RETURNING id")), 2.0);
        QVERIFY(!ParameterAdvisor::batchSizeOf(QStringLiteral("INSERT INTO t SELECT * FROM u")));
        QVERIFY(!ParameterAdvisor::batchSizeOf(QStringLiteral("INSERT INTO t DEFAULT VALUES")));
        QVERIFY(!ParameterAdvisor::batchSizeOf(QStringLiteral("SELECT * FROM t WHERE a IN (1, 2)")));
        QVERIFY(!ParameterAdvisor::batchSizeOf(QStringLiteral("INSERT INTO t VALUES (1, 'unterminated)")));
    }

    void recommendsTheBatchSizeWithTheLowestCostPerRow()
    {
        int found = 0, falsePositives = 0;
        double confidence = 0;
        for (int seed = 0; seed < kSeeds; ++seed) {
            const auto related
                = ParameterAdvisor::adviseNumeric(QStringLiteral("batch_size"), batchRuns(true, seed), seed);
            if (related && related->recommendedValue == QLatin1String("1000")) {
                ++found;
                confidence += related->confidence;
            }
            falsePositives
                += ParameterAdvisor::adviseNumeric(QStringLiteral("batch_size"), batchRuns(false, seed), seed) ? 1 : 0;
        }
        qInfo("batch size: advised in %d of %d shapes with a per-statement overhead (mean confidence %.2f), %d of %d "
              "without",
            found, kSeeds, confidence / std::max(1, found), falsePositives, kSeeds);
        QVERIFY(found >= 0.8 * kSeeds);
        QVERIFY(falsePositives < 0.1 * kSeeds);
    }

    void workspacePassAdvisesBatchSizes()
    {
        // INSERT jobs of one shape with 1..1000 rows and a fixed 20 ms per statement: the largest
        // batch is cheapest per row. Another shape with no overhead gets no batch advice.
        QString error;
        const QString path = test::tempDir() + QStringLiteral("/advice-batches.dopt");
        QFile::remove(path);
        Workspace workspace;
        QVERIFY2(workspace.open(path, &error), qPrintable(error));
        JobRepository jobs(workspace.database());
        std::mt19937_64 random {3};
        std::lognormal_distribution<double> noise(0.0, 0.3);
        workspace.database().transaction();
        for (int i = 0; i < 80; ++i) {
            const bool overhead = i % 2 == 0;
            const int rows = std::array {1, 10, 100, 1000}[size_t(i / 2 % 4)];
            QStringList tuples;
            for (int r = 0; r < rows; ++r)
                tuples.append(QStringLiteral("(%1, 'v%1')").arg(r));
            Job job;
            job.engine = QStringLiteral("postgres");
            job.jobId = QStringLiteral("insert-%1").arg(i);
            job.state = QStringLiteral("COMPLETED");
            job.submittedMs = 1'700'000'000'000 + i * 1000;
            job.sql = QStringLiteral("INSERT INTO %1 (id, v) VALUES %2")
                          .arg(overhead ? QStringLiteral("events") : QStringLiteral("audit"),
                              tuples.join(QStringLiteral(", ")));
            job.durationMs
                = qMax<qint64>(1, qint64(std::llround(((overhead ? 20.0 : 0.0) + 0.05 * rows) * noise(random) * 1000)));
            QVERIFY2(jobs.upsert(job, 0, 0, &error) > 0, qPrintable(error));
        }
        workspace.database().commit();
        QVector<ParameterAdvice> advice;
        QVERIFY2(ParameterAdvisor::analyzeWorkspace(workspace.database(), nullptr, &advice, &error), qPrintable(error));
        int batchAdvice = 0;
        for (const ParameterAdvice& one : std::as_const(advice)) {
            if (one.parameter != QLatin1String("batch_size"))
                continue;
            ++batchAdvice;
            QVERIFY2(one.sql.contains(QStringLiteral("INSERT INTO events")), qPrintable(one.sql.left(60)));
            QCOMPARE(one.recommendedValue, QStringLiteral("1000"));
            QVERIFY(one.confidence > 0.5);
            QCOMPARE(one.detail.value(QStringLiteral("values")).toArray().size(), 4);
        }
        QCOMPARE(batchAdvice, 1);
        workspace.close();
    }

    void recommendsTheValueThatIsConsistentlyFaster()
    {
        int limitFound = 0, limitFalse = 0, queueFound = 0, queueFalse = 0;
        double confidence = 0;
        for (int seed = 0; seed < kSeeds; ++seed) {
            const auto related = ParameterAdvisor::adviseNumeric(QStringLiteral("limit"), limitRuns(true, seed), seed);
            if (related && related->recommendedValue == QLatin1String("10")) {
                ++limitFound;
                confidence += related->confidence;
            }
            limitFalse
                += ParameterAdvisor::adviseNumeric(QStringLiteral("limit"), limitRuns(false, seed), seed) ? 1 : 0;
            const auto queue = ParameterAdvisor::adviseCategorical(QStringLiteral("queue"), queueRuns(2.0, seed), seed);
            queueFound += queue && queue->recommendedValue == QLatin1String("Low Cost") ? 1 : 0;
            queueFalse
                += ParameterAdvisor::adviseCategorical(QStringLiteral("queue"), queueRuns(1.0, seed), seed) ? 1 : 0;
        }
        qInfo("limit: advised in %d of %d related shapes (mean confidence %.2f), %d of %d unrelated; queue: %d of %d, "
              "%d of %d",
            limitFound, kSeeds, confidence / std::max(1, limitFound), limitFalse, kSeeds, queueFound, kSeeds,
            queueFalse, kSeeds);
        QVERIFY(limitFound >= 0.8 * kSeeds);
        QVERIFY(queueFound >= 0.8 * kSeeds);
        QVERIFY(limitFalse < 0.1 * kSeeds);
        QVERIFY(queueFalse < 0.1 * kSeeds);
        QVERIFY(confidence / limitFound > 0.5);
    }

    void confidenceFollowsConsistency()
    {
        // The same relation, noisier: lower confidence (or no advice).
        std::mt19937_64 random {5};
        std::lognormal_distribution<double> tight(0.0, 0.1), loose(0.0, 0.8);
        std::vector<std::pair<double, double>> clean, noisy;
        for (int i = 0; i < 60; ++i) {
            const double limit = double(10 * (1 + i % 6));
            clean.emplace_back(limit, limit * tight(random));
            noisy.emplace_back(limit, limit * loose(random));
        }
        const auto strong = ParameterAdvisor::adviseNumeric(QStringLiteral("limit"), clean, 1);
        const auto weak = ParameterAdvisor::adviseNumeric(QStringLiteral("limit"), noisy, 1);
        QVERIFY(strong);
        QVERIFY(!weak || weak->confidence < strong->confidence);
        QCOMPARE(strong->detail.value(QStringLiteral("values")).toArray().size(), 6);
        // Too few runs: nothing.
        QVERIFY(!ParameterAdvisor::adviseNumeric(QStringLiteral("limit"), {{10, 1}, {20, 2}, {30, 3}}, 1));
    }

    void workspacePassStoresItsAdvice()
    {
        QString error;
        const QString path = test::makeDemoWorkspace(QStringLiteral("advice.dopt"), 3000, 0, &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        Workspace workspace;
        QVERIFY2(workspace.open(path, &error), qPrintable(error));
        QVector<ParameterAdvice> advice;
        QVERIFY2(ParameterAdvisor::analyzeWorkspace(workspace.database(), nullptr, &advice, &error), qPrintable(error));
        for (const ParameterAdvice& one : std::as_const(advice)) {
            QCOMPARE(one.fingerprint.size(), 16);
            QVERIFY(one.confidence > 0 && one.confidence < 1);
            QVERIFY(QStringList({QStringLiteral("limit"), QStringLiteral("queue"), QStringLiteral("engine")})
                        .contains(one.parameter));
        }
        QVERIFY2(ParameterAdvisor::store(workspace.database(), advice, &error), qPrintable(error));
        QVERIFY2(ParameterAdvisor::store(workspace.database(), advice, &error), qPrintable(error)); // replaces
        QSqlQuery query(workspace.database());
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM parameter_advice")) && query.next());
        QCOMPARE(query.value(0).toInt(), int(advice.size()));
        qInfo("demo workspace: %d pieces of advice", int(advice.size()));
        workspace.close();
    }
};

QTEST_GUILESS_MAIN(TestParameterAdvisor)
#include "tst_parameteradvisor.moc"
