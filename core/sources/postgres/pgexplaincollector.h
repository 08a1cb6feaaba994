#pragma once

#include "sources/postgres/pgparametervalues.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QStringList>
#include <atomic>
#include <functional>

namespace dopt {

class PgConnection;

/// One statement EXPLAIN ANALYZE ran (or tried to run) for.
struct PgExplainedStatement
{
    QString fingerprint; // libpg_query fingerprint
    QString sql; // the statement as run, with its values
    QString parameterSource; // "log" (a logged execution's values), "pg_stats", "none" (no placeholders)
    QVector<PgParameterValue> parameters; // pg_stats values and their origin (empty for log / none)
    QString loggedParameters; // "$1 = '42'" as logged, for parameterSource "log"
    qint64 calls = 0; // executions known (pg_stat_statements and logs)
    double totalMs = 0; // their summed time: the ranking
    QString jobId; // the job the profile is stored with ("" when none was stored)
    bool newJob = false; // true when the job was created for this EXPLAIN (no logged execution)
    double executionMs = -1; // EXPLAIN's Planning + Execution Time
    qint64 spilledBytes = 0; // summed over the plan's operators
    QString error; // why no profile was stored (refused, timeout, no values, server error)

    QJsonObject toJson() const;
};

/// What one EXPLAIN collection did.
struct PgExplainResult
{
    bool ok = false; // false only when the collection could not run at all (connection, workspace)
    bool cancelled = false;
    QString error;
    qint64 sourceId = 0;
    int candidates = 0; // read-only statements considered
    int explained = 0; // profiles stored
    int failed = 0; // statements tried without a profile (timeout, error, no values)
    QVector<PgExplainedStatement> statements;

    QJsonObject toJson() const;
};

/// Runs `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` for the most expensive read-only statements of a
/// PostgreSQL source and stores each plan as a job's profile (format postgres-explain-json), so the
/// profile view and the engine-neutral detectors read it like a Dremio profile.
///
/// Statements: pg_stat_statements deltas of the source and imported log executions merged by
/// libpg_query fingerprint, ranked by total time (slow and frequent), only plain SELECTs
/// (ReadOnlyStatement), none on the system catalogs. Values: a logged execution's literal SQL (its
/// slowest run, which then gets the profile), else values from pg_stats for the $n placeholders
/// (PgParameterValues) and a new job "explain:FINGERPRINT" whose pg_job_details.parameters record
/// them. Each EXPLAIN runs in a READ ONLY transaction with SET LOCAL statement_timeout (and the given
/// settings) that is rolled back. One workspace transaction per statement.
class PgExplainCollector
{
public:
    struct Options
    {
        int statements = 10; // the N most expensive statements
        int statementTimeoutMs = 30000;
        QStringList settings; // "work_mem = '4MB'": SET LOCAL before each EXPLAIN
    };
    using Progress = std::function<void(int done, int total, const QString& message)>;

    static PgExplainResult collect(PgConnection& server, QSqlDatabase db, qint64 sourceId, const Options& options,
        const std::atomic_bool* cancel = nullptr, const Progress& progress = {});
    /// Connects to url (password from PGPASSWORD or ~/.pgpass) and collects for its source
    /// ("postgres", the URL without password; created when missing).
    static PgExplainResult collect(QSqlDatabase db, const QString& url, const Options& options,
        const std::atomic_bool* cancel = nullptr, const Progress& progress = {});
};

} // namespace dopt
