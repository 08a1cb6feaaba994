#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <atomic>

namespace dopt {

class Workspace;

/// What importing one server log file did.
struct PgLogImportResult
{
    bool ok = false;
    bool cancelled = false;
    QString error; // "FILE:LINE: reason" when a malformed entry made the file fail
    QString path;
    QString format; // csvlog or jsonlog
    int entries = 0; // log entries read
    int jobs = 0; // executions stored as jobs (duration lines and failed statements)
    int skipped = 0; // duration lines without a statement (parse/bind steps, log_duration only) or with a
                     // damaged duration (negative, past a year)
    int plans = 0; // executions stored with their auto_explain plan as profile
    QStringList
        warnings; // "FILE:LINE: reason" for plans not stored (bad JSON, text that is no plan), at most MaxWarnings
    static constexpr int MaxWarnings = 20;
    qint64 sourceId = 0;

    QJsonObject toJson() const;
};

/// Imports a PostgreSQL csvlog or jsonlog file written with log_min_duration_statement into jobs
/// (engine 'postgres'): each "duration: X ms  statement: ..." or "execute NAME: ..." entry is one
/// execution, its bind parameters (the "parameters: $1 = '...'" detail) substituted into the SQL so
/// the job carries the literal values it ran with; ERROR entries with a statement become failed jobs.
/// Each job gets libpg_query's fingerprint and normalized text in pg_job_details. auto_explain plans
/// ("duration: X ms  plan: {...}" with auto_explain.log_format = json, or the default text format read
/// by PostgresTextPlan into the same JSON) are stored as the profile of the
/// execution they belong to: the statement's duration entry that follows in the same session with
/// the same text, or, when none does (auto_explain alone), an execution of their own; the plan's
/// rows scanned, rows returned, cost and relations fill the job's figures. A plan that cannot be
/// read (damaged JSON, text that is no plan) keeps its execution without a profile and adds a warning. The file is
/// imported in one transaction: a malformed entry fails the whole file with FILE:LINE and stores nothing. Re-importing
/// the same file adds nothing (job ids are session id and session line number).
class PgLogImporter
{
public:
    static PgLogImportResult importFile(
        Workspace& workspace, const QString& path, const std::atomic_bool* cancel = nullptr);
    /// The same inside an import run the caller owns (the desktop import of files and folders,
    /// FileImporter): the jobs carry importRunId and stay attributed to the log folder's
    /// "postgres-logs" source; no import_runs / import_files row is written, the caller records the
    /// file and finishes its run. importRunId 0 is importFile(): a run of its own.
    static PgLogImportResult importFileInRun(
        Workspace& workspace, const QString& path, qint64 importRunId, const std::atomic_bool* cancel = nullptr);
    /// Replaces $1, $2... outside quotes and comments by the values of a "parameters: $1 = '42', ..."
    /// detail (kept as logged: quoted literals or NULL). Returns sql unchanged when detail has none.
    static QString substituteParameters(const QString& sql, const QString& detail);
};

} // namespace dopt
