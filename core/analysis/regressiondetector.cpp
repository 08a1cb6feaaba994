#include "regressiondetector.h"

#include "baselinecalculator.h"

#include <QDateTime>

namespace dopt {

AnalysisText RegressionDetector::description() const
{
    return AnalysisText(
        QT_TRANSLATE_NOOP("dopt::AnalysisText", "Recent runs significantly slower than the fingerprint's baseline"));
}

QVector<Finding> RegressionDetector::detect(const DetectorInput& input) const
{
    const std::optional<Baseline>& baseline = input.context->baseline;
    if (!baseline || !baseline->regression)
        return {};
    const Regression& r = *baseline->regression;
    const Job& job = *input.job;
    if (!job.submittedMs || *job.submittedMs < r.sinceMs || !job.durationMs)
        return {};
    const bool high = r.p95Ratio >= BaselineCalculator::Options {}.highP95Ratio;
    Finding finding = makeFinding(input, high ? Severity::High : Severity::Medium, 0.9,
        AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "%1× slower since %2 (median %3 s → %4 s)"))
            .argNumber(r.medianRatio, 'f', 1)
            .arg(QDateTime::fromMSecsSinceEpoch(r.sinceMs, Qt::UTC).toString(Qt::ISODate))
            .argNumber(r.baselineP50 / 1000, 'f', 1)
            .argNumber(r.recentP50 / 1000, 'f', 1));
    finding.addEvidence(QStringLiteral("baseline_p50"), r.baselineP50, QStringLiteral("ms"));
    finding.addEvidence(QStringLiteral("baseline_p95"), r.baselineP95, QStringLiteral("ms"));
    finding.addEvidence(QStringLiteral("recent_p50"), r.recentP50, QStringLiteral("ms"));
    finding.addEvidence(QStringLiteral("recent_p95"), r.recentP95, QStringLiteral("ms"));
    finding.addEvidence(QStringLiteral("median_ratio"), r.medianRatio, QStringLiteral("ratio"));
    finding.addEvidence(QStringLiteral("p95_ratio"), r.p95Ratio, QStringLiteral("ratio"));
    finding.addEvidence(QStringLiteral("p_value"), r.pValue, QStringLiteral("p"));
    finding.addEvidence(QStringLiteral("baseline_runs"), r.baselineSize, QStringLiteral("runs"));
    finding.addEvidence(QStringLiteral("recent_runs"), r.recentSize, QStringLiteral("runs"));
    finding.addEvidence(QStringLiteral("since"), double(r.sinceMs), QStringLiteral("epoch_ms"));
    // Back to the baseline's median.
    finding.improvementMs = qint64(std::max(0.0, *job.durationMs - r.baselineP50));
    finding.improvementShare = shareOf(double(finding.improvementMs), input);
    finding.setRecommendation(AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
        "Compare a recent profile with one from before the change (plan, rows and files scanned, reflections "
        "used, queue) to find what changed.")));
    finding.action = ActionKind::Investigate;
    return {finding};
}

} // namespace dopt
