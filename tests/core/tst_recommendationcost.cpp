// A recommendation's current cost is what its statements really ran: the summed duration of their
// completed jobs (not a median times the run count, which understates skewed shapes), counted once
// per shape when several shapes share one action (a table compaction). Its estimated saving never exceeds that cost, so
// the "Return" the views and the report print stays a share (at most 100%).
#include "analysis/analysisengine.h"
#include "analysis/recommendationengine.h"
#include "analysis/recommendationstore.h"
#include "demoworkspace.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QSqlQuery>
#include <QtTest>

using namespace dopt;

namespace {

Finding reflectionMissing(const QString& fingerprint, const QString& sql, qint64 improvementMs)
{
    Finding f;
    f.detectorId = QStringLiteral("reflection_missing");
    f.action = ActionKind::CreateReflection;
    f.fingerprint = fingerprint;
    f.sql = sql;
    f.improvementMs = improvementMs;
    f.improvementShare = 0.9;
    f.confidence = 0.7;
    f.severity = Severity::Medium;
    f.title = QStringLiteral("Unaccelerated aggregation shape");
    f.jobIds = {fingerprint + QStringLiteral("-job")};
    return f;
}

Baseline baseline(const QString& fingerprint, int runs, double p50Ms)
{
    Baseline b;
    b.fingerprint = fingerprint;
    b.runCount = runs;
    b.sampleSize = runs;
    b.durationP50 = p50Ms;
    return b;
}

} // namespace

class TestRecommendationCost : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void skewedShapeCostsWhatItRan()
    {
        // 100 runs with a 10 s median, but a long tail: 2,500 s in all.
        const Finding f = reflectionMissing(QStringLiteral("fpSkewed"),
            QStringLiteral("SELECT region, SUM(total) FROM sales.orders GROUP BY region"), 2'100'000);
        WorkspaceFacts facts;
        facts.completedDurationMs.insert(f.fingerprint, 2'500'000);
        const QVector<Recommendation> recs
            = RecommendationEngine::build({f}, {baseline(f.fingerprint, 100, 10000)}, facts);
        QCOMPARE(recs.size(), 1);
        QCOMPARE(recs[0].currentCostMs, 2'500'000);
        QVERIFY(recs[0].improvementMs <= recs[0].currentCostMs);

        // Without the run times (a shape whose jobs are not in the workspace any more) the median
        // times the runs stays the estimate.
        const QVector<Recommendation> estimated
            = RecommendationEngine::build({f}, {baseline(f.fingerprint, 100, 10000)}, WorkspaceFacts {});
        QCOMPARE(estimated[0].currentCostMs, 1'000'000);
    }

    void tableCompactionCountsEveryShapeReadingTheTable()
    {
        // One OPTIMIZE per table, whatever shapes read it: their savings and their costs add up.
        QVector<Finding> findings;
        WorkspaceFacts facts;
        for (const QString& fingerprint : {QStringLiteral("fpX"), QStringLiteral("fpY")}) {
            Finding f;
            f.detectorId = QStringLiteral("small_files");
            f.action = ActionKind::OptimizeTable;
            f.fingerprint = fingerprint;
            f.sql = QStringLiteral("SELECT * FROM lake.t");
            f.recommendation = QStringLiteral("OPTIMIZE TABLE lake.t REWRITE DATA USING BIN_PACK");
            f.improvementMs = 90'000;
            f.confidence = 0.6;
            f.title = QStringLiteral("small files");
            findings.append(f);
            facts.completedDurationMs.insert(fingerprint, 100'000);
        }
        const QVector<Recommendation> recs = RecommendationEngine::build(findings, {}, facts);
        QCOMPARE(recs.size(), 1);
        QCOMPARE(recs[0].improvementMs, 180'000);
        QCOMPARE(recs[0].currentCostMs, 200'000);
    }

    void analysedWorkspaceNeverSavesMoreThanItRan()
    {
        QString error;
        const QString path = test::makeDemoWorkspace(QStringLiteral("cost.dopt"), 3000, 0, &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        Workspace workspace;
        QVERIFY2(workspace.open(path, &error), qPrintable(error));
        AnalysisSummary summary;
        QVERIFY2(AnalysisEngine(workspace).run(&summary, &error), qPrintable(error));
        RecommendationStore store(workspace.database());
        const QVector<Recommendation> recs = store.list({}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!recs.isEmpty());
        int checkedShapes = 0;
        for (const Recommendation& r : recs) {
            if (r.detector == QLatin1String("reflection_unused"))
                continue; // its cost is the reflection's refresh time, not a statement's
            QVERIFY2(r.currentCostMs > 0, qPrintable(r.title));
            QVERIFY2(r.improvementMs <= r.currentCostMs,
                qPrintable(QStringLiteral("%1: saving %2 ms > cost %3 ms")
                               .arg(r.title)
                               .arg(r.improvementMs)
                               .arg(r.currentCostMs)));
            if (r.fingerprint.isEmpty())
                continue;
            QSqlQuery ran(workspace.database());
            QVERIFY(ran.prepare(QStringLiteral("SELECT SUM(j.duration_ms) FROM jobs j JOIN job_fingerprints f ON "
                                               "f.job_ref = j.id WHERE f.fingerprint = ? AND j.state = 'COMPLETED'")));
            ran.addBindValue(r.fingerprint);
            QVERIFY(ran.exec() && ran.next());
            QVERIFY2(r.currentCostMs >= ran.value(0).toLongLong(), qPrintable(r.title));
            ++checkedShapes;
        }
        QVERIFY(checkedShapes > 0);
    }
};

QTEST_MAIN(TestRecommendationCost)
#include "tst_recommendationcost.moc"
