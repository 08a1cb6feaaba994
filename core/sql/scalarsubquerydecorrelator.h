#pragma once

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
/// Anything else is declined (nullopt), never approximated.
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

    /// The first correlated scalar subquery of the top-level select list that can be rewritten exactly.
    static std::optional<Result> rewrite(const QString& sql);
};

} // namespace dopt
