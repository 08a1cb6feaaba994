#include "sqlrewriter.h"

#include "sql/postgresfingerprint.h"
#include "sql/scalarsubquerydecorrelator.h"
#include "sql/sqltokenlist.h"

#include <QDate>
#include <QSet>

namespace dopt {

namespace {

using Tokens = SqlTokenList;

/// Tokens that may come before a predicate we replace in place (a boolean context).
bool predicateContextBefore(const Tokens& t, qsizetype i)
{
    return t.anyWord(i, {"WHERE", "AND", "OR", "ON", "HAVING"}) || t.is(i, u'(');
}

/// Tokens that may follow such a predicate: the end of the condition or a lower-precedence connective.
bool predicateContextAfter(const Tokens& t, qsizetype i)
{
    return !t.valid(i) || t.is(i, u')') || t.is(i, u';')
        || t.anyWord(i,
            {"AND", "OR", "GROUP", "ORDER", "HAVING", "LIMIT", "UNION", "EXCEPT", "INTERSECT", "WINDOW", "QUALIFY",
                "FETCH", "OFFSET", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "WHERE"});
}

/// A FROM clause of one table: `path [AS] [alias]` between first and last (inclusive). Sets *qualifier
/// to the name columns of that table can be qualified with (the alias, else the table's last part).
bool singleTable(const Tokens& t, qsizetype first, qsizetype last, QString* qualifier, QString* qualifierText)
{
    const qsizetype end = t.pathEnd(first);
    if (end < 0 || end > last)
        return false;
    qsizetype next = end + 1;
    if (t.word(next, "AS"))
        ++next;
    if (next > last) {
        *qualifier = t.unquotedLast(end);
        *qualifierText = t.text(end).toString();
        return true;
    }
    if (next == last && t.isName(next)) {
        *qualifier = t.unquotedLast(next);
        *qualifierText = t.text(next).toString();
        return true;
    }
    return false;
}

/// The outer query's single table, found from the FROM at the same nesting level as token i.
bool outerTable(const Tokens& t, qsizetype i, QString* qualifier, QString* qualifierText)
{
    const qsizetype open = t.enclosing(i);
    const qsizetype close = open >= 0 ? t.closing(open) : t.size();
    int depth = 0;
    qsizetype from = -1;
    qsizetype fromEnd = -1;
    for (qsizetype j = open + 1; j < close; ++j) {
        if (t.is(j, u'('))
            ++depth;
        else if (t.is(j, u')'))
            --depth;
        else if (depth == 0 && from < 0 && t.word(j, "FROM"))
            from = j;
        else if (depth == 0 && from >= 0 && fromEnd < 0
            && (t.anyWord(j,
                    {"WHERE", "GROUP", "ORDER", "HAVING", "LIMIT", "UNION", "JOIN", "INNER", "LEFT", "RIGHT", "FULL",
                        "CROSS"})
                || t.is(j, u',') || t.is(j, u';')))
            fromEnd = j - 1;
    }
    if (from < 0)
        return false;
    if (fromEnd < 0)
        fromEnd = close - 1;
    // A comma or JOIN right after the first table means several tables: ambiguous.
    if (t.is(fromEnd + 1, u',') || t.anyWord(fromEnd + 1, {"JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS"}))
        return false;
    return singleTable(t, from + 1, fromEnd, qualifier, qualifierText);
}

struct Edit
{
    qsizetype offset = 0;
    qsizetype length = 0;
    QString text;
};

QString applyEdits(QString sql, QVector<Edit> edits)
{
    std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.offset > b.offset; });
    for (const Edit& edit : edits)
        sql.replace(edit.offset, edit.length, edit.text);
    return sql;
}

/// Keeps the rewrite only when it still parses wherever the original did.
std::optional<SqlRewrite> checked(SqlRewrite rewrite)
{
    if (!SqlRewriter::parsesAsPostgres(rewrite.before))
        return rewrite;
    if (!SqlRewriter::parsesAsPostgres(rewrite.after))
        return std::nullopt;
    rewrite.parseChecked = true;
    return rewrite;
}

