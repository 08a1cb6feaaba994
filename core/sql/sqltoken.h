#pragma once

#include <QString>
#include <QStringView>
#include <QtGlobal>

namespace dopt {

/// The SQL dialects whose lexical rules and fingerprints the project knows.
enum class SqlDialect : quint8 {
    Dremio, // Calcite-based: "quoted" and `backtick` identifiers, no E'' strings, no dollar quoting
    Postgres, // PostgreSQL 15: E'' strings, $tag$ dollar quoting, nested /* */ comments
};

/// What a token is; the tokenizer never decides keyword vs identifier (the normalizer does).
enum class SqlTokenKind : quint8 {
    Word, // unquoted identifier or keyword
    QuotedIdentifier, // "..." or `...` (escapes doubled)
    String, // '...', E'...', N'...', X'...', B'...', U&'...', $tag$...$tag$
    Number, // 12, 1.5, .5, 1e-3
    Parameter, // ?, $1, :name
    Operator, // + - * / = <> <= >= != || :: and other runs of operator characters
    Punctuation, // ( ) [ ] { } , . ;
    Comment, // -- to end of line, /* ... */
    Other, // a character SQL gives no meaning outside strings (kept so nothing is lost)
};

/// One token: a slice of the source (no copy), its kind, and whether it ran into the end of the input
/// before its closing quote or comment marker.
struct SqlToken
{
    qsizetype offset = 0;
    qsizetype length = 0;
    SqlTokenKind kind = SqlTokenKind::Other;
    bool unterminated = false;

    QStringView text(QStringView source) const { return source.mid(offset, length); }
    qsizetype end() const { return offset + length; }
    /// True for a one-character punctuation or operator token equal to c.
    bool is(char16_t c, QStringView source) const
    {
        return length == 1 && (kind == SqlTokenKind::Punctuation || kind == SqlTokenKind::Operator)
            && source[offset].unicode() == c;
    }
};

} // namespace dopt
