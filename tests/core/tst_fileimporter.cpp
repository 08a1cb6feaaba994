// FileImporter end to end on SQLite and PostgreSQL: the real Dremio samples, CSV dumps built from
// them, folders, idempotence, one bad file of each kind, write failures half-way through a file
// (nothing of that file may remain), progress and cancel; PostgreSQL csvlog / jsonlog written by a
// real server, imported within the same run; EXPLAIN plans a real server gave, saved as psql does.
#include "pgserverlogs.h"
#include "sources/files/fileformatdetector.h"
#include "sources/files/fileimporter.h"
#include "sources/postgres/pglogimporter.h"
#include "store/importrunrepository.h"
#include "store/jobrepository.h"
#include "store/profilerepository.h"
#include "store/sourcerepository.h"
#include "store/workspace.h"
#include "testdata.h"
#include "tst_storebackends.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace dopt;

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return QString();
    return path;
}

qint64 jobCount(Workspace& workspace)
{
    return JobRepository(workspace.database()).count(JobQuery());
}

bool exec(Workspace& workspace, const QString& sql)
{
    QSqlQuery query(workspace.database());
    if (!query.exec(sql)) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return false;
    }
    return true;
}

// The sys.jobs_recent sample's rows as CSV with the given columns (RFC 4180 quoting).
QByteArray historyCsv(const QByteArray& resultsJson, const QStringList& extraColumns)
{
    const QJsonObject top = QJsonDocument::fromJson(resultsJson).object();
    QStringList columns;
    for (const QJsonValue& column : top.value(QLatin1String("schema")).toArray())
        columns.append(column.toObject().value(QLatin1String("name")).toString());
    columns += extraColumns;
    QString out = columns.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (const QJsonValue& row : top.value(QLatin1String("rows")).toArray()) {
        QStringList fields;
        for (const QString& column : std::as_const(columns)) {
            const QJsonValue value = row.toObject().value(column);
            QString text = value.isString() ? value.toString()
                : value.isBool()            ? QString::fromLatin1(value.toBool() ? "true" : "false")
                : value.isDouble()          ? QString::number(value.toDouble(), 'g', 17)
                                            : QString();
            if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')))
                text = QLatin1Char('"') + text.replace(QLatin1String("\""), QLatin1String("\"\"")) + QLatin1Char('"');
            fields.append(text);
        }
        out += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out.toUtf8();
}

// The job id of a plan file: its name and the start of its content's SHA-256.
QString planJobId(const QString& path)
{
    const QByteArray hash = QCryptographicHash::hash(readAll(path), QCryptographicHash::Sha256).toHex().left(16);
    return QFileInfo(path).fileName() + QLatin1Char('@') + QString::fromLatin1(hash);
}

// "Planning Time: 0.120 ms" + "Execution Time: 3.456 ms" of a text plan: the job's duration.
double textPlanDurationMs(const QString& text)
{
    static const QRegularExpression time(QStringLiteral("(?:Planning|Execution) Time: ([0-9.]+) ms"));
    double total = 0;
    for (auto it = time.globalMatch(text); it.hasNext();)
        total += it.next().captured(1).toDouble();
    return total;
}

const char* const ZipJobId = "1c8b17a9-bd20-faef-4866-9b8c0c873c00";

} // namespace

#define OPEN_WORKSPACE(var)                                                                                            \
    std::unique_ptr<Workspace> var = openWorkspace();                                                                  \
    if (!var) {                                                                                                        \
        QFETCH_GLOBAL(QString, backend);                                                                               \
        if (backend == QLatin1String("sqlite"))                                                                        \
            QFAIL("cannot open a SQLite workspace");                                                                   \
        QSKIP(qPrintable(m_backends.skipReason()));                                                                    \
    }

class TestFileImporter : public QObject
{
    Q_OBJECT

private:
    StoreBackends m_backends;
    test::PostgresServer m_logServer; // a second server, logging every statement, for real logs
    test::ServerLogs m_logs;
    QString m_logsProblem;
    bool m_logsStarted = false;

    /// The server's csvlog and jsonlog, written once for the tests that need them; false (the test
    /// skips) when PostgreSQL is unavailable.
    bool serverLogs(QString* skip)
    {
        if (!m_logsStarted) {
            m_logsStarted = true;
            if (!test::writeServerLogs(m_logServer, &m_logs, &m_logsProblem))
                m_logs = {};
            else if (m_logs.csv.isEmpty())
                qWarning("the PostgreSQL logs were not written: %s", qPrintable(m_logsProblem));
        }
        *skip = QStringLiteral("no PostgreSQL server logs: ") + m_logsProblem;
        return !m_logs.csv.isEmpty();
    }

    std::unique_ptr<Workspace> openWorkspace()
    {
        QFETCH_GLOBAL(QString, backend);
        return m_backends.openFresh(backend);
    }

private Q_SLOTS:
    void initTestCase() { m_backends.start(); }
    void initTestCase_data() { StoreBackends::addRows(); }

