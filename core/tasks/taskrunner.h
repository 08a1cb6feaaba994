#pragma once

#include "taskcontext.h"

#include <QHash>
#include <QObject>
#include <QThreadPool>
#include <type_traits>

namespace dopt {

/// Runs background work on its own small thread pool, hotspot-JobTracker style: every task gets an
/// increasing id and a cancel flag; its result comes back to this object's thread in one hop (a
/// queued call) and is handed to the caller's callback. discard()/discardAll() make results stale:
/// the task is told to stop and whatever it still returns is dropped, so a view never shows the
/// answer to an old question. Workers never touch the callbacks' objects: they only compute values.
class TaskRunner : public QObject
{
    Q_OBJECT
public:
    using ErrorCallback = std::function<void(const QString& error)>;

    explicit TaskRunner(int maxThreads = 1, QObject* parent = nullptr);
    /// Discards every task and waits for the running ones (they should poll their cancel flag).
    ~TaskRunner() override;

    /// Starts `work(TaskContext&)` on a worker thread; `onResult(result)` then runs on this object's
    /// thread unless the task was discarded, failed (TaskContext::fail or an exception) or
    /// the runner is gone. Returns the task id.
    template <typename Work, typename OnResult> quint64 start(Work work, OnResult onResult, ErrorCallback onError = {})
    {
        using Result = std::invoke_result_t<Work&, TaskContext&>;
        return startErased(
            [work = std::move(work), onResult = std::move(onResult)](TaskContext& context) mutable -> Delivery {
                if constexpr (std::is_void_v<Result>) {
                    work(context);
                    return [onResult]() mutable { onResult(); };
                } else {
                    auto result = work(context);
                    return [onResult, result = std::move(result)]() mutable { onResult(std::move(result)); };
                }
            },
            std::move(onError));
    }

    /// Asks the task to stop; what it returns (e.g. a partial report) is still delivered.
    void cancel(quint64 id);
    /// Asks the task to stop and drops its result: it is stale.
    void discard(quint64 id);
    void discardAll();

    bool isActive(quint64 id) const { return m_tasks.contains(id); }
    int activeCount() const { return int(m_tasks.size()); }
    /// Blocks until the worker threads are idle (results still arrive through the event loop).
    bool waitForWorkers(int msecs = -1) { return m_pool.waitForDone(msecs); }

Q_SIGNALS:
    void progress(quint64 id, int done, int total, const QString& message);
    void failed(quint64 id, const QString& error);
    /// After the task's result or error callback ran; never for discarded tasks.
    void finished(quint64 id);
    /// No task is tracked any more.
    void idle();

private:
    using Delivery = std::function<void()>;
    struct Entry
    {
        std::shared_ptr<CancelSignal> cancelled;
        ErrorCallback onError;
    };

    quint64 startErased(std::function<Delivery(TaskContext&)> work, ErrorCallback onError);
    void complete(quint64 id, const Delivery& delivery, const QString& error);
    void forget(quint64 id);

    QThreadPool m_pool;
    QHash<quint64, Entry> m_tasks;
    quint64 m_nextId = 1;
};

} // namespace dopt
