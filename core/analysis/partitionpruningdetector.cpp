#include "partitionpruningdetector.h"

#include "profile/postgresplanparser.h"

#include <QRegularExpression>
#include <algorithm>
#include <cmath>

namespace dopt {

namespace {

// A hundred splits is where reading everything instead of a few partitions costs real time.
constexpr qint64 kMinSplits = 100;
// Without the scan's plan attributes (a profile without a plan) pruning is invisible: a selective
// lookup on a pruned table also has a residual filter above the scan. Then only a read of a thousand
// files or more, the size of a whole large table, counts.
constexpr qint64 kMinFilesWithoutAttributes = 1000;
// The filter above keeps at most a fifth of the rows: most of what the scan read was wasted.
constexpr double kMaxSelectivity = 0.2;
// Reading half the files of a table known to be partitioned means no partition was pruned; reading
// less means planning pruned partitions (the filter above then only applies other conditions).
constexpr double kUnprunedFileShare = 0.5;
// A scan taking a third of the processing: high severity.
constexpr double kHighShare = 0.3;

bool isScan(const PlanNode& node)
{
    return node.typeName == QLatin1String("TABLE_FUNCTION") || node.typeName.endsWith(QLatin1String("_SUB_SCAN"))
        || node.typeName == QLatin1String("PARQUET_ROW_GROUP_SCAN");
}

// A scan attribute's value: from the parser's attribute list (the plan's name=[value] pairs), else
// from a detail that carries the attributes' text itself.
QString scanAttribute(const PlanNode& node, QLatin1String name)
{
    for (const auto& [key, value] : node.attributes) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    const qsizetype at = node.detail.indexOf(name + QLatin1String("=["));
    if (at < 0)
        return {};
    const qsizetype start = at + name.size() + 2;
    return node.detail.mid(start, node.detail.indexOf(QLatin1Char(']'), start) - start);
}

// Any filter the scan applies itself (partition, row group or pushed-down predicate) means pruning happened.
// Dremio pushes every condition it can into the scan, so when none is there the residual filter right
// above the scan carries the whole condition.
bool scanFilters(const PlanNode& node)
{
    for (const char* name :
        {"filters", "filter", "partitionFilters", "pruneCondition", "rowGroupFilter", "rowGroupFilters"}) {
        const QString value = scanAttribute(node, QLatin1String(name)).trimmed();
        if (!value.isEmpty() && value != QLatin1String("[]"))
            return true;
    }
    // Iceberg's "ManifestList Filter Expression " (quoted, with its trailing space in the plan) and the
    // manifest scan's "ManifestFile Filter AnyColExpression".
    for (const auto& [key, value] : node.attributes) {
        if ((key.contains(QLatin1String("Filter Expression"), Qt::CaseInsensitive)
                || key.contains(QLatin1String("AnyColExpression"), Qt::CaseInsensitive))
            && !value.trimmed().isEmpty())
            return true;
    }
    return node.detail.contains(QLatin1String("Filter Expression"));
}

// An Iceberg data-file scan reads the splits its inputs generate (split generation over the manifest
// scan over IcebergManifestList): the partition filter is printed on those inputs, not on the scan.
bool prunedBelow(const PlanTree& tree, const PlanNode& scan)
{
    QVector<int> pending = scan.children;
    while (!pending.isEmpty()) {
        const PlanNode& input = tree.nodes[pending.takeLast()];
        if (scanFilters(input))
            return true;
        pending += input.children;
    }
    return false;
}

// Adds the table's partition layout as evidence and names its partition columns in the advice.
void describePartitions(const TablePartitionFacts& table, qint64 splits, Finding* finding)
{
    finding->addEvidence(
        QStringLiteral("table_partitions"), double(table.partitionCount), QStringLiteral("partitions"));
    finding->addEvidence(QStringLiteral("table_files"), double(table.fileCount), QStringLiteral("files"));
    if (table.fileCount > 0)
        finding->addEvidence(QStringLiteral("share_of_table_files_read"),
            std::min(1.0, double(splits) / double(table.fileCount)), QStringLiteral("ratio"));
    if (!table.partitioned()) {
        // Nothing to prune: the fix is a partition spec, not a different filter.
        finding->setRecommendation(AnalysisText(
            QT_TRANSLATE_NOOP("dopt::AnalysisText",
                "%1 is an Iceberg table without partitions (table_partitions lists one): add a partition field on the "
                "column the filter uses (ALTER TABLE %1 ADD PARTITION FIELD ...), or sort the data on it, so scans can "
                "skip files."))
                                       .arg(table.datasetPath));
        return;
    }
    finding->confidence = std::min(0.9, finding->confidence + 0.1);
    // The table's files spread over its partitions: how many partitions a read of this many files covers.
    const double filesPerPartition = double(table.fileCount) / double(table.partitionCount);
    const qint64 partitionsRead = table.fileCount > 0
        ? std::min<qint64>(table.partitionCount, qint64(std::ceil(double(splits) / filesPerPartition)))
        : table.partitionCount;
    finding->addEvidence(
        QStringLiteral("partitions_read_estimate"), double(partitionsRead), QStringLiteral("partitions"));
    finding->addEvidence(QStringLiteral("records_per_partition"),
        double(table.recordCount) / double(table.partitionCount), QStringLiteral("rows"));
    finding->addEvidence(QStringLiteral("partition_skew"), table.skew(), QStringLiteral("ratio"));
    AnalysisText advice = finding->recommendationText;
    advice.append(table.partitionColumns.size() == 1
            ? AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
                               "%1 is partitioned by %2 (%3 partitions): the scan read about %4 of them; filter on %5 "
                               "itself."))
                  .arg(table.datasetPath)
                  .arg(table.partitionColumns.first())
                  .argInteger(table.partitionCount)
                  .argInteger(partitionsRead)
                  .arg(table.partitionColumns.first())
            : AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
                               "%1 is partitioned by %2 (%3 partitions): the scan read about %4 of them; filter on "
                               "these columns themselves."))
                  .arg(table.datasetPath)
                  .arg(table.partitionColumns.join(QStringLiteral(", ")))
                  .argInteger(table.partitionCount)
                  .argInteger(partitionsRead));
    finding->setRecommendation(advice);
}

