#include "partitionpruningdetector.h"

#include <QRegularExpression>

namespace dopt {

namespace {

// A hundred splits is where reading everything instead of a few partitions costs real time.
constexpr qint64 kMinSplits = 100;
// Without the scan's plan attributes (the parser keeps only its table) pruning is invisible: a selective
// lookup on a pruned table also has a residual filter above the scan. Then only a read of a thousand
// files or more, the size of a whole large table, counts.
constexpr qint64 kMinFilesWithoutAttributes = 1000;
// The filter above keeps at most a fifth of the rows: most of what the scan read was wasted.
constexpr double kMaxSelectivity = 0.2;
// A scan taking a third of the processing: high severity.
constexpr double kHighShare = 0.3;

bool isScan(const PlanNode& node)
{
    return node.typeName == QLatin1String("TABLE_FUNCTION") || node.typeName.endsWith(QLatin1String("_SUB_SCAN"))
        || node.typeName == QLatin1String("PARQUET_ROW_GROUP_SCAN");
}

// Any filter the scan applies itself (partition, row group or pushed-down predicate) means pruning happened.
// (Only visible when the detail carries the scan's attributes; otherwise the residual filter right above
// the scan is the evidence: Dremio pushes every condition it can into the scan.)
bool scanFilters(const QString& detail)
{
    return detail.contains(QLatin1String("filters=[")) || detail.contains(QLatin1String("Filter Expression"))
        || detail.contains(QLatin1String("pruneCondition=")) || detail.contains(QLatin1String("rowGroupFilter="));
}

} // namespace

QString PartitionPruningDetector::description() const
{
    return QStringLiteral("Scan reading many splits unfiltered while a filter above it discards most rows");
}

QVector<Finding> PartitionPruningDetector::detect(const DetectorInput& input) const
{
    static const QRegularExpression splitsPattern(QStringLiteral("splits=\\[(\\d+)\\]"));
    QVector<Finding> findings;
    const PlanTree& tree = *input.tree;
    for (const PlanNode& node : tree.nodes) {
        if (!isScan(node) || scanFilters(node.detail))
            continue;
        // The plan text's splits=[N] when the detail carries it, else the files the scan read.
        const QRegularExpressionMatch match = splitsPattern.match(node.detail);
        const bool attributes = match.hasMatch();
        const qint64 splits
            = attributes ? match.captured(1).toLongLong() : node.metrics.value(QStringLiteral("NUM_DATA_FILE"), -1);
        if (splits < (attributes ? kMinSplits : kMinFilesWithoutAttributes))
            continue;
        // The consumer, looking through projections: is it a filter that drops most rows?
        int parent = node.parent;
        while (parent >= 0 && tree.nodes[parent].typeName == QLatin1String("PROJECT"))
            parent = tree.nodes[parent].parent;
        if (parent < 0 || tree.nodes[parent].typeName != QLatin1String("FILTER"))
            continue;
        const PlanNode& filter = tree.nodes[parent];
        if (filter.inputRecords <= 0 || filter.outputRecords < 0)
            continue;
        const double selectivity = double(filter.outputRecords) / double(filter.inputRecords);
        if (selectivity > kMaxSelectivity)
            continue;
        const double share = processShare(tree, node);
        Finding finding
            = makeFinding(input, share >= kHighShare ? Severity::High : Severity::Medium, attributes ? 0.7 : 0.55,
                QStringLiteral("Scan %1 read %2 splits without a scan filter, then filter %3 kept %4% of the rows")
                    .arg(node.key)
                    .arg(splits)
                    .arg(filter.key)
                    .arg(selectivity * 100, 0, 'f', 1));
        finding.operatorKey = node.key;
        finding.addEvidence(QStringLiteral("splits"), double(splits), QStringLiteral("splits"));
        finding.addEvidence(QStringLiteral("rows_scanned"), double(filter.inputRecords), QStringLiteral("rows"));
        finding.addEvidence(QStringLiteral("rows_kept"), double(filter.outputRecords), QStringLiteral("rows"));
        finding.addEvidence(QStringLiteral("filter_selectivity"), selectivity, QStringLiteral("ratio"));
        finding.addEvidence(QStringLiteral("share_of_processing"), share, QStringLiteral("ratio"));
        // Pruned, the scan would read about the share of the data the filter keeps.
        finding.improvementMs = qint64(wallMs(node) * (1.0 - selectivity));
        finding.improvementShare = shareOf(double(finding.improvementMs), input);
        finding.recommendation = QStringLiteral(
            "The condition (%1) is not pushed into the scan: compare the partition column directly with "
            "constants (no function or CAST on it) so Dremio can prune partitions.")
                                     .arg(filter.detail.isEmpty() ? filter.key : filter.detail.left(160));
        finding.action = ActionKind::PartitionFilter;
        findings.append(finding);
    }
    return findings;
}

} // namespace dopt
