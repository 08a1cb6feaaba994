#include "measure/measurementstatistics.h"
#include "measure/measurementstore.h"
#include "measure/measurementtask.h"
#include "measure/postgresmeasurer.h"
#include "measure/readonlystatement.h"
#include "postgresserver.h"
#include "sources/postgres/pgconnection.h"
#include "store/workspace.h"
#include "tasks/taskrunner.h"
#include "testdata.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace dopt;

namespace {
const QString SelectiveQuery = QStringLiteral("SELECT count(*), sum(amount) FROM events WHERE account_id = 42");
}

/// Apply-and-measure against a real server with a planted missing index: verdicts for a change that
/// helps and one that does not, keep and revert, and the faults (timeout, permission denied, a
/// rewrite with another result, cancel, the server stopping in the middle).
class TestPostgresMeasure : public QObject
{
    Q_OBJECT

private:
    dopt::test::PostgresServer m_server;
    QString m_url;
    std::unique_ptr<Workspace> m_workspace;
    PgConnection m_connection;

    /// The shop database of every server these tests start.
    static QString schema()
    {
        return QStringLiteral(
            "CREATE TABLE events (id bigint PRIMARY KEY, account_id int NOT NULL, status text, "
            "amount numeric);"
            "INSERT INTO events SELECT g, (g::bigint * 7919) % 10000, CASE WHEN g % 3 = 0 THEN 'open' "
            "ELSE 'closed' END, g % 1000 FROM generate_series(1, 400000) g;"
            "ANALYZE events;"
            "ALTER DATABASE shop SET max_parallel_workers_per_gather = 0;"
            "CREATE ROLE analyst LOGIN; GRANT SELECT ON events TO analyst;");
    }

