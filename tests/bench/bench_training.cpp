// Run-time model training cost: feature extraction, training (cross-validation + final fit +
// permutation importance) and peak memory (VmHWM, reset before each size through
// /proc/self/clear_refs) on demo workspaces of growing size; prediction throughput next to a
// hand-written linear model over the same rows (the reference run in this process); held-out
// accuracy. Prints figures; never asserts timings.
//
// usage: bench_training [--jobs N[,N...]] [--workspace PATH]
//   --jobs: demo workspaces generated here (default 10000,100000; e.g. --jobs 1000000)
//   --workspace: also an existing workspace (e.g. a 1M-job `dremio-optimizer-cli demo`); only read
//   (opening it may migrate its schema)
// Cross-validation always runs on at most 12,000 sampled rows, kernel ridge is fitted on at most
// 3,000 sampled rows and the final fit on a sample stratified by fingerprint of about 50,000 rows
// (TrainingOptions::maxTrainRows), whatever the workspace size. The reference for the training time
// is the feature-extraction pass over the same workspace (one streaming read of every job): the
// ratio training / extraction shows whether training still grows faster than reading the history.

#include "benchsupport.h"
#include "demo/demogenerator.h"
#include "ml/features.h"
#include "ml/modeltrainer.h"
#include "store/workspace.h"
#include "testdata.h"
#include "util/coreresources.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>
#include <cmath>

using namespace dopt;
using namespace dopt::bench;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    initCoreResources();
    QList<int> sizes {10000, 100000};
    const QStringList args = app.arguments();
    const qsizetype at = args.indexOf(QStringLiteral("--jobs"));
    if (at >= 0 && at + 1 < args.size()) {
        sizes.clear();
        for (const QString& size : args[at + 1].split(QLatin1Char(',')))
            sizes.append(size.toInt());
    }
    QStringList existing;
    const qsizetype workspaceAt = args.indexOf(QStringLiteral("--workspace"));
    if (workspaceAt >= 0 && workspaceAt + 1 < args.size()) {
        existing.append(args[workspaceAt + 1]);
        if (at < 0)
            sizes.clear();
    }
    double firstTrainSeconds = 0;
    qsizetype firstSize = 0;
    for (qsizetype run = 0; run < sizes.size() + existing.size(); ++run) {
        const bool generated = run < sizes.size();
        const QString path = generated ? test::tempDir() + QStringLiteral("/bench-training-%1.dopt").arg(sizes[run])
                                       : existing[run - sizes.size()];
        QString error;
        QElapsedTimer timer;
        timer.start();
        if (generated) {
            DemoOptions options;
            options.jobs = sizes[run];
            options.profileEvery = 8;
            if (!DemoGenerator(options).generate(path, &error)) {
                out() << "demo: " << error << Qt::endl;
                return 1;
            }
            out() << "\n"
                  << sizes[run] << " jobs (demo workspace generated in " << timer.elapsed() / 1000.0 << " s)"
                  << Qt::endl;
        } else {
            out() << "\n" << path << " (existing workspace)" << Qt::endl;
        }
        Workspace workspace;
        if (!workspace.open(path, &error)) {
            out() << error << Qt::endl;
            return 1;
        }
        resetPeakRss();
        timer.restart();
        FeatureSet features;
        if (!FeatureExtractor::extract(workspace.database(), {}, &features, &error)) {
            out() << error << Qt::endl;
            return 1;
        }
        const double extractSeconds = timer.elapsed() / 1000.0;
        timer.restart();
        TrainingResult result;
        if (!ModelTrainer::train(features, {}, nullptr, {}, &result, &error)) {
            out() << error << Qt::endl;
            return 1;
        }
        const double trainSeconds = timer.elapsed() / 1000.0;
        const qint64 peak = peakRssKiB();
        const qsizetype jobs = features.size();
        if (firstSize == 0) {
            firstSize = jobs;
            firstTrainSeconds = trainSeconds;
        }
        const QJsonObject& m = result.model.metrics;
        out() << "  features: " << extractSeconds << " s (" << qint64(features.size() / std::max(1e-9, extractSeconds))
              << " jobs/s)" << Qt::endl;
        out() << "  training (" << result.model.family() << ", " << result.trainRows << " train rows, "
              << result.testRows << " held out): " << trainSeconds << " s; x" << trainSeconds / firstTrainSeconds
              << " the " << firstSize << "-job run for x" << double(jobs) / double(firstSize) << " the jobs; x"
              << trainSeconds / std::max(1e-9, extractSeconds) << " the feature extraction" << Qt::endl;
        out() << "  final fit on " << result.trainRows << " of " << result.trainRowsAvailable << " training rows"
              << (result.trainRows < result.trainRowsAvailable ? " (stratified sample)" : "") << Qt::endl;
        out() << "  peak RSS (VmHWM) during extraction + training: " << peak / 1024.0 << " MiB" << Qt::endl;
        out() << "  held out: R2(log) " << m.value(QStringLiteral("r2_log")).toDouble() << ", MAE "
              << m.value(QStringLiteral("mae_ms")).toDouble() << " ms, median q-error "
              << m.value(QStringLiteral("median_q_error")).toDouble() << ", within 20% "
              << m.value(QStringLiteral("within_20pct")).toDouble() << ", 80% interval coverage "
              << m.value(QStringLiteral("coverage_80")).toDouble()
              << ", reference (shape median of other held-out runs) within 20% "
              << m.value(QStringLiteral("repeat_within_20pct")).toDouble() << Qt::endl;

        // Prediction throughput over every row, next to a plain dot product over the same rows.
        timer.restart();
        double sink = 0;
        for (qsizetype i = 0; i < features.size(); ++i)
            sink += result.model.predictLog(features.row(i));
        const double predictSeconds = std::max(1e-9, secondsSince(timer));
        timer.restart();
        double reference = 0;
        for (qsizetype i = 0; i < features.size(); ++i) {
            const double* row = features.row(i);
            for (int f = 0; f < features.width(); ++f)
                reference += row[f] * (0.01 * f);
        }
        const double referenceSeconds = std::max(1e-9, secondsSince(timer));
        out() << "  prediction: " << qint64(features.size() / predictSeconds) << " jobs/s ("
              << predictSeconds / referenceSeconds << "x the time of a plain dot product per row; checksums " << sink
              << " " << reference << ")" << Qt::endl;
        workspace.close();
        if (generated)
            QFile::remove(path);
    }
    return 0;
}
