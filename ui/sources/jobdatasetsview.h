#pragma once

#include "sources/dremio/dremiocatalogrepository.h"
#include "tasks/taskrunner.h"

#include <QWidget>
#include <memory>

class QLabel;
class QTreeWidget;

namespace dopt {

class Workspace;

/// The datasets the selected job read, with what the collector learnt about each from the catalog
/// (table or view, format, field count, gone from the server) and, for Iceberg tables, their
/// partitioning. Read on a worker.
class JobDatasetsView : public QWidget
{
    Q_OBJECT
public:
    explicit JobDatasetsView(QWidget* parent = nullptr);

    void showJob(std::shared_ptr<const Workspace> workspace, qint64 jobRowId, const QStringList& datasets);
    void clear();
    QTreeWidget* list() const { return m_list; }
    QString statusText() const;
    bool isLoading() const { return m_loadTask != 0; }

Q_SIGNALS:
    void loadFinished(int datasetCount);

private:
    QLabel* m_status;
    QTreeWidget* m_list;
    quint64 m_loadTask = 0;
    TaskRunner m_runner;
};

} // namespace dopt