    MeasurementRequest createIndexRequest(const QString& column, const QString& url = QString()) const
    {
        MeasurementRequest request;
        request.kind = MeasurementRequest::Kind::CreateIndex;
        request.url = url.isEmpty() ? m_url : url;
        request.indexName = QStringLiteral("public.events_%1_idx").arg(column);
        request.applyStatements
            = {QStringLiteral("CREATE INDEX CONCURRENTLY events_%1_idx ON public.events (%1)").arg(column)};
        request.undoStatements = {QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS public.events_%1_idx").arg(column)};
        request.sqlBefore = SelectiveQuery;
        request.runs = 6;
        request.warmupRuns = 1;
        return request;
    }

    bool indexExists(const QString& name)
    {
        const PgResult result
            = m_connection.execParams(QStringLiteral("SELECT count(*) FROM pg_class WHERE relname = $1"), {name});
        return result.ok && result.value(0, 0) == QLatin1String("1");
    }

    qint64 storedRuns(qint64 measurementId)
    {
        QSqlQuery query(m_workspace->database());
        query.prepare(QStringLiteral("SELECT COUNT(*) FROM measurement_runs WHERE measurement_id = ?"));
        query.addBindValue(measurementId);
        return query.exec() && query.next() ? query.value(0).toLongLong() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        if (!m_server.startWithDatabase(QStringLiteral("shop"), schema(), &m_url, &reason))
            QSKIP(qPrintable(reason));
        QVERIFY2(!m_url.isEmpty(), qPrintable(reason));
        QVERIFY2(m_connection.open(m_url, &reason), qPrintable(reason));
        m_workspace = std::make_unique<Workspace>();
        QVERIFY2(
            m_workspace->open(dopt::test::tempDir() + QStringLiteral("/measure.dopt"), &reason), qPrintable(reason));
    }

    void statisticsVerdicts()
    {
        const QVector<double> slow {100, 104, 98, 101, 99, 103, 97, 102};
        const QVector<double> fast {20, 21, 19, 22, 20, 18, 21, 20};
        const MeasurementSummary better = MeasurementStatistics::summarize(slow, fast);
        QCOMPARE(better.verdict, QStringLiteral("improved"));
        QVERIFY(better.speedup > 4.5 && better.speedup < 5.5);
        QVERIFY(better.speedupCiLow <= better.speedup && better.speedup <= better.speedupCiHigh);
        QVERIFY(better.speedupCiLow > 1);
        QVERIFY(better.pValue < 0.01);
        QCOMPARE(MeasurementStatistics::summarize(fast, slow).verdict, QStringLiteral("regressed"));
        const QVector<double> same {101, 99, 103, 98, 100, 102, 97, 104};
        const MeasurementSummary noise = MeasurementStatistics::summarize(slow, same);
        QCOMPARE(noise.verdict, QStringLiteral("no_change"));
        QVERIFY(noise.pValue > 0.5);
        // Significant but within the noise threshold: still no change.
        const QVector<double> slightlyFaster {97, 101, 95, 98, 96, 100, 94, 99};
        QCOMPARE(MeasurementStatistics::summarize(slow, slightlyFaster).verdict, QStringLiteral("no_change"));
        // The interval is reproducible (fixed seed).
        QCOMPARE(MeasurementStatistics::summarize(slow, fast).speedupCiLow, better.speedupCiLow);
    }

    void readOnlyCheck_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("refusal"); // empty: accepted
        QTest::newRow("select") << SelectiveQuery << QString();
        QTest::newRow("union") << QStringLiteral("SELECT 1 UNION SELECT 2") << QString();
        QTest::newRow("cte") << QStringLiteral("WITH a AS (SELECT 1) SELECT * FROM a") << QString();
        QTest::newRow("update") << QStringLiteral("UPDATE events SET amount = 0") << QStringLiteral("only SELECT");
        QTest::newRow("for update") << QStringLiteral("SELECT * FROM events FOR UPDATE")
                                    << QStringLiteral("locks rows");
        QTest::newRow("select into") << QStringLiteral("SELECT * INTO copy FROM events")
                                     << QStringLiteral("creates a table");
        QTest::newRow("writing cte") << QStringLiteral("WITH d AS (DELETE FROM events RETURNING *) SELECT * FROM d")
                                     << QStringLiteral("writes");
        QTest::newRow("two") << QStringLiteral("SELECT 1; SELECT 2") << QStringLiteral("exactly one");
        QTest::newRow("garbage") << QStringLiteral("SELEC 1") << QStringLiteral("does not parse");
    }

    void readOnlyCheck()
    {
        QFETCH(QString, sql);
        QFETCH(QString, refusal);
        QString reason;
        QCOMPARE(ReadOnlyStatement::check(sql, &reason), refusal.isEmpty());
        QVERIFY2(reason.contains(refusal), qPrintable(reason));
    }

