#include "profileview.h"

#include "columnchooser.h"
#include "compactpane.h"
#include "operatordetailview.h"
#include "percentbardelegate.h"
#include "plantreemodel.h"
#include "store/profilerepository.h"
#include "store/workspace.h"
#include "tasks/workerconnection.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QSettings>
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

const QString ColumnsKey = QStringLiteral("profileView/columns");

// Stable names of PlanTreeModel's columns in the settings (the enum order may change).
const char* const ColumnNames[PlanTreeModel::ColumnCount] = {
    "operator",
    "detail",
    "threads",
    "inputRows",
    "outputRows",
    "estimatedRows",
    "processTime",
    "waitTime",
    "peakMemory",
    "spilled",
    "timeShare",
};

int columnForName(const QString& name)
{
    for (int column = 0; column < PlanTreeModel::ColumnCount; ++column)
        if (name == QLatin1String(ColumnNames[column]))
            return column;
    return -1;
}
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
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    const QFontMetrics metrics(header->font());
    // Numbers size to their (short) header or their widest value; the operator column takes the
    // rest (fitOperatorColumn), so the shown columns fit the viewport without scrolling.
    for (int column = PlanTreeModel::ThreadsColumn; column <= PlanTreeModel::SpilledColumn; ++column)
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_view->setIndentation(metrics.averageCharWidth() * 2); // deep plans stay readable
    header->resizeSection(PlanTreeModel::DetailColumn, metrics.averageCharWidth() * 22);
    const QString share = m_model->headerData(PlanTreeModel::TimeShareColumn, Qt::Horizontal).toString();
    header->resizeSection(PlanTreeModel::TimeShareColumn,
        qMax(metrics.averageCharWidth() * 14, metrics.horizontalAdvance(share) + 2 * metrics.averageCharWidth()));
    QList<int> shown;
    const QVariant stored = QSettings().value(ColumnsKey);
    for (const QString& name : stored.toStringList())
        if (const int column = columnForName(name); column >= 0)
            shown << column;
    showColumns(stored.isValid() ? shown : defaultColumns());
    connect(header, &QHeaderView::customContextMenuRequested, this, [this, header](const QPoint& position) {
        QMenu menu(this);
        populateColumnMenu(&menu);
        menu.exec(header->mapToGlobal(position));
    });
    connect(header, &QHeaderView::sectionResized, this, [this](int logical) {
        if (logical != PlanTreeModel::OperatorColumn)
            fitOperatorColumn();
    });
    m_view->viewport()->installEventFilter(this);
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

QList<int> ProfileView::defaultColumns()
{
    return {PlanTreeModel::OperatorColumn, PlanTreeModel::OutputRowsColumn, PlanTreeModel::ProcessTimeColumn,
        PlanTreeModel::PeakMemoryColumn, PlanTreeModel::TimeShareColumn};
}

void ProfileView::showColumns(const QList<int>& columns)
{
    QHeaderView* header = m_view->header();
    for (int column = 0; column < PlanTreeModel::ColumnCount; ++column)
        header->setSectionHidden(column, column != PlanTreeModel::OperatorColumn && !columns.contains(column));
    fitOperatorColumn();
}

void ProfileView::storeColumns() const
{
    QStringList names;
    for (int column = 0; column < PlanTreeModel::ColumnCount; ++column)
        if (!m_view->header()->isSectionHidden(column))
            names << QLatin1String(ColumnNames[column]);
    QSettings().setValue(ColumnsKey, names);
}

void ProfileView::resetColumns()
{
    QSettings().remove(ColumnsKey);
    showColumns(defaultColumns());
}

void ProfileView::populateColumnMenu(QMenu* menu)
{
    ColumnChooser::populate(menu, m_view->header(), PlanTreeModel::OperatorColumn);
    const auto changed = [this] {
        storeColumns();
        fitOperatorColumn();
    };
    // Connected after the chooser's own handlers: the header has changed when these run.
    for (QAction* action : menu->actions()) {
        if (action->isCheckable())
            connect(action, &QAction::toggled, this, changed);
        else if (!action->isSeparator())
            connect(action, &QAction::triggered, this, changed);
    }
    menu->addAction(tr("Reset columns"), this, &ProfileView::resetColumns);
}

void ProfileView::fitOperatorColumn()
{
    if (m_fitting)
        return;
    m_fitting = true;
    QHeaderView* header = m_view->header();
    const int others = header->length() - header->sectionSize(PlanTreeModel::OperatorColumn);
    const int minimum = header->fontMetrics().averageCharWidth() * 24;
    header->resizeSection(PlanTreeModel::OperatorColumn, qMax(minimum, m_view->viewport()->width() - others));
    m_fitting = false;
}

bool ProfileView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        fitOperatorColumn();
    return QWidget::eventFilter(watched, event);
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
