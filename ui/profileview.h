#pragma once

#include "tasks/taskrunner.h"

#include <QWidget>
#include <memory>

class QLabel;
class QSplitter;
class QTreeView;

namespace dopt {

class OperatorDetailView;
class PlanTreeModel;
class Workspace;

/// A job's operator tree with timing, rows, memory and skew, and under it the current operator's
/// plan attributes and metrics. The profile is loaded and parsed on a worker thread; selecting
/// another job meanwhile makes the pending load stale (dropped).
class ProfileView : public QWidget
{
    Q_OBJECT
public:
    explicit ProfileView(QWidget* parent = nullptr);

    /// Loads the profile of job row `jobRowId` in the background.
    void showJob(std::shared_ptr<const Workspace> workspace, qint64 jobRowId);
    void clear();
    PlanTreeModel* model() const { return m_model; }
    QTreeView* view() const { return m_view; }
    /// The pane under the tree that details the current operator.
    OperatorDetailView* detailView() const { return m_detail; }
    bool isLoading() const { return m_loadTask != 0; }
    QString statusText() const;
    /// Selects and scrolls to the operator with this key; false when the tree has no such node.
    bool selectOperator(const QString& key);

Q_SIGNALS:
    /// The load for the current job ended: with a tree, without a profile, or with an error.
    void loadFinished(bool hasTree);

private:
    void setStatus(const QString& text);
    void showCurrentOperator();

    QLabel* m_status;
    QTreeView* m_view;
    PlanTreeModel* m_model;
    OperatorDetailView* m_detail;
    quint64 m_loadTask = 0;
    TaskRunner m_runner;
};

} // namespace dopt
