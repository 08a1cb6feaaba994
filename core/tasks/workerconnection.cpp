#include "workerconnection.h"

#include "store/workspace.h"

namespace dopt {

WorkerConnection::WorkerConnection(const Workspace& workspace)
    : m_workspace(workspace)
{ }

WorkerConnection::~WorkerConnection()
{
    m_workspace.releaseThreadConnection();
}

QSqlDatabase WorkerConnection::db() const
{
    return m_workspace.database();
}

} // namespace dopt
