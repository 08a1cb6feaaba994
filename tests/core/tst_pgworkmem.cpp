#include "analysis/analysisengine.h"
#include "analysis/recommendationstore.h"
#include "analysis/workmemadvice.h"
#include "measure/measurementrequest.h"
#include "measure/postgresmeasurer.h"
#include "postgresserver.h"
#include "profile/postgresplanparser.h"
#include "sources/postgres/pgconnection.h"
#include "sources/postgres/pgexplaincollector.h"
#include "sources/postgres/postgrescollector.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QJsonArray>
#include <QTest>

using namespace dopt;

namespace {
// An external sort (row_number over a text column) and a hash join in many batches at 64 kB.
const QString SortQuery
    = QStringLiteral("SELECT max(rn) FROM (SELECT row_number() OVER (ORDER BY payload) AS rn FROM items) s");
const QString HashQuery = QStringLiteral("SELECT count(*) FROM items a JOIN items b ON a.payload = b.payload");
} // namespace

/// memory_spill on PostgreSQL plans: the work_mem that keeps the statement in memory, computed from
/// a real server's EXPLAIN ANALYZE at 64 kB, checked by explaining again with it, then measured.
class TestPgWorkMem : public QObject
{
    Q_OBJECT

private:
    dopt::test::PostgresServer m_server;
    QString m_url;
    PgConnection m_connection;

    void run(const QString& sql)
    {
        const PgResult result = m_connection.exec(sql);
        QVERIFY2(result.ok, qPrintable(sql + QStringLiteral(": ") + result.error));
    }

    /// Bytes the plan's operators spilled when run with `setting` (SET LOCAL, rolled back).
    qint64 spilledWith(const QString& sql, const QString& setting)
    {
        m_connection.exec(QStringLiteral("BEGIN"));
        m_connection.exec(QStringLiteral("SET LOCAL ") + setting);
        const PgResult explained = m_connection.exec(QStringLiteral("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ") + sql);
        m_connection.exec(QStringLiteral("ROLLBACK"));
        ParsedProfile profile;
        QString error;
        if (!explained.ok || !PostgresPlanParser::parse(explained.value(0, 0).toUtf8(), &profile, &error)) {
            qWarning("%s %s", qPrintable(explained.error), qPrintable(error));
            return -1;
        }
        qint64 bytes = 0;
        for (const PlanNode& node : profile.tree.nodes)
            bytes += node.spilledBytes + (node.metrics.value(QStringLiteral("hash_batches")) > 1 ? 1 : 0);
        return bytes;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        const QString schema = QStringLiteral("ALTER DATABASE shop SET work_mem = '64kB';"
                                              "ALTER DATABASE shop SET max_parallel_workers_per_gather = 0;");
        if (!m_server.startWithDatabase(QStringLiteral("shop"), schema, &m_url, &reason))
            QSKIP(qPrintable(reason));
        QVERIFY2(!m_url.isEmpty(), qPrintable(reason));
        QVERIFY2(m_connection.open(m_url, &reason), qPrintable(reason));
        run(QStringLiteral("CREATE EXTENSION pg_stat_statements"));
        run(QStringLiteral("CREATE TABLE items (id int, payload text)"));
        run(QStringLiteral("INSERT INTO items SELECT g, md5(g::text) FROM generate_series(1, 100000) g"));
        run(QStringLiteral("ANALYZE items"));
    }

    void workMemValues()
    {
        QCOMPARE(WorkMemAdvice::toKb(QStringLiteral("4096"), QStringLiteral("kB")), 4096);
        QCOMPARE(WorkMemAdvice::toKb(QStringLiteral("64MB")), 64 * 1024);
        QCOMPARE(WorkMemAdvice::toKb(QStringLiteral("2"), QStringLiteral("8kB")), 16);
        QCOMPARE(WorkMemAdvice::toKb(QStringLiteral("1GB")), 1024 * 1024);
        QCOMPARE(WorkMemAdvice::toKb(QStringLiteral("lots")), -1);
        QCOMPARE(WorkMemAdvice::format(8192), QStringLiteral("8MB"));
        QCOMPARE(WorkMemAdvice::format(1024 * 1024), QStringLiteral("1GB"));
        QCOMPARE(WorkMemAdvice::format(1536), QStringLiteral("1536kB"));
        QCOMPARE(WorkMemAdvice::roundUp(100), 1024);
        QCOMPARE(WorkMemAdvice::roundUp(5000), 8192);
        QCOMPARE(WorkMemAdvice::roundUp(20 * 1024), 24 * 1024);
        QCOMPARE(WorkMemAdvice::roundUp(40 * 1024), 48 * 1024);
        // Hash memory may use work_mem x hash_mem_multiplier: 40 MB of hash table needs 20 MB x 1.25 -> 32MB.
        QCOMPARE(
            WorkMemAdvice::choose(0, 40 * 1024, 2.0, 4096, WorkMemAdvice::DefaultCapKb).text, QStringLiteral("32MB"));
        // Always above what spilled: the current 16MB spilled although the estimate says 2 MB.
        QCOMPARE(
            WorkMemAdvice::choose(2048, 0, 2.0, 16 * 1024, WorkMemAdvice::DefaultCapKb).text, QStringLiteral("24MB"));
        const WorkMemAdvice::Choice capped = WorkMemAdvice::choose(8.0 * 1024 * 1024, 0, 2.0, 4096, 1024 * 1024);
        QVERIFY(capped.capped);
        QCOMPARE(capped.text, QStringLiteral("1GB"));
    }

