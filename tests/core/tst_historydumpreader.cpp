// HistoryDumpReader on the real sys.jobs_recent (Software) and sys.project.history.jobs (Cloud)
// results bodies, on CSV files built here from those rows, and on broken input.
#include "model/modeljson.h"
#include "sources/files/historydumpreader.h"
#include "testdata.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace dopt;

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// RFC 4180 writing, independent of the reader: quote when a comma, quote or line break is inside.
QString csvField(const QJsonValue& value)
{
    QString text;
    if (value.isString())
        text = value.toString();
    else if (value.isBool())
        text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    else if (value.isDouble())
        text = value.toInteger(-1) != -1 || value.toDouble() == -1 ? QString::number(value.toInteger())
                                                                   : QString::number(value.toDouble(), 'g', 17);
    else if (value.isArray())
        text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) || text.contains(QLatin1Char('\n'))
        || text.contains(QLatin1Char('\r')))
        return QLatin1Char('"') + QString(text).replace(QLatin1String("\""), QLatin1String("\"\"")) + QLatin1Char('"');
    return text;
}

QByteArray toCsv(const QStringList& columns, const QJsonArray& rows, const QString& newline = QStringLiteral("\r\n"))
{
    QString out = columns.join(QLatin1Char(',')) + newline;
    for (const QJsonValue& row : rows) {
        QStringList fields;
        for (const QString& column : columns)
            fields.append(csvField(row.toObject().value(column)));
        out += fields.join(QLatin1Char(',')) + newline;
    }
    return out.toUtf8();
}

QStringList phaseNames(const Job& job)
{
    QStringList names;
    for (const JobPhase& phase : job.phases)
        names.append(phase.name);
    return names;
}

QList<qint64> phaseDurations(const Job& job)
{
    QList<qint64> durations;
    for (const JobPhase& phase : job.phases)
        durations.append(phase.durationMs);
    return durations;
}

} // namespace

class TestHistoryDumpReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void softwareResultsSample()
    {
        DOPT_REQUIRE_SAMPLE(path, "sys_jobs_recent_results.json");
        HistoryDump dump;
        QString error;
        QVERIFY2(HistoryDumpReader::readJson(readAll(path), &dump, &error), qPrintable(error));
        QCOMPARE(dump.columns.size(), 35);
        QVERIFY(!dump.cloud);
        QVERIFY(dump.warnings.isEmpty());
        QCOMPARE(dump.jobs.size(), 2);

        const Job& failed = dump.jobs.at(0);
        QCOMPARE(failed.jobId, QStringLiteral("Query1"));
        QCOMPARE(failed.attempt, 0);
        QCOMPARE(failed.state, QStringLiteral("FAILED"));
        QCOMPARE(failed.queryType, QStringLiteral("REST"));
        QCOMPARE(failed.user, QStringLiteral("dremio_user"));
        QCOMPARE(failed.error, QStringLiteral("Object 'example_view' not found [...]"));
        QCOMPARE(failed.sql, QStringLiteral("SELECT * FROM example_view"));
        QCOMPARE(failed.submittedMs, std::optional<qint64>(1713968783248));
        QCOMPARE(failed.endedMs, std::optional<qint64>(1713968783250));
        QCOMPARE(failed.durationMs, std::optional<qint64>(2));
        QVERIFY(!failed.startedMs); // execution never started: 0 / 1970 means unset
        QVERIFY(failed.datasets.isEmpty());
        QCOMPARE(phaseNames(failed), QStringList({QStringLiteral("PENDING"), QStringLiteral("METADATA_RETRIEVAL")}));
        QCOMPARE(phaseDurations(failed), QList<qint64>({0, 2}));

        const Job& done = dump.jobs.at(1);
        QCOMPARE(done.jobId, QStringLiteral("Query2"));
        QCOMPARE(done.state, QStringLiteral("COMPLETED"));
        QCOMPARE(done.datasets, QStringList(QStringLiteral("sys.jobs")));
        QCOMPARE(done.queue, QStringLiteral("Low Cost User Queries"));
        QCOMPARE(done.plannerCost, std::optional<double>(3.8154000035E9));
        QCOMPARE(done.rowsScanned, std::optional<qint64>(1));
        QCOMPARE(done.bytesReturned, std::optional<qint64>(441));
        QCOMPARE(done.durationMs, std::optional<qint64>(55));
        QCOMPARE(done.startedMs, std::optional<qint64>(1714033458042));
        QCOMPARE(phaseNames(done),
            QStringList({QStringLiteral("PENDING"), QStringLiteral("METADATA_RETRIEVAL"), QStringLiteral("PLANNING"),
                QStringLiteral("QUEUED"), QStringLiteral("ENGINE_START"), QStringLiteral("EXECUTION_PLANNING"),
                QStringLiteral("RUNNING")}));
        QCOMPARE(phaseDurations(done), QList<qint64>({0, 2, 23, 0, 9, 2, 19}));
    }

    void cloudResultsSampleConvertsNanoseconds()
    {
        DOPT_REQUIRE_SAMPLE(path, "cloud_sys_project_history_jobs_results.json");
        HistoryDump dump;
        QString error;
        QVERIFY2(HistoryDumpReader::readJson(readAll(path), &dump, &error), qPrintable(error));
        QVERIFY(dump.cloud);
        QVERIFY(dump.columns.contains(QStringLiteral("submitted_epoch")));
        QCOMPARE(dump.jobs.size(), 2);

        const Job& refresh = dump.jobs.at(0);
        QCOMPARE(refresh.jobId, QStringLiteral("1c38de7b-1028-54d9-e238-87eae52bc200"));
        QCOMPARE(refresh.submittedMs, std::optional<qint64>(1673994628723));
        QCOMPARE(refresh.endedMs, std::optional<qint64>(1673994628825));
        QCOMPARE(refresh.durationMs, std::optional<qint64>(102));
        QVERIFY(refresh.phases.isEmpty()); // every phase epoch is 0
        QVERIFY(refresh.queue.isEmpty()); // null
        QVERIFY(refresh.error.startsWith(QStringLiteral("The engine 'preview' has been disabled")));

        const Job& preview = dump.jobs.at(1);
        QCOMPARE(preview.user, QStringLiteral("analyst@example.com"));
        QCOMPARE(
            preview.datasets, QStringList(QStringLiteral("\"max-margalith-test-s3\".\"eks-test\".\"userdata1.csv\"")));
        QCOMPARE(preview.engineName, QStringLiteral("preview"));
        QCOMPARE(preview.queue, QStringLiteral("SMALL"));
        QCOMPARE(preview.durationMs, std::optional<qint64>(1873));
        QCOMPARE(preview.startedMs, std::optional<qint64>(1651154890181));
        QCOMPARE(phaseNames(preview),
            QStringList({QStringLiteral("PENDING"), QStringLiteral("PLANNING"), QStringLiteral("QUEUED"),
                QStringLiteral("EXECUTION_PLANNING"), QStringLiteral("RUNNING")}));
        QCOMPARE(phaseDurations(preview), QList<qint64>({122, 867, 38, 485, 361}));
        QVERIFY(preview.error.isEmpty());
    }

    void csvMatchesJson_data()
    {
        QTest::addColumn<QString>("sample");
        QTest::addColumn<QStringList>("extraColumns");
        QTest::addColumn<QString>("newline");
        QTest::newRow("software 35 columns, CRLF")
            << QStringLiteral("sys_jobs_recent_results.json") << QStringList() << QStringLiteral("\r\n");
        QTest::newRow("software 38 columns, LF")
            << QStringLiteral("sys_jobs_recent_results.json")
            << QStringList({QStringLiteral("is_profile_incomplete"), QStringLiteral("execution_allocated_bytes"),
                   QStringLiteral("execution_cpu_time_millis")})
            << QStringLiteral("\n");
        QTest::newRow("cloud") << QStringLiteral("cloud_sys_project_history_jobs_results.json") << QStringList()
                               << QStringLiteral("\n");
    }

    void csvMatchesJson()
    {
        QFETCH(QString, sample);
        QFETCH(QStringList, extraColumns);
        QFETCH(QString, newline);
        const QString path = test::dremioSample(sample);
        if (path.isEmpty())
            QSKIP("../shared/data/dremio samples are absent");
        const QByteArray json = readAll(path);
        HistoryDump fromJson;
        QString error;
        QVERIFY2(HistoryDumpReader::readJson(json, &fromJson, &error), qPrintable(error));

        const QStringList columns = fromJson.columns + extraColumns;
        const QByteArray csv
            = toCsv(columns, QJsonDocument::fromJson(json).object().value(QLatin1String("rows")).toArray(), newline);
        HistoryDump fromCsv;
        QVERIFY2(HistoryDumpReader::readCsv(csv, &fromCsv, &error), qPrintable(error));
        QCOMPARE(fromCsv.columns.size(), 35 + extraColumns.size() + (fromJson.cloud ? 7 : 0));
        QCOMPARE(fromCsv.cloud, fromJson.cloud);
        QCOMPARE(fromCsv.jobs.size(), fromJson.jobs.size());
        for (qsizetype i = 0; i < fromJson.jobs.size(); ++i)
            QCOMPARE(ModelJson::job(fromCsv.jobs[i]), ModelJson::job(fromJson.jobs[i]));
    }

    void csvQuotingSurvives()
    {
        const QString sql = QStringLiteral("SELECT \"a,b\", 'x'\nFROM \"Samples\".\"t\" -- a \"\"quoted\"\" note");
        QJsonObject row {{QStringLiteral("job_id"), QStringLiteral("1d956036-df02-a335-a573-c4b281926001")},
            {QStringLiteral("query"), sql},
            {QStringLiteral("queried_datasets"), QStringLiteral("[Samples.\"a, b\".t, other.x]")},
            {QStringLiteral("submitted_epoch_millis"), 1714033458006LL}};
        const QByteArray csv = toCsv({QStringLiteral("job_id"), QStringLiteral("query"),
                                         QStringLiteral("queried_datasets"), QStringLiteral("submitted_epoch_millis")},
            QJsonArray {row});
        HistoryDump dump;
        QString error;
        QVERIFY2(HistoryDumpReader::readCsv(csv, &dump, &error), qPrintable(error));
        QCOMPARE(dump.jobs.size(), 1);
        QCOMPARE(dump.jobs[0].sql, sql);
        QCOMPARE(dump.jobs[0].attempt, 1); // low byte of the UUID
        QCOMPARE(dump.jobs[0].datasets, QStringList({QStringLiteral("Samples.\"a, b\".t"), QStringLiteral("other.x")}));
        QCOMPARE(dump.jobs[0].submittedMs, std::optional<qint64>(1714033458006));
    }

    void timestampsWithoutEpochColumns()
    {
        const QByteArray csv = "job_id,submitted_ts,execution_start_ts,final_state_ts\n"
                               "j1,2024-04-25 08:24:18.006,1970-01-01 00:00:00.000,2024-04-25 08:24:18.061\n";
        HistoryDump dump;
        QString error;
        QVERIFY2(HistoryDumpReader::readCsv(csv, &dump, &error), qPrintable(error));
        QCOMPARE(dump.jobs.size(), 1);
        QCOMPARE(dump.jobs[0].submittedMs, std::optional<qint64>(1714033458006));
        QVERIFY(!dump.jobs[0].startedMs);
        QCOMPARE(dump.jobs[0].durationMs, std::optional<qint64>(55));
    }

    void parseCsvRecords()
    {
        QVector<QStringList> records;
        QVector<int> lines;
        QString error;
        const QByteArray text = "\xEF\xBB\xBF"
                                "a,b,c\r\n"
                                "1,\"two, \"\"2\"\"\",\r\n"
                                "\r\n"
                                "x,\"multi\nline\",z";
        QVERIFY2(HistoryDumpReader::parseCsv(text, &records, &error, &lines), qPrintable(error));
        QCOMPARE(records.size(), 3);
        QCOMPARE(records[0], QStringList({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        QCOMPARE(records[1], QStringList({QStringLiteral("1"), QStringLiteral("two, \"2\""), QString()}));
        QCOMPARE(records[2], QStringList({QStringLiteral("x"), QStringLiteral("multi\nline"), QStringLiteral("z")}));
        QCOMPARE(lines, QVector<int>({1, 2, 4}));
    }

    void brokenCsv_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty (line 1)");
        QTest::newRow("no job_id") << QByteArray("name,value\na,1\n") << QStringLiteral("no job_id column");
        QTest::newRow("unterminated quote") << QByteArray("job_id,query\nj1,\"SELECT 1\nj2,x\n")
                                            << QStringLiteral("unterminated quoted field (line 2)");
        QTest::newRow("text after closing quote")
            << QByteArray("job_id,query\nj1,\"SELECT\"1\n") << QStringLiteral("after a closing quote (line 2)");
        QTest::newRow("short row") << QByteArray("job_id,query,status\nj1,SELECT 1,COMPLETED\nj2,x\n")
                                   << QStringLiteral("row has 2 fields but the header has 3 (line 3)");
        QTest::newRow("empty id") << QByteArray("job_id,query\n,SELECT 1\n") << QStringLiteral("empty job_id (line 2)");
    }

    void brokenCsv()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QString, expected);
        HistoryDump dump;
        QString error;
        QVERIFY(!HistoryDumpReader::readCsv(csv, &dump, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY(dump.jobs.isEmpty());
    }

    void brokenJson_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("malformed") << QByteArray("{\"rowCount\": 1,\n \"rows\": [{\"job_id\": x}]}")
                                   << QStringLiteral("malformed JSON");
        QTest::newRow("truncated") << QByteArray("{\"rowCount\": 1, \"rows\": [{\"job_id\": \"a\"")
                                   << QStringLiteral("byte offset");
        QTest::newRow("array instead of object")
            << QByteArray("[{\"job_id\": \"a\"}]") << QStringLiteral("found an array");
        QTest::newRow("no rows") << QByteArray("{\"rowCount\": 0}")
                                 << QStringLiteral("no rows array (entry rows is missing)");
        QTest::newRow("row not an object")
            << QByteArray("{\"rows\": [{\"job_id\": \"a\"}, 7]}") << QStringLiteral("found a number (entry rows[1])");
        QTest::newRow("row without id") << QByteArray("{\"rows\": [{\"status\": \"FAILED\"}]}")
                                        << QStringLiteral("no job_id (entry rows[0])");
    }

    void brokenJson()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        HistoryDump dump;
        QString error;
        QVERIFY(!HistoryDumpReader::readJson(json, &dump, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
        QVERIFY(dump.jobs.isEmpty());
    }

    void duplicateRowsAreMerged()
    {
        const QByteArray json = R"({"rowCount": 3, "rows": [
            {"job_id": "a", "status": "RUNNING", "query": "SELECT 1", "submitted_epoch_millis": 1000},
            {"job_id": "b", "status": "COMPLETED"},
            {"job_id": "a", "status": "COMPLETED", "query": "", "final_state_epoch_millis": 1500}]})";
        HistoryDump dump;
        QString error;
        QVERIFY2(HistoryDumpReader::readJson(json, &dump, &error), qPrintable(error));
        QCOMPARE(dump.jobs.size(), 2);
        QCOMPARE(dump.jobs[0].jobId, QStringLiteral("a"));
        QCOMPARE(dump.jobs[0].state, QStringLiteral("COMPLETED")); // the later row wins
        QCOMPARE(dump.jobs[0].sql, QStringLiteral("SELECT 1")); // kept where the later row is empty
        QCOMPARE(dump.jobs[0].submittedMs, std::optional<qint64>(1000));
        QCOMPARE(dump.jobs[0].endedMs, std::optional<qint64>(1500));
        QCOMPARE(dump.warnings.size(), 1);
        QVERIFY(dump.warnings[0].contains(QStringLiteral("job a appears 2 times")));
    }

    void hugeSqlIsKept()
    {
        const QString sql = QStringLiteral("SELECT * FROM t WHERE id IN (") + QString(4 * 1024 * 1024, QLatin1Char('1'))
            + QStringLiteral(")");
        const QByteArray csv = QByteArray("job_id,query\nj1,\"") + sql.toUtf8() + QByteArray("\"\n");
        HistoryDump dump;
        QString error;
        QVERIFY2(HistoryDumpReader::readCsv(csv, &dump, &error), qPrintable(error));
        QCOMPARE(dump.jobs.size(), 1);
        QCOMPARE(dump.jobs[0].sql.size(), sql.size());
    }

    void datasetLists_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("software string") << QJsonValue(QStringLiteral("[Samples.samples.dremio.com.trips, sys.jobs]"))
                                         << QStringList({QStringLiteral("Samples.samples.dremio.com.trips"),
                                                QStringLiteral("sys.jobs")});
        QTest::newRow("empty string") << QJsonValue(QString()) << QStringList();
        QTest::newRow("empty list") << QJsonValue(QStringLiteral("[]")) << QStringList();
        QTest::newRow("null") << QJsonValue(QJsonValue::Null) << QStringList();
        QTest::newRow("cloud objects") << QJsonValue(
            QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("s.t")},
                {QStringLiteral("type"), QStringLiteral("PHYSICAL_DATASET")}}})
                                       << QStringList(QStringLiteral("s.t"));
        QTest::newRow("cloud objects as CSV text")
            << QJsonValue(QStringLiteral("[{\"name\":\"s.t\",\"type\":\"VIRTUAL_DATASET\"}]"))
            << QStringList(QStringLiteral("s.t"));
        QTest::newRow("queries.json parents") << QJsonValue(QJsonArray {QJsonObject {{QStringLiteral("datasetpath"),
            QJsonArray {QStringLiteral("pg"), QStringLiteral("public"), QStringLiteral("r")}}}})
                                              << QStringList(QStringLiteral("pg.public.r"));
    }

    void datasetLists()
    {
        QFETCH(QJsonValue, value);
        QFETCH(QStringList, expected);
        QCOMPARE(HistoryDumpReader::datasetsFromValue(value), expected);
    }

    void epochs_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<qint64>("expected"); // -1 = absent
        QTest::newRow("ms") << QJsonValue(qint64(1714033458006)) << qint64(1714033458006);
        QTest::newRow("ns") << QJsonValue(qint64(1651154888669000000)) << qint64(1651154888669);
        QTest::newRow("us") << QJsonValue(qint64(1651154888669000)) << qint64(1651154888669);
        QTest::newRow("ns as text") << QJsonValue(QStringLiteral("1651154888669123456")) << qint64(1651154888669);
        QTest::newRow("zero") << QJsonValue(0) << qint64(-1);
        QTest::newRow("negative") << QJsonValue(-5) << qint64(-1);
        QTest::newRow("null") << QJsonValue(QJsonValue::Null) << qint64(-1);
        QTest::newRow("1970 text") << QJsonValue(QStringLiteral("1970-01-01 00:00:00.000")) << qint64(-1);
        QTest::newRow("garbage") << QJsonValue(QStringLiteral("soon")) << qint64(-1);
    }

    void epochs()
    {
        QFETCH(QJsonValue, value);
        QFETCH(qint64, expected);
        QCOMPARE(HistoryDumpReader::epochMs(value).value_or(-1), expected);
    }

    void attemptFromId()
    {
        QCOMPARE(HistoryDumpReader::attemptOfJobId(QStringLiteral("1c8b17a9-bd20-faef-4866-9b8c0c873c00")), 0);
        QCOMPARE(HistoryDumpReader::attemptOfJobId(QStringLiteral("1c8b17a9-bd20-faef-4866-9b8c0c873c02")), 2);
        QCOMPARE(HistoryDumpReader::attemptOfJobId(QStringLiteral("Query1")), 0);
    }
};

QTEST_GUILESS_MAIN(TestHistoryDumpReader)
#include "tst_historydumpreader.moc"
