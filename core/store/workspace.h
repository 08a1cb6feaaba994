#pragma once

#include "store/migrations.h"

#include <QHash>
#include <QMutex>
#include <QSqlDatabase>
#include <QString>

class QSqlError;
class QThread;

namespace dopt {

/// The user's data: a SQLite file (WAL, foreign keys on) or a PostgreSQL database given by a
/// postgresql:// URL, with the same schema and code paths. Opening applies pending migrations
/// in one transaction each and refuses a workspace written by a newer version without touching it.
/// Each thread gets its own named connection through database(); call releaseThreadConnection()
/// from a worker thread before it ends.
class Workspace
{
public:
    static constexpr int CurrentSchemaVersion = 15;
    static constexpr int DefaultBusyTimeoutMs = 5000;

    Workspace() = default;
    ~Workspace();
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;

    /// Opens or creates the workspace. Returns false with a one-line reason in *error.
    bool open(const QString& pathOrUrl, QString* error);
    void close();
    bool isOpen() const { return m_open; }
    bool isPostgres() const { return m_postgres; }
    /// The file path or the URL without its password (safe to show and log).
    QString location() const { return m_location; }
    int schemaVersion() const { return m_schemaVersion; }
    /// The version open() found before migrating (0: it created the workspace); lower than
    /// schemaVersion() after an upgrade.
    int foundSchemaVersion() const { return m_foundSchemaVersion; }

    /// How long a SQLite connection waits for another writer before failing (set before open()).
    void setBusyTimeoutMs(int milliseconds) { m_busyTimeoutMs = milliseconds; }
    int busyTimeoutMs() const { return m_busyTimeoutMs; }
    /// Where the NNNN_name.sql scripts come from (default the :/dopt/migrations resource); tests
    /// point this at a folder to exercise upgrades. Set before open().
    void setMigrationDirectory(const QString& directory) { m_migrationDirectory = directory; }
    /// The highest version open() may migrate to (default CurrentSchemaVersion; tests lower it to
    /// create old workspaces).
    void setTargetSchemaVersion(int version) { m_targetVersion = version; }
    /// Told how the migrations of the next open() advance (building the text index of an old
    /// workspace takes minutes); returning false stops the upgrade, which is rolled back: the
    /// workspace stays at the version it had. Set before open(); called on open()'s thread.
    void setMigrationProgress(MigrationProgress progress) { m_migrationProgress = std::move(progress); }

    /// The connection for the calling thread (created on first use, pragmas applied). Invalid when
    /// the workspace is not open.
    QSqlDatabase database() const;
    void releaseThreadConnection() const;
    /// Number of named connections currently registered (all threads).
    int connectionCount() const;

    /// Dialect helpers for the few places where SQLite and PostgreSQL differ.
    QString upsertIgnoreSuffix() const; // " ON CONFLICT DO NOTHING" on both, kept here for clarity
    static bool isPostgresUrl(const QString& location);

private:
    bool openConnection(QSqlDatabase& db, QString* error) const;
    bool configureConnection(QSqlDatabase& db, QString* error) const;
    QString threadConnectionName() const;
    bool openSqlite(const QString& path, QString* error);
    bool openPostgres(const QString& url, QString* error);
    bool inspectAndMigrate(QString* error);
    bool migrate(QString* error);
    QString describeSqlError(const QString& what, const QSqlError& sqlError) const;

    QString m_location;
    QString m_connectionPrefix;
    QString m_migrationDirectory;
    // Connection parameters, kept so worker threads can open identical connections.
    QString m_driver;
    QString m_databaseName;
    QString m_host;
    QString m_user;
    QString m_password;
    QString m_connectOptions;
    int m_port = -1;
    int m_busyTimeoutMs = DefaultBusyTimeoutMs;
    int m_targetVersion = CurrentSchemaVersion;
    MigrationProgress m_migrationProgress;
    bool m_open = false;
    bool m_postgres = false;
    int m_schemaVersion = 0;
    int m_foundSchemaVersion = 0;
    mutable QMutex m_mutex;
    mutable QHash<QString, QThread*> m_connections; // name -> thread that created it
};

} // namespace dopt
