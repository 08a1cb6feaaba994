#include "sql/sqltokenizer.h"

#include <QChar>
#include <array>
#include <optional>

namespace dopt {

namespace {

inline bool isDigit(char16_t c)
{
    return c >= u'0' && c <= u'9';
}

enum AsciiClass : quint8 { AsciiSpace = 1, AsciiWordStart = 2, AsciiWordChar = 4 };

// One table load per character in the hot loops (whitespace and identifiers are most of SQL text).
constexpr auto kAscii = [] {
    std::array<quint8, 128> table {};
    for (const char c : {' ', '\n', '\t', '\r', '\f', '\v'})
        table[size_t(c)] = AsciiSpace;
    for (int c = 0; c < 128; ++c) {
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (letter)
            table[size_t(c)] = AsciiWordStart | AsciiWordChar;
        if ((c >= '0' && c <= '9') || c == '$')
            table[size_t(c)] = AsciiWordChar;
    }
    return table;
}();

inline bool isSpace(char16_t c)
{
    if (c < 0x80)
        return kAscii[c] & AsciiSpace;
    return QChar::isSpace(c);
}

// Identifiers may use any Unicode letter; a surrogate pair is taken as part of a word because
// letters outside the BMP (CJK extensions, historic scripts) are legal identifier characters.
inline bool isWordStart(char16_t c)
{
    if (c < 0x80)
        return kAscii[c] & AsciiWordStart;
    return QChar::isSurrogate(c) || QChar::isLetter(c);
}

inline bool isWordChar(char16_t c)
{
    if (c < 0x80)
        return kAscii[c] & AsciiWordChar;
    return QChar::isSurrogate(c) || QChar::isLetterOrNumber(c) || QChar::category(c) == QChar::Mark_NonSpacing;
}

inline bool isOperatorChar(char16_t c, SqlDialect dialect)
{
    switch (c) {
    case u'+':
    case u'-':
    case u'*':
    case u'/':
    case u'<':
    case u'>':
    case u'=':
    case u'~':
    case u'!':
    case u'@':
    case u'#':
    case u'%':
    case u'^':
    case u'&':
    case u'|':
        return true;
    case u'?':
        // In PostgreSQL '?' belongs to jsonb operators (?| ?&); in Dremio it is only a placeholder.
        return dialect == SqlDialect::Postgres;
    default:
        return false;
    }
}

template <typename Predicate> inline qsizetype skipWhile(QStringView text, qsizetype i, Predicate predicate)
{
    const char16_t* s = text.utf16();
    const qsizetype n = text.size();
    while (i < n && predicate(s[i]))
        ++i;
    return i;
}

inline bool isPunctuation(char16_t c)
{
    switch (c) {
    case u'(':
    case u')':
    case u'[':
    case u']':
    case u'{':
    case u'}':
    case u',':
    case u'.':
    case u';':
        return true;
    default:
        return false;
    }
}

} // namespace

SqlTokenizer::SqlTokenizer(QStringView source, SqlDialect dialect)
    : m_src(source)
    , m_dialect(dialect)
{ }

bool SqlTokenizer::next(SqlToken* token)
{
    const char16_t* s = m_src.utf16();
    const qsizetype n = m_src.size();
    const qsizetype pos = skipWhile(m_src, m_pos, isSpace);
    if (pos >= n) {
        m_pos = n;
        return false;
    }

    const char16_t c = s[pos];
    const char16_t c1 = pos + 1 < n ? s[pos + 1] : 0;
    const char16_t c2 = pos + 2 < n ? s[pos + 2] : 0;
    const bool postgres = m_dialect == SqlDialect::Postgres;
    SqlTokenKind kind = SqlTokenKind::Other;
    bool unterminated = false;
    qsizetype end = pos + 1;

    if (c == u'-' && c1 == u'-') {
        kind = SqlTokenKind::Comment;
        end = skipWhile(m_src, pos + 2, [](char16_t ch) { return ch != u'\n'; });
    } else if (c == u'/' && c1 == u'*') {
        kind = SqlTokenKind::Comment;
        end = scanBlockComment(pos, &unterminated);
    } else if (c == u'\'') {
        kind = SqlTokenKind::String;
        end = scanQuoted(pos, u'\'', false, &unterminated);
    } else if (c == u'"' || c == u'`') {
        kind = SqlTokenKind::QuotedIdentifier;
        end = scanQuoted(pos, c, false, &unterminated);
    } else if (c1 == u'\'' && (c == u'E' || c == u'e') && postgres) {
        kind = SqlTokenKind::String; // E'...' takes backslash escapes: E'it\'s'
        end = scanQuoted(pos + 1, u'\'', true, &unterminated);
    } else if (c1 == u'\'' && (c == u'N' || c == u'n' || c == u'X' || c == u'x' || c == u'B' || c == u'b')) {
        kind = SqlTokenKind::String;
        end = scanQuoted(pos + 1, u'\'', false, &unterminated);
    } else if ((c == u'U' || c == u'u') && c1 == u'&' && (c2 == u'\'' || c2 == u'"')) {
        kind = c2 == u'\'' ? SqlTokenKind::String : SqlTokenKind::QuotedIdentifier;
        end = scanQuoted(pos + 2, c2, false, &unterminated);
    } else if (isDigit(c)) {
        kind = SqlTokenKind::Number;
        end = scanNumber(pos);
    } else if (c == u'.' && isDigit(c1)
        && !(m_prevKind == SqlTokenKind::Word || m_prevKind == SqlTokenKind::QuotedIdentifier
            || (m_prevKind == SqlTokenKind::Punctuation && (m_prevChar == u')' || m_prevChar == u']')))) {
        kind = SqlTokenKind::Number;
        end = scanNumber(pos);
    } else if (c == u'$') {
        if (isDigit(c1)) {
            kind = SqlTokenKind::Parameter;
            end = skipWhile(m_src, pos + 1, isDigit);
        } else if (postgres && (c1 == u'$' || (isWordStart(c1)))) {
            end = scanDollarQuote(pos, &unterminated);
            kind = end > pos + 1 ? SqlTokenKind::String : SqlTokenKind::Other;
        } else if (!postgres && isWordStart(c1)) {
            kind = SqlTokenKind::Word; // Calcite's generated names such as $f0
            end = scanWord(pos + 1);
        }
    } else if (c == u'?' && !(postgres && (c1 == u'|' || c1 == u'&'))) {
        kind = SqlTokenKind::Parameter;
    } else if (c == u':') {
        if (c1 == u':' || c1 == u'=') {
            kind = SqlTokenKind::Operator;
            end = pos + 2;
        } else if (isWordStart(c1)) {
            kind = SqlTokenKind::Parameter; // :name placeholders (JDBC tools, psql variables)
            end = scanWord(pos + 1);
        } else {
            kind = SqlTokenKind::Operator; // array slice a[1:2]
        }
    } else if (isPunctuation(c)) {
        kind = SqlTokenKind::Punctuation;
    } else if (isOperatorChar(c, m_dialect)) {
        kind = SqlTokenKind::Operator;
        end = scanOperator(pos);
    } else if (isWordStart(c)) {
        kind = SqlTokenKind::Word;
        end = scanWord(pos);
    } else if (QChar::isHighSurrogate(c) && QChar::isLowSurrogate(c1)) {
        end = pos + 2; // keep a pair whole so a token never splits a code point
    }

    token->offset = pos;
    token->length = end - pos;
    token->kind = kind;
    token->unterminated = unterminated;
    m_pos = end;
    if (kind != SqlTokenKind::Comment) {
        m_prevKind = kind;
        m_prevChar = c;
    }
    return true;
}

qsizetype SqlTokenizer::scanQuoted(qsizetype from, char16_t quote, bool backslashEscapes, bool* unterminated) const
{
    const char16_t* s = m_src.utf16();
    const qsizetype n = m_src.size();
    qsizetype i = from + 1;
    while (i < n) {
        const char16_t ch = s[i];
        if (backslashEscapes && ch == u'\\') {
            i += 2;
            continue;
        }
        if (ch == quote) {
            if (i + 1 < n && s[i + 1] == quote) {
                i += 2; // doubled quote is an escaped quote: 'it''s', "a""b"
                continue;
            }
            return i + 1;
        }
        ++i;
    }
    *unterminated = true;
    return n;
}

qsizetype SqlTokenizer::scanBlockComment(qsizetype from, bool* unterminated) const
{
    const char16_t* s = m_src.utf16();
    const qsizetype n = m_src.size();
    // PostgreSQL nests /* /* */ */; Calcite (Dremio) ends the comment at the first */.
    const bool nests = m_dialect == SqlDialect::Postgres;
    int depth = 1;
    qsizetype i = from + 2;
    while (i + 1 < n) {
        if (s[i] == u'*' && s[i + 1] == u'/') {
            i += 2;
            if (--depth == 0)
                return i;
        } else if (nests && s[i] == u'/' && s[i + 1] == u'*') {
            i += 2;
            ++depth;
        } else {
            ++i;
        }
    }
    *unterminated = true;
    return n;
}

qsizetype SqlTokenizer::scanNumber(qsizetype from) const
{
    const char16_t* s = m_src.utf16();
    const qsizetype n = m_src.size();
    qsizetype i = skipWhile(m_src, from, isDigit);
    // "1." is a valid numeric literal, but "1..5" is not a decimal followed by ".5".
    if (i < n && s[i] == u'.' && !(i + 1 < n && s[i + 1] == u'.'))
        i = skipWhile(m_src, i + 1, isDigit);
    if (i < n && (s[i] == u'e' || s[i] == u'E')) {
        qsizetype j = i + 1;
        if (j < n && (s[j] == u'+' || s[j] == u'-'))
            ++j;
        if (j < n && isDigit(s[j]))
            i = skipWhile(m_src, j, isDigit);
    }
    return i;
}

qsizetype SqlTokenizer::scanWord(qsizetype from) const
{
    return skipWhile(m_src, from, isWordChar);
}

qsizetype SqlTokenizer::scanOperator(qsizetype from) const
{
    const char16_t* s = m_src.utf16();
    const qsizetype n = m_src.size();
    qsizetype i = from + 1;
    while (i < n && isOperatorChar(s[i], m_dialect)) {
        // A comment start ends the operator: "a=--x" is "a", "=", comment.
        if ((s[i] == u'-' && i + 1 < n && s[i + 1] == u'-') || (s[i] == u'/' && i + 1 < n && s[i + 1] == u'*'))
            break;
        ++i;
    }
    // PostgreSQL's rule: a multi-character operator may not end in + or - unless it contains one of
    // ~ ! @ # % ^ & | ? — so "=-5" is "=" followed by "-5", as both engines read it.
    if (i - from > 1) {
        bool special = false;
        for (qsizetype k = from; k < i && !special; ++k) {
            const char16_t ch = s[k];
            special = ch == u'~' || ch == u'!' || ch == u'@' || ch == u'#' || ch == u'%' || ch == u'^' || ch == u'&'
                || ch == u'|' || ch == u'?';
        }
        if (!special) {
            while (i - from > 1 && (s[i - 1] == u'+' || s[i - 1] == u'-'))
                --i;
        }
    }
    return i;
}

qsizetype SqlTokenizer::scanDollarQuote(qsizetype from, bool* unterminated) const
{
    const char16_t* s = m_src.utf16();
    const qsizetype n = m_src.size();
    const qsizetype j = skipWhile(m_src, from + 1, [](char16_t ch) { return ch != u'$' && isWordChar(ch); });
    if (j >= n || s[j] != u'$')
        return from + 1; // not a dollar quote: a lone '$'
    const QStringView tag = m_src.mid(from, j - from + 1);
    const qsizetype close = m_src.indexOf(tag, j + 1);
    if (close < 0) {
        *unterminated = true;
        return n;
    }
    return close + tag.size();
}

QVector<SqlToken> SqlTokenizer::tokenize(QStringView source, SqlDialect dialect, bool keepComments)
{
    // The analysis asks for the same statement's tokens once per detector (a dozen times a job):
    // the last result of each thread is kept and shared (tokens are offsets into equal text).
    struct Last
    {
        QString source;
        SqlDialect dialect;
        bool keepComments;
        QVector<SqlToken> tokens;
    };
    thread_local std::optional<Last> last;
    if (last && last->dialect == dialect && last->keepComments == keepComments && source == last->source)
        return last->tokens;
    QVector<SqlToken> tokens;
    SqlTokenizer tokenizer(source, dialect);
    SqlToken token;
    while (tokenizer.next(&token)) {
        if (keepComments || token.kind != SqlTokenKind::Comment)
            tokens.append(token);
    }
    last = Last {source.toString(), dialect, keepComments, tokens};
    return tokens;
}

void SqlTokenizer::lineColumn(QStringView source, qsizetype offset, int* line, int* column)
{
    offset = qBound(qsizetype(0), offset, source.size());
    int l = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset; ++i) {
        if (source[i].unicode() == u'\n') {
            ++l;
            lineStart = i + 1;
        }
    }
    *line = l;
    *column = int(offset - lineStart) + 1;
}

} // namespace dopt
