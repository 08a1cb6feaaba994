#include "reflectionmissingdetector.h"

#include "sqlshape.h"

namespace dopt {

namespace {

// Frequent: the shape ran at least this often in the workspace.
constexpr int kMinRuns = 20;
// Slow: its median run takes this long (a reflection typically answers in under a second).
constexpr double kMinMedianMs = 5000;
constexpr double kHighMedianMs = 30000;
constexpr int kHighRuns = 100;
// Worth a reflection's storage and refreshes: the shape costs at least ten minutes over the window.
constexpr double kMinTotalMs = 10 * 60 * 1000;
// What an accelerated run still costs: planning and reading the reflection.
constexpr double kAcceleratedFloorMs = 500;
constexpr double kAcceleratedShare = 0.1;

bool readsSystemTables(const QString& sql)
{
    return sql.contains(QLatin1String("sys."), Qt::CaseInsensitive)
        || sql.contains(QLatin1String("INFORMATION_SCHEMA"), Qt::CaseInsensitive);
}

} // namespace

AnalysisText ReflectionMissingDetector::description() const
{
    return AnalysisText(
        QT_TRANSLATE_NOOP("dopt::AnalysisText", "Slow, frequent, unaccelerated query shape a reflection would serve"));
}

QVector<Finding> ReflectionMissingDetector::detect(const DetectorInput& input) const
{
    const Job& job = *input.job;
    const FingerprintContext& context = *input.context;
    if (job.accelerated || job.state != QLatin1String("COMPLETED") || !job.durationMs || !context.baseline
        || context.runCount < kMinRuns)
        return {};
    const double median = context.baseline->durationP50;
    if (median < kMinMedianMs || median * context.runCount < kMinTotalMs || *job.durationMs < median / 2)
        return {};
    const SqlShape shape(job.sql);
    if (!shape.isQuery() || readsSystemTables(job.sql) || !job.sql.contains(QLatin1String("FROM"), Qt::CaseInsensitive))
        return {};
    const bool aggregate = job.sql.contains(QLatin1String("GROUP BY"), Qt::CaseInsensitive);
    const Severity severity
        = median >= kHighMedianMs && context.runCount >= kHighRuns ? Severity::High : Severity::Medium;
    Finding f = makeFinding(input, severity, aggregate ? 0.7 : 0.6,
        (aggregate ? AnalysisText(
             QT_TRANSLATE_NOOP("dopt::AnalysisText", "Unaccelerated aggregation shape ran %1 times, median %2 s"))
                   : AnalysisText(
                       QT_TRANSLATE_NOOP("dopt::AnalysisText", "Unaccelerated scan shape ran %1 times, median %2 s")))
            .argInteger(context.runCount)
            .argNumber(median / 1000, 'f', 1));
    f.addEvidence(QStringLiteral("runs"), context.runCount, QStringLiteral("runs"));
    f.addEvidence(QStringLiteral("median_duration"), median, QStringLiteral("ms"));
    f.addEvidence(QStringLiteral("duration"), *job.durationMs, QStringLiteral("ms"));
    if (job.bytesScanned)
        f.addEvidence(QStringLiteral("bytes_scanned"), double(*job.bytesScanned), QStringLiteral("bytes"));
    const double duration = *job.durationMs;
    f.improvementMs = qint64(std::max(0.0, duration - std::max(kAcceleratedFloorMs, duration * kAcceleratedShare)));
    f.improvementShare = shareOf(double(f.improvementMs), input);
    f.setRecommendation(aggregate
            ? AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
                "Create an aggregation reflection on the grouped columns and measures (definition "
                "attached)."))
            : AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
                "Create a raw reflection with the columns this shape reads (definition attached).")));
    f.action = ActionKind::CreateReflection;
    return {f};
}

} // namespace dopt
