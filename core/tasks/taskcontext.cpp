#include "taskcontext.h"

namespace dopt {

TaskContext::TaskContext(quint64 id, std::shared_ptr<CancelSignal> cancelSignal, ProgressSink sink)
    : m_id(id)
    , m_cancelSignal(std::move(cancelSignal))
    , m_sink(std::move(sink))
{ }

TaskContext::TaskContext(quint64 id, std::shared_ptr<std::atomic_bool> cancelled, ProgressSink sink)
    : TaskContext(id, std::make_shared<CancelSignal>(std::move(cancelled)), std::move(sink))
{ }

void TaskContext::progress(int done, int total, const QString& message)
{
    if (!m_sink)
        return;
    const bool final = total > 0 && done >= total;
    if (m_sinceLastProgress.isValid() && !final && m_sinceLastProgress.elapsed() < ProgressIntervalMs)
        return;
    m_sinceLastProgress.start();
    m_sink(done, total, message);
}

void TaskContext::fail(const QString& error)
{
    m_failed = true;
    m_error = error;
}

} // namespace dopt
