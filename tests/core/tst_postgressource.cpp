#include "pgcsvlog.h"
#include "postgresserver.h"
#include "sources/postgres/pgconnection.h"
#include "sources/postgres/pglogimporter.h"
#include "sources/postgres/pglogreader.h"
#include "sources/postgres/postgrescollector.h"
#include "sql/postgresfingerprint.h"
#include "store/jobrepository.h"
#include "store/workspace.h"
#include "tempworkspace.h"
#include "testdata.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace dopt;

/// The PostgreSQL source against a real server: pg_stat_statements snapshots and their deltas (also
/// across a statistics reset), the catalog, and csvlog/jsonlog import written by the server itself.
class TestPostgresSource : public QObject
{
    Q_OBJECT

private:
    dopt::test::PostgresServer m_server;
    QString m_url;
    PgConnection m_connection;

    static std::unique_ptr<Workspace> newWorkspace() { return dopt::test::openTempWorkspace(QStringLiteral("source")); }

    static qint64 scalar(Workspace& workspace, const QString& sql)
    {
        QSqlQuery query(workspace.database());
        if (!query.exec(sql) || !query.next())
            return -1;
        return query.value(0).toLongLong();
    }

    void run(const QString& sql)
    {
        const PgResult result = m_connection.exec(sql);
        QVERIFY2(result.ok, qPrintable(sql + QStringLiteral(": ") + result.error));
    }

    // How many calls of statements whose text contains `text` the newest snapshot stored.
    qint64 deltaCalls(Workspace& workspace, qint64 snapshotId, const QString& text)
    {
        QSqlQuery query(workspace.database());
        query.prepare(QStringLiteral("SELECT COALESCE(SUM(calls), 0) FROM pg_statement_deltas WHERE snapshot_id = ? "
                                     "AND query LIKE ?"));
        query.addBindValue(snapshotId);
        query.addBindValue(QString(QLatin1Char('%') + text + QLatin1Char('%')));
        if (!query.exec() || !query.next())
            return -1;
        return query.value(0).toLongLong();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        if (!m_server.startLogged(QStringLiteral("csvlog,jsonlog"), QStringLiteral("shop"), &m_url, &reason))
            QSKIP(qPrintable(reason));
        QVERIFY2(!m_url.isEmpty(), qPrintable(reason));
        QVERIFY2(m_connection.open(m_url, &reason), qPrintable(reason));
        run(QStringLiteral("CREATE EXTENSION pg_stat_statements"));
        run(QStringLiteral("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL, amount numeric)"));
        run(QStringLiteral("INSERT INTO orders SELECT g, g % 100, g FROM generate_series(1, 5000) g"));
        run(QStringLiteral("CREATE INDEX orders_unused ON orders (amount)"));
        run(QStringLiteral("ANALYZE orders"));
    }

    void connectionErrorsNameTheTargetNotThePassword()
    {
        PgConnection connection;
        QString error;
        const QString url = QStringLiteral("postgresql://postgres:s3cret@127.0.0.1:%1/nosuchdb").arg(m_server.port());
        QVERIFY(!connection.open(url, &error));
        QVERIFY2(error.contains(QLatin1String("nosuchdb")), qPrintable(error));
        QVERIFY2(!error.contains(QLatin1String("s3cret")), qPrintable(error));
        QVERIFY(!connection.description().contains(QLatin1String("s3cret")));
        QCOMPARE(PgConnection::redactUrl(QStringLiteral("postgresql://u:pw@h:5432/db?sslmode=require&password=pw")),
            QStringLiteral("postgresql://u@h:5432/db?sslmode=require"));
        QVERIFY(!connection.open(QStringLiteral("mysql://h/db"), &error));
        QVERIFY(error.contains(QLatin1String("not a PostgreSQL URL")));
    }

