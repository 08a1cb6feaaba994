#pragma once

#include <QMutex>
#include <QSqlDatabase>
#include <QString>

namespace dopt {

/// The user's data: a SQLite file (WAL, foreign keys on) or a PostgreSQL database given by a
/// postgresql:// URL, with the same schema and code paths. Opening applies pending migrations
/// in one transaction each and refuses a workspace written by a newer version without touching it.
/// Each thread gets its own named connection through database(); call releaseThreadConnection()
/// from a worker thread before it ends.
class Workspace
{
public:
    static constexpr int CurrentSchemaVersion = 1;

    Workspace() = default;
    ~Workspace();
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;

    /// Opens or creates the workspace. Returns false with a one-line reason in *error.
    bool open(const QString& pathOrUrl, QString* error);
    void close();
    bool isOpen() const { return m_open; }
    bool isPostgres() const { return m_postgres; }
    QString location() const { return m_location; }
    int schemaVersion() const { return m_schemaVersion; }

    /// The connection for the calling thread (created on first use).
    QSqlDatabase database() const;
    void releaseThreadConnection() const;

    /// Dialect helpers for the few places where SQLite and PostgreSQL differ.
    QString upsertIgnoreSuffix() const; // " ON CONFLICT DO NOTHING" on both, kept here for clarity
    static bool isPostgresUrl(const QString& location);

private:
    bool openConnection(QSqlDatabase& db, QString* error) const;
    bool migrate(QString* error);

    QString m_location;
    QString m_connectionPrefix;
    bool m_open = false;
    bool m_postgres = false;
    int m_schemaVersion = 0;
    mutable QMutex m_mutex;
    mutable QStringList m_connectionNames;
};

} // namespace dopt
