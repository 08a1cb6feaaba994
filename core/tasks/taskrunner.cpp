#include "taskrunner.h"

#include <exception>

namespace dopt {

TaskRunner::TaskRunner(int maxThreads, QObject* parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(qMax(1, maxThreads));
}

TaskRunner::~TaskRunner()
{
    // Receivers may be half-destroyed owners: no signal may leave a dying runner.
    blockSignals(true);
    discardAll();
    m_pool.waitForDone();
}

quint64 TaskRunner::startErased(std::function<Delivery(TaskContext&)> work, ErrorCallback onError)
{
    const quint64 id = m_nextId++;
    auto cancelled = std::make_shared<CancelSignal>();
    m_tasks.insert(id, Entry {cancelled, std::move(onError)});

    // The sink runs on the worker: it only posts to this object, which drops calls for forgotten ids.
    auto sink = [this, id](int done, int total, const QString& message) {
        QMetaObject::invokeMethod(
            this,
            [this, id, done, total, message] {
                if (m_tasks.contains(id))
                    Q_EMIT progress(id, done, total, message);
            },
            Qt::QueuedConnection);
    };

    m_pool.start([this, id, cancelled, sink, work = std::move(work)]() mutable {
        TaskContext context(id, cancelled, sink);
        Delivery delivery;
        QString error;
        try {
            delivery = work(context);
            if (context.hasFailed())
                error = context.error().isEmpty() ? tr("the task failed without a reason") : context.error();
        } catch (const std::exception& e) {
            error = tr("unexpected error: %1").arg(QString::fromUtf8(e.what()));
        } catch (...) {
            error = tr("unexpected error of unknown type");
        }
        if (!error.isEmpty())
            delivery = nullptr;
        // The delivery (holding the result) travels to this object's thread and runs there.
        QMetaObject::invokeMethod(
            this, [this, id, delivery = std::move(delivery), error] { complete(id, delivery, error); },
            Qt::QueuedConnection);
    });
    return id;
}

void TaskRunner::complete(quint64 id, const Delivery& delivery, const QString& error)
{
    const auto it = m_tasks.constFind(id);
    if (it == m_tasks.constEnd())
        return; // discarded: stale
    const ErrorCallback onError = it->onError;
    m_tasks.erase(it);
    if (!error.isEmpty()) {
        if (onError)
            onError(error);
        Q_EMIT failed(id, error);
    } else if (delivery) {
        delivery();
    }
    Q_EMIT finished(id);
    if (m_tasks.isEmpty())
        Q_EMIT idle();
}

void TaskRunner::cancel(quint64 id)
{
    const auto it = m_tasks.constFind(id);
    if (it != m_tasks.constEnd())
        it->cancelled->cancel(); // also interrupts a statement the task is blocked in
}

void TaskRunner::discard(quint64 id)
{
    cancel(id);
    forget(id);
}

void TaskRunner::discardAll()
{
    const auto ids = m_tasks.keys();
    for (quint64 id : ids)
        discard(id);
}

void TaskRunner::forget(quint64 id)
{
    if (m_tasks.remove(id) > 0 && m_tasks.isEmpty())
        Q_EMIT idle();
}

} // namespace dopt
