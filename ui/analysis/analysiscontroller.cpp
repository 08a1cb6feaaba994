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
{
    connect(&m_slot, &WorkspaceTaskSlot::progress, this, &AnalysisController::progress);
}

AnalysisController::~AnalysisController() = default;

void AnalysisController::setWorkspace(std::shared_ptr<Workspace> workspace)
{
    if (m_slot.setWorkspace(std::move(workspace)))
        Q_EMIT failed(tr("Analysis stopped: another workspace was opened"));
}

bool AnalysisController::start(QString* error)
{
    if (!m_slot.canStart(tr("An analysis is already running"), error))
        return false;
    auto workspace = m_slot.workspace();
    m_slot.start(
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
            if (outcome.ok)
                Q_EMIT finished(outcome.summary);
            else
                Q_EMIT failed(outcome.error);
        },
        [this](const QString& failure) { Q_EMIT failed(failure); });
    Q_EMIT started();
    return true;
}

void AnalysisController::cancel()
{
    m_slot.cancel();
}

} // namespace dopt
