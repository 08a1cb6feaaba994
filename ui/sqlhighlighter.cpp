#include "sqlhighlighter.h"

#include "themecolors.h"

#include <QColor>
#include <QSet>

namespace dopt {

namespace {
// ANSI SQL plus what Dremio and PostgreSQL add that shows up in real workloads.
const char* const Keywords[] = {
    "ADD",
    "ALL",
    "ALTER",
    "ANALYZE",
    "AND",
    "ANY",
    "ARRAY",
    "AS",
    "ASC",
    "AT",
    "BETWEEN",
    "BIGINT",
    "BOOLEAN",
    "BOTH",
    "BY",
    "CASE",
    "CAST",
    "CHAR",
    "CHECK",
    "COLUMN",
    "COMMIT",
    "CONSTRAINT",
    "CREATE",
    "CROSS",
    "CURRENT",
    "CURRENT_DATE",
    "CURRENT_TIME",
    "CURRENT_TIMESTAMP",
    "DATE",
    "DECIMAL",
    "DEFAULT",
    "DELETE",
    "DESC",
    "DESCRIBE",
    "DISTINCT",
    "DOUBLE",
    "DROP",
    "ELSE",
    "END",
    "ESCAPE",
    "EXCEPT",
    "EXISTS",
    "EXPLAIN",
    "EXTRACT",
    "FALSE",
    "FETCH",
    "FILTER",
    "FIRST",
    "FLOAT",
    "FOLLOWING",
    "FOR",
    "FOREIGN",
    "FROM",
    "FULL",
    "GRANT",
    "GROUP",
    "GROUPING",
    "HAVING",
    "IF",
    "ILIKE",
    "IN",
    "INDEX",
    "INNER",
    "INSERT",
    "INT",
    "INTEGER",
    "INTERSECT",
    "INTERVAL",
    "INTO",
    "IS",
    "JOIN",
    "KEY",
    "LAST",
    "LATERAL",
    "LEADING",
    "LEFT",
    "LIKE",
    "LIMIT",
    "MERGE",
    "NATURAL",
    "NOT",
    "NULL",
    "NULLS",
    "NUMERIC",
    "OF",
    "OFFSET",
    "ON",
    "OR",
    "ORDER",
    "OUTER",
    "OVER",
    "PARTITION",
    "PRECEDING",
    "PRIMARY",
    "RANGE",
    "RECURSIVE",
    "REFERENCES",
    "REFLECTION",
    "REPLACE",
    "RETURNING",
    "RIGHT",
    "ROLLBACK",
    "ROW",
    "ROWS",
    "SELECT",
    "SET",
    "SHOW",
    "SIMILAR",
    "SOME",
    "TABLE",
    "TABLESAMPLE",
    "THEN",
    "TIME",
    "TIMESTAMP",
    "TO",
    "TRAILING",
    "TRUE",
    "TRUNCATE",
    "UNBOUNDED",
    "UNION",
    "UNIQUE",
    "UNNEST",
    "UPDATE",
    "USING",
    "VACUUM",
    "VALUES",
    "VARCHAR",
    "VIEW",
    "WHEN",
    "WHERE",
    "WINDOW",
    "WITH",
    "WITHIN",
};

bool isWordStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_');
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$');
}
} // namespace

SqlHighlighter::SqlHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document)
{
    m_formats[int(Token::Keyword)].setFontWeight(QFont::Bold);
    m_formats[int(Token::Comment)].setFontItalic(true);
    setBackground(Qt::white);
}

void SqlHighlighter::setBackground(const QColor& background)
{
    // The hues for a light background, in Token order.
    static const QColor designed[] = {QColor(0x1f, 0x4e, 0xa8), QColor(0x64, 0x4a, 0x9b), QColor(0xa3, 0x15, 0x15),
        QColor(0x0b, 0x7a, 0x75), QColor(0xb3, 0x5c, 0x00), QColor(0x6a, 0x73, 0x7d)};
    m_background = background;
    for (int token = 0; token < 6; ++token)
        m_formats[token].setForeground(ThemeColors::readableOn(designed[token], background));
    if (document())
        rehighlight();
}

QTextCharFormat SqlHighlighter::format(Token token) const
{
    return m_formats[int(token)];
}

bool SqlHighlighter::isKeyword(const QString& word)
{
    static const QSet<QString> keywords = [] {
        QSet<QString> set;
        for (const char* k : Keywords)
            set.insert(QString::fromLatin1(k));
        return set;
    }();
    return keywords.contains(word.toUpper());
}

