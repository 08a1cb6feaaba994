#pragma once

#include "sql/sqltoken.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace dopt {

/// Turns one correlated scalar subquery of a select list into a LEFT JOIN on a grouped derived table:
///   SELECT o.a, (SELECT agg(i.x) FROM t i WHERE i.k = o.k AND <i only>) AS v FROM u o [WHERE ...]
///   -> SELECT o.a, s.v AS v FROM u o LEFT JOIN (SELECT i.k, agg(i.x) AS v FROM t i WHERE <i only>
///      GROUP BY i.k) s ON s.k = o.k [WHERE ...]
/// Only shapes where both return the same rows are rewritten: SUM/MIN/MAX/AVG give NULL on no row like
/// the missed join, COUNT gives 0 and is wrapped in COALESCE(s.v, 0); the correlation is equalities
/// between the inner table and the outer FROM; the subquery has one table, no nested SELECT, no
/// GROUP BY/ORDER BY/LIMIT/set operation/window; the outer query has no GROUP BY, set operation, LIMIT
/// or bare `*`, and none of its unqualified names could be captured by the joined table's columns.
/// Also exact, and rewritten: an aggregate with a FILTER (WHERE ...) or inside constants and
/// deterministic functions (COALESCE(SUM(x), 0): applied to the joined value), SELECT DISTINCT of the
/// one row, conditions on outer columns only (a CASE WHEN guard on the value), a subquery inside a
/// larger select-list expression, and an unaliased subquery, given the alias the engine names its
/// column with (PostgreSQL: the subquery's column name, `max`; Dremio: EXPR$ and its position).
/// Anything else is declined (nullopt, with the reason), never approximated.
class ScalarSubqueryDecorrelator
{
public:
    struct Result
    {
        QString after; // the whole statement rewritten
        QString aggregate; // the aggregate as written: MAX(o.total)
        QString alias; // the select-list name of its value
        QStringList keys; // the inner correlation columns as written: o.customer_id
    };

    /// Why a statement is declined: templates marked QT_TRANSLATE_NOOP("dopt::AnalysisText", ...).
    static const char* const NotASelect;
    static const char* const OuterShape;
    static const char* const DistinctOn;
    static const char* const OuterFrom;
    static const char* const OuterStar;
    static const char* const NotAggregate;
    static const char* const Nested;
    static const char* const InnerClauses;
    static const char* const NotCorrelated;
    static const char* const Disjunction;
    static const char* const UnknownOuter;
    static const char* const OuterReference;
    static const char* const SameName;
    static const char* const Captured;
    static const char* const ColumnName;

    /// The first correlated scalar subquery of the top-level select list that can be rewritten exactly.
    /// `dialect` is the engine that runs the statement, which names an unaliased column (unknown: such
    /// a subquery is declined). On nullopt, `declined` gets the reason of the first correlated subquery.
    static std::optional<Result> rewrite(
        const QString& sql, std::optional<SqlDialect> dialect = std::nullopt, const char** declined = nullptr);
};

} // namespace dopt
