#include "importcontroller.h"

#include "store/workspace.h"
#include "tasks/workerconnection.h"

namespace dopt {

ImportController::ImportController(QObject* parent)
    : QObject(parent)
    , m_runner(1)
{
    qRegisterMetaType<dopt::ImportReport>();
    connect(&m_runner, &TaskRunner::progress, this, [this](quint64 id, int done, int total, const QString& path) {
        if (id == m_task)
            Q_EMIT progress(done, total, path);
    });
}

void ImportController::setWorkspace(std::shared_ptr<Workspace> workspace)
{
    // A running import keeps its own reference and finishes into the workspace it started with.
    m_workspace = std::move(workspace);
}

bool ImportController::start(const QStringList& paths, QString* error)
{
    const auto fail = [error](const QString& reason) {
        if (error)
            *error = reason;
        return false;
    };
    if (isRunning())
        return fail(tr("An import is already running"));
    if (!m_workspace || !m_workspace->isOpen())
        return fail(tr("No workspace is open: open or create one before importing"));
    if (paths.isEmpty())
        return fail(tr("Nothing to import"));

    auto workspace = m_workspace;
    m_task = m_runner.start(
        [workspace, paths](TaskContext& context) {
            WorkerConnection connection(*workspace);
            FileImporter importer(*workspace);
            importer.setCancelFlag(context.cancelFlag());
            importer.setProgress(
                [&context](int done, int total, const QString& path) { context.progress(done, total, path); });
            return importer.importPaths(paths);
        },
        [this](ImportReport report) {
            m_task = 0;
            m_lastReport = report;
            Q_EMIT finished(report);
        },
        [this](const QString& error) {
            m_task = 0;
            Q_EMIT failed(error);
        });
    Q_EMIT started(paths);
    return true;
}

void ImportController::cancel()
{
    if (m_task != 0)
        m_runner.cancel(m_task);
}

} // namespace dopt
