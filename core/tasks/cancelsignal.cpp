#include "cancelsignal.h"

namespace dopt {

void CancelSignal::cancel()
{
    m_flag->store(true);
    const QMutexLocker lock(&m_mutex);
    if (m_interrupt)
        m_interrupt();
}

void CancelSignal::setInterrupt(std::function<void()> interrupt)
{
    const QMutexLocker lock(&m_mutex);
    m_interrupt = std::move(interrupt);
    if (m_interrupt && isCancelled())
        m_interrupt();
}

void CancelSignal::clearInterrupt()
{
    const QMutexLocker lock(&m_mutex);
    m_interrupt = nullptr;
}

} // namespace dopt
