#pragma once

#include "store/jobrepository.h"
#include "tasks/taskrunner.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QSet>
#include <memory>

namespace dopt {

class Workspace;

/// The query browser's table: a virtual view of the jobs matching a JobQuery, read from the store in
/// pages on worker threads (each with its own connection). Only the pages being looked at are
/// fetched (most recent request first), a small LRU keeps them, and rows show a "…" placeholder
/// until their page arrives. rowCount() comes from an asynchronous COUNT, so the model opens
/// instantly on a million jobs. Sorting and filtering are done by the database.
///
/// Counting a common text among a million jobs takes seconds, so the count comes in two steps: a
/// bounded count (at most countBound() matches, cheap) arrives with the first page and is shown as
/// a lower bound ("10,000+"), then the exact count follows on a worker and replaces it. Until then
/// rowCount() only covers rows known to exist and grows through fetchMore() as the view reaches
/// the end. A new query interrupts the exact count still running for the old one.
class JobTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        JobIdColumn,
        SubmittedColumn,
        UserColumn,
        StateColumn,
        DurationColumn,
        RowsScannedColumn,
        BytesScannedColumn,
        RowsReturnedColumn,
        AcceleratedColumn,
        QueueColumn,
        SqlColumn,
        PredictedColumn, // the active run-time model's stored prediction (hidden by default)
        IntervalColumn, // its 80% interval, low–high
        RatioColumn, // actual / predicted duration
        ColumnCount
    };
    enum Role {
        RowIdRole = Qt::UserRole + 1, // qint64, invalid QVariant while loading
        LoadedRole, // bool: the row's page has arrived
        JobIdRole, // QString
    };

    static constexpr int PageSize = 256;
    static constexpr int MaxCachedPages = 64;
    static constexpr int MaxPagesInFlight = 2;
    static constexpr int MaxQueuedPages = 12; // older requests are dropped: the user scrolled past
    static constexpr qint64 DefaultCountBound = JobRepository::BrowserCountBound;

    explicit JobTableModel(QObject* parent = nullptr);
    ~JobTableModel() override;

    /// Shows the jobs of `workspace` (nullptr: empty model). Resets the model and starts counting.
    void setWorkspace(std::shared_ptr<const Workspace> workspace);
    void setQuery(const JobQuery& query);
    JobQuery query() const { return m_query; }
    void setFilter(const QString& text, const QString& state);
    /// Re-counts and re-reads the visible pages (after an import) without resetting the view.
    void refresh();

    /// The job shown in `row`, or nullopt while its page is loading.
    std::optional<JobRow> jobAt(int row) const;
    bool isCounting() const { return m_countTask != 0; }
    /// True once the count and the first page of the current query are in (or the result is empty).
    bool isFirstPageReady() const { return m_firstPageReady; }
    /// False while the count of matching jobs is still being computed (rowCount() is provisional).
    bool isCountKnown() const { return m_countTask == 0 && !m_countIsLowerBound; }
    /// True while the count shown is the bounded one ("at least"): the exact count is on its way.
    bool isCountLowerBound() const { return m_countIsLowerBound; }
    /// The bounded count stops at this many matches (applies from the next query).
    void setCountBound(qint64 bound) { m_countBound = qMax<qint64>(1, bound); }
    qint64 countBound() const { return m_countBound; }
    /// The jobs column a view column sorts by (empty for none).
    static QString sortColumnName(int column);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    /// While the count is a lower bound, more rows may exist past the end: the next page is read
    /// and the rows it brings are appended.
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

Q_SIGNALS:
    /// `exact` is false for the bounded count: at least `count` jobs match.
    void countChanged(qint64 count, bool exact);
    /// The count of a superseded query (filter `text`) was stopped in the database, not run to its
    /// end: typing on never waits for an old count.
    void staleCountCancelled(const QString& text);
    void pageLoaded(int page);
    /// The first rows of the current query are displayable (also emitted for an empty result).
    void firstPageReady();
    void loadFailed(const QString& error);

private:
    using Page = QVector<JobRow>;

    void restart(bool keepRows);
    /// Counts the matches of the current query, at most `bound` of them (nullopt: all).
    void startCount(std::optional<qint64> bound);
    /// Reads page 0 beside the count, so a filter on a large workspace shows its first rows
    /// long before the (full-scan) count of all matches is known.
    void startFirstPage();
    void applyCount(qint64 count, bool exact);
    /// Rows of `page` reaching past the end while the count is not exact extend rowCount().
    void extendRowsTo(int rows);
    int nextPageToFetch() const { return m_rowCount / PageSize; }
    void requestPage(int page) const;
    void pumpRequests();
    void applyPage(int page, const Page& rows);
    void forgetInFlight(int page);
    void markFirstPageReady();
    const JobRow* cachedRow(int row) const;
    QVariant displayValue(const JobRow& row, int column) const;
    QVariant toolTipValue(const JobRow& row, int column) const;

    std::shared_ptr<const Workspace> m_workspace;
    JobQuery m_query;
    int m_rowCount = 0;
    quint64 m_countTask = 0; // the bounded count, then the exact one
    bool m_countIsLowerBound = false;
    qint64 m_countBound = DefaultCountBound;
    bool m_firstPageReady = false;
    mutable QCache<int, Page> m_pages;
    mutable QList<int> m_queued; // page requests waiting for a worker, most recent last
    mutable bool m_pumpScheduled = false;
    QHash<quint64, int> m_inFlight; // task id -> page
    quint64 m_queryGeneration = 0; // a count answers the current query only if it started under it
    QSet<int> m_failedPages; // not retried until the next restart: no request loop on a broken store
    TaskRunner m_runner; // last: destroyed (and its workers joined) first
};

} // namespace dopt
