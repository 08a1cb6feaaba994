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
    qint64 loggedJobRow = 0; // the logged execution whose values are used (its job gets the profile), 0 when none

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

struct PgExplainPlan;

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

    /// The statements that would be explained, each with the exact SQL and values it will run with
    /// (pg_stats values are read from the server here), nothing run yet: what a confirmation shows.
    static PgExplainPlan plan(PgConnection& server, QSqlDatabase db, qint64 sourceId, const Options& options);
    /// EXPLAIN ANALYZE of a plan's statements, as planned (each checked again to be a plain SELECT).
    static PgExplainResult run(PgConnection& server, QSqlDatabase db, const PgExplainPlan& plan,
        const std::atomic_bool* cancel = nullptr, const Progress& progress = {});
    /// plan() then run().
    static PgExplainResult collect(PgConnection& server, QSqlDatabase db, qint64 sourceId, const Options& options,
        const std::atomic_bool* cancel = nullptr, const Progress& progress = {});
    /// Connects to url (password from PGPASSWORD or ~/.pgpass) and collects for its source
    /// ("postgres", the URL without password; created when missing).
    static PgExplainResult collect(QSqlDatabase db, const QString& url, const Options& options,
        const std::atomic_bool* cancel = nullptr, const Progress& progress = {});
    /// Connects to url and finds (or creates) its source, as collect(url) does.
    static bool openSource(PgConnection& server, QSqlDatabase db, const QString& url, qint64* sourceId, QString* error);
    /// Every setting is a "name = value" assignment (SET LOCAL is put in front of it).
    static bool validSettings(const QStringList& settings, QString* error);
};

/// What PgExplainCollector::plan() chose: shown for confirmation, then given to run().
struct PgExplainPlan
{
    bool ok = false;
    QString error;
    qint64 sourceId = 0;
    QString database; // current_database() of the server
    PgExplainCollector::Options options;
    QVector<PgExplainedStatement> statements;
};

} // namespace dopt
