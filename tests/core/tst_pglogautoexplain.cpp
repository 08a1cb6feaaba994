#include "postgresserver.h"
#include "profile/postgresplanparser.h"
#include "sources/files/fileimporter.h"
#include "sources/postgres/pgconnection.h"
#include "sources/postgres/pglogimporter.h"
#include "store/jobrepository.h"
#include "store/profilerepository.h"
#include "store/workspace.h"
#include "tempworkspace.h"
#include "testdata.h"

#include <QDateTime>
#include <QFile>
#include <QSqlQuery>
#include <QTest>

using namespace dopt;

/// auto_explain plans in PostgreSQL logs written by a real server: each becomes the profile of the
/// execution it belongs to (paired with the statement's duration entry, or an execution of its own
/// when auto_explain logs alone), the plan's figures fill the job, in JSON and in text format alike, and
/// a plan that cannot be read (damaged JSON, text that is no plan) keeps its execution and says why.
class TestPgLogAutoExplain : public QObject
{
    Q_OBJECT

private:
    dopt::test::PostgresServer m_server;
    QString m_url;
    PgConnection m_connection;

    static std::unique_ptr<Workspace> newWorkspace()
    {
        return dopt::test::openTempWorkspace(QStringLiteral("autoexplain"));
    }

    void run(PgConnection& connection, const QString& sql)
    {
        const PgResult result = connection.exec(sql);
        QVERIFY2(result.ok, qPrintable(sql + QStringLiteral(": ") + result.error));
    }

    static QString uniqueMarker(const QString& name)
    {
        return QStringLiteral("%1_%2").arg(name).arg(QDateTime::currentMSecsSinceEpoch());
    }

    // The jobs whose SQL contains text.
    static QVector<JobRow> jobsWith(Workspace& workspace, const QString& text)
    {
        JobQuery query;
        query.text = text;
        return JobRepository(workspace.database()).page(query, 0, 50);
    }

    static QStringList operatorTypes(Workspace& workspace, qint64 jobRow)
    {
        QSqlQuery query(workspace.database());
        query.prepare(QStringLiteral("SELECT o.type_name FROM operators o JOIN profiles p ON p.id = o.profile_id "
                                     "WHERE p.job_ref = ? ORDER BY o.node_key"));
        query.addBindValue(jobRow);
        QStringList types;
        if (query.exec())
            while (query.next())
                types.append(query.value(0).toString());
        return types;
    }

    // Waits for marker in the server's log (suffix csv or json), then imports that log into a new
    // workspace; *path is the log's path (empty when the marker never came).
    std::unique_ptr<Workspace> importLog(
        const QString& suffix, const QString& marker, PgLogImportResult* result, QString* path)
    {
        *path = m_server.waitForLog(suffix, marker);
        [&] { QVERIFY2(!path->isEmpty(), qPrintable(suffix + QStringLiteral(" log without ") + marker)); }();
        auto workspace = newWorkspace();
        *result = PgLogImporter::importFile(*workspace, *path);
        [&] { QVERIFY2(result->ok, qPrintable(result->error)); }();
        return workspace;
    }

    // A connection of its own, for session settings.
    std::unique_ptr<PgConnection> openSession()
    {
        auto session = std::make_unique<PgConnection>();
        QString error;
        [&] { QVERIFY2(session->open(m_url, &error), qPrintable(error)); }();
        return session;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        m_server.logPlans();
        if (!m_server.startLogged(QStringLiteral("csvlog,jsonlog"), QStringLiteral("shop"), &m_url, &reason))
            QSKIP(qPrintable(reason));
        QVERIFY2(!m_url.isEmpty(), qPrintable(reason));
        QVERIFY2(m_connection.open(m_url, &reason), qPrintable(reason));
        run(m_connection,
            QStringLiteral("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL, amount numeric)"));
        run(m_connection, QStringLiteral("INSERT INTO orders SELECT g, g % 100, g FROM generate_series(1, 5000) g"));
        run(m_connection, QStringLiteral("ANALYZE orders"));
    }

