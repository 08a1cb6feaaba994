#include "analysiscontroller.h"

#include "store/workspace.h"
#include "tasks/workerconnection.h"

namespace dopt {

namespace {
struct RunOutcome
{
    bool ok = false;
    AnalysisSummary summary;
    QString error;
};
} // namespace

AnalysisController::AnalysisController(QObject* parent)
    : QObject(parent)
    , m_runner(1)
{
    connect(&m_runner, &TaskRunner::progress, this, [this](quint64 id, int done, int total, const QString& message) {
        if (id == m_task)
            Q_EMIT progress(done, total, message);
    });
}

AnalysisController::~AnalysisController()
{
    m_runner.discardAll();
}

void AnalysisController::setWorkspace(std::shared_ptr<Workspace> workspace)
{
    if (m_task != 0) {
        m_runner.discardAll(); // the old workspace's results are stale
        m_task = 0;
        Q_EMIT failed(tr("Analysis stopped: another workspace was opened"));
    }
    m_workspace = std::move(workspace);
}

bool AnalysisController::start(QString* error)
{
    if (!m_workspace || !m_workspace->isOpen()) {
        *error = tr("Open a workspace first");
        return false;
    }
    if (m_task != 0) {
        *error = tr("An analysis is already running");
        return false;
    }
    auto workspace = m_workspace;
    m_task = m_runner.start(
        [workspace](TaskContext& context) {
            WorkerConnection connection(*workspace);
            AnalysisEngine engine(*workspace);
            engine.setCancelFlag(context.cancelFlag());
            engine.setProgress(
                [&context](int done, int total, const QString& message) { context.progress(done, total, message); });
            RunOutcome outcome;
            outcome.ok = engine.run(&outcome.summary, &outcome.error);
            return outcome;
        },
        [this](const RunOutcome& outcome) {
            m_task = 0;
            if (outcome.ok)
                Q_EMIT finished(outcome.summary);
            else
                Q_EMIT failed(outcome.error);
        },
        [this](const QString& failure) {
            m_task = 0;
            Q_EMIT failed(failure);
        });
    Q_EMIT started();
    return true;
}

void AnalysisController::cancel()
{
    if (m_task != 0)
        m_runner.cancel(m_task);
}

} // namespace dopt
