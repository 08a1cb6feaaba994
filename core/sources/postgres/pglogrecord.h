#pragma once

#include <QString>

namespace dopt {

/// The fields of one PostgreSQL server log entry (csvlog or jsonlog) that the importer uses.
struct PgLogRecord
{
    int line = 0; // 1-based line of the file where the entry starts
    qint64 timeMs = 0; // log_time, epoch milliseconds UTC
    QString user;
    QString database;
    QString processId;
    QString sessionId;
    QString sessionLine;
    QString severity; // LOG, ERROR...
    QString sqlState;
    QString message; // "duration: 1.2 ms  statement: SELECT ..."
    QString detail; // "parameters: $1 = '42'"
    QString query; // the statement of an ERROR entry
    QString applicationName;
    QString queryId;
};

} // namespace dopt