/// x [NOT] IN (SELECT [DISTINCT] y FROM ... [WHERE ...]) -> [NOT] EXISTS (SELECT 1 FROM ... WHERE ... AND y = x).
std::optional<SqlRewrite> subqueryToExists(const QString& sql, bool negated, bool requireCorrelation)
{
    const Tokens t(sql);
    for (qsizetype k = 0; k < t.size(); ++k) {
        const qsizetype in = negated ? k + 1 : k;
        if ((negated && !t.word(k, "NOT")) || !t.word(in, "IN") || !t.is(in + 1, u'(') || !t.word(in + 2, "SELECT"))
            continue;
        if (!negated && t.word(k - 1, "NOT"))
            continue;
        const qsizetype outerLast = k - 1;
        const qsizetype outerFirst = t.pathStart(outerLast);
        if (outerFirst < 0 || !predicateContextBefore(t, outerFirst - 1))
            continue;
        const qsizetype open = in + 1;
        const qsizetype close = t.closing(open);
        if (close < 0 || !predicateContextAfter(t, close + 1))
            continue;
        qsizetype select = in + 2;
        qsizetype column = select + 1;
        if (t.word(column, "DISTINCT"))
            ++column;
        const qsizetype columnLast = t.pathEnd(column);
        if (columnLast < 0 || !t.word(columnLast + 1, "FROM"))
            continue;
        const qsizetype fromFirst = columnLast + 2;
        // The subquery's own clauses at its top level: only FROM and WHERE are supported.
        qsizetype where = -1;
        bool unsupported = false;
        int depth = 0;
        for (qsizetype j = fromFirst; j < close; ++j) {
            if (t.is(j, u'('))
                ++depth;
            else if (t.is(j, u')'))
                --depth;
            else if (depth == 0 && t.word(j, "WHERE") && where < 0)
                where = j;
            else if (depth == 0
                && t.anyWord(
                    j, {"GROUP", "HAVING", "ORDER", "LIMIT", "UNION", "EXCEPT", "INTERSECT", "FETCH", "OFFSET"}))
                unsupported = true;
        }
        if (unsupported)
            continue;
        const qsizetype fromLast = (where >= 0 ? where : close) - 1;
        QString innerQualifier;
        QString innerQualifierText;
        const bool innerSingle = singleTable(t, fromFirst, fromLast, &innerQualifier, &innerQualifierText);
        QString innerColumn = t.slice(column, columnLast);
        if (columnLast == column) {
            if (!innerSingle)
                continue; // unqualified column over several tables: cannot tell which
            innerColumn = innerQualifierText + QLatin1Char('.') + innerColumn;
        }
        QString outerColumn = t.slice(outerFirst, outerLast);
        QString outerQualifier;
        QString outerQualifierText;
        if (outerLast == outerFirst) {
            if (!outerTable(t, outerFirst, &outerQualifier, &outerQualifierText))
                continue;
            outerColumn = outerQualifierText + QLatin1Char('.') + outerColumn;
        } else {
            outerQualifier = t.unquotedLast(outerLast - 2);
        }
        // The same name inside and outside would make the correlation refer to the inner table.
        if (innerSingle && innerQualifier.compare(outerQualifier, Qt::CaseInsensitive) == 0)
            continue;
        const QString condition = where >= 0 ? t.slice(where + 1, close - 1) : QString();
        if (requireCorrelation) {
            // Correlated: the subquery's condition names the outer qualifier.
            bool correlated = false;
            for (qsizetype j = where + 1; where >= 0 && j < close; ++j) {
                if (t.isName(j) && t.is(j + 1, u'.')
                    && t.unquotedLast(j).compare(outerQualifier, Qt::CaseInsensitive) == 0)
                    correlated = true;
            }
            if (!correlated)
                continue;
        }
        bool conditionHasOr = false;
        depth = 0;
        for (qsizetype j = where + 1; where >= 0 && j < close; ++j) {
            depth += t.is(j, u'(') ? 1 : t.is(j, u')') ? -1 : 0;
            conditionHasOr = conditionHasOr || (depth == 0 && t.word(j, "OR"));
        }
        QString newCondition;
        if (conditionHasOr)
            newCondition = QLatin1Char('(') + condition + QStringLiteral(") AND ");
        else if (!condition.isEmpty())
            newCondition = condition + QStringLiteral(" AND ");
        newCondition += innerColumn + QStringLiteral(" = ") + outerColumn;
        const QString replacement
            = QString::fromLatin1(negated ? "NOT EXISTS (SELECT 1 FROM " : "EXISTS (SELECT 1 FROM ")
            + t.slice(fromFirst, fromLast) + QStringLiteral(" WHERE ") + newCondition + QLatin1Char(')');
        SqlRewrite rewrite;
        rewrite.before = sql;
        rewrite.after
            = applyEdits(sql, {{t.at(outerFirst).offset, t.at(close).end() - t.at(outerFirst).offset, replacement}});
        if (negated) {
            rewrite.kind = QStringLiteral("not_in_to_not_exists");
            rewrite.setDescription(
                AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "NOT IN (subquery) on %1 rewritten as NOT EXISTS"))
                    .arg(outerColumn));
            rewrite.setCaveat(AnalysisText(
                QT_TRANSLATE_NOOP("dopt::AnalysisText",
                    "Same rows when %1 and %2 are never NULL. Otherwise NOT IN returns no row at all as soon as the "
                    "subquery yields a NULL, and drops rows whose %1 is NULL, while NOT EXISTS keeps them: usually "
                    "what was meant, but check."))
                                  .arg(outerColumn)
                                  .arg(innerColumn));
        } else {
            rewrite.kind = QStringLiteral("in_to_exists");
            rewrite.setDescription(AnalysisText(
                QT_TRANSLATE_NOOP("dopt::AnalysisText", "Correlated IN (subquery) on %1 rewritten as one EXISTS"))
                                       .arg(outerColumn));
            rewrite.setCaveat(AnalysisText(QT_TRANSLATE_NOOP(
                "dopt::AnalysisText", "Same rows in a WHERE condition (IN and EXISTS differ only under NOT).")));
        }
        if (auto result = checked(rewrite))
            return result;
    }
    return std::nullopt;
}

