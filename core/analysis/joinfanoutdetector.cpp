#include "joinfanoutdetector.h"

#include <algorithm>

namespace dopt {

namespace {

// Ten output rows per row of the larger input is no longer a lookup join: keys repeat on both sides.
constexpr double kMinFanout = 10.0;
// At a hundred the result is dominated by duplicates: high severity.
constexpr double kHighFanout = 100.0;
// Small joins may legitimately multiply rows (calendar expansion, a few pairs); a million rows is a cost.
constexpr double kMinOutputRows = 1e6;

bool isJoin(const QString& type)
{
    return type == QLatin1String("HASH_JOIN") || type == QLatin1String("MERGE_JOIN")
        || type == QLatin1String("NESTED_LOOP_JOIN");
}

} // namespace

AnalysisText JoinFanoutDetector::description() const
{
    return AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "Join output many times its larger input"));
}

QVector<Finding> JoinFanoutDetector::detect(const DetectorInput& input) const
{
    QVector<Finding> findings;
    for (const PlanNode& node : input.tree->nodes) {
        if (!isJoin(node.typeName) || node.outputRecords < 0 || node.inputRecordsPerInput.size() < 2)
            continue;
        const qint64 larger = *std::max_element(node.inputRecordsPerInput.begin(), node.inputRecordsPerInput.end());
        if (larger <= 0)
            continue;
        const double output = double(node.outputRecords);
        const double fanout = output / double(larger);
        if (fanout < kMinFanout || output < kMinOutputRows)
            continue;
        Finding finding = makeFinding(input, fanout >= kHighFanout ? Severity::High : Severity::Medium, 0.85,
            AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "%1 %2 returns %3× the rows of its larger input"))
                .arg(node.typeName)
                .arg(node.key)
                .argNumber(fanout, 'f', 0));
        finding.operatorKey = node.key;
        finding.addEvidence(QStringLiteral("probe_rows"), double(node.inputRecordsPerInput[0]), QStringLiteral("rows"));
        finding.addEvidence(QStringLiteral("build_rows"), double(node.inputRecordsPerInput[1]), QStringLiteral("rows"));
        finding.addEvidence(QStringLiteral("output_rows"), output, QStringLiteral("rows"));
        finding.addEvidence(QStringLiteral("fanout"), fanout, QStringLiteral("ratio"));
        // The join and what consumes its output scale with the duplicated rows; the join's own time is
        // the part the profile measures directly.
        finding.improvementMs = qint64(wallMs(node) * (1.0 - 1.0 / fanout));
        finding.improvementShare = shareOf(double(finding.improvementMs), input);
        finding.setRecommendation(AnalysisText(
            QT_TRANSLATE_NOOP("dopt::AnalysisText",
                "Check the join condition (%1): join on a unique key, add the missing key column, or de-duplicate / "
                "aggregate one side before joining."))
                                      .arg(node.detail.isEmpty() ? node.key : node.detail.left(160)));
        finding.action = ActionKind::SqlRewrite;
        findings.append(finding);
    }
    return findings;
}

} // namespace dopt
