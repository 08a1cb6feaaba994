#include "statementinterrupter.h"

#include "tasks/cancelsignal.h"

#include <QHash>
#include <QSqlDriver>
#include <QSqlError>
#include <QVariant>
#include <libpq-fe.h>
#include <sqlite3.h>

namespace dopt {

namespace {

// Checked by SQLite every this many virtual-machine instructions: microseconds apart, for the price
// of one relaxed load.
constexpr int ProgressInstructions = 1000;
const QString SqliteInterrupted = QString::number(SQLITE_INTERRUPT);
const QString PostgresQueryCanceled = QStringLiteral("57014");

// The interrupters of this thread by connection name: a connection belongs to one thread, so
// readers on that thread find the signal of the task they run for without being handed it.
thread_local QHash<QString, const CancelSignal*> t_watched;

int stopWhenCancelled(void* flag)
{
    return static_cast<const std::atomic_bool*>(flag)->load(std::memory_order_relaxed) ? 1 : 0;
}

} // namespace

StatementInterrupter::StatementInterrupter(const QSqlDatabase& db, CancelSignal& signal)
    : m_signal(signal)
    , m_connectionName(db.connectionName())
{
    m_outer = t_watched.value(m_connectionName);
    t_watched.insert(m_connectionName, &m_signal); // also when there is no native handle
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || !handle.data())
        return;
    if (qstrcmp(handle.typeName(), "sqlite3*") == 0) {
        auto* sqlite = *static_cast<sqlite3* const*>(handle.data());
        if (!sqlite)
            return;
        m_sqlite = sqlite;
        sqlite3_progress_handler(
            sqlite, ProgressInstructions, stopWhenCancelled, const_cast<std::atomic_bool*>(signal.flag()));
        m_signal.setInterrupt([sqlite] { sqlite3_interrupt(sqlite); });
        m_active = true;
    } else if (qstrcmp(handle.typeName(), "PGconn*") == 0 || qstrcmp(handle.typeName(), "pg_conn*") == 0) {
        // QPSQL registers the pointer under libpq's struct name (pg_conn*) in Qt 6.4.
        auto* connection = *static_cast<PGconn* const*>(handle.data());
        PGcancel* cancel = connection ? PQgetCancel(connection) : nullptr;
        if (!cancel)
            return;
        m_pgCancel = cancel;
        m_signal.setInterrupt([cancel] {
            char reason[256];
            PQcancel(cancel, reason, int(sizeof reason)); // best effort: the statement may have ended
        });
        m_active = true;
    }
}

StatementInterrupter::~StatementInterrupter()
{
    if (m_outer)
        t_watched.insert(m_connectionName, m_outer);
    else
        t_watched.remove(m_connectionName);
    if (!m_active)
        return;
    m_signal.clearInterrupt(); // from here on nobody calls into the handles below
    if (m_sqlite)
        sqlite3_progress_handler(static_cast<sqlite3*>(m_sqlite), 0, nullptr, nullptr);
    if (m_pgCancel)
        PQfreeCancel(static_cast<PGcancel*>(m_pgCancel));
}

bool StatementInterrupter::cancelPending(const QSqlDatabase& db)
{
    const CancelSignal* signal = t_watched.value(db.connectionName());
    return signal && signal->isCancelled();
}

QSqlError StatementInterrupter::pendingCancelError()
{
    return QSqlError(QStringLiteral("the task was cancelled before the statement started"), QString(),
        QSqlError::StatementError, PostgresQueryCanceled);
}

bool StatementInterrupter::isInterruption(const QSqlError& error)
{
    const QString code = error.nativeErrorCode();
    return code == SqliteInterrupted || code == PostgresQueryCanceled;
}

} // namespace dopt