    void plansBecomeTheProfilesOfTheirExecutions()
    {
        const QString marker = uniqueMarker(QStringLiteral("paired"));
        run(m_connection, QStringLiteral("SELECT count(*) AS %1 FROM orders WHERE customer_id = 17").arg(marker));
        const PgResult bound = m_connection.execParams(
            QStringLiteral("SELECT id, '%1' FROM orders WHERE id BETWEEN $1 AND $2").arg(marker),
            {QStringLiteral("100"), QStringLiteral("140")});
        QVERIFY2(bound.ok, qPrintable(bound.error));
        QCOMPARE(bound.rows.size(), 41);

        for (const QString& suffix : {QStringLiteral("csv"), QStringLiteral("json")}) {
            PgLogImportResult result;
            QString path;
            const auto workspace = importLog(suffix, marker + QStringLiteral("' FROM orders WHERE id"), &result, &path);
            QVERIFY(result.ok);
            QVERIFY2(result.warnings.isEmpty(), qPrintable(result.warnings.join(QLatin1Char('\n'))));
            QVERIFY(result.plans >= 2);
            // One job per execution: the plan entry does not add a second one.
            QCOMPARE(JobRepository(workspace->database()).count(JobQuery()), qint64(result.jobs));

            const QVector<JobRow> counted = jobsWith(*workspace, QStringLiteral("AS ") + marker);
            QCOMPARE(counted.size(), 1);
            const Job& count = counted.first().job;
            QCOMPARE(count.queryType, QStringLiteral("statement"));
            QVERIFY(counted.first().hasProfile);
            // A sequential scan reads all 5,000 rows (50 kept, 4,950 removed by the filter).
            QCOMPARE(count.rowsScanned.value_or(-1), qint64(5000));
            QCOMPARE(count.rowsReturned.value_or(-1), qint64(1));
            QVERIFY(count.plannerCost.value_or(0) > 0);
            QVERIFY(count.datasets.contains(QStringLiteral("orders")));
            const QStringList countTypes = operatorTypes(*workspace, counted.first().rowId);
            QVERIFY2(countTypes.contains(QStringLiteral("Aggregate")), qPrintable(countTypes.join(u',')));
            QVERIFY2(countTypes.contains(QStringLiteral("Seq Scan")), qPrintable(countTypes.join(u',')));

            // The bound execution: its values substituted, its plan (an index scan of 41 rows) stored.
            const QVector<JobRow> executed = jobsWith(*workspace, marker + QStringLiteral("' FROM orders WHERE id"));
            QString listed;
            for (const JobRow& row : executed)
                listed += row.job.jobId + QLatin1Char(' ') + row.job.queryType + QLatin1Char(' ') + row.job.sql
                    + QLatin1Char('\n');
            QVERIFY2(executed.size() == 1, qPrintable(listed));
            const Job& job = executed.first().job;
            QCOMPARE(job.queryType, QStringLiteral("execute"));
            QVERIFY2(job.sql.contains(QLatin1String("BETWEEN '100' AND '140'")), qPrintable(job.sql));
            QVERIFY(executed.first().hasProfile);
            QCOMPARE(job.rowsReturned.value_or(-1), qint64(41));
            const std::optional<QByteArray> raw
                = ProfileRepository(workspace->database()).rawForJob(executed.first().rowId);
            QVERIFY(raw.has_value());
            ParsedProfile reparsed;
            QString error;
            QVERIFY2(PostgresPlanParser::parse(*raw, &reparsed, &error), qPrintable(error));
            QCOMPARE(reparsed.tree.nodes.first().outputRecords, qint64(41));

            // The desktop import (File > Import files) reads the same plans.
            const auto imported = newWorkspace();
            const ImportReport report = FileImporter(*imported).importPaths({path});
            QCOMPARE(report.files.size(), 1);
            QVERIFY2(report.files.first().ok, qPrintable(report.files.first().error));
            QCOMPARE(report.files.first().jobs, result.jobs);
            QCOMPARE(report.files.first().profiles, result.plans);

            // The same file again replaces, never adds.
            const PgLogImportResult again = PgLogImporter::importFile(*workspace, path);
            QVERIFY2(again.ok, qPrintable(again.error));
            QCOMPARE(JobRepository(workspace->database()).count(JobQuery()), qint64(result.jobs));
            QSqlQuery profiles(workspace->database());
            QVERIFY(profiles.exec(QStringLiteral("SELECT COUNT(*) FROM profiles")) && profiles.next());
            QCOMPARE(profiles.value(0).toInt(), result.plans);
        }
    }

