#include "sql/statementsplitter.h"

#include "sql/sqltokenizer.h"

namespace dopt {

QVector<SqlStatement> StatementSplitter::split(QStringView text, SqlDialect dialect)
{
    QVector<SqlStatement> statements;
    SqlTokenizer tokenizer(text, dialect);
    SqlToken token;
    // Lines are counted incrementally from the last statement start: one pass over the script.
    int line = 1;
    qsizetype lineStart = 0;
    qsizetype counted = 0;
    const auto advanceTo = [&](qsizetype offset) {
        for (; counted < offset; ++counted) {
            if (text[counted].unicode() == u'\n') {
                ++line;
                lineStart = counted + 1;
            }
        }
    };

    qsizetype start = -1; // first significant token of the statement being collected
    qsizetype end = -1; // end of its last significant token
    bool unterminated = false;
    const auto finish = [&]() {
        if (start >= 0) {
            advanceTo(start);
            SqlStatement statement;
            statement.text = text.mid(start, end - start).toString();
            statement.offset = start;
            statement.line = line;
            statement.column = int(start - lineStart) + 1;
            statement.unterminated = unterminated;
            statements.append(statement);
        }
        start = -1;
        end = -1;
        unterminated = false;
    };

    while (tokenizer.next(&token)) {
        unterminated = unterminated || token.unterminated;
        if (token.is(u';', text)) {
            finish();
            continue;
        }
        if (token.kind == SqlTokenKind::Comment) {
            if (start >= 0 && token.unterminated)
                end = token.end(); // keep the broken tail visible in the statement
            continue;
        }
        if (start < 0)
            start = token.offset;
        end = token.end();
    }
    finish();
    return statements;
}

} // namespace dopt
