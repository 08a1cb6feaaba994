#include "reflectionunuseddetector.h"

namespace dopt {

namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
constexpr qint64 kMsPerDay = 24LL * 3600 * 1000;
// The window must be long enough for "never chosen" to mean something.
constexpr int kMinJobs = 100;

bool disabled(const ReflectionUsage& r)
{
    return r.status.compare(QLatin1String("DISABLED"), Qt::CaseInsensitive) == 0;
}

} // namespace

AnalysisText ReflectionUnusedDetector::description() const
{
    return AnalysisText(QT_TRANSLATE_NOOP(
        "dopt::AnalysisText", "Reflection never chosen over the window (footprint and refresh cost as evidence)"));
}

QVector<Finding> ReflectionUnusedDetector::detect(const DetectorInput& input) const
{
    Q_UNUSED(input);
    return {};
}

QVector<Finding> ReflectionUnusedDetector::detectWorkspace(const WorkspaceFacts& facts) const
{
    QVector<Finding> findings;
    if (facts.jobs < kMinJobs)
        return findings;
    // Job-level relationships are the direct evidence; without them only Dremio's counters remain.
    const bool jobLevel = facts.jobsWithAcceleration > 0;
    const double days = std::max(1.0, double(facts.windowEndMs - facts.windowStartMs) / double(kMsPerDay));
    for (const ReflectionUsage& r : facts.reflections) {
        if (disabled(r) || r.jobsChosen > 0 || r.chosenCount > 0)
            continue;
        if (!jobLevel && r.chosenCount < 0)
            continue; // nothing says whether it was used
        const double footprint = double(std::max<qint64>(0, r.footprintBytes));
        const double refreshMs = double(std::max<qint64>(0, r.lastRefreshDurationMs));
        const Severity severity = footprint >= 10 * kGiB || refreshMs >= 600000 ? Severity::High
            : footprint >= kGiB || refreshMs >= 60000                           ? Severity::Medium
                                                                                : Severity::Low;
        Finding f;
        f.detectorId = id();
        f.severity = severity;
        f.confidence = jobLevel ? 0.85 : 0.6;
        f.setTitle(
            AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "Reflection %1 on %2 was never chosen in %3 jobs"))
                .arg(r.name.isEmpty() ? r.reflectionId : r.name)
                .arg(r.datasetPath)
                .argInteger(facts.jobs));
        f.fingerprint = QStringLiteral("reflection:") + r.reflectionId;
        f.operatorKey = r.reflectionId;
        f.addEvidence(QStringLiteral("jobs_in_window"), facts.jobs, QStringLiteral("jobs"));
        f.addEvidence(QStringLiteral("jobs_considered"), r.jobsConsidered, QStringLiteral("jobs"));
        f.addEvidence(QStringLiteral("jobs_matched"), r.jobsMatched, QStringLiteral("jobs"));
        if (r.consideredCount >= 0)
            f.addEvidence(QStringLiteral("considered_count"), double(r.consideredCount), QStringLiteral("count"));
        if (r.chosenCount >= 0)
            f.addEvidence(QStringLiteral("chosen_count"), double(r.chosenCount), QStringLiteral("count"));
        if (r.footprintBytes >= 0)
            f.addEvidence(QStringLiteral("footprint"), footprint, QStringLiteral("bytes"));
        if (r.lastRefreshDurationMs >= 0)
            f.addEvidence(QStringLiteral("last_refresh_duration"), refreshMs, QStringLiteral("ms"));
        // Saving: the refresh work over the window, assuming Dremio's default daily refresh.
        f.improvementMs = qint64(refreshMs * days);
        f.setRecommendation(AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
            "Drop the reflection (or disable it): no query used it, yet it takes storage and refresh time.")));
        f.action = ActionKind::DropReflection;
        findings.append(f);
    }
    return findings;
}

} // namespace dopt
