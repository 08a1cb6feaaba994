// dremio-optimizer-cli train / predict / patterns: the run-time model and the workload's rhythm.
#include "clicommandregistry.h"
#include "clisupport.h"
#include "ml/modelstore.h"
#include "ml/parameteradvisor.h"
#include "ml/runtimemodelservice.h"
#include "ml/workloadpatterns.h"
#include "store/workspace.h"
#include "tasks/taskcontext.h"

#include <QJsonArray>
#include <QJsonObject>

namespace dopt::cli {

namespace {

constexpr double RetrainGrowth = 1.2;

int trainCommand(Workspace& workspace, Arguments args)
{
    QString error;
    const bool json = args.takeFlag(QStringLiteral("--json"));
    const bool ifNeeded = args.takeFlag(QStringLiteral("--if-needed"));
    QString families;
    if (!args.takeValue(QStringLiteral("--family"), &families, &error)
        || !args.noneLeft(QStringLiteral("train"), &error))
        return fail(error);
    if (ifNeeded) {
        // Retrain only when the completed jobs grew by a fifth since the active model was trained.
        const std::optional<qint64> completed = RuntimeModelService::completedJobCount(workspace.database(), &error);
        if (!completed)
            return fail(error);
        ModelStore store(workspace.database());
        const bool needed = store.needsRetrain(*completed, RetrainGrowth, &error);
        if (!error.isEmpty())
            return fail(error);
        if (!needed) {
            err() << "the active model is recent enough (" << *completed << " completed jobs, trained on "
                  << store.activeJobCount(&error).value_or(0) << "): not retrained" << Qt::endl;
            if (json)
                printJson(QJsonObject {{QStringLiteral("retrained"), false}});
            return ExitOk;
        }
    }
    TrainingOptions options;
    if (!families.isEmpty())
        options.families = families.split(QLatin1Char(','), Qt::SkipEmptyParts);
    TaskContext context(1, std::make_shared<std::atomic_bool>(false), tenthsProgress());
    TrainingResult result;
    if (!RuntimeModelService::train(workspace.database(), options, &context, &result, &error))
        return fail(error);
    const RuntimeModel& model = result.model;
    if (json) {
        QJsonArray cv;
        for (const CandidateScore& score : std::as_const(result.candidates))
            cv.append(QJsonObject {{QStringLiteral("family"), score.family},
                {QStringLiteral("hyperparameters"), score.hyperparameters},
                {QStringLiteral("cv_mae_log"), score.cvMaeLog}});
        printJson(QJsonObject {{QStringLiteral("model_id"), model.id}, {QStringLiteral("family"), model.family()},
            {QStringLiteral("hyperparameters"), model.hyperparameters}, {QStringLiteral("metrics"), model.metrics},
            {QStringLiteral("importance"), model.importance},
            {QStringLiteral("features"), QJsonArray::fromStringList(model.features)},
            {QStringLiteral("train_rows"), qint64(result.trainRows)},
            {QStringLiteral("train_rows_available"), qint64(result.trainRowsAvailable)},
            {QStringLiteral("test_rows"), qint64(result.testRows)}, {QStringLiteral("candidates"), cv},
            {QStringLiteral("predictions_stored"), result.predictionsStored}});
        return ExitOk;
    }
    const QJsonObject& m = model.metrics;
    out() << "model " << model.id << ": " << model.family() << " on " << result.trainRows << " jobs";
    if (result.trainRows < result.trainRowsAvailable)
        out() << " (a sample stratified by fingerprint of " << result.trainRowsAvailable << ")";
    out() << ", tested on " << result.testRows << " later jobs" << Qt::endl;
    out() << QStringLiteral("  R² (log) %1, MAE %2 ms, median q-error %3, within 20%: %4%, 80% interval coverage %5%")
                 .arg(m.value(QStringLiteral("r2_log")).toDouble(), 0, 'f', 3)
                 .arg(m.value(QStringLiteral("mae_ms")).toDouble(), 0, 'f', 0)
                 .arg(m.value(QStringLiteral("median_q_error")).toDouble(), 0, 'f', 3)
                 .arg(100 * m.value(QStringLiteral("within_20pct")).toDouble(), 0, 'f', 1)
                 .arg(100 * m.value(QStringLiteral("coverage_80")).toDouble(), 0, 'f', 1)
          << Qt::endl;
    if (m.contains(QStringLiteral("repeat_within_20pct")))
        out() << QStringLiteral("  reference: %1% of %2 held-out runs are within 20% of the median of their query "
                                "shape's other held-out runs (run-to-run variation)")
                     .arg(100 * m.value(QStringLiteral("repeat_within_20pct")).toDouble(), 0, 'f', 1)
                     .arg(m.value(QStringLiteral("repeat_rows")).toInteger())
              << Qt::endl;
    out() << "  most important features:";
    for (qsizetype i = 0; i < std::min<qsizetype>(5, model.importance.size()); ++i)
        out() << ' ' << model.importance[i].toObject().value(QStringLiteral("feature")).toString();
    out() << Qt::endl;
    return ExitOk;
}

int predictCommand(Workspace& workspace, Arguments args)
{
    QString error;
    const bool json = args.takeFlag(QStringLiteral("--json"));
    const QStringList rest = args.rest();
    if (rest.size() != 1 || rest.first().startsWith(QLatin1String("--")))
        return fail(QStringLiteral("predict needs exactly one JOB_ID (got %1 arguments)").arg(rest.size()));
    const std::optional<RuntimePrediction> prediction
        = RuntimeModelService::predictJob(workspace.database(), rest.first(), &error);
    if (!prediction)
        return fail(error);
    if (json) {
        printJson(QJsonObject {{QStringLiteral("job_id"), rest.first()},
            {QStringLiteral("predicted_ms"), prediction->predictedMs}, {QStringLiteral("low_ms"), prediction->lowMs},
            {QStringLiteral("high_ms"), prediction->highMs}});
        return ExitOk;
    }
    out() << QStringLiteral("%1: predicted %2 ms (80% interval %3 - %4 ms)")
                 .arg(rest.first())
                 .arg(prediction->predictedMs, 0, 'f', 0)
                 .arg(prediction->lowMs, 0, 'f', 0)
                 .arg(prediction->highMs, 0, 'f', 0)
          << Qt::endl;
    return ExitOk;
}

int patternsCommand(Workspace& workspace, Arguments args)
{
    QString error;
    const bool json = args.takeFlag(QStringLiteral("--json"));
    if (!args.noneLeft(QStringLiteral("patterns"), &error))
        return fail(error);
    WorkloadAnalysis analysis;
    if (!WorkloadPatterns::analyzeWorkspace(workspace.database(), nullptr, &analysis, &error)
        || !WorkloadPatterns::store(workspace.database(), analysis, &error))
        return fail(error);
    if (!analysis.missing.isEmpty())
        err() << "note: " << analysis.missing << Qt::endl;
    if (json) {
        QJsonArray array;
        for (const WorkloadPattern& pattern : std::as_const(analysis.patterns))
            array.append(
                QJsonObject {{QStringLiteral("type"), pattern.type}, {QStringLiteral("confidence"), pattern.confidence},
                    {QStringLiteral("fingerprint"), pattern.fingerprint}, {QStringLiteral("sql"), pattern.sql},
                    {QStringLiteral("detail"), pattern.detail}});
        printJson(array);
        return ExitOk;
    }
    QStringList peaks;
    for (int hour : std::as_const(analysis.peakHours))
        peaks.append(QStringLiteral("%1:00").arg(hour, 2, 10, QLatin1Char('0')));
    out() << QStringLiteral("%1 days; peak hours (UTC) %2; autocorrelation 24 h %3, 168 h %4")
                 .arg(analysis.days, 0, 'f', 1)
                 .arg(peaks.isEmpty() ? QStringLiteral("none") : peaks.join(QStringLiteral(", ")))
                 .arg(analysis.autocorrelation24, 0, 'f', 3)
                 .arg(analysis.autocorrelation168, 0, 'f', 3)
          << Qt::endl;
    for (const WorkloadPattern& pattern : std::as_const(analysis.patterns)) {
        out() << pattern.type << "  confidence " << QString::number(pattern.confidence, 'f', 2);
        if (!pattern.fingerprint.isEmpty())
            out() << "  " << pattern.fingerprint << " at "
                  << pattern.detail.value(QStringLiteral("time_utc")).toString() << " UTC  "
                  << pattern.sql.simplified().left(80);
        out() << Qt::endl;
    }
    return ExitOk;
}

int adviseCommand(Workspace& workspace, Arguments args)
{
    QString error;
    const bool json = args.takeFlag(QStringLiteral("--json"));
    if (!args.noneLeft(QStringLiteral("advise"), &error))
        return fail(error);
    QVector<ParameterAdvice> advice;
    if (!ParameterAdvisor::analyzeWorkspace(workspace.database(), nullptr, &advice, &error)
        || !ParameterAdvisor::store(workspace.database(), advice, &error))
        return fail(error);
    if (json) {
        QJsonArray array;
        for (const ParameterAdvice& one : std::as_const(advice))
            array.append(QJsonObject {{QStringLiteral("fingerprint"), one.fingerprint},
                {QStringLiteral("parameter"), one.parameter}, {QStringLiteral("recommended"), one.recommendedValue},
                {QStringLiteral("confidence"), one.confidence}, {QStringLiteral("sql"), one.sql},
                {QStringLiteral("detail"), one.detail}});
        printJson(array);
        return ExitOk;
    }
    for (const ParameterAdvice& one : std::as_const(advice))
        out() << one.fingerprint << "  " << one.parameter << " = " << one.recommendedValue << "  confidence "
              << QString::number(one.confidence, 'f', 2) << "  " << one.sql.simplified().left(80) << Qt::endl;
    if (advice.isEmpty())
        out() << "no parameter shows a consistent relation with run time" << Qt::endl;
    return ExitOk;
}

const bool trainRegistered = CliCommandRegistry::add({QStringLiteral("train"),
    QStringLiteral(
        "train [--json] [--if-needed] [--family ridge,kernel_ridge_rbf,random_forest]\n"
        "    trains the run-time model (cross-validation picks family and settings), stores it, prints its "
        "held-out metrics;\n    --if-needed: only when the completed jobs grew by 20% since the active model"),
    true, trainCommand});
const bool predictRegistered = CliCommandRegistry::add({QStringLiteral("predict"),
    QStringLiteral(
        "predict JOB_ID [--json]\n"
        "    predicted run time of a job with its 80% interval: {\"predicted_ms\", \"low_ms\", \"high_ms\"}"),
    true, predictCommand});
const bool patternsRegistered = CliCommandRegistry::add({QStringLiteral("patterns"),
    QStringLiteral(
        "patterns [--json]\n"
        "    workload rhythm: hourly_peak, daily_cycle, weekly_pattern, batch_job with confidences (stored)"),
    true, patternsCommand});
const bool adviseRegistered = CliCommandRegistry::add({QStringLiteral("advise"),
    QStringLiteral("advise [--json]\n"
                   "    parameter advice per query shape (LIMIT size, queue, engine) with a confidence (stored)"),
    true, adviseCommand});

} // namespace

} // namespace dopt::cli
