#include "scalarsubquerydecorrelator.h"

#include "sql/sqltokenlist.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>
#include <QVector>
#include <algorithm>

namespace dopt {

// Each completes "No exact rewrite: ...".
const char* const ScalarSubqueryDecorrelator::NotASelect = QT_TRANSLATE_NOOP(
    "dopt::AnalysisText", "the statement is not one SELECT (a WITH, a set operation or unbalanced parentheses)");
const char* const ScalarSubqueryDecorrelator::OuterShape = QT_TRANSLATE_NOOP("dopt::AnalysisText",
    "the outer query groups, limits, combines or locks its rows, which would need the joined value");
const char* const ScalarSubqueryDecorrelator::DistinctOn
    = QT_TRANSLATE_NOOP("dopt::AnalysisText", "the outer query uses DISTINCT ON");
const char* const ScalarSubqueryDecorrelator::OuterFrom = QT_TRANSLATE_NOOP("dopt::AnalysisText",
    "the outer FROM uses commas, NATURAL or LATERAL joins, a table function or an unnamed derived table, where "
    "the added LEFT JOIN could bind to the wrong side");
const char* const ScalarSubqueryDecorrelator::OuterStar = QT_TRANSLATE_NOOP(
    "dopt::AnalysisText", "the outer query selects *, which would also return the joined table's columns");
const char* const ScalarSubqueryDecorrelator::NotAggregate = QT_TRANSLATE_NOOP("dopt::AnalysisText",
    "the subquery's value is not one aggregate (SUM, MIN, MAX, AVG or COUNT) among constants: it may return "
    "several rows, which a join would multiply");
const char* const ScalarSubqueryDecorrelator::Nested = QT_TRANSLATE_NOOP(
    "dopt::AnalysisText", "the subquery holds another subquery, a window, LATERAL or a random value");
const char* const ScalarSubqueryDecorrelator::InnerClauses = QT_TRANSLATE_NOOP(
    "dopt::AnalysisText", "the subquery groups, orders, limits or combines rows, or reads more than one table");
const char* const ScalarSubqueryDecorrelator::NotCorrelated = QT_TRANSLATE_NOOP(
    "dopt::AnalysisText", "the subquery is not correlated by equalities with a table of the outer FROM");
const char* const ScalarSubqueryDecorrelator::Disjunction
    = QT_TRANSLATE_NOOP("dopt::AnalysisText", "the subquery's WHERE has a top-level OR");
const char* const ScalarSubqueryDecorrelator::UnknownOuter = QT_TRANSLATE_NOOP(
    "dopt::AnalysisText", "a correlation names a table that the outer FROM does not have exactly once");
const char* const ScalarSubqueryDecorrelator::OuterReference = QT_TRANSLATE_NOOP("dopt::AnalysisText",
    "the subquery refers to another table's column outside an equality with its own column or a condition on "
    "outer columns only (a grouped join cannot express it)");
const char* const ScalarSubqueryDecorrelator::SameName
    = QT_TRANSLATE_NOOP("dopt::AnalysisText", "the subquery's table has the same name as a table of the outer query");
const char* const ScalarSubqueryDecorrelator::Captured
    = QT_TRANSLATE_NOOP("dopt::AnalysisText", "a name of the statement could bind to a column of the joined table");
const char* const ScalarSubqueryDecorrelator::ColumnName = QT_TRANSLATE_NOOP("dopt::AnalysisText",
    "the subquery has no alias and the engine's name for its column cannot be kept (unknown engine, or a t.* "
    "before it in Dremio)");

namespace {

using Tokens = SqlTokenList;

bool sameName(const QString& a, const QString& b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

/// A join keyword (LEFT(x, 3) and RIGHT(x, 3) are string functions, not joins).
bool joinKeyword(const Tokens& t, qsizetype i)
{
    return t.anyWord(i, {"JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL"}) && !t.is(i + 1, u'(');
}

/// The outer FROM clause (first..last): tables or aliased derived tables joined with explicit JOINs
/// (never commas, LATERAL or NATURAL, where the appended LEFT JOIN would bind to the wrong side or
/// see other columns). Appends the name each item's columns are qualified with.
bool outerQualifiers(const Tokens& t, qsizetype first, qsizetype last, QStringList* qualifiers)
{
    qsizetype i = first;
    while (true) {
        QString qualifier;
        qsizetype end = -1;
        if (t.is(i, u'(')) {
            end = t.closing(i);
        } else {
            end = t.pathEnd(i);
            if (end >= 0 && t.is(end + 1, u'('))
                return false; // a table function
            if (end >= 0)
                qualifier = t.unquotedLast(end);
        }
        if (end < 0 || end > last)
            return false;
        qsizetype next = end + 1;
        const bool as = t.word(next, "AS");
        next += as ? 1 : 0;
        if (next <= last && t.isName(next))
            qualifier = t.unquotedLast(next++);
        else if (as)
            return false;
        if (qualifier.isEmpty())
            return false; // a derived table without an alias
        qualifiers->append(qualifier);
        if (t.word(next, "ON")) {
            int depth = 0;
            for (++next; next <= last && !(depth == 0 && joinKeyword(t, next)); ++next)
                depth += t.is(next, u'(') ? 1 : t.is(next, u')') ? -1 : 0;
        } else if (t.word(next, "USING") && t.is(next + 1, u'(')) {
            const qsizetype close = t.closing(next + 1);
            if (close < 0)
                return false;
            next = close + 1;
        }
        if (next > last)
            return true;
        if (t.anyWord(next, {"LEFT", "RIGHT", "FULL"}))
            next += t.word(next + 1, "OUTER") ? 2 : 1;
        else if (t.anyWord(next, {"INNER", "CROSS"}))
            ++next;
        if (!t.word(next, "JOIN"))
            return false;
        i = next + 1;
    }
}

struct Range
{
    qsizetype first = 0;
    qsizetype last = 0;
};

/// A condition (first..last) split at its top-level ANDs; false when it has a top-level OR (then it
/// is not a conjunction). The AND of BETWEEN x AND y and those inside CASE stay in their conjunct.
bool conjuncts(const Tokens& t, qsizetype first, qsizetype last, QVector<Range>* out)
{
    int depth = 0;
    bool between = false;
    qsizetype start = first;
    for (qsizetype i = first; i <= last; ++i) {
        if (t.is(i, u'(') || t.word(i, "CASE"))
            ++depth;
        else if (t.is(i, u')') || t.word(i, "END"))
            --depth;
        else if (depth == 0 && t.word(i, "OR"))
            return false;
        else if (depth == 0 && t.word(i, "BETWEEN"))
            between = true;
        else if (depth == 0 && t.word(i, "AND")) {
            if (between) {
                between = false;
                continue;
            }
            if (i == start)
                return false;
            out->append({start, i - 1});
            start = i + 1;
        }
    }
    if (start > last)
        return false;
    out->append({start, last});
    return true;
}

/// A name no token of the statement uses: base, else base2, base3...
QString freshName(const Tokens& t, const QString& base)
{
    QSet<QString> used;
    for (qsizetype i = 0; i < t.size(); ++i) {
        if (t.kind(i) == SqlTokenKind::Word || t.kind(i) == SqlTokenKind::QuotedIdentifier)
            used.insert(t.unquotedLast(i).toLower());
    }
    QString name = base;
    for (int n = 2; used.contains(name); ++n)
        name = base + QString::number(n);
    return name;
}

/// The outer query's top-level clauses, found once for every candidate subquery.
struct OuterQuery
{
    qsizetype listStart = 1; // first token of the select list
    qsizetype from = -1;
    qsizetype fromEnd = -1; // the first token after the FROM clause (WHERE, ORDER or the end)
    qsizetype orderBy = -1;
    qsizetype end = 0; // the statement's end, trailing semicolons excluded
    QStringList qualifiers;
};

std::optional<OuterQuery> outerQuery(const Tokens& t, const char** reason)
{
    OuterQuery q;
    *reason = ScalarSubqueryDecorrelator::NotASelect;
    if (!t.word(0, "SELECT"))
        return std::nullopt;
    q.end = t.size();
    while (q.end > 0 && t.is(q.end - 1, u';'))
        --q.end;
    int depth = 0;
    for (qsizetype i = 1; i < q.end; ++i) {
        if (t.is(i, u'(') || t.is(i, u')')) {
            depth += t.is(i, u'(') ? 1 : -1;
            if (depth < 0)
                return std::nullopt;
            continue;
        }
        if (depth > 0)
            continue;
        *reason = ScalarSubqueryDecorrelator::OuterShape;
        // Grouping or set operations would need the joined value in them; a LIMIT (ties) or locking
        // clause would make the two results impossible to compare row for row.
        if (t.is(i, u';')
            || t.anyWord(i,
                {"GROUP", "HAVING", "WINDOW", "QUALIFY", "UNION", "EXCEPT", "INTERSECT", "LIMIT", "OFFSET", "FETCH",
                    "TOP", "INTO", "FOR"}))
            return std::nullopt;
        *reason = ScalarSubqueryDecorrelator::NotASelect;
        if (q.from < 0 && t.word(i, "FROM"))
            q.from = i;
        else if (q.from >= 0 && q.fromEnd < 0 && t.anyWord(i, {"WHERE", "ORDER"}))
            q.fromEnd = i;
        if (q.orderBy < 0 && t.word(i, "ORDER"))
            q.orderBy = i;
    }
    if (depth != 0 || q.from < 0)
        return std::nullopt;
    if (q.fromEnd < 0)
        q.fromEnd = q.end;
    if (t.anyWord(1, {"DISTINCT", "ALL"}))
        q.listStart = 2;
    *reason = ScalarSubqueryDecorrelator::DistinctOn;
    if (t.word(q.listStart, "ON"))
        return std::nullopt;
    *reason = ScalarSubqueryDecorrelator::OuterFrom;
    if (!outerQualifiers(t, q.from + 1, q.fromEnd - 1, &q.qualifiers))
        return std::nullopt;
    *reason = nullptr;
    return q;
}

/// A simple ORDER BY item of the outer query: it names an output column before any input column.
bool simpleOrderItem(const Tokens& t, const OuterQuery& q, qsizetype k)
{
    return q.orderBy >= 0 && k > q.orderBy && t.enclosing(k) < 0 && (t.word(k - 1, "BY") || t.is(k - 1, u','))
        && (k + 1 >= q.end || t.is(k + 1, u',') || t.anyWord(k + 1, {"ASC", "DESC", "NULLS"}));
}

/// A subquery of the select list: where it is and which output column holds it.
struct Candidate
{
    qsizetype open = 0; // its '('
    qsizetype close = 0; // its ')'
    qsizetype itemStart = 0; // the first token of its select-list item
    int ordinal = 0; // the item's position in the select list, from 0
    bool starBefore = false; // a `t.*` item comes before it (Dremio's EXPR$n counts the expanded columns)
};

/// Functions that may surround the aggregate: deterministic, never raising on NULL, the same in
/// PostgreSQL and Dremio.
bool constantFunction(const Tokens& t, qsizetype i)
{
    return t.anyWord(i, {"COALESCE", "NULLIF", "GREATEST", "LEAST", "ROUND", "ABS", "CEIL", "CEILING", "FLOOR", "SIGN"})
        && t.is(i + 1, u'(');
}

/// A token that may stand around the aggregate in the subquery's value: literals, operators,
/// parentheses and the functions above (no column: the value of a grouped subquery without GROUP BY
/// can only be computed from its aggregate and constants).
bool constantToken(const Tokens& t, qsizetype i)
{
    switch (t.kind(i)) {
    case SqlTokenKind::Number:
    case SqlTokenKind::String:
    case SqlTokenKind::Operator:
        return true;
    case SqlTokenKind::Punctuation:
        return t.is(i, u'(') || t.is(i, u')') || t.is(i, u',');
    case SqlTokenKind::Word:
        return constantFunction(t, i) || t.anyWord(i, {"NULL", "TRUE", "FALSE"});
    default:
        return false;
    }
}

/// The number of tables of the outer FROM named `qualifier`.
qsizetype outerMatches(const OuterQuery& q, const QString& qualifier)
{
    return std::count_if(
        q.qualifiers.cbegin(), q.qualifiers.cend(), [&](const QString& o) { return sameName(o, qualifier); });
}

/// A name as the engine shows it written back as an identifier: bare when it needs no quotes.
QString identifier(const QString& name)
{
    static const QRegularExpression bare(QStringLiteral("^[a-z_][a-z0-9_]*$"));
    if (bare.match(name).hasMatch())
        return name;
    return QLatin1Char('"') + QString(name).replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1Char('"');
}

/// PostgreSQL's name for an unaliased scalar subquery column: the name of the subquery's own column
/// (its alias, else the function at the top of its value, else ?column?), as FigureColname gives it.
QString postgresColumnName(const Tokens& t, qsizetype value, qsizetype valueEnd, qsizetype innerAliasAt)
{
    if (innerAliasAt >= 0) {
        const QString name = t.unquotedLast(innerAliasAt);
        return t.kind(innerAliasAt) == SqlTokenKind::QuotedIdentifier ? name : name.toLower();
    }
    while (t.is(value, u'(') && t.closing(value) == valueEnd) {
        ++value;
        --valueEnd;
    }
    if (t.kind(value) == SqlTokenKind::Word && t.is(value + 1, u'(')) {
        const qsizetype close = t.closing(value + 1);
        const qsizetype end = t.word(close + 1, "FILTER") && t.is(close + 2, u'(') ? t.closing(close + 2) : close;
        if (end == valueEnd)
            return t.unquotedLast(value).toLower();
    }
    return QStringLiteral("?column?");
}

std::optional<ScalarSubqueryDecorrelator::Result> rewriteAt(const QString& sql, const Tokens& t, const OuterQuery& q,
    const Candidate& c, std::optional<SqlDialect> dialect, const char** reason)
{
    const auto decline = [reason](const char* why) -> std::optional<ScalarSubqueryDecorrelator::Result> {
        *reason = why;
        return std::nullopt;
    };
    const qsizetype open = c.open;
    const qsizetype close = c.close;

    // The whole select-list item, aliased or not, or a part of a larger expression.
    bool wholeItem = false;
    qsizetype aliasAt = -1;
    if (open == c.itemStart) {
        const qsizetype after = close + 1;
        const qsizetype at = t.word(after, "AS") ? after + 1 : after;
        if (t.is(after, u',') || after == q.from) {
            wholeItem = true;
        } else if (t.isName(at) && (t.is(at + 1, u',') || at + 1 == q.from)) {
            wholeItem = true;
            aliasAt = at;
        }
    }

    // The subquery: SELECT [DISTINCT] value [AS name] FROM one table WHERE a conjunction, where the
    // value is one aggregate with constants around it. Without GROUP BY it is one row: DISTINCT and ALL
    // change nothing.
    // Nested subqueries may correlate further; a window changes what is aggregated; a random value
    // would be drawn once instead of per row.
    for (qsizetype j = open + 2; j < close; ++j) {
        if (t.anyWord(j, {"SELECT", "OVER", "WITHIN", "LATERAL", "RANDOM", "RAND"}))
            return decline(ScalarSubqueryDecorrelator::Nested);
    }
    const qsizetype value = t.anyWord(open + 2, {"DISTINCT", "ALL"}) ? open + 3 : open + 2;
    qsizetype fromKeyword = -1;
    int depth = 0;
    for (qsizetype j = value; j < close && fromKeyword < 0; ++j) {
        depth += t.is(j, u'(') ? 1 : t.is(j, u')') ? -1 : 0;
        if (depth == 0 && t.word(j, "FROM"))
            fromKeyword = j;
    }
    if (fromKeyword <= value)
        return decline(ScalarSubqueryDecorrelator::NotCorrelated);
    qsizetype valueEnd = fromKeyword - 1;
    qsizetype innerAliasAt = -1;
    if (t.isName(valueEnd) && (t.word(valueEnd - 1, "AS") || t.is(valueEnd - 1, u')'))) {
        innerAliasAt = valueEnd;
        valueEnd -= t.word(valueEnd - 1, "AS") ? 2 : 1;
    }
    qsizetype aggregate = -1;
    qsizetype aggregateEnd = -1; // its ')' or the ')' of its FILTER (WHERE ...)
    for (qsizetype j = value; j <= valueEnd; ++j) {
        if (t.anyWord(j, {"SUM", "MIN", "MAX", "AVG", "COUNT"}) && t.is(j + 1, u'(') && !t.is(j - 1, u'.')) {
            if (aggregate >= 0)
                return decline(ScalarSubqueryDecorrelator::NotAggregate);
            aggregate = j;
            aggregateEnd = t.closing(j + 1);
            if (aggregateEnd < 0)
                return decline(ScalarSubqueryDecorrelator::NotAggregate);
            // A filter is applied in the grouped table the same way.
            if (t.word(aggregateEnd + 1, "FILTER") && t.is(aggregateEnd + 2, u'(') && t.word(aggregateEnd + 3, "WHERE"))
                aggregateEnd = t.closing(aggregateEnd + 2);
            if (aggregateEnd < 0 || aggregateEnd > valueEnd)
                return decline(ScalarSubqueryDecorrelator::NotAggregate);
            j = aggregateEnd;
        } else if (!constantToken(t, j)) {
            return decline(ScalarSubqueryDecorrelator::NotAggregate);
        }
    }
    if (aggregate < 0)
        return decline(ScalarSubqueryDecorrelator::NotAggregate);
    const bool count = t.word(aggregate, "COUNT");
    const qsizetype innerFrom = fromKeyword + 1;
    qsizetype where = -1;
    depth = 0;
    for (qsizetype j = value; j < close; ++j) {
        if (t.word(j, "FILTER") && (j <= aggregate || j > aggregateEnd))
            return decline(ScalarSubqueryDecorrelator::InnerClauses);
        if (t.is(j, u'(') || t.is(j, u')')) {
            depth += t.is(j, u'(') ? 1 : -1;
            continue;
        }
        if (depth > 0 || j < innerFrom)
            continue;
        if (t.word(j, "WHERE") && where < 0)
            where = j;
        else if (t.is(j, u',') || joinKeyword(t, j)
            || t.anyWord(j,
                {"GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "FETCH", "UNION", "EXCEPT", "INTERSECT", "WINDOW",
                    "QUALIFY", "WHERE"}))
            return decline(ScalarSubqueryDecorrelator::InnerClauses);
    }
    if (where < 0)
        return decline(ScalarSubqueryDecorrelator::NotCorrelated);
    const qsizetype fromLast = where - 1;
    const qsizetype tableEnd = t.pathEnd(innerFrom);
    if (tableEnd < 0 || t.is(tableEnd + 1, u'('))
        return decline(ScalarSubqueryDecorrelator::InnerClauses);
    QString inner;
    const qsizetype innerTableAliasAt = t.word(tableEnd + 1, "AS") ? tableEnd + 2 : tableEnd + 1;
    if (tableEnd == fromLast)
        inner = t.unquotedLast(tableEnd);
    else if (innerTableAliasAt == fromLast && t.isName(innerTableAliasAt))
        inner = t.unquotedLast(innerTableAliasAt);
    else
        return decline(ScalarSubqueryDecorrelator::InnerClauses);
    // The same name inside and outside: the references could not be told apart.
    if (outerMatches(q, inner) > 0)
        return decline(ScalarSubqueryDecorrelator::SameName);

    // Conjuncts: inner.k = outer.k correlations, conditions on outer columns only (they become a guard
    // on the joined value), and the others, which must name the inner table only.
    QVector<Range> parts;
    if (!conjuncts(t, where + 1, close - 1, &parts))
        return decline(ScalarSubqueryDecorrelator::Disjunction);
    QVector<Range> correlations; // the inner column reference (qualifier..name) of each
    QStringList outerColumns;
    QStringList others;
    QStringList guards;
    QVector<Range> skipped {{innerFrom, fromLast}};
    for (const Range& p : parts) {
        const bool equality = p.last - p.first == 6 && t.isName(p.first) && t.is(p.first + 1, u'.')
            && t.isName(p.first + 2) && t.isOperator(p.first + 3, "=") && t.isName(p.first + 4)
            && t.is(p.first + 5, u'.') && t.isName(p.first + 6);
        const bool leftInner = equality && sameName(t.unquotedLast(p.first), inner);
        const bool rightInner = equality && sameName(t.unquotedLast(p.first + 4), inner);
        if (leftInner != rightInner) {
            const qsizetype innerAt = leftInner ? p.first : p.first + 4;
            const qsizetype outerAt = leftInner ? p.first + 4 : p.first;
            if (outerMatches(q, t.unquotedLast(outerAt)) != 1)
                return decline(ScalarSubqueryDecorrelator::UnknownOuter); // not (unambiguously) an outer table
            correlations.append({innerAt, innerAt + 2});
            outerColumns.append(t.slice(outerAt, outerAt + 2));
            skipped.append(p);
            continue;
        }
        // A condition on outer columns only: the subquery has no row where it is not true, so the value
        // is what an empty group gives. Only outer column references, literals and operators, so that
        // it means the same in the select list (an unqualified name would bind to the inner table first).
        bool outer = false;
        bool outerOnly = true;
        for (qsizetype k = p.first; k <= p.last; ++k) {
            if (t.isName(k) && t.is(k + 1, u'.') && !t.is(k - 1, u'.')) {
                if (outerMatches(q, t.unquotedLast(k)) == 1 && t.isName(k + 2) && !t.is(k + 3, u'.')
                    && !t.is(k + 3, u'(')) {
                    outer = true;
                    k += 2;
                    continue;
                }
                outerOnly = false;
                continue;
            }
            const bool literal = t.kind(k) == SqlTokenKind::Number || t.kind(k) == SqlTokenKind::String
                || t.kind(k) == SqlTokenKind::Operator;
            if (!literal && !t.is(k, u'(') && !t.is(k, u')') && !t.is(k, u',')
                && !t.anyWord(k, {"IS", "NOT", "NULL", "TRUE", "FALSE", "IN", "BETWEEN", "AND", "LIKE"}))
                outerOnly = false;
        }
        if (outer && !outerOnly)
            return decline(ScalarSubqueryDecorrelator::OuterReference);
        if (outer) {
            guards.append(t.slice(p.first, p.last));
            skipped.append(p);
        } else {
            others.append(t.slice(p.first, p.last));
        }
    }
    if (correlations.isEmpty())
        return decline(ScalarSubqueryDecorrelator::NotCorrelated);
    // Every other qualified reference is inner.column: an outer reference outside an equality
    // correlates in a way a grouped join cannot express. (Unqualified names bind to the inner table
    // first in both forms; one that reached the outer row before fails in the join, never silently.)
    for (qsizetype j = value; j < close; ++j) {
        if (std::any_of(skipped.cbegin(), skipped.cend(), [j](const Range& r) { return j >= r.first && j <= r.last; }))
            continue;
        if (!t.isName(j) || !t.is(j + 1, u'.') || t.is(j - 1, u'.'))
            continue;
        // After the dot any word is a column (o.date, o.rows), but not a longer path or a function.
        const bool column = t.kind(j + 2) == SqlTokenKind::Word || t.kind(j + 2) == SqlTokenKind::QuotedIdentifier;
        if (!column || t.is(j + 3, u'.') || t.is(j + 3, u'(') || !sameName(t.unquotedLast(j), inner))
            return decline(ScalarSubqueryDecorrelator::OuterReference);
    }

    // The value's name in the joined table: the item's alias; for an unaliased item the name the engine
    // gives the column, written as an explicit alias so that it stays; inside an expression a fresh one.
    QString alias;
    QString aliasText;
    if (aliasAt >= 0) {
        alias = t.unquotedLast(aliasAt);
        aliasText = t.text(aliasAt).toString();
    } else if (wholeItem) {
        if (!dialect)
            return decline(ScalarSubqueryDecorrelator::ColumnName);
        if (*dialect == SqlDialect::Postgres) {
            alias = postgresColumnName(t, value, valueEnd, innerAliasAt);
            aliasText = identifier(alias);
        } else {
            if (c.starBefore)
                return decline(ScalarSubqueryDecorrelator::ColumnName);
            alias = QStringLiteral("EXPR$%1").arg(c.ordinal); // Calcite's name: EXPR$ and the column's position
            aliasText = QLatin1Char('"') + alias + QLatin1Char('"');
        }
    } else {
        alias = freshName(t, QStringLiteral("v"));
        aliasText = alias;
    }

    // The joined table exposes the keys and the value: no other name of the statement may bind to them.
    QSet<QString> exposed {alias.toLower()};
    QStringList keyNames;
    QStringList keyColumns;
    for (const Range& r : correlations) {
        const QString name = t.unquotedLast(r.last).toLower();
        if (exposed.contains(name))
            return decline(ScalarSubqueryDecorrelator::Captured); // two keys of one name, or a key named like the value
        exposed.insert(name);
        keyNames.append(t.text(r.last).toString());
        keyColumns.append(t.slice(r.first, r.last));
    }
    for (qsizetype k = 0; k < q.end; ++k) {
        if ((k >= open && k <= close) || k == aliasAt || !t.isName(k) || t.is(k - 1, u'.') || t.is(k + 1, u'.')
            || t.is(k + 1, u'('))
            continue;
        const QString name = t.unquotedLast(k);
        if (exposed.contains(name.toLower()) && !(sameName(name, alias) && simpleOrderItem(t, q, k)))
            return decline(ScalarSubqueryDecorrelator::Captured);
    }

    const QString joined = freshName(t, QStringLiteral("s")); // the joined table
    QStringList on;
    for (qsizetype i = 0; i < keyNames.size(); ++i)
        on.append(QStringLiteral("%1.%2 = %3").arg(joined, keyNames[i], outerColumns[i]));
    const QString keys = keyColumns.join(QStringLiteral(", "));
    const QString aggregateText = t.slice(aggregate, aggregateEnd);
    QString derived = QStringLiteral("(SELECT %1, %2 AS %3 FROM %4")
                          .arg(keys, aggregateText, aliasText, t.slice(innerFrom, fromLast));
    if (!others.isEmpty())
        derived += QStringLiteral(" WHERE ") + others.join(QStringLiteral(" AND "));
    derived += QStringLiteral(" GROUP BY %1)").arg(keys);
    const QString join
        = QStringLiteral(" LEFT JOIN %1 %2 ON %3").arg(derived, joined, on.join(QStringLiteral(" AND ")));
    // COUNT over no row is 0, the missed join gives NULL; where a guard is not true the subquery had no
    // row at all.
    QString aggregateValue = count ? QStringLiteral("COALESCE(%1.%2, 0)").arg(joined, aliasText)
                                   : QStringLiteral("%1.%2").arg(joined, aliasText);
    if (!guards.isEmpty())
        aggregateValue = QStringLiteral("CASE WHEN %1 THEN %2%3 END")
                             .arg(guards.join(QStringLiteral(" AND ")), aggregateValue,
                                 count ? QStringLiteral(" ELSE 0") : QString());
    // The constants around the aggregate stay as written, around the joined value.
    const qsizetype valueStart = t.at(value).offset;
    QString replacement = sql.mid(valueStart, t.at(aggregate).offset - valueStart) + aggregateValue
        + sql.mid(t.at(aggregateEnd).end(), t.at(valueEnd).end() - t.at(aggregateEnd).end());
    if (wholeItem && aliasAt < 0)
        replacement += QStringLiteral(" AS ") + aliasText;

    ScalarSubqueryDecorrelator::Result result;
    result.after = sql;
    result.after.insert(t.at(q.fromEnd - 1).end(), join); // after the subquery: insert first
    result.after.replace(t.at(open).offset, t.at(close).end() - t.at(open).offset, replacement);
    result.aggregate = aggregateText;
    result.alias = alias;
    result.keys = keyColumns;
    return result;
}

} // namespace

std::optional<ScalarSubqueryDecorrelator::Result> ScalarSubqueryDecorrelator::rewrite(
    const QString& sql, std::optional<SqlDialect> dialect, const char** declined)
{
    const char* reason = nullptr;
    const auto decline = [&]() -> std::optional<Result> {
        if (declined)
            *declined = reason ? reason : NotCorrelated;
        return std::nullopt;
    };
    const Tokens t(sql);
    const std::optional<OuterQuery> q = outerQuery(t, &reason);
    if (!q)
        return decline();
    qsizetype itemStart = q->listStart;
    int ordinal = 0;
    bool starSeen = false;
    int depth = 0;
    for (qsizetype i = q->listStart; i < q->from; ++i) {
        if (depth == 0 && t.is(i, u',')) {
            itemStart = i + 1;
            ++ordinal;
            continue;
        }
        if (i == itemStart) {
            if (t.is(i, u'*')) {
                reason = OuterStar; // SELECT *, (...): the joined table's columns would join the result
                return decline();
            }
            const qsizetype pathEnd = t.pathEnd(i);
            if (pathEnd >= 0 && t.is(pathEnd + 1, u'.') && t.is(pathEnd + 2, u'*'))
                starSeen = true;
        }
        if (t.is(i, u'(') && t.word(i + 1, "SELECT")) {
            const qsizetype close = t.closing(i);
            if (close < 0)
                return decline();
            const char* why = nullptr;
            if (auto result = rewriteAt(sql, t, *q, {i, close, itemStart, ordinal, starSeen}, dialect, &why))
                return result;
            // The first subquery that is correlated tells why; an uncorrelated one does not.
            if (!reason || reason == NotCorrelated)
                reason = why;
            i = close;
            continue;
        }
        depth += t.is(i, u'(') ? 1 : t.is(i, u')') ? -1 : 0;
    }
    return decline();
}

} // namespace dopt
