#pragma once

#include "tasks/taskrunner.h"

#include <QObject>

namespace dopt {

/// Generates the demo workspace (synthetic jobs and profiles from core/demo) on a worker thread,
/// into a temporary file that is renamed into place only when complete, so an interrupted run never
/// leaves a half-filled demo workspace behind.
class DemoWorkspaceBuilder : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultJobCount = 20000; // the generator's own default workload

    explicit DemoWorkspaceBuilder(QObject* parent = nullptr);

    bool start(const QString& workspacePath, int jobs);
    void cancel();
    bool isRunning() const { return m_task != 0; }

Q_SIGNALS:
    void progress(int done, int total);
    void finished(const QString& workspacePath);
    /// The user cancelled; nothing was left behind.
    void cancelled();
    void failed(const QString& error);

private:
    quint64 m_task = 0;
    TaskRunner m_runner;
};

} // namespace dopt
