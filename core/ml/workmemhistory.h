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
/// collected (pg_settings), else PostgreSQL's default 4MB. SET LOCAL is not followed (it ends with its
/// transaction, whose end the log may not show). From measurements of parameter_change actions: the
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
    /// The kB of a "work_mem = '64MB'" / "SET work_mem TO 65536" text; -1 when it sets something else,
    /// 0 for RESET work_mem (back to the default).
    static qint64 settingKb(const QString& statement);
};

} // namespace dopt