/// The PostgreSQL partitioned table a scanned partition belongs to, as the statement named it: up the
/// catalog's parent links (a sub-partitioned table has intermediate levels, each with its own leaf
/// count) to the first ancestor the SQL names, else the root. "" when the partition's parent is unknown.
QString queriedPartitionedTable(const WorkspaceFacts& facts, const QString& partition, const QString& sql)
{
    QString table = facts.postgresPartitionParents.value(partition.toLower());
    for (int level = 0; level < 32 && !table.isEmpty(); ++level) {
        const QString name = table.section(QLatin1Char('.'), -1);
        const QRegularExpression named(
            QStringLiteral("(?<![\\w$])\"?%1\"?(?![\\w$])").arg(QRegularExpression::escape(name)),
            QRegularExpression::CaseInsensitiveOption);
        const QString parent = facts.postgresPartitionParents.value(table);
        if (parent.isEmpty() || named.match(sql).hasMatch())
            return table;
        table = parent;
    }
    return table;
}

} // namespace

AnalysisText PartitionPruningDetector::description() const
{
    return AnalysisText(QT_TRANSLATE_NOOP(
        "dopt::AnalysisText", "Scan reading many splits unfiltered while a filter above it discards most rows"));
}

QVector<Finding> PartitionPruningDetector::detect(const DetectorInput& input) const
{
    if (input.job->engine.startsWith(QLatin1String("postgres")))
        return detectPostgres(input);
    QVector<Finding> findings;
    const PlanTree& tree = *input.tree;
    for (const PlanNode& node : tree.nodes) {
        if (!isScan(node) || scanFilters(node) || prunedBelow(tree, node))
            continue;
        // The plan's splits=[N] when the profile has a plan, else the files the scan read.
        bool attributes = false;
        const qint64 planSplits = scanAttribute(node, QLatin1String("splits")).toLongLong(&attributes);
        const qint64 splits = attributes ? planSplits : node.metrics.value(QStringLiteral("NUM_DATA_FILE"), -1);
        // The table's collected partition statistics (table_partitions), when the collector read them.
        const TablePartitionFacts* partitions
            = input.workspace ? input.workspace->partitionsOf(scannedTable(node.detail)) : nullptr;
        const bool knownLayout = partitions && partitions->partitioned() && partitions->fileCount > 0;
        const bool readMostOfPartitionedTable
            = knownLayout && double(splits) >= kUnprunedFileShare * double(partitions->fileCount);
        // A partitioned table of which the scan read a small share was pruned: the filter above only
        // applies conditions on other columns.
        if (knownLayout && !readMostOfPartitionedTable)
            continue;
        // Without the scan's attributes, reading most files of a table known to be partitioned is
        // itself the evidence that nothing was pruned: the lower threshold then applies.
        if (splits < (attributes || readMostOfPartitionedTable ? kMinSplits : kMinFilesWithoutAttributes))
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
                AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
                                 "Scan %1 read %2 splits without a scan filter, then filter %3 kept %4% of the rows"))
                    .arg(node.key)
                    .argInteger(splits)
                    .arg(filter.key)
                    .argNumber(selectivity * 100, 'f', 1));
        finding.operatorKey = node.key;
        finding.addEvidence(QStringLiteral("splits"), double(splits), QStringLiteral("splits"));
        finding.addEvidence(QStringLiteral("rows_scanned"), double(filter.inputRecords), QStringLiteral("rows"));
        finding.addEvidence(QStringLiteral("rows_kept"), double(filter.outputRecords), QStringLiteral("rows"));
        finding.addEvidence(QStringLiteral("filter_selectivity"), selectivity, QStringLiteral("ratio"));
        finding.addEvidence(QStringLiteral("share_of_processing"), share, QStringLiteral("ratio"));
        // Pruned, the scan would read about the share of the data the filter keeps.
        finding.improvementMs = qint64(wallMs(node) * (1.0 - selectivity));
        finding.improvementShare = shareOf(double(finding.improvementMs), input);
        finding.setRecommendation(AnalysisText(
            QT_TRANSLATE_NOOP("dopt::AnalysisText",
                "The condition (%1) is not pushed into the scan: compare the partition column directly with "
                "constants (no function or CAST on it) so Dremio can prune partitions."))
                                      .arg(filter.detail.isEmpty() ? filter.key : filter.detail.left(160)));
        if (partitions)
            describePartitions(*partitions, splits, &finding);
        finding.action = ActionKind::PartitionFilter;
        findings.append(finding);
    }
    return findings;
}

