#pragma once

#include "parsedprofile.h"

#include <QByteArray>
#include <QJsonDocument>

namespace dopt {

/// Parses the output of `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` (also without ANALYZE or BUFFERS)
/// into the engine-neutral plan tree, so the profile view and the detectors read PostgreSQL plans
/// like Dremio profiles.
///
/// Per node: typeName is the "Node Type" ("Seq Scan", "Hash Join"...), key the path from the root
/// ("0", "0.1", "0.1.0"), detail one "Name: value" line per plan attribute that says what the node
/// works on (Relation, Index, Filter, Index Cond, Hash Cond, Join Filter, Sort Key, Group Key...), read
/// back with detailField(). outputRecords = actual rows x loops, estimatedRows = plan rows x loops,
/// processNs = the node's own time (its inclusive time minus its children's). Spill: a disk sort's
/// "Sort Space Used", a hash aggregate's "Disk Usage" or the node's own temp blocks written (8 kB each;
/// EXPLAIN counts the children's too, the metric keeps that). Figures without a PlanNode field are in
/// metrics: loops, shared_hit_blocks, shared_read_blocks, temp_read_blocks, temp_written_blocks,
/// rows_removed_by_filter, workers_planned, workers_launched, hash_batches, original_hash_batches,
/// sort_space_used_kb, sort_disk (1 for an external sort), peak_memory_kb, disk_usage_kb, hashagg_batches,
/// total_cost, startup_cost, width.
class PostgresPlanParser
{
public:
    /// Returns false with a one-line reason in *error when the JSON is not an EXPLAIN plan.
    static bool parse(const QByteArray& json, ParsedProfile* out, QString* error);
    /// The same from a parsed document (an auto_explain log entry's JSON, read once by its caller).
    static bool parseDocument(const QJsonDocument& document, ParsedProfile* out, QString* error);
    /// The value of one "Name: value" line of a node's detail, empty when absent.
    static QString detailField(const PlanNode& node, const QString& name);
};

} // namespace dopt
