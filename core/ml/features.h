#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>
#include <optional>
#include <vector>

namespace dopt {

/// The run-time model's inputs, one row per job, in submission order. Every feature is documented
/// in FeatureExtractor::describe() (the single table of names and meanings).
struct FeatureSet
{
    QStringList names; // in vector order
    QStringList queues; // the queues that got a one-hot column, in column order
    int width() const { return int(names.size()); }
    qsizetype size() const { return qsizetype(rowIds.size()); }
    const double* row(qsizetype i) const { return values.data() + i * width(); }

    std::vector<double> values; // size() x width(), row-major
    std::vector<qint64> rowIds; // jobs.id
    QStringList jobIds;
    std::vector<qint64> submittedMs;
    std::vector<double> durationMs; // NaN unless the job completed with a positive duration (a training target)
    std::vector<int> fingerprint; // index into fingerprints
    QStringList fingerprints;
    QStringList fingerprintSql; // first SQL text seen for each fingerprint
};

struct FeatureOptions
{
    /// Queues given their own one-hot column. Empty: the most frequent ones in the workspace
    /// (training); a stored model passes its own list so prediction uses the same columns.
    std::optional<QStringList> queues;
    int maxQueues = 5;
    /// Only jobs submitted at or before this time (prediction of one job needs nothing later).
    std::optional<qint64> untilMs;
    const std::atomic_bool* cancel = nullptr;
    std::function<void(qint64 done, qint64 total)> progress;
};

/// Turns the jobs of a workspace into feature vectors for run-time prediction. The fingerprint's
/// history and the concurrency only look at jobs submitted EARLIER than the one described, so a
/// feature never leaks the target (the median includes no run at or after the job itself).
class FeatureExtractor
{
public:
    /// Reads every job (streaming, one SQL statement). False with *error on a database error or cancel.
    static bool extract(QSqlDatabase db, const FeatureOptions& options, FeatureSet* out, QString* error);
    /// Feature name -> meaning, in vector order, for the fixed columns; the one-hot queue columns
    /// follow as "queue=NAME".
    static QVector<std::pair<QString, QString>> describe();
    static QStringList fixedNames();
    static constexpr int HourColumn = 11;
    static constexpr int WeekdayColumn = 12;
};

} // namespace dopt
