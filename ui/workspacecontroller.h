#pragma once

#include "tasks/taskrunner.h"

#include <QObject>
#include <functional>
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
    /// The same on a worker thread: migrating a large file or connecting to a PostgreSQL server can
    /// take seconds and must not freeze the window. The current workspace stays until the new one
    /// is ready; `done(ok, error)` then runs on this object's thread. A second call supersedes a
    /// running one (its result is dropped).
    void openInBackground(const QString& pathOrUrl, std::function<void(bool ok, const QString& error)> done);
    bool isOpening() const { return m_openTask != 0; }
    /// Stops the running open: an upgrade in progress is rolled back (the file keeps its version)
    /// and `done` reports the open as failed.
    void cancelOpening();
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
    void openingChanged(bool opening);
    /// The open in progress upgrades the workspace: migration `step`, `done` of `total` rows
    /// (total 0: a step without a row count).
    void upgradeProgress(const QString& step, int done, int total);
    void statsChanged(qint64 totalJobs, qint64 demoJobs);
    void statsFailed(const QString& error);

private:
    void adopt(std::shared_ptr<Workspace> workspace);

    std::shared_ptr<Workspace> m_workspace;
    qint64 m_totalJobs = -1;
    qint64 m_demoJobs = -1;
    TaskRunner m_runner;
    TaskRunner m_openRunner;
    quint64 m_openTask = 0;
};

} // namespace dopt
