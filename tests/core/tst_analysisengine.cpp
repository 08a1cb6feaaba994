#include "analysis/analysisengine.h"
#include "analysis/analysisstore.h"
#include "analysis/detectorregistry.h"
#include "demo/demogenerator.h"
#include "store/jobrepository.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace dopt;

namespace {

/// Findings as comparable text (everything the store keeps), for the idempotency check.
QStringList describe(const QVector<Finding>& findings)
{
    QStringList lines;
    for (const Finding& f : findings)
        lines << QString::fromUtf8(QJsonDocument(f.toJson()).toJson(QJsonDocument::Compact));
    lines.sort();
    return lines;
}

QSet<QString> detectorsOf(const QVector<Finding>& findings)
{
    QSet<QString> ids;
    for (const Finding& f : findings)
        ids.insert(f.detectorId);
    return ids;
}

} // namespace

/// The engine on a small demo workspace: the planted problems are found, a re-run is idempotent,
/// cancel leaves the stored results alone.
class TestAnalysisEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_path = dopt::test::tempDir() + QStringLiteral("/analysis.dopt");
        DemoOptions options;
        options.jobs = 3000;
        options.profileEvery = 2;
        DemoGenerator generator(options);
        QString error;
        QVERIFY2(generator.generate(m_path, &error), qPrintable(error));
        QVERIFY2(m_workspace.open(m_path, &error), qPrintable(error));
    }

    void findsThePlantedProblems()
    {
        AnalysisEngine engine(m_workspace);
        int progressCalls = 0;
        int lastDone = -1;
        engine.setProgress([&](int done, int total, const QString&) {
            ++progressCalls;
            QVERIFY(done <= total);
            QVERIFY(done >= lastDone);
            lastDone = done;
        });
        AnalysisSummary summary;
        QString error;
        QVERIFY2(engine.run(&summary, &error), qPrintable(error));
        QCOMPARE(summary.jobsAnalysed, 3000);
        QVERIFY(summary.profilesAnalysed >= 1500);
        QCOMPARE(summary.profileErrors, 0);
        QVERIFY(progressCalls > 0);
        QVERIFY(summary.baselines > 0);

        AnalysisStore store(m_workspace.database());
        const QVector<Finding> findings = store.findings({}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(findings.size(), summary.findings);
        for (const Finding& f : findings)
            qInfo("%-18s %-8s x%-4d %s", qPrintable(f.detectorId), qPrintable(severityName(f.severity)), f.occurrences,
                qPrintable(f.title));

        const QSet<QString> found = detectorsOf(findings);
        for (const char* id :
            {"regression", "thread_skew", "memory_spill", "small_files", "join_fanout", "partition_pruning"})
            QVERIFY2(found.contains(QString::fromLatin1(id)), id);

        // Merged per fingerprint: no two findings share detector, fingerprint and operator.
        QSet<QString> keys;
        for (const Finding& f : findings) {
            QVERIFY(!f.fingerprint.isEmpty());
            QVERIFY(!f.jobIds.isEmpty() && f.jobIds.size() <= 5);
            QVERIFY(f.occurrences >= f.jobIds.size());
            QVERIFY(!f.evidence.isEmpty());
            QVERIFY(!keys.contains(f.detectorId + f.fingerprint + f.operatorKey));
            keys.insert(f.detectorId + f.fingerprint + f.operatorKey);
        }

        // The planted regressions: "Sales vs target" and the nightly customer refresh, 3× from day 60.
        const QVector<Finding> regressions = store.findings(QStringLiteral("regression"));
        QVERIFY(!regressions.isEmpty());
        bool salesVsTarget = false;
        for (const Finding& f : regressions) {
            QVERIFY(f.evidenceValue(QStringLiteral("median_ratio")).value() >= 1.5);
            QVERIFY(f.evidenceValue(QStringLiteral("p_value")).value() < 0.01);
            qInfo("regression: %s", qPrintable(f.sql.left(120).replace(QLatin1Char('\n'), QLatin1Char(' '))));
            salesVsTarget = salesVsTarget || f.sql.contains(QLatin1String("\"sales targets\""));
        }
        QVERIFY(salesVsTarget);
        for (const Finding& f : store.findings(QStringLiteral("thread_skew")))
            QVERIFY2(
                f.sql.contains(QLatin1String("Marketing.\"web events\" e")), qPrintable(f.sql)); // Conversion funnel
        // Planted: "May orders by text match" (CAST on the column, every partition) and "Sales vs target"
        // after it lost its pruning.
        for (const Finding& f : store.findings(QStringLiteral("partition_pruning")))
            QVERIFY2(f.sql.contains(QLatin1String("CAST(order_ts AS VARCHAR) LIKE"))
                    || f.sql.contains(QLatin1String("\"sales targets\"")),
                qPrintable(f.sql));
        for (const Finding& f : store.findings(QStringLiteral("join_fanout")))
            QVERIFY2(f.sql.contains(QLatin1String("p2.category = p1.category")), qPrintable(f.sql));

        const QVector<Baseline> baselines = store.baselines();
        QCOMPARE(baselines.size(), summary.baselines);
        int regressed = 0;
        for (const Baseline& b : baselines) {
            QVERIFY(b.sampleSize >= 20);
            QVERIFY(b.durationP50 <= b.durationP95 && b.durationP95 <= b.durationP99);
            regressed += b.regression ? 1 : 0;
        }
        QCOMPARE(regressed, summary.regressions);
        QCOMPARE(store.highestSeverity(), std::optional<Severity>(Severity::High));
        m_firstRun = describe(findings);
    }

    void rerunIsIdempotent()
    {
        QVERIFY(!m_firstRun.isEmpty());
        AnalysisEngine engine(m_workspace);
        AnalysisSummary summary;
        QString error;
        QVERIFY2(engine.run(&summary, &error), qPrintable(error));
        AnalysisStore store(m_workspace.database());
        QCOMPARE(describe(store.findings()), m_firstRun);
        QSqlQuery count(m_workspace.database());
        QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM findings")) && count.next());
        QCOMPARE(count.value(0).toInt(), m_firstRun.size());
    }

    void cancelLeavesTheStoredResults()
    {
        std::atomic_bool cancel {false};
        AnalysisEngine engine(m_workspace);
        engine.setCancelFlag(&cancel);
        engine.setProgress([&](int, int, const QString&) { cancel = true; });
        AnalysisSummary summary;
        QString error;
        QVERIFY(!engine.run(&summary, &error));
        QVERIFY2(error.contains(QLatin1String("cancelled")), qPrintable(error));
        QCOMPARE(describe(AnalysisStore(m_workspace.database()).findings()), m_firstRun);
    }

    // A failure while writing the recommendations (here a trigger that refuses them, as a full disk
    // would) must not leave the new findings behind: both are written in one transaction.
    void failedRecommendationWriteKeepsThePreviousFindings()
    {
        QSqlDatabase db = m_workspace.database();
        QSqlQuery count(db);
        QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM recommendations")) && count.next());
        const int recommendationsBefore = count.value(0).toInt();
        QVERIFY(recommendationsBefore > 0);
        count.finish();
        QSqlQuery trigger(db);
        for (const char* event : {"INSERT", "UPDATE", "DELETE"}) {
            QVERIFY2(
                trigger.exec(QStringLiteral("CREATE TRIGGER refuse_recommendations_%1 BEFORE %1 ON recommendations "
                                            "BEGIN SELECT RAISE(ABORT, 'no room for recommendations'); END")
                                 .arg(QLatin1String(event))),
                qPrintable(trigger.lastError().text()));
        }

        AnalysisEngine engine(m_workspace);
        AnalysisEngine::Options options;
        options.detectorIds = {QStringLiteral("memory_spill")}; // would replace the findings with fewer
        engine.setOptions(options);
        AnalysisSummary summary;
        QString error;
        const bool ran = engine.run(&summary, &error);
        for (const char* event : {"INSERT", "UPDATE", "DELETE"})
            QVERIFY(trigger.exec(QStringLiteral("DROP TRIGGER refuse_recommendations_%1").arg(QLatin1String(event))));

        QVERIFY(!ran);
        QVERIFY2(error.contains(QLatin1String("no room for recommendations")), qPrintable(error));
        QCOMPARE(describe(AnalysisStore(db).findings()), m_firstRun);
        QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM recommendations")) && count.next());
        QCOMPARE(count.value(0).toInt(), recommendationsBefore);
    }

    void detectorSelectionAndUnknownIds()
    {
        AnalysisEngine engine(m_workspace);
        AnalysisEngine::Options options;
        options.detectorIds = {QStringLiteral("memory_spill")};
        engine.setOptions(options);
        AnalysisSummary summary;
        QString error;
        QVERIFY2(engine.run(&summary, &error), qPrintable(error));
        QCOMPARE(detectorsOf(AnalysisStore(m_workspace.database()).findings()),
            QSet<QString> {QStringLiteral("memory_spill")});

        options.detectorIds = {QStringLiteral("no_such_detector")};
        engine.setOptions(options);
        QVERIFY(!engine.run(&summary, &error));
        QVERIFY2(error.contains(QLatin1String("no_such_detector")), qPrintable(error));
    }

    void historyOnlyWorkspace()
    {
        // No profiles: an application looping over keys (n_plus_one) and a statement that became 4x
        // slower for its last 10 of 50 daily runs (regression), written through the real store.
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.open(dopt::test::tempDir() + QStringLiteral("/history.dopt"), &error), qPrintable(error));
        JobRepository jobs(workspace.database());
        QVERIFY(workspace.database().transaction());
        const qint64 start = 1'750'000'000'000LL;
        auto add = [&](const QString& id, const QString& sql, qint64 submitted, qint64 duration, qint64 rows,
                       const QString& user) {
            Job job;
            job.jobId = id;
            job.sql = sql;
            job.state = QStringLiteral("COMPLETED");
            job.user = user;
            job.submittedMs = submitted;
            job.durationMs = duration;
            job.rowsReturned = rows;
            QVERIFY2(jobs.upsert(job, 0, 0, &error) > 0, qPrintable(error));
        };
        for (int i = 0; i < 250; ++i) // 250 lookups within 250 s, one row each
            add(QStringLiteral("loop-%1").arg(i), QStringLiteral("SELECT name FROM customers WHERE id = %1").arg(i),
                start + i * 1000, 40, 1, i % 10 == 0 ? QStringLiteral("analyst") : QStringLiteral("app_service"));
        for (int i = 0; i < 50; ++i) // daily report, 4x slower for the last 10 days
            add(QStringLiteral("report-%1").arg(i), QStringLiteral("SELECT region, SUM(x) FROM sales GROUP BY region"),
                start + i * 86'400'000LL, (i >= 40 ? 4 : 1) * (5000 + (i * 37) % 700), 12, QStringLiteral("bi"));
        for (int i = 0; i < 150; ++i) // the same lookup, spread out: no burst
            add(QStringLiteral("calm-%1").arg(i), QStringLiteral("SELECT name FROM products WHERE id = %1").arg(i),
                start + i * 3'600'000LL, 40, 1, QStringLiteral("analyst"));
        QVERIFY(workspace.database().commit());

        AnalysisEngine engine(workspace);
        AnalysisSummary summary;
        QVERIFY2(engine.run(&summary, &error), qPrintable(error));
        QCOMPARE(summary.jobsAnalysed, 450);
        QCOMPARE(summary.profilesAnalysed, 0);
        QCOMPARE(summary.fingerprints, 3);
        QCOMPARE(summary.baselines, 3);
        QCOMPARE(summary.regressions, 1);
        QCOMPARE(summary.findingsPerDetector,
            (QMap<QString, int> {{QStringLiteral("n_plus_one"), 1}, {QStringLiteral("regression"), 1}}));

        AnalysisStore store(workspace.database());
        const QVector<Finding> loops = store.findings(QStringLiteral("n_plus_one"));
        QCOMPARE(loops.size(), 1);
        QCOMPARE(loops[0].occurrences, 250);
        QCOMPARE(loops[0].evidenceValue(QStringLiteral("runs_in_window")).value(), 250.0);
        QCOMPARE(loops[0].evidenceValue(QStringLiteral("top_user_share")).value(), 0.9);
        QVERIFY(loops[0].recommendation.contains(QLatin1String("app_service")));
        const QVector<Finding> regressions = store.findings(QStringLiteral("regression"));
        QCOMPARE(regressions.size(), 1);
        QCOMPARE(regressions[0].occurrences, 10);
        QCOMPARE(regressions[0].severity, Severity::High);
        QCOMPARE(qint64(regressions[0].evidenceValue(QStringLiteral("since")).value()), start + 40 * 86'400'000LL);
        QCOMPARE(store.highestSeverity(), std::optional<Severity>(Severity::High));
    }

    void mergeKeepsTheWorstAndCounts()
    {
        Finding a;
        a.detectorId = QStringLiteral("memory_spill");
        a.fingerprint = QStringLiteral("f1");
        a.operatorKey = QStringLiteral("01-02");
        a.severity = Severity::Medium;
        a.improvementMs = 100;
        a.jobIds = {QStringLiteral("j1")};
        Finding b = a;
        b.severity = Severity::High;
        b.improvementMs = 50;
        b.jobIds = {QStringLiteral("j2")};
        Finding c = a;
        c.operatorKey = QStringLiteral("01-03");
        Finding unkeyed = a;
        unkeyed.fingerprint.clear();
        const QVector<Finding> merged = AnalysisEngine::merge({a, b, c, unkeyed, unkeyed}, 5);
        QCOMPARE(merged.size(), 4);
        QCOMPARE(merged[0].severity, Severity::High);
        QCOMPARE(merged[0].occurrences, 2);
        QCOMPARE(merged[0].improvementMs, 150);
        QCOMPARE(merged[0].jobIds, (QStringList {QStringLiteral("j2"), QStringLiteral("j1")}));
        QCOMPARE(AnalysisEngine::merge({a, a, a}, 2).value(0).jobIds.size(), 1); // duplicates removed
    }

private:
    QString m_path;
    Workspace m_workspace;
    QStringList m_firstRun;
};

QTEST_GUILESS_MAIN(TestAnalysisEngine)
#include "tst_analysisengine.moc"
