#pragma once

#include "cancelsignal.h"

#include <QElapsedTimer>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>

namespace dopt {

/// What a background task sees of its runner: its id, the cancel flag to poll (or hand to code that
/// takes a `const std::atomic_bool*`), progress reporting (throttled, so a tight loop may call it
/// for every item) and a way to fail with a one-line reason instead of returning a result.
class TaskContext
{
public:
    using ProgressSink = std::function<void(int done, int total, const QString& message)>;

    TaskContext(quint64 id, std::shared_ptr<CancelSignal> cancelSignal, ProgressSink sink);
    /// For work run outside a TaskRunner (e.g. the CLI), cancelled through its own flag.
    TaskContext(quint64 id, std::shared_ptr<std::atomic_bool> cancelled, ProgressSink sink);

    quint64 id() const { return m_id; }
    bool isCancelled() const { return m_cancelSignal->isCancelled(); }
    const std::atomic_bool* cancelFlag() const { return m_cancelSignal->flag(); }
    /// Where a blocking step registers how to interrupt itself (see StatementInterrupter).
    CancelSignal& cancelSignal() const { return *m_cancelSignal; }

    /// Forwards at most one update per throttle interval; the first and the final one (done == total)
    /// always pass so a view never stays at a stale value.
    void progress(int done, int total, const QString& message = QString());
    /// Marks the task failed; its return value is then ignored and the runner reports `error`.
    void fail(const QString& error);

    bool hasFailed() const { return m_failed; }
    QString error() const { return m_error; }

    static constexpr int ProgressIntervalMs = 80;

private:
    quint64 m_id;
    std::shared_ptr<CancelSignal> m_cancelSignal;
    ProgressSink m_sink;
    QElapsedTimer m_sinceLastProgress;
    bool m_failed = false;
    QString m_error;
};

} // namespace dopt