    void realSamplesAndIdempotence()
    {
        DOPT_REQUIRE_SAMPLE(zip, "profile_download_21.6.2.zip");
        DOPT_REQUIRE_SAMPLE(log, "queries_log_21.x.json");
        DOPT_REQUIRE_SAMPLE(recent, "sys_jobs_recent_results.json");
        DOPT_REQUIRE_SAMPLE(cloud, "cloud_sys_project_history_jobs_results.json");
        DOPT_REQUIRE_SAMPLE(profile, "profile_21.6_csv_agg_1.json");
        OPEN_WORKSPACE(workspace);
        FileImporter importer(*workspace);
        const QStringList paths {zip, log, recent, cloud, profile};
        const ImportReport report = importer.importPaths(paths);
        QCOMPARE(report.files.size(), 5);
        for (const FileImportResult& file : report.files)
            QVERIFY2(file.ok, qPrintable(file.error));
        QCOMPARE(report.failedCount(), 0);
        QVERIFY(!report.cancelled);

        const QStringList formats {QStringLiteral("dremio-profile-zip"), QStringLiteral("dremio-queries-log"),
            QStringLiteral("dremio-history-json"), QStringLiteral("dremio-history-json"),
            QStringLiteral("dremio-profile-json")};
        const QList<int> jobs {1, 11, 2, 2, 1};
        const QList<int> profiles {1, 0, 0, 0, 1};
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(report.files[i].path, paths[i]);
            QCOMPARE(report.files[i].format, formats[i]);
            QCOMPARE(report.files[i].jobs, jobs[i]);
            QCOMPARE(report.files[i].profiles, profiles[i]);
        }
        QCOMPARE(report.jobCount(), 17);
        QCOMPARE(report.profileCount(), 2);
        QCOMPARE(jobCount(*workspace), 17);

        JobRepository repository(workspace->database());
        const std::optional<JobRow> zipJob = repository.findByJobId(QString::fromLatin1(ZipJobId));
        QVERIFY(zipJob);
        QVERIFY(zipJob->hasProfile);
        QCOMPARE(zipJob->job.queryType, QStringLiteral("UI_RUN")); // from header.json: the profile lacks it
        QCOMPARE(zipJob->job.sql, QStringLiteral("SELECT * FROM maxbyname"));
        QCOMPARE(zipJob->job.rowsScanned, std::optional<qint64>(485));
        const std::optional<JobRow> failed
            = repository.findByJobId(QStringLiteral("1cd23ebb-0234-aedd-5240-a2386f897400"));
        QVERIFY(failed);
        QCOMPARE(failed->job.state, QStringLiteral("FAILED"));
        QCOMPARE(failed->job.error, QStringLiteral("The source [pglocal] is currently unavailable. Info: []"));
        QVERIFY(!failed->hasProfile);
        const std::optional<JobRow> cloudJob
            = repository.findByJobId(QStringLiteral("1d956036-df02-a335-a573-c4b281926000"));
        QVERIFY(cloudJob);
        QCOMPARE(cloudJob->job.submittedMs, std::optional<qint64>(1651154888669)); // ns → ms

        ImportRunRepository runs(workspace->database());
        const std::optional<ImportRunRow> run = runs.find(report.importRunId);
        QVERIFY(run);
        QCOMPARE(run->status, QStringLiteral("completed"));
        QCOMPARE(run->filesTotal, 5);
        QCOMPARE(run->filesFailed, 0);
        QCOMPARE(run->jobsAdded, 17);
        QCOMPARE(run->profilesAdded, 2);
        const QVector<ImportFileRow> fileRows = runs.files(report.importRunId);
        QCOMPARE(fileRows.size(), 5);
        QCOMPARE(fileRows[1].path, log);
        QCOMPARE(fileRows[1].status, QStringLiteral("imported"));
        QCOMPARE(fileRows[1].jobs, 11);

