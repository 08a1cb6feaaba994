#include "rowestimatedetector.h"

#include <algorithm>

namespace dopt {

namespace {

// Cost-based choices (join order, broadcast vs shuffle) change once an estimate is off by an order of magnitude.
constexpr double kMinRatio = 10.0;
// Off by two orders of magnitude: the plan is built on a wrong picture of the data.
constexpr double kMediumRatio = 100.0;
// Operators taking less than 5 % of the processing cannot cost much whatever the plan.
constexpr double kMinShare = 0.05;
// Below a thousand rows on both sides, ratios are noise (1 estimated vs 40 actual changes nothing).
constexpr double kMinRows = 1000;
// Below half a second of processing no better plan saves anything a user notices (the 21.6 samples:
// a 1000x misestimated aggregate over a 5,000-row CSV, done in milliseconds).
constexpr qint64 kMinProcessNs = 500'000'000LL;

// Exchanges and the screen copy their producer's figures: a misestimate shows at the producer.
bool estimatedOperator(const QString& type)
{
    return !(type.endsWith(QLatin1String("_SENDER")) || type.endsWith(QLatin1String("_RECEIVER"))
        || type == QLatin1String("SCREEN") || type == QLatin1String("PROJECT")
        || type == QLatin1String("SELECTION_VECTOR_REMOVER") || type.endsWith(QLatin1String("_WRITER"))
        || type.endsWith(QLatin1String("WRITER_COMMITTER"))); // writers output one summary row per file
}

} // namespace

AnalysisText RowEstimateDetector::description() const
{
    return AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
        "Planner row estimate off by > 10x on an operator taking > 5% of the time (and > 0.5 s)"));
}

QVector<Finding> RowEstimateDetector::detect(const DetectorInput& input) const
{
    QVector<Finding> findings;
    for (const PlanNode& node : input.tree->nodes) {
        if (node.estimatedRows < 0 || node.outputRecords < 0 || node.processNs < kMinProcessNs
            || !estimatedOperator(node.typeName))
            continue;
        const double actual = double(node.outputRecords);
        const double estimate = node.estimatedRows;
        if (std::max(actual, estimate) < kMinRows)
            continue;
        const double ratio = std::max(actual, estimate) / std::max(1.0, std::min(actual, estimate));
        const double share = processShare(*input.tree, node);
        if (ratio <= kMinRatio || share <= kMinShare)
            continue;
        const bool under = actual > estimate;
        Finding finding = makeFinding(input, ratio >= kMediumRatio ? Severity::Medium : Severity::Low, 0.6,
            (under ? AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "%1 %2: planner underestimated the rows %3×"))
                   : AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "%1 %2: planner overestimated the rows %3×")))
                .arg(node.typeName)
                .arg(node.key)
                .argNumber(ratio, 'f', 0));
        finding.operatorKey = node.key;
        finding.addEvidence(QStringLiteral("estimated_rows"), estimate, QStringLiteral("rows"));
        finding.addEvidence(QStringLiteral("actual_rows"), actual, QStringLiteral("rows"));
        finding.addEvidence(QStringLiteral("ratio"), ratio, QStringLiteral("ratio"));
        finding.addEvidence(QStringLiteral("share_of_processing"), share, QStringLiteral("ratio"));
        // What a better plan would save cannot be read off the profile: no estimate is claimed.
        finding.improvementMs = 0;
        finding.setRecommendation(AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
            "Refresh the table's metadata and statistics (ALTER TABLE ... REFRESH METADATA / ANALYZE TABLE ... "
            "COMPUTE STATISTICS) so join order and distribution follow the real row counts.")));
        finding.action = ActionKind::Investigate;
        findings.append(finding);
    }
    return findings;
}

} // namespace dopt
