#include "nplusonedetector.h"

namespace dopt {

namespace {

// Hundreds of runs of one shape inside the burst window is an application looping, not people.
constexpr int kMinBurstRuns = 200;
// A thousand: the loop is the workload's main cost: high severity.
constexpr int kHighBurstRuns = 1000;
// Each run fetching a handful of rows is what a single batched query would return at once.
constexpr double kMaxMedianRows = 10;

} // namespace

AnalysisText NPlusOneDetector::description() const
{
    return AnalysisText(QT_TRANSLATE_NOOP(
        "dopt::AnalysisText", "One shape run hundreds of times in a short window, each returning few rows"));
}

QVector<Finding> NPlusOneDetector::detect(const DetectorInput& input) const
{
    const RunBurst& burst = input.context->burst;
    const Job& job = *input.job;
    if (burst.runs < kMinBurstRuns || burst.medianRowsReturned < 0 || burst.medianRowsReturned > kMaxMedianRows)
        return {};
    const qint64 submitted = job.submittedMs.value_or(-1);
    if (submitted < burst.startMs || submitted > burst.endMs)
        return {};
    Finding finding = makeFinding(input, burst.runs >= kHighBurstRuns ? Severity::High : Severity::Medium, 0.7,
        AnalysisText(QT_TRANSLATE_NOOP(
                         "dopt::AnalysisText", "Same statement shape run %1 times within %2 min, median %3 rows each"))
            .argInteger(burst.runs)
            .argNumber(double(burst.endMs - burst.startMs) / 60000.0, 'f', 1)
            .argNumber(burst.medianRowsReturned, 'f', 0));
    finding.addEvidence(QStringLiteral("runs_in_window"), burst.runs, QStringLiteral("runs"));
    finding.addEvidence(QStringLiteral("window"), double(burst.endMs - burst.startMs), QStringLiteral("ms"));
    finding.addEvidence(QStringLiteral("median_rows_returned"), burst.medianRowsReturned, QStringLiteral("rows"));
    finding.addEvidence(QStringLiteral("top_user_share"), burst.topUserShare, QStringLiteral("ratio"));
    // One batched query replaces the loop: all but one run's time is saved.
    finding.improvementMs = qint64(job.durationMs.value_or(0) * (1.0 - 1.0 / burst.runs));
    finding.improvementShare = shareOf(double(finding.improvementMs), input);
    finding.setRecommendation(burst.topUser.isEmpty()
            ? AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
                "Fetch the rows in one query (an IN list or a join with the keys) instead of one query "
                "per key."))
            : AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
                               "Fetch the rows in one query (an IN list or a join with the keys) instead of one query "
                               "per key (mostly from %1)."))
                  .arg(burst.topUser));
    finding.action = ActionKind::SqlRewrite;
    return {finding};
}

} // namespace dopt
