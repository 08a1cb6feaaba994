#pragma once

#include "profile/parsedprofile.h"
#include "sources/postgres/pglogrecord.h"

#include <QByteArray>
#include <QString>

namespace dopt {

/// One auto_explain entry of a PostgreSQL server log: "duration: X ms  plan:" followed by the plan,
/// in JSON (auto_explain.log_format = json) or in text (the default, read by PostgresTextPlan into the
/// same JSON), read into a profile.
struct PgLoggedPlan
{
    PgLogRecord record;
    double ms = 0; // the executor's time
    QString queryText; // "Query Text"; empty when it could not be read
    QByteArray json; // the plan as JSON (as logged, or read from text), stored as the profile's raw form
    ParsedProfile profile;
    bool parsed = false; // profile holds the plan
    QString problem; // why the plan is not stored (damaged JSON, text that is no plan)

    /// False when the message is not an auto_explain entry; otherwise true, with parsed set or
    /// problem saying why not.
    static bool fromMessage(const QString& message, PgLoggedPlan* plan);
    /// Reads X of a "duration: X ms ..." message and where the text after " ms" starts. False when
    /// X is not a duration PostgreSQL can log: not a number, negative, or past a year (a damaged
    /// line, which must not become a job whose start time overflows).
    static bool readDuration(const QString& message, double* ms, qsizetype* restAt);
};

} // namespace dopt
