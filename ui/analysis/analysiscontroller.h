#pragma once

#include "analysis/analysisengine.h"
#include "workspacetaskslot.h"

#include <QObject>
#include <memory>

namespace dopt {

class Workspace;

/// Runs the analysis engine (fingerprints, baselines, detectors and what builds on their findings)
/// over the open workspace on a worker thread, with progress and cancel. A cancelled or failed run
/// leaves the previous results in place: the engine replaces them in one transaction at the end.
class AnalysisController : public QObject
{
    Q_OBJECT
public:
    explicit AnalysisController(QObject* parent = nullptr);
    ~AnalysisController() override;

    void setWorkspace(std::shared_ptr<Workspace> workspace);
    /// False with *error when no workspace is open or a run is already going.
    bool start(QString* error);
    void cancel();
    bool isRunning() const { return m_slot.isRunning(); }

Q_SIGNALS:
    void started();
    void progress(int done, int total, const QString& message);
    void finished(const dopt::AnalysisSummary& summary);
    /// Failed or cancelled; the message says which.
    void failed(const QString& error);

private:
    WorkspaceTaskSlot m_slot;
};

} // namespace dopt