    void helpfulIndexImprovesKeepAndRevert()
    {
        MeasurementRequest request = createIndexRequest(QStringLiteral("account_id"));
        request.keep = true;
        int progressCalls = 0;
        const MeasurementResult result = PostgresMeasurer::measure(m_workspace->database(), request, nullptr,
            [&progressCalls](const MeasurementProgress&) { ++progressCalls; });
        QVERIFY2(result.state == QLatin1String("done"), qPrintable(result.error));
        QCOMPARE(result.verdict, QStringLiteral("improved"));
        QVERIFY(result.summary->speedup > 2);
        QVERIFY(result.summary->speedupCiLow > 1);
        QVERIFY(result.applied);
        QVERIFY(indexExists(QStringLiteral("events_account_id_idx")));
        QCOMPARE(result.rowsBefore.value_or(-1), qint64(1));
        QCOMPARE(result.checksumBefore, result.checksumAfter);
        // Plans: the before runs could not use the index, the after runs did.
        QVERIFY(result.planBefore.contains(QLatin1String("Seq Scan")));
        QVERIFY(!result.planBefore.contains(QLatin1String("events_account_id_idx")));
        QVERIFY(result.planAfter.contains(QLatin1String("events_account_id_idx")));
        QVERIFY(progressCalls >= 14);

        // Stored as it ran: 2 x (1 warm-up + 6 runs), interleaved before/after.
        const std::optional<MeasurementResult> stored
            = MeasurementStore(m_workspace->database()).get(result.id, nullptr);
        QVERIFY(stored.has_value());
        QCOMPARE(stored->runList.size(), 14);
        for (int i = 0; i < stored->runList.size(); ++i)
            QCOMPARE(stored->runList.at(i).variant, i % 2 == 0 ? QStringLiteral("before") : QStringLiteral("after"));
        QCOMPARE(stored->verdict, QStringLiteral("improved"));
        QVERIFY(stored->applied);
        QCOMPARE(stored->undoStatements, request.undoStatements);
        QCOMPARE(stored->summary->speedup, result.summary->speedup);

        QString error;
        QVERIFY2(PostgresMeasurer::revert(m_workspace->database(), result.id, &error), qPrintable(error));
        QVERIFY(!indexExists(QStringLiteral("events_account_id_idx")));
        const std::optional<MeasurementResult> reverted
            = MeasurementStore(m_workspace->database()).get(result.id, nullptr);
        QVERIFY(!reverted->applied);
        QVERIFY(reverted->revertedMs.has_value());
        // A second revert has nothing to do and says so.
        QVERIFY(!PostgresMeasurer::revert(m_workspace->database(), result.id, &error));
        QVERIFY2(error.contains(QLatin1String("nothing in place")), qPrintable(error));
    }

    void uselessIndexIsNoChangeAndUndone()
    {
        MeasurementRequest request = createIndexRequest(QStringLiteral("status"));
        request.runs = 8;
        // Identical plans on both sides: keep the false-alarm rate of this check at 1%, not 5%, so a
        // noisy shared machine does not fail it by chance.
        request.statistics.alpha = 0.01;
        const MeasurementResult result = PostgresMeasurer::measure(m_workspace->database(), request);
        QVERIFY2(result.state == QLatin1String("done"), qPrintable(result.error));
        QCOMPARE(result.verdict, QStringLiteral("no_change"));
        QVERIFY(!result.applied);
        QVERIFY(!indexExists(QStringLiteral("events_status_idx")));
    }

    void rewriteWithAnotherResultIsInvalid()
    {
        MeasurementRequest request;
        request.kind = MeasurementRequest::Kind::SqlRewrite;
        request.url = m_url;
        request.sqlBefore = QStringLiteral("SELECT id FROM events WHERE account_id IN (1, 2)");
        request.sqlAfter = QStringLiteral("SELECT id FROM events WHERE account_id = 1");
        request.runs = 3;
        const MeasurementResult result = PostgresMeasurer::measure(m_workspace->database(), request);
        QCOMPARE(result.verdict, QStringLiteral("invalid"));
        QCOMPARE(result.state, QStringLiteral("failed"));
        QVERIFY2(result.error.contains(QLatin1String("different result")), qPrintable(result.error));
        QVERIFY(result.rowsBefore.value_or(0) > result.rowsAfter.value_or(0));
        QVERIFY(!result.summary.has_value());
        QCOMPARE(storedRuns(result.id), 2); // the warm-ups that showed it; no timed run

        // An equivalent rewrite (rows in another order) is measured.
        request.sqlAfter
            = QStringLiteral("SELECT id FROM events WHERE account_id = 2 OR account_id = 1 ORDER BY id DESC");
        const MeasurementResult same = PostgresMeasurer::measure(m_workspace->database(), request);
        QVERIFY2(same.state == QLatin1String("done"), qPrintable(same.error));
        QCOMPARE(same.checksumBefore, same.checksumAfter);
        QVERIFY(!same.verdict.isEmpty() && same.verdict != QLatin1String("invalid"));
    }