int SqlHighlighter::scanDelimited(const QString& text, int from, QChar delimiter) const
{
    // Returns the index just past the closing delimiter, or -1 when the token goes on (next line).
    // A doubled delimiter ('' or "") is an escaped one, as in SQL.
    int i = from;
    while (i < text.size()) {
        if (text[i] == delimiter) {
            if (i + 1 < text.size() && text[i + 1] == delimiter) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        ++i;
    }
    return -1;
}

void SqlHighlighter::highlightBlock(const QString& text)
{
    int i = 0;
    const int n = int(text.size());
    setCurrentBlockState(Normal);

    // Continue a token left open by the previous line.
    const int previous = previousBlockState();
    if (previous == InBlockComment) {
        const int end = int(text.indexOf(QStringLiteral("*/")));
        if (end < 0) {
            setFormat(0, n, m_formats[int(Token::Comment)]);
            setCurrentBlockState(InBlockComment);
            return;
        }
        setFormat(0, end + 2, m_formats[int(Token::Comment)]);
        i = end + 2;
    } else if (previous == InString || previous == InQuotedIdentifier) {
        const bool isString = previous == InString;
        const int end = scanDelimited(text, 0, isString ? QLatin1Char('\'') : QLatin1Char('"'));
        const auto& format = m_formats[int(isString ? Token::String : Token::QuotedIdentifier)];
        if (end < 0) {
            setFormat(0, n, format);
            setCurrentBlockState(previous);
            return;
        }
        setFormat(0, end, format);
        i = end;
    }

    while (i < n) {
        const QChar c = text[i];
        if (c == QLatin1Char('-') && i + 1 < n && text[i + 1] == QLatin1Char('-')) {
            setFormat(i, n - i, m_formats[int(Token::Comment)]);
            return;
        }
        if (c == QLatin1Char('/') && i + 1 < n && text[i + 1] == QLatin1Char('*')) {
            const int end = int(text.indexOf(QStringLiteral("*/"), i + 2));
            if (end < 0) {
                setFormat(i, n - i, m_formats[int(Token::Comment)]);
                setCurrentBlockState(InBlockComment);
                return;
            }
            setFormat(i, end + 2 - i, m_formats[int(Token::Comment)]);
            i = end + 2;
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`')) {
            const bool isString = c == QLatin1Char('\'');
            const int end = scanDelimited(text, i + 1, c);
            const auto& format = m_formats[int(isString ? Token::String : Token::QuotedIdentifier)];
            if (end < 0) {
                setFormat(i, n - i, format);
                if (c != QLatin1Char('`'))
                    setCurrentBlockState(isString ? InString : InQuotedIdentifier);
                return;
            }
            setFormat(i, end - i, format);
            i = end;
            continue;
        }
        if (c.isDigit() || (c == QLatin1Char('.') && i + 1 < n && text[i + 1].isDigit())) {
            int j = i;
            while (j < n && (text[j].isDigit() || text[j] == QLatin1Char('.')))
                ++j;
            if (j < n && (text[j] == QLatin1Char('e') || text[j] == QLatin1Char('E'))) {
                int k = j + 1;
                if (k < n && (text[k] == QLatin1Char('+') || text[k] == QLatin1Char('-')))
                    ++k;
                if (k < n && text[k].isDigit()) {
                    j = k;
                    while (j < n && text[j].isDigit())
                        ++j;
                }
            }
            // "t1" or "x2y" are identifiers, not numbers.
            if (j < n && isWordChar(text[j])) {
                while (j < n && isWordChar(text[j]))
                    ++j;
            } else {
                setFormat(i, j - i, m_formats[int(Token::Number)]);
            }
            i = j;
            continue;
        }
        if (isWordStart(c)) {
            int j = i + 1;
            while (j < n && isWordChar(text[j]))
                ++j;
            const QString word = text.mid(i, j - i);
            int k = j;
            while (k < n && text[k].isSpace())
                ++k;
            if (isKeyword(word))
                setFormat(i, j - i, m_formats[int(Token::Keyword)]);
            else if (k < n && text[k] == QLatin1Char('('))
                setFormat(i, j - i, m_formats[int(Token::Function)]);
            i = j;
            continue;
        }
        ++i;
    }
}

} // namespace dopt
