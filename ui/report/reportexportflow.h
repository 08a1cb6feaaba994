#pragma once

#include "report/reportdata.h"

#include <QObject>
#include <QPointer>
#include <functional>
#include <memory>

class QAction;
class QProgressDialog;
class QWidget;

namespace dopt {

class ReportExportController;
class Workspace;

/// The File → Export Report… action of a window: asks for the PDF file, runs the export in the
/// background behind a progress dialog with Cancel, and reports the outcome. The main window only
/// adds the action to its menu and passes the workspace on.
class ReportExportFlow : public QObject
{
    Q_OBJECT
public:
    explicit ReportExportFlow(QWidget* window);

    QAction* action() const { return m_action; }
    ReportExportController* controller() const { return m_controller; }
    void setWorkspace(std::shared_ptr<Workspace> workspace);
    /// Where the time range of an export comes from (the dashboard's choice); all jobs without it.
    void setFilterSource(std::function<ReportFilter()> source) { m_filterSource = std::move(source); }
    /// Exports to pdfPath without asking (tests, scripting); false with *error when it cannot start.
    bool exportTo(const QString& pdfPath, QString* error);

Q_SIGNALS:
    /// One line for the status bar.
    void message(const QString& text);

private:
    void chooseFileAndExport();
    void closeProgress();

    QWidget* m_window;
    QAction* m_action;
    ReportExportController* m_controller;
    QPointer<QProgressDialog> m_progress;
    std::function<ReportFilter()> m_filterSource;
    bool m_hasWorkspace = false;
};

} // namespace dopt
