#include "modeltrainer.h"

#include "features.h"
#include "runtimemodel_p.h"

#include <QJsonArray>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <unordered_map>

namespace dopt {

namespace {

using Samples = std::vector<MlSample>;

struct Candidate
{
    QString family;
    double gamma = 0; // kernel_ridge_rbf
    int minLeaf = 0; // random_forest

    QJsonObject hyperparameters(const TrainingOptions& options) const
    {
        QJsonObject object;
        if (family == QLatin1String("kernel_ridge_rbf")) {
            object.insert(QStringLiteral("gamma"), gamma);
            object.insert(QStringLiteral("max_basis"), 300);
            object.insert(QStringLiteral("lambda"), QStringLiteral("leave-one-out search"));
            object.insert(QStringLiteral("max_rows"), options.maxKernelRows);
        } else if (family == QLatin1String("random_forest")) {
            object.insert(QStringLiteral("trees"), options.forestTrees);
            object.insert(QStringLiteral("min_samples_per_leaf"), minLeaf);
            object.insert(QStringLiteral("feature_subsampling"), 1.0 / 3.0);
        } else {
            object.insert(QStringLiteral("lambda"), QStringLiteral("leave-one-out search"));
        }
        return object;
    }
};

bool isCancelled(const std::atomic_bool* cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

double quantile(std::vector<double> values, double q)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const double position = q * double(values.size() - 1);
    const size_t below = size_t(std::floor(position));
    const size_t above = std::min(values.size() - 1, below + 1);
    return values[below] + (values[above] - values[below]) * (position - double(below));
}

MlSample sampleOf(const FeatureSet& set, qsizetype row)
{
    MlSample sample(set.width());
    const double* values = set.row(row);
    for (int i = 0; i < set.width(); ++i)
        sample(i) = values[i];
    return sample;
}

/// Fits one candidate; nullptr on cancel.
std::unique_ptr<RuntimeModel::Impl> fit(const Candidate& candidate, const Samples& x, const std::vector<double>& y,
    const TrainingOptions& options, const std::atomic_bool* cancel, quint64 seed)
{
    auto impl = std::make_unique<RuntimeModel::Impl>();
    impl->family = candidate.family;
    impl->featureCount = x.front().size();
    impl->normalizer.train(x);
    if (candidate.family == QLatin1String("random_forest")) {
        std::vector<std::vector<dlib::internal_tree_node<dlib::dense_feature_extractor>>> trees;
        std::vector<std::vector<float>> leaves;
        dlib::dense_feature_extractor extractor;
        for (int grown = 0, chunk = 0; grown < options.forestTrees; grown += options.treesPerChunk, ++chunk) {
            if (isCancelled(cancel))
                return nullptr;
            dlib::random_forest_regression_trainer<dlib::dense_feature_extractor> trainer;
            trainer.set_num_trees(size_t(std::min(options.treesPerChunk, options.forestTrees - grown)));
            trainer.set_min_samples_per_leaf(size_t(candidate.minLeaf));
            trainer.set_seed(std::to_string(seed) + "/" + std::to_string(chunk));
            const MlForestFunction part = trainer.train(x, y);
            extractor = part.get_feature_extractor();
            trees.insert(trees.end(), part.get_internal_tree_nodes().begin(), part.get_internal_tree_nodes().end());
            leaves.insert(leaves.end(), part.get_tree_leaves().begin(), part.get_tree_leaves().end());
        }
        impl->forest = MlForestFunction(std::move(extractor), std::move(trees), std::move(leaves));
        return impl;
    }
    Samples scaled;
    std::vector<double> targets;
    if (candidate.family == QLatin1String("kernel_ridge_rbf") && x.size() > size_t(options.maxKernelRows)) {
        std::vector<size_t> order(x.size());
        std::iota(order.begin(), order.end(), 0);
        std::shuffle(order.begin(), order.end(), std::mt19937_64(seed));
        order.resize(size_t(options.maxKernelRows));
        for (size_t i : order) {
            scaled.push_back(impl->normalizer(x[i]));
            targets.push_back(y[i]);
        }
    } else {
        scaled.reserve(x.size());
        for (const MlSample& sample : x)
            scaled.push_back(impl->normalizer(sample));
        targets = y;
    }
    if (candidate.family == QLatin1String("ridge")) {
        dlib::rr_trainer<dlib::linear_kernel<MlSample>> trainer;
        impl->ridge = trainer.train(scaled, targets);
    } else {
        dlib::krr_trainer<dlib::radial_basis_kernel<MlSample>> trainer;
        trainer.set_kernel(dlib::radial_basis_kernel<MlSample>(candidate.gamma));
        trainer.set_max_basis_size(300);
        impl->kernel = trainer.train(scaled, targets);
    }
    return impl;
}

QVector<Candidate> candidatesFor(const TrainingOptions& options)
{
    const QStringList families = options.families.isEmpty()
        ? QStringList {QStringLiteral("ridge"), QStringLiteral("kernel_ridge_rbf"), QStringLiteral("random_forest")}
        : options.families;
    QVector<Candidate> candidates;
    for (const QString& family : families) {
        if (family == QLatin1String("ridge"))
            candidates.append({family});
        else if (family == QLatin1String("kernel_ridge_rbf"))
            for (double gamma : {0.02, 0.1, 0.5})
                candidates.append({family, gamma});
        else if (family == QLatin1String("random_forest"))
            for (int leaf : {3, 10})
                candidates.append({family, 0, leaf});
    }
    return candidates;
}

} // namespace

std::vector<size_t> ModelTrainer::stratifiedSample(
    const FeatureSet& features, const std::vector<qsizetype>& rows, size_t count, int maxRows, int minPerShape)
{
    std::vector<size_t> picked;
    if (maxRows <= 0 || count <= size_t(maxRows)) {
        picked.resize(count);
        std::iota(picked.begin(), picked.end(), 0);
        return picked;
    }
    std::vector<std::vector<size_t>> byShape(size_t(std::max<qsizetype>(1, features.fingerprints.size())));
    for (size_t i = 0; i < count; ++i) {
        const size_t shape = size_t(std::max(0, features.fingerprint[size_t(rows[i])]));
        if (shape >= byShape.size())
            byShape.resize(shape + 1);
        byShape[shape].push_back(i);
    }
    const double rate = double(maxRows) / double(count);
    picked.reserve(size_t(maxRows) + byShape.size() * size_t(std::max(0, minPerShape)));
    for (const std::vector<size_t>& runs : byShape) {
        const size_t n = runs.size();
        const size_t take
            = std::min(n, std::max(size_t(std::max(0, minPerShape)), size_t(std::llround(double(n) * rate))));
        for (size_t j = 0; j < take; ++j)
            picked.push_back(runs[size_t((double(j) + 0.5) * double(n) / double(take))]);
    }
    std::sort(picked.begin(), picked.end());
    return picked;
}

QJsonObject ModelTrainer::metricsOf(const std::vector<double>& actualMs, const std::vector<double>& predictedMs,
    const std::vector<double>& lowMs, const std::vector<double>& highMs)
{
    const size_t n = actualMs.size();
    QJsonObject metrics;
    if (n == 0)
        return metrics;
    double meanLog = 0;
    for (double a : actualMs)
        meanLog += std::log(a);
    meanLog /= double(n);
    double residual = 0, totalSquares = 0, absolute = 0;
    int within = 0, covered = 0;
    std::vector<double> qErrors;
    qErrors.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        const double a = actualMs[i];
        const double p = predictedMs[i];
        residual += std::pow(std::log(a) - std::log(p), 2);
        totalSquares += std::pow(std::log(a) - meanLog, 2);
        absolute += std::abs(p - a);
        within += std::abs(p - a) <= 0.2 * a ? 1 : 0;
        covered += lowMs[i] <= a && a <= highMs[i] ? 1 : 0;
        qErrors.push_back(std::max(p / a, a / p));
    }
    metrics.insert(QStringLiteral("r2_log"), totalSquares > 0 ? 1.0 - residual / totalSquares : 0.0);
    metrics.insert(QStringLiteral("mae_ms"), absolute / double(n));
    metrics.insert(QStringLiteral("median_q_error"), quantile(qErrors, 0.5));
    metrics.insert(QStringLiteral("within_20pct"), double(within) / double(n));
    metrics.insert(QStringLiteral("coverage_80"), double(covered) / double(n));
    metrics.insert(QStringLiteral("test_rows"), qint64(n));
    return metrics;
}

