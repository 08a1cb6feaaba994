#include "reportexportcontroller.h"

#include "report/reportcollector.h"
#include "reportpdfwriter.h"
#include "store/workspace.h"
#include "tasks/workerconnection.h"

namespace dopt {

namespace {
struct ExportOutcome
{
    bool ok = false;
    int pages = 0;
    QString error;
};
} // namespace

ReportExportController::ReportExportController(QObject* parent)
    : QObject(parent)
    , m_runner(1)
{
    connect(&m_runner, &TaskRunner::progress, this, [this](quint64 id, int done, int total, const QString& message) {
        if (id == m_task)
            Q_EMIT progress(done, total, message);
    });
}

ReportExportController::~ReportExportController()
{
    m_runner.discardAll();
}

void ReportExportController::setWorkspace(std::shared_ptr<Workspace> workspace)
{
    if (m_task != 0) {
        m_runner.discardAll();
        m_task = 0;
        Q_EMIT failed(tr("Report export stopped: another workspace was opened"));
    }
    m_workspace = std::move(workspace);
}

bool ReportExportController::start(const QString& pdfPath, const ReportFilter& filter, QString* error)
{
    if (!m_workspace || !m_workspace->isOpen()) {
        *error = tr("Open a workspace first");
        return false;
    }
    if (m_task != 0) {
        *error = tr("A report is already being exported");
        return false;
    }
    auto workspace = m_workspace;
    m_task = m_runner.start(
        [workspace, pdfPath, filter](TaskContext& context) {
            ExportOutcome outcome;
            std::optional<ReportData> data;
            {
                WorkerConnection connection(*workspace);
                ReportCollector collector(connection.db());
                collector.setWorkspaceLocation(workspace->location());
                data = collector.collect(filter, &context, &outcome.error);
            }
            if (!data)
                return outcome;
            if (context.isCancelled()) {
                outcome.error = tr("Report export cancelled");
                return outcome;
            }
            context.progress(1, 1, tr("Writing %1").arg(pdfPath));
            ReportPdfWriter writer(*data);
            outcome.ok = writer.write(pdfPath, &outcome.error);
            outcome.pages = writer.pageCount();
            return outcome;
        },
        [this, pdfPath](const ExportOutcome& outcome) {
            m_task = 0;
            if (outcome.ok)
                Q_EMIT finished(pdfPath, outcome.pages);
            else
                Q_EMIT failed(outcome.error);
        },
        [this](const QString& failure) {
            m_task = 0;
            Q_EMIT failed(failure);
        });
    return true;
}

void ReportExportController::cancel()
{
    if (m_task != 0)
        m_runner.cancel(m_task);
}

} // namespace dopt
