#include "jobtablemodel.h"

#include "coretexts.h"
#include "displayformat.h"
#include "store/statementinterrupter.h"
#include "store/workspace.h"
#include "tasks/workerconnection.h"
#include "themecolors.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <cmath>

namespace dopt {

namespace {
const QString Placeholder = QStringLiteral("…");

struct PageResult
{
    QVector<JobRow> rows;
    QString error;
};

struct CountResult
{
    qint64 count = 0;
    bool cancelled = false; // stopped by the interrupter: the query was superseded
    QString error;
};

template <typename T> QString optionalTip(const std::optional<T>& value, QString (*format)(T))
{
    return value ? format(*value) : QString();
}
} // namespace

JobTableModel::JobTableModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_pages(MaxCachedPages)
    , m_runner(2)
{ }

JobTableModel::~JobTableModel() = default;

void JobTableModel::setWorkspace(std::shared_ptr<const Workspace> workspace)
{
    m_workspace = std::move(workspace);
    restart(false);
}

void JobTableModel::setQuery(const JobQuery& query)
{
    m_query = query;
    restart(false);
}

void JobTableModel::setFilter(const QString& text, const QString& state)
{
    if (text == m_query.text && state == m_query.state)
        return;
    m_query.text = text;
    m_query.state = state;
    restart(false);
}

void JobTableModel::refresh()
{
    restart(true);
}

void JobTableModel::restart(bool keepRows)
{
    // Everything in flight answers an old question: drop it. The count is only cancelled, so its
    // outcome (stopped or finished) can still be reported; its rows are never applied.
    ++m_queryGeneration;
    if (m_countTask != 0)
        m_runner.cancel(m_countTask);
    for (auto it = m_inFlight.cbegin(); it != m_inFlight.cend(); ++it)
        m_runner.discard(it.key());
    m_countTask = 0;
    m_countIsLowerBound = false;
    m_inFlight.clear();
    m_queued.clear();
    m_failedPages.clear();
    m_pumpScheduled = false;
    m_firstPageReady = false;
    if (keepRows) {
        m_pages.clear();
        if (m_rowCount > 0)
            Q_EMIT dataChanged(index(0, 0), index(m_rowCount - 1, ColumnCount - 1));
    } else {
        beginResetModel();
        m_pages.clear();
        m_rowCount = 0;
        endResetModel();
    }
    // Bounded first: it stops after m_countBound matches, so it arrives with the first page even
    // when a common text matches a large share of a million jobs; only a count that reached the
    // bound is followed by the exact one.
    startCount(m_countBound);
    startFirstPage();
}

void JobTableModel::startFirstPage()
{
    if (!m_workspace || !m_workspace->isOpen())
        return;
    auto workspace = m_workspace;
    const JobQuery query = m_query;
    const quint64 id = m_runner.start(
        [workspace, query](TaskContext& context) {
            WorkerConnection connection(*workspace);
            const StatementInterrupter interrupter(connection.db(), context.cancelSignal());
            JobRepository repository(connection.db());
            PageResult result;
            result.rows = repository.page(query, 0, PageSize);
            result.error = repository.lastError();
            return result;
        },
        [this](PageResult result) {
            forgetInFlight(0);
            if (!result.error.isEmpty()) {
                m_failedPages.insert(0);
                Q_EMIT loadFailed(result.error);
                return;
            }
            applyPage(0, result.rows); // shown even while the count is still running
            pumpRequests();
        },
        [this](const QString& error) {
            m_failedPages.insert(0);
            forgetInFlight(0);
            Q_EMIT loadFailed(error);
        });
    m_inFlight.insert(id, 0);
}

void JobTableModel::startCount(std::optional<qint64> bound)
{
    if (!m_workspace || !m_workspace->isOpen()) {
        applyCount(0, true);
        return;
    }
    auto workspace = m_workspace;
    const JobQuery query = m_query;
    // A filter typed meanwhile or a closed workspace cancels the task: the interrupter then stops
    // the count at once instead of letting a full scan hold the worker.
    m_countTask = m_runner.start(
        [workspace, query, bound](TaskContext& context) {
            WorkerConnection connection(*workspace);
            const StatementInterrupter interrupter(connection.db(), context.cancelSignal());
            CountResult result;
            JobRepository repository(connection.db());
            result.count = bound ? repository.countUpTo(query, *bound) : repository.count(query);
            result.cancelled = repository.wasCancelled();
            if (result.count < 0)
                result.error = repository.lastError();
            return result;
        },
        [this, bound, text = query.text, generation = m_queryGeneration](CountResult result) {
            if (generation != m_queryGeneration) {
                if (result.cancelled)
                    Q_EMIT staleCountCancelled(text);
                return;
            }
            m_countTask = 0;
            if (!result.error.isEmpty()) {
                Q_EMIT loadFailed(result.error);
                // After a bounded count the rows already shown stay: they are the best we know.
                applyCount(bound ? 0 : m_rowCount, true);
                return;
            }
            const bool exact = !bound || result.count < *bound;
            applyCount(result.count, exact);
            if (!exact)
                startCount(std::nullopt); // the exact count, after the first page and the bound
        },
        [this, generation = m_queryGeneration](const QString& error) {
            if (generation != m_queryGeneration)
                return;
            m_countTask = 0;
            m_countIsLowerBound = false;
            Q_EMIT loadFailed(error);
        });
}

void JobTableModel::applyCount(qint64 count, bool exact)
{
    m_countIsLowerBound = !exact;
    const int rows = int(qBound<qint64>(0, count, qint64(std::numeric_limits<int>::max())));
    if (rows > m_rowCount) {
        extendRowsTo(rows);
    } else if (rows < m_rowCount && exact) { // a lower bound never hides rows pages already showed
        beginRemoveRows(QModelIndex(), rows, m_rowCount - 1);
        m_rowCount = rows;
        endRemoveRows();
    }
    Q_EMIT countChanged(exact ? count : qMax<qint64>(count, m_rowCount), exact);
    if (m_rowCount == 0)
        markFirstPageReady();
    else if (m_pages.contains(0))
        markFirstPageReady();
    else
        requestPage(0);
}

void JobTableModel::extendRowsTo(int rows)
{
    if (rows <= m_rowCount)
        return;
    beginInsertRows(QModelIndex(), m_rowCount, rows - 1);
    m_rowCount = rows;
    endInsertRows();
}

void JobTableModel::markFirstPageReady()
{
    if (m_firstPageReady)
        return;
    m_firstPageReady = true;
    Q_EMIT firstPageReady();
}

void JobTableModel::requestPage(int page) const
{
    if (m_pages.contains(page) || m_failedPages.contains(page))
        return;
    for (int inFlight : m_inFlight)
        if (inFlight == page)
            return;
    m_queued.removeAll(page);
    m_queued.append(page);
    while (m_queued.size() > MaxQueuedPages)
        m_queued.removeFirst();
    // Pumped from the event loop, so one paint pass queues all its pages before any is started and
    // the most recently wanted ones go first.
    if (m_pumpScheduled)
        return;
    m_pumpScheduled = true;
    QMetaObject::invokeMethod(const_cast<JobTableModel*>(this), &JobTableModel::pumpRequests, Qt::QueuedConnection);
}

void JobTableModel::pumpRequests()
{
    m_pumpScheduled = false;
    if (!m_workspace || !m_workspace->isOpen())
        return;
    while (m_inFlight.size() < MaxPagesInFlight && !m_queued.isEmpty()) {
        const int page = m_queued.takeLast();
        // Past the end only the page fetchMore() asked for, while the count is a lower bound.
        const bool pastEnd = qint64(page) * PageSize >= m_rowCount;
        if (m_pages.contains(page) || (pastEnd && !(m_countIsLowerBound && page == nextPageToFetch())))
            continue;
        auto workspace = m_workspace;
        const JobQuery query = m_query;
        // Scrolling down reads page after page: continue from the previous page's last row (keyset
        // paging, cost independent of the depth); a jump falls back to OFFSET.
        std::optional<JobCursor> cursor;
        if (const Page* previous = page > 0 ? m_pages.object(page - 1) : nullptr;
            previous && previous->size() == PageSize)
            cursor = JobRepository::cursorOf(previous->last(), query.sortColumn);
        const quint64 id = m_runner.start(
            [workspace, query, page, cursor](TaskContext& context) {
                PageResult result;
                if (context.isCancelled())
                    return result;
                WorkerConnection connection(*workspace);
                const StatementInterrupter interrupter(connection.db(), context.cancelSignal());
                JobRepository repository(connection.db());
                result.rows = cursor ? repository.pageAfter(query, *cursor, PageSize)
                                     : repository.page(query, qint64(page) * PageSize, PageSize);
                result.error = repository.lastError();
                return result;
            },
            [this, page](PageResult result) {
                forgetInFlight(page);
                if (!result.error.isEmpty()) {
                    m_failedPages.insert(page);
                    Q_EMIT loadFailed(result.error);
                } else {
                    applyPage(page, result.rows);
                }
                pumpRequests();
            },
            [this, page](const QString& error) {
                m_failedPages.insert(page);
                forgetInFlight(page);
                Q_EMIT loadFailed(error);
                pumpRequests();
            });
        m_inFlight.insert(id, page);
    }
}

void JobTableModel::applyPage(int page, const Page& rows)
{
    // A short page (jobs deleted since the count) is cached as is: the missing rows stay empty
    // instead of being requested again and again.
    m_pages.insert(page, new Page(rows));
    const int first = page * PageSize;
    if (m_countTask != 0 || m_countIsLowerBound) // the count does not cover these rows yet
        extendRowsTo(first + int(rows.size()));
    const int last = qMin(m_rowCount, first + PageSize) - 1;
    if (last >= first)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    Q_EMIT pageLoaded(page);
    if (page == 0)
        markFirstPageReady();
}

void JobTableModel::forgetInFlight(int page)
{
    for (auto it = m_inFlight.begin(); it != m_inFlight.end(); ++it) {
        if (it.value() == page) {
            m_inFlight.erase(it);
            return;
        }
    }
}

const JobRow* JobTableModel::cachedRow(int row) const
{
    const int page = row / PageSize;
    const Page* rows = m_pages.object(page);
    if (!rows) {
        requestPage(page);
        return nullptr;
    }
    const int offset = row % PageSize;
    return offset < rows->size() ? &rows->at(offset) : nullptr;
}

std::optional<JobRow> JobTableModel::jobAt(int row) const
{
    if (row < 0 || row >= m_rowCount)
        return std::nullopt;
    const JobRow* found = cachedRow(row);
    return found ? std::optional<JobRow>(*found) : std::nullopt;
}

QString JobTableModel::sortColumnName(int column)
{
    switch (column) {
    case JobIdColumn:
        return QStringLiteral("job_id");
    case SubmittedColumn:
        return QStringLiteral("submitted_ms");
    case UserColumn:
        return QStringLiteral("user_name");
    case StateColumn:
        return QStringLiteral("state");
    case DurationColumn:
        return QStringLiteral("duration_ms");
    case RowsScannedColumn:
        return QStringLiteral("rows_scanned");
    case BytesScannedColumn:
        return QStringLiteral("bytes_scanned");
    case RowsReturnedColumn:
        return QStringLiteral("rows_returned");
    case AcceleratedColumn:
        return QStringLiteral("accelerated");
    case QueueColumn:
        return QStringLiteral("queue");
    case SqlColumn:
        return QStringLiteral("sql_text");
    case PredictedColumn:
        return QStringLiteral("predicted_ms");
    case IntervalColumn:
        return QStringLiteral("prediction_interval");
    case RatioColumn:
        return QStringLiteral("actual_to_predicted");
    default:
        return QString();
    }
}

void JobTableModel::sort(int column, Qt::SortOrder order)
{
    const QString name = sortColumnName(column);
    if (name.isEmpty())
        return;
    const bool descending = order == Qt::DescendingOrder;
    if (name == m_query.sortColumn && descending == m_query.descending)
        return;
    m_query.sortColumn = name;
    m_query.descending = descending;
    restart(false);
}

bool JobTableModel::canFetchMore(const QModelIndex& parent) const
{
    if (parent.isValid() || !m_countIsLowerBound)
        return false;
    const int next = nextPageToFetch();
    return !m_pages.contains(next) && !m_failedPages.contains(next);
}

void JobTableModel::fetchMore(const QModelIndex& parent)
{
    if (canFetchMore(parent))
        requestPage(nextPageToFetch());
}

int JobTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int JobTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const int column = index.column();
    if (role == Qt::TextAlignmentRole) {
        switch (column) {
        case DurationColumn:
        case RowsScannedColumn:
        case BytesScannedColumn:
        case RowsReturnedColumn:
        case PredictedColumn:
        case IntervalColumn:
        case RatioColumn:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        case AcceleratedColumn:
            return QVariant::fromValue(Qt::AlignCenter);
        default:
            return QVariant();
        }
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::ForegroundRole && role != RowIdRole
        && role != LoadedRole && role != JobIdRole)
        return QVariant();

