#pragma once

#include "tasks/taskrunner.h"

#include <QObject>
#include <functional>
#include <memory>

namespace dopt {

class Workspace;

/// The shape the GUI's long actions share (Analyze, Export Report): at most one task at a time on the
/// open workspace, run on a worker with its progress forwarded, and dropped as stale when another
/// workspace is opened. Controllers keep their own signals and messages; this keeps the bookkeeping.
class WorkspaceTaskSlot : public QObject
{
    Q_OBJECT
public:
    explicit WorkspaceTaskSlot(QObject* parent = nullptr);
    ~WorkspaceTaskSlot() override;

    /// Switches to `workspace`; a task still running for the old one is discarded (its result would be
    /// stale). True when one was discarded, so the caller can say so.
    bool setWorkspace(std::shared_ptr<Workspace> workspace);
    const std::shared_ptr<Workspace>& workspace() const { return m_workspace; }

    /// Whether a task may start now; false with the reason in *error (no workspace, or `busyMessage`).
    bool canStart(const QString& busyMessage, QString* error) const;

    /// Starts `work(TaskContext&)` on the worker; `onResult(result)` or `onError(message)` then runs on
    /// this object's thread, after the slot is free again (so they may start the next task).
    template <typename Work, typename OnResult>
    void start(Work work, OnResult onResult, std::function<void(const QString&)> onError)
    {
        m_task = m_runner.start(
            std::move(work),
            [this, onResult = std::move(onResult)](auto result) mutable {
                m_task = 0;
                onResult(std::move(result));
            },
            [this, onError = std::move(onError)](const QString& error) {
                m_task = 0;
                onError(error);
            });
    }

    void cancel();
    bool isRunning() const { return m_task != 0; }

Q_SIGNALS:
    void progress(int done, int total, const QString& message);

private:
    std::shared_ptr<Workspace> m_workspace;
    TaskRunner m_runner;
    quint64 m_task = 0;
};

} // namespace dopt
