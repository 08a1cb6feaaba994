#pragma once

#include <QHash>
#include <QMap>
#include <QSqlDatabase>
#include <QString>
#include <utility>
#include <vector>

namespace dopt {

/// The work_mem each PostgreSQL execution in the workspace ran with, per query shape, for the
/// parameter advice: (work_mem in kB, run time in ms) pairs by fingerprint.
///
/// From server logs: a session's `SET [SESSION] work_mem = ...` / `RESET work_mem` / `RESET ALL`
/// statements (logged with log_min_duration_statement = 0) apply to its later executions, ordered by
/// the session line of the job id ("session:line"); executions without one ran with the server's
/// work_mem as last collected (pg_settings), else PostgreSQL's default 4MB. Transactions are followed
/// as PostgreSQL does: `SET LOCAL work_mem` holds until its transaction ends, only inside
/// BEGIN/START TRANSACTION (ignored outside a block); a ROLLBACK/ABORT undoes the SETs of its
/// transaction, and so does a COMMIT/END of a transaction that failed (an ERROR logged inside the
/// block: the server rolls back); ROLLBACK TO SAVEPOINT undoes what followed the savepoint and clears
/// the failure, RELEASE keeps it; a SET that failed changes nothing. Transaction control is only seen
/// when logged (log_min_duration_statement = 0). From measurements of parameter_change actions: the
/// after runs with the setting they SET LOCAL, the before runs with the server's work_mem.
class WorkMemHistory
{
public:
    struct Shape
    {
        QString sql; // an example statement
        std::vector<std::pair<double, double>> runs; // (work_mem kB, duration ms)
        int fromLogs = 0;
        int fromMeasurements = 0;
    };

    /// By fingerprint (Fingerprinter, PostgreSQL dialect); false with *error when a read fails.
    static bool read(QSqlDatabase db, QHash<QString, Shape>* shapes, qint64* defaultKb, QString* error);
    /// One logged execution (a completed statement that is neither a SET nor transaction control)
    /// and the work_mem it ran with (kB, the server's value when its session never changed it).
    struct Execution
    {
        QString jobId;
        QString sql;
        double durationMs = 0;
        qint64 kb = 0;
    };
    /// Every logged PostgreSQL execution of the workspace with its work_mem, in job order.
    static bool executions(QSqlDatabase db, std::vector<Execution>* out, qint64* defaultKb, QString* error);

    enum class TransactionControl { None, Begin, Commit, Rollback, Savepoint, Release, RollbackToSavepoint };

    /// The kB of a "work_mem = '64MB'" / "SET work_mem TO 65536" text; -1 when it sets something else,
    /// 0 for RESET work_mem / RESET ALL / DISCARD ALL / TO DEFAULT (back to the default). SET LOCAL
    /// counts only when `local` is given (and is set to true), so callers that want lasting settings
    /// pass nothing.
    static qint64 settingKb(const QString& statement, bool* local = nullptr);
    /// BEGIN / START TRANSACTION, COMMIT / END / PREPARE TRANSACTION, ROLLBACK / ABORT, SAVEPOINT,
    /// RELEASE [SAVEPOINT], ROLLBACK TO [SAVEPOINT] (not COMMIT/ROLLBACK PREPARED, which act on another
    /// transaction); *savepoint gets the savepoint's name (lower case unless quoted), *chain whether
    /// a COMMIT/ROLLBACK AND CHAIN starts the next transaction at once.
    static TransactionControl transactionControl(
        const QString& statement, QString* savepoint = nullptr, bool* chain = nullptr);

private:
    /// Session -> line -> the kB in force after that line (0 = the server's), for the sessions that
    /// changed work_mem.
    static bool timelines(QSqlDatabase db, QHash<QString, QMap<qint64, qint64>>* sets, QString* error);
    static bool readExecutions(QSqlDatabase db, const QHash<QString, QMap<qint64, qint64>>& sets, qint64 defaultKb,
        std::vector<Execution>* out, QString* error);
    /// The server's work_mem as last collected, else PostgreSQL's default 4MB; -1 when the read fails.
    static qint64 serverKb(QSqlDatabase db, QString* error);
};

} // namespace dopt
