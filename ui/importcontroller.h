#pragma once

#include "sources/files/fileimporter.h"
#include "tasks/taskrunner.h"

#include <QObject>
#include <memory>

namespace dopt {

class Workspace;

/// Runs FileImporter on a worker thread for the window (menu, drag and drop): one import at a time,
/// throttled progress, cancel, and the final report. Widgets observe it; it owns no widget, so
/// tests drive it directly.
class ImportController : public QObject
{
    Q_OBJECT
public:
    explicit ImportController(QObject* parent = nullptr);

    void setWorkspace(std::shared_ptr<Workspace> workspace);
    /// Starts importing files and folders. False with *error when busy or without a workspace.
    bool start(const QStringList& paths, QString* error = nullptr);
    /// Asks the running import to stop after the current file; finished() still reports what was done.
    void cancel();
    bool isRunning() const { return m_task != 0; }
    ImportReport lastReport() const { return m_lastReport; }

Q_SIGNALS:
    void started(const QStringList& paths);
    void progress(int done, int total, const QString& currentPath);
    void finished(const dopt::ImportReport& report);
    /// The import could not run at all (an unexpected error in the worker).
    void failed(const QString& error);

private:
    std::shared_ptr<Workspace> m_workspace;
    quint64 m_task = 0;
    ImportReport m_lastReport;
    TaskRunner m_runner;
};

} // namespace dopt

Q_DECLARE_METATYPE(dopt::ImportReport)