    void planAloneIsAnExecutionOfItsOwn()
    {
        // auto_explain without log_min_duration_statement (the usual setup: plans of slow queries only).
        const auto session = openSession();
        run(*session, QStringLiteral("SET log_min_duration_statement = -1"));
        const QString marker = uniqueMarker(QStringLiteral("alone"));
        run(*session, QStringLiteral("SELECT max(amount) AS %1\nFROM orders\nWHERE customer_id < 10").arg(marker));
        run(*session, QStringLiteral("RESET log_min_duration_statement"));
        run(*session, QStringLiteral("SELECT 'end_%1'").arg(marker));

        PgLogImportResult result;
        QString path;
        const auto workspace = importLog(QStringLiteral("csv"), QStringLiteral("end_") + marker, &result, &path);
        QVERIFY(result.ok);
        const QVector<JobRow> found = jobsWith(*workspace, QStringLiteral("AS ") + marker);
        QCOMPARE(found.size(), 1);
        const Job& job = found.first().job;
        QCOMPARE(job.sql, QStringLiteral("SELECT max(amount) AS %1\nFROM orders\nWHERE customer_id < 10").arg(marker));
        QCOMPARE(job.state, QStringLiteral("COMPLETED"));
        QVERIFY(found.first().hasProfile);
        QVERIFY(job.durationMs.has_value() && job.submittedMs.has_value());
        QCOMPARE(job.rowsScanned.value_or(-1), qint64(5000));
        QSqlQuery details(workspace->database());
        details.prepare(QStringLiteral("SELECT fingerprint FROM pg_job_details WHERE job_ref = ?"));
        details.addBindValue(found.first().rowId);
        QVERIFY(details.exec() && details.next());
        QVERIFY(!details.value(0).toString().isEmpty());
    }

    void textPlansBecomeProfilesLikeJsonOnes()
    {
        // auto_explain's default log format is text: the same statement logged in text and in JSON.
        const auto session = openSession();
        run(*session, QStringLiteral("SET auto_explain.log_format = text"));
        const QString paired = uniqueMarker(QStringLiteral("textpaired"));
        const QString statement = QStringLiteral("SELECT count(*) AS %1 FROM orders o JOIN orders p ON p.id = o.id "
                                                 "WHERE o.customer_id < 10");
        run(*session, statement.arg(paired));
        run(*session, QStringLiteral("SET log_min_duration_statement = -1"));
        const QString alone = uniqueMarker(QStringLiteral("textalone"));
        run(*session, QStringLiteral("SELECT sum(amount) AS %1\n  FROM orders").arg(alone));
        run(*session, QStringLiteral("RESET log_min_duration_statement"));
        run(*session, QStringLiteral("SET auto_explain.log_format = json"));
        const QString json = uniqueMarker(QStringLiteral("jsonpaired"));
        run(*session, statement.arg(json));
        run(*session, QStringLiteral("SELECT 'end_%1'").arg(alone));

        PgLogImportResult result;
        QString path;
        const auto workspace = importLog(QStringLiteral("json"), QStringLiteral("end_") + alone, &result, &path);
        QVERIFY(result.ok);
        QVERIFY2(result.warnings.isEmpty(), qPrintable(result.warnings.join(QLatin1Char('\n'))));
        const QVector<JobRow> fromText = jobsWith(*workspace, QStringLiteral("AS ") + paired);
        const QVector<JobRow> fromJson = jobsWith(*workspace, QStringLiteral("AS ") + json);
        QCOMPARE(fromText.size(), 1);
        QCOMPARE(fromJson.size(), 1);
        QVERIFY(fromText.first().hasProfile);
        QVERIFY(fromJson.first().hasProfile);
        // The text plan's figures fill the job like the JSON plan's.
        const Job& text = fromText.first().job;
        QVERIFY(text.rowsScanned.value_or(0) >= 5000);
        QCOMPARE(text.rowsScanned, fromJson.first().job.rowsScanned);
        QCOMPARE(text.rowsReturned.value_or(-1), qint64(1));
        QCOMPARE(text.rowsReturned, fromJson.first().job.rowsReturned);
        QVERIFY(text.plannerCost.value_or(0) > 0);
        QCOMPARE(text.plannerCost, fromJson.first().job.plannerCost);
        QCOMPARE(text.datasets, fromJson.first().job.datasets);
        const QStringList textTypes = operatorTypes(*workspace, fromText.first().rowId);
        QVERIFY2(textTypes.contains(QStringLiteral("Seq Scan")), qPrintable(textTypes.join(u',')));
        QCOMPARE(textTypes, operatorTypes(*workspace, fromJson.first().rowId));
        // Stored as the JSON it was read into, so the profile reads again like a JSON one.
        const std::optional<QByteArray> raw
            = ProfileRepository(workspace->database()).rawForJob(fromText.first().rowId);
        QVERIFY(raw.has_value());
        ParsedProfile reparsed;
        QString error;
        QVERIFY2(PostgresPlanParser::parse(*raw, &reparsed, &error), qPrintable(error));
        QCOMPARE(reparsed.tree.nodes.size(), textTypes.size());

        const QVector<JobRow> planOnly = jobsWith(*workspace, QStringLiteral("AS ") + alone);
        QCOMPARE(planOnly.size(), 1);
        QCOMPARE(planOnly.first().job.sql, QStringLiteral("SELECT sum(amount) AS %1\n  FROM orders").arg(alone));
        QVERIFY(planOnly.first().hasProfile);
        QCOMPARE(planOnly.first().job.rowsScanned.value_or(-1), qint64(5000));
    }

