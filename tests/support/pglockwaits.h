#pragma once
// Conditions for tests that hold a PostgreSQL table locked to keep the program's statements waiting.

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

namespace dopt::test {

/// Statements of other sessions now waiting for a lock (-1 when the query fails). QPSQL runs its
/// prepared statements as EXECUTE, so the text does not say which one waits.
inline int lockWaitingStatements(QSqlDatabase& db)
{
    QSqlQuery query(db);
    // Inside a transaction the statistics views keep their first snapshot: take a new one.
    if (!query.exec(QStringLiteral("SELECT pg_stat_clear_snapshot()"))
        || !query.exec(QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                      "AND pid <> pg_backend_pid()"))
        || !query.next())
        return -1;
    return query.value(0).toInt();
}

} // namespace dopt::test
