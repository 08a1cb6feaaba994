#pragma once

#include "analysis/recommendation.h"

#include <QSqlDatabase>
#include <QStringList>
#include <atomic>

namespace dopt {

class PgConnection;
struct PlanNode;

/// A sequentially scanned table whose filter selects few rows: where an index may help.
struct MissingIndexCandidate
{
    QString table; // schema.table
    QStringList columns; // equality columns first, at most two
    double tableRows = 0;
    double estimatedRows = 0; // rows the filter keeps
    QString filter;
};

/// What one advisor pass did.
struct PgAdvisorResult
{
    int statementsExamined = 0;
    int plansExplained = 0;
    int recommendations = 0;
    QStringList warnings;
};

/// The PostgreSQL detectors that need the server: `missing_index` and `unused_index`.
///
/// missing_index: the most expensive read statements of the source (pg_stat_statements deltas and
/// imported log executions, grouped by libpg_query fingerprint) are explained (no ANALYZE: nothing
/// runs). Statements with $n parameters get their generic plan (PREPARE + plan_cache_mode =
/// force_generic_plan). A Seq Scan on a table of at least minTableRows whose filter keeps at most
/// maxSelectivity of the rows gives a candidate index on the filter's columns; hypopg creates it
/// hypothetically and the statement is explained again: the candidate is recommended when the
/// planner cost falls by at least minCostReduction (Dexter's rule). The table's write rate
/// (n_tup_ins/upd/del) lowers the confidence. The measured statement uses the values logged with
/// the statement, else values from pg_stats (most common value, or the middle histogram bound).
///
/// unused_index: valid, non-unique indexes never scanned since the statistics were reset. An index on
/// a partitioned table counts the scans of all its partitions' indexes and is dropped without
/// CONCURRENTLY (PostgreSQL refuses it there); a partition's index attached to it is not proposed alone.
///
/// Recommendations (engine "postgresql") go through RecommendationStore::replace scoped to these two
/// detectors, with apply (CREATE/DROP INDEX CONCURRENTLY), undo and measure statements.
class PostgresIndexAdvisor
{
public:
    struct Options
    {
        double minTableRows = 10000;
        double maxSelectivity = 0.05;
        double minCostReduction = 0.5;
        int maxStatements = 50;
    };

    static PgAdvisorResult run(PgConnection& server, QSqlDatabase db, qint64 sourceId, const Options& options,
        const std::atomic_bool* cancel = nullptr);
    static PgAdvisorResult run(PgConnection& server, QSqlDatabase db, qint64 sourceId)
    {
        return run(server, db, sourceId, Options {});
    }
    /// The candidate of one plan node, when it is a selective Seq Scan on a large table (pure).
    static std::optional<MissingIndexCandidate> candidate(
        const PlanNode& node, double tableRows, const Options& options);
    /// Columns compared with =, <, >, <=, >=, LIKE or = ANY in a plan filter, equality first.
    static QStringList filterColumns(const QString& filter);
};

} // namespace dopt