/// A date literal at i: DATE 'x', TIMESTAMP 'x' or a plain string 'x'. Sets *last to its last token.
std::optional<QDateTime> dateLiteral(const Tokens& t, qsizetype i, qsizetype* last)
{
    qsizetype literal = i;
    if (t.anyWord(i, {"DATE", "TIMESTAMP"}))
        literal = i + 1;
    if (t.kind(literal) != SqlTokenKind::String)
        return std::nullopt;
    const QStringView quoted = t.text(literal);
    if (quoted.size() < 2 || !quoted.startsWith(u'\''))
        return std::nullopt;
    const QString value = quoted.mid(1, quoted.size() - 2).toString().trimmed();
    *last = literal;
    const QDate date = QDate::fromString(value.left(10), Qt::ISODate);
    if (!date.isValid() || (value.size() > 10 && !QTime::fromString(value.mid(11), Qt::ISODateWithMs).isValid()))
        return std::nullopt;
    const QTime time = value.size() > 10 ? QTime::fromString(value.mid(11), Qt::ISODateWithMs) : QTime(0, 0);
    return QDateTime(date, time, Qt::UTC);
}

QString rangeText(const QString& column, QDate from, QDate to)
{
    return QStringLiteral("%1 >= DATE '%2' AND %1 < DATE '%3'")
        .arg(column, from.toString(Qt::ISODate), to.toString(Qt::ISODate));
}

