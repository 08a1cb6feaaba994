#include "sql/sqlnormalizer.h"

#include "sql/sqltokenizer.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <string_view>
#include <vector>

namespace dopt {

namespace {

enum KeywordFlag : quint8 {
    KwPlain = 0,
    KwExprStart = 1, // a sign right after it is unary: WHERE -1, THEN -2, LIMIT -1
    KwCallable = 2, // rendered without a space before '(' (COUNT(*), CAST(...))
    KwBoolean = 4, // TRUE / FALSE are literal values
    KwNull = 8, // NULL stays NULL but may sit in a collapsed IN list
    KwTypedLiteral = 16, // DATE '...', TIME '...', TIMESTAMP '...', INTERVAL '...' unit
    KwOrderList = 32, // keeps an ORDER BY / GROUP BY list open: ASC, DESC, NULLS FIRST...
    KwIntervalUnit = 64, // the unit after INTERVAL '...'
};

struct Keyword
{
    std::string_view name;
    quint8 flags;
};

// Sorted (checked at compile time). Keywords are upper-cased in the normalized text; every other
// unquoted word is an identifier and is lower-cased. Both fold case, so the list only decides how
// the text reads, which signs are unary, and which quoted names must stay quoted.
constexpr Keyword kKeywords[] = {
    {"ABS", KwCallable},
    {"ALL", KwExprStart},
    {"ALTER", KwPlain},
    {"AND", KwExprStart},
    {"ANY", KwExprStart},
    {"ARRAY", KwCallable},
    {"AS", KwPlain},
    {"ASC", KwOrderList},
    {"AVG", KwCallable},
    {"BETWEEN", KwExprStart},
    {"BIGINT", KwPlain},
    {"BOOLEAN", KwPlain},
    {"BY", KwOrderList},
    {"CASE", KwExprStart},
    {"CAST", KwCallable},
    {"CEIL", KwCallable},
    {"CHAR", KwCallable},
    {"COALESCE", KwCallable},
    {"COUNT", KwCallable},
    {"CREATE", KwPlain},
    {"CROSS", KwPlain},
    {"CUBE", KwCallable},
    {"CURRENT_DATE", KwPlain},
    {"CURRENT_TIME", KwPlain},
    {"CURRENT_TIMESTAMP", KwPlain},
    {"DATE", KwCallable | KwTypedLiteral},
    {"DATE_TRUNC", KwCallable},
    {"DAY", KwIntervalUnit},
    {"DECIMAL", KwCallable},
    {"DELETE", KwPlain},
    {"DESC", KwOrderList},
    {"DISTINCT", KwExprStart},
    {"DOUBLE", KwPlain},
    {"DROP", KwPlain},
    {"ELSE", KwExprStart},
    {"END", KwPlain},
    {"ESCAPE", KwExprStart},
    {"EXCEPT", KwPlain},
    {"EXISTS", KwPlain},
    {"EXPLAIN", KwPlain},
    {"EXTRACT", KwCallable},
    {"FALSE", KwBoolean},
    {"FETCH", KwExprStart},
    {"FILTER", KwPlain},
    {"FIRST", KwOrderList},
    {"FLATTEN", KwCallable},
    {"FLOAT", KwPlain},
    {"FLOOR", KwCallable},
    {"FOLLOWING", KwPlain},
    {"FOR", KwPlain},
    {"FROM", KwPlain},
    {"FULL", KwPlain},
    {"GROUP", KwOrderList},
    {"GROUPING", KwCallable},
    {"HAVING", KwExprStart},
    {"HOUR", KwIntervalUnit},
    {"ILIKE", KwExprStart},
    {"IN", KwPlain},
    {"INNER", KwPlain},
    {"INSERT", KwPlain},
    {"INT", KwPlain},
    {"INTEGER", KwPlain},
    {"INTERSECT", KwPlain},
    {"INTERVAL", KwTypedLiteral},
    {"INTO", KwPlain},
    {"IS", KwPlain},
    {"JOIN", KwPlain},
    {"LAST", KwOrderList},
    {"LATERAL", KwPlain},
    {"LEFT", KwCallable},
    {"LIKE", KwExprStart},
    {"LIMIT", KwExprStart},
    {"LOWER", KwCallable},
    {"MAX", KwCallable},
    {"MERGE", KwPlain},
    {"MIN", KwCallable},
    {"MINUTE", KwIntervalUnit},
    {"MONTH", KwIntervalUnit},
    {"NATURAL", KwPlain},
    {"NOT", KwExprStart},
    {"NULL", KwNull},
    {"NULLIF", KwCallable},
    {"NULLS", KwOrderList},
    {"OFFSET", KwExprStart},
    {"ON", KwExprStart},
    {"OR", KwExprStart},
    {"ORDER", KwOrderList},
    {"OUTER", KwPlain},
    {"OVER", KwPlain},
    {"PARTITION", KwPlain},
    {"PRECEDING", KwPlain},
    {"QUALIFY", KwExprStart},
    {"RANGE", KwPlain},
    {"RECURSIVE", KwPlain},
    {"RETURN", KwExprStart},
    {"RETURNING", KwPlain},
    {"RIGHT", KwCallable},
    {"ROLLUP", KwCallable},
    {"ROW", KwCallable},
    {"ROWS", KwPlain},
    {"SECOND", KwIntervalUnit},
    {"SELECT", KwExprStart},
    {"SET", KwPlain},
    {"SETS", KwPlain},
    {"SIMILAR", KwPlain},
    {"SMALLINT", KwPlain},
    {"SOME", KwExprStart},
    {"SUBSTRING", KwCallable},
    {"SUM", KwCallable},
    {"TABLE", KwCallable},
    {"THEN", KwExprStart},
    {"TIME", KwCallable | KwTypedLiteral},
    {"TIMESTAMP", KwCallable | KwTypedLiteral},
    {"TINYINT", KwPlain},
    {"TO", KwPlain},
    {"TOP", KwExprStart},
    {"TRIM", KwCallable},
    {"TRUE", KwBoolean},
    {"TRUNCATE", KwPlain},
    {"UNBOUNDED", KwPlain},
    {"UNION", KwPlain},
    {"UNNEST", KwCallable},
    {"UPDATE", KwPlain},
    {"UPPER", KwCallable},
    {"USING", KwPlain},
    {"VALUES", KwPlain},
    {"VARCHAR", KwCallable},
    {"VIEW", KwPlain},
    {"WHEN", KwExprStart},
    {"WHERE", KwExprStart},
    {"WINDOW", KwPlain},
    {"WITH", KwPlain},
    {"WITHIN", KwPlain},
    {"YEAR", KwIntervalUnit},
    {"ZONE", KwPlain},
};

constexpr bool keywordLess(const Keyword& a, const Keyword& b)
{
    return a.name < b.name;
}
static_assert(std::is_sorted(std::begin(kKeywords), std::end(kKeywords), keywordLess), "keep kKeywords sorted");

// kKeywords index ranges by first letter: [kFirstLetter[c - 'A'], kFirstLetter[c - 'A' + 1]).
constexpr auto kFirstLetter = [] {
    std::array<quint16, 27> starts {};
    size_t k = 0;
    for (int letter = 0; letter < 26; ++letter) {
        starts[size_t(letter)] = quint16(k);
        while (k < std::size(kKeywords) && kKeywords[k].name[0] == 'A' + letter)
            ++k;
    }
    starts[26] = quint16(k);
    return starts;
}();
static_assert(kFirstLetter[26] == std::size(kKeywords), "every keyword starts with a letter A-Z");

const Keyword* findKeyword(QStringView word)
{
    constexpr qsizetype maxLength = 24;
    if (word.isEmpty() || word.size() > maxLength)
        return nullptr;
    char upper[maxLength];
    for (qsizetype i = 0; i < word.size(); ++i) {
        const char16_t c = word[i].unicode();
        if (c >= 0x80)
            return nullptr;
        upper[i] = char(c >= u'a' && c <= u'z' ? c - 32 : c);
    }
    if (upper[0] < 'A' || upper[0] > 'Z')
        return nullptr;
    // A linear scan of one letter's few keywords; string_view compares lengths before bytes.
    const std::string_view key(upper, size_t(word.size()));
    const size_t letter = size_t(upper[0] - 'A');
    for (size_t k = kFirstLetter[letter]; k < kFirstLetter[letter + 1]; ++k) {
        if (kKeywords[k].name == key)
            return &kKeywords[k];
    }
    return nullptr;
}

/// Output buffer written through a raw pointer: QString::append per token was a tenth of the time.
class TextBuffer
{
public:
    explicit TextBuffer(qsizetype capacity)
        : m_text(capacity, Qt::Uninitialized)
        , m_data(reinterpret_cast<char16_t*>(m_text.data()))
    { }

