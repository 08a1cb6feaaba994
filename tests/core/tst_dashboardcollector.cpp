// DashboardCollector on a real analysed demo workspace: the counts add up to the workspace's, the
// fingerprints are the analysis's own, and a regressed fingerprint's trend carries its regression.
#include "analysis/analysisengine.h"
#include "analysis/baselinecalculator.h"
#include "demo/demogenerator.h"
#include "demoworkspace.h"
#include "report/dashboardcollector.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QSqlQuery>
#include <QTest>

using namespace dopt;

class TestDashboardCollector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        const QString path = test::makeDemoWorkspace(QStringLiteral("dashboard.dopt"), 3000, 0, &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        QVERIFY2(m_workspace.open(path, &error), qPrintable(error));
        AnalysisEngine engine(m_workspace);
        AnalysisSummary summary;
        QVERIFY2(engine.run(&summary, &error), qPrintable(error));
    }

    void countsAddUp()
    {
        QSqlDatabase db = m_workspace.database();
        QString error;
        const std::optional<DashboardData> data = DashboardCollector(db).collect({}, {}, nullptr, &error);
        QVERIFY2(data, qPrintable(error));
        const qint64 jobs = test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM jobs"));
        QCOMPARE(data->jobCount, jobs);
        QCOMPARE(data->acceleratedJobs,
            test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE accelerated = 1")));
        qint64 hourly = 0;
        for (const DashboardData::HourCount& hour : data->jobsPerHour)
            hourly += hour.jobs;
        QCOMPARE(hourly, jobs);
        qint64 cells = 0;
        for (const auto& day : data->weekdayHour)
            for (qint64 count : day)
                cells += count;
        QCOMPARE(cells, jobs);
        QCOMPARE(data->findingsByDetector.size(),
            int(test::queryScalar(db, QStringLiteral("SELECT COUNT(DISTINCT detector) FROM findings"))));
    }

    void fingerprintsAreTheAnalysisOnes()
    {
        QSqlDatabase db = m_workspace.database();
        QString error;
        const std::optional<DashboardData> data = DashboardCollector(db).collect({}, {}, nullptr, &error);
        QVERIFY2(data, qPrintable(error));
        QVERIFY(data->topFingerprints.size() >= 5);
        for (int i = 1; i < data->topFingerprints.size(); ++i)
            QVERIFY(data->topFingerprints[i - 1].totalMs >= data->topFingerprints[i].totalMs);
        // Same keys as the analysis: a shape run often enough has its baseline under the same fingerprint.
        int checked = 0;
        for (const DashboardData::FingerprintTotal& total : data->topFingerprints) {
            if (total.runs < 2 * BaselineCalculator::Options().minSamples)
                continue;
            ++checked;
            QCOMPARE(
                test::queryScalar(db,
                    QStringLiteral("SELECT COUNT(*) FROM baselines WHERE fingerprint = '%1'").arg(total.fingerprint)),
                1);
        }
        QVERIFY(checked > 0);
        QCOMPARE(data->trendFingerprint, data->topFingerprints.first().fingerprint);
        qint64 trendRuns = 0;
        for (const DashboardData::TrendPoint& point : data->trend) {
            trendRuns += point.runs;
            QVERIFY(point.p95Ms >= point.p50Ms);
        }
        QCOMPARE(trendRuns, data->topFingerprints.first().runs);
    }

    void regressedFingerprintShowsItsRegression()
    {
        QSqlDatabase db = m_workspace.database();
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("SELECT fingerprint, regression_since_ms FROM baselines WHERE "
                                          "regression_since_ms IS NOT NULL ORDER BY fingerprint LIMIT 1")));
        QVERIFY(query.next());
        const QString fingerprint = query.value(0).toString();
        const qint64 since = query.value(1).toLongLong();
        QString error;
        const std::optional<DashboardData> data = DashboardCollector(db).collect({}, fingerprint, nullptr, &error);
        QVERIFY2(data, qPrintable(error));
        QCOMPARE(data->trendFingerprint, fingerprint);
        QCOMPARE(data->regressionSinceMs.value_or(-1), since);
        QVERIFY(data->regressionMedianRatio >= 1.5);
    }

    void timeFilterNarrowsTheJobs()
    {
        QSqlDatabase db = m_workspace.database();
        const qint64 last = test::queryScalar(db, QStringLiteral("SELECT MAX(submitted_ms) FROM jobs"));
        ReportFilter filter;
        filter.sinceMs = last - 7 * 86400000LL;
        QString error;
        const std::optional<DashboardData> data = DashboardCollector(db).collect(filter, {}, nullptr, &error);
        QVERIFY2(data, qPrintable(error));
        QCOMPARE(data->jobCount,
            test::queryScalar(
                db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE submitted_ms >= %1").arg(*filter.sinceMs)));
        QCOMPARE(*data->workspaceLastMs, last);
        QVERIFY(data->jobsPerHour.first().hourStartMs >= *filter.sinceMs - 3600000);
    }

private:
    Workspace m_workspace;
};

QTEST_GUILESS_MAIN(TestDashboardCollector)
#include "tst_dashboardcollector.moc"
