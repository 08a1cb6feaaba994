#pragma once

#include "model/job.h"

#include <QSqlDatabase>
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
};

/// A job row as the browser shows it (the store's primary key plus the job).
struct JobRow
{
    qint64 rowId = 0;
    Job job;
    bool hasProfile = false;
    bool isDemo = false;
};

/// Reads and writes jobs. Works on the connection it is given (one per thread); callers own
/// transactions.
class JobRepository
{
public:
    explicit JobRepository(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    /// Inserts the job or, when (engine, job_id, attempt) exists, fills in fields the stored row
    /// lacks. Returns the row id, or -1 with *error set.
    qint64 upsert(const Job& job, qint64 sourceId, qint64 importRunId, QString* error);
    std::optional<JobRow> findByJobId(const QString& jobId, int attempt = -1);
    std::optional<JobRow> findByRowId(qint64 rowId);
    qint64 count(const JobQuery& query);
    QVector<JobRow> page(const JobQuery& query, qint64 offset, int limit);
    QStringList distinctUsers(int limit = 500);

private:
    QSqlDatabase m_db;
};

} // namespace dopt