    const JobRow* row = cachedRow(index.row());
    if (role == LoadedRole)
        return row != nullptr;
    if (!row) {
        if (role == Qt::DisplayRole)
            return m_failedPages.contains(index.row() / PageSize) ? tr("(failed to load)") : Placeholder;
        return QVariant();
    }
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(*row, column);
    case Qt::ToolTipRole:
        return toolTipValue(*row, column);
    case RowIdRole:
        return row->rowId;
    case JobIdRole:
        return row->job.jobId;
    case Qt::ForegroundRole:
        if (column == StateColumn) {
            if (row->job.state == QLatin1String("FAILED"))
                return QBrush(ThemeColors::readable(QColor(0xc0, 0x1c, 0x28)));
            if (row->job.state == QLatin1String("CANCELED") || row->job.state == QLatin1String("CANCELLED"))
                return QBrush(ThemeColors::readable(QColor(0x80, 0x80, 0x80)));
        }
        return QVariant();
    default:
        return QVariant();
    }
}

QVariant JobTableModel::displayValue(const JobRow& row, int column) const
{
    const Job& job = row.job;
    switch (column) {
    case JobIdColumn:
        return job.attempt > 0 ? QStringLiteral("%1 #%2").arg(job.jobId).arg(job.attempt) : job.jobId;
    case SubmittedColumn:
        return job.submittedMs ? DisplayFormat::timestamp(*job.submittedMs) : QString();
    case UserColumn:
        return job.user;
    case StateColumn:
        return CoreTexts::jobState(job.state);
    case DurationColumn:
        return job.durationMs ? DisplayFormat::duration(*job.durationMs) : QString();
    case RowsScannedColumn:
        return job.rowsScanned ? DisplayFormat::count(*job.rowsScanned) : QString();
    case BytesScannedColumn:
        return job.bytesScanned ? DisplayFormat::bytes(*job.bytesScanned) : QString();
    case RowsReturnedColumn:
        return job.rowsReturned ? DisplayFormat::count(*job.rowsReturned) : QString();
    case AcceleratedColumn:
        return job.accelerated ? QStringLiteral("✓") : QString();
    case QueueColumn:
        return job.queue;
    case SqlColumn:
        return DisplayFormat::firstLine(job.sql);
    case PredictedColumn:
        return row.prediction ? DisplayFormat::duration(row.prediction->predictedMs) : QString();
    case IntervalColumn:
        return row.prediction ? QStringLiteral("%1 – %2").arg(
                   DisplayFormat::duration(row.prediction->lowMs), DisplayFormat::duration(row.prediction->highMs))
                              : QString();
    case RatioColumn:
        if (!row.prediction || !job.durationMs || row.prediction->predictedMs <= 0)
            return QString();
        return DisplayFormat::ratio(*job.durationMs / row.prediction->predictedMs);
    default:
        return QVariant();
    }
}