    void append(char16_t c)
    {
        reserve(1);
        m_data[m_size++] = c;
    }
    void append(QStringView text)
    {
        reserve(text.size());
        std::copy(text.utf16(), text.utf16() + text.size(), m_data + m_size);
        m_size += text.size();
    }
    void append(std::string_view latin1)
    {
        reserve(qsizetype(latin1.size()));
        for (const char c : latin1)
            m_data[m_size++] = char16_t(uchar(c));
    }
    char16_t* end() { return m_data + m_size; }
    QString take()
    {
        m_text.truncate(m_size);
        return std::move(m_text);
    }

private:
    void reserve(qsizetype n)
    {
        if (m_size + n > m_text.size()) {
            m_text.resize(std::max(m_text.size() * 2, m_size + n));
            m_data = reinterpret_cast<char16_t*>(m_text.data());
        }
    }

    QString m_text;
    char16_t* m_data;
    qsizetype m_size = 0;
};

/// Writes the normalized text of one statement's significant tokens (comments already dropped).
class Renderer
{
public:
    Renderer(QStringView source, const SqlToken* tokens, qsizetype count)
        : m_src(source)
        , m_tok(tokens)
        , m_n(count)
        , m_out(source.size() + source.size() / 2 + 16)
    { }

    QString run();

private:
    enum class Piece : quint8 { Start, Word, Callable, Open, Close, Dot, Comma, Operator };