    void damagedPlanKeepsTheExecutionWithFileAndLine_data()
    {
        QTest::addColumn<QByteArray>("plan"); // as csvlog quotes it
        QTest::addColumn<QString>("warning");
        // A JSON plan cut in the middle (a log line length limit).
        QTest::newRow("cut JSON") << QByteArray("{\n  \"\"Query Text\"\": \"\"SELECT 1\"\",\n  \"\"Plan\"\": {\n    "
                                                "\"\"Node Type\"\": \"\"Res")
                                  << QStringLiteral("the auto_explain plan is not valid JSON");
        // A text plan whose first node line is indented like a child's.
        QTest::newRow("text without root")
            << QByteArray("Query Text: SELECT 1\n  ->  Result  (cost=0.00..0.01 rows=1 width=4)")
            << QStringLiteral(
                   "the auto_explain plan in text format cannot be read: line 2 is not an EXPLAIN plan node");
    }

    void damagedPlanKeepsTheExecutionWithFileAndLine()
    {
        QFETCH(QByteArray, plan);
        QFETCH(QString, warning);
        const QString path = dopt::test::tempDir() + QStringLiteral("/damaged-plan.csv");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        // The plan, then the statement's duration entry.
        file.write("2026-11-23 10:00:00.000 UTC,\"u\",\"db\",1,\"h\",\"s1\",1,\"SELECT\",\"2026-11-23 10:00:00 "
                   "UTC\",\"1/2\",0,LOG,00000,\"duration: 1.200 ms  plan:\n"
            + plan + "\",,,,,,,,,\"psql\",\"client backend\",,0\n");
        file.write("2026-11-23 10:00:00.001 UTC,\"u\",\"db\",1,\"h\",\"s1\",2,\"SELECT\",\"2026-11-23 10:00:00 "
                   "UTC\",\"1/2\",0,LOG,00000,\"duration: 1.500 ms  statement: SELECT 1\",,,,,,,,,\"psql\",\"client "
                   "backend\",,0\n");
        file.close();
        auto workspace = newWorkspace();
        const PgLogImportResult result = PgLogImporter::importFile(*workspace, path);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.jobs, 1); // the statement that follows in the session claims the unreadable plan
        QCOMPARE(result.plans, 0);
        QCOMPARE(result.warnings.size(), 1);
        QVERIFY2(result.warnings.first().startsWith(path + QStringLiteral(":1: ") + warning),
            qPrintable(result.warnings.first()));
        const std::optional<JobRow> statement
            = JobRepository(workspace->database()).findByJobId(QStringLiteral("s1:2"));
        QVERIFY(statement.has_value());
        QCOMPARE(statement->job.durationMs.value_or(-1), 1.5); // the logged 1.500 ms, no longer rounded
        QVERIFY(!statement->hasProfile);
    }

    void failedStatementClaimsNoPlan()
    {
        // auto_explain alone logs a run of "SELECT v FROM t"; a later run of the same text fails.
        // The plan is the first run's, never the failed one's.
        const QString path = dopt::test::tempDir() + QStringLiteral("/failed-after-plan.csv");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("2026-11-23 10:00:00.000 UTC,\"u\",\"db\",1,\"h\",\"s1\",1,\"SELECT\",\"2026-11-23 10:00:00 "
                   "UTC\",\"1/2\",0,LOG,00000,\"duration: 1.200 ms  plan:\n{\"\"Query Text\"\": \"\"SELECT v FROM "
                   "t\"\", \"\"Plan\"\": {\"\"Node Type\"\": \"\"Seq Scan\"\", \"\"Relation Name\"\": \"\"t\"\", "
                   "\"\"Total Cost\"\": 35.5, \"\"Plan Rows\"\": 2550, \"\"Actual Rows\"\": 3, \"\"Actual "
                   "Loops\"\": 1}}\",,,,,,,,,\"psql\",\"client backend\",,0\n");
        file.write("2026-11-23 10:00:01.000 UTC,\"u\",\"db\",1,\"h\",\"s1\",2,\"SELECT\",\"2026-11-23 10:00:00 "
                   "UTC\",\"1/3\",0,ERROR,42P01,\"relation \"\"t\"\" does not exist\",,,,,,\"SELECT v FROM "
                   "t\",,,\"psql\",\"client backend\",,0\n");
        file.close();
        auto workspace = newWorkspace();
        const PgLogImportResult result = PgLogImporter::importFile(*workspace, path);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.jobs, 2);
        QCOMPARE(result.plans, 1);
        const std::optional<JobRow> planned = JobRepository(workspace->database()).findByJobId(QStringLiteral("s1:1"));
        QVERIFY(planned.has_value());
        QCOMPARE(planned->job.state, QStringLiteral("COMPLETED"));
        QVERIFY(planned->hasProfile);
        QCOMPARE(planned->job.rowsReturned.value_or(-1), qint64(3));
        const std::optional<JobRow> failed = JobRepository(workspace->database()).findByJobId(QStringLiteral("s1:2"));
        QVERIFY(failed.has_value());
        QCOMPARE(failed->job.state, QStringLiteral("FAILED"));
        QVERIFY(!failed->hasProfile);
    }

    void outOfRangeNumbersNeitherOverflowNorBecomeJobs()
    {
        // A damaged duration (4e78 ms) is no duration: the entry is skipped, not a job starting
        // before year 1. Plan figures past qint64 saturate (found by fuzz_pg_log as undefined behaviour).
        const QString path = dopt::test::tempDir() + QStringLiteral("/huge-numbers.csv");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            "2026-11-23 10:00:00.000 UTC,\"u\",\"db\",1,\"h\",\"s1\",1,\"SELECT\",\"2026-11-23 10:00:00 "
            "UTC\",\"1/2\",0,LOG,00000,\"duration: 4.44444e+78 ms  statement: SELECT 1\",,,,,,,,,\"psql\",\"client "
            "backend\",,0\n");
        file.write("2026-11-23 10:00:00.500 UTC,\"u\",\"db\",1,\"h\",\"s1\",2,\"SELECT\",\"2026-11-23 10:00:00 "
                   "UTC\",\"1/2\",0,LOG,00000,\"duration: -3 ms  statement: SELECT 2\",,,,,,,,,\"psql\",\"client "
                   "backend\",,0\n");
        file.write("2026-11-23 10:00:01.000 UTC,\"u\",\"db\",1,\"h\",\"s1\",3,\"SELECT\",\"2026-11-23 10:00:00 "
                   "UTC\",\"1/3\",0,LOG,00000,\"duration: 1.200 ms  plan:\n{\"\"Query Text\"\": \"\"SELECT v FROM "
                   "t\"\", \"\"Plan\"\": {\"\"Node Type\"\": \"\"Seq Scan\"\", \"\"Relation Name\"\": \"\"t\"\", "
                   "\"\"Total Cost\"\": 4e78, \"\"Plan Rows\"\": 2550, \"\"Actual Rows\"\": 4e78, \"\"Actual "
                   "Loops\"\": 1e300, \"\"Actual Total Time\"\": 1e300}}\",,,,,,,,,\"psql\",\"client backend\",,0\n");
        file.close();
        auto workspace = newWorkspace();
        const PgLogImportResult result = PgLogImporter::importFile(*workspace, path);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.skipped, 2);
        QCOMPARE(result.jobs, 1);
        QCOMPARE(result.plans, 1);
        const std::optional<JobRow> planned = JobRepository(workspace->database()).findByJobId(QStringLiteral("s1:3"));
        QVERIFY(planned.has_value());
        QCOMPARE(planned->job.durationMs.value_or(-1), 1.2); // the plan's 1.200 ms, not rounded
        QCOMPARE(planned->job.rowsReturned.value_or(-1), qint64(9'000'000'000'000'000'000));
    }
};

QTEST_GUILESS_MAIN(TestPgLogAutoExplain)
#include "tst_pglogautoexplain.moc"