QVector<Finding> PartitionPruningDetector::detectPostgres(const DetectorInput& input) const
{
    constexpr int kMinPartitions = 4;
    constexpr double kMaxPgSelectivity = 0.25;
    QVector<Finding> findings;
    const PlanTree& tree = *input.tree;
    for (const PlanNode& append : tree.nodes) {
        if (append.typeName != QLatin1String("Append") && append.typeName != QLatin1String("Merge Append"))
            continue;
        QString filter;
        qint64 read = 0, kept = 0;
        int scanned = 0, withRows = 0;
        double emptyMs = 0;
        bool sameFilter = true;
        QStringList partitions;
        for (int child : append.children) {
            const PlanNode& scan = tree.nodes[child];
            const QString relation = PostgresPlanParser::detailField(scan, QStringLiteral("Relation"));
            if (!scan.typeName.endsWith(QLatin1String("Scan")) || relation.isEmpty() || scan.outputRecords < 0
                || scan.metrics.value(QStringLiteral("loops"), 1) == 0)
                continue; // not run (pruned at execution) or not a partition scan
            // The filter names each partition's alias: compare it without them.
            QString own = PostgresPlanParser::detailField(scan, QStringLiteral("Filter"));
            const QString alias = PostgresPlanParser::detailField(scan, QStringLiteral("Alias"));
            if (!alias.isEmpty())
                own.replace(alias + QLatin1Char('.'), QString());
            if (scanned == 0)
                filter = own;
            sameFilter = sameFilter && !own.isEmpty() && own == filter;
            ++scanned;
            partitions << relation;
            read += std::max<qint64>(0, scan.inputRecords);
            kept += scan.outputRecords;
            if (scan.outputRecords > 0)
                ++withRows;
            else
                emptyMs += wallMs(scan);
        }
        if (scanned < kMinPartitions || !sameFilter || read <= 0)
            continue;
        const double selectivity = double(kept) / double(read);
        if (selectivity > kMaxPgSelectivity || withRows * 2 > scanned)
            continue;
        const qint64 removed = append.metrics.value(QStringLiteral("subplans_removed"));
        const double share = processShare(tree, append);
        // The table's total from the catalog (pg_inherits), when collected: the plan only lists what it
        // kept after planning-time pruning, so "12 of 12" can only be said with the catalog.
        int total = 0;
        if (input.workspace) {
            const QString table = queriedPartitionedTable(*input.workspace, partitions.first(), input.job->sql);
            total = table.isEmpty() ? 0 : input.workspace->postgresPartitionCounts.value(table);
        }
        const AnalysisText scannedText = total >= scanned
            ? AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "%1 of the table's %2"))
                  .argInteger(scanned)
                  .argInteger(total)
            : AnalysisText::verbatim(QString::number(scanned));
        Finding finding = makeFinding(input, share >= kHighShare ? Severity::High : Severity::Medium,
            total > 0 && scanned >= total ? 0.85 : 0.75,
            AnalysisText(
                QT_TRANSLATE_NOOP("dopt::AnalysisText",
                    "%1 %2 scanned %3 partitions, %4 of them without a matching row: the filter did not prune"))
                .arg(append.typeName)
                .arg(append.key)
                .arg(scannedText)
                .argInteger(scanned - withRows));
        finding.operatorKey = append.key;
        finding.addEvidence(QStringLiteral("partitions_scanned"), scanned, QStringLiteral("partitions"));
        finding.addEvidence(QStringLiteral("partitions_with_rows"), withRows, QStringLiteral("partitions"));
        finding.addEvidence(QStringLiteral("subplans_removed"), double(removed), QStringLiteral("partitions"));
        if (total > 0)
            finding.addEvidence(QStringLiteral("partitions_total"), total, QStringLiteral("partitions"));
        finding.addEvidence(QStringLiteral("rows_scanned"), double(read), QStringLiteral("rows"));
        finding.addEvidence(QStringLiteral("rows_kept"), double(kept), QStringLiteral("rows"));
        finding.addEvidence(QStringLiteral("filter_selectivity"), selectivity, QStringLiteral("ratio"));
        // Pruned, the partitions without a matching row would not be read at all.
        finding.improvementMs = qint64(emptyMs);
        finding.improvementShare = shareOf(emptyMs, input);
        finding.setRecommendation(AnalysisText(
            QT_TRANSLATE_NOOP("dopt::AnalysisText",
                "The filter (%1) is applied in every partition (%2...) instead of pruning them: compare the "
                "partition key directly with constants or parameters (no function or cast on it; now() and other "
                "non-immutable expressions prune only at execution) so PostgreSQL skips the partitions."))
                                      .arg(filter.left(160))
                                      .arg(partitions.mid(0, 3).join(QStringLiteral(", "))));
        finding.action = ActionKind::PartitionFilter;
        findings.append(finding);
    }
    return findings;
}

} // namespace dopt
