#include "statementinterrupter.h"

#include "tasks/cancelsignal.h"

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

int stopWhenCancelled(void* flag)
{
    return static_cast<const std::atomic_bool*>(flag)->load(std::memory_order_relaxed) ? 1 : 0;
}

} // namespace

StatementInterrupter::StatementInterrupter(const QSqlDatabase& db, CancelSignal& signal)
    : m_signal(signal)
{
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
    if (!m_active)
        return;
    m_signal.clearInterrupt(); // from here on nobody calls into the handles below
    if (m_sqlite)
        sqlite3_progress_handler(static_cast<sqlite3*>(m_sqlite), 0, nullptr, nullptr);
    if (m_pgCancel)
        PQfreeCancel(static_cast<PGcancel*>(m_pgCancel));
}

bool StatementInterrupter::isInterruption(const QSqlError& error)
{
    const QString code = error.nativeErrorCode();
    return code == SqliteInterrupted || code == PostgresQueryCanceled;
}

} // namespace dopt
