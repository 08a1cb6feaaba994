#pragma once

#include "tasks/taskrunner.h"

#include <QObject>
#include <memory>

namespace dopt {

class Workspace;

/// Which workspace the window shows: opens and switches it, remembers the last one in QSettings and
/// keeps its headline figures (total jobs, demo jobs) current from a worker thread.
class WorkspaceController : public QObject
{
    Q_OBJECT
public:
    explicit WorkspaceController(QObject* parent = nullptr);
    ~WorkspaceController() override;

    /// Opens (or creates) a workspace and makes it current. False with a one-line *error; the
    /// current workspace then stays as it was.
    bool open(const QString& pathOrUrl, QString* error);
    void close();
    std::shared_ptr<Workspace> workspace() const { return m_workspace; }
    bool isOpen() const;
    QString location() const;

    /// Re-reads the totals in the background; statsChanged() follows.
    void refreshStats();
    qint64 totalJobs() const { return m_totalJobs; }
    qint64 demoJobs() const { return m_demoJobs; }

    /// The workspace opened last (QSettings), empty on first run.
    static QString rememberedWorkspace();
    static void rememberWorkspace(const QString& location);
    /// Where the demo workspace is generated: AppDataLocation/demo-workspace.sqlite.
    static QString demoWorkspacePath();

Q_SIGNALS:
    void workspaceChanged();
    void statsChanged(qint64 totalJobs, qint64 demoJobs);
    void statsFailed(const QString& error);

private:
    std::shared_ptr<Workspace> m_workspace;
    qint64 m_totalJobs = -1;
    qint64 m_demoJobs = -1;
    TaskRunner m_runner;
};

} // namespace dopt
