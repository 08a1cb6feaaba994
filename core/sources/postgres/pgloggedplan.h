#pragma once

#include "profile/parsedprofile.h"
#include "sources/postgres/pglogrecord.h"

#include <QByteArray>
#include <QString>

namespace dopt {

/// One auto_explain entry of a PostgreSQL server log: "duration: X ms  plan:" followed by the plan,
/// in JSON (auto_explain.log_format = json: read into a profile) or in text (only its query text is
/// read).
struct PgLoggedPlan
{
    PgLogRecord record;
    double ms = 0; // the executor's time
    QString queryText; // "Query Text"; empty when it could not be read
    QByteArray json; // the plan as logged (JSON format only), stored as the profile's raw form
    ParsedProfile profile;
    bool parsed = false; // profile holds the plan
    QString problem; // why the plan is not stored (text format, damaged JSON)

    /// False when the message is not an auto_explain entry; otherwise true, with parsed set or
    /// problem saying why not.
    static bool fromMessage(const QString& message, PgLoggedPlan* plan);
    /// Reads X of a "duration: X ms ..." message and where the text after " ms" starts. False when
    /// X is not a duration PostgreSQL can log: not a number, negative, or past a year (a damaged
    /// line, which must not become a job whose start time overflows).
    static bool readDuration(const QString& message, double* ms, qsizetype* restAt);
};

} // namespace dopt
