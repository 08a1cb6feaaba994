#pragma once
// Statements a PostgreSQL test runs on its own connection to set up and inspect its database.

#include "sources/postgres/pgconnection.h"

#include <QStringList>
#include <QTest>

namespace dopt::test {

/// Runs a statement (with its $n parameters) that must succeed: a test failure naming it otherwise.
inline void execOrFail(PgConnection& connection, const QString& sql, const QStringList& parameters = {})
{
    const PgResult result = connection.execParams(sql, parameters);
    QVERIFY2(result.ok, qPrintable(sql + QStringLiteral(": ") + result.error));
}

/// The first value of a query's first row, or "error: …" so that a comparison shows why it failed.
inline QString scalarOrError(PgConnection& connection, const QString& sql)
{
    const PgResult result = connection.exec(sql);
    return result.ok ? result.value(0, 0) : QStringLiteral("error: ") + result.error;
}

} // namespace dopt::test