    void recommendationKeepsTheStatementInMemory()
    {
        QVERIFY(spilledWith(SortQuery, QStringLiteral("work_mem = '64kB'")) > 0);
        QVERIFY(spilledWith(HashQuery, QStringLiteral("work_mem = '64kB'")) > 0);
        run(QStringLiteral("SELECT pg_stat_statements_reset()"));
        for (int i = 0; i < 3; ++i) {
            run(SortQuery);
            run(HashQuery);
        }
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.open(dopt::test::tempDir() + QStringLiteral("/workmem.dopt"), &error), qPrintable(error));
        const PgCollectResult collected = PostgresCollector::collect(workspace, m_url, false);
        QVERIFY2(collected.ok, qPrintable(collected.error));
        const PgExplainResult explained
            = PgExplainCollector::collect(workspace.database(), m_url, PgExplainCollector::Options {});
        QVERIFY2(explained.ok && explained.explained >= 2, qPrintable(explained.error));
        AnalysisEngine engine(workspace);
        AnalysisSummary summary;
        QVERIFY2(engine.run(&summary, &error), qPrintable(error));

        RecommendationFilter filter;
        filter.detector = QStringLiteral("memory_spill");
        const QVector<Recommendation> found = RecommendationStore(workspace.database()).list(filter, &error);
        QVERIFY2(found.size() == 2, qPrintable(QStringLiteral("%1 recommendations %2").arg(found.size()).arg(error)));
        for (const Recommendation& recommendation : found) {
            QCOMPARE(recommendation.engine, QStringLiteral("postgresql"));
            QCOMPARE(recommendation.action, ActionKind::ParameterChange);
            QVERIFY(recommendation.applyStatements.isEmpty()); // SET LOCAL only, never ALTER SYSTEM
            QCOMPARE(recommendation.definition.value(QStringLiteral("current_kb")).toInteger(), 64);
            QVERIFY(recommendation.definition.value(QStringLiteral("current_known")).toBool());
            const QString setting
                = recommendation.definition.value(QStringLiteral("settings")).toArray().first().toString();
            const qint64 kb = recommendation.definition.value(QStringLiteral("recommended_kb")).toInteger();
            QCOMPARE(setting, QStringLiteral("work_mem = '%1'").arg(WorkMemAdvice::format(kb)));
            // Enough: the statement runs without spilling; not absurd: at most 64 MB for 100,000 short rows.
            QCOMPARE(spilledWith(recommendation.measureSql, setting), 0);
            QVERIFY2(kb <= 64 * 1024, qPrintable(setting));
            qInfo("%s -> %s", qPrintable(recommendation.measureSql.left(60)), qPrintable(setting));
        }

        // Measured: the after runs SET LOCAL the value; nothing persists. (The hash join: its batches cost
        // real time; the text sort is bound by its comparisons, the spilled runs stay in the page cache.)
        const Recommendation& hash = found[found[0].measureSql.contains(QLatin1String("JOIN")) ? 0 : 1];
        std::optional<MeasurementRequest> request = MeasurementRequest::fromRecommendation(hash, &error);
        QVERIFY2(request, qPrintable(error));
        request->url = m_url;
        request->runs = 7;
        request->warmupRuns = 1;
        QVERIFY2(request->validate(&error), qPrintable(error));
        const MeasurementResult result = PostgresMeasurer::measure(workspace.database(), *request);
        QVERIFY2(result.state == QLatin1String("done"), qPrintable(result.error));
        QVERIFY(result.summary);
        QVERIFY2(result.verdict == QLatin1String("improved") || result.verdict == QLatin1String("no_change"),
            qPrintable(result.verdict));
        QVERIFY(result.summary->speedupCiLow <= result.summary->speedup);
        QVERIFY(result.summary->speedup <= result.summary->speedupCiHigh);
        QVERIFY(!result.applied);
        qInfo("hash spill fix: %s, speedup %.2fx (95%% CI %.2f-%.2f), median %.1f -> %.1f ms",
            qPrintable(result.verdict), result.summary->speedup, result.summary->speedupCiLow,
            result.summary->speedupCiHigh, result.summary->medianBeforeMs, result.summary->medianAfterMs);
        QCOMPARE(m_connection.exec(QStringLiteral("SHOW work_mem")).value(0, 0), QStringLiteral("64kB"));
    }
};

QTEST_GUILESS_MAIN(TestPgWorkMem)
#include "tst_pgworkmem.moc"
