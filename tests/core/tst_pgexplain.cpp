#include "pgstatements.h"
#include "postgresserver.h"
#include "profile/postgresplanparser.h"
#include "sources/postgres/pgconnection.h"
#include "sources/postgres/pgexplaincollector.h"
#include "sources/postgres/pgexplaintask.h"
#include "sources/postgres/pglogimporter.h"
#include "sources/postgres/pgparametervalues.h"
#include "sources/postgres/postgrescollector.h"
#include "store/jobrepository.h"
#include "store/profilerepository.h"
#include "store/workspace.h"
#include "tasks/taskrunner.h"
#include "testdata.h"

#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace dopt;

namespace {
const QString CustomerQuery = QStringLiteral("SELECT count(*), sum(total) FROM orders WHERE customer_id = $1");
}

/// EXPLAIN (ANALYZE, BUFFERS) profiles from a real server: statements from pg_stat_statements with
/// values from pg_stats, or from a logged execution with its own values; stored as job profiles;
/// non-SELECTs never run; read-only rolled-back transactions; timeout; cancel; the background task.
class TestPgExplain : public QObject
{
    Q_OBJECT

private:
    dopt::test::PostgresServer m_server;
    QString m_url;
    PgConnection m_connection;

    void run(const QString& sql, const QStringList& parameters = {})
    {
        test::execOrFail(m_connection, sql, parameters);
    }

    QString scalar(const QString& sql) { return test::scalarOrError(m_connection, sql); }

    static const PgExplainedStatement* find(const PgExplainResult& result, const QString& fragment)
    {
        for (const PgExplainedStatement& statement : result.statements)
            if (statement.sql.contains(fragment))
                return &statement;
        return nullptr;
    }

    // The planted workload, recorded by pg_stat_statements with $n placeholders (extended protocol).
    void runWorkload()
    {
        run(QStringLiteral("SELECT pg_stat_statements_reset()"));
        for (int i = 0; i < 8; ++i) {
            run(CustomerQuery, {QString::number(i * 37)});
            run(QStringLiteral("SELECT id FROM orders WHERE region = $1 ORDER BY total DESC LIMIT $2"),
                {QStringLiteral("r2"), QStringLiteral("5")});
            run(QStringLiteral("UPDATE orders SET total = total WHERE id = $1"), {QString::number(i + 1)});
            run(QStringLiteral("SELECT nextval('ticket')"));
            run(QStringLiteral("SELECT stamp()"));
        }
    }

    std::unique_ptr<Workspace> collectedWorkspace(const QString& name)
    {
        auto workspace = std::make_unique<Workspace>();
        QString error;
        if (!workspace->open(dopt::test::tempDir() + QLatin1Char('/') + name, &error)) {
            qWarning("%s", qPrintable(error));
            return nullptr;
        }
        const PgCollectResult collected = PostgresCollector::collect(*workspace, m_url, false);
        if (!collected.ok) {
            qWarning("%s", qPrintable(collected.error));
            return nullptr;
        }
        return workspace;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        if (!m_server.startLogged(QStringLiteral("csvlog"), QStringLiteral("shop"), &m_url, &reason))
            QSKIP(qPrintable(reason));
        QVERIFY2(!m_url.isEmpty(), qPrintable(reason));
        QVERIFY2(m_connection.open(m_url, &reason), qPrintable(reason));
        run(QStringLiteral("CREATE EXTENSION pg_stat_statements"));
        run(QStringLiteral(
            "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL, region text, total numeric)"));
        run(QStringLiteral(
            "INSERT INTO orders SELECT g, g % 2000, 'r' || (g % 4), g % 500 FROM generate_series(1, 100000) g"));
        run(QStringLiteral("CREATE SEQUENCE ticket"));
        // Counts every UPDATE of orders that starts executing, even one rolled back: sequences are not
        // transactional (pg_stat_user_tables counts them too, but publishes its counters late).
        run(QStringLiteral("CREATE SEQUENCE updates_tried"));
        run(QStringLiteral("CREATE FUNCTION count_update() RETURNS trigger LANGUAGE plpgsql AS "
                           "'BEGIN PERFORM nextval(''updates_tried''); RETURN NEW; END'"));
        run(QStringLiteral(
            "CREATE TRIGGER orders_updates BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION count_update()"));
        // A SELECT that writes through a function: only the READ ONLY transaction stops it.
        run(QStringLiteral("CREATE TABLE audit (n int)"));
        run(QStringLiteral("CREATE FUNCTION stamp() RETURNS int LANGUAGE sql AS "
                           "'INSERT INTO audit VALUES (1) RETURNING n'"));
        run(QStringLiteral("ANALYZE"));
    }

