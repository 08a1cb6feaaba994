#include "profile/postgresplanparser.h"

#include "util/saturatingcast.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <string_view>

namespace dopt {

namespace {

constexpr qint64 BlockBytes = 8192;

// Plan attributes that say what a node works on, in the order they are shown.
const char* const DetailAttributes[] = {"Relation Name", "Alias", "Index Name", "Join Type", "Strategy", "Index Cond",
    "Recheck Cond", "Hash Cond", "Merge Cond", "Join Filter", "Filter", "Sort Key", "Group Key", "Sort Method",
    "Sort Space Type", "Subplan Name", "CTE Name", "Function Name"};

// Figures copied into PlanNode::metrics (JSON name -> metric name).
const std::pair<const char*, const char*> MetricAttributes[] = {
    {"Actual Loops", "loops"},
    {"Shared Hit Blocks", "shared_hit_blocks"},
    {"Shared Read Blocks", "shared_read_blocks"},
    {"Shared Dirtied Blocks", "shared_dirtied_blocks"},
    {"Temp Read Blocks", "temp_read_blocks"},
    {"Temp Written Blocks", "temp_written_blocks"},
    {"Rows Removed by Filter", "rows_removed_by_filter"},
    {"Rows Removed by Index Recheck", "rows_removed_by_index_recheck"},
    {"Rows Removed by Join Filter", "rows_removed_by_join_filter"},
    {"Workers Planned", "workers_planned"},
    {"Workers Launched", "workers_launched"},
    {"Hash Batches", "hash_batches"},
    {"Original Hash Batches", "original_hash_batches"},
    {"Hash Buckets", "hash_buckets"},
    {"Peak Memory Usage", "peak_memory_kb"},
    {"Sort Space Used", "sort_space_used_kb"},
    {"Disk Usage", "disk_usage_kb"}, // hash aggregate spilled to disk (PostgreSQL 13+)
    {"HashAgg Batches", "hashagg_batches"},
    {"Subplans Removed", "subplans_removed"}, // partitions pruned at execution
    {"Heap Fetches", "heap_fetches"},
    {"Total Cost", "total_cost"},
    {"Startup Cost", "startup_cost"},
    {"Plan Width", "width"},
};

struct Builder
{
    PlanTree* tree;