double ModelTrainer::repeatWithin20(const std::vector<int>& shapes, const std::vector<double>& actualMs, qint64* used)
{
    std::unordered_map<int, std::vector<double>> runs;
    for (size_t i = 0; i < shapes.size() && i < actualMs.size(); ++i)
        runs[shapes[i]].push_back(actualMs[i]);
    qint64 count = 0, within = 0;
    for (auto& shapeRuns : runs) {
        std::vector<double>& durations = shapeRuns.second; // not a structured binding: the lambda uses it
        if (durations.size() < 3)
            continue;
        std::sort(durations.begin(), durations.end());
        const size_t n = durations.size();
        for (size_t i = 0; i < n; ++i) {
            // The median of the n - 1 others: the sorted list with position i left out.
            const auto other = [&](size_t k) { return durations[k < i ? k : k + 1]; };
            const size_t m = n - 1;
            const double median = m % 2 == 1 ? other(m / 2) : (other(m / 2 - 1) + other(m / 2)) / 2.0;
            within += std::abs(median - durations[i]) <= 0.2 * durations[i] ? 1 : 0;
            ++count;
        }
    }
    *used = count;
    return count > 0 ? double(within) / double(count) : std::numeric_limits<double>::quiet_NaN();
}

bool ModelTrainer::train(const FeatureSet& features, const TrainingOptions& options, const std::atomic_bool* cancel,
    const Progress& progress, TrainingResult* result, QString* error)
{
    std::vector<qsizetype> rows; // completed jobs in submission order
    for (qsizetype i = 0; i < features.size(); ++i) {
        if (std::isfinite(features.durationMs[size_t(i)]))
            rows.push_back(i);
    }
    if (qsizetype(rows.size()) < options.minimumJobs) {
        *error = QStringLiteral("train: needs at least %1 completed jobs with a duration, the workspace has %2")
                     .arg(options.minimumJobs)
                     .arg(rows.size());
        return false;
    }
    const QVector<Candidate> candidates = candidatesFor(options);
    if (candidates.isEmpty()) {
        *error = QStringLiteral("train: no known model family in '%1' (known: ridge, kernel_ridge_rbf, random_forest)")
                     .arg(options.families.join(QLatin1Char(',')));
        return false;
    }
    const size_t testCount = std::max<size_t>(1, size_t(std::llround(options.testShare * double(rows.size()))));
    const size_t available = rows.size() - testCount;
    // Only the sampled rows become dlib samples: with a million jobs the full set would not fit
    // the time or memory a desktop training may take.
    const std::vector<size_t> sample
        = stratifiedSample(features, rows, available, options.maxTrainRows, options.minRowsPerShape);
    const size_t trainCount = sample.size();

    Samples trainX;
    std::vector<double> trainY;
    trainX.reserve(trainCount);
    for (size_t i : sample) {
        trainX.push_back(sampleOf(features, rows[i]));
        trainY.push_back(std::log(features.durationMs[size_t(rows[i])]));
    }

    const int folds = std::max(2, options.folds);
    const int total = int(candidates.size()) * folds + 2;
    int done = 0;
    auto report = [&](const QString& message) {
        if (progress)
            progress(done, total, message);
    };
    auto cancelledError = [&] {
        *error = QStringLiteral("train: cancelled, the stored model is unchanged");
        return false;
    };

    // Cross-validation on a shuffled subsample of the training rows.
    std::vector<size_t> cvRows(trainCount);
    std::iota(cvRows.begin(), cvRows.end(), 0);
    std::shuffle(cvRows.begin(), cvRows.end(), std::mt19937_64(options.seed));
    cvRows.resize(std::min(cvRows.size(), size_t(options.maxCvRows)));
    QVector<CandidateScore> scores;
    std::vector<std::vector<double>> outOfFoldResiduals(size_t(candidates.size()));
    for (qsizetype c = 0; c < candidates.size(); ++c) {
        double absoluteError = 0;
        for (int fold = 0; fold < folds; ++fold) {
            if (isCancelled(cancel))
                return cancelledError();
            report(QStringLiteral("Cross-validating %1, fold %2 of %3")
                       .arg(candidates[c].family)
                       .arg(fold + 1)
                       .arg(folds));
            Samples x;
            std::vector<double> y;
            std::vector<size_t> held;
            for (size_t i = 0; i < cvRows.size(); ++i) {
                if (int(i % size_t(folds)) == fold) {
                    held.push_back(cvRows[i]);
                } else {
                    x.push_back(trainX[cvRows[i]]);
                    y.push_back(trainY[cvRows[i]]);
                }
            }
            const auto model = fit(candidates[c], x, y, options, cancel, options.seed + quint64(fold));
            if (!model)
                return cancelledError();
            for (size_t i : held) {
                const double r = trainY[i] - model->predict(trainX[i]);
                absoluteError += std::abs(r);
                outOfFoldResiduals[size_t(c)].push_back(r);
            }
            ++done;
        }
        scores.append({candidates[c].family, candidates[c].hyperparameters(options),
            absoluteError / double(std::max<size_t>(1, cvRows.size()))});
    }
    qsizetype best = 0;
    for (qsizetype c = 1; c < scores.size(); ++c) {
        if (scores[c].cvMaeLog < scores[best].cvMaeLog)
            best = c;
    }

    report(trainCount < available
            ? QStringLiteral("Fitting %1 on a stratified sample of %2 of %3 jobs")
                  .arg(candidates[best].family)
                  .arg(trainCount)
                  .arg(available)
            : QStringLiteral("Fitting %1 on %2 jobs").arg(candidates[best].family).arg(trainCount));
    auto impl = fit(candidates[best], trainX, trainY, options, cancel, options.seed);
    if (!impl)
        return cancelledError();
    // The 80% interval: 10% and 90% quantiles of the out-of-fold residuals (log space).
    impl->residualLow = quantile(outOfFoldResiduals[size_t(best)], 0.10);
    impl->residualHigh = quantile(outOfFoldResiduals[size_t(best)], 0.90);
    RuntimeModel model(std::move(impl));
    ++done;

    report(QStringLiteral("Evaluating on %1 held-out jobs").arg(testCount));
    std::vector<double> actual, predicted, low, high;
    Samples testX;
    for (size_t i = available; i < rows.size(); ++i) {
        if ((i - available) % 4096 == 0 && isCancelled(cancel))
            return cancelledError();
        const qsizetype row = rows[i];
        const RuntimePrediction prediction = model.predict(features.row(row));
        actual.push_back(features.durationMs[size_t(row)]);
        predicted.push_back(prediction.predictedMs);
        low.push_back(prediction.lowMs);
        high.push_back(prediction.highMs);
        if (testX.size() < size_t(options.maxImportanceRows))
            testX.push_back(sampleOf(features, row));
    }
    QJsonObject metrics = metricsOf(actual, predicted, low, high);
    std::vector<int> testShapes;
    for (size_t i = available; i < rows.size(); ++i)
        testShapes.push_back(features.fingerprint[size_t(rows[i])]);
    qint64 repeatRows = 0;
    const double repeat = repeatWithin20(testShapes, actual, &repeatRows);
    if (repeatRows > 0) {
        metrics.insert(QStringLiteral("repeat_within_20pct"), repeat);
        metrics.insert(QStringLiteral("repeat_rows"), repeatRows);
    }
    metrics.insert(QStringLiteral("train_rows"), qint64(trainCount));
    metrics.insert(QStringLiteral("train_rows_available"), qint64(available));
    if (trainCount < available)
        metrics.insert(QStringLiteral("train_sample"),
            QStringLiteral("stratified by fingerprint: proportional share, at least %1 runs per shape, evenly "
                           "spaced in time (at most about %2 rows)")
                .arg(options.minRowsPerShape)
                .arg(options.maxTrainRows));
    metrics.insert(QStringLiteral("cv_folds"), folds);
    metrics.insert(QStringLiteral("cv_rows"), qint64(cvRows.size()));
    QJsonArray cv;
    for (const CandidateScore& score : std::as_const(scores))
        cv.append(QJsonObject {{QStringLiteral("family"), score.family},
            {QStringLiteral("hyperparameters"), score.hyperparameters},
            {QStringLiteral("cv_mae_log"), score.cvMaeLog}});
    metrics.insert(QStringLiteral("cross_validation"), cv);

    // Permutation importance on the held-out rows: growth of the log-scale MAE when one
    // feature's column is shuffled.
    const auto maeLog = [&](const Samples& x) {
        double sum = 0;
        for (size_t i = 0; i < x.size(); ++i)
            sum += std::abs(std::log(actual[i]) - model.predictLog(&x[i](0)));
        return sum / double(std::max<size_t>(1, x.size()));
    };
    const double baseline = maeLog(testX);
    QVector<std::pair<QString, double>> importance;
    for (int f = 0; f < features.width(); ++f) {
        if (isCancelled(cancel))
            return cancelledError();
        Samples shuffled = testX;
        std::vector<double> column;
        for (const MlSample& sample : testX)
            column.push_back(sample(f));
        std::shuffle(column.begin(), column.end(), std::mt19937_64(options.seed + quint64(f) + 1));
        for (size_t i = 0; i < shuffled.size(); ++i)
            shuffled[i](f) = column[i];
        importance.append({features.names[f], maeLog(shuffled) - baseline});
    }
    std::stable_sort(
        importance.begin(), importance.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    QJsonArray importanceJson;
    for (const auto& [name, value] : std::as_const(importance))
        importanceJson.append(QJsonObject {{QStringLiteral("feature"), name}, {QStringLiteral("importance"), value}});
    ++done;
    report(QStringLiteral("Trained %1").arg(model.family()));

    model.features = features.names;
    model.queues = features.queues;
    model.hyperparameters = scores[best].hyperparameters;
    model.metrics = metrics;
    model.importance = importanceJson;
    model.windowFromMs = features.submittedMs[size_t(rows.front())];
    model.windowToMs = features.submittedMs[size_t(rows[available - 1])];
    model.jobCount = qint64(rows.size());

    result->model = std::move(model);
    result->candidates = scores;
    result->testActualMs = std::move(actual);
    result->testPredictedMs = std::move(predicted);
    result->trainRows = qsizetype(trainCount);
    result->trainRowsAvailable = qsizetype(available);
    result->trainSample.clear();
    for (size_t i : sample)
        result->trainSample.push_back(rows[i]);
    result->testRows = qsizetype(testCount);
    return true;
}

} // namespace dopt
