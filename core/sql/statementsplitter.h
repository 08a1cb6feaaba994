#pragma once

#include "sql/sqltoken.h"

#include <QString>
#include <QVector>

namespace dopt {

/// One statement cut out of a script, with where it starts so messages can point at it.
struct SqlStatement
{
    QString text; // from its first token to its last, without the ';' and without leading comments
    qsizetype offset = 0; // UTF-16 offset of text in the script
    int line = 1; // 1-based line of the first token
    int column = 1; // 1-based column of the first token
    bool unterminated = false; // ends inside a string, quoted identifier or comment
};

/// Splits a script at top-level semicolons. A ';' inside a string literal, quoted identifier,
/// comment or (PostgreSQL) dollar-quoted body does not split; statements made only of comments
/// or whitespace are skipped.
class StatementSplitter
{
public:
    static QVector<SqlStatement> split(QStringView text, SqlDialect dialect = SqlDialect::Dremio);
};

} // namespace dopt
