#pragma once

#include "recommendation.h"

#include <QSqlDatabase>
#include <optional>

namespace dopt {

/// Which recommendations list() returns; empty members do not filter.
struct RecommendationFilter
{
    QString detector;
    std::optional<Severity> minimumSeverity; // this severity or worse
    QString dataset;
    QString status;
    QString engine;
    int limit = -1; // -1 = all
};

/// Reads and writes the recommendations table (migration 0005) on the connection it is given (one
/// per thread, see Workspace::database()). Safe for the GUI to read while an analysis writes on
/// another connection: each write is one transaction.
class RecommendationStore
{
public:
    explicit RecommendationStore(QSqlDatabase db)
        : m_db(std::move(db))
    { }

    /// replace() joins the transaction the caller opened on this connection: the caller commits or
    /// rolls back (so an analysis can replace findings and recommendations together).
    void useCallerTransaction() { m_callerTransaction = true; }

    /// Stores the result of an analysis in one transaction: recommendations are upserted by key
    /// (id, status and creation time of an existing key are kept, everything else replaced); stored
    /// recommendations whose key is not in the list are deleted unless applied or kept (limited to
    /// the detectors in scopeDetectors when it is not empty, so another producer's recommendations
    /// are left alone). Ranks are then reassigned over all stored recommendations by score.
    /// False with *error (and nothing changed) on failure, including two recommendations with one key.
    bool replace(
        const QVector<Recommendation>& recommendations, QString* error, const QStringList& scopeDetectors = {});
    /// Upserts one recommendation without touching the others (for producers outside the analysis,
    /// e.g. the PostgreSQL advisor); ranks are reassigned. Returns its id, 0 with *error on failure.
    qint64 upsert(const Recommendation& recommendation, QString* error);

    /// Ordered by rank (best return first). *error is set when the read fails.
    QVector<Recommendation> list(const RecommendationFilter& filter = {}, QString* error = nullptr);
    /// nullopt when there is no such id (*error untouched) or the read failed (*error set).
    std::optional<Recommendation> get(qint64 id, QString* error = nullptr);
    /// Sets the status (open, applied, kept, reverted, dismissed). False with *error for an unknown
    /// status or id.
    bool setStatus(qint64 id, const QString& status, QString* error);
    /// Number of stored recommendations, -1 with *error on failure.
    qint64 count(QString* error = nullptr);

private:
    bool upsertOne(const Recommendation& recommendation, qint64 nowMs, QString* error);
    bool rerank(QString* error);

    QSqlDatabase m_db;
    bool m_callerTransaction = false;
};

} // namespace dopt
