#pragma once

#include "analysis/analysistext.h"
#include "sql/sqltoken.h"

#include <QString>
#include <QVector>
#include <optional>

namespace dopt {

/// One rewrite of a statement: the whole text before and after, and what it changes.
struct SqlRewrite
{
    QString kind; // not_in_to_not_exists, in_to_exists, scalar_subquery_to_join, sargable_range, add_limit
    QString description; // one line: what was rewritten
    QString caveat; // semantics the user must check (NULL handling, result change), "" when exact
    QString before;
    QString after;
    bool changesResult = false; // true when the rewrite returns other rows (e.g. an added LIMIT)
    // libpg_query check: when the original parses as PostgreSQL SQL, the rewrite was required to
    // parse too (rewrites that did not were dropped). False when the original does not parse there
    // (Dremio-only syntax), so nothing could be checked.
    bool parseChecked = false;
    // The templates of description and caveat, for the GUI and report to translate.
    AnalysisText descriptionText;
    AnalysisText caveatText;

    void setDescription(const AnalysisText& text) { text.assignTo(description, descriptionText); }
    void setCaveat(const AnalysisText& text) { text.assignTo(caveat, caveatText); }
};

/// A function or cast applied to a column in a comparison with a constant (it hides the column from
/// partition pruning and min/max filtering), with the exact range form when there is one.
struct NonSargablePredicate
{
    QString function; // EXTRACT, YEAR, CAST, DATE_TRUNC, TO_CHAR, SUBSTR, UPPER...
    QString column; // the column as written
    QString predicate; // the predicate as written
    QString replacement; // the equivalent sargable predicate; "" when there is no exact one
    qsizetype offset = 0; // where the predicate starts in the statement
    qsizetype length = 0;
};

/// Token-based SQL rewrites for Dremio statements (never regular expressions on raw text: quoted
/// paths, literals and comments are respected). Each rewrite edits only the spans it replaces, so
/// formatting and comments elsewhere survive; each returns nullopt when it does not apply or when
/// it cannot be made safely (ambiguous columns, unusual shapes).
class SqlRewriter
{
public:
    /// `x NOT IN (SELECT y FROM u ...)` -> `NOT EXISTS (SELECT 1 FROM u ... WHERE u.y = t.x)`, for the
    /// first such predicate whose columns can be qualified unambiguously. The caveat explains NULLs.
    static std::optional<SqlRewrite> notInToNotExists(const QString& sql);
    /// `x IN (SELECT y FROM u WHERE ...)` -> `EXISTS (SELECT 1 FROM u WHERE ... AND u.y = t.x)` when the
    /// subquery is already correlated with the outer query (it names the outer table), so the IN
    /// repeats a correlation the planner must decorrelate twice.
    static std::optional<SqlRewrite> correlatedInToExists(const QString& sql);
    /// `(SELECT agg(i.x) FROM u i WHERE i.k = t.k ...) AS v` in the select list -> `s.v AS v` with
    /// `LEFT JOIN (SELECT i.k, agg(i.x) AS v FROM u i ... GROUP BY i.k) s ON s.k = t.k`, computed once
    /// instead of per outer row. Only exact shapes (see ScalarSubqueryDecorrelator); COUNT is wrapped in
    /// COALESCE(s.v, 0) since the missed join gives NULL where COUNT gives 0. `dialect`: the engine that
    /// runs the statement (it names unaliased columns); `declined`: why there is no rewrite.
    static std::optional<SqlRewrite> correlatedScalarToJoin(
        const QString& sql, std::optional<SqlDialect> dialect = std::nullopt, AnalysisText* declined = nullptr);
    /// Every non-sargable comparison in the statement, in order.
    static QVector<NonSargablePredicate> nonSargablePredicates(const QString& sql);
    /// Replaces every non-sargable predicate that has an exact range form with it.
    static std::optional<SqlRewrite> sargableRanges(const QString& sql);
    /// Appends LIMIT rows to a query without a top-level LIMIT (changes the result).
    static std::optional<SqlRewrite> addLimit(const QString& sql, int rows);

    /// `x NOT IN (SELECT ...)` anywhere outside literals and comments (whether or not it can be rewritten).
    static bool hasNotInSubquery(const QString& sql);
    /// A subquery in a select list whose WHERE compares columns of two different qualifiers (one of
    /// them the outer query's): a correlated scalar subquery, run once per outer row unless decorrelated.
    static bool hasCorrelatedScalarSubquery(const QString& sql);

    /// True when libpg_query parses the statement (PostgreSQL grammar, close enough to check that a
    /// rewrite stayed well-formed).
    static bool parsesAsPostgres(const QString& sql);
};

} // namespace dopt
