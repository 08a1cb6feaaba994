#include "memoryspilldetector.h"

#include <QStringList>
#include <algorithm>

namespace dopt {

namespace {

// Operators that spill by design when their memory is short (others report no spill metrics).
bool spillingOperator(const QString& type)
{
    return type == QLatin1String("EXTERNAL_SORT") || type == QLatin1String("OLD_SORT")
        || type == QLatin1String("TOP_N_SORT") || type == QLatin1String("HASH_AGGREGATE")
        || type == QLatin1String("HASH_JOIN") || type == QLatin1String("MERGE_JOIN")
        || type == QLatin1String("NESTED_LOOP_JOIN") || type == QLatin1String("WINDOW");
}

// A gibibyte written to and read back from local disk costs seconds per thread: high severity.
constexpr qint64 kHighSpillBytes = 1LL << 30;
// Below 100 MiB the spill is a minor cost: low severity.
constexpr qint64 kMediumSpillBytes = 100LL << 20;
// Rough local-disk throughput for writing and reading back spilled data (per executor).
constexpr double kSpillBytesPerMs = 250.0 * 1024 * 1024 / 1000.0;

} // namespace

AnalysisText MemorySpillDetector::description() const
{
    return AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "Sort, aggregate or join spilling to disk"));
}

QVector<Finding> MemorySpillDetector::detectPostgres(const DetectorInput& input) const
{
    double sortNeededKb = 0;
    double hashNeededKb = 0;
    qint64 spilledBytes = 0;
    qint64 improvementMs = 0;
    int operators = 0;
    const PlanNode* worst = nullptr;
    QStringList spilling;
    for (const PlanNode& node : input.tree->nodes) {
        const QMap<QString, qint64>& m = node.metrics;
        const double peakKb = double(m.value(QStringLiteral("peak_memory_kb")));
        double sortKb = 0;
        double hashKb = 0;
        if (m.value(QStringLiteral("sort_disk")))
            sortKb = double(m.value(QStringLiteral("sort_space_used_kb"))) * SortMemoryPerDiskKb;
        else if (node.typeName == QLatin1String("Hash") && m.value(QStringLiteral("hash_batches")) > 1)
            hashKb = peakKb * double(m.value(QStringLiteral("hash_batches")));
        else if (m.value(QStringLiteral("disk_usage_kb")) > 0)
            hashKb = peakKb + double(m.value(QStringLiteral("disk_usage_kb"))) * HashAggMemoryPerDiskKb;
        else if (node.spilledBytes > 0 && !node.typeName.endsWith(QLatin1String("Join")))
            sortKb = double(node.spilledBytes) / 1024.0 * SortMemoryPerDiskKb; // tuplestores: work_mem bound
        // (A hash join's own temp files hold its outer batches: the hash below it is what needs memory.)
        if (sortKb <= 0 && hashKb <= 0)
            continue;
        ++operators;
        sortNeededKb = std::max(sortNeededKb, sortKb);
        hashNeededKb = std::max(hashNeededKb, hashKb);
        const qint64 bytes = node.spilledBytes > 0 ? node.spilledBytes : qint64(std::max(sortKb, hashKb) * 1024 / 2);
        spilledBytes += bytes;
        improvementMs += qint64(std::min(wallMs(node), 2.0 * double(bytes) / kSpillBytesPerMs));
        if (!worst || bytes > worst->spilledBytes)
            worst = &node;
        spilling << QStringLiteral("%1 %2").arg(node.typeName, node.key);
    }
    if (!worst)
        return {};
    const Severity severity = spilledBytes >= kHighSpillBytes ? Severity::High
        : spilledBytes >= kMediumSpillBytes                   ? Severity::Medium
                                                              : Severity::Low;
    Finding finding = makeFinding(input, severity, 0.9,
        AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "%1 spilled %2 MiB to temporary files"))
            .arg(spilling.join(QStringLiteral(", ")))
            .argNumber(double(spilledBytes) / (1 << 20), 'f', 1));
    finding.operatorKey = worst->key;
    finding.addEvidence(QStringLiteral("spilled"), double(spilledBytes), QStringLiteral("bytes"));
    finding.addEvidence(QStringLiteral("operators_spilled"), operators, QStringLiteral("count"));
    finding.addEvidence(QStringLiteral("sort_memory_needed_kb"), sortNeededKb, QStringLiteral("kB"));
    finding.addEvidence(QStringLiteral("hash_memory_needed_kb"), hashNeededKb, QStringLiteral("kB"));
    finding.improvementMs = improvementMs;
    finding.improvementShare = shareOf(double(improvementMs), input);
    finding.setRecommendation(AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
        "Give this statement more work_mem (SET LOCAL work_mem in its transaction) so its sorts and hashes stay "
        "in memory, or reduce the rows reaching them.")));
    finding.action = ActionKind::ParameterChange;
    return {finding};
}

QVector<Finding> MemorySpillDetector::detect(const DetectorInput& input) const
{
    if (input.job->engine.startsWith(QLatin1String("postgres")))
        return detectPostgres(input);
    QVector<Finding> findings;
    for (const PlanNode& node : input.tree->nodes) {
        if (node.spilledBytes <= 0 || !spillingOperator(node.typeName))
            continue;
        const Severity severity = node.spilledBytes >= kHighSpillBytes ? Severity::High
            : node.spilledBytes >= kMediumSpillBytes                   ? Severity::Medium
                                                                       : Severity::Low;
        Finding finding = makeFinding(input, severity, 0.9,
            AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "%1 %2 spilled %3 MiB to disk"))
                .arg(node.typeName)
                .arg(node.key)
                .argNumber(double(node.spilledBytes) / (1 << 20), 'f', 0));
        finding.operatorKey = node.key;
        finding.addEvidence(QStringLiteral("spilled"), double(node.spilledBytes), QStringLiteral("bytes"));
        finding.addEvidence(QStringLiteral("peak_memory"), double(node.peakMemoryBytes), QStringLiteral("bytes"));
        if (node.metrics.contains(QStringLiteral("SPILL_COUNT")))
            finding.addEvidence(QStringLiteral("spill_count"),
                double(node.metrics.value(QStringLiteral("SPILL_COUNT"))), QStringLiteral("count"));
        finding.addEvidence(QStringLiteral("process_time"), double(node.processNs) / 1e6, QStringLiteral("ms"));
        // Writing and reading back the spilled bytes, at most the operator's own time.
        finding.improvementMs = qint64(std::min(wallMs(node), 2.0 * double(node.spilledBytes) / kSpillBytesPerMs));
        finding.improvementShare = shareOf(double(finding.improvementMs), input);
        finding.setRecommendation(AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
            "Reduce the rows or groups reaching this operator (filter earlier, aggregate fewer columns), or run "
            "the query on an engine or queue with more memory per node.")));
        finding.action = ActionKind::ParameterChange;
        findings.append(finding);
    }
    return findings;
}

} // namespace dopt
