#include "workspacecontroller.h"

#include "store/statementinterrupter.h"
#include "store/workspace.h"
#include "tasks/workerconnection.h"

#include <QDir>
#include <QSettings>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUrl>
#include <limits>

namespace dopt {

namespace {
const QString SettingsKey = QStringLiteral("workspace/last");

struct OpenOutcome
{
    std::shared_ptr<Workspace> workspace; // null when the open failed
    QString error;
};

struct Stats
{
    qint64 total = 0;
    qint64 demo = 0;
    QString error;
};
} // namespace

WorkspaceController::WorkspaceController(QObject* parent)
    : QObject(parent)
    , m_runner(1)
    , m_openRunner(1)
{
    connect(&m_openRunner, &TaskRunner::progress, this, [this](quint64 id, int done, int total, const QString& step) {
        if (id == m_openTask)
            Q_EMIT upgradeProgress(step, done, total);
    });
}

void WorkspaceController::cancelOpening()
{
    if (m_openTask != 0)
        m_openRunner.cancel(m_openTask);
}

WorkspaceController::~WorkspaceController() = default;

bool WorkspaceController::open(const QString& pathOrUrl, QString* error)
{
    auto workspace = std::make_shared<Workspace>();
    if (!workspace->open(pathOrUrl, error))
        return false;
    adopt(std::move(workspace));
    return true;
}

void WorkspaceController::openInBackground(
    const QString& pathOrUrl, std::function<void(bool ok, const QString& error)> done)
{
    m_openRunner.discardAll();
    const bool wasOpening = isOpening();
    m_openTask = m_openRunner.start(
        [pathOrUrl](TaskContext& context) {
            OpenOutcome outcome;
            auto workspace = std::make_shared<Workspace>();
            workspace->setMigrationProgress([&context](const QString& step, qint64 done, qint64 total) {
                context.progress(int(qMin<qint64>(done, std::numeric_limits<int>::max())),
                    int(qMin<qint64>(total, std::numeric_limits<int>::max())), step);
                return !context.isCancelled();
            });
            const bool opened = workspace->open(pathOrUrl, &outcome.error);
            workspace->setMigrationProgress({}); // it refers to this task's context
            if (opened) {
                // The migration ran on this pool thread's connection; the window's thread opens its own.
                workspace->releaseThreadConnection();
                outcome.workspace = std::move(workspace);
            }
            return outcome;
        },
        [this, done](OpenOutcome outcome) {
            m_openTask = 0;
            Q_EMIT openingChanged(false);
            const bool ok = outcome.workspace != nullptr;
            if (ok)
                adopt(std::move(outcome.workspace));
            if (done)
                done(ok, outcome.error);
        },
        [this, done](const QString& error) {
            m_openTask = 0;
            Q_EMIT openingChanged(false);
            if (done)
                done(false, error);
        });
    if (!wasOpening)
        Q_EMIT openingChanged(true);
}

void WorkspaceController::adopt(std::shared_ptr<Workspace> workspace)
{
    m_runner.discardAll();
    m_workspace = std::move(workspace);
    m_totalJobs = -1;
    m_demoJobs = -1;
    rememberWorkspace(m_workspace->location());
    Q_EMIT workspaceChanged();
    refreshStats();
}

void WorkspaceController::close()
{
    m_runner.discardAll();
    m_workspace.reset();
    m_totalJobs = -1;
    m_demoJobs = -1;
    Q_EMIT workspaceChanged();
}

bool WorkspaceController::isOpen() const
{
    return m_workspace && m_workspace->isOpen();
}

QString WorkspaceController::location() const
{
    return m_workspace ? m_workspace->location() : QString();
}

void WorkspaceController::refreshStats()
{
    if (!isOpen())
        return;
    m_runner.discardAll();
    auto workspace = m_workspace;
    m_runner.start(
        [workspace](TaskContext& context) {
            Stats stats;
            WorkerConnection connection(*workspace);
            const StatementInterrupter interrupter(connection.db(), context.cancelSignal()); // closing stops the scan
            // One pass over jobs; demo jobs are those whose source is marked is_demo.
            QSqlQuery query(connection.db());
            if (!query.exec(
                    QStringLiteral("SELECT COUNT(*), COALESCE(SUM(CASE WHEN s.is_demo <> 0 THEN 1 ELSE 0 END), 0) "
                                   "FROM jobs j LEFT JOIN sources s ON s.id = j.source_id"))
                || !query.next()) {
                stats.error = tr("Cannot count the jobs of the workspace: %1").arg(query.lastError().text());
                return stats;
            }
            stats.total = query.value(0).toLongLong();
            stats.demo = query.value(1).toLongLong();
            return stats;
        },
        [this](const Stats& stats) {
            if (!stats.error.isEmpty()) {
                Q_EMIT statsFailed(stats.error);
                return;
            }
            m_totalJobs = stats.total;
            m_demoJobs = stats.demo;
            Q_EMIT statsChanged(m_totalJobs, m_demoJobs);
        },
        [this](const QString& error) { Q_EMIT statsFailed(error); });
}

QString WorkspaceController::rememberedWorkspace()
{
    return QSettings().value(SettingsKey).toString();
}

void WorkspaceController::rememberWorkspace(const QString& location)
{
    // A PostgreSQL URL may carry a password: never write that to the settings file.
    if (Workspace::isPostgresUrl(location)) {
        const QUrl url(location);
        if (!url.password().isEmpty() || url.query().contains(QLatin1String("password"), Qt::CaseInsensitive))
            return;
    }
    QSettings().setValue(SettingsKey, location);
}

QString WorkspaceController::demoWorkspacePath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(QStringLiteral("demo-workspace.sqlite"));
}

} // namespace dopt
