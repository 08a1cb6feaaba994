#include "sqltokenlist.h"

#include "sql/sqltokenizer.h"

namespace dopt {

SqlTokenList::SqlTokenList(const QString& sql, SqlDialect dialect)
    : m_sql(sql)
    , m_tokens(SqlTokenizer::tokenize(sql, dialect, false)) // without comments, shared with the tokenizer's memo
{ }

bool SqlTokenList::word(qsizetype i, const char* keyword) const
{
    return valid(i) && m_tokens[i].kind == SqlTokenKind::Word
        && text(i).compare(QLatin1String(keyword), Qt::CaseInsensitive) == 0;
}

bool SqlTokenList::anyWord(qsizetype i, std::initializer_list<const char*> keywords) const
{
    if (kind(i) != SqlTokenKind::Word)
        return false;
    for (const char* keyword : keywords) {
        if (word(i, keyword))
            return true;
    }
    return false;
}

bool SqlTokenList::isOperator(qsizetype i, const char* op) const
{
    return valid(i) && m_tokens[i].kind == SqlTokenKind::Operator && text(i) == QLatin1String(op);
}

QString SqlTokenList::slice(qsizetype first, qsizetype last) const
{
    if (!valid(first) || !valid(last) || last < first)
        return QString();
    return m_sql.mid(m_tokens[first].offset, m_tokens[last].end() - m_tokens[first].offset);
}

qsizetype SqlTokenList::closing(qsizetype open) const
{
    int depth = 0;
    for (qsizetype i = open; i < size(); ++i) {
        if (is(i, u'('))
            ++depth;
        else if (is(i, u')') && --depth == 0)
            return i;
    }
    return -1;
}

qsizetype SqlTokenList::enclosing(qsizetype i) const
{
    int depth = 0;
    for (qsizetype j = i - 1; j >= 0; --j) {
        if (is(j, u')'))
            ++depth;
        else if (is(j, u'(') && depth-- == 0)
            return j;
    }
    return -1;
}

bool SqlTokenList::isReserved(qsizetype i) const
{
    return anyWord(i,
        {"SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "EXISTS", "ON", "JOIN", "AS", "GROUP", "ORDER", "BY",
            "HAVING", "LIMIT", "UNION", "NULL", "CASE", "WHEN", "THEN", "ELSE", "END", "IS", "LIKE", "BETWEEN", "INNER",
            "LEFT", "RIGHT", "FULL", "OUTER", "CROSS", "DISTINCT", "ALL", "WITH", "INTERVAL", "DATE", "TIMESTAMP",
            "TRUE", "FALSE", "OFFSET", "FETCH", "QUALIFY", "WINDOW", "EXCEPT", "INTERSECT", "USING", "LATERAL", "ASC",
            "DESC", "PARTITION", "OVER", "ROWS", "RANGE", "FILTER"});
}

bool SqlTokenList::isName(qsizetype i) const
{
    return (kind(i) == SqlTokenKind::Word && !isReserved(i)) || kind(i) == SqlTokenKind::QuotedIdentifier;
}

qsizetype SqlTokenList::pathEnd(qsizetype i) const
{
    if (!isName(i))
        return -1;
    qsizetype end = i;
    while (is(end + 1, u'.') && isName(end + 2))
        end += 2;
    return end;
}

qsizetype SqlTokenList::pathStart(qsizetype i) const
{
    if (!isName(i))
        return -1;
    qsizetype start = i;
    while (is(start - 1, u'.') && isName(start - 2))
        start -= 2;
    return start;
}

QString SqlTokenList::unquotedLast(qsizetype i) const
{
    const QStringView name = text(i);
    if (kind(i) == SqlTokenKind::QuotedIdentifier)
        return name.mid(1, name.size() - 2).toString();
    return name.toString();
}

} // namespace dopt
