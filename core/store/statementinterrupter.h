#pragma once

#include <QSqlDatabase>

class QSqlError;

namespace dopt {

class CancelSignal;

/// Makes the statements a worker runs on its workspace connection stop when its task is cancelled,
/// so a stale count or page never holds a worker while the user's next question waits.
/// SQLite: cancel() calls sqlite3_interrupt on the connection, and a progress handler polls the flag
/// (a cancel that lands between two statements still stops the next one). PostgreSQL: cancel()
/// sends PQcancel, which aborts the statement running on the server.
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

private:
    CancelSignal& m_signal;
    void* m_sqlite = nullptr; // sqlite3*
    void* m_pgCancel = nullptr; // PGcancel*
    bool m_active = false;
};

} // namespace dopt
