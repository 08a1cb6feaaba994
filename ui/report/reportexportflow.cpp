#include "reportexportflow.h"

#include "actionicons.h"
#include "reportexportcontroller.h"
#include "store/workspace.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSettings>

namespace dopt {

namespace {
const QString LastDirectoryKey = QStringLiteral("report/lastDirectory");
}

ReportExportFlow::ReportExportFlow(QWidget* window)
    : QObject(window)
    , m_window(window)
    , m_action(new QAction(tr("E&xport Report…"), this))
    , m_controller(new ReportExportController(this))
{
    m_action->setObjectName(QStringLiteral("exportReportAction"));
    m_action->setShortcut(QKeySequence::Print); // the report is what one prints
    m_action->setIcon(ActionIcons::icon(QStringLiteral("export-report")));
    m_action->setToolTip(tr("Write a PDF report of the workspace: summary, regressions, workload, recommendations"));
    m_action->setEnabled(false);
    connect(m_action, &QAction::triggered, this, &ReportExportFlow::chooseFileAndExport);
    connect(m_controller, &ReportExportController::progress, this, [this](int done, int total, const QString& text) {
        if (!m_progress)
            return;
        m_progress->setMaximum(total);
        m_progress->setValue(done);
        m_progress->setLabelText(text);
    });
    connect(m_controller, &ReportExportController::finished, this, [this](const QString& path, int pages) {
        closeProgress();
        m_action->setEnabled(m_hasWorkspace);
        Q_EMIT message(tr("Report written: %1 (%n page(s))", nullptr, pages).arg(QDir::toNativeSeparators(path)));
    });
    connect(m_controller, &ReportExportController::failed, this, [this](const QString& error) {
        closeProgress();
        m_action->setEnabled(m_hasWorkspace);
        Q_EMIT message(tr("Report not written: %1").arg(error));
    });
}

void ReportExportFlow::setWorkspace(std::shared_ptr<Workspace> workspace)
{
    m_hasWorkspace = workspace && workspace->isOpen();
    m_controller->setWorkspace(std::move(workspace));
    m_action->setEnabled(m_hasWorkspace && !m_controller->isRunning());
}

bool ReportExportFlow::exportTo(const QString& pdfPath, QString* error)
{
    if (!m_controller->start(pdfPath, m_filterSource ? m_filterSource() : ReportFilter {}, error))
        return false;
    m_action->setEnabled(false);
    m_progress = new QProgressDialog(tr("Reading the workspace…"), tr("Cancel"), 0, 0, m_window);
    m_progress->setWindowTitle(tr("Export Report"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(300);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    connect(m_progress, &QProgressDialog::canceled, m_controller, &ReportExportController::cancel);
    return true;
}

void ReportExportFlow::chooseFileAndExport()
{
    QSettings settings;
    const QString directory = settings.value(LastDirectoryKey, QDir::homePath()).toString();
    QString path = QFileDialog::getSaveFileName(m_window, tr("Export Report"),
        directory + QStringLiteral("/dremio-optimizer-report.pdf"), tr("PDF documents (*.pdf)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".pdf");
    settings.setValue(LastDirectoryKey, QFileInfo(path).absolutePath());
    QString error;
    if (!exportTo(path, &error))
        QMessageBox::warning(m_window, tr("Export Report"), error);
}

void ReportExportFlow::closeProgress()
{
    if (m_progress) {
        m_progress->disconnect(this);
        m_progress->close();
        m_progress->deleteLater();
    }
}

} // namespace dopt
