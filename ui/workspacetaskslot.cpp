#include "workspacetaskslot.h"

#include "store/workspace.h"

namespace dopt {

WorkspaceTaskSlot::WorkspaceTaskSlot(QObject* parent)
    : QObject(parent)
    , m_runner(1)
{
    connect(&m_runner, &TaskRunner::progress, this, [this](quint64 id, int done, int total, const QString& message) {
        if (id == m_task)
            Q_EMIT progress(done, total, message);
    });
}

WorkspaceTaskSlot::~WorkspaceTaskSlot()
{
    m_runner.discardAll();
}

bool WorkspaceTaskSlot::setWorkspace(std::shared_ptr<Workspace> workspace)
{
    const bool discarded = m_task != 0;
    if (discarded) {
        m_runner.discardAll();
        m_task = 0;
    }
    m_workspace = std::move(workspace);
    return discarded;
}

bool WorkspaceTaskSlot::canStart(const QString& busyMessage, QString* error) const
{
    if (!m_workspace || !m_workspace->isOpen()) {
        *error = tr("Open a workspace first");
        return false;
    }
    if (m_task != 0) {
        *error = busyMessage;
        return false;
    }
    return true;
}

void WorkspaceTaskSlot::cancel()
{
    if (m_task != 0)
        m_runner.cancel(m_task);
}

} // namespace dopt
