#pragma once

#include "analysis/finding.h"
#include "model/job.h"
#include "tasks/taskrunner.h"

#include <QHash>
#include <QWidget>
#include <memory>

class QLabel;
class QTextBrowser;
class QTreeWidget;

namespace dopt {

class Workspace;

/// The findings of the last analysis about the selected job's query shape, beside its profile
/// tree: severity, detector, estimated saving and the operator each one points at. Choosing a
/// finding selects its operator in the tree and shows its evidence and advice. Read on a worker.
class JobFindingsView : public QWidget
{
    Q_OBJECT
public:
    explicit JobFindingsView(QWidget* parent = nullptr);

    void showJob(std::shared_ptr<const Workspace> workspace, const Job& job);
    void clear();
    QTreeWidget* list() const { return m_list; }
    const QVector<Finding>& findings() const { return m_findings; }
    QString statusText() const;
    bool isLoading() const { return m_loadTask != 0; }

Q_SIGNALS:
    void loadFinished(int findingCount);
    /// Operator key → titles of the findings that point at it (for the tree's marks).
    void operatorMarksChanged(const QHash<QString, QStringList>& titlesByOperator);
    /// The user chose a finding that points at this operator.
    void operatorChosen(const QString& key);

private:
    void showDetails(int row);

    QLabel* m_status;
    QTreeWidget* m_list;
    QTextBrowser* m_details;
    QVector<Finding> m_findings;
    quint64 m_loadTask = 0;
    TaskRunner m_runner;
};

} // namespace dopt