    // Returns the index of the node built from `plan`; its inclusive time in ms in *inclusiveMs.
    int build(const QJsonObject& plan, int parent, const QString& key, double* inclusiveMs)
    {
        const int index = tree->nodes.size();
        tree->nodes.append(PlanNode {});
        {
            PlanNode& node = tree->nodes[index];
            node.index = index;
            node.parent = parent;
            node.key = key;
            node.operatorId = index;
            node.typeName = plan.value(QLatin1String("Node Type")).toString();
            if (node.typeName.isEmpty()) {
                node.typeName = QStringLiteral("Unknown");
                tree->warnings.append(QStringLiteral("node %1 has no \"Node Type\"").arg(key));
            }
            QStringList detail;
            for (const char* attribute : DetailAttributes) {
                const QJsonValue value = plan.value(QLatin1String(attribute));
                QString text;
                if (value.isArray()) {
                    QStringList parts;
                    for (const QJsonValue& part : value.toArray())
                        parts.append(part.toString());
                    text = parts.join(QStringLiteral(", "));
                } else if (value.isString()) {
                    text = value.toString();
                }
                if (attribute == std::string_view("Relation Name") && plan.contains(QLatin1String("Schema")))
                    text = plan.value(QLatin1String("Schema")).toString() + QLatin1Char('.') + text;
                if (!text.isEmpty())
                    detail.append(QLatin1String(attribute == std::string_view("Relation Name") ? "Relation" : attribute)
                        + QStringLiteral(": ") + text.simplified());
            }
            node.detail = detail.join(QLatin1Char('\n'));
            for (const auto& [json, name] : MetricAttributes) {
                const QJsonValue value = plan.value(QLatin1String(json));
                if (value.isDouble())
                    node.metrics.insert(QLatin1String(name), roundToInt64(value.toDouble()));
            }
            if (plan.value(QLatin1String("Sort Space Type")).toString() == QLatin1String("Disk"))
                node.metrics.insert(QStringLiteral("sort_disk"), 1);
            if (plan.value(QLatin1String("Parallel Aware")).toBool())
                node.metrics.insert(QStringLiteral("parallel_aware"), 1);
        }

        const bool analyzed = plan.contains(QLatin1String("Actual Loops"));
        const double loops = plan.value(QLatin1String("Actual Loops")).toDouble(1);
        const double planRows = plan.value(QLatin1String("Plan Rows")).toDouble(-1);
        *inclusiveMs = analyzed ? plan.value(QLatin1String("Actual Total Time")).toDouble() * loops : 0;

        double childrenMs = 0;
        qint64 childRows = 0;
        bool anyChildRows = false;
        const QJsonArray children = plan.value(QLatin1String("Plans")).toArray();
        for (int i = 0; i < children.size(); ++i) {
            double childMs = 0;
            const int child
                = build(children.at(i).toObject(), index, key + QLatin1Char('.') + QString::number(i), &childMs);
            tree->nodes[index].children.append(child);
            tree->nodes[index].inputRecordsPerInput.append(tree->nodes[child].outputRecords);
            childrenMs += childMs;
            if (tree->nodes[child].outputRecords >= 0) {
                childRows += tree->nodes[child].outputRecords;
                anyChildRows = true;
            }
        }

        PlanNode& node = tree->nodes[index];
        if (planRows >= 0)
            node.estimatedRows = planRows * (analyzed ? std::max(loops, 1.0) : 1.0);
        if (analyzed) {
            node.outputRecords = roundToInt64(plan.value(QLatin1String("Actual Rows")).toDouble() * loops);
            // A scan reads what it returns plus what its filter removed; other nodes read their inputs.
            // (PostgreSQL reports rows and removed rows per loop, rounded.)
            const qint64 removed
                = roundToInt64((node.metrics.value(QStringLiteral("rows_removed_by_filter"))
                                   + node.metrics.value(QStringLiteral("rows_removed_by_index_recheck")))
                    * loops);
            node.inputRecords = anyChildRows ? childRows : node.outputRecords + removed;
            node.processNs = roundToInt64(std::max(0.0, *inclusiveMs - childrenMs) * 1e6);
            node.setupNs = roundToInt64(plan.value(QLatin1String("Actual Startup Time")).toDouble() * 1e6);
            node.setupNs = std::min(node.setupNs, node.processNs); // startup is part of the node's own time
            node.processNs -= node.setupNs;
        }
        // Workers are listed with VERBOSE only; a parallel-aware node runs one loop per process.
        node.threadCount = 1 + int(plan.value(QLatin1String("Workers")).toArray().size());
        if (analyzed && node.metrics.value(QStringLiteral("parallel_aware")))
            node.threadCount = std::max(node.threadCount, int(loops));
        const qint64 sortKb = node.metrics.value(QStringLiteral("sort_space_used_kb"));
        // EXPLAIN's buffer counts include the children's: the node's own temp writes are the difference.
        qint64 tempWritten = node.metrics.value(QStringLiteral("temp_written_blocks"));
        for (int child : node.children)
            tempWritten -= tree->nodes[child].metrics.value(QStringLiteral("temp_written_blocks"));
        tempWritten = std::max<qint64>(0, tempWritten);
        node.spilledBytes = std::max({node.metrics.value(QStringLiteral("sort_disk")) ? sortKb * 1024 : 0,
            tempWritten * BlockBytes, node.metrics.value(QStringLiteral("disk_usage_kb")) * 1024});
        if (node.metrics.value(QStringLiteral("hash_batches")) > 1 && node.spilledBytes == 0)
            node.spilledBytes = node.metrics.value(QStringLiteral("peak_memory_kb")) * 1024; // batches went to disk
        node.peakMemoryBytes = std::max(node.metrics.value(QStringLiteral("sort_disk")) ? 0 : sortKb * 1024,
            node.metrics.value(QStringLiteral("peak_memory_kb")) * 1024);
        return index;
    }
};

} // namespace

bool PostgresPlanParser::parse(const QByteArray& json, ParsedProfile* out, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (document.isNull()) {
        *error = QStringLiteral("EXPLAIN output is not JSON: %1 at offset %2")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return false;
    }
    return parseDocument(document, out, error);
}

bool PostgresPlanParser::parseDocument(const QJsonDocument& document, ParsedProfile* out, QString* error)
{
    // EXPLAIN returns an array with one object per statement; a bare object is accepted too.
    const QJsonObject top = document.isArray() ? document.array().at(0).toObject() : document.object();
    const QJsonObject plan = top.value(QLatin1String("Plan")).toObject();
    if (plan.isEmpty()) {
        *error = QStringLiteral("EXPLAIN output has no \"Plan\" object (expected EXPLAIN (FORMAT JSON) output)");
        return false;
    }
    *out = ParsedProfile {};
    out->format = QStringLiteral("postgres-explain-json");
    out->job.engine = QStringLiteral("postgres");
    out->job.state = QStringLiteral("COMPLETED");
    double rootMs = 0;
    const int root = Builder {&out->tree}.build(plan, -1, QStringLiteral("0"), &rootMs);
    out->tree.roots.append(root);
    const PlanNode& rootNode = out->tree.nodes.at(root);
    out->job.plannerCost = plan.value(QLatin1String("Total Cost")).toDouble();
    if (rootNode.outputRecords >= 0)
        out->job.rowsReturned = rootNode.outputRecords;
    if (top.contains(QLatin1String("Execution Time"))) {
        const double total = top.value(QLatin1String("Execution Time")).toDouble()
            + top.value(QLatin1String("Planning Time")).toDouble();
        out->job.durationMs = total;
        out->job.phases.append(
            {QStringLiteral("Planning"), 0, roundToInt64(top.value(QLatin1String("Planning Time")).toDouble())});
        out->job.phases.append({QStringLiteral("Execution"), out->job.phases.first().durationMs,
            roundToInt64(top.value(QLatin1String("Execution Time")).toDouble())});
    }
    qint64 scanned = 0;
    for (const PlanNode& node : out->tree.nodes) {
        if (node.typeName.endsWith(QLatin1String("Scan")) && node.inputRecords > 0)
            scanned += node.inputRecords;
        const QString relation = detailField(node, QStringLiteral("Relation"));
        if (!relation.isEmpty() && !out->job.datasets.contains(relation))
            out->job.datasets.append(relation);
    }
    if (scanned > 0)
        out->job.rowsScanned = scanned;
    return true;
}

QString PostgresPlanParser::detailField(const PlanNode& node, const QString& name)
{
    const QString prefix = name + QStringLiteral(": ");
    for (QStringView line : QStringView(node.detail).split(QLatin1Char('\n'))) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).toString();
    }
    return {};
}

} // namespace dopt
