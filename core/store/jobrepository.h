#pragma once

#include "model/job.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <QVector>
#include <optional>

namespace dopt {

/// Filter and sort of the query browser, translated into SQL by JobRepository.
struct JobQuery
{
    QString text; // matches SQL text, job id or user (case-insensitive substring)
    QString state; // exact, empty = any
    QString user; // exact, empty = any
    std::optional<qint64> fromMs;
    std::optional<qint64> untilMs;
    QString sortColumn = QStringLiteral("submitted_ms"); // a jobs column name, validated
    bool descending = true;
    // An extra SQL condition on the jobs table (alias j) with its ? values, for code that streams a
    // subset of the jobs (the incremental analysis); written by the program, never from user input.
    QString condition;
    QVariantList conditionValues;
};

/// The active run-time model's stored prediction for a job (predictions table), 80% interval.
struct JobPrediction
{
    double predictedMs = 0;
    double lowMs = 0;
    double highMs = 0;
    qint64 modelId = 0;
    QString modelFamily;
};

/// A job row as the browser shows it (the store's primary key plus the job).
struct JobRow
{
    qint64 rowId = 0;
    Job job;
    bool hasProfile = false;
    bool isDemo = false;
    std::optional<JobPrediction> prediction; // read with the row: no extra query per row
};

/// Position after a row in a sorted listing, for keyset paging (pageAfter): the row's value of the
/// sort column (null when unknown) and its row id as tie-breaker.
struct JobCursor
{
    QVariant sortValue;
    qint64 rowId = 0;
};

/// Reads and writes jobs. Works on the connection it is given (one per thread); callers own
/// transactions. Statements are prepared once per repository, so keep one repository for a batch.
/// Sorting puts unknown (NULL) values last in both directions on both backends.
class JobRepository
{
public:
    explicit JobRepository(QSqlDatabase db)
        : m_db(std::move(db))
    { }

    /// Inserts the job or, when (engine, job_id, attempt) exists, fills in fields the stored row
    /// lacks. Returns the row id, or -1 with *error set.
    qint64 upsert(const Job& job, qint64 sourceId, qint64 importRunId, QString* error);
    std::optional<JobRow> findByJobId(const QString& jobId, int attempt = -1);
    std::optional<JobRow> findByRowId(qint64 rowId);
    qint64 count(const JobQuery& query);
    /// The number of matching jobs, but at most `limit`: stops at the limit, so it costs little
    /// however many jobs match (a result equal to `limit` means "at least that many").
    qint64 countUpTo(const JobQuery& query, qint64 limit);
    /// The bound of the query browser's first count: shown as "10,000+" until the exact one arrives.
    static constexpr qint64 BrowserCountBound = 10000;
    QVector<JobRow> page(const JobQuery& query, qint64 offset, int limit);
    /// The rows following `after` in the query's order: cost independent of the depth, unlike an
    /// OFFSET (use for scrolling through large workspaces).
    QVector<JobRow> pageAfter(const JobQuery& query, const JobCursor& after, int limit);
    QStringList distinctUsers(int limit = 500);

    /// The cursor positioned on a row, for the query's sort column.
    static JobCursor cursorOf(const JobRow& row, const QString& sortColumn);
    /// Filters this long or longer use the workspace's trigram index on SQLite (shorter ones scan).
    static constexpr int MinIndexedTextLength = 3;
    /// A page of a text filter comes from the index when fewer jobs than this match; with more, an
    /// ordered scan meets a page of matches sooner.
    static constexpr int IndexedPageMatchLimit = 5000;
    /// Off: text filters scan with LIKE even where the index exists (benchmarks compare both).
    void setTextIndexEnabled(bool enabled) { m_textIndexEnabled = enabled; }
    /// The columns JobQuery::sortColumn accepts.
    static QStringList sortableColumns();
    /// Why the last read returned nothing or -1 (bad sort column, database error); empty on success.
    QString lastError() const { return m_lastError; }
    /// The last read failed because its task was cancelled (see StatementInterrupter): a stale
    /// question, not a broken store.
    bool wasCancelled() const { return m_cancelled; }

private:
    enum class TextMatch { Scan, Index };
    bool buildWhere(const JobQuery& query, QString* where, QVariantList* values, TextMatch textMatch);
    TextMatch pageTextMatch(const JobQuery& query);
    qint64 countMatching(const JobQuery& query, std::optional<qint64> limit);
    /// page() for a sort column served by a predictions index: predicted jobs, then the others.
    QVector<JobRow> predictionPage(const JobQuery& query, const QString& sortExpression, const QString& where,
        const QVariantList& filterValues, qint64 offset, int limit);
    /// Whether some job lacks a prediction of the active model; nullopt (lastError set) on failure.
    std::optional<bool> hasUnpredictedJobs();
    QVector<JobRow> select(const QString& where, const QVariantList& values, const QString& orderAndLimit);
    QVector<JobRow> fetchRows(QSqlQuery& query);
    bool isPostgres() const;
    bool usesTextIndex(const QString& text);
    void setReadError(const QString& what, const QSqlError& error);
    bool prepareStatement(std::optional<QSqlQuery>& query, const QString& sql);

    QSqlDatabase m_db;
    std::optional<QSqlQuery> m_upsert; // prepared once, reused for every upsert
    std::optional<QSqlQuery> m_merge; // SQLite: fills in an existing row
    std::optional<bool> m_hasTextIndex; // SQLite: jobs_fts exists (schema 10 and later)
    bool m_textIndexEnabled = true;
    QSqlError m_prepareError;
    QString m_lastError;
    bool m_cancelled = false;
};

} // namespace dopt