    void parameterChangeAppliesToAfterRunsOnly()
    {
        MeasurementRequest request;
        request.kind = MeasurementRequest::Kind::ParameterChange;
        request.url = m_url;
        request.settings = {QStringLiteral("enable_seqscan = off")};
        request.sqlBefore = QStringLiteral("SELECT count(*) FROM events WHERE id < 1000");
        request.runs = 2;
        request.warmupRuns = 0;
        const MeasurementResult result = PostgresMeasurer::measure(m_workspace->database(), request);
        QVERIFY2(result.state == QLatin1String("done"), qPrintable(result.error));
        QVERIFY(result.planAfter.contains(QLatin1String("\"Node Type\":\"Index Only Scan\""))
            || result.planAfter.contains(QLatin1String("Index Scan")));
        QVERIFY(!result.applied);
        // SET LOCAL died with the rolled-back transaction.
        QCOMPARE(m_connection.exec(QStringLiteral("SHOW enable_seqscan")).value(0, 0), QStringLiteral("on"));
        request.settings = {QStringLiteral("work_mem = '1MB'; DROP TABLE events")};
        QString error;
        QVERIFY(!request.validate(&error));
        QVERIFY2(error.contains(QLatin1String("not a setting")), qPrintable(error));
    }

    void timeoutFailsAndUndoes()
    {
        MeasurementRequest request = createIndexRequest(QStringLiteral("amount"));
        request.sqlBefore = QStringLiteral("SELECT pg_sleep(0.5), count(*) FROM events WHERE amount = 3");
        request.statementTimeoutMs = 100;
        const MeasurementResult result = PostgresMeasurer::measure(m_workspace->database(), request);
        QCOMPARE(result.state, QStringLiteral("failed"));
        QVERIFY2(result.error.contains(QLatin1String("statement_timeout of 100 ms")), qPrintable(result.error));
        QVERIFY(!result.applied);
        QVERIFY(!indexExists(QStringLiteral("events_amount_idx")));
        const std::optional<MeasurementResult> stored
            = MeasurementStore(m_workspace->database()).get(result.id, nullptr);
        QCOMPARE(stored->state, QStringLiteral("failed"));
        QVERIFY(!stored->applied);
        QVERIFY(stored->revertedMs.has_value());
    }

    void permissionDeniedOnCreateIndex()
    {
        const QString analystUrl = QStringLiteral("postgresql://analyst@127.0.0.1:%1/shop").arg(m_server.port());
        const MeasurementResult result = PostgresMeasurer::measure(
            m_workspace->database(), createIndexRequest(QStringLiteral("account_id"), analystUrl));
        QCOMPARE(result.state, QStringLiteral("failed"));
        QVERIFY2(result.error.contains(QLatin1String("permission denied"))
                && result.error.contains(QLatin1String("must be owner of table events")),
            qPrintable(result.error));
        QVERIFY(!result.applied);
        QVERIFY(!indexExists(QStringLiteral("events_account_id_idx")));
        QCOMPARE(storedRuns(result.id), 0);
    }

    void refusesWritesAndExistingIndexes()
    {
        MeasurementRequest request = createIndexRequest(QStringLiteral("account_id"));
        request.sqlBefore = QStringLiteral("DELETE FROM events");
        const MeasurementResult refused = PostgresMeasurer::measure(m_workspace->database(), request);
        QCOMPARE(refused.id, 0); // nothing ran, nothing stored
        QVERIFY2(refused.error.contains(QLatin1String("only SELECT")), qPrintable(refused.error));

        // Never drop an index the user already has.
        QVERIFY(m_connection.exec(QStringLiteral("CREATE INDEX events_status_idx ON events (status)")).ok);
        const MeasurementResult existing
            = PostgresMeasurer::measure(m_workspace->database(), createIndexRequest(QStringLiteral("status")));
        QCOMPARE(existing.state, QStringLiteral("failed"));
        QVERIFY2(existing.error.contains(QLatin1String("already exists")), qPrintable(existing.error));
        QVERIFY(indexExists(QStringLiteral("events_status_idx")));
        QVERIFY(m_connection.exec(QStringLiteral("DROP INDEX events_status_idx")).ok);
    }

