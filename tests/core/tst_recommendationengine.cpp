// The four detectors added with recommendations (subquery_rewrite, non_sargable, reflection_missing,
// reflection_unused), the reflection planner, the recommendation engine (actions, scores, merging,
// the per-fingerprint cap) and the whole chain on a demo workspace (stored, ranked, ids and status kept).
#include "analysis/analysisengine.h"
#include "analysis/nonsargabledetector.h"
#include "analysis/recommendationengine.h"
#include "analysis/recommendationstore.h"
#include "analysis/reflectionmissingdetector.h"
#include "analysis/reflectionplanner.h"
#include "analysis/reflectionunuseddetector.h"
#include "analysis/subqueryrewritedetector.h"
#include "demo/demogenerator.h"
#include "demoworkspace.h"
#include "sql/sqlrewriter.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QSet>
#include <QSqlQuery>
#include <QTest>

using namespace dopt;

namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

Job job(const QString& sql, qint64 durationMs, bool accelerated = false)
{
    Job j;
    j.jobId = QStringLiteral("job-") + QString::number(qHash(sql) % 100000);
    j.sql = sql;
    j.state = QStringLiteral("COMPLETED");
    j.durationMs = durationMs;
    j.submittedMs = 1700000000000;
    j.accelerated = accelerated;
    return j;
}

QVector<Finding> run(const Detector& detector, const Job& j, const FingerprintContext& context = {})
{
    const PlanTree tree;
    DetectorInput input;
    input.job = &j;
    input.tree = &tree;
    input.context = &context;
    input.fingerprint = QStringLiteral("fp-") + QString::number(qHash(j.sql));
    return detector.detect(input);
}

FingerprintContext frequentSlow(int runs, double medianMs)
{
    FingerprintContext context;
    context.runCount = runs;
    Baseline b;
    b.runCount = runs;
    b.durationP50 = medianMs;
    context.baseline = b;
    return context;
}

ReflectionUsage reflection(const QString& id, qint64 chosen, qint64 footprint, const QString& status = {})
{
    ReflectionUsage r;
    r.reflectionId = id;
    r.name = QStringLiteral("r_") + id;
    r.type = QStringLiteral("RAW");
    r.datasetPath = QStringLiteral("sales.orders");
    r.status = status.isEmpty() ? QStringLiteral("CAN_ACCELERATE") : status;
    r.chosenCount = chosen;
    r.footprintBytes = footprint;
    r.lastRefreshDurationMs = 120000;
    return r;
}

Finding finding(const QString& detector, const QString& fingerprint, const QString& sql, qint64 improvementMs,
    double confidence = 0.8)
{
    Finding f;
    f.detectorId = detector;
    f.fingerprint = fingerprint;
    f.sql = sql;
    f.improvementMs = improvementMs;
    f.confidence = confidence;
    f.severity = Severity::Medium;
    f.title = detector + QLatin1Char(' ') + fingerprint;
    f.jobIds = {fingerprint + QStringLiteral("-job")};
    return f;
}

} // namespace

class TestRecommendationEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void subqueryRewrite()
    {
        const SubqueryRewriteDetector detector;
        const QVector<Finding> notIn
            = run(detector, job(QStringLiteral("SELECT a FROM t WHERE x NOT IN (SELECT y FROM u)"), 5000));
        QCOMPARE(notIn.size(), 1);
        QCOMPARE(notIn[0].action, ActionKind::SqlRewrite);
        QCOMPARE(notIn[0].severity, Severity::Medium);
        QCOMPARE(notIn[0].improvementMs, 1500);
        // NOT IN that cannot be rewritten safely (joined outer tables): still found, less sure.
        const QVector<Finding> ambiguous = run(detector,
            job(QStringLiteral("SELECT a FROM t JOIN v ON t.k = v.k WHERE x NOT IN (SELECT y FROM u)"), 90000));
        QCOMPARE(ambiguous.size(), 1);
        QCOMPARE(ambiguous[0].action, ActionKind::Investigate);
        QCOMPARE(ambiguous[0].severity, Severity::High);
        QVERIFY(ambiguous[0].confidence < notIn[0].confidence);
        const QVector<Finding> scalar = run(detector,
            job(QStringLiteral("SELECT c.id, (SELECT MAX(o.total) FROM orders o WHERE o.cid = c.id) FROM customers c"),
                300));
        QCOMPARE(scalar.size(), 1);
        QCOMPARE(scalar[0].severity, Severity::Low);
        QVERIFY(
            run(detector, job(QStringLiteral("SELECT a FROM t WHERE x IN (1, 2) AND y NOT IN ('a')"), 5000)).isEmpty());
        QVERIFY(run(detector, job(QStringLiteral("SELECT (SELECT MAX(total) FROM orders) FROM customers c"), 5000))
                    .isEmpty());
    }

    void nonSargable()
    {
        const NonSargableDetector detector;
        const QVector<Finding> exact
            = run(detector, job(QStringLiteral("SELECT * FROM s.o WHERE EXTRACT(YEAR FROM d) = 2024"), 20000));
        QCOMPARE(exact.size(), 1);
        QCOMPARE(exact[0].action, ActionKind::PartitionFilter);
        QCOMPARE(exact[0].severity, Severity::Medium);
        QCOMPARE(exact[0].improvementMs, 8000);
        const QVector<Finding> other
            = run(detector, job(QStringLiteral("SELECT * FROM s.o WHERE UPPER(name) = 'BOB'"), 20000));
        QCOMPARE(other.size(), 1);
        QCOMPARE(other[0].action, ActionKind::Investigate);
        QVERIFY(other[0].confidence < exact[0].confidence);
        const QVector<Finding> cheap
            = run(detector, job(QStringLiteral("SELECT * FROM s.o WHERE EXTRACT(YEAR FROM d) = 2024"), 50));
        QCOMPARE(cheap.size(), 1);
        QCOMPARE(cheap[0].severity, Severity::Low);
        QCOMPARE(cheap[0].improvementMs, 0);
        QVERIFY(run(detector, job(QStringLiteral("SELECT * FROM s.o WHERE d >= DATE '2024-01-01'"), 20000)).isEmpty());
    }

    void reflectionMissing()
    {
        const ReflectionMissingDetector detector;
        const QString sql = QStringLiteral("SELECT region, SUM(total) FROM sales.orders GROUP BY region");
        const QVector<Finding> found = run(detector, job(sql, 12000), frequentSlow(80, 10000));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found[0].action, ActionKind::CreateReflection);
        QCOMPARE(found[0].improvementMs, 12000 - 1200);
        QCOMPARE(found[0].evidenceValue(QStringLiteral("runs")).value_or(0), 80.0);
        QVERIFY(run(detector, job(sql, 12000, true), frequentSlow(80, 10000)).isEmpty()); // accelerated
        QVERIFY(run(detector, job(sql, 12000), frequentSlow(5, 10000)).isEmpty()); // rare
        QVERIFY(run(detector, job(sql, 6000), frequentSlow(50, 6000)).isEmpty()); // 5 min in all: not worth it
        QVERIFY(run(detector, job(sql, 1200), frequentSlow(50, 1000)).isEmpty()); // fast
        QVERIFY(run(detector, job(sql, 2000), frequentSlow(80, 10000)).isEmpty()); // a fast outlier run
        QVERIFY(run(detector, job(QStringLiteral("SELECT * FROM sys.jobs_recent"), 12000), frequentSlow(80, 10000))
                    .isEmpty());
    }

    void reflectionUnused()
    {
        const ReflectionUnusedDetector detector;
        WorkspaceFacts facts;
        facts.jobs = 500;
        facts.jobsWithAcceleration = 40;
        facts.windowStartMs = 0;
        facts.windowEndMs = 10LL * 24 * 3600 * 1000;
        ReflectionUsage chosenByJobs = reflection(QStringLiteral("c"), -1, 1000);
        chosenByJobs.jobsChosen = 3;
        facts.reflections = {reflection(QStringLiteral("big"), 0, qint64(20 * kGiB)),
            reflection(QStringLiteral("used"), 7, qint64(20 * kGiB)), chosenByJobs,
            reflection(QStringLiteral("off"), 0, qint64(20 * kGiB), QStringLiteral("DISABLED")),
            reflection(QStringLiteral("small"), 0, 1000)};
        QVector<Finding> found = detector.detectWorkspace(facts);
        QCOMPARE(found.size(), 2);
        QCOMPARE(found[0].operatorKey, QStringLiteral("big"));
        QCOMPARE(found[0].severity, Severity::High);
        QCOMPARE(found[0].action, ActionKind::DropReflection);
        QCOMPARE(found[0].evidenceValue(QStringLiteral("footprint")).value_or(0), 20 * kGiB);
        QCOMPARE(found[0].improvementMs, 120000LL * 10); // one refresh a day over ten days
        QCOMPARE(found[1].operatorKey, QStringLiteral("small"));
        QCOMPARE(found[1].severity, Severity::Medium); // two-minute refresh
        // No job-level relationships: Dremio's counters alone, less sure; unknown counters say nothing.
        facts.jobsWithAcceleration = 0;
        facts.reflections.append(reflection(QStringLiteral("unknown"), -1, 1000));
        found = detector.detectWorkspace(facts);
        QCOMPARE(found.size(), 2);
        QVERIFY(found[0].confidence < 0.85);
        // Too few jobs to call anything unused.
        facts.jobs = 20;
        QVERIFY(detector.detectWorkspace(facts).isEmpty());
        QVERIFY(detector.detect({}).isEmpty());
    }

    void reflectionPlanner()
    {
        const ReflectionDefinition agg = ReflectionPlanner::plan(
            QStringLiteral(
                "SELECT o.region, DATE_TRUNC('day', o.ts) AS d, SUM(o.total), AVG(o.qty) FROM "
                "\"Sales Space\".\"orders 2025\" AS o JOIN crm.c AS c ON c.id = o.cid WHERE o.country = 'FR' "
                "AND o.order_date >= DATE '2025-01-01' AND c.segment = 'x' GROUP BY o.region, "
                "DATE_TRUNC('day', o.ts)"),
            QStringLiteral("dopt_1"));
        QVERIFY(agg.isValid());
        QVERIFY(agg.joins);
        QCOMPARE(agg.type, QStringLiteral("AGGREGATION"));
        QCOMPARE(agg.dataset, QStringLiteral("\"Sales Space\".\"orders 2025\""));
        // ts serves the DATE_TRUNC grouping (Dremio rolls up); c.segment belongs to the joined table: left out.
        QCOMPARE(agg.dimensionFields,
            (QStringList {QStringLiteral("region"), QStringLiteral("ts"), QStringLiteral("country"),
                QStringLiteral("order_date")}));
        QCOMPARE(agg.measureFields, (QStringList {QStringLiteral("total (SUM)"), QStringLiteral("qty (SUM, COUNT)")}));
        QCOMPARE(agg.createSql(),
            QStringLiteral(
                "ALTER TABLE \"Sales Space\".\"orders 2025\" CREATE AGGREGATE REFLECTION \"dopt_1\" USING "
                "DIMENSIONS (\"region\", \"ts\", \"country\", \"order_date\") MEASURES (\"total\" (SUM), \"qty\" "
                "(SUM, COUNT)) PARTITION BY (\"country\") LOCALSORT BY (\"order_date\")"));
        QCOMPARE(
            agg.dropSql(), QStringLiteral("ALTER TABLE \"Sales Space\".\"orders 2025\" DROP REFLECTION \"dopt_1\""));

        const ReflectionDefinition raw = ReflectionPlanner::plan(
            QStringLiteral("SELECT order_id, status FROM sales.orders WHERE customer_id = ? AND ts BETWEEN ? AND ?"),
            QStringLiteral("dopt_2"));
        QCOMPARE(raw.type, QStringLiteral("RAW"));
        QCOMPARE(raw.displayFields,
            (QStringList {QStringLiteral("order_id"), QStringLiteral("status"), QStringLiteral("customer_id"),
                QStringLiteral("ts")}));
        QVERIFY(raw.partitionFields.isEmpty()); // never on an id
        QCOMPARE(raw.sortFields, QStringList {QStringLiteral("ts")});
        QVERIFY(!ReflectionPlanner::plan(QStringLiteral("SELECT * FROM sales.orders"), QStringLiteral("x")).isValid());
        QVERIFY(!ReflectionPlanner::plan(QStringLiteral("SELECT 1"), QStringLiteral("x")).isValid());
    }

    void engineActionsAndRanking()
    {
        const QString notIn = QStringLiteral("SELECT a FROM t WHERE x NOT IN (SELECT y FROM u)");
        const QString ranged = QStringLiteral("SELECT a FROM s.o WHERE YEAR(d) = 2024");
        Finding small1
            = finding(QStringLiteral("small_files"), QStringLiteral("fpA"), QStringLiteral("SELECT 1"), 1000);
        small1.recommendation = QStringLiteral("OPTIMIZE TABLE lake.t REWRITE DATA USING BIN_PACK");
        small1.action = ActionKind::OptimizeTable;
        Finding small2 = small1;
        small2.fingerprint = QStringLiteral("fpB");
        small2.improvementMs = 3000;
        small2.jobIds = {QStringLiteral("fpB-job")};
        QVector<Finding> findings {finding(QStringLiteral("subquery_rewrite"), QStringLiteral("fp1"), notIn, 50000),
            finding(QStringLiteral("non_sargable"), QStringLiteral("fp2"), ranged, 20000),
            finding(QStringLiteral("partition_pruning"), QStringLiteral("fp2"), ranged, 10000), small1, small2};
        // Five findings on one fingerprint: only the best three are kept.
        for (int i = 0; i < 5; ++i)
            findings.append(finding(
                QStringLiteral("memory_spill"), QStringLiteral("fp3"), QStringLiteral("SELECT 3"), 100 * (i + 1)));
        findings.last().operatorKey = QStringLiteral("01-0%1").arg(4);
        for (int i = 0; i < 5; ++i)
            findings[5 + i].operatorKey = QStringLiteral("01-0%1").arg(i);

        const QVector<Recommendation> recs = RecommendationEngine::build(findings, {}, WorkspaceFacts {});
        QStringList keys;
        for (const Recommendation& r : recs)
            keys << r.key;
        QCOMPARE(recs.size(), 1 + 1 + 1 + 3);
        QCOMPARE(QSet<QString>(keys.begin(), keys.end()).size(), keys.size());
        for (int i = 0; i < recs.size(); ++i) {
            QCOMPARE(recs[i].rank, i + 1);
            if (i > 0)
                QVERIFY(recs[i - 1].score >= recs[i].score);
        }
        const Recommendation& rewrite = recs[0];
        QCOMPARE(rewrite.detector, QStringLiteral("subquery_rewrite"));
        QCOMPARE(rewrite.action, ActionKind::SqlRewrite);
        QCOMPARE(rewrite.sqlAfter, SqlRewriter::notInToNotExists(notIn)->after);
        QCOMPARE(rewrite.score, 0.8 * 50.0);
        QVERIFY(rewrite.rationale.contains(QLatin1String("NULL")));
        QCOMPARE(rewrite.definition.value(QStringLiteral("parseChecked")).toBool(), true);
        // non_sargable and partition_pruning proposed the same rewrite: one recommendation.
        const Recommendation& range = recs[1];
        QCOMPARE(range.detector, QStringLiteral("non_sargable"));
        QCOMPARE(range.action, ActionKind::PartitionFilter);
        QVERIFY(range.rationale.contains(QLatin1String("Also found by partition_pruning")));
        QCOMPARE(range.dataset, QStringLiteral("s.o"));
        // Two fingerprints reading one fragmented table: one OPTIMIZE with the summed saving.
        const Recommendation& optimize = recs[2];
        QCOMPARE(optimize.action, ActionKind::OptimizeTable);
        QCOMPARE(optimize.applyStatements,
            QStringList {QStringLiteral("OPTIMIZE TABLE lake.t REWRITE DATA USING BIN_PACK")});
        QCOMPARE(optimize.improvementMs, 4000);
        QCOMPARE(optimize.jobIds.size(), 2);
        QCOMPARE(recs[3].detector, QStringLiteral("memory_spill"));
        QCOMPARE(recs[3].improvementMs, 500);
    }

    void scoreUsesFrequencyAndCost()
    {
        Finding f = finding(QStringLiteral("reflection_missing"), QStringLiteral("fpR"),
            QStringLiteral("SELECT region, SUM(total) FROM sales.orders GROUP BY region"), 9000, 0.7);
        f.improvementShare = 0.9;
        Baseline b;
        b.fingerprint = f.fingerprint;
        b.runCount = 100;
        b.durationP50 = 10000;
        const QVector<Recommendation> recs = RecommendationEngine::build({f}, {b}, WorkspaceFacts {});
        QCOMPARE(recs.size(), 1);
        QCOMPARE(recs[0].frequency, 100);
        QCOMPARE(recs[0].currentCostMs, 1000000);
        // 0.7 confidence x 0.9 of each run x 100 runs x 10 s.
        QCOMPARE(recs[0].score, 0.7 * 0.9 * 1000.0);
        QCOMPARE(recs[0].applyStatements.size(), 1);
        QVERIFY(recs[0].applyStatements[0].startsWith(
            QLatin1String("ALTER TABLE sales.orders CREATE AGGREGATE REFLECTION \"dopt_")));
        QVERIFY(recs[0].undoStatements[0].contains(QLatin1String("DROP REFLECTION")));
        QCOMPARE(recs[0].definition.value(QStringLiteral("type")).toString(), QStringLiteral("AGGREGATION"));
    }

    void analysisStoresRecommendations()
    {
        QString error;
        const QString path = dopt::test::makeDemoWorkspace(QStringLiteral("recs.dopt"), 3000, 2, &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        Workspace workspace;
        QVERIFY2(workspace.open(path, &error), qPrintable(error));
        // An unused reflection next to the demo history.
        QSqlQuery insert(workspace.database());
        QVERIFY(insert.exec(QStringLiteral(
            "INSERT INTO reflections (reflection_id, name, type, dataset_path, status, considered_count, "
            "matched_count, chosen_count, footprint_bytes, last_refresh_duration_ms) VALUES ('refl-1', 'old_raw', "
            "'RAW', '\"Sales Space\".\"orders 2025\"', 'CAN_ACCELERATE', 10, 0, 0, 53687091200, 900000)")));

        AnalysisEngine engine(workspace);
        AnalysisSummary summary;
        QVERIFY2(engine.run(&summary, &error), qPrintable(error));
        QVERIFY(summary.recommendations > 5);
        RecommendationStore store(workspace.database());
        const QVector<Recommendation> first = store.list({}, &error);
        QCOMPARE(first.size(), summary.recommendations);
        QSet<QString> detectors;
        for (int i = 0; i < first.size(); ++i) {
            QCOMPARE(first[i].rank, i + 1);
            detectors.insert(first[i].detector);
        }
        QVERIFY(detectors.contains(QStringLiteral("reflection_missing")));
        QVERIFY(detectors.contains(QStringLiteral("reflection_unused")));
        QVERIFY(detectors.contains(QStringLiteral("small_files")));
        QVERIFY(detectors.contains(QStringLiteral("non_sargable")));
        RecommendationFilter unused;
        unused.detector = QStringLiteral("reflection_unused");
        const QVector<Recommendation> drops = store.list(unused);
        QCOMPARE(drops.size(), 1);
        QCOMPARE(drops[0].applyStatements,
            QStringList {QStringLiteral("ALTER TABLE \"Sales Space\".\"orders 2025\" DROP REFLECTION \"old_raw\"")});
        QCOMPARE(drops[0].severity, Severity::High);
        // Every rewrite of a statement that parses as PostgreSQL still parses.
        for (const Recommendation& r : first) {
            if (!r.sqlAfter.isEmpty() && SqlRewriter::parsesAsPostgres(r.sqlBefore))
                QVERIFY2(SqlRewriter::parsesAsPostgres(r.sqlAfter), qPrintable(r.sqlAfter));
        }

        // Re-analysis: same recommendations, same ids, the user's status kept.
        QVERIFY(store.setStatus(first[0].id, QStringLiteral("dismissed"), &error));
        QVERIFY2(engine.run(&summary, &error), qPrintable(error));
        const QVector<Recommendation> second = store.list({}, &error);
        QCOMPARE(second.size(), first.size());
        for (int i = 0; i < first.size(); ++i) {
            QCOMPARE(second[i].key, first[i].key);
            QCOMPARE(second[i].id, first[i].id);
        }
        QCOMPARE(second[0].status, QStringLiteral("dismissed"));
    }
};

QTEST_GUILESS_MAIN(TestRecommendationEngine)
#include "tst_recommendationengine.moc"
