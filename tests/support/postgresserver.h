#pragma once

#include <QString>
#include <QStringList>

namespace dopt::test {

/// A throwaway PostgreSQL cluster on 127.0.0.1 for one test process: initdb into a temporary
/// directory as the postgres user (the server refuses root), start on a free port, stop and delete
/// on destruction, also when the test fails. Never touches a server it did not start.
class PostgresServer
{
public:
    PostgresServer() = default;
    ~PostgresServer();
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    /// Starts the server; false with *reason when PostgreSQL is not installed or fails to start.
    bool start(QString* reason);
    void stop();
    /// Adds "-c name=value" to the server's options (call before start()), e.g. log_destination.
    void addSetting(const QString& name, const QString& value);
    /// Logs every statement with its duration (log_min_duration_statement = 0) through the logging
    /// collector to dataDirectory()/log/server.csv and/or .json, times in UTC. Call before start().
    void logAllStatements(const QString& destinations);
    /// Adds auto_explain's plans to the log (session_preload_libraries = auto_explain, every statement,
    /// ANALYZE and BUFFERS figures, JSON format). Call before start().
    void logPlans();
    /// The path of the log the logging collector writes (suffix "csv" or "json") once it contains
    /// marker (it writes asynchronously); empty when the marker has not arrived after timeoutMs.
    QString waitForLog(const QString& suffix, const QString& marker, int timeoutMs = 10000) const;
    /// start(), createDatabase(database) and psql(database, schemaSql) (skipped when empty) in one:
    /// false when the server could not start (the test skips, *reason says why); true with *url empty
    /// and *reason set when the database could not be created or the schema SQL failed.
    bool startWithDatabase(const QString& database, const QString& schemaSql, QString* url, QString* reason);
    /// logAllStatements(destinations) then startWithDatabase(database, schemaSql, ...).
    bool startLogged(const QString& destinations, const QString& database, QString* url, QString* reason,
        const QString& schemaSql = QString());
    /// Stops the server but keeps its data (a crash or restart in the middle of a test); resume() starts it again.
    bool shutdown();
    bool resume(QString* reason);
    /// Runs SQL with psql as `user` (default the superuser postgres) in `database`; the unaligned output,
    /// or an empty string with *error set on failure.
    QString psql(const QString& database, const QString& sql, QString* error, const QString& user = QString()) const;
    QString dataDirectory() const { return m_dir + QStringLiteral("/data"); }
    /// Creates a database and returns its postgresql:// URL.
    QString createDatabase(const QString& name, QString* error);
    int port() const { return m_port; }

private:
    bool run(const QStringList& command, QString* output) const;
    bool startServer(QString* output);

    QString m_binDir;
    QString m_dir;
    QStringList m_settings;
    int m_port = 0;
    bool m_running = false;
};

} // namespace dopt::test
