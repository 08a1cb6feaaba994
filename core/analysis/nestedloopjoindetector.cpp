#include "nestedloopjoindetector.h"

#include <algorithm>

namespace dopt {

namespace {

// A nested-loop join compares every pair: 10^8 pairs take seconds. Below that (a scalar subquery
// joined to a single row, a tiny cross join) it is the right plan.
constexpr double kMinPairs = 1e8;
// Or it simply takes long: a second of processing.
constexpr qint64 kMinProcessNs = 1'000'000'000LL;
// Half of the query's processing in one nested-loop join: high severity.
constexpr double kHighShare = 0.5;

} // namespace

AnalysisText NestedLoopJoinDetector::description() const
{
    return AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "Nested-loop join over large inputs"));
}

QVector<Finding> NestedLoopJoinDetector::detect(const DetectorInput& input) const
{
    QVector<Finding> findings;
    for (const PlanNode& node : input.tree->nodes) {
        if (node.typeName != QLatin1String("NESTED_LOOP_JOIN"))
            continue;
        double pairs = -1;
        if (node.inputRecordsPerInput.size() >= 2 && node.inputRecordsPerInput[0] >= 0
            && node.inputRecordsPerInput[1] >= 0)
            pairs = double(node.inputRecordsPerInput[0]) * double(node.inputRecordsPerInput[1]);
        if (pairs < kMinPairs && node.processNs < kMinProcessNs)
            continue;
        const double share = processShare(*input.tree, node);
        Finding finding = makeFinding(input, share >= kHighShare ? Severity::High : Severity::Medium, 0.75,
            AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "Nested-loop join %1 compares %2 row pairs"))
                .arg(node.key)
                .argNumber(pairs, 'g', 3));
        finding.operatorKey = node.key;
        if (pairs >= 0) {
            finding.addEvidence(
                QStringLiteral("left_rows"), double(node.inputRecordsPerInput[0]), QStringLiteral("rows"));
            finding.addEvidence(
                QStringLiteral("right_rows"), double(node.inputRecordsPerInput[1]), QStringLiteral("rows"));
            finding.addEvidence(QStringLiteral("row_pairs"), pairs, QStringLiteral("rows"));
        }
        finding.addEvidence(QStringLiteral("process_time"), double(node.processNs) / 1e6, QStringLiteral("ms"));
        finding.addEvidence(QStringLiteral("share_of_processing"), share, QStringLiteral("ratio"));
        // A hash join on an equality condition would take a small fraction of the loop's time.
        finding.improvementMs = qint64(wallMs(node) * 0.8);
        finding.improvementShare = shareOf(double(finding.improvementMs), input);
        finding.setRecommendation(AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
            "Give the join an equality condition (or move range/OR conditions into a WHERE after an equi-join) so "
            "Dremio can use a hash join.")));
        finding.action = ActionKind::SqlRewrite;
        findings.append(finding);
    }
    return findings;
}

} // namespace dopt