    void arrayElements()
    {
        QCOMPARE(PgParameterValues::arrayElements(QStringLiteral("{a,\"b c\",NULL,\"x\\\"y\"}")),
            (QStringList {QStringLiteral("a"), QStringLiteral("b c"), QString(), QStringLiteral("x\"y")}));
        QVERIFY(PgParameterValues::arrayElements(QStringLiteral("{a,NULL}")).at(1).isNull());
        QVERIFY(PgParameterValues::arrayElements(QStringLiteral("not an array")).isEmpty());
    }

    void valuesFromStatistics()
    {
        QVector<PgParameterValue> values;
        QString error;
        QVERIFY2(PgParameterValues::fromStatistics(m_connection,
                     QStringLiteral("SELECT id FROM orders o WHERE o.customer_id = $1 AND $2 < total AND region IN "
                                    "($3, $4) LIMIT $5"),
                     &values, &error),
            qPrintable(error));
        QCOMPARE(values.size(), 5);
        QVERIFY2(values[0].origin.contains(QLatin1String("public.orders.customer_id")), qPrintable(values[0].origin));
        QVERIFY2(values[0].literal.startsWith(u'\''), qPrintable(values[0].literal));
        // $2 < total is total > $2: a bound in the upper part of the histogram.
        QVERIFY2(values[1].origin.startsWith(QLatin1String("histogram bound at 75%")), qPrintable(values[1].origin));
        // An IN list gets different common values: region has four, all frequent.
        QVERIFY(values[2].literal != values[3].literal);
        QVERIFY2(values[2].literal.contains(QRegularExpression(QStringLiteral("^'r[0-3]'$"))),
            qPrintable(values[2].literal));
        QCOMPARE(values[4].literal, QStringLiteral("'100'"));
        QCOMPARE(PgParameterValues::detail(values.mid(4)), QStringLiteral("$5 = '100'"));

        QVERIFY(
            !PgParameterValues::fromStatistics(m_connection, QStringLiteral("SELECT $1::int + 1"), &values, &error));
        QVERIFY2(error.contains(QLatin1String("$1")), qPrintable(error));
        QVERIFY(!PgParameterValues::fromStatistics(
            m_connection, QStringLiteral("SELECT 1 FROM orders WHERE no_such_column = $1"), &values, &error));
        QVERIFY2(error.contains(QLatin1String("no_such_column")), qPrintable(error));
    }

