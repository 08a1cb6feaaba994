#pragma once

#include "runtimemodel.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>
#include <atomic>
#include <functional>
#include <vector>

namespace dopt {

struct FeatureSet;

struct TrainingOptions
{
    int folds = 5;
    double testShare = 0.2; // the most recent completed jobs, held out for the reported metrics
    /// The final fit uses at most about this many training rows (0: all), a sample stratified by
    /// fingerprint (see ModelTrainer::stratifiedSample): the forest's cost grows faster than the
    /// history, and a million jobs hold far fewer distinct shapes than rows.
    int maxTrainRows = 50000;
    int minRowsPerShape = 5; // every fingerprint keeps at least this many sampled rows (or all it has)
    int maxCvRows = 12000; // cross-validation runs on a random subsample of at most this many rows
    int maxKernelRows = 3000; // kernel ridge is fitted on a subsample of at most this many rows
    int forestTrees = 60;
    int treesPerChunk = 10; // the forest grows in chunks so cancel is checked between them
    int maxImportanceRows = 5000;
    int minimumJobs = 50;
    quint64 seed = 20261123;
    QStringList families; // empty: ridge, kernel_ridge_rbf, random_forest
};

/// One family + hyper-parameters tried by cross-validation.
struct CandidateScore
{
    QString family;
    QJsonObject hyperparameters;
    double cvMaeLog = 0; // mean absolute error of log(duration), out-of-fold
};

struct TrainingResult
{
    RuntimeModel model; // metadata (features, metrics, importance, window) filled in
    QVector<CandidateScore> candidates;
    std::vector<double> testActualMs; // held-out runs, for the predicted-vs-actual view
    std::vector<double> testPredictedMs;
    qsizetype trainRows = 0; // rows the model was fitted on (the sample when the history was sampled)
    qsizetype trainRowsAvailable = 0; // completed jobs before the held-out ones
    std::vector<qsizetype> trainSample; // FeatureSet rows fitted on, in submission order
    qsizetype testRows = 0;
    qint64 predictionsStored = 0; // jobs whose prediction by the new model was stored after training
};

/// Trains the run-time model: k-fold cross-validation over the families and their
/// hyper-parameters on the older jobs, refit of the best on all of them, metrics, interval coverage
/// and permutation importance on the most recent jobs (held out).
class ModelTrainer
{
public:
    using Progress = std::function<void(int done, int total, const QString& message)>;

    /// False with *error when there is too little data or on cancel (checked between folds and
    /// between chunks of trees).
    static bool train(const FeatureSet& features, const TrainingOptions& options, const std::atomic_bool* cancel,
        const Progress& progress, TrainingResult* result, QString* error);

    /// Indexes into `rows` (the first `count` are eligible) of a sample of at most about `maxRows`:
    /// each fingerprint gets its proportional share, at least `minPerShape` rows (or all it has),
    /// taken evenly spaced through its runs so the sample spans the whole training window.
    /// Returned in ascending order; everything when count <= maxRows or maxRows <= 0.
    static std::vector<size_t> stratifiedSample(
        const FeatureSet& features, const std::vector<qsizetype>& rows, size_t count, int maxRows, int minPerShape);

    /// Share of predictions within 20% of actual, median q-error... of paired vectors (ms).
    static QJsonObject metricsOf(const std::vector<double>& actualMs, const std::vector<double>& predictedMs,
        const std::vector<double>& lowMs, const std::vector<double>& highMs);

    /// The repeatability reference for within_20pct: each run predicted by the median of the OTHER
    /// runs of its query shape (shape ids parallel to actualMs; shapes with fewer than 3 runs are
    /// left out). Returns the share of those runs within 20% of that median and sets *used to
    /// their number (NaN and 0 when no shape has 3 runs). Where this share is low, run-to-run
    /// variation of one shape, not the model, limits the share within 20%.
    static double repeatWithin20(const std::vector<int>& shapes, const std::vector<double>& actualMs, qint64* used);
};

} // namespace dopt
