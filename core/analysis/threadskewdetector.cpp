#include "threadskewdetector.h"

namespace dopt {

namespace {

// Dremio's rule (QueryProfileUtil): below 4 threads or 1 s of processing, unevenness is not worth a warning.
constexpr int kMinThreads = 4;
constexpr qint64 kMinProcessNs = 1'000'000'000LL;
// Dremio's rule alone flags 5 threads where 4 sit just below the average (slowest 1.1x the average):
// balancing them would save under a tenth of the operator's time. Require the slowest thread to take
// at least 1.5x the average, so balancing saves at least a third of the operator's wall time.
constexpr double kMinMaxOverAvg = 1.5;
// An operator taking a third of the query's processing dominates it: skew there is high severity.
constexpr double kHighShare = 0.3;

} // namespace

AnalysisText ThreadSkewDetector::description() const
{
    return AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
        "Operator whose work falls on a few threads (> 3 threads, > 1 s, > 75% of threads below "
        "average, slowest >= 1.5x average)"));
}

QVector<Finding> ThreadSkewDetector::detect(const DetectorInput& input) const
{
    QVector<Finding> findings;
    for (const PlanNode& node : input.tree->nodes) {
        // The parser applies the 75 %-below-average part with the per-thread figures; the thresholds
        // are re-checked so a hand-made or foreign tree cannot slip through.
        if (!node.skewed || node.threadCount < kMinThreads || node.processNs <= kMinProcessNs)
            continue;
        const ThreadSpread& spread = node.processNsSpread;
        const double maxOverAvg = spread.avg > 0 ? spread.max / spread.avg : 0;
        if (maxOverAvg < kMinMaxOverAvg)
            continue;
        const double share = processShare(*input.tree, node);
        const Severity severity = share >= kHighShare ? Severity::High : Severity::Medium;
        Finding finding = makeFinding(input, severity, 0.8,
            AnalysisText(QT_TRANSLATE_NOOP(
                             "dopt::AnalysisText", "%1 %2: work skewed across %3 threads (slowest %4× the average)"))
                .arg(node.typeName)
                .arg(node.key)
                .argInteger(node.threadCount)
                .argNumber(maxOverAvg, 'f', 1));
        finding.operatorKey = node.key;
        finding.addEvidence(QStringLiteral("threads"), node.threadCount, QStringLiteral("threads"));
        finding.addEvidence(QStringLiteral("process_time"), double(node.processNs) / 1e6, QStringLiteral("ms"));
        finding.addEvidence(QStringLiteral("thread_time_max"), spread.max / 1e6, QStringLiteral("ms"));
        finding.addEvidence(QStringLiteral("thread_time_avg"), spread.avg / 1e6, QStringLiteral("ms"));
        finding.addEvidence(QStringLiteral("thread_records_max"), node.recordsSpread.max, QStringLiteral("rows"));
        finding.addEvidence(QStringLiteral("thread_records_avg"), node.recordsSpread.avg, QStringLiteral("rows"));
        finding.addEvidence(QStringLiteral("share_of_processing"), share, QStringLiteral("ratio"));
        // Balanced threads would all finish at the average: the slowest thread's excess is the saving.
        finding.improvementMs = qint64(std::max(0.0, spread.max - spread.avg) / 1e6);
        finding.improvementShare = shareOf(double(finding.improvementMs), input);
        finding.setRecommendation(AnalysisText(
            QT_TRANSLATE_NOOP("dopt::AnalysisText",
                "Find the hot key of the distribution (%1): filter or pre-aggregate it, salt the key, or let the "
                "planner broadcast the smaller side."))
                                      .arg(node.detail.isEmpty() ? node.typeName : node.detail.left(160)));
        finding.action = ActionKind::SqlRewrite;
        findings.append(finding);
    }
    return findings;
}

} // namespace dopt
