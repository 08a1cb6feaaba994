#include "demoworkspacebuilder.h"

#include "demo/demogenerator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace dopt {

namespace {
// SQLite keeps a write-ahead log and shared-memory file next to the database while it is open.
void removeWorkspaceFiles(const QString& path)
{
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QString::fromLatin1(suffix));
}
} // namespace

DemoWorkspaceBuilder::DemoWorkspaceBuilder(QObject* parent)
    : QObject(parent)
    , m_runner(1)
{
    connect(&m_runner, &TaskRunner::progress, this, [this](quint64 id, int done, int total, const QString&) {
        if (id == m_task)
            Q_EMIT progress(done, total);
    });
}

bool DemoWorkspaceBuilder::start(const QString& workspacePath, int jobs)
{
    if (isRunning())
        return false;
    m_task = m_runner.start(
        [workspacePath, jobs](TaskContext& context) {
            const QFileInfo target(workspacePath);
            if (!QDir().mkpath(target.absolutePath())) {
                context.fail(tr("Cannot create the folder %1").arg(target.absolutePath()));
                return QString();
            }
            const QString partial = workspacePath + QStringLiteral(".partial");
            removeWorkspaceFiles(partial);
            DemoGenerator::Options options;
            options.jobs = jobs;
            DemoGenerator generator(options);
            generator.setCancelFlag(context.cancelFlag());
            generator.setProgress(
                [&context](int done, int total, const QString& message) { context.progress(done, total, message); });
            QString error;
            const bool generated = generator.generate(partial, &error);
            if (!generated || context.isCancelled()) {
                removeWorkspaceFiles(partial);
                if (!context.isCancelled())
                    context.fail(error);
                return QString(); // cancelled by the user: not an error
            }
            removeWorkspaceFiles(workspacePath);
            if (!QFile::rename(partial, workspacePath)) {
                context.fail(tr("Cannot move the demo workspace to %1").arg(workspacePath));
                return QString();
            }
            return workspacePath;
        },
        [this](const QString& path) {
            m_task = 0;
            if (path.isEmpty())
                Q_EMIT cancelled();
            else
                Q_EMIT finished(path);
        },
        [this](const QString& error) {
            m_task = 0;
            Q_EMIT failed(error);
        });
    return true;
}

void DemoWorkspaceBuilder::cancel()
{
    m_runner.cancel(m_task);
}

} // namespace dopt
