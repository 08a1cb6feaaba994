#include "scalarsubquerydecorrelator.h"

#include "sql/sqltokenlist.h"

#include <QSet>
#include <QVector>
#include <algorithm>

namespace dopt {

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

/// A name for the joined table that no token of the statement uses.
QString freshAlias(const Tokens& t)
{
    QSet<QString> used;
    for (qsizetype i = 0; i < t.size(); ++i) {
        if (t.kind(i) == SqlTokenKind::Word || t.kind(i) == SqlTokenKind::QuotedIdentifier)
            used.insert(t.unquotedLast(i).toLower());
    }
    QString alias = QStringLiteral("s");
    for (int n = 2; used.contains(alias); ++n)
        alias = QStringLiteral("s%1").arg(n);
    return alias;
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

std::optional<OuterQuery> outerQuery(const Tokens& t)
{
    OuterQuery q;
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
        // Grouping or set operations would need the joined value in them; a LIMIT (ties) or locking
        // clause would make the two results impossible to compare row for row.
        if (t.is(i, u';')
            || t.anyWord(i,
                {"GROUP", "HAVING", "WINDOW", "QUALIFY", "UNION", "EXCEPT", "INTERSECT", "LIMIT", "OFFSET", "FETCH",
                    "TOP", "INTO", "FOR"}))
            return std::nullopt;
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
    if (t.word(q.listStart, "ON"))
        return std::nullopt; // DISTINCT ON
    if (!outerQualifiers(t, q.from + 1, q.fromEnd - 1, &q.qualifiers))
        return std::nullopt;
    return q;
}

/// A simple ORDER BY item of the outer query: it names an output column before any input column.
bool simpleOrderItem(const Tokens& t, const OuterQuery& q, qsizetype k)
{
    return q.orderBy >= 0 && k > q.orderBy && t.enclosing(k) < 0 && (t.word(k - 1, "BY") || t.is(k - 1, u','))
        && (k + 1 >= q.end || t.is(k + 1, u',') || t.anyWord(k + 1, {"ASC", "DESC", "NULLS"}));
}

std::optional<ScalarSubqueryDecorrelator::Result> rewriteAt(
    const QString& sql, const Tokens& t, const OuterQuery& q, qsizetype open, qsizetype close)
{
    const qsizetype aliasAt = t.word(close + 1, "AS") ? close + 2 : close + 1;
    if (!t.isName(aliasAt) || !(t.is(aliasAt + 1, u',') || aliasAt + 1 == q.from))
        return std::nullopt; // without an alias the column name would change
    const QString alias = t.unquotedLast(aliasAt);

    // The subquery: SELECT agg(...) FROM one table WHERE a conjunction.
    const qsizetype aggregate = open + 2;
    if (!t.anyWord(aggregate, {"SUM", "MIN", "MAX", "AVG", "COUNT"}) || !t.is(aggregate + 1, u'('))
        return std::nullopt;
    const bool count = t.word(aggregate, "COUNT");
    const qsizetype aggregateClose = t.closing(aggregate + 1);
    if (aggregateClose < 0 || aggregateClose >= close || !t.word(aggregateClose + 1, "FROM"))
        return std::nullopt;
    const qsizetype innerFrom = aggregateClose + 2;
    qsizetype where = -1;
    int depth = 0;
    for (qsizetype j = aggregate; j < close; ++j) {
        // Nested subqueries may correlate further; a window or filter changes what is aggregated;
        // a random value would be drawn once instead of per row.
        if (t.anyWord(j, {"SELECT", "OVER", "FILTER", "WITHIN", "LATERAL", "RANDOM", "RAND"}))
            return std::nullopt;
        if (t.is(j, u'(') || t.is(j, u')')) {
            depth += t.is(j, u'(') ? 1 : -1;
            continue;
        }
        if (depth > 0 || j <= aggregateClose)
            continue;
        if (t.word(j, "WHERE") && where < 0)
            where = j;
        else if (t.is(j, u',') || joinKeyword(t, j)
            || t.anyWord(j,
                {"GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "FETCH", "UNION", "EXCEPT", "INTERSECT", "WINDOW",
                    "QUALIFY", "WHERE"}))
            return std::nullopt;
    }
    if (where < 0)
        return std::nullopt;
    const qsizetype fromLast = where - 1;
    const qsizetype tableEnd = t.pathEnd(innerFrom);
    if (tableEnd < 0 || t.is(tableEnd + 1, u'('))
        return std::nullopt;
    QString inner;
    const qsizetype innerAliasAt = t.word(tableEnd + 1, "AS") ? tableEnd + 2 : tableEnd + 1;
    if (tableEnd == fromLast)
        inner = t.unquotedLast(tableEnd);
    else if (innerAliasAt == fromLast && t.isName(innerAliasAt))
        inner = t.unquotedLast(innerAliasAt);
    else
        return std::nullopt;
    // The same name inside and outside: the references could not be told apart.
    if (std::any_of(q.qualifiers.cbegin(), q.qualifiers.cend(), [&](const QString& o) { return sameName(o, inner); }))
        return std::nullopt;

    // Conjuncts: inner.k = outer.k correlations, the others must name the inner table only.
    QVector<Range> parts;
    if (!conjuncts(t, where + 1, close - 1, &parts))
        return std::nullopt;
    QVector<Range> correlations; // the inner column reference (qualifier..name) of each
    QStringList outerColumns;
    QStringList others;
    QVector<Range> skipped {{innerFrom, fromLast}};
    for (const Range& p : parts) {
        const bool equality = p.last - p.first == 6 && t.isName(p.first) && t.is(p.first + 1, u'.')
            && t.isName(p.first + 2) && t.isOperator(p.first + 3, "=") && t.isName(p.first + 4)
            && t.is(p.first + 5, u'.') && t.isName(p.first + 6);
        const bool leftInner = equality && sameName(t.unquotedLast(p.first), inner);
        const bool rightInner = equality && sameName(t.unquotedLast(p.first + 4), inner);
        if (leftInner == rightInner) {
            others.append(t.slice(p.first, p.last));
            continue;
        }
        const qsizetype innerAt = leftInner ? p.first : p.first + 4;
        const qsizetype outerAt = leftInner ? p.first + 4 : p.first;
        const QString outerName = t.unquotedLast(outerAt);
        if (std::count_if(
                q.qualifiers.cbegin(), q.qualifiers.cend(), [&](const QString& o) { return sameName(o, outerName); })
            != 1)
            return std::nullopt; // not (unambiguously) a table of the outer FROM
        correlations.append({innerAt, innerAt + 2});
        outerColumns.append(t.slice(outerAt, outerAt + 2));
        skipped.append(p);
    }
    if (correlations.isEmpty())
        return std::nullopt;
    // Every other qualified reference is inner.column: an outer reference outside an equality
    // correlates in a way a grouped join cannot express. (Unqualified names bind to the inner table
    // first in both forms; one that reached the outer row before fails in the join, never silently.)
    for (qsizetype j = aggregate; j < close; ++j) {
        if (std::any_of(skipped.cbegin(), skipped.cend(), [j](const Range& r) { return j >= r.first && j <= r.last; }))
            continue;
        if (!t.isName(j) || !t.is(j + 1, u'.') || t.is(j - 1, u'.'))
            continue;
        // After the dot any word is a column (o.date, o.rows), but not a longer path or a function.
        const bool column = t.kind(j + 2) == SqlTokenKind::Word || t.kind(j + 2) == SqlTokenKind::QuotedIdentifier;
        if (!column || t.is(j + 3, u'.') || t.is(j + 3, u'(') || !sameName(t.unquotedLast(j), inner))
            return std::nullopt;
    }

    // The joined table exposes the keys and the value: no other name of the statement may bind to them.
    QSet<QString> exposed {alias.toLower()};
    QStringList keyNames;
    QStringList keyColumns;
    for (const Range& c : correlations) {
        const QString name = t.unquotedLast(c.last).toLower();
        if (exposed.contains(name))
            return std::nullopt; // two keys of one name, or a key named like the value
        exposed.insert(name);
        keyNames.append(t.text(c.last).toString());
        keyColumns.append(t.slice(c.first, c.last));
    }
    for (qsizetype k = 0; k < q.end; ++k) {
        if ((k >= open && k <= close) || k == aliasAt || !t.isName(k) || t.is(k - 1, u'.') || t.is(k + 1, u'.')
            || t.is(k + 1, u'('))
            continue;
        const QString name = t.unquotedLast(k);
        if (exposed.contains(name.toLower()) && !(sameName(name, alias) && simpleOrderItem(t, q, k)))
            return std::nullopt;
    }

    const QString joined = freshAlias(t);
    const QString aliasText = t.text(aliasAt).toString();
    QStringList on;
    for (qsizetype i = 0; i < keyNames.size(); ++i)
        on.append(QStringLiteral("%1.%2 = %3").arg(joined, keyNames[i], outerColumns[i]));
    const QString keys = keyColumns.join(QStringLiteral(", "));
    QString derived = QStringLiteral("(SELECT %1, %2 AS %3 FROM %4")
                          .arg(keys, t.slice(aggregate, aggregateClose), aliasText, t.slice(innerFrom, fromLast));
    if (!others.isEmpty())
        derived += QStringLiteral(" WHERE ") + others.join(QStringLiteral(" AND "));
    derived += QStringLiteral(" GROUP BY %1)").arg(keys);
    const QString join
        = QStringLiteral(" LEFT JOIN %1 %2 ON %3").arg(derived, joined, on.join(QStringLiteral(" AND ")));
    // COUNT over no row is 0, the missed join gives NULL.
    const QString value = count ? QStringLiteral("COALESCE(%1.%2, 0)").arg(joined, aliasText)
                                : QStringLiteral("%1.%2").arg(joined, aliasText);

    ScalarSubqueryDecorrelator::Result result;
    result.after = sql;
    result.after.insert(t.at(q.fromEnd - 1).end(), join); // after the subquery: insert first
    result.after.replace(t.at(open).offset, t.at(close).end() - t.at(open).offset, value);
    result.aggregate = t.slice(aggregate, aggregateClose);
    result.alias = alias;
    result.keys = keyColumns;
    return result;
}

} // namespace

std::optional<ScalarSubqueryDecorrelator::Result> ScalarSubqueryDecorrelator::rewrite(const QString& sql)
{
    const Tokens t(sql);
    const std::optional<OuterQuery> q = outerQuery(t);
    if (!q)
        return std::nullopt;
    for (qsizetype i = q->listStart; i < q->from; ++i) {
        const bool itemStart = i == q->listStart || t.is(i - 1, u',');
        if (itemStart && t.is(i, u'*'))
            return std::nullopt; // SELECT *, (...): the joined table's columns would join the result
        if (!t.is(i, u'('))
            continue;
        const qsizetype close = t.closing(i);
        if (close < 0)
            return std::nullopt;
        if (itemStart && t.word(i + 1, "SELECT")) {
            if (auto result = rewriteAt(sql, t, *q, i, close))
                return result;
        }
        i = close;
    }
    return std::nullopt;
}

} // namespace dopt
