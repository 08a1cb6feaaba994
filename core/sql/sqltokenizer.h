#pragma once

#include "sql/sqltoken.h"

#include <QVector>

namespace dopt {

/// A hand-written, allocation-free SQL lexer over UTF-16 text (Dremio and PostgreSQL rules).
/// It never fails: an unterminated string, quoted identifier or comment runs to the end of the input
/// and is returned with SqlToken::unterminated set, so callers can report it instead of crashing.
class SqlTokenizer
{
public:
    explicit SqlTokenizer(QStringView source, SqlDialect dialect = SqlDialect::Dremio);

    /// Reads the next token (comments included, whitespace skipped); false at the end of the input.
    bool next(SqlToken* token);
    /// Offset of the first character not yet consumed.
    qsizetype position() const { return m_pos; }

    /// Convenience for tests and small inputs: every token, optionally without comments.
    static QVector<SqlToken> tokenize(QStringView source, SqlDialect dialect, bool keepComments = true);
    /// 1-based line and column of an offset, for messages that name where something is.
    static void lineColumn(QStringView source, qsizetype offset, int* line, int* column);

private:
    qsizetype scanQuoted(qsizetype from, char16_t quote, bool backslashEscapes, bool* unterminated) const;
    qsizetype scanBlockComment(qsizetype from, bool* unterminated) const;
    qsizetype scanNumber(qsizetype from) const;
    qsizetype scanWord(qsizetype from) const;
    qsizetype scanOperator(qsizetype from) const;
    qsizetype scanDollarQuote(qsizetype from, bool* unterminated) const;

    QStringView m_src;
    qsizetype m_pos = 0;
    SqlDialect m_dialect;
    // The previous non-comment token: ".5" is a number after an operator but "t.5" is a path.
    SqlTokenKind m_prevKind = SqlTokenKind::Other;
    char16_t m_prevChar = 0;
};

} // namespace dopt
