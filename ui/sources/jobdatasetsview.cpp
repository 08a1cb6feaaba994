#include "jobdatasetsview.h"

#include "compactpane.h"
#include "displayformat.h"
#include "store/workspace.h"
#include "tasks/workerconnection.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace dopt {

namespace {

struct LoadResult
{
    QVector<DremioCatalogEntry> entries;
    QVector<IcebergPartitionStats> partitions;
    QString error;
};

} // namespace

JobDatasetsView::JobDatasetsView(QWidget* parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_list(new QTreeWidget(this))
    , m_runner(1)
{
    m_status->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("jobDatasetsList"));
    m_list->setMinimumHeight(CompactPaneHeight);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({tr("Dataset"), tr("Type"), tr("Format"), tr("Fields"), tr("Partitions")});
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setStretchLastSection(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addWidget(m_list, 1);
    clear();
}

QString JobDatasetsView::statusText() const
{
    return m_status->text();
}

void JobDatasetsView::clear()
{
    m_runner.discardAll();
    m_loadTask = 0;
    m_list->clear();
    m_status->setText(tr("No job selected."));
}

void JobDatasetsView::showJob(std::shared_ptr<const Workspace> workspace, qint64 jobRowId, const QStringList& datasets)
{
    clear();
    if (!workspace || !workspace->isOpen())
        return;
    if (datasets.isEmpty()) {
        m_status->setText(tr("The job names no dataset."));
        Q_EMIT loadFinished(0);
        return;
    }
    m_status->setText(tr("Reading the datasets…"));
    m_loadTask = m_runner.start(
        [workspace, jobRowId](TaskContext&) {
            LoadResult result;
            WorkerConnection connection(*workspace);
            DremioCatalogRepository catalog(connection.db());
            result.entries = catalog.datasetsOfJob(jobRowId, &result.error);
            if (result.error.isEmpty())
                result.partitions = catalog.partitionStats(-1, &result.error);
            return result;
        },
        [this, datasets](LoadResult result) {
            m_loadTask = 0;
            if (!result.error.isEmpty()) {
                m_status->setText(tr("The datasets could not be read: %1").arg(result.error));
                Q_EMIT loadFinished(0);
                return;
            }
            const QLocale locale;
            int known = 0;
            for (const QString& path : datasets) {
                auto* item = new QTreeWidgetItem(m_list);
                item->setText(0, path);
                item->setToolTip(0, path);
                for (const DremioCatalogEntry& entry : std::as_const(result.entries)) {
                    if (entry.datasetPath != path)
                        continue;
                    ++known;
                    if (entry.status == QLatin1String("gone")) {
                        item->setText(1, tr("gone from the catalog"));
                        break;
                    }
                    item->setText(1, entry.isView() ? tr("view") : tr("table"));
                    item->setText(2, entry.format);
                    item->setText(3, locale.toString(entry.fields.size()));
                    QStringList names;
                    for (const DremioDatasetField& field : entry.fields)
                        names.append(QStringLiteral("%1 %2").arg(field.name, field.type));
                    item->setToolTip(3, names.join(QLatin1Char('\n')));
                    break;
                }
                for (const IcebergPartitionStats& stats : std::as_const(result.partitions)) {
                    if (stats.datasetPath != path)
                        continue;
                    item->setText(4,
                        stats.partitioned() ? tr("%1 by %2")
                                                  .arg(locale.toString(stats.partitionCount),
                                                      stats.partitionColumns.join(QStringLiteral(", ")))
                                            : tr("not partitioned"));
                    item->setToolTip(4,
                        tr("%1 records in %2 files; largest partition %3 with %4 records (%5 the mean)")
                            .arg(locale.toString(stats.recordCount), locale.toString(stats.fileCount),
                                stats.largestPartition, locale.toString(stats.largestPartitionRecords),
                                DisplayFormat::ratio(stats.skew(), 1)));
                    break;
                }
                item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
            }
            m_status->setText(known == 0
                    ? tr("%n dataset(s); no catalog entries collected for them (collect from a live Dremio).", nullptr,
                        int(datasets.size()))
                    : tr("%n dataset(s) read by this job.", nullptr, int(datasets.size())));
            Q_EMIT loadFinished(int(datasets.size()));
        },
        [this](const QString& error) {
            m_loadTask = 0;
            m_status->setText(tr("The datasets could not be read: %1").arg(error));
            Q_EMIT loadFinished(0);
        });
}

} // namespace dopt