    void profilesFromStatistics()
    {
        runWorkload();
        const QString ticketBefore = scalar(QStringLiteral("SELECT last_value FROM ticket"));
        const QString updatesBefore = scalar(QStringLiteral("SELECT last_value FROM updates_tried"));
        QVERIFY2(updatesBefore.toInt() >= 8, qPrintable(updatesBefore)); // the workload's own updates counted
        std::unique_ptr<Workspace> workspace = collectedWorkspace(QStringLiteral("explain-stats.dopt"));
        QVERIFY(workspace);
        PgExplainCollector::Options options;
        int progressCalls = 0;
        const PgExplainResult result = PgExplainCollector::collect(
            workspace->database(), m_url, options, nullptr, [&](int, int, const QString&) { ++progressCalls; });
        QVERIFY2(result.ok, qPrintable(result.error));
        QVERIFY(progressCalls >= 2);

        // The statement on orders got a value from pg_stats and its profile.
        const PgExplainedStatement* customer = find(result, QStringLiteral("customer_id = "));
        QVERIFY(customer);
        QVERIFY2(customer->error.isEmpty(), qPrintable(customer->error));
        QCOMPARE(customer->parameterSource, QStringLiteral("pg_stats"));
        QCOMPARE(customer->parameters.size(), 1);
        QVERIFY(customer->parameters.first().origin.contains(QLatin1String("public.orders.customer_id")));
        QVERIFY2(customer->sql.contains(QStringLiteral("customer_id = ") + customer->parameters.first().literal),
            qPrintable(customer->sql));
        QCOMPARE(customer->calls, 8);
        QCOMPARE(customer->jobId, QStringLiteral("explain:") + customer->fingerprint);
        QVERIFY(customer->newJob);
        QVERIFY(customer->executionMs >= 0);

        // Stored as the job's profile: the same plan tree path as Dremio profiles.
        JobRepository jobs(workspace->database());
        const std::optional<JobRow> row = jobs.findByJobId(customer->jobId);
        QVERIFY(row);
        QVERIFY(row->hasProfile);
        QCOMPARE(row->job.engine, QStringLiteral("postgres"));
        QCOMPARE(row->job.sql, customer->sql);
        QString error;
        const std::optional<ParsedProfile> profile
            = ProfileRepository(workspace->database()).loadForJob(row->rowId, &error);
        QVERIFY2(profile, qPrintable(error));
        QCOMPARE(profile->format, QStringLiteral("postgres-explain-json"));
        bool scan = false;
        QStringList seen;
        for (const PlanNode& node : profile->tree.nodes) {
            seen << node.typeName + QLatin1Char(' ') + QString::number(node.inputRecords);
            if (node.typeName == QLatin1String("Seq Scan")
                && PostgresPlanParser::detailField(node, QStringLiteral("Relation")) == QLatin1String("public.orders"))
                scan = node.inputRecords == 100000 && node.metrics.contains(QStringLiteral("shared_hit_blocks"));
        }
        QVERIFY2(scan,
            qPrintable(QStringLiteral("no analyzed Seq Scan of public.orders with its buffers: ") + seen.join(u',')));
        QSqlQuery details(workspace->database());
        details.prepare(QStringLiteral("SELECT parameters, fingerprint FROM pg_job_details WHERE job_ref = ?"));
        details.addBindValue(row->rowId);
        QVERIFY(details.exec() && details.next());
        QCOMPARE(details.value(0).toString(), PgParameterValues::detail(customer->parameters));
        QCOMPARE(details.value(1).toString(), customer->fingerprint);

        // LIMIT $2 got the default, region $1 a common value.
        const PgExplainedStatement* region = find(result, QStringLiteral("ORDER BY total DESC"));
        QVERIFY(region);
        QVERIFY2(region->error.isEmpty(), qPrintable(region->error));
        QVERIFY2(region->sql.endsWith(QLatin1String("LIMIT '100'")), qPrintable(region->sql));

        // The UPDATE, nextval() and the reset of pg_stat_statements never ran; stamp() wrote nothing: the
        // read-only transaction refused its INSERT.
        QVERIFY(!find(result, QStringLiteral("UPDATE")));
        QVERIFY(!find(result, QStringLiteral("nextval")));
        QVERIFY(!find(result, QStringLiteral("pg_stat_statements_reset")));
        QCOMPARE(scalar(QStringLiteral("SELECT last_value FROM ticket")), ticketBefore);
        QCOMPARE(scalar(QStringLiteral("SELECT last_value FROM updates_tried")), updatesBefore);
        const PgExplainedStatement* stamp = find(result, QStringLiteral("stamp("));
        QVERIFY(stamp);
        QVERIFY2(stamp->error.contains(QLatin1String("read-only")), qPrintable(stamp->error));
        QVERIFY(stamp->jobId.isEmpty());
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM audit")), QStringLiteral("8")); // the workload's own
        QCOMPARE(result.explained, result.candidates - 1);
        QCOMPARE(result.failed, 1);

        // Again: the same jobs get the new profiles, none is added.
        JobQuery all;
        const qint64 jobsBefore = jobs.count(all);
        const PgExplainResult again = PgExplainCollector::collect(workspace->database(), m_url, options);
        QVERIFY2(again.ok, qPrintable(again.error));
        QCOMPARE(again.explained, result.explained);
        QCOMPARE(jobs.count(all), jobsBefore);
    }