/// The non-sargable predicate whose function name is at f, if there is one.
std::optional<NonSargablePredicate> predicateAt(const Tokens& t, const QString& sql, qsizetype f)
{
    if (t.kind(f) != SqlTokenKind::Word || !t.is(f + 1, u'(') || !predicateContextBefore(t, f - 1))
        return std::nullopt;
    const qsizetype open = f + 1;
    const qsizetype close = t.closing(open);
    if (close < 0)
        return std::nullopt;
    const QString name = t.text(f).toString().toUpper();
    qsizetype columnFirst = -1;
    qsizetype columnLast = -1;
    QString unit; // EXTRACT/DATE_TRUNC unit, CAST type, TO_CHAR format
    int substrLength = -1;
    auto columnAt = [&](qsizetype i) {
        columnFirst = i;
        columnLast = t.pathEnd(i);
        return columnLast >= 0;
    };
    auto stringValue = [&](qsizetype i) {
        const QStringView text = t.text(i);
        return text.mid(1, text.size() - 2).toString();
    };
    if (name == QLatin1String("EXTRACT")) {
        if (t.kind(f + 2) != SqlTokenKind::Word || !t.word(f + 3, "FROM") || !columnAt(f + 4)
            || columnLast + 1 != close)
            return std::nullopt;
        unit = t.text(f + 2).toString().toUpper();
    } else if (name == QLatin1String("YEAR") || name == QLatin1String("MONTH") || name == QLatin1String("UPPER")
        || name == QLatin1String("LOWER") || name == QLatin1String("TRIM") || name == QLatin1String("DAY")) {
        if (!columnAt(f + 2) || columnLast + 1 != close)
            return std::nullopt;
    } else if (name == QLatin1String("CAST")) {
        if (!columnAt(f + 2) || !t.word(columnLast + 1, "AS") || t.kind(columnLast + 2) != SqlTokenKind::Word)
            return std::nullopt;
        unit = t.slice(columnLast + 2, close - 1).toUpper();
    } else if (name == QLatin1String("DATE_TRUNC")) {
        if (t.kind(f + 2) != SqlTokenKind::String || !t.is(f + 3, u',') || !columnAt(f + 4) || columnLast + 1 != close)
            return std::nullopt;
        unit = stringValue(f + 2).toUpper();
    } else if (name == QLatin1String("TO_CHAR")) {
        if (!columnAt(f + 2) || !t.is(columnLast + 1, u',') || t.kind(columnLast + 2) != SqlTokenKind::String
            || columnLast + 3 != close)
            return std::nullopt;
        unit = stringValue(columnLast + 2).toUpper();
    } else if (name == QLatin1String("SUBSTR") || name == QLatin1String("SUBSTRING")) {
        if (!columnAt(f + 2))
            return std::nullopt;
        qsizetype i = columnLast + 1;
        const bool sqlForm = t.word(i, "FROM");
        if (!(sqlForm || t.is(i, u',')) || t.text(i + 1) != QLatin1String("1")
            || !(t.word(i + 2, "FOR") || t.is(i + 2, u',')) || t.kind(i + 3) != SqlTokenKind::Number || i + 4 != close)
            return std::nullopt;
        substrLength = t.text(i + 3).toInt();
    } else if (!t.anyWord(f, {"SUM", "COUNT", "MIN", "MAX", "AVG", "ANY_VALUE", "NOT", "EXISTS", "IN"})) {
        // Any other function of one column and constants (COALESCE(x, 0), ABS(x), CONCAT(a, '-')): it
        // hides the column just the same, with no range form. Aggregates (in HAVING) filter groups.
        if (!columnAt(f + 2))
            return std::nullopt;
        for (qsizetype i = columnLast + 1; i < close; i += 2) {
            const SqlTokenKind k = t.kind(i + 1);
            if (!t.is(i, u',') || !(k == SqlTokenKind::Number || k == SqlTokenKind::String))
                return std::nullopt;
        }
    } else {
        return std::nullopt;
    }
    // The comparison: only "=" has exact range forms for every function, the others for some.
    QString op;
    for (const char* candidate : {"=", "<>", "!=", "<", ">", "<=", ">="}) {
        if (t.isOperator(close + 1, candidate))
            op = QLatin1String(candidate);
    }
    if (t.word(close + 1, "LIKE"))
        op = QStringLiteral("LIKE");
    if (op.isEmpty())
        return std::nullopt;
    const bool equals = op == QLatin1String("=");
    const qsizetype value = close + 2;
    qsizetype valueLast = value;
    if (t.anyWord(value, {"DATE", "TIMESTAMP"}))
        valueLast = value + 1;
    if (!(t.kind(valueLast) == SqlTokenKind::String || t.kind(valueLast) == SqlTokenKind::Number
            || t.kind(valueLast) == SqlTokenKind::Parameter)
        || !predicateContextAfter(t, valueLast + 1))
        return std::nullopt;

    NonSargablePredicate p;
    p.function = name;
    p.column = t.slice(columnFirst, columnLast);
    p.predicate = t.slice(f, valueLast);
    p.offset = t.at(f).offset;
    p.length = t.at(valueLast).end() - p.offset;
    const QString& column = p.column;
    const bool yearUnit
        = (name == QLatin1String("EXTRACT") && unit == QLatin1String("YEAR")) || name == QLatin1String("YEAR");
    const bool textCast = name == QLatin1String("CAST")
        && (unit.startsWith(QLatin1String("VARCHAR")) || unit.startsWith(QLatin1String("CHAR"))
            || unit == QLatin1String("STRING"));
    if (yearUnit && t.kind(value) == SqlTokenKind::Number) {
        bool ok = false;
        const int year = t.text(value).toInt(&ok);
        const QString bound = QStringLiteral("%1 %2 DATE '%3'");
        if (ok && year >= 1 && year < 9999) {
            if (equals)
                p.replacement = rangeText(column, QDate(year, 1, 1), QDate(year + 1, 1, 1));
            else if (op == QLatin1String(">="))
                p.replacement = bound.arg(column, op, QDate(year, 1, 1).toString(Qt::ISODate));
            else if (op == QLatin1String(">"))
                p.replacement = bound.arg(column, QStringLiteral(">="), QDate(year + 1, 1, 1).toString(Qt::ISODate));
            else if (op == QLatin1String("<"))
                p.replacement = bound.arg(column, op, QDate(year, 1, 1).toString(Qt::ISODate));
            else if (op == QLatin1String("<="))
                p.replacement = bound.arg(column, QStringLiteral("<"), QDate(year + 1, 1, 1).toString(Qt::ISODate));
        }
    } else if (textCast && op == QLatin1String("LIKE") && t.kind(value) == SqlTokenKind::String) {
        // CAST(ts AS VARCHAR) LIKE '2025-05%': the text of a date or timestamp starts YYYY-MM-DD.
        const QString literal = stringValue(value);
        const QString prefix = literal.left(literal.size() - 1);
        if (literal.endsWith(QLatin1Char('%')) && !prefix.contains(QLatin1Char('%'))
            && !prefix.contains(QLatin1Char('_'))) {
            const QDate year = QDate::fromString(prefix, QStringLiteral("yyyy"));
            const QDate month = QDate::fromString(prefix, QStringLiteral("yyyy-MM"));
            const QDate day = QDate::fromString(prefix, QStringLiteral("yyyy-MM-dd"));
            if (prefix.size() == 4 && year.isValid())
                p.replacement = rangeText(column, year, year.addYears(1));
            else if (prefix.size() == 7 && month.isValid())
                p.replacement = rangeText(column, month, month.addMonths(1));
            else if (prefix.size() == 10 && day.isValid())
                p.replacement = rangeText(column, day, day.addDays(1));
        }
    } else if (!equals) {
        // Other comparisons hide the column just the same; no exact range form is attempted.
    } else if (name == QLatin1String("CAST") && unit == QLatin1String("DATE")) {
        qsizetype last = -1;
        const auto date = dateLiteral(t, value, &last);
        if (date && date->time() == QTime(0, 0))
            p.replacement = rangeText(column, date->date(), date->date().addDays(1));
    } else if (name == QLatin1String("DATE_TRUNC")) {
        qsizetype last = -1;
        const auto at = dateLiteral(t, value, &last);
        if (at && at->time() == QTime(0, 0)) {
            const QDate d = at->date();
            // Only a literal the truncation can produce: otherwise the original matches nothing.
            if (unit == QLatin1String("DAY"))
                p.replacement = rangeText(column, d, d.addDays(1));
            else if (unit == QLatin1String("WEEK") && d.dayOfWeek() == 1)
                p.replacement = rangeText(column, d, d.addDays(7));
            else if (unit == QLatin1String("MONTH") && d.day() == 1)
                p.replacement = rangeText(column, d, d.addMonths(1));
            else if (unit == QLatin1String("QUARTER") && d.day() == 1 && (d.month() - 1) % 3 == 0)
                p.replacement = rangeText(column, d, d.addMonths(3));
            else if (unit == QLatin1String("YEAR") && d.day() == 1 && d.month() == 1)
                p.replacement = rangeText(column, d, d.addYears(1));
        }
    } else if (name == QLatin1String("TO_CHAR") && t.kind(value) == SqlTokenKind::String) {
        const QString literal = stringValue(value);
        if (unit == QLatin1String("YYYY")) {
            const QDate d = QDate::fromString(literal, QStringLiteral("yyyy"));
            if (d.isValid() && literal.size() == 4)
                p.replacement = rangeText(column, d, d.addYears(1));
        } else if (unit == QLatin1String("YYYY-MM")) {
            const QDate d = QDate::fromString(literal, QStringLiteral("yyyy-MM"));
            if (d.isValid() && literal.size() == 7)
                p.replacement = rangeText(column, d, d.addMonths(1));
        } else if (unit == QLatin1String("YYYY-MM-DD")) {
            const QDate d = QDate::fromString(literal, QStringLiteral("yyyy-MM-dd"));
            if (d.isValid() && literal.size() == 10)
                p.replacement = rangeText(column, d, d.addDays(1));
        }
    } else if (substrLength > 0 && t.kind(value) == SqlTokenKind::String) {
        const QString literal = stringValue(value);
        // A prefix compare is exact when the literal has the substring's length and no LIKE wildcards.
        if (literal.size() == substrLength && !literal.contains(QLatin1Char('%')) && !literal.contains(QLatin1Char('_'))
            && !literal.contains(QLatin1Char('\\')))
            p.replacement = QStringLiteral("%1 LIKE '%2%'").arg(column, literal);
    }
    Q_UNUSED(sql);
    return p;
}

} // namespace

