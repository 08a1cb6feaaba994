// FileFormatDetector: PostgreSQL csvlog and jsonlog written by a real server, and its EXPLAIN plans in
// JSON and text as psql prints them, told apart from the real Dremio samples (profile JSON and ZIP,
// queries.json, history dumps in JSON and CSV), whatever their names, and the near misses between them.
#include "pgserverlogs.h"
#include "sources/files/fileformatdetector.h"
#include "testdata.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace dopt;

namespace {

// Format names rather than enum values, so that a failure says which format was found.
QString detected(const QString& name, const QByteArray& head)
{
    return FileFormatDetector::formatName(FileFormatDetector::detect(name, head));
}

QString detectedFile(const QString& path)
{
    return FileFormatDetector::formatName(FileFormatDetector::detectFile(path));
}

} // namespace

class TestFileFormatDetector : public QObject
{
    Q_OBJECT

private:
    test::PostgresServer m_server;
    test::ServerLogs m_logs;
    QString m_skip;

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        if (!test::writeServerLogs(m_server, &m_logs, &reason))
            m_skip = reason; // the Dremio cases run without PostgreSQL
        else
            QVERIFY2(!m_logs.csv.isEmpty(), qPrintable(reason));
    }

    void realServerLogsWhateverTheirNames()
    {
        if (!m_skip.isEmpty())
            QSKIP(qPrintable(m_skip));
        const QByteArray csv = test::readFile(m_logs.csv);
        const QByteArray json = test::readFile(m_logs.json);
        QVERIFY(csv.contains(m_logs.marker.toUtf8()) && json.contains(m_logs.marker.toUtf8()));
        QCOMPARE(detectedFile(m_logs.csv), QStringLiteral("postgres-csvlog"));
        QCOMPARE(detectedFile(m_logs.json), QStringLiteral("postgres-jsonlog"));
        // The content decides, not the name: rotated names, Dremio-like names, no suffix at all.
        for (const QString& name : {QStringLiteral("postgresql-2026-12-07_120000"), QStringLiteral("jobs"),
                 QStringLiteral("queries"), QStringLiteral("server")}) {
            QCOMPARE(detected(name + QStringLiteral(".csv"), csv), QStringLiteral("postgres-csvlog"));
            QCOMPARE(detected(name + QStringLiteral(".json"), json), QStringLiteral("postgres-jsonlog"));
            QCOMPARE(detected(name, csv), QStringLiteral("postgres-csvlog"));
            QCOMPARE(detected(name, json), QStringLiteral("postgres-jsonlog"));
        }
        // Only the first bytes are read: a log cut anywhere after its first entry is still told.
        QCOMPARE(detected(QStringLiteral("x.csv"), csv.left(400)), QStringLiteral("postgres-csvlog"));
        QCOMPARE(detected(QStringLiteral("x.json"), json.left(400)), QStringLiteral("postgres-jsonlog"));
        // Every entry of the server's logs starts the way the detector expects, not only the first.
        const QList<QByteArray> lines = json.split('\n');
        for (const QByteArray& line : lines) {
            if (!line.isEmpty())
                QCOMPARE(detected(QStringLiteral("x.json"), line), QStringLiteral("postgres-jsonlog"));
        }
    }

    void realExplainPlans()
    {
        if (!m_skip.isEmpty())
            QSKIP(qPrintable(m_skip));
        const QString query = QStringLiteral("SELECT customer_id, sum(p.amount) FROM orders o JOIN orders p USING "
                                             "(customer_id) WHERE o.id < 50 GROUP BY 1");
        QString error;
        const QByteArray text
            = m_server.psql(QStringLiteral("shop"), QStringLiteral("EXPLAIN (ANALYZE, BUFFERS) ") + query, &error)
                  .toUtf8();
        QVERIFY2(text.contains("Execution Time:"), qPrintable(error));
        const QByteArray estimated
            = m_server.psql(QStringLiteral("shop"), QStringLiteral("EXPLAIN ") + query, &error).toUtf8();
        const QByteArray json
            = m_server.psql(QStringLiteral("shop"), QStringLiteral("EXPLAIN (ANALYZE, FORMAT JSON) ") + query, &error)
                  .toUtf8();
        QVERIFY(json.startsWith('['));
        QByteArray aligned = "                  QUERY PLAN\n" + QByteArray(60, '-') + '\n';
        for (const QByteArray& line : text.split('\n'))
            aligned += ' ' + line + '\n';
        for (const QString& name : {QStringLiteral("plan.txt"), QStringLiteral("plan"), QStringLiteral("plan.json")}) {
            QCOMPARE(detected(name, text), QStringLiteral("postgres-plan-text"));
            QCOMPARE(detected(name, estimated), QStringLiteral("postgres-plan-text"));
            QCOMPARE(detected(name, aligned), QStringLiteral("postgres-plan-text"));
            QCOMPARE(
                detected(name, "Query Text: " + query.toUtf8() + '\n' + text), QStringLiteral("postgres-plan-text"));
            QCOMPARE(detected(name, json), QStringLiteral("postgres-plan-json"));
            QCOMPARE(detected(name, json.left(60)), QStringLiteral("postgres-plan-json"));
        }
        QVERIFY(FileFormatDetector::hasCandidateSuffix(QStringLiteral("plan.txt")));
    }

    void dremioSamplesStayDremio()
    {
        DOPT_REQUIRE_SAMPLE(zip, "profile_download_21.6.2.zip");
        DOPT_REQUIRE_SAMPLE(profile, "profile_21.6_csv_agg_1.json");
        DOPT_REQUIRE_SAMPLE(skew, "profile_25.x_hashjoin_skew.json");
        DOPT_REQUIRE_SAMPLE(log, "queries_log_21.x.json");
        DOPT_REQUIRE_SAMPLE(recent, "sys_jobs_recent_results.json");
        DOPT_REQUIRE_SAMPLE(cloud, "cloud_sys_project_history_jobs_results.json");
        QCOMPARE(detectedFile(zip), QStringLiteral("dremio-profile-zip"));
        QCOMPARE(detectedFile(profile), QStringLiteral("dremio-profile-json"));
        QCOMPARE(detectedFile(skew), QStringLiteral("dremio-profile-json"));
        QCOMPARE(detectedFile(log), QStringLiteral("dremio-queries-log"));
        QCOMPARE(detectedFile(recent), QStringLiteral("dremio-history-json"));
        QCOMPARE(detectedFile(cloud), QStringLiteral("dremio-history-json"));
        // queries.json lines carry times too; their first key is queryId.
        const QByteArray firstLine = test::readFile(log).split('\n').first();
        QCOMPARE(detected(QStringLiteral("server.json"), firstLine), QStringLiteral("dremio-queries-log"));
    }

    void nearMisses_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("expected");
        const QByteArray csvlogRow
            = "2026-12-07 12:02:34.505 UTC,\"u\",\"db\",1,\"h\",\"s1\",1,\"SELECT\",\"2026-12-07 12:00:00 UTC\","
              "\"1/2\",0,LOG,00000,\"duration: 1.500 ms  statement: SELECT 1\",,,,,,,,,\"psql\",\"client "
              "backend\",,0\n";
        QTest::newRow("csvlog row") << QStringLiteral("a.csv") << csvlogRow << QStringLiteral("postgres-csvlog");
        QByteArray cet = csvlogRow;
        cet.replace(" UTC,\"u\"", " CET,\"u\""); // the importer then explains log_timezone
        QTest::newRow("csvlog in CET") << QStringLiteral("a.csv") << cet << QStringLiteral("postgres-csvlog");
        QByteArray error = csvlogRow;
        error.replace(",LOG,00000,", ",ERROR,42703,");
        QTest::newRow("csvlog starting with an error")
            << QStringLiteral("a.log") << error << QStringLiteral("postgres-csvlog");
        QTest::newRow("Dremio CSV dump, times in its rows")
            << QStringLiteral("jobs.csv")
            << QByteArray("job_id,user_name,submitted_ts,status\n1f2e,alice,2026-12-07 12:02:34.505 UTC,LOG,\n")
            << QStringLiteral("dremio-history-csv");
        QTest::newRow("CSV starting with a time, no severity")
            << QStringLiteral("readings.csv") << QByteArray("2026-12-07 12:02:34.505 UTC,12.5,ok\n")
            << QStringLiteral("dremio-history-csv"); // the CSV reader then says it has no job_id column
        QTest::newRow("jsonlog line, message naming Dremio keys")
            << QStringLiteral("queries.json")
            << QByteArray(
                   "\xEF\xBB\xBF {\"timestamp\":\"2026-12-07 12:02:34.505 UTC\",\"user\":\"u\",\"dbname\":\"db\","
                   "\"pid\":1,\"session_id\":\"s1\",\"line_num\":1,\"error_severity\":\"LOG\",\"message\":"
                   "\"duration: 1 ms  statement: SELECT \\\"queryId\\\", \\\"fragmentProfile\\\" FROM t\"}\n")
            << QStringLiteral("postgres-jsonlog");
        QTest::newRow("JSON with a timestamp first, no severity")
            << QStringLiteral("events.json")
            << QByteArray("{\"timestamp\":\"2026-12-07 12:02:34.505 UTC\",\"queryId\":\"1f2e\",\"outcome\":\"OK\"}\n")
            << QStringLiteral("dremio-queries-log");
        QTest::newRow("queries.json line with a timestamp key")
            << QStringLiteral("queries.json")
            << QByteArray("{\"queryId\":\"1f2e\",\"timestamp\":\"2026-12-07 12:02:34.505 UTC\",\"error_severity\":"
                          "\"LOG\"}\n")
            << QStringLiteral("dremio-queries-log");
        QTest::newRow("auto_explain JSON plan, an object")
            << QStringLiteral("plan.json")
            << QByteArray("{\"Query Text\": \"SELECT 1\", \"Plan\": {\"Node Type\": \"Result\"}}")
            << QStringLiteral("postgres-plan-json");
        QTest::newRow("JSON array of Dremio jobs")
            << QStringLiteral("jobs.json") << QByteArray("[{\"job_id\": \"1f2e\", \"Plan\": {}}]")
            << QStringLiteral("dremio-history-json");
        QTest::newRow("JSON array of something else")
            << QStringLiteral("a.json") << QByteArray("[{\"name\": \"Plan\"}]") << QStringLiteral("unknown");
        QTest::newRow("text plan named .csv")
            << QStringLiteral("plan.csv") << QByteArray("Sort  (cost=1.00..2.00 rows=1 width=4)\n")
            << QStringLiteral("postgres-plan-text");
        QTest::newRow("psql header, no plan")
            << QStringLiteral("plan.txt") << QByteArray(" QUERY PLAN\n------------\n(0 rows)\n")
            << QStringLiteral("unknown");
        QTest::newRow("notes naming a node")
            << QStringLiteral("notes.txt") << QByteArray("Seq Scan on orders is slow (cost is high)\n")
            << QStringLiteral("unknown");
        QTest::newRow("unknown JSON with a timestamp")
            << QStringLiteral("settings.json") << QByteArray("{\"timestamp\":\"yesterday\",\"error_severity\":\"LOG\"}")
            << QStringLiteral("unknown");
    }

    void nearMisses()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, head);
        QFETCH(QString, expected);
        QCOMPARE(detected(name, head), expected);
    }

    void foldersAreSearchedForCsvJsonAndText()
    {
        // PostgreSQL's stderr log (.log, or no suffix) is not a format the importer reads; .txt may
        // hold a text plan.
        QVERIFY(FileFormatDetector::hasCandidateSuffix(QStringLiteral("postgresql-2026-12-07_120000.csv")));
        QVERIFY(FileFormatDetector::hasCandidateSuffix(QStringLiteral("postgresql-2026-12-07_120000.json")));
        QVERIFY(!FileFormatDetector::hasCandidateSuffix(QStringLiteral("postgresql-2026-12-07_120000.log")));
        QVERIFY(!FileFormatDetector::hasCandidateSuffix(QStringLiteral("server")));
    }
};

QTEST_GUILESS_MAIN(TestFileFormatDetector)
#include "tst_fileformatdetector.moc"