    void snapshotsStoreDeltasAcrossAReset()
    {
        auto workspace = newWorkspace();
        run(QStringLiteral("SELECT pg_stat_statements_reset()"));
        for (int i = 0; i < 3; ++i)
            run(QStringLiteral("SELECT count(*) FROM orders WHERE customer_id = %1").arg(i));
        PgCollectResult first = PostgresCollector::collect(*workspace, m_url, false);
        QVERIFY2(first.ok, qPrintable(first.error));
        QVERIFY2(first.warnings.isEmpty(), qPrintable(first.warnings.join(QLatin1Char('\n'))));
        QCOMPARE(deltaCalls(*workspace, first.snapshot.snapshotId, QStringLiteral("WHERE customer_id = $1")), 3);

        for (int i = 0; i < 5; ++i)
            run(QStringLiteral("SELECT count(*) FROM orders WHERE customer_id = %1").arg(i));
        PgCollectResult second = PostgresCollector::collect(*workspace, m_url, false);
        QVERIFY2(second.ok, qPrintable(second.error));
        QVERIFY(!second.snapshot.statsReset);
        QCOMPARE(second.sourceId, first.sourceId);
        QCOMPARE(deltaCalls(*workspace, second.snapshot.snapshotId, QStringLiteral("WHERE customer_id = $1")), 5);

        // After a reset the counters start again: the delta is what ran since, never negative.
        QThread::msleep(20);
        run(QStringLiteral("SELECT pg_stat_statements_reset()"));
        for (int i = 0; i < 2; ++i)
            run(QStringLiteral("SELECT count(*) FROM orders WHERE customer_id = %1").arg(i));
        PgCollectResult third = PostgresCollector::collect(*workspace, m_url, false);
        QVERIFY2(third.ok, qPrintable(third.error));
        QVERIFY(third.snapshot.statsReset);
        QCOMPARE(deltaCalls(*workspace, third.snapshot.snapshotId, QStringLiteral("WHERE customer_id = $1")), 2);
        QCOMPARE(scalar(*workspace,
                     QStringLiteral("SELECT COUNT(*) FROM pg_statement_deltas WHERE calls <= 0 OR total_ms < 0")),
            0);
        // The fingerprint is libpg_query's for the normalized text.
        QSqlQuery print(workspace->database());
        QVERIFY(print.exec(QStringLiteral(
            "SELECT fingerprint, query FROM pg_statement_deltas WHERE query LIKE '%customer_id = $1%'")));
        QVERIFY(print.next());
        QCOMPARE(print.value(0).toString(), PostgresFingerprint::compute(print.value(1).toString()).fingerprint);
        QCOMPARE(scalar(*workspace, QStringLiteral("SELECT COUNT(*) FROM pg_snapshots")), 3);
    }

    void catalogTablesIndexesSettings()
    {
        auto workspace = newWorkspace();
        run(QStringLiteral("SELECT * FROM orders WHERE id = 7"));
        // Backends publish their table statistics at most once a second: force it now.
        run(QStringLiteral("SELECT pg_stat_force_next_flush()"));
        run(QStringLiteral("SELECT 1"));
        const PgCollectResult result = PostgresCollector::collect(*workspace, m_url, false);
        QVERIFY2(result.ok, qPrintable(result.error));
        QVERIFY(result.catalog.tables >= 1);
        QCOMPARE(scalar(*workspace,
                     QStringLiteral("SELECT CAST(row_estimate AS INTEGER) FROM pg_tables WHERE table_name = 'orders'")),
            5000);
        QCOMPARE(
            scalar(*workspace, QStringLiteral("SELECT n_tup_ins FROM pg_tables WHERE table_name = 'orders'")), 5000);
        QVERIFY(
            scalar(*workspace, QStringLiteral("SELECT size_bytes FROM pg_tables WHERE table_name = 'orders'")) > 8192);
        QCOMPARE(
            scalar(*workspace, QStringLiteral("SELECT is_primary FROM pg_indexes WHERE index_name = 'orders_pkey'")),
            1);
        QCOMPARE(
            scalar(*workspace, QStringLiteral("SELECT idx_scan FROM pg_indexes WHERE index_name = 'orders_unused'")),
            0);
        QCOMPARE(
            scalar(*workspace, QStringLiteral("SELECT is_valid FROM pg_indexes WHERE index_name = 'orders_unused'")),
            1);
        QSqlQuery setting(workspace->database());
        QVERIFY(setting.exec(QStringLiteral("SELECT setting, unit FROM pg_settings WHERE name = 'work_mem'"))
            && setting.next());
        QCOMPARE(setting.value(0).toString(), QStringLiteral("4096"));
        QCOMPARE(setting.value(1).toString(), QStringLiteral("kB"));
        // A second collection replaces the copy rather than adding to it.
        const PgCollectResult again = PostgresCollector::collect(*workspace, m_url, false);
        QVERIFY(again.ok);
        QCOMPARE(scalar(*workspace, QStringLiteral("SELECT COUNT(*) FROM pg_tables WHERE table_name = 'orders'")), 1);
    }