bool SqlRewriter::parsesAsPostgres(const QString& sql)
{
    return PostgresFingerprint::compute(sql).ok;
}

bool SqlRewriter::hasNotInSubquery(const QString& sql)
{
    const Tokens t(sql);
    for (qsizetype i = 0; i < t.size(); ++i) {
        if (t.word(i, "NOT") && t.word(i + 1, "IN") && t.is(i + 2, u'(') && t.word(i + 3, "SELECT"))
            return true;
    }
    return false;
}

bool SqlRewriter::hasCorrelatedScalarSubquery(const QString& sql)
{
    const Tokens t(sql);
    for (qsizetype select = 0; select < t.size(); ++select) {
        if (!t.word(select, "SELECT"))
            continue;
        // The select list: up to this level's FROM.
        int depth = 0;
        for (qsizetype i = select + 1; i < t.size(); ++i) {
            if (depth == 0 && (t.word(i, "FROM") || t.is(i, u')')))
                break;
            if (t.is(i, u'(') && depth == 0 && t.word(i + 1, "SELECT")) {
                const qsizetype close = t.closing(i);
                if (close < 0)
                    return false;
                // a.x = b.y with a != b inside the subquery's condition.
                for (qsizetype j = i + 2; j + 6 < close; ++j) {
                    if (t.isName(j) && t.is(j + 1, u'.') && t.isName(j + 2) && t.isOperator(j + 3, "=")
                        && t.isName(j + 4) && t.is(j + 5, u'.') && t.isName(j + 6)
                        && t.unquotedLast(j).compare(t.unquotedLast(j + 4), Qt::CaseInsensitive) != 0)
                        return true;
                }
                i = close;
                continue;
            }
            depth += t.is(i, u'(') ? 1 : t.is(i, u')') ? -1 : 0;
        }
    }
    return false;
}

