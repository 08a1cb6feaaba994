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
{
    connect(&m_slot, &WorkspaceTaskSlot::progress, this, &ReportExportController::progress);
}

ReportExportController::~ReportExportController() = default;

void ReportExportController::setWorkspace(std::shared_ptr<Workspace> workspace)
{
    if (m_slot.setWorkspace(std::move(workspace)))
        Q_EMIT failed(tr("Report export stopped: another workspace was opened"));
}

bool ReportExportController::start(const QString& pdfPath, const ReportFilter& filter, QString* error)
{
    if (!m_slot.canStart(tr("A report is already being exported"), error))
        return false;
    auto workspace = m_slot.workspace();
    const QLocale locale; // the interface's language, chosen on the GUI thread
    m_slot.start(
        [workspace, pdfPath, filter, locale](TaskContext& context) {
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
            ReportPdfWriter writer(*data, locale);
            outcome.ok = writer.write(pdfPath, &outcome.error);
            outcome.pages = writer.pageCount();
            return outcome;
        },
        [this, pdfPath](const ExportOutcome& outcome) {
            if (outcome.ok)
                Q_EMIT finished(pdfPath, outcome.pages);
            else
                Q_EMIT failed(outcome.error);
        },
        [this](const QString& failure) { Q_EMIT failed(failure); });
    return true;
}

void ReportExportController::cancel()
{
    m_slot.cancel();
}

} // namespace dopt
