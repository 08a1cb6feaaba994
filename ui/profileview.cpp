#include "profileview.h"

#include "compactpane.h"
#include "operatordetailview.h"
#include "percentbardelegate.h"
#include "plantreemodel.h"
#include "store/profilerepository.h"
#include "store/workspace.h"
#include "tasks/workerconnection.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace dopt {

namespace {
struct LoadResult
{
    bool found = false;
    PlanTree tree;
    QString engineVersion;
    QString error;
};
} // namespace

ProfileView::ProfileView(QWidget* parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_view(new QTreeView(this))
    , m_model(new PlanTreeModel(this))
    , m_detail(new OperatorDetailView(this))
    , m_runner(1)
{
    m_view->setModel(m_model);
    m_detail->setMinimumHeight(CompactPaneHeight);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &ProfileView::showCurrentOperator);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ProfileView::showCurrentOperator);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setItemDelegateForColumn(
        PlanTreeModel::TimeShareColumn, new PercentBarDelegate(PlanTreeModel::FractionRole, m_view));
    QHeaderView* header = m_view->header();
    header->setStretchLastSection(false);
    const QFontMetrics metrics(header->font());
    for (int column = 0; column < PlanTreeModel::ColumnCount; ++column) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        header->resizeSection(column, qMax(70, metrics.horizontalAdvance(title) + 20));
    }
    header->resizeSection(PlanTreeModel::OperatorColumn, metrics.averageCharWidth() * 46);
    m_view->setIndentation(metrics.averageCharWidth() * 2); // deep plans stay readable
    header->resizeSection(PlanTreeModel::DetailColumn, metrics.averageCharWidth() * 22);
    header->resizeSection(PlanTreeModel::TimeShareColumn, metrics.averageCharWidth() * 14);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);
    setStatus(tr("Select a job to see its profile."));
}

QString ProfileView::statusText() const
{
    return m_status->text();
}

void ProfileView::setStatus(const QString& text)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

void ProfileView::clear()
{
    m_runner.discardAll();
    m_loadTask = 0;
    m_model->clear();
    setStatus(tr("Select a job to see its profile."));
}

void ProfileView::showJob(std::shared_ptr<const Workspace> workspace, qint64 jobRowId)
{
    m_runner.discardAll();
    m_model->clear();
    if (!workspace || !workspace->isOpen()) {
        m_loadTask = 0;
        setStatus(tr("No workspace is open."));
        return;
    }
    setStatus(tr("Loading the profile…"));
    m_loadTask = m_runner.start(
        [workspace, jobRowId](TaskContext&) {
            LoadResult result;
            WorkerConnection connection(*workspace);
            ProfileRepository repository(connection.db());
            std::optional<ParsedProfile> profile = repository.loadForJob(jobRowId, &result.error);
            if (profile) {
                result.found = true;
                result.tree = std::move(profile->tree);
                result.engineVersion = profile->engineVersion;
            }
            return result;
        },
        [this](LoadResult result) {
            m_loadTask = 0;
            if (!result.error.isEmpty()) {
                setStatus(tr("The profile could not be loaded: %1").arg(result.error));
            } else if (!result.found) {
                setStatus(tr("No profile stored for this job (import the profile JSON or ZIP to see its operators)."));
            } else {
                m_model->setTree(result.tree);
                m_view->expandAll();
                int skewed = 0;
                for (const PlanNode& node : std::as_const(result.tree.nodes))
                    skewed += node.skewed ? 1 : 0;
                QStringList notes;
                notes << tr("operators: %1").arg(result.tree.size());
                if (!result.engineVersion.isEmpty())
                    notes << tr("Dremio %1").arg(result.engineVersion);
                if (skewed > 0)
                    notes << tr("skewed operators (marked ⚠): %1").arg(skewed);
                if (!result.tree.warnings.isEmpty())
                    notes << tr("parser warnings: %1 (first: %2)")
                                 .arg(result.tree.warnings.size())
                                 .arg(result.tree.warnings.first());
                setStatus(notes.join(QStringLiteral(" · ")));
            }
            Q_EMIT loadFinished(result.found && result.error.isEmpty());
        },
        [this](const QString& error) {
            m_loadTask = 0;
            setStatus(tr("The profile could not be loaded: %1").arg(error));
            Q_EMIT loadFinished(false);
        });
}

void ProfileView::showCurrentOperator()
{
    const QModelIndex current = m_view->currentIndex();
    const int node = current.isValid() ? current.data(PlanTreeModel::NodeIndexRole).toInt() : -1;
    if (node >= 0 && node < m_model->tree().nodes.size())
        m_detail->showNode(m_model->tree().nodes.at(node));
    else
        m_detail->showNothing();
}

bool ProfileView::selectOperator(const QString& key)
{
    const int node = m_model->nodeForKey(key);
    if (node < 0)
        return false;
    const QModelIndex index = m_model->indexForNode(node);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

} // namespace dopt
