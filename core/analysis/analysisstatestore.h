#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QStringList>
#include <QVector>
#include <functional>
#include <optional>

namespace dopt {

/// Where the last analysis stopped (analysis_state, migration 0012).
struct AnalysisWatermark
{
    qint64 lastJobRef = 0; // highest jobs.id analysed
    qint64 lastProfileRef = 0; // highest profiles.id analysed
    qint64 jobsUpToWatermark = 0; // jobs with id <= lastJobRef at the time (fewer later: deletions)
    QString settings; // signature of the options and catalog facts the findings depend on
    qint64 analysedMs = 0;
};

/// What an incremental analysis reads and writes besides the results: the watermark, the per-job
/// fingerprint cache (job_fingerprints) and the analysed jobs changed since (analysis_changed_jobs).
/// Works on the connection it is given; writes join the caller's transaction when one is open.
class AnalysisStateStore
{
public:
    explicit AnalysisStateStore(QSqlDatabase db)
        : m_db(std::move(db))
    { }

    /// The stored watermark; nullopt with an empty *error when the workspace was never analysed.
    std::optional<AnalysisWatermark> read(QString* error);
    bool write(const AnalysisWatermark& watermark, QString* error);

    /// Jobs with id <= jobRef; -1 with *error on failure.
    qint64 jobsUpTo(qint64 jobRef, QString* error);
    /// Highest jobs.id and profiles.id (0 when empty); false with *error on failure.
    bool maxRefs(qint64* jobRef, qint64* profileRef, QString* error);
    /// Jobs whose profile was stored after profileRef.
    bool jobsWithProfilesAfter(qint64 profileRef, QVector<qint64>* jobRefs, QString* error);
    /// Analysed jobs changed since (filled by the migration's trigger); clearChangedJobs() empties it.
    bool changedJobs(QVector<qint64>* jobRefs, QString* error);
    bool clearChangedJobs(QString* error);

    /// Every cached (job, fingerprint), or those of the given fingerprints only.
    bool forEachFingerprint(
        const QStringList& only, const std::function<void(qint64, const QString&)>& visit, QString* error);
    /// The cached fingerprints of the given jobs (absent ones are not in the result).
    bool fingerprintsOf(const QVector<qint64>& jobRefs, QHash<qint64, QString>* out, QString* error);
    /// Inserts or replaces cached fingerprints.
    bool storeFingerprints(const QVector<QPair<qint64, QString>>& rows, QString* error);
    /// Jobs cached with one of the fingerprints.
    qint64 runsOf(const QStringList& fingerprints, QString* error);

    /// Bound parameters per statement when a list goes into an IN (...): below every backend's limit.
    static constexpr int MaxListSize = 400;

private:
    QSqlDatabase m_db;
};

} // namespace dopt
