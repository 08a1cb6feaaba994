// Job insert rate: JobRepository::upsert of demo jobs in one SQLite transaction next to raw sqlite3
// prepared-statement inserts of the same rows into an identical jobs table (its CREATE statements
// are copied from the workspace). Prints figures; never asserts timings. Goal: >= 50% of raw.
//
// usage: bench_job_insert [--jobs N]

#include "benchsupport.h"
#include "demo/demoworkload.h"
#include "store/jobrepository.h"
#include "store/sourcerepository.h"
#include "store/workspace.h"
#include "testdata.h"
#include "util/coreresources.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTextStream>
#include <sqlite3.h>

using namespace dopt;
using namespace dopt::bench;

namespace {

/// One jobs row as raw SQLite values, serialised before timing starts.
struct RawRow
{
    QVector<QByteArray> texts; // in kTextColumns order
    QVector<std::optional<qint64>> numbers; // in kNumberColumns order
    std::optional<double> cost;
    int attempt = 0;
    bool accelerated = false;
};

const char* const kTextColumns[] = {"engine", "job_id", "sql_text", "user_name", "queue", "state", "query_type",
    "engine_name", "error", "datasets", "phases"};
const char* const kNumberColumns[] = {"submitted_ms", "started_ms", "ended_ms", "duration_ms", "rows_scanned",
    "bytes_scanned", "rows_returned", "bytes_returned"};

RawRow rawRow(const Job& job)
{
    QJsonArray phases;
    for (const JobPhase& phase : job.phases)
        phases.append(QJsonObject {{QStringLiteral("name"), phase.name}, {QStringLiteral("startMs"), phase.startMs},
            {QStringLiteral("durationMs"), phase.durationMs}});
    RawRow row;
    row.texts = {job.engine.toUtf8(), job.jobId.toUtf8(), job.sql.toUtf8(), job.user.toUtf8(), job.queue.toUtf8(),
        job.state.toUtf8(), job.queryType.toUtf8(), job.engineName.toUtf8(), job.error.toUtf8(),
        job.datasets.join(QLatin1Char('\n')).toUtf8(), QJsonDocument(phases).toJson(QJsonDocument::Compact)};
    row.numbers = {job.submittedMs, job.startedMs, job.endedMs, job.durationMs, job.rowsScanned, job.bytesScanned,
        job.rowsReturned, job.bytesReturned};
    row.cost = job.plannerCost;
    row.attempt = job.attempt;
    row.accelerated = job.accelerated;
    return row;
}

bool exec(sqlite3* db, const QByteArray& sql, QTextStream& out)
{
    char* message = nullptr;
    if (sqlite3_exec(db, sql.constData(), nullptr, nullptr, &message) == SQLITE_OK)
        return true;
    out << "error: raw SQLite: " << message << " in " << sql.left(80) << "\n";
    sqlite3_free(message);
    return false;
}

/// Inserts the rows with one prepared statement in one transaction; seconds taken, or -1.
double rawInsert(
    const QString& path, const QStringList& schema, const QVector<RawRow>& rows, qint64 sourceId, QTextStream& out)
{
    sqlite3* db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK) {
        out << "error: cannot open " << path << "\n";
        return -1;
    }
    const auto closeAndFail = [&] {
        sqlite3_close(db);
        return -1.0;
    };
    if (!exec(db, "PRAGMA journal_mode = WAL", out) || !exec(db, "PRAGMA synchronous = NORMAL", out))
        return closeAndFail();
    for (const QString& statement : schema) {
        if (!exec(db, statement.toUtf8(), out))
            return closeAndFail();
    }
    QByteArray sql = "INSERT INTO jobs (";
    QByteArray values;
    for (const char* column : kTextColumns) {
        sql += column;
        sql += ", ";
        values += "?, ";
    }
    for (const char* column : kNumberColumns) {
        sql += column;
        sql += ", ";
        values += "?, ";
    }
    sql += "planner_cost, attempt, accelerated, source_id) VALUES (" + values + "?, ?, ?, ?)";
    sqlite3_stmt* insert = nullptr;
    if (sqlite3_prepare_v2(db, sql.constData(), int(sql.size()), &insert, nullptr) != SQLITE_OK) {
        out << "error: raw SQLite prepare: " << sqlite3_errmsg(db) << "\n";
        return closeAndFail();
    }
    QElapsedTimer timer;
    timer.start();
    exec(db, "BEGIN", out);
    for (const RawRow& row : rows) {
        int column = 1;
        for (const QByteArray& text : row.texts)
            sqlite3_bind_text(insert, column++, text.constData(), int(text.size()), SQLITE_STATIC);
        for (const std::optional<qint64>& number : row.numbers) {
            if (number)
                sqlite3_bind_int64(insert, column++, *number);
            else
                sqlite3_bind_null(insert, column++);
        }
        if (row.cost)
            sqlite3_bind_double(insert, column++, *row.cost);
        else
            sqlite3_bind_null(insert, column++);
        sqlite3_bind_int(insert, column++, row.attempt);
        sqlite3_bind_int(insert, column++, row.accelerated ? 1 : 0);
        sqlite3_bind_int64(insert, column++, sourceId);
        if (sqlite3_step(insert) != SQLITE_DONE) {
            out << "error: raw SQLite insert: " << sqlite3_errmsg(db) << "\n";
            sqlite3_finalize(insert);
            return closeAndFail();
        }
        sqlite3_reset(insert);
    }
    exec(db, "COMMIT", out);
    const double seconds = secondsSince(timer);
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return seconds;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    initCoreResources();
    const QStringList args = app.arguments();
    const int count = intOption(args, QStringLiteral("--jobs"), 200'000);
    QTextStream& out = bench::out();

    QElapsedTimer timer;
    timer.start();
    DemoOptions options;
    options.jobs = count;
    const DemoWorkload workload(options);
    QVector<Job> jobs;
    jobs.reserve(workload.size());
    for (int i = 0; i < workload.size(); ++i)
        jobs.append(workload.job(i).job);
    out << "generated " << jobs.size() << " demo jobs in " << timer.elapsed() << " ms\n";

    const QString dir = dopt::test::tempDir();
    Workspace workspace;
    QString error;
    if (!workspace.open(dir + QStringLiteral("/insert.dopt"), &error)) {
        out << "error: " << error << "\n";
        return 1;
    }
    QSqlDatabase db = workspace.database();
    const qint64 sourceId
        = SourceRepository(db).findOrCreate(QStringLiteral("demo"), QStringLiteral("bench"), QString(), true, &error);
    // The jobs table, its indexes and triggers exactly as the workspace created them, with the text
    // index the triggers fill (its shadow tables come with it): raw inserts pay the same indexing.
    QStringList schema;
    QSqlQuery query(db);
    query.exec(QStringLiteral("SELECT sql FROM sqlite_master WHERE (tbl_name = 'jobs' OR name = 'jobs_fts') "
                              "AND sql IS NOT NULL ORDER BY CASE WHEN name = 'jobs' THEN 0 WHEN type = 'table' THEN 1 "
                              "WHEN type = 'index' THEN 2 ELSE 3 END"));
    while (query.next())
        schema.append(query.value(0).toString());

    JobRepository repository(db);
    timer.restart();
    db.transaction();
    for (const Job& job : std::as_const(jobs)) {
        if (repository.upsert(job, sourceId, 0, &error) < 0) {
            out << "error: upsert: " << error << "\n";
            return 1;
        }
    }
    db.commit();
    const double repositorySeconds = secondsSince(timer);

    QVector<RawRow> rows;
    rows.reserve(jobs.size());
    for (const Job& job : std::as_const(jobs))
        rows.append(rawRow(job));
    const double rawSeconds = rawInsert(dir + QStringLiteral("/raw.sqlite"), schema, rows, sourceId, out);
    if (rawSeconds < 0)
        return 1;

    const double repositoryRate = jobs.size() / repositorySeconds;
    const double rawRate = jobs.size() / rawSeconds;
    out << QStringLiteral("%1 %2 %3\n")
               .arg(QStringLiteral("path"), -44)
               .arg(QStringLiteral("seconds"), 9)
               .arg(QStringLiteral("jobs/s"), 10);
    out << QStringLiteral("%1 %2 %3\n")
               .arg(QStringLiteral("JobRepository::upsert (one transaction)"), -44)
               .arg(repositorySeconds, 9, 'f', 2)
               .arg(repositoryRate, 10, 'f', 0);
    out << QStringLiteral("%1 %2 %3\n")
               .arg(QStringLiteral("raw sqlite3 prepared INSERT (values ready)"), -44)
               .arg(rawSeconds, 9, 'f', 2)
               .arg(rawRate, 10, 'f', 0);
    const double ratio = repositoryRate / rawRate;
    out << QStringLiteral("RESULT job_insert jobs=%1 ratio=%2% goal>=50% %3\n")
               .arg(jobs.size())
               .arg(ratio * 100.0, 0, 'f', 1)
               .arg(ratio >= 0.5 ? QStringLiteral("met") : QStringLiteral("NOT met"));
    return 0;
}