std::optional<SqlRewrite> SqlRewriter::notInToNotExists(const QString& sql)
{
    return subqueryToExists(sql, true, false);
}

std::optional<SqlRewrite> SqlRewriter::correlatedInToExists(const QString& sql)
{
    return subqueryToExists(sql, false, true);
}

std::optional<SqlRewrite> SqlRewriter::correlatedScalarToJoin(
    const QString& sql, std::optional<SqlDialect> dialect, AnalysisText* declined)
{
    const char* reason = nullptr;
    const auto decorrelated = ScalarSubqueryDecorrelator::rewrite(sql, dialect, &reason);
    if (!decorrelated) {
        if (declined)
            *declined = AnalysisText(reason);
        return std::nullopt;
    }
    SqlRewrite rewrite;
    rewrite.kind = QStringLiteral("scalar_subquery_to_join");
    rewrite.setDescription(
        AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
                         "Correlated scalar subquery %1 AS %2 rewritten as a LEFT JOIN grouped by %3"))
            .arg(decorrelated->aggregate)
            .arg(decorrelated->alias)
            .arg(decorrelated->keys.join(QStringLiteral(", "))));
    // Tokens carry no types: grouping by the inner column is exact unless the correlation compares it
    // through a lossy cast, where two groups could then match one outer row.
    rewrite.setCaveat(AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
        "Same rows when each correlation compares columns of one type, or of types compared exactly (int and "
        "bigint); a lossy implicit cast (decimal = double) could let two groups match one outer row.")));
    rewrite.before = sql;
    rewrite.after = decorrelated->after;
    return checked(rewrite);
}

