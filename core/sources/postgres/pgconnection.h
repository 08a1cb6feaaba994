#pragma once

#include <QString>
#include <QStringList>
#include <QVector>
#include <atomic>
#include <memory>

namespace dopt {

/// One result of PgConnection::exec: the rows as text (NULL as a null QString), or the server's error.
struct PgResult
{
    bool ok = false;
    QString error; // one line: the server's message, or why the connection failed
    QString sqlState; // five-character SQLSTATE when the server sent one
    bool connectionLost = false; // the server went away (restart, network): reconnect before retrying
    bool cancelled = false; // stopped by the cancel flag or by statement_timeout (SQLSTATE 57014)
    QStringList columns;
    QVector<QStringList> rows;
    qint64 affectedRows = 0;

    QString value(int row, int column) const { return rows.value(row).value(column); }
};

/// What a measured execution returns: its time on the client, its rows and a checksum of them that
/// does not depend on their order (sum of per-row hashes), so a rewrite can be checked for the same result.
struct PgTimedResult
{
    bool ok = false;
    QString error;
    QString sqlState;
    bool connectionLost = false;
    bool cancelled = false;
    double durationMs = 0;
    qint64 rowCount = 0;
    QString checksum; // 16 hex digits
};

/// A connection to a user's PostgreSQL (libpq). The URL is `postgresql://user@host:port/db?sslmode=...`;
/// libpq itself takes the password from PGPASSWORD or ~/.pgpass, so it never passes through this
/// program's arguments, logs or workspace. Statements run asynchronously so a cancel flag set by
/// another thread stops them on the server (PQcancel). One connection per thread.
class PgConnection
{
public:
    PgConnection();
    ~PgConnection();
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    /// Connects; false with a one-line reason (never containing the password) in *error.
    bool open(const QString& url, QString* error);
    /// Connects again with the URL of the last open() (after a server restart).
    bool reopen(QString* error);
    void close();
    bool isOpen() const;
    /// The URL without a password, safe to show and store.
    QString description() const { return m_description; }
    QString url() const { return m_url; }
    int serverVersion() const;

    /// Runs one statement (no parameters); stops it when *cancel becomes true.
    PgResult exec(const QString& sql, const std::atomic_bool* cancel = nullptr);
    /// Runs one statement with text parameters ($1, $2...).
    PgResult execParams(const QString& sql, const QStringList& parameters, const std::atomic_bool* cancel = nullptr);
    /// Runs a statement and times it including the transfer of its rows, which are hashed and counted.
    PgTimedResult execTimed(const QString& sql, const std::atomic_bool* cancel = nullptr);

    /// A postgresql:// URL with any password removed (also from a "password=" query parameter).
    static QString redactUrl(const QString& url);
    /// Quotes an identifier for SQL ("my table" -> "\"my table\"").
    static QString quoteIdentifier(const QString& identifier);
    /// Quotes a literal for SQL ('it''s').
    static QString quoteLiteral(const QString& literal);

private:
    struct Private;
    std::unique_ptr<Private> d;
    QString m_url;
    QString m_description;
};

} // namespace dopt
