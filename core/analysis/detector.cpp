#include "detector.h"

#include <algorithm>

namespace dopt {

Finding Detector::makeFinding(
    const DetectorInput& input, Severity severity, double confidence, const AnalysisText& title) const
{
    Finding finding;
    finding.detectorId = id();
    finding.severity = severity;
    finding.confidence = confidence;
    finding.setTitle(title);
    finding.fingerprint = input.fingerprint;
    if (!input.job->jobId.isEmpty())
        finding.jobIds.append(input.job->jobId);
    finding.sql = input.job->sql;
    return finding;
}

double Detector::jobDurationMs(const DetectorInput& input)
{
    if (input.job->durationMs && *input.job->durationMs > 0)
        return *input.job->durationMs;
    return double(input.tree->totalProcessNs()) / 1e6;
}

double Detector::processShare(const PlanTree& tree, const PlanNode& node)
{
    const qint64 total = tree.totalProcessNs();
    return total > 0 ? double(node.processNs) / double(total) : 0.0;
}

double Detector::wallMs(const PlanNode& node)
{
    return double(node.processNs) / double(std::max(1, node.threadCount)) / 1e6;
}

QString Detector::scannedTable(const QString& detail)
{
    const qsizetype start = detail.indexOf(QLatin1String("table="));
    if (start < 0)
        return {};
    QString value = detail.mid(start + 6);
    if (value.startsWith(QLatin1Char('[')))
        return value.mid(1, value.indexOf(QLatin1Char(']')) - 1);
    const qsizetype end = value.indexOf(QLatin1String(" condition="));
    return (end < 0 ? value : value.left(end)).trimmed();
}

double Detector::shareOf(double improvementMs, const DetectorInput& input)
{
    const double duration = jobDurationMs(input);
    return duration > 0 ? std::clamp(improvementMs / duration, 0.0, 1.0) : 0.0;
}

} // namespace dopt