    void profileOfLoggedExecution()
    {
        QString error;
        // Two runs of one shape, each its own log entry.
        for (const char* run : {"SELECT count(*) FROM orders WHERE region = 'r1' AND total > 480",
                 "SELECT count(*) FROM orders WHERE region = 'r3' AND total > 10"}) {
            m_server.psql(QStringLiteral("shop"), QLatin1String(run), &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
        std::unique_ptr<Workspace> workspace = collectedWorkspace(QStringLiteral("explain-log.dopt"));
        QVERIFY(workspace);
        const QString log = m_server.dataDirectory() + QStringLiteral("/log/server.csv");
        // The logging collector writes asynchronously: wait for the second run's entry.
        const auto logged = [&log] {
            QFile file(log);
            return file.open(QIODevice::ReadOnly) && file.readAll().contains("region = 'r3' AND total > 10");
        };
        QTRY_VERIFY_WITH_TIMEOUT(logged(), 20000);
        const PgLogImportResult imported = PgLogImporter::importFile(*workspace, log);
        QVERIFY2(imported.ok, qPrintable(imported.error));

        PgExplainCollector::Options options;
        options.statements = 50;
        const PgExplainResult result = PgExplainCollector::collect(workspace->database(), m_url, options);
        QVERIFY2(result.ok, qPrintable(result.error));
        const PgExplainedStatement* explained = find(result, QStringLiteral("total > "));
        QVERIFY(explained);
        QVERIFY2(explained->error.isEmpty(), qPrintable(explained->error));
        QCOMPARE(explained->parameterSource, QStringLiteral("log"));
        QVERIFY(!explained->newJob);
        QVERIFY(!explained->jobId.startsWith(QLatin1String("explain:")));
        // The slowest of the logged runs, with its own literal values.
        const std::optional<JobRow> row = JobRepository(workspace->database()).findByJobId(explained->jobId);
        QVERIFY(row && row->hasProfile);
        QCOMPARE(row->job.sql, explained->sql);
        QSqlQuery slowest(workspace->database());
        QVERIFY(slowest.exec(QStringLiteral("SELECT MAX(duration_ms) FROM jobs WHERE sql_text LIKE '%total > %' "
                                            "AND query_type <> 'explain'"))
            && slowest.next());
        QCOMPARE(row->job.durationMs.value_or(-1), slowest.value(0).toDouble());
        QCOMPARE(row->job.queryType, QStringLiteral("statement")); // still the logged execution
    }

    void timeoutAndBadSettings()
    {
        runWorkload();
        std::unique_ptr<Workspace> workspace = collectedWorkspace(QStringLiteral("explain-timeout.dopt"));
        QVERIFY(workspace);
        PgExplainCollector::Options options;
        options.statementTimeoutMs = 1;
        options.settings = {QStringLiteral("enable_indexscan = off")};
        const PgExplainResult result = PgExplainCollector::collect(workspace->database(), m_url, options);
        QVERIFY2(result.ok, qPrintable(result.error));
        int timedOut = 0;
        for (const PgExplainedStatement& statement : result.statements)
            timedOut += statement.error.contains(QLatin1String("statement_timeout (1 ms)")) ? 1 : 0;
        QVERIFY2(timedOut >= 1, "no statement stopped by the 1 ms statement_timeout");
        QCOMPARE(result.explained + result.failed, int(result.statements.size()));
        QCOMPARE(scalar(QStringLiteral("SHOW statement_timeout")), QStringLiteral("0")); // SET LOCAL only

        options.settings = {QStringLiteral("work_mem = '1MB'; DROP TABLE orders")};
        const PgExplainResult refused = PgExplainCollector::collect(workspace->database(), m_url, options);
        QVERIFY(!refused.ok);
        QVERIFY2(refused.error.contains(QLatin1String("not a setting")), qPrintable(refused.error));
    }

    void cancelledAndInTheBackground()
    {
        std::unique_ptr<Workspace> workspace = collectedWorkspace(QStringLiteral("explain-task.dopt"));
        QVERIFY(workspace);
        const std::atomic_bool cancelled {true};
        const PgExplainResult stopped
            = PgExplainCollector::collect(workspace->database(), m_url, PgExplainCollector::Options {}, &cancelled);
        QVERIFY(stopped.ok);
        QVERIFY2(stopped.cancelled, qPrintable(QString::number(stopped.candidates)));
        QCOMPARE(stopped.explained, 0);

        TaskRunner runner;
        QSignalSpy progress(&runner, &TaskRunner::progress);
        std::optional<PgExplainResult> delivered;
        PgExplainTask::start(runner, *workspace, m_url, PgExplainCollector::Options {},
            [&](PgExplainResult result) { delivered = std::move(result); });
        QTRY_VERIFY_WITH_TIMEOUT(delivered.has_value(), 60000);
        QVERIFY2(delivered->ok, qPrintable(delivered->error));
        QVERIFY2(delivered->explained >= 2, QJsonDocument(delivered->toJson()).toJson().constData());
        QVERIFY(!progress.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPgExplain)
#include "tst_pgexplain.moc"
