#pragma once

#include <QSqlDatabase>

class QSqlError;

namespace dopt {

class CancelSignal;

/// Makes the statements a worker runs on its workspace connection stop when its task is cancelled,
/// so a stale count or page never holds a worker while the user's next question waits.
/// SQLite: cancel() calls sqlite3_interrupt on the connection, and a progress handler polls the flag
/// (a cancel that lands between two statements still stops the next one). PostgreSQL: cancel()
/// sends PQcancel, which aborts the statement running on the server; one that arrives between two
/// statements finds nothing to abort, so the interrupter remembers it: readers ask
/// cancelPending() before each statement and do not start it (JobRepository does).
/// Construct after the connection is open, destroy before it is closed (a scope inside the
/// WorkerConnection's). The interrupted statement fails; isInterruption() recognises its error.
class StatementInterrupter
{
public:
    StatementInterrupter(const QSqlDatabase& db, CancelSignal& signal);
    ~StatementInterrupter();
    StatementInterrupter(const StatementInterrupter&) = delete;
    StatementInterrupter& operator=(const StatementInterrupter&) = delete;

    /// False when the driver gave no native handle (the statements then run to their end).
    bool isActive() const { return m_active; }

    /// True for the error of a statement stopped this way (SQLITE_INTERRUPT, SQLSTATE 57014).
    static bool isInterruption(const QSqlError& error);
    /// True when an interrupter of the calling thread watches `db`'s connection and its task was
    /// cancelled: the next statement must not start (on PostgreSQL its cancel would be lost).
    static bool cancelPending(const QSqlDatabase& db);
    /// The error a statement refused that way reports (recognised by isInterruption()).
    static QSqlError pendingCancelError();

private:
    CancelSignal& m_signal;
    QString m_connectionName;
    const CancelSignal* m_outer = nullptr; // an enclosing interrupter's signal, watched again afterwards
    void* m_sqlite = nullptr; // sqlite3*
    void* m_pgCancel = nullptr; // PGcancel*
    bool m_active = false;
};

} // namespace dopt
