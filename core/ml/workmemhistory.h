#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QString>
#include <utility>
#include <vector>

namespace dopt {

/// The work_mem each PostgreSQL execution in the workspace ran with, per query shape, for the
/// parameter advice: (work_mem in kB, run time in ms) pairs by fingerprint.
///
/// From server logs: a session's `SET [SESSION] work_mem = ...` / `RESET work_mem` statements (logged
/// with log_min_duration_statement = 0) apply to its later executions, ordered by the session line
/// of the job id ("session:line"); executions without one ran with the server's work_mem as last
/// collected (pg_settings), else PostgreSQL's default 4MB. `SET LOCAL work_mem` holds until its
/// transaction ends (COMMIT/END/ROLLBACK/ABORT), only inside BEGIN/START TRANSACTION (PostgreSQL ignores
/// it outside a block), and a ROLLBACK also undoes a SET made in its transaction; transaction control
/// is only seen when logged (log_min_duration_statement = 0). From measurements of parameter_change actions: the
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
    enum class TransactionControl { None, Begin, Commit, Rollback };

    /// The kB of a "work_mem = '64MB'" / "SET work_mem TO 65536" text; -1 when it sets something else,
    /// 0 for RESET work_mem / TO DEFAULT (back to the default). SET LOCAL counts only when `local` is
    /// given (and is set to true), so callers that want lasting settings pass nothing.
    static qint64 settingKb(const QString& statement, bool* local = nullptr);
    /// BEGIN / START TRANSACTION, COMMIT / END, ROLLBACK / ABORT (not ROLLBACK TO SAVEPOINT, not PREPARED).
    static TransactionControl transactionControl(const QString& statement);
};

} // namespace dopt
