#pragma once

#include "sql/sqltoken.h"

#include <QString>
#include <QVector>
#include <initializer_list>

namespace dopt {

/// A statement's tokens without comments, with keyword, punctuation and identifier-path tests by
/// index for pattern code. Out-of-range indexes are simply "no match", so patterns need no bounds
/// checks. Holds a reference to the text: keep the string alive while the list is used.
class SqlTokenList
{
public:
    explicit SqlTokenList(const QString& sql, SqlDialect dialect = SqlDialect::Dremio);

    qsizetype size() const { return m_tokens.size(); }
    const SqlToken& at(qsizetype i) const { return m_tokens[i]; }
    bool valid(qsizetype i) const { return i >= 0 && i < m_tokens.size(); }
    QStringView text(qsizetype i) const { return valid(i) ? m_tokens[i].text(m_sql) : QStringView(); }
    SqlTokenKind kind(qsizetype i) const { return valid(i) ? m_tokens[i].kind : SqlTokenKind::Other; }
    /// An unquoted word equal to keyword (case-insensitive).
    bool word(qsizetype i, const char* keyword) const;
    bool anyWord(qsizetype i, std::initializer_list<const char*> keywords) const;
    /// A one-character punctuation or operator token.
    bool is(qsizetype i, char16_t c) const { return valid(i) && m_tokens[i].is(c, m_sql); }
    bool isOperator(qsizetype i, const char* op) const;
    /// Source text from the start of token first to the end of token last ("" when out of range).
    QString slice(qsizetype first, qsizetype last) const;
    /// The ')' matching the '(' at open, -1 when unbalanced.
    qsizetype closing(qsizetype open) const;
    /// The '(' enclosing token i, -1 at top level.
    qsizetype enclosing(qsizetype i) const;

    /// A keyword a column reference never is (SELECT, FROM, AND, NULL, DATE...).
    bool isReserved(qsizetype i) const;
    /// An identifier: an unreserved word or a quoted identifier.
    bool isName(qsizetype i) const;
    /// The last token of a dotted path starting at i (a.b."c d"), -1 when none starts there.
    qsizetype pathEnd(qsizetype i) const;
    /// The first token of a dotted path ending at i, -1 when none ends there.
    qsizetype pathStart(qsizetype i) const;
    /// The name at i without its quotes.
    QString unquotedLast(qsizetype i) const;

private:
    const QString& m_sql;
    QVector<SqlToken> m_tokens;
};

} // namespace dopt
