#pragma once

#include "report/reportdata.h"
#include "workspacetaskslot.h"

#include <QObject>
#include <memory>

namespace dopt {

class Workspace;

/// File → Export Report: reads the report data on a worker thread (its own workspace connection)
/// and writes the PDF there too, with progress and cancel; the GUI thread only gets the outcome.
class ReportExportController : public QObject
{
    Q_OBJECT
public:
    explicit ReportExportController(QObject* parent = nullptr);
    ~ReportExportController() override;

    void setWorkspace(std::shared_ptr<Workspace> workspace);
    /// False with *error when no workspace is open or an export is already running.
    bool start(const QString& pdfPath, const ReportFilter& filter, QString* error);
    void cancel();
    bool isRunning() const { return m_slot.isRunning(); }

Q_SIGNALS:
    void progress(int done, int total, const QString& message);
    void finished(const QString& pdfPath, int pages);
    /// Failed or cancelled; the message says which.
    void failed(const QString& error);

private:
    WorkspaceTaskSlot m_slot;
};

} // namespace dopt
