#pragma once

#include "dremioconnection.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace dopt {

/// A stored Dremio connection: its settings (never the secret, only where the secret lives) and
/// its collection state.
struct DremioSourceSettings
{
    qint64 sourceId = 0;
    DremioConnection connection;
    QString secretBackend = QStringLiteral("keychain"); // keychain, environment
    QString secretRef; // keychain key or environment variable name
    int profilesPerRun = 20;
    std::optional<qint64> watermarkMs;
    std::optional<qint64> lastCollectedMs;
};

/// One reflection as collected from sys.reflections or the REST listings.
struct DremioReflection
{
    QString reflectionId;
    QString name;
    QString type; // RAW, AGGREGATION
    QString datasetId;
    QString datasetPath;
    QString status; // combined status, e.g. CAN_ACCELERATE
    QString refreshStatus;
    std::optional<qint64> consideredCount;
    std::optional<qint64> matchedCount;
    std::optional<qint64> chosenCount;
    std::optional<qint64> footprintBytes;
    std::optional<qint64> lastRefreshDurationMs;
    std::optional<qint64> recordCount;
};

/// File statistics of one Iceberg table (TABLE(table_files(...)) aggregated on the server).
struct IcebergFileStats
{
    QString datasetPath;
    qint64 fileCount = 0;
    qint64 totalBytes = 0;
    qint64 recordCount = 0;
    qint64 smallFiles = 0; // files under smallThresholdBytes
    qint64 smallThresholdBytes = 0;
    std::optional<qint64> minFileBytes;
    std::optional<qint64> maxFileBytes;
    qint64 collectedMs = 0;
};

/// A job worth downloading a profile for, and why.
struct ProfileCandidate
{
    qint64 jobRowId = 0;
    QString jobId;
    QString reason; // slowest, most-expensive, failed, regressed
};

/// What one collect run did (collect_runs, next to its import_runs row).
struct CollectRunRecord
{
    qint64 importRunId = 0;
    qint64 sourceId = 0;
    std::optional<qint64> watermarkBeforeMs;
    std::optional<qint64> watermarkAfterMs;
    int historyPages = 0;
    int historyRows = 0;
    int profilesTried = 0;
    int profilesFailed = 0;
    int reflections = 0;
    qint64 elapsedMs = 0;
    qint64 serverWaitMs = 0;
    QStringList warnings;
};

/// Reads and writes the tables of live Dremio sources (schema 2): dremio_connections (settings and
/// the per-source watermark), collect_runs, dremio_profile_attempts, reflections and
/// job_reflections. Works on the connection it is given; callers own transactions, so a page of
/// jobs and the watermark it advances commit together.
class DremioSourceRepository
{
public:
    explicit DremioSourceRepository(QSqlDatabase db)
        : m_db(std::move(db))
    { }

    /// Creates or updates the source (kind and display name from the connection) and its settings.
    /// Returns the source id, -1 with *error on failure. The watermark is left as it is.
    qint64 save(const DremioSourceSettings& settings, QString* error);
    std::optional<DremioSourceSettings> load(qint64 sourceId, QString* error);
    /// The stored source for this server (same kind and display name), if any.
    std::optional<DremioSourceSettings> find(const DremioConnection& connection, QString* error);
    QVector<DremioSourceSettings> all(QString* error);

    /// Raises the watermark to submittedMs (never lowers it).
    bool advanceWatermark(qint64 sourceId, qint64 submittedMs, QString* error);
    bool setLastCollected(qint64 sourceId, qint64 whenMs, QString* error);
    bool recordCollectRun(const CollectRunRecord& run, QString* error);
    std::optional<CollectRunRecord> collectRun(qint64 importRunId, QString* error);

    bool upsertReflection(qint64 sourceId, const DremioReflection& reflection, qint64 nowMs, QString* error);
    /// Replaces a job's reflection relationships (reflection id → CONSIDERED/MATCHED/CHOSEN).
    bool replaceJobRelationships(
        qint64 jobRowId, const QVector<QPair<QString, QString>>& relationships, QString* error);
    bool recordProfileAttempt(qint64 jobRowId, const QString& outcome, qint64 nowMs, QString* error);

    /// Up to `limit` jobs of the source without a profile and not given up on, taken in turn from
    /// the slowest, the most expensive (planner cost), the failed and the regressed ones (more than
    /// twice the average duration of the same SQL text run at least three times).
    QVector<ProfileCandidate> profileCandidates(qint64 sourceId, int limit, QString* error);
    /// The dataset paths the source's jobs name most often, most frequent first.
    QStringList topDatasets(qint64 sourceId, int limit, QString* error);
    /// Replaces the file statistics of one table of the source.
    bool upsertFileStats(qint64 sourceId, const IcebergFileStats& stats, QString* error);
    /// The stored file statistics of the source, most small files first.
    QVector<IcebergFileStats> fileStats(qint64 sourceId, QString* error);

private:
    QVector<DremioSourceSettings> select(const QString& where, const QVariantList& values, QString* error);

    QSqlDatabase m_db;
};

} // namespace dopt
