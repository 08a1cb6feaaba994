#include "memoryspilldetector.h"

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

QString MemorySpillDetector::description() const
{
    return QStringLiteral("Sort, aggregate or join spilling to disk");
}

QVector<Finding> MemorySpillDetector::detect(const DetectorInput& input) const
{
    QVector<Finding> findings;
    for (const PlanNode& node : input.tree->nodes) {
        if (node.spilledBytes <= 0 || !spillingOperator(node.typeName))
            continue;
        const Severity severity = node.spilledBytes >= kHighSpillBytes ? Severity::High
            : node.spilledBytes >= kMediumSpillBytes                   ? Severity::Medium
                                                                       : Severity::Low;
        Finding finding = makeFinding(input, severity, 0.9,
            QStringLiteral("%1 %2 spilled %3 MiB to disk")
                .arg(node.typeName, node.key)
                .arg(double(node.spilledBytes) / (1 << 20), 0, 'f', 0));
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
        finding.recommendation = QStringLiteral(
            "Reduce the rows or groups reaching this operator (filter earlier, aggregate fewer columns), or run "
            "the query on an engine or queue with more memory per node.");
        finding.action = ActionKind::ParameterChange;
        findings.append(finding);
    }
    return findings;
}

} // namespace dopt