    void missingExtensionIsAWarning()
    {
        QString error;
        const QString url = m_server.createDatabase(QStringLiteral("plain"), &error);
        QVERIFY2(!url.isEmpty(), qPrintable(error));
        auto workspace = newWorkspace();
        const PgCollectResult result = PostgresCollector::collect(*workspace, url, false);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.warnings.size(), 1);
        QVERIFY(result.warnings.first().contains(QLatin1String("CREATE EXTENSION pg_stat_statements")));
        QCOMPARE(scalar(*workspace, QStringLiteral("SELECT COUNT(*) FROM pg_snapshots")), 0);
    }

    void importsCsvlogAndJsonlogWithParameters()
    {
        const QString marker = QStringLiteral("marker_%1").arg(QDateTime::currentMSecsSinceEpoch());
        run(QStringLiteral("SELECT count(*) AS %1 FROM orders WHERE customer_id = 17").arg(marker));
        const PgResult bound = m_connection.execParams(
            QStringLiteral("SELECT id, '%1' FROM orders WHERE customer_id = $1 AND amount > $2").arg(marker),
            {QStringLiteral("42"), QStringLiteral("100")});
        QVERIFY2(bound.ok, qPrintable(bound.error));
        QCOMPARE(bound.rows.size(), 49);

        for (const QString& suffix : {QStringLiteral("csv"), QStringLiteral("json")}) {
            const QString path = m_server.waitForLog(suffix, marker + QStringLiteral("' FROM orders"));
            QVERIFY2(!path.isEmpty(), qPrintable(suffix + QStringLiteral(" log not written")));
            auto workspace = newWorkspace();
            const PgLogImportResult result = PgLogImporter::importFile(*workspace, path);
            QVERIFY2(result.ok, qPrintable(result.error));
            QCOMPARE(result.format, suffix + QStringLiteral("log"));
            QVERIFY(result.jobs >= 2);
            QCOMPARE(JobRepository(workspace->database()).count(JobQuery()), qint64(result.jobs));

            JobQuery query;
            query.text = marker + QStringLiteral("' FROM orders");
            const QVector<JobRow> executed = JobRepository(workspace->database()).page(query, 0, 10);
            QCOMPARE(executed.size(), 1);
            const Job& job = executed.first().job;
            QCOMPARE(job.engine, QStringLiteral("postgres"));
            QCOMPARE(job.queryType, QStringLiteral("execute"));
            QCOMPARE(job.user, QStringLiteral("postgres"));
            QCOMPARE(job.engineName, QStringLiteral("shop"));
            // The literal values it ran with replace the placeholders.
            QVERIFY2(job.sql.contains(QLatin1String("customer_id = '42' AND amount > '100'")), qPrintable(job.sql));
            QVERIFY(job.durationMs.has_value() && job.endedMs.has_value());
            QVERIFY(qAbs(*job.endedMs - QDateTime::currentMSecsSinceEpoch()) < 600000);

            QSqlQuery details(workspace->database());
            details.prepare(QStringLiteral("SELECT d.fingerprint, d.parameters, d.database_name, d.log_line FROM "
                                           "pg_job_details d WHERE d.job_ref = ?"));
            details.addBindValue(executed.first().rowId);
            QVERIFY(details.exec() && details.next());
            const QString original
                = QStringLiteral("SELECT id, '%1' FROM orders WHERE customer_id = $1 AND amount > $2").arg(marker);
            QCOMPARE(details.value(0).toString(), PostgresFingerprint::compute(original).fingerprint);
            QCOMPARE(details.value(1).toString(), QStringLiteral("$1 = '42', $2 = '100'"));
            QCOMPARE(details.value(2).toString(), QStringLiteral("shop"));
            QVERIFY(details.value(3).toInt() > 0);

            query.text = QStringLiteral("AS ") + marker;
            QCOMPARE(JobRepository(workspace->database()).count(query), qint64(1));

            // The same file again adds nothing.
            const PgLogImportResult again = PgLogImporter::importFile(*workspace, path);
            QVERIFY2(again.ok, qPrintable(again.error));
            QCOMPARE(JobRepository(workspace->database()).count(JobQuery()), qint64(result.jobs));
        }
    }

    void malformedFileFailsWholeWithFileAndLine()
    {
        const QString dir = dopt::test::tempDir();
        const QString path = dir + QStringLiteral("/broken.csv");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("2026-11-23 10:00:00.000 UTC,\"u\",\"db\",1,\"h\",\"s1\",1,\"SELECT\",\"2026-11-23 10:00:00 "
                   "UTC\",\"1/2\",0,"
                   "LOG,00000,\"duration: 1.500 ms  statement: SELECT 1\",,,,,,,,,\"psql\",\"client backend\",,0\n");
        file.write("2026-11-23 10:00:01.000 UTC,\"u\",\"db\",1,\"h\",\"s1\",2,\"SELECT\",\"2026-11-23 10:00:00 "
                   "UTC\",\"1/3\",0,"
                   "LOG,00000,\"duration: 2 ms  statement: SELECT\n  2\",,,,,,,,,\"psql\",\"client backend\",,0\n");
        file.write("not a log line\n");
        file.close();
        auto workspace = newWorkspace();
        const PgLogImportResult result = PgLogImporter::importFile(*workspace, path);
        QVERIFY(!result.ok);
        QVERIFY2(result.error.startsWith(path + QStringLiteral(":4:")), qPrintable(result.error));
        QCOMPARE(JobRepository(workspace->database()).count(JobQuery()), qint64(0));

        // Without the bad line the two entries (one spanning two lines) are imported.
        QVERIFY(file.open(QIODevice::ReadWrite));
        QByteArray content = file.readAll();
        content.chop(int(qstrlen("not a log line\n")));
        file.resize(0);
        file.write(content);
        file.close();
        const PgLogImportResult fixed = PgLogImporter::importFile(*workspace, path);
        QVERIFY2(fixed.ok, qPrintable(fixed.error));
        QCOMPARE(fixed.jobs, 2);
        const std::optional<JobRow> second = JobRepository(workspace->database()).findByJobId(QStringLiteral("s1:2"));
        QVERIFY(second.has_value());
        QCOMPARE(second->job.sql, QStringLiteral("SELECT\n  2"));
        QCOMPARE(second->job.durationMs.value_or(-1), 2.0);
        QCOMPARE(second->job.endedMs.value_or(0),
            QDateTime(QDate(2026, 11, 23), QTime(10, 0, 1), Qt::UTC).toMSecsSinceEpoch());
    }

    void subMillisecondDurationKeepsItsFraction()
    {
        // A statement and an auto_explain plan logged alone (no statement entry), both under a millisecond.
        const QString path = dopt::test::tempDir() + QStringLiteral("/submillisecond.csv");
        QVERIFY(dopt::test::writeCsvlog(path,
            {dopt::test::csvlogEntry("sub1", 1, 0, "duration: 0.231 ms  statement: SELECT 1"),
                dopt::test::csvlogEntry("sub2", 1, 1,
                    "duration: 0.180 ms  plan:\n{\"\"Query Text\"\": \"\"SELECT 2\"\", \"\"Plan\"\": {\"\"Node "
                    "Type\"\": \"\"Result\"\", \"\"Total Cost\"\": 0.01, \"\"Plan Rows\"\": 1, \"\"Actual Rows\"\": 1, "
                    "\"\"Actual Loops\"\": 1}}")}));
        auto workspace = newWorkspace();
        const PgLogImportResult result = PgLogImporter::importFile(*workspace, path);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.jobs, 2);
        JobRepository jobs(workspace->database());
        const std::optional<JobRow> statement = jobs.findByJobId(QStringLiteral("sub1:1"));
        QVERIFY(statement && statement->job.durationMs);
        QCOMPARE(statement->job.sql, QStringLiteral("SELECT 1"));
        QCOMPARE(statement->job.state, QStringLiteral("COMPLETED"));
        QCOMPARE(*statement->job.durationMs, 0.231); // was 0: rounded to whole milliseconds
        const std::optional<JobRow> plan = jobs.findByJobId(QStringLiteral("sub2:1"));
        QVERIFY(plan && plan->job.durationMs);
        QCOMPARE(plan->job.sql, QStringLiteral("SELECT 2"));
        QCOMPARE(*plan->job.durationMs, 0.18);
        QCOMPARE(dopt::test::queryScalar(workspace->database(),
                     QStringLiteral("SELECT COUNT(*) FROM jobs WHERE duration_ms > 0 AND duration_ms < 1")),
            2);
    }

    void substituteParameters_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("detail");
        QTest::addColumn<QString>("expected");
        QTest::newRow("two") << QStringLiteral("SELECT $1, $2") << QStringLiteral("parameters: $1 = '1', $2 = 'a''b'")
                             << QStringLiteral("SELECT '1', 'a''b'");
        QTest::newRow("ten is not one") << QStringLiteral("SELECT $10, $1")
                                        << QStringLiteral("parameters: $1 = 'x', $10 = 'y'")
                                        << QStringLiteral("SELECT 'y', 'x'");
        QTest::newRow("null") << QStringLiteral("SELECT $1") << QStringLiteral("parameters: $1 = NULL")
                              << QStringLiteral("SELECT NULL");
        QTest::newRow("inside literal kept")
            << QStringLiteral("SELECT '$1', $1") << QStringLiteral("parameters: $1 = '5'")
            << QStringLiteral("SELECT '$1', '5'");
        QTest::newRow("dollar quote kept")
            << QStringLiteral("SELECT $q$ $1 $q$, $1") << QStringLiteral("parameters: $1 = '5'")
            << QStringLiteral("SELECT $q$ $1 $q$, '5'");
        QTest::newRow("comment kept") << QStringLiteral("SELECT $1 -- $1\n") << QStringLiteral("parameters: $1 = '5'")
                                      << QStringLiteral("SELECT '5' -- $1\n");
        QTest::newRow("no parameters") << QStringLiteral("SELECT $1") << QString() << QStringLiteral("SELECT $1");
    }

    void substituteParameters()
    {
        QFETCH(QString, sql);
        QFETCH(QString, detail);
        QFETCH(QString, expected);
        QCOMPARE(PgLogImporter::substituteParameters(sql, detail), expected);
    }

    void timestamps()
    {
        qint64 ms = 0;
        const qint64 utc = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 678), Qt::UTC).toMSecsSinceEpoch();
        QVERIFY(PgLogReader::parseTimestamp(u"2026-01-02 03:04:05.678 UTC", &ms));
        QCOMPARE(ms, utc);
        QVERIFY(PgLogReader::parseTimestamp(u"2026-01-02 05:04:05.678 +02", &ms));
        QCOMPARE(ms, utc);
        QVERIFY(PgLogReader::parseTimestamp(u"2026-01-01 21:34:05.678 -05:30", &ms));
        QCOMPARE(ms, utc);
        QVERIFY(!PgLogReader::parseTimestamp(u"2026-01-02 03:04:05 CET", &ms));
        QVERIFY(!PgLogReader::parseTimestamp(u"yesterday", &ms));
    }
};

QTEST_GUILESS_MAIN(TestPostgresSource)
#include "tst_postgressource.moc"
