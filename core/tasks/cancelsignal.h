#pragma once

#include <QMutex>
#include <atomic>
#include <functional>
#include <memory>

namespace dopt {

/// A task's cancel flag plus what must happen the moment it is set. Work that polls (loops,
/// progress handlers) reads the flag; a statement blocked inside a database driver cannot poll, so
/// it registers an interrupt that cancel() runs on the cancelling thread.
class CancelSignal
{
public:
    explicit CancelSignal(std::shared_ptr<std::atomic_bool> flag = std::make_shared<std::atomic_bool>(false))
        : m_flag(std::move(flag))
    { }
    CancelSignal(const CancelSignal&) = delete;
    CancelSignal& operator=(const CancelSignal&) = delete;

    bool isCancelled() const { return m_flag->load(std::memory_order_relaxed); }
    const std::atomic_bool* flag() const { return m_flag.get(); }

    /// Sets the flag, then runs the registered interrupt (if any) on the calling thread.
    void cancel();
    /// Registers the interrupt (replacing any other); runs it at once when already cancelled. The
    /// registrant must clear it before whatever it touches goes away.
    void setInterrupt(std::function<void()> interrupt);
    /// Waits for a running interrupt to return, then forgets it.
    void clearInterrupt();

private:
    std::shared_ptr<std::atomic_bool> m_flag;
    QMutex m_mutex; // guards m_interrupt and keeps it alive while it runs
    std::function<void()> m_interrupt;
};

} // namespace dopt