    void separate(Piece next);
    void emit(Piece piece, QStringView text);
    void emitLiteral() { emit(Piece::Word, u"?"); }
    void emitIdentifier(QStringView word);
    void emitQuoted(const SqlToken& token);
    void emitNumber(qsizetype i, const Keyword* previousKeyword);
    void emitPunctuation(char16_t c);
    void emitKeyword(const Keyword& keyword, const Keyword* previous);
    void emitCollapsedList();

    bool isPunct(qsizetype i, char16_t c) const { return i < m_n && m_tok[i].is(c, m_src); }
    const Keyword* keywordAt(qsizetype i) const
    {
        return i < m_n && m_tok[i].kind == SqlTokenKind::Word ? findKeyword(m_tok[i].text(m_src)) : nullptr;
    }
    bool isSign(qsizetype i) const { return isPunct(i, u'-') || isPunct(i, u'+'); }
    qsizetype matchLiteral(qsizetype i) const;
    qsizetype matchTuple(qsizetype i) const;
    qsizetype matchInList(qsizetype i) const;
    qsizetype matchValues(qsizetype i) const;

    QStringView m_src;
    const SqlToken* m_tok;
    qsizetype m_n;
    TextBuffer m_out;
    Piece m_last = Piece::Start;
    bool m_unary = true; // a '-' or '+' here starts a literal rather than subtracting
    const Keyword* m_prevKeyword = nullptr;
    int m_depth = 0;
    int m_byDepth = -1; // paren depth of an open ORDER BY / GROUP BY list, where "1" names a column
};

QString Renderer::run()
{
    for (qsizetype i = 0; i < m_n;) {
        const SqlToken& t = m_tok[i];
        const Keyword* previousKeyword = m_prevKeyword;
        m_prevKeyword = nullptr;
        switch (t.kind) {
        case SqlTokenKind::Word:
            if (const Keyword* keyword = findKeyword(t.text(m_src))) {
                emitKeyword(*keyword, previousKeyword);
                ++i;
                qsizetype end = -1;
                if (keyword->name == "IN" && isPunct(i, u'('))
                    end = matchInList(i);
                else if (keyword->name == "VALUES")
                    end = matchValues(i);
                if (end > 0) {
                    emitCollapsedList();
                    i = end;
                }
                continue;
            }
            emitIdentifier(t.text(m_src));
            m_unary = false;
            break;
        case SqlTokenKind::QuotedIdentifier:
            emitQuoted(t);
            m_unary = false;
            break;
        case SqlTokenKind::Number:
            emitNumber(i, previousKeyword);
            m_unary = false;
            break;
        case SqlTokenKind::String:
        case SqlTokenKind::Parameter:
            emitLiteral();
            m_unary = false;
            break;
        case SqlTokenKind::Operator:
            // A sign in front of a number is part of the literal: "x = -5" and "x = 5" share a shape.
            if (m_unary && isSign(i) && i + 1 < m_n && m_tok[i + 1].kind == SqlTokenKind::Number) {
                ++i;
                continue;
            }
            emit(Piece::Operator, t.text(m_src));
            m_unary = true;
            break;
        case SqlTokenKind::Punctuation:
            emitPunctuation(m_src[t.offset].unicode());
            break;
        case SqlTokenKind::Comment:
            break;
        case SqlTokenKind::Other:
            emit(Piece::Word, t.text(m_src));
            m_unary = false;
            break;
        }
        ++i;
    }
    return m_out.take();
}

void Renderer::separate(Piece next)
{
    if (m_last == Piece::Start || m_last == Piece::Open || m_last == Piece::Dot)
        return;
    if (next == Piece::Close || next == Piece::Comma || next == Piece::Dot)
        return;
    if (next == Piece::Open && m_last == Piece::Callable)
        return;
    m_out.append(u' ');
}

void Renderer::emit(Piece piece, QStringView text)
{
    separate(piece);
    m_out.append(text);
    m_last = piece;
}

void Renderer::emitCollapsedList()
{
    separate(Piece::Word); // "IN (?...)", "VALUES (?...)": spaced like a word, ends like a ')'
    m_out.append(u"(?...)");
    m_last = Piece::Close;
    m_unary = false;
    m_prevKeyword = nullptr;
}

void Renderer::emitIdentifier(QStringView word)
{
    separate(Piece::Callable);
    m_out.append(word);
    char16_t* out = m_out.end() - word.size();
    for (qsizetype i = 0; i < word.size(); ++i) {
        const char16_t c = out[i];
        if (c >= u'A' && c <= u'Z')
            out[i] = char16_t(c + 32);
        else if (c >= 0x80 && !QChar::isSurrogate(c))
            out[i] = char16_t(QChar::toLower(c));
    }
    m_last = Piece::Callable;
}

void Renderer::emitQuoted(const SqlToken& token)
{
    separate(Piece::Callable);
    m_last = Piece::Callable;
    const QStringView raw = token.text(m_src);
    if (raw.startsWith(u'U') || raw.startsWith(u'u')) {
        m_out.append(raw); // U&"..." with escapes: rare enough to keep verbatim
        return;
    }
    const char16_t quote = raw[0].unicode();
    const QStringView content = raw.mid(1, raw.size() - (token.unterminated ? 1 : 2));
    // "orders" names the same object as unquoted orders (folded to lower case), so render it bare;
    // "Orders" and "order" (a keyword) must stay quoted.
    bool plain = !content.isEmpty() && !(content[0] >= u'0' && content[0] <= u'9');
    for (qsizetype i = 0; plain && i < content.size(); ++i) {
        const char16_t c = content[i].unicode();
        plain = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'_';
    }
    if (plain && !findKeyword(content)) {
        m_out.append(content);
        return;
    }
    m_out.append(u'"');
    if (quote == u'"') {
        m_out.append(content);
    } else {
        // `a"b` and "a""b" are the same name: re-escape for double quotes, unescape doubled backticks.
        for (qsizetype i = 0; i < content.size(); ++i) {
            const char16_t c = content[i].unicode();
            if (c == u'"')
                m_out.append(u'"');
            m_out.append(c);
            if (c == u'`' && i + 1 < content.size() && content[i + 1].unicode() == u'`')
                ++i;
        }
    }
    m_out.append(u'"');
}

void Renderer::emitNumber(qsizetype i, const Keyword* previousKeyword)
{
    // ORDER BY 2 / GROUP BY 1, 2 refer to output columns: the number is structure, not a value.
    const SqlToken& t = m_tok[i];
    if (m_byDepth == m_depth && ((previousKeyword && previousKeyword->name == "BY") || m_last == Piece::Comma)) {
        const QStringView digits = t.text(m_src);
        const bool integer = std::all_of(digits.begin(), digits.end(), [](QChar c) { return c.isDigit(); });
        const bool standsAlone = !(i + 1 < m_n
            && (m_tok[i + 1].kind == SqlTokenKind::Operator || isPunct(i + 1, u'.') || isPunct(i + 1, u'(')
                || isPunct(i + 1, u'[')));
        if (integer && standsAlone) {
            emit(Piece::Word, digits);
            return;
        }
    }
    emitLiteral();
}

void Renderer::emitPunctuation(char16_t c)
{
    switch (c) {
    case u'(':
    case u'[':
    case u'{':
        emit(Piece::Open, QStringView(&c, 1));
        ++m_depth;
        m_unary = true;
        break;
    case u')':
    case u']':
    case u'}':
        --m_depth;
        if (m_byDepth > m_depth)
            m_byDepth = -1;
        emit(Piece::Close, QStringView(&c, 1));
        m_unary = false;
        break;
    case u'.':
        emit(Piece::Dot, u".");
        m_unary = false;
        break;
    case u';':
        m_byDepth = -1;
        m_depth = 0;
        emit(Piece::Comma, u";");
        m_unary = true;
        break;
    default: // ','
        emit(Piece::Comma, u",");
        m_unary = true;
        break;
    }
}

void Renderer::emitKeyword(const Keyword& keyword, const Keyword* previous)
{
    if (keyword.flags & KwBoolean) {
        emitLiteral();
        m_unary = false;
        return;
    }
    if (keyword.name == "BY" && previous && (previous->name == "ORDER" || previous->name == "GROUP"))
        m_byDepth = m_depth;
    else if (!(keyword.flags & KwOrderList))
        m_byDepth = -1;
    const Piece piece = (keyword.flags & KwCallable) ? Piece::Callable : Piece::Word;
    separate(piece);
    m_out.append(keyword.name);
    m_last = piece;
    m_unary = (keyword.flags & KwExprStart) != 0;
    m_prevKeyword = &keyword;
}

qsizetype Renderer::matchLiteral(qsizetype i) const
{
    if (isSign(i) && i + 1 < m_n && m_tok[i + 1].kind == SqlTokenKind::Number)
        ++i;
    if (i >= m_n)
        return -1;
    switch (m_tok[i].kind) {
    case SqlTokenKind::Number:
    case SqlTokenKind::String:
    case SqlTokenKind::Parameter:
        return i + 1;
    case SqlTokenKind::Word:
        if (const Keyword* keyword = keywordAt(i)) {
            if (keyword->flags & (KwBoolean | KwNull))
                return i + 1;
            if ((keyword->flags & KwTypedLiteral) && i + 1 < m_n && m_tok[i + 1].kind == SqlTokenKind::String) {
                const Keyword* unit = keywordAt(i + 2);
                return unit && (unit->flags & KwIntervalUnit) && keyword->name == "INTERVAL" ? i + 3 : i + 2;
            }
        }
        return -1;
    default:
        return -1;
    }
}

qsizetype Renderer::matchTuple(qsizetype i) const
{
    if (!isPunct(i, u'('))
        return -1;
    for (qsizetype j = i + 1;;) {
        j = matchLiteral(j);
        if (j < 0)
            return -1;
        if (isPunct(j, u')'))
            return j + 1;
        if (!isPunct(j, u','))
            return -1;
        ++j;
    }
}

qsizetype Renderer::matchInList(qsizetype i) const
{
    // ( lit, lit, ... ) or row-value lists ( (lit, lit), (lit, lit) ): any length collapses to one.
    for (qsizetype j = i + 1;;) {
        qsizetype end = matchLiteral(j);
        if (end < 0)
            end = matchTuple(j);
        if (end < 0)
            return -1;
        if (isPunct(end, u')'))
            return end + 1;
        if (!isPunct(end, u','))
            return -1;
        j = end + 1;
    }
}

qsizetype Renderer::matchValues(qsizetype i) const
{
    qsizetype end = matchTuple(i);
    while (end > 0 && isPunct(end, u','))
        end = matchTuple(end + 1);
    return end;
}

} // namespace

NormalizedSql SqlNormalizer::normalize(QStringView sql, SqlDialect dialect)
{
    NormalizedSql result;
    // Reused per thread: normalizing millions of statements must not allocate a token list each time.
    thread_local std::vector<SqlToken> tokens;
    tokens.clear();
    SqlTokenizer tokenizer(sql, dialect);
    SqlToken token;
    while (tokenizer.next(&token)) {
        if (token.unterminated && result.warning.isEmpty()) {
            int line = 0;
            int column = 0;
            SqlTokenizer::lineColumn(sql, token.offset, &line, &column);
            const QString what = token.kind == SqlTokenKind::String ? QStringLiteral("string literal")
                : token.kind == SqlTokenKind::QuotedIdentifier      ? QStringLiteral("quoted identifier")
                                                                    : QStringLiteral("comment");
            result.warning = QStringLiteral("unterminated %1 starting at line %2, column %3")
                                 .arg(what, QString::number(line), QString::number(column));
        }
        if (token.kind != SqlTokenKind::Comment)
            tokens.push_back(token);
    }
    // A statement terminator is not part of the statement: "SELECT 1;" is "SELECT 1".
    qsizetype count = qsizetype(tokens.size());
    while (count > 0 && tokens[size_t(count - 1)].is(u';', sql))
        --count;
    if (count == 0)
        return result;

    result.text = Renderer(sql, tokens.data(), count).run();
    result.hash = fnv1a64(result.text);
    result.fingerprint = toHex(result.hash);
    return result;
}

quint64 SqlNormalizer::fnv1a64(QStringView text)
{
    quint64 hash = 0xcbf29ce484222325ULL;
    constexpr quint64 prime = 0x100000001b3ULL;
    const auto add = [&hash](uint byte) {
        hash ^= byte;
        hash *= prime;
    };
    const char16_t* s = text.utf16();
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        uint c = s[i];
        if (c < 0x80) {
            add(c);
            continue;
        }
        if (c < 0x800) {
            add(0xC0 | (c >> 6));
            add(0x80 | (c & 0x3F));
            continue;
        }
        if (QChar::isHighSurrogate(c) && i + 1 < n && QChar::isLowSurrogate(s[i + 1])) {
            c = QChar::surrogateToUcs4(char16_t(c), s[++i]);
            add(0xF0 | (c >> 18));
            add(0x80 | ((c >> 12) & 0x3F));
            add(0x80 | ((c >> 6) & 0x3F));
            add(0x80 | (c & 0x3F));
            continue;
        }
        if (QChar::isSurrogate(c))
            c = 0xFFFD;
        add(0xE0 | (c >> 12));
        add(0x80 | ((c >> 6) & 0x3F));
        add(0x80 | (c & 0x3F));
    }
    return hash;
}

QString SqlNormalizer::toHex(quint64 hash)
{
    static constexpr char16_t digits[] = u"0123456789abcdef";
    QString hex(16, Qt::Uninitialized);
    QChar* out = hex.data();
    for (int i = 15; i >= 0; --i) {
        out[i] = QChar(digits[hash & 0xF]);
        hash >>= 4;
    }
    return hex;
}

} // namespace dopt