    void cancelStopsAndUndoes()
    {
        std::atomic_bool cancel {false};
        MeasurementRequest request = createIndexRequest(QStringLiteral("account_id"));
        request.runs = 50;
        const MeasurementResult result = PostgresMeasurer::measure(
            m_workspace->database(), request, &cancel, [&cancel](const MeasurementProgress& progress) {
                if (progress.done >= 4)
                    cancel = true;
            });
        QCOMPARE(result.state, QStringLiteral("cancelled"));
        QVERIFY(!result.applied);
        QVERIFY(!indexExists(QStringLiteral("events_account_id_idx")));
        QVERIFY(storedRuns(result.id) < 10);
    }

    void backgroundTaskReportsEveryRun()
    {
        TaskRunner runner;
        QSignalSpy progress(&runner, &TaskRunner::progress);
        std::optional<MeasurementResult> delivered;
        std::atomic_int runsSeen {0};
        MeasurementRequest request = createIndexRequest(QStringLiteral("account_id"));
        request.runs = 3;
        MeasurementTask::start(
            runner, *m_workspace, request, [&delivered](MeasurementResult result) { delivered = result; },
            [&runsSeen](const MeasurementRun&) { ++runsSeen; });
        QTRY_VERIFY_WITH_TIMEOUT(delivered.has_value(), 120000);
        QVERIFY2(delivered->state == QLatin1String("done"), qPrintable(delivered->error));
        QCOMPARE(runsSeen.load(), 8);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(1).toInt(), 8);
        QVERIFY(!indexExists(QStringLiteral("events_account_id_idx")));
    }

    void serverStopsMidMeasurement()
    {
        dopt::test::PostgresServer server;
        QString reason;
        QString url;
        QVERIFY2(server.startWithDatabase(QStringLiteral("shop"), schema(), &url, &reason) && !url.isEmpty(),
            qPrintable(reason));
        MeasurementRequest request;
        request.kind = MeasurementRequest::Kind::CreateIndex;
        request.url = url;
        request.indexName = QStringLiteral("events_account_id_idx");
        request.applyStatements
            = {QStringLiteral("CREATE INDEX CONCURRENTLY events_account_id_idx ON events (account_id)")};
        request.undoStatements = {QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS events_account_id_idx")};
        request.sqlBefore = SelectiveQuery;
        request.runs = 20;
        request.keep = false;
        const MeasurementResult result = PostgresMeasurer::measure(
            m_workspace->database(), request, nullptr, [&server](const MeasurementProgress& progress) {
                if (progress.phase == QLatin1String("run") && progress.run && progress.run->seq == 8)
                    server.shutdown();
            });
        QCOMPARE(result.state, QStringLiteral("failed"));
        QVERIFY2(result.error.contains(QLatin1String("connection to the server was lost")), qPrintable(result.error));
        // The undo could not reach the server: the workspace says the index is still there.
        QVERIFY(result.applied);
        QVERIFY2(result.error.contains(QStringLiteral("revert %1 --yes").arg(result.id)), qPrintable(result.error));
        std::optional<MeasurementResult> stored = MeasurementStore(m_workspace->database()).get(result.id, nullptr);
        QCOMPARE(stored->state, QStringLiteral("failed"));
        QVERIFY(stored->applied);

        QVERIFY2(server.resume(&reason), qPrintable(reason));
        QString error;
        QVERIFY2(PostgresMeasurer::revert(m_workspace->database(), result.id, &error), qPrintable(error));
        QVERIFY2(server.psql(QStringLiteral("shop"),
                     QStringLiteral("SELECT count(*) FROM pg_class WHERE relname = 'events_account_id_idx'"), &error)
                == QLatin1String("0"),
            qPrintable(error));
        stored = MeasurementStore(m_workspace->database()).get(result.id, nullptr);
        QVERIFY(!stored->applied);
    }
};

QTEST_GUILESS_MAIN(TestPostgresMeasure)
#include "tst_postgresmeasure.moc"
