#pragma once

#include "tasks/taskrunner.h"

#include <QWidget>
#include <memory>

class QLabel;
class QMenu;
class QSplitter;
class QTreeView;

namespace dopt {

class OperatorDetailView;
class PlanTreeModel;
class Workspace;

/// A job's operator tree with timing, rows, memory and skew, and under it the current operator's
/// plan attributes and metrics. The profile is loaded and parsed on a worker thread; selecting
/// another job meanwhile makes the pending load stale (dropped).
///
/// The tree shows the essential columns by default (operator, rows out, process time, peak memory,
/// share of time) so that it fits beside the SQL in a 1280×800 window; the header's context menu
/// shows or hides the others, remembered in QSettings (profileView/columns), and resets them.
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

    /// Fills `menu` as the header's context menu does: one checkable entry per column (the operator
    /// column stays), "Show all columns" and "Reset columns". Choices are stored at once.
    void populateColumnMenu(QMenu* menu);
    /// Back to the default columns; forgets the stored choice.
    void resetColumns();
    /// The columns shown when nothing is stored.
    static QList<int> defaultColumns();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

Q_SIGNALS:
    /// The load for the current job ended: with a tree, without a profile, or with an error.
    void loadFinished(bool hasTree);

private:
    void setStatus(const QString& text);
    void showCurrentOperator();
    void showColumns(const QList<int>& columns);
    void storeColumns() const;
    /// The operator column takes the width the other shown columns leave, at least a minimum.
    void fitOperatorColumn();

    QLabel* m_status;
    QTreeView* m_view;
    PlanTreeModel* m_model;
    OperatorDetailView* m_detail;
    quint64 m_loadTask = 0;
    bool m_fitting = false;
    TaskRunner m_runner;
};

} // namespace dopt