QVector<NonSargablePredicate> SqlRewriter::nonSargablePredicates(const QString& sql)
{
    QVector<NonSargablePredicate> found;
    const Tokens t(sql);
    for (qsizetype i = 0; i < t.size(); ++i) {
        if (auto predicate = predicateAt(t, sql, i))
            found.append(*predicate);
    }
    return found;
}

std::optional<SqlRewrite> SqlRewriter::sargableRanges(const QString& sql)
{
    QVector<Edit> edits;
    QStringList functions;
    for (const NonSargablePredicate& p : nonSargablePredicates(sql)) {
        if (p.replacement.isEmpty())
            continue;
        edits.append({p.offset, p.length, p.replacement});
        functions.append(p.function + QLatin1Char('(') + p.column + QLatin1Char(')'));
    }
    if (edits.isEmpty())
        return std::nullopt;
    SqlRewrite rewrite;
    rewrite.kind = QStringLiteral("sargable_range");
    rewrite.setDescription(
        AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "%1 replaced by a range on the column itself"))
            .arg(functions.join(QStringLiteral(", "))));
    rewrite.setCaveat(AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
        "Exact for DATE and TIMESTAMP columns (a TIMESTAMP compares with the DATE bounds at midnight).")));
    rewrite.before = sql;
    rewrite.after = applyEdits(sql, edits);
    return checked(rewrite);
}

std::optional<SqlRewrite> SqlRewriter::addLimit(const QString& sql, int rows)
{
    const Tokens t(sql);
    qsizetype first = 0;
    while (t.is(first, u'('))
        ++first;
    if (!t.anyWord(first, {"SELECT", "WITH", "VALUES"}) || rows <= 0)
        return std::nullopt;
    int depth = 0;
    for (qsizetype i = 0; i < t.size(); ++i) {
        depth += t.is(i, u'(') ? 1 : t.is(i, u')') ? -1 : 0;
        if (depth == 0
            && (t.anyWord(i, {"LIMIT", "TOP"}) || (t.word(i, "FETCH") && t.anyWord(i + 1, {"FIRST", "NEXT"}))))
            return std::nullopt;
    }
    qsizetype last = t.size() - 1;
    while (last >= 0 && t.is(last, u';'))
        --last;
    if (last < 0)
        return std::nullopt;
    SqlRewrite rewrite;
    rewrite.kind = QStringLiteral("add_limit");
    rewrite.setDescription(
        AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "LIMIT %1 added")).arg(QString::number(rows)));
    rewrite.setCaveat(AnalysisText(
        QT_TRANSLATE_NOOP("dopt::AnalysisText", "Changes the result: only the first %1 rows are returned."))
                          .argInteger(rows));
    rewrite.changesResult = true;
    rewrite.before = sql;
    rewrite.after = applyEdits(sql, {{t.at(last).end(), 0, QStringLiteral("\nLIMIT %1").arg(rows)}});
    return checked(rewrite);
}

} // namespace dopt
