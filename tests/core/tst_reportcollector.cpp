// ReportCollector on a real demo workspace after a real analysis: every figure is checked against an
// independent query of the same workspace, and the time filter against the jobs it should keep.
#include "analysis/analysisengine.h"
#include "analysis/analysisstore.h"
#include "demo/demogenerator.h"
#include "report/reportcollector.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QSqlQuery>
#include <QTest>

using namespace dopt;

class TestReportCollector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_path = test::tempDir() + QStringLiteral("/report.dopt");
        DemoOptions options;
        options.jobs = 1500;
        options.profileEvery = 1;
        DemoGenerator generator(options);
        QString error;
        QVERIFY2(generator.generate(m_path, &error), qPrintable(error));
        QVERIFY2(m_workspace.open(m_path, &error), qPrintable(error));
        AnalysisEngine engine(m_workspace);
        AnalysisSummary summary;
        QVERIFY2(engine.run(&summary, &error), qPrintable(error));
    }

    void overviewMatchesTheWorkspace()
    {
        QSqlDatabase db = m_workspace.database();
        ReportCollector collector(db);
        collector.setWorkspaceLocation(m_workspace.location());
        QString error;
        const std::optional<ReportData> data = collector.collect({}, nullptr, &error);
        QVERIFY2(data, qPrintable(error));
        QCOMPARE(data->jobCount, test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM jobs")));
        QCOMPARE(data->completedJobs,
            test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE state = 'COMPLETED'")));
        QCOMPARE(data->acceleratedJobs,
            test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE accelerated = 1")));
        QCOMPARE(data->totalDurationMs, test::queryScalar(db, QStringLiteral("SELECT SUM(duration_ms) FROM jobs")));
        QCOMPARE(data->schemaVersion, Workspace::CurrentSchemaVersion);
        QCOMPARE(data->workspaceLocation, m_workspace.location());
        QVERIFY(!data->sources.isEmpty());
        qint64 sourceJobs = 0;
        for (const ReportData::Source& source : data->sources)
            sourceJobs += source.jobs;
        QCOMPARE(sourceJobs, data->jobCount);
        qint64 dayJobs = 0;
        for (const ReportData::DayCount& day : data->jobsPerDay)
            dayJobs += day.jobs;
        QCOMPARE(
            dayJobs, test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE submitted_ms IS NOT NULL")));

        // Findings by detector add up to the stored findings; the regressions are the baselines' regressions.
        AnalysisStore store(db);
        const QVector<Finding> findings = store.findings();
        QVERIFY(!findings.isEmpty());
        QCOMPARE(data->findingCount, findings.size());
        int regressions = 0;
        for (const Baseline& baseline : store.baselines())
            regressions += baseline.regression ? 1 : 0;
        QCOMPARE(data->regressions.size(), regressions);
    }

    void rankedRecommendationsOfTheAnalysisLead()
    {
        QSqlDatabase db = m_workspace.database();
        const qint64 ranked
            = test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM recommendations WHERE status <> 'dismissed'"));
        if (ranked == 0)
            QSKIP("this analysis writes no ranked recommendations");
        ReportCollector collector(db);
        QString error;
        const std::optional<ReportData> data = collector.collect({}, nullptr, &error);
        QVERIFY2(data, qPrintable(error));
        QVERIFY(!data->recommendationsFromFindings);
        QCOMPARE(data->recommendations.size(), int(qMin<qint64>(ranked, ReportCollector::DefaultTopRecommendations)));
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("SELECT title FROM recommendations WHERE status <> 'dismissed' ORDER BY "
                                          "CASE WHEN rank > 0 THEN rank ELSE 2147483647 END, score DESC, id")));
        for (const ReportData::Recommendation& r : data->recommendations) {
            QVERIFY(query.next());
            QCOMPARE(r.title, query.value(0).toString());
        }
        QCOMPARE(data->totalEstimatedSavingMs,
            test::queryScalar(
                db, QStringLiteral("SELECT SUM(improvement_ms) FROM recommendations WHERE status <> 'dismissed'")));
    }

    void findingsStandInForMissingRecommendations()
    {
        QSqlDatabase db = m_workspace.database();
        // Without ranked recommendations (an analysis from before they existed) the findings stand in.
        QSqlQuery clear(db);
        QVERIFY(clear.exec(QStringLiteral("DELETE FROM recommendations")));
        QCOMPARE(test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM recommendations")), 0);
        ReportCollector collector(db);
        collector.setTopRecommendations(3);
        QString error;
        const std::optional<ReportData> data = collector.collect({}, nullptr, &error);
        QVERIFY2(data, qPrintable(error));
        QVERIFY(data->recommendationsFromFindings);
        QCOMPARE(data->recommendations.size(), 3);
        QCOMPARE(data->recommendations[0].improvementMs,
            test::queryScalar(db, QStringLiteral("SELECT MAX(improvement_ms) FROM findings")));
        QCOMPARE(data->totalEstimatedSavingMs,
            test::queryScalar(db, QStringLiteral("SELECT SUM(improvement_ms) FROM findings")));
        // Every demo job has a profile, so each item gets a plan excerpt with its focus operator.
        for (const ReportData::Recommendation& r : data->recommendations) {
            QVERIFY2(!r.plan.isEmpty(), qPrintable(r.title));
            QVERIFY(std::any_of(r.plan.begin(), r.plan.end(), [](const ReportData::PlanLine& l) { return l.focus; }));
            QVERIFY(r.jobIds.contains(r.planJobId));
        }
    }

    void rankedRecommendationWithMeasurementIsRead()
    {
        QSqlDatabase db = m_workspace.database();
        QSqlQuery query(db);
        QVERIFY(db.transaction());
        QVERIFY(query.exec(QStringLiteral(
            "INSERT INTO recommendations (rec_key, detector, action, severity, confidence, score, rank, title, "
            "fingerprint, frequency, current_cost_ms, improvement_ms, sql_before, sql_after, created_ms, updated_ms) "
            "VALUES ('k1', 'select_star', 'sql_rewrite', 3, 0.8, 10, 1, 'Name the columns', 'abc', 12, 6000, 2500, "
            "'SELECT * FROM t', 'SELECT a FROM t', 0, 0)")));
        const qint64 recId = query.lastInsertId().toLongLong();
        QVERIFY(query.exec(QStringLiteral("INSERT INTO measurements (recommendation_id, engine, state, verdict, runs, "
                                          "median_before_ms, median_after_ms, speedup, started_ms) VALUES (%1, "
                                          "'dremio', 'done', 'improved', 2, 400, 100, 4, 5)")
                               .arg(recId)));
        const qint64 measurementId = query.lastInsertId().toLongLong();
        QVERIFY(query.exec(QStringLiteral("INSERT INTO measurement_runs (measurement_id, seq, variant, warmup, "
                                          "duration_ms) VALUES (%1, 0, 'before', 1, 900), (%1, 1, 'before', 0, 400), "
                                          "(%1, 2, 'after', 0, 100)")
                               .arg(measurementId)));
        QVERIFY(db.commit());

        ReportCollector collector(db);
        QString error;
        const std::optional<ReportData> data = collector.collect({}, nullptr, &error);
        QVERIFY(query.exec(QStringLiteral("DELETE FROM recommendations")));
        QVERIFY(query.exec(QStringLiteral("DELETE FROM measurements")));
        QVERIFY2(data, qPrintable(error));
        QVERIFY(!data->recommendationsFromFindings);
        QCOMPARE(data->recommendations.size(), 1);
        const ReportData::Recommendation& r = data->recommendations[0];
        QCOMPARE(r.title, QStringLiteral("Name the columns"));
        QCOMPARE(r.sqlAfter, QStringLiteral("SELECT a FROM t"));
        QVERIFY(r.measurement);
        QCOMPARE(r.measurement->verdict, QStringLiteral("improved"));
        QCOMPARE(r.measurement->beforeRunsMs, QVector<double> {400}); // the warm-up run is left out
        QCOMPARE(r.measurement->afterRunsMs, QVector<double> {100});
        QCOMPARE(data->measurements.improved, 1);
        QCOMPARE(data->measurements.savedMsPerRun, 300.0);
    }

    void timeFilterKeepsOnlyJobsInRange()
    {
        QSqlDatabase db = m_workspace.database();
        const qint64 first = test::queryScalar(db, QStringLiteral("SELECT MIN(submitted_ms) FROM jobs"));
        const qint64 last = test::queryScalar(db, QStringLiteral("SELECT MAX(submitted_ms) FROM jobs"));
        const qint64 middle = first + (last - first) / 2;
        ReportFilter filter;
        filter.sinceMs = middle;
        ReportCollector collector(db);
        QString error;
        const std::optional<ReportData> later = collector.collect(filter, nullptr, &error);
        QVERIFY2(later, qPrintable(error));
        filter = {};
        filter.untilMs = middle;
        const std::optional<ReportData> earlier = collector.collect(filter, nullptr, &error);
        QVERIFY2(earlier, qPrintable(error));
        QCOMPARE(later->jobCount,
            test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE submitted_ms >= %1").arg(middle)));
        QVERIFY(later->jobCount > 0 && earlier->jobCount > 0);
        QCOMPARE(
            later->jobCount + earlier->jobCount, test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM jobs")));
        QVERIFY(*later->firstJobMs >= middle);
        QVERIFY(*earlier->lastJobMs < middle);
    }

private:
    QString m_path;
    Workspace m_workspace;
};

QTEST_GUILESS_MAIN(TestReportCollector)
#include "tst_reportcollector.moc"
