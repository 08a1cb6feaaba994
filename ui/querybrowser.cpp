#include "querybrowser.h"

#include "columnchooser.h"
#include "jobfilterbar.h"
#include "jobtablemodel.h"

#include <QHeaderView>
#include <QMenu>
#include <QTableView>
#include <QVBoxLayout>

namespace dopt {

QueryBrowser::QueryBrowser(QWidget* parent)
    : QWidget(parent)
    , m_filterBar(new JobFilterBar(this))
    , m_view(new QTableView(this))
    , m_model(new JobTableModel(this))
{
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->verticalHeader()->hide();
    // Fixed row heights: the view never measures a million rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);

    QHeaderView* header = m_view->horizontalHeader();
    header->setSectionsMovable(true);
    header->setStretchLastSection(true);
    header->setHighlightSections(false);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    const int charWidth = m_view->fontMetrics().averageCharWidth();
    const struct
    {
        int column;
        int chars;
    } widths[] = {
        {JobTableModel::JobIdColumn, 38},
        {JobTableModel::SubmittedColumn, 20},
        {JobTableModel::UserColumn, 14},
        {JobTableModel::StateColumn, 12},
        {JobTableModel::DurationColumn, 12},
        {JobTableModel::RowsScannedColumn, 11},
        {JobTableModel::BytesScannedColumn, 12},
        {JobTableModel::RowsReturnedColumn, 11},
        {JobTableModel::AcceleratedColumn, 5},
        {JobTableModel::QueueColumn, 12},
        {JobTableModel::PredictedColumn, 12},
        {JobTableModel::IntervalColumn, 22},
        {JobTableModel::RatioColumn, 8},
    };
    const QFontMetrics headerMetrics(header->font());
    for (const auto& w : widths) {
        // Wide enough for the header text and its sort arrow, whichever is larger.
        const QString title = m_model->headerData(w.column, Qt::Horizontal).toString();
        header->resizeSection(w.column, qMax(w.chars * charWidth + 16, headerMetrics.horizontalAdvance(title) + 28));
    }
    // Optional: the run-time model's columns appear through the column chooser.
    for (int column : {JobTableModel::PredictedColumn, JobTableModel::IntervalColumn, JobTableModel::RatioColumn})
        header->setSectionHidden(column, true);
    header->setSortIndicator(JobTableModel::SubmittedColumn, Qt::DescendingOrder);
    m_view->setSortingEnabled(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_view, 1);

    connect(header, &QHeaderView::customContextMenuRequested, this,
        [this, header](const QPoint& position) { showColumnChooser(header->mapToGlobal(position)); });
    connect(m_filterBar, &JobFilterBar::filterChanged, m_model, &JobTableModel::setFilter);
    connect(
        m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &QueryBrowser::onCurrentRowChanged);
    connect(m_model, &JobTableModel::pageLoaded, this, [this](int page) {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid() && current.row() / JobTableModel::PageSize == page)
            onCurrentRowChanged();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &QueryBrowser::onCurrentRowChanged);
}

void QueryBrowser::setWorkspace(std::shared_ptr<const Workspace> workspace)
{
    m_model->setWorkspace(std::move(workspace));
}

void QueryBrowser::refresh()
{
    m_model->refresh();
}

std::optional<JobRow> QueryBrowser::currentJob() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? m_model->jobAt(current.row()) : std::nullopt;
}

void QueryBrowser::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    m_view->selectRow(row);
    m_view->scrollTo(m_model->index(row, 0));
}

void QueryBrowser::showColumnChooser(const QPoint& globalPosition)
{
    QMenu menu(this);
    ColumnChooser::populate(&menu, m_view->horizontalHeader());
    menu.exec(globalPosition);
}

void QueryBrowser::onCurrentRowChanged()
{
    const std::optional<JobRow> job = currentJob();
    if (!job) {
        // Either nothing is selected or the row is still a placeholder: pageLoaded() calls again.
        if (!m_view->currentIndex().isValid() && m_shownRowId != -1) {
            m_shownRowId = -1;
            Q_EMIT currentJobCleared();
        }
        return;
    }
    if (job->rowId == m_shownRowId)
        return;
    m_shownRowId = job->rowId;
    Q_EMIT currentJobChanged(*job);
}

QByteArray QueryBrowser::saveState() const
{
    return m_view->horizontalHeader()->saveState();
}

void QueryBrowser::restoreState(const QByteArray& state)
{
    if (!state.isEmpty())
        m_view->horizontalHeader()->restoreState(state);
}

} // namespace dopt