QVariant JobTableModel::toolTipValue(const JobRow& row, int column) const
{
    const Job& job = row.job;
    switch (column) {
    case JobIdColumn:
        return tr("%1 (%2, attempt %3)").arg(job.jobId, job.engine).arg(job.attempt);
    case SubmittedColumn:
        return optionalTip(job.submittedMs, &DisplayFormat::timestampExact);
    case DurationColumn:
        return optionalTip(job.durationMs, &DisplayFormat::exactDurationMs);
    case RowsScannedColumn:
        return optionalTip(job.rowsScanned, &DisplayFormat::exactCount);
    case BytesScannedColumn:
        return optionalTip(job.bytesScanned, &DisplayFormat::exactBytes);
    case RowsReturnedColumn:
        return optionalTip(job.rowsReturned, &DisplayFormat::exactCount);
    case AcceleratedColumn:
        return job.accelerated ? tr("Accelerated by a reflection") : tr("Not accelerated");
    case StateColumn:
        return job.error.isEmpty() ? CoreTexts::jobState(job.state)
                                   : CoreTexts::jobState(job.state) + QStringLiteral(": ") + job.error;
    case SqlColumn:
        return job.sql.left(2000);
    case PredictedColumn:
    case IntervalColumn:
    case RatioColumn:
        if (!row.prediction)
            return tr("No prediction stored: train a model or use Predict all on the Models page");
        return tr("Predicted %1, 80% interval %2 – %3, by model %4 (%5)")
            .arg(DisplayFormat::milliseconds(row.prediction->predictedMs, 0),
                DisplayFormat::milliseconds(row.prediction->lowMs, 0),
                DisplayFormat::milliseconds(row.prediction->highMs, 0), QString::number(row.prediction->modelId),
                CoreTexts::modelFamily(row.prediction->modelFamily));
    default:
        return displayValue(row, column);
    }
}

QVariant JobTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QVariant();
    if (role == Qt::DisplayRole) {
        static const char* const names[ColumnCount] = {
            QT_TR_NOOP("Job ID"),
            QT_TR_NOOP("Submitted"),
            QT_TR_NOOP("User"),
            QT_TR_NOOP("State"),
            QT_TR_NOOP("Duration"),
            QT_TR_NOOP("Rows scanned"),
            QT_TR_NOOP("Bytes scanned"),
            QT_TR_NOOP("Rows returned"),
            QT_TR_NOOP("Accelerated"),
            QT_TR_NOOP("Queue"),
            QT_TR_NOOP("SQL"),
            QT_TR_NOOP("Predicted"),
            QT_TR_NOOP("Interval"),
            QT_TR_NOOP("Actual/Predicted"),
        };
        return tr(names[section]);
    }
    if (role == Qt::ToolTipRole && section == IntervalColumn)
        return tr("The active model's 80% interval; sorting orders by its width (least certain first when descending)");
    if (role == Qt::TextAlignmentRole
        && ((section >= DurationColumn && section <= RowsReturnedColumn) || section >= PredictedColumn))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return QVariant();
}

} // namespace dopt
