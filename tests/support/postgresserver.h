#pragma once

#include <QString>

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
    /// Creates a database and returns its postgresql:// URL.
    QString createDatabase(const QString& name, QString* error);
    int port() const { return m_port; }

private:
    bool run(const QStringList& command, QString* output) const;

    QString m_binDir;
    QString m_dir;
    int m_port = 0;
    bool m_running = false;
};

} // namespace dopt::test
