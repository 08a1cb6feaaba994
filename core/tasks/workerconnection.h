#pragma once

#include <QSqlDatabase>

namespace dopt {

class Workspace;

/// The workspace connection of a pool thread for the length of one task. Pool threads are reused
/// and expire on their own schedule, so a task must not leave its named connection behind: the
/// destructor releases it. Repositories built from db() must be destroyed before this scope ends
/// (declare this first).
class WorkerConnection
{
public:
    explicit WorkerConnection(const Workspace& workspace);
    ~WorkerConnection();
    WorkerConnection(const WorkerConnection&) = delete;
    WorkerConnection& operator=(const WorkerConnection&) = delete;

    QSqlDatabase db() const;

private:
    const Workspace& m_workspace;
};

} // namespace dopt
