#pragma once
// Real PostgreSQL server logs (csvlog and jsonlog) for the tests of the file import: written by a
// throwaway server with log_min_duration_statement = 0, never hand-made.

#include "postgresserver.h"
#include "sources/postgres/pgconnection.h"

#include <QDateTime>
#include <QFile>
#include <QThread>

namespace dopt::test {

/// What writeServerLogs() ran and where the server wrote it.
struct ServerLogs
{
    QString csv; // dataDirectory()/log/server.csv
    QString json; // dataDirectory()/log/server.json
    QString marker; // in the SQL of the bound statement: "SELECT id, 'MARKER' FROM orders WHERE ..."
};

/// Starts `server` logging every statement to csvlog and jsonlog, then runs in database "shop": a
/// plain statement, a statement with bind parameters ($1 = '42'), a failing statement and a last
/// one, and waits until the logging collector has written that last one to both files.
/// False when the server cannot start (the test skips with *reason); true with logs->csv empty and
/// *reason set when something later failed (the test fails with it).
inline bool writeServerLogs(PostgresServer& server, ServerLogs* logs, QString* reason)
{
    QString url;
    if (!server.startLogged(QStringLiteral("csvlog,jsonlog"), QStringLiteral("shop"), &url, reason,
            QStringLiteral("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL, amount numeric); "
                           "INSERT INTO orders SELECT g, g % 100, g FROM generate_series(1, 2000) g")))
        return false;
    if (url.isEmpty())
        return true;
    PgConnection connection;
    if (!connection.open(url, reason))
        return true;
    logs->marker = QStringLiteral("marker_%1").arg(QDateTime::currentMSecsSinceEpoch());
    const QString last = QStringLiteral("SELECT 'last of %1'").arg(logs->marker);
    const PgResult results[] = {connection.exec(QStringLiteral("SELECT count(*) FROM orders WHERE customer_id = 17")),
        connection.execParams(
            QStringLiteral("SELECT id, '%1' FROM orders WHERE customer_id = $1 AND amount > $2").arg(logs->marker),
            {QStringLiteral("42"), QStringLiteral("100")}),
        connection.exec(QStringLiteral("SELECT no_such_column FROM orders")), connection.exec(last)};
    for (const PgResult& result : results) {
        if (!result.ok && !result.error.contains(QLatin1String("no_such_column"))) {
            *reason = result.error;
            return true;
        }
    }
    if (results[2].ok) {
        *reason = QStringLiteral("the failing statement did not fail");
        return true;
    }
    // The logging collector writes asynchronously: wait for the last statement in both files.
    const QString csv = server.dataDirectory() + QStringLiteral("/log/server.csv");
    const QString json = server.dataDirectory() + QStringLiteral("/log/server.json");
    const auto written = [&last](const QString& path) {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) && file.readAll().contains(last.toUtf8());
    };
    for (int attempt = 0; attempt < 200 && !(written(csv) && written(json)); ++attempt)
        QThread::msleep(100);
    if (!written(csv) || !written(json)) {
        *reason = QStringLiteral("the server did not write its csvlog and jsonlog to ") + server.dataDirectory();
        return true;
    }
    logs->csv = csv;
    logs->json = json;
    return true;
}

} // namespace dopt::test
