#pragma once

#include "parsedprofile.h"

#include <QJsonDocument>
#include <QString>

namespace dopt {

/// Reads a PostgreSQL plan in TEXT format (psql's EXPLAIN output, auto_explain's default log format)
/// into the JSON document `EXPLAIN (FORMAT JSON)` gives for the same plan, so PostgresPlanParser reads
/// both alike.
///
/// Follows explain.c's text layout: the root node at column 0, a child as "->  " at its parent's detail
/// column, a node's details ("Filter: ...", "Buffers: shared hit=2", "Sort Method: quicksort  Memory:
/// 25kB"...) two columns right of its name, "InitPlan 1 (returns $0)" / "SubPlan 1" / "CTE x" labels
/// above the subplan they name, and the summary ("Planning Time: 0.1 ms", "Execution Time: ...") at
/// column 0 after the plan. The node line "Hash Left Join  (cost=...) (actual time=...)" gives "Node
/// Type": "Hash Join", "Join Type": "Left" and the figures; costs, actual figures or both may be
/// missing (EXPLAIN without ANALYZE, COSTS OFF, TIMING OFF), "(never executed)" gives zero loops.
/// An auto_explain "Query Text: ..." (possibly over several lines) before the plan and psql's
/// "QUERY PLAN" header, rule, row count footer and one-space margin are accepted. Detail lines it does
/// not know are kept in the node as "Key": "value" (or in "Unread Lines" when not "Key: value"), never
/// an error; only text whose first plan line is not a plan node is refused.
class PostgresTextPlan
{
public:
    /// The JSON document ([{"Plan": {...}, "Planning Time": ..., ...}]); false with the reason when text
    /// is not an EXPLAIN plan, *errorLine (optional) then being the 1-based line at fault, or 0 when no
    /// line holds a plan node. *unreadLines (optional) counts the lines kept without being understood.
    static bool toJson(
        const QString& text, QJsonDocument* out, QString* error, int* unreadLines = nullptr, int* errorLine = nullptr);
    /// toJson() then PostgresPlanParser::parseDocument().
    static bool parse(const QString& text, ParsedProfile* out, QString* error);
    /// Whether line is the first line of a plan node with its figures: "Seq Scan on t  (cost=..." or
    /// "->  Hash  (actual ..." or "... (never executed)".
    static bool isNodeLine(QStringView line);
};

} // namespace dopt