        // The same files again: same jobs, one profile per job, a second run recorded.
        const ImportReport again = importer.importPaths(paths);
        QCOMPARE(again.failedCount(), 0);
        QVERIFY(again.importRunId != report.importRunId);
        QCOMPARE(jobCount(*workspace), 17);
        QSqlQuery profileCount(workspace->database());
        QVERIFY(profileCount.exec(QStringLiteral("SELECT COUNT(*) FROM profiles")) && profileCount.next());
        QCOMPARE(profileCount.value(0).toInt(), 2);
    }

    void csvDumps()
    {
        DOPT_REQUIRE_SAMPLE(recent, "sys_jobs_recent_results.json");
        OPEN_WORKSPACE(workspace);
        const QByteArray json = readAll(recent);
        const QString dir = test::tempDir();
        const QString csv35 = writeFile(dir + QStringLiteral("/jobs_recent_35.csv"), historyCsv(json, {}));
        const QString csv38 = writeFile(dir + QStringLiteral("/jobs_recent_38.csv"),
            historyCsv(json,
                {QStringLiteral("is_profile_incomplete"), QStringLiteral("execution_allocated_bytes"),
                    QStringLiteral("execution_cpu_time_millis")}));
        QVERIFY(!csv35.isEmpty() && !csv38.isEmpty());
        const ImportReport report = FileImporter(*workspace).importPaths({csv35, csv38});
        QCOMPARE(report.files.size(), 2);
        for (const FileImportResult& file : report.files) {
            QVERIFY2(file.ok, qPrintable(file.error));
            QCOMPARE(file.format, QStringLiteral("dremio-history-csv"));
            QCOMPARE(file.jobs, 2);
        }
        QCOMPARE(jobCount(*workspace), 2); // the same two jobs in both files
        const std::optional<JobRow> job = JobRepository(workspace->database()).findByJobId(QStringLiteral("Query2"));
        QVERIFY(job);
        QCOMPARE(job->job.durationMs, std::optional<qint64>(55));
        QCOMPARE(job->job.datasets, QStringList(QStringLiteral("sys.jobs")));
    }

    void folderOfMixedFiles()
    {
        DOPT_REQUIRE_SAMPLE(zip, "profile_download_21.6.2.zip");
        DOPT_REQUIRE_SAMPLE(log, "queries_log_21.x.json");
        DOPT_REQUIRE_SAMPLE(recent, "sys_jobs_recent_results.json");
        OPEN_WORKSPACE(workspace);
        const QString dir = test::tempDir() + QStringLiteral("/exports");
        QVERIFY(!writeFile(dir + QStringLiteral("/b/queries.json"), readAll(log)).isEmpty());
        QVERIFY(!writeFile(dir + QStringLiteral("/a/deep/job.zip"), readAll(zip)).isEmpty());
        QVERIFY(!writeFile(dir + QStringLiteral("/jobs_recent.json"), readAll(recent)).isEmpty());
        QVERIFY(!writeFile(dir + QStringLiteral("/README.txt"), "exported on Monday\n").isEmpty());
        QVERIFY(!writeFile(dir + QStringLiteral("/b/settings.json"), "{\"theme\": \"dark\"}").isEmpty());
        QVERIFY(!writeFile(dir + QStringLiteral("/a/picture.png"), "\x89PNG\r\n").isEmpty());

        const QStringList expanded = FileImporter::expandPaths({dir});
        QCOMPARE(expanded,
            QStringList({dir + QStringLiteral("/a/deep/job.zip"), dir + QStringLiteral("/b/queries.json"),
                dir + QStringLiteral("/jobs_recent.json")}));
        // A file named explicitly and also inside the folder is imported once.
        QCOMPARE(FileImporter::expandPaths({dir + QStringLiteral("/jobs_recent.json"), dir}).size(), 3);

        const ImportReport report = FileImporter(*workspace).importPaths({dir});
        QCOMPARE(report.files.size(), 3);
        QCOMPARE(report.failedCount(), 0);
        QCOMPARE(jobCount(*workspace), 14);
        QCOMPARE(FileImporter(*workspace).importPaths({dir}).jobCount(), 14); // updated, not added
        QCOMPARE(jobCount(*workspace), 14);
    }

    void badFile_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        const QByteArray zip = readAll(test::dremioSample(QStringLiteral("profile_download_21.6.2.zip")));
        const QByteArray profile = readAll(test::dremioSample(QStringLiteral("profile_21.6_csv_agg_1.json")));
        const QByteArray log = readAll(test::dremioSample(QStringLiteral("queries_log_21.x.json")));
        if (zip.isEmpty() || profile.isEmpty() || log.isEmpty())
            QSKIP("../shared/data/dremio samples are absent");
        QByteArray renamed = zip;
        renamed.replace("profile_attempt_0.json", "pr0file_attempt_0.json"); // local header and directory

        QTest::newRow("truncated ZIP") << QStringLiteral("cut.zip") << zip.left(zip.size() / 2)
                                       << QStringLiteral(
                                              "truncated one: its central directory is missing (central directory)");
        QTest::newRow("not a ZIP, .zip name")
            << QStringLiteral("fake.zip") << QByteArray("hello, I am text\n") << QStringLiteral("not a ZIP archive");
        QTest::newRow("ZIP with unexpected entries only")
            << QStringLiteral("other.zip") << renamed
            << QStringLiteral("no profile_attempt_N.json (entries: header.json, pr0file_attempt_0.json)");
        QTest::newRow("malformed profile JSON")
            << QStringLiteral("bad.json") << QByteArray("{\"id\": {\"part1\": 1,, }}")
            << QStringLiteral("not valid JSON");
        QTest::newRow("truncated profile JSON")
            << QStringLiteral("cut.json") << profile.left(profile.size() / 2) << QStringLiteral("byte offset");
        QTest::newRow("profile as an array")
            << QStringLiteral("array.json") << QByteArray("[{\"id\": {\"part1\": 1, \"part2\": 2}}]")
            << QStringLiteral("expected a JSON object");
        QTest::newRow("jobs dump as an array") << QStringLiteral("rows.json") << QByteArray("[{\"job_id\": \"a\"}]")
                                               << QStringLiteral("found an array (byte offset 0)");
        QByteArray brokenLog = log;
        brokenLog.insert(brokenLog.indexOf('\n', brokenLog.indexOf('\n') + 1) + 1, "{\"queryId\": \"x\", oops}\n");
        QTest::newRow("queries.json with a bad line")
            << QStringLiteral("queries.json") << brokenLog << QStringLiteral("(line 3, column");
        QTest::newRow("unknown JSON") << QStringLiteral("settings.json") << QByteArray("{\"theme\": \"dark\"}")
                                      << QStringLiteral("not a Dremio file");
        QTest::newRow("CSV without job_id")
            << QStringLiteral("people.csv") << QByteArray("name,age\nann,3\n") << QStringLiteral("no job_id column");
    }

    void badFile()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        OPEN_WORKSPACE(workspace);
        const QString path = writeFile(test::tempDir() + QLatin1Char('/') + name, bytes);
        QVERIFY(!path.isEmpty());
        const ImportReport report = FileImporter(*workspace).importPaths({path});
        QCOMPARE(report.files.size(), 1);
        const FileImportResult& file = report.files.first();
        QVERIFY(!file.ok);
        QVERIFY2(file.error.startsWith(path + QStringLiteral(": ")), qPrintable(file.error));
        QVERIFY2(file.error.contains(expected), qPrintable(file.error));
        QVERIFY2(!file.error.contains(QLatin1Char('\n')), qPrintable(file.error));
        QCOMPARE(file.jobs, 0);
        QCOMPARE(jobCount(*workspace), 0);

        ImportRunRepository runs(workspace->database());
        QCOMPARE(runs.find(report.importRunId)->status, QStringLiteral("failed"));
        const QVector<ImportFileRow> rows = runs.files(report.importRunId);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].status, QStringLiteral("failed"));
        QCOMPARE(rows[0].error, file.error);
    }

    void missingFileAndGoodFileInOneRun()
    {
        DOPT_REQUIRE_SAMPLE(recent, "sys_jobs_recent_results.json");
        OPEN_WORKSPACE(workspace);
        const QString missing = test::tempDir() + QStringLiteral("/gone.json");
        const ImportReport report = FileImporter(*workspace).importPaths({missing, recent});
        QCOMPARE(report.files.size(), 2);
        QVERIFY(report.files[0].error.startsWith(missing + QStringLiteral(": cannot open the file")));
        QVERIFY(report.files[1].ok);
        QCOMPARE(jobCount(*workspace), 2); // the run went on
        QCOMPARE(
            ImportRunRepository(workspace->database()).find(report.importRunId)->status, QStringLiteral("completed"));
    }

    void unknownOperatorTypesAndDuplicateIds()
    {
        DOPT_REQUIRE_SAMPLE(profile, "profile_21.6_csv_agg_1.json");
        DOPT_REQUIRE_SAMPLE(log, "queries_log_21.x.json");
        OPEN_WORKSPACE(workspace);
        QByteArray odd = readAll(profile);
        QVERIFY(odd.contains("\"operatorType\":43"));
        odd.replace("\"operatorType\":43", "\"operatorType\":9999");
        QByteArray repeated = readAll(log);
        repeated += repeated.left(repeated.indexOf('\n') + 1); // the first query logged twice
        const QString dir = test::tempDir();
        const ImportReport report = FileImporter(*workspace)
                                        .importPaths({writeFile(dir + QStringLiteral("/odd.json"), odd),
                                            writeFile(dir + QStringLiteral("/queries.json"), repeated)});
        QCOMPARE(report.files.size(), 2);
        QVERIFY2(report.files[0].ok, qPrintable(report.files[0].error));
        QCOMPARE(report.files[0].profiles, 1);
        QVERIFY2(report.files[1].ok, qPrintable(report.files[1].error));
        QCOMPARE(report.files[1].jobs, 11);
        QCOMPARE(report.files[1].warnings.size(), 1);
        QVERIFY(report.files[1].warnings[0].contains(QStringLiteral("1cd23ebb-0234-aedd-5240-a2386f897400")));
        QCOMPARE(jobCount(*workspace), 12);
    }

    void writeFailureLeavesNothingOfTheFile()
    {
        DOPT_REQUIRE_SAMPLE(zip, "profile_download_21.6.2.zip");
        DOPT_REQUIRE_SAMPLE(log, "queries_log_21.x.json");
        OPEN_WORKSPACE(workspace);
        // Storing the profile fails after its job row was written: the job must go too.
        QVERIFY(exec(*workspace, QStringLiteral("DROP TABLE operators")));
        const ImportReport report = FileImporter(*workspace).importPaths({zip, log});
        QCOMPARE(report.files.size(), 2);
        QVERIFY(!report.files[0].ok);
        QVERIFY2(report.files[0].error.startsWith(zip + QStringLiteral(": ")), qPrintable(report.files[0].error));
        QVERIFY2(report.files[0].error.contains(QStringLiteral("nothing of this file was kept")),
            qPrintable(report.files[0].error));
        QVERIFY(!JobRepository(workspace->database()).findByJobId(QString::fromLatin1(ZipJobId)));
        QVERIFY2(report.files[1].ok, qPrintable(report.files[1].error)); // the run goes on
        QCOMPARE(jobCount(*workspace), 11);
    }

    void failureOnTheSixthJobRollsBackTheFive()
    {
        DOPT_REQUIRE_SAMPLE(log, "queries_log_21.x.json");
        OPEN_WORKSPACE(workspace);
        const QString victim = QStringLiteral("1cd23e55-126e-6c51-7e46-e32b17eeb300"); // line 6 of the log
        if (workspace->isPostgres()) {
            QVERIFY(exec(*workspace,
                QStringLiteral("CREATE FUNCTION refuse_job() RETURNS trigger AS $$ BEGIN "
                               "IF NEW.job_id = '%1' THEN RAISE EXCEPTION 'refused by test'; "
                               "END IF; RETURN NEW; END $$ LANGUAGE plpgsql")
                    .arg(victim)));
            QVERIFY(exec(*workspace,
                QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON jobs FOR EACH ROW "
                               "EXECUTE FUNCTION refuse_job()")));
        } else {
            QVERIFY(exec(*workspace,
                QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON jobs WHEN NEW.job_id = "
                               "'%1' BEGIN SELECT RAISE(ABORT, 'refused by test'); END")
                    .arg(victim)));
        }
        const ImportReport report = FileImporter(*workspace).importPaths({log});
        QCOMPARE(report.files.size(), 1);
        QVERIFY(!report.files[0].ok);
        QVERIFY2(report.files[0].error.contains(victim), qPrintable(report.files[0].error));
        QCOMPARE(jobCount(*workspace), 0); // the five jobs before it are gone as well

        QVERIFY(exec(*workspace,
            QStringLiteral("DROP TRIGGER refuse")
                + (workspace->isPostgres() ? QStringLiteral(" ON jobs") : QString())));
        QVERIFY(FileImporter(*workspace).importPaths({log}).files[0].ok);
        QCOMPARE(jobCount(*workspace), 11);
    }

    void progressAndCancel()
    {
        DOPT_REQUIRE_SAMPLE(log, "queries_log_21.x.json");
        DOPT_REQUIRE_SAMPLE(recent, "sys_jobs_recent_results.json");
        DOPT_REQUIRE_SAMPLE(cloud, "cloud_sys_project_history_jobs_results.json");
        OPEN_WORKSPACE(workspace);
        FileImporter importer(*workspace);
        QStringList seen;
        importer.setProgress([&seen](int done, int total, const QString& path) {
            seen.append(QStringLiteral("%1/%2 %3").arg(done).arg(total).arg(QFileInfo(path).fileName()));
        });
        QCOMPARE(importer.importPaths({log, recent}).failedCount(), 0);
        QCOMPARE(seen,
            QStringList(
                {QStringLiteral("1/2 queries_log_21.x.json"), QStringLiteral("2/2 sys_jobs_recent_results.json")}));

        std::atomic_bool cancel = false;
        OPEN_WORKSPACE(second);
        FileImporter cancelled(*second);
        cancelled.setCancelFlag(&cancel);
        cancelled.setProgress([&cancel](int done, int, const QString&) {
            if (done == 1)
                cancel = true; // the user presses Cancel while the first file is being imported
        });
        const ImportReport report = cancelled.importPaths({recent, log, cloud});
        QVERIFY(report.cancelled);
        QCOMPARE(report.files.size(), 1);
        QVERIFY(report.files[0].ok);
        QCOMPARE(jobCount(*second), 2); // what was committed before the cancel stays
        const std::optional<ImportRunRow> run = ImportRunRepository(second->database()).find(report.importRunId);
        QVERIFY(run);
        QCOMPARE(run->status, QStringLiteral("cancelled"));
        QCOMPARE(run->filesTotal, 3);
    }

    void postgresLogsJoinTheRun()
    {
        QString skip;
        if (!serverLogs(&skip))
            QSKIP(qPrintable(skip));
        DOPT_REQUIRE_SAMPLE(recent, "sys_jobs_recent_results.json");
        OPEN_WORKSPACE(workspace);
        // A log folder as PostgreSQL rotates it, with a Dremio dump, a stderr log and a broken csvlog.
        const QString dir = test::tempDir() + QStringLiteral("/pg_log");
        const QString csv = writeFile(dir + QStringLiteral("/postgresql-2026-12-07_120000.csv"), readAll(m_logs.csv));
        const QString json
            = writeFile(dir + QStringLiteral("/postgresql-2026-12-07_120000.json"), readAll(m_logs.json));
        const QString dump = writeFile(dir + QStringLiteral("/jobs_recent.json"), readAll(recent));
        QVERIFY(!csv.isEmpty() && !json.isEmpty() && !dump.isEmpty());
        QVERIFY(!writeFile(dir + QStringLiteral("/postgresql-2026-12-07_120000.log"),
            "2026-12-07 12:00:00.000 UTC [42] LOG:  duration: 1.000 ms  statement: SELECT 1\n")
                     .isEmpty());
        const QString broken = writeFile(dir + QStringLiteral("/broken.csv"),
            "2026-11-23 10:00:00.000 UTC,\"u\",\"db\",1,\"h\",\"brokenfile\",1,\"SELECT\",\"2026-11-23 10:00:00 UTC\","
            "\"1/2\",0,LOG,00000,\"duration: 1.500 ms  statement: SELECT 1\",,,,,,,,,\"psql\",\"client backend\",,0\n"
            "2026-11-23 10:00:01.000 UTC,\"u\",\"db\",1,\"h\",\"brokenfile\",2,\"SELECT\",\"2026-11-23 10:00:00 UTC\","
            "\"1/3\",0,LOG,00000,\"duration: 2 ms  statement: SELECT\n  2\",,,,,,,,,\"psql\",\"client backend\",,0\n"
            "not a log line\n");
        QVERIFY(!broken.isEmpty());
        QCOMPARE(FileImporter::expandPaths({dir}), QStringList({broken, dump, csv, json}));

        FileImporter importer(*workspace);
        QStringList seen;
        importer.setProgress([&seen](int done, int total, const QString& path) {
            seen.append(QStringLiteral("%1/%2 %3").arg(done).arg(total).arg(QFileInfo(path).fileName()));
        });
        const ImportReport report = importer.importPaths({dir});
        QCOMPARE(report.files.size(), 4);
        QCOMPARE(seen.size(), 4);
        QCOMPARE(seen.last(), QStringLiteral("4/4 postgresql-2026-12-07_120000.json"));
        QCOMPARE(report.failedCount(), 1);
        // The malformed entry fails its file with FILE:LINE; nothing of it is kept, the run goes on.
        const FileImportResult& bad = report.files[0];
        QVERIFY(!bad.ok);
        QCOMPARE(bad.format, QStringLiteral("postgres-csvlog"));
        QVERIFY2(bad.error.startsWith(broken + QStringLiteral(":4: ")), qPrintable(bad.error));
        QCOMPARE(bad.jobs, 0);
        QVERIFY(!JobRepository(workspace->database()).findByJobId(QStringLiteral("brokenfile:1")));
        const FileImportResult& fromCsv = report.files[2];
        const FileImportResult& fromJson = report.files[3];
        QVERIFY2(fromCsv.ok, qPrintable(fromCsv.error));
        QVERIFY2(fromJson.ok, qPrintable(fromJson.error));
        QCOMPARE(fromCsv.format, QStringLiteral("postgres-csvlog"));
        QCOMPARE(fromJson.format, QStringLiteral("postgres-jsonlog"));
        QVERIFY(fromCsv.jobs >= 4); // the schema, two statements, the failing one, the last one
        QCOMPARE(fromJson.jobs, fromCsv.jobs); // the same entries: the same jobs, merged
        QCOMPARE(report.files[1].format, QStringLiteral("dremio-history-json"));
        QCOMPARE(report.files[1].jobs, 2);

        const qint64 postgresJobs = test::queryScalar(
            workspace->database(), QStringLiteral("SELECT COUNT(*) FROM jobs WHERE engine = 'postgres'"));
        QCOMPARE(postgresJobs, qint64(fromCsv.jobs));
        QCOMPARE(jobCount(*workspace), postgresJobs + 2);
        JobQuery query;
        query.text = m_logs.marker + QStringLiteral("' FROM orders");
        const QVector<JobRow> bound = JobRepository(workspace->database()).page(query, 0, 10);
        QCOMPARE(bound.size(), 1);
        QCOMPARE(bound.first().job.engine, QStringLiteral("postgres"));
        QVERIFY2(bound.first().job.sql.contains(QLatin1String("customer_id = '42' AND amount > '100'")),
            qPrintable(bound.first().job.sql));
        QCOMPARE(test::queryScalar(workspace->database(),
                     QStringLiteral("SELECT COUNT(*) FROM jobs WHERE engine = 'postgres' AND state = 'FAILED' "
                                    "AND error LIKE '%no_such_column%'")),
            1);

        // One run records every file; the log's jobs belong to the log folder's source, as with import-log.
        ImportRunRepository runs(workspace->database());
        QCOMPARE(test::queryScalar(workspace->database(), QStringLiteral("SELECT COUNT(*) FROM import_runs")), 1);
        const std::optional<ImportRunRow> run = runs.find(report.importRunId);
        QVERIFY(run);
        QCOMPARE(run->status, QStringLiteral("completed"));
        QCOMPARE(run->filesTotal, 4);
        QCOMPARE(run->filesFailed, 1);
        QCOMPARE(run->jobsAdded, report.jobCount());
        QStringList formats;
        for (const ImportFileRow& row : runs.files(report.importRunId))
            formats.append(row.format + QLatin1Char(' ') + row.status);
        QCOMPARE(formats,
            QStringList({QStringLiteral("postgres-csvlog failed"), QStringLiteral("dremio-history-json imported"),
                QStringLiteral("postgres-csvlog imported"), QStringLiteral("postgres-jsonlog imported")}));
        QCOMPARE(test::queryScalar(workspace->database(),
                     QStringLiteral("SELECT COUNT(*) FROM jobs j JOIN sources s ON s.id = j.source_id WHERE "
                                    "j.engine = 'postgres' AND s.kind = 'postgres-logs' AND j.import_run_id = %1")
                         .arg(report.importRunId)),
            postgresJobs);
        QCOMPARE(test::queryScalar(workspace->database(),
                     QStringLiteral("SELECT COUNT(*) FROM pg_job_details WHERE log_file = '%1'")
                         .arg(QFileInfo(csv).absoluteFilePath())),
            postgresJobs);

        // Again: nothing is added.
        QCOMPARE(FileImporter(*workspace).importPaths({csv, json}).failedCount(), 0);
        QCOMPARE(jobCount(*workspace), postgresJobs + 2);
    }

    void postgresLogCancelledHalfWayKeepsNothing()
    {
        OPEN_WORKSPACE(workspace);
        // 600 entries: the importer looks at the cancel flag every 256.
        QByteArray log;
        for (int i = 1; i <= 600; ++i)
            log += QStringLiteral("2026-11-23 10:00:00.000 UTC,\"u\",\"db\",1,\"h\",\"s9\",%1,\"SELECT\","
                                  "\"2026-11-23 10:00:00 UTC\",\"1/2\",0,LOG,00000,\"duration: 1.5 ms  statement: "
                                  "SELECT %1\",,,,,,,,,\"psql\",\"client backend\",,0\n")
                       .arg(i)
                       .toUtf8();
        const QString path = writeFile(test::tempDir() + QStringLiteral("/long.csv"), log);
        QVERIFY(!path.isEmpty());
        QCOMPARE(
            FileFormatDetector::formatName(FileFormatDetector::detectFile(path)), QStringLiteral("postgres-csvlog"));
        QString error;
        const qint64 sourceId
            = SourceRepository(workspace->database())
                  .findOrCreate(QStringLiteral("dremio-files"), QStringLiteral("files"), QString(), false, &error);
        QVERIFY2(sourceId > 0, qPrintable(error));
        const qint64 runId = ImportRunRepository(workspace->database()).start(sourceId, &error);
        QVERIFY2(runId > 0, qPrintable(error));
        const std::atomic_bool cancel = true;
        const PgLogImportResult result = PgLogImporter::importFileInRun(*workspace, path, runId, &cancel);
        QVERIFY(!result.ok);
        QVERIFY(result.cancelled);
        QCOMPARE(result.error, path + QStringLiteral(": cancelled"));
        QCOMPARE(jobCount(*workspace), 0);
        // The caller's run records the file: no run of its own.
        QCOMPARE(test::queryScalar(workspace->database(), QStringLiteral("SELECT COUNT(*) FROM import_runs")), 1);
        QCOMPARE(test::queryScalar(workspace->database(), QStringLiteral("SELECT COUNT(*) FROM import_files")), 0);

        // Through FileImporter with the flag left unset the file is imported whole, in its run.
        const ImportReport report = FileImporter(*workspace).importPaths({path});
        QCOMPARE(report.failedCount(), 0);
        QCOMPARE(report.jobCount(), 600);
        QCOMPARE(jobCount(*workspace), 600);
    }

    void damagedTextPlanNamesItsLine()
    {
        OPEN_WORKSPACE(workspace);
        // Taken for a text plan by its first line (auto_explain's Query Text), refused at the line
        // where a plan node should be; nothing of the file is stored.
        const QString path = writeFile(
            test::tempDir() + QStringLiteral("/not-a-plan.txt"), "Query Text: SELECT 1\nthis is not a plan\n");
        QVERIFY(!path.isEmpty());
        const ImportReport report = FileImporter(*workspace).importPaths({path});
        QCOMPARE(report.files.size(), 1);
        QCOMPARE(report.files[0].format, QStringLiteral("postgres-plan-text"));
        QCOMPARE(report.files[0].error, path + QStringLiteral(":2: not an EXPLAIN plan node: this is not a plan"));
        QCOMPARE(jobCount(*workspace), 0);
    }

    void explainPlanFiles()
    {
        QString skip;
        if (!serverLogs(&skip))
            QSKIP(qPrintable(skip));
        OPEN_WORKSPACE(workspace);
        // One query's plans from the real server, as psql prints them (-At: bare; aligned: header,
        // rule, one-space margin, row count) and as auto_explain logs them (Query Text first).
        const QString query = QStringLiteral(
            "SELECT customer_id, count(*) FROM orders WHERE amount > 100 GROUP BY customer_id ORDER BY customer_id");
        QString error;
        const QString text
            = m_logServer.psql(QStringLiteral("shop"), QStringLiteral("EXPLAIN (ANALYZE, BUFFERS) ") + query, &error);
        QVERIFY2(text.contains(QLatin1String("Execution Time:")), qPrintable(error));
        const QString json = m_logServer.psql(
            QStringLiteral("shop"), QStringLiteral("EXPLAIN (ANALYZE, FORMAT JSON) ") + query, &error);
        QVERIFY2(json.startsWith(QLatin1Char('[')), qPrintable(error));
        const QStringList textLines = text.split(QLatin1Char('\n'));
        QString aligned = QStringLiteral("%1QUERY PLAN\n%2\n").arg(QString(30, QLatin1Char(' ')), QString(70, u'-'));
        for (const QString& line : textLines)
            aligned += QLatin1Char(' ') + line + QLatin1Char('\n');
        aligned += QStringLiteral("(%1 rows)\n\n").arg(textLines.size());

        const QString dir = test::tempDir() + QStringLiteral("/plans");
        QDir(dir).removeRecursively();
        const QString bare = writeFile(dir + QStringLiteral("/plan.txt"), text.toUtf8() + '\n');
        const QString psql = writeFile(dir + QStringLiteral("/plan-psql.txt"), aligned.toUtf8());
        const QString logged = writeFile(dir + QStringLiteral("/plan-logged.txt"),
            (QStringLiteral("Query Text: ") + query + QLatin1Char('\n') + text + QLatin1Char('\n')).toUtf8());
        const QString fromJson = writeFile(dir + QStringLiteral("/plan.json"), json.toUtf8() + '\n');
        const QString damaged = writeFile(dir + QStringLiteral("/damaged.json"), json.left(json.size() / 2).toUtf8());
        QVERIFY(!bare.isEmpty() && !psql.isEmpty() && !logged.isEmpty() && !fromJson.isEmpty() && !damaged.isEmpty());
        QCOMPARE(FileImporter::expandPaths({dir}), QStringList({damaged, logged, psql, fromJson, bare}));

        const ImportReport report = FileImporter(*workspace).importPaths({dir});
        QCOMPARE(report.files.size(), 5);
        QCOMPARE(report.failedCount(), 1);
        // The damaged plan fails with FILE:LINE and keeps nothing; the others are one job each.
        const FileImportResult& bad = report.files[0];
        QCOMPARE(bad.format, QStringLiteral("postgres-plan-json"));
        const QRegularExpressionMatch where = QRegularExpression(
            QStringLiteral("^%1:(\\d+): the EXPLAIN plan is not valid JSON: ").arg(QRegularExpression::escape(damaged)))
                                                  .match(bad.error);
        QVERIFY2(where.hasMatch(), qPrintable(bad.error));
        QVERIFY(where.captured(1).toInt() > 1);
        QVERIFY(where.captured(1).toInt() <= int(json.left(json.size() / 2).count(QLatin1Char('\n'))) + 1);
        QCOMPARE(jobCount(*workspace), 4);
        for (int i = 1; i < 5; ++i) {
            QVERIFY2(report.files[i].ok, qPrintable(report.files[i].error));
            QCOMPARE(report.files[i].jobs, 1);
            QCOMPARE(report.files[i].profiles, 1);
            QCOMPARE(report.files[i].format,
                i == 3 ? QStringLiteral("postgres-plan-json") : QStringLiteral("postgres-plan-text"));
        }

        JobRepository jobs(workspace->database());
        ProfileRepository profiles(workspace->database());
        const QJsonObject top = QJsonDocument::fromJson(json.toUtf8()).array().at(0).toObject();
        const struct
        {
            QString path;
            double durationMs;
            int operators;
            QString sql;
        } expected[] = {
            {bare, textPlanDurationMs(text), int(text.count(QLatin1String("(cost="))), QString()},
            {psql, textPlanDurationMs(text), int(text.count(QLatin1String("(cost="))), QString()},
            {logged, textPlanDurationMs(text), int(text.count(QLatin1String("(cost="))), query},
            {fromJson,
                top.value(QLatin1String("Planning Time")).toDouble()
                    + top.value(QLatin1String("Execution Time")).toDouble(),
                int(json.count(QLatin1String("\"Node Type\""))), QString()},
        };
        QFETCH_GLOBAL(QString, backend);
        const bool wholeMs = backend == QLatin1String("postgresql");
        for (const auto& plan : expected) {
            const std::optional<JobRow> row = jobs.findByJobId(planJobId(plan.path));
            QVERIFY2(row, qPrintable(plan.path));
            QCOMPARE(row->job.engine, QStringLiteral("postgres"));
            QCOMPARE(row->job.state, QStringLiteral("COMPLETED"));
            QCOMPARE(row->job.queryType, QStringLiteral("explain-file"));
            QCOMPARE(row->job.sql, plan.sql);
            QVERIFY(row->job.durationMs);
            // A PostgreSQL workspace keeps whole milliseconds, SQLite the fraction.
            const double storedMs = wholeMs ? double(qRound64(plan.durationMs)) : plan.durationMs;
            QVERIFY2(qAbs(*row->job.durationMs - storedMs) < 1e-6,
                qPrintable(QStringLiteral("%1 ms, expected %2").arg(*row->job.durationMs).arg(storedMs)));
            QCOMPARE(row->job.rowsReturned, std::optional<qint64>(100)); // customer_id = id % 100
            const qint64 modified = QFileInfo(plan.path).lastModified().toMSecsSinceEpoch();
            QCOMPARE(row->job.endedMs, std::optional<qint64>(modified));
            QCOMPARE(row->job.startedMs, std::optional<qint64>(modified - qRound64(plan.durationMs)));
            QVERIFY(row->hasProfile);
            const std::optional<ParsedProfile> profile = profiles.loadForJob(row->rowId, &error);
            QVERIFY2(profile, qPrintable(error));
            QVERIFY(plan.operators >= 3); // Sort, Aggregate, Seq Scan at least
            QCOMPARE(int(profile->tree.nodes.size()), plan.operators);
        }

        // Importing them again finds the same jobs: nothing is added.
        const ImportReport again = FileImporter(*workspace).importPaths({bare, fromJson});
        QCOMPARE(again.failedCount(), 0);
        QCOMPARE(jobCount(*workspace), 4);
        QSqlQuery profileCount(workspace->database());
        QVERIFY(profileCount.exec(QStringLiteral("SELECT COUNT(*) FROM profiles")) && profileCount.next());
        QCOMPARE(profileCount.value(0).toInt(), 4);
    }

    void closedWorkspaceFailsEveryFile()
    {
        DOPT_REQUIRE_SAMPLE(recent, "sys_jobs_recent_results.json");
        Workspace closed;
        const ImportReport report = FileImporter(closed).importPaths({recent});
        QCOMPARE(report.files.size(), 1);
        QVERIFY(!report.files[0].ok);
        QCOMPARE(report.files[0].error, recent + QStringLiteral(": the workspace is not open"));
        QCOMPARE(report.importRunId, -1);
    }

    void demoSourceIsMarked()
    {
        DOPT_REQUIRE_SAMPLE(recent, "sys_jobs_recent_results.json");
        OPEN_WORKSPACE(workspace);
        FileImporter importer(*workspace);
        importer.setSource(QStringLiteral("demo"), QStringLiteral("Demo data"), true);
        QCOMPARE(importer.importPaths({recent}).failedCount(), 0);
        const std::optional<JobRow> job = JobRepository(workspace->database()).findByJobId(QStringLiteral("Query1"));
        QVERIFY(job);
        QVERIFY(job->isDemo);
    }
};

QTEST_GUILESS_MAIN(TestFileImporter)
#include "tst_fileimporter.moc"
