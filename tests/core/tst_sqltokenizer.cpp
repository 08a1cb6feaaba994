#include "sql/sqltokenizer.h"

#include <QTest>

using namespace dopt;

namespace {

QString kindCode(SqlTokenKind kind)
{
    switch (kind) {
    case SqlTokenKind::Word:
        return QStringLiteral("W");
    case SqlTokenKind::QuotedIdentifier:
        return QStringLiteral("Q");
    case SqlTokenKind::String:
        return QStringLiteral("S");
    case SqlTokenKind::Number:
        return QStringLiteral("N");
    case SqlTokenKind::Parameter:
        return QStringLiteral("P");
    case SqlTokenKind::Operator:
        return QStringLiteral("O");
    case SqlTokenKind::Punctuation:
        return QStringLiteral("U");
    case SqlTokenKind::Comment:
        return QStringLiteral("C");
    case SqlTokenKind::Other:
        return QStringLiteral("X");
    }
    return QStringLiteral("?");
}

// "K:text" per token, "!" after an unterminated one, joined by " | ".
QString describe(QStringView sql, SqlDialect dialect)
{
    QStringList parts;
    for (const SqlToken& token : SqlTokenizer::tokenize(sql, dialect))
        parts.append(kindCode(token.kind) + u':' + token.text(sql).toString() + (token.unterminated ? u"!" : u""));
    return parts.join(QStringLiteral(" | "));
}

} // namespace

/// The lexer: token kinds and boundaries per dialect, literal edge cases, unterminated input.
class TestSqlTokenizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokens_data();
    void tokens();
    void tokensCoverTheInput();
    void lineColumn();
};

void TestSqlTokenizer::tokens_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("postgres");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char* name, const char* sql, bool postgres, const char* expected) {
        QTest::newRow(name) << QString::fromUtf8(sql) << postgres << QString::fromUtf8(expected);
    };
    row("path", "SELECT a.b FROM t", false, "W:SELECT | W:a | U:. | W:b | W:FROM | W:t");
    row("doubled quote", "'it''s'", false, "S:'it''s'");
    row("E string in postgres", "E'it\\'s'", true, "S:E'it\\'s'");
    row("no E string in dremio", "E'it\\'s'", false, "W:E | S:'it\\' | W:s | S:'!");
    row("quoted identifiers", "\"a\"\"b\".c `x``y`", false, "Q:\"a\"\"b\" | U:. | W:c | Q:`x``y`");
    row("quoted path", "\"Sales Space\".\"orders 2025\"", false, "Q:\"Sales Space\" | U:. | Q:\"orders 2025\"");
    row("numbers", "1 1.5 .5 1e10 1.5E-3 7.", false, "N:1 | N:1.5 | N:.5 | N:1e10 | N:1.5E-3 | N:7.");
    row("exponent needs digits", "1e x", false, "N:1 | W:e | W:x");
    row("dot after word is a path", "t.5", false, "W:t | U:. | N:5");
    row("range is not a decimal", "1..5", false, "N:1 | U:. | N:.5");
    row("sign split from operator", "a=-5", false, "W:a | O:= | O:- | N:5");
    row("comparison operators", "a<>b!=c<=d>=e||f", false,
        "W:a | O:<> | W:b | O:!= | W:c | O:<= | W:d | O:>= | W:e | O:|| | W:f");
    row("postgres cast and json", "x::int->>'k'", true, "W:x | O::: | W:int | O:->> | S:'k'");
    row("operator ends at a comment", "a=--c\nb", false, "W:a | O:= | C:--c | W:b");
    row("line comment", "-- hi ; there\nx", false, "C:-- hi ; there | W:x");
    row("nested comment in postgres", "/* a /* b */ c */ x", true, "C:/* a /* b */ c */ | W:x");
    row("no nesting in dremio", "/* a /* b */ c", false, "C:/* a /* b */ | W:c");
    row("unterminated string", "'abc", false, "S:'abc!");
    row("unterminated comment", "x /* abc", false, "W:x | C:/* abc!");
    row("unterminated identifier", "\"abc", false, "Q:\"abc!");
    row("dollar quote", "$$a;'b$$ $tag$x$y$tag$", true, "S:$$a;'b$$ | S:$tag$x$y$tag$");
    row("unterminated dollar quote", "$$abc", true, "S:$$abc!");
    row("numbered parameter", "$1 + $23", true, "P:$1 | O:+ | P:$23");
    row("placeholders", "? :name", false, "P:? | P::name");
    row("postgres jsonb operator", "doc ?| b", true, "W:doc | O:?| | W:b");
    row("calcite generated name", "$f0", false, "W:$f0");
    row("unicode string and word", "'日本' Größe", false, "S:'日本' | W:Größe");
    row("word outside the BMP", "𝒳abc", false, "W:𝒳abc");
    // Outside the BMP the lexer does not classify code points: a surrogate pair is word material.
    row("emoji outside a string", "a 😀 b", false, "W:a | W:😀 | W:b");
    row("no-break space is whitespace", "a\u00a0b", false, "W:a | W:b");
    row("prefixed strings", "N'x' X'0F' B'01' U&'d\\0061t' U&\"d!0061t\"", false,
        "S:N'x' | S:X'0F' | S:B'01' | S:U&'d\\0061t' | Q:U&\"d!0061t\"");
    row("punctuation", "f(a,[b]);", false, "W:f | U:( | W:a | U:, | U:[ | W:b | U:] | U:) | U:;");
    row("array slice", "a[1:2]", true, "W:a | U:[ | N:1 | O:: | N:2 | U:]");
    row("lone dollar", "$ x", true, "X:$ | W:x");
    row("control character", "a\x01z", false, "W:a | X:\x01 | W:z");
}

void TestSqlTokenizer::tokens()
{
    QFETCH(QString, sql);
    QFETCH(bool, postgres);
    QFETCH(QString, expected);
    QCOMPARE(describe(sql, postgres ? SqlDialect::Postgres : SqlDialect::Dremio), expected);
}

void TestSqlTokenizer::tokensCoverTheInput()
{
    // Every character is in exactly one token or is whitespace: nothing is skipped or read twice.
    const QString sql = QString::fromUtf8("SELECT \"a\"\"b\", 'x''y' /* c */ -- d\n FROM t WHERE v IN (1, -2.5e3) AND "
                                          "w <> $$z$$ AND u = E'\\'' ; 😀");
    for (const SqlDialect dialect : {SqlDialect::Dremio, SqlDialect::Postgres}) {
        qsizetype expectedOffset = 0;
        for (const SqlToken& token : SqlTokenizer::tokenize(sql, dialect)) {
            QVERIFY(token.length > 0);
            QVERIFY(token.offset >= expectedOffset);
            for (qsizetype i = expectedOffset; i < token.offset; ++i)
                QVERIFY(sql[i].isSpace());
            expectedOffset = token.end();
        }
        QCOMPARE(expectedOffset, sql.size());
    }
}

void TestSqlTokenizer::lineColumn()
{
    const QString sql = QStringLiteral("SELECT 1\nFROM t\r\n  WHERE x");
    int line = 0;
    int column = 0;
    SqlTokenizer::lineColumn(sql, 0, &line, &column);
    QCOMPARE(line, 1);
    QCOMPARE(column, 1);
    SqlTokenizer::lineColumn(sql, sql.indexOf(QStringLiteral("WHERE")), &line, &column);
    QCOMPARE(line, 3);
    QCOMPARE(column, 3);
    SqlTokenizer::lineColumn(sql, 10'000, &line, &column); // past the end: clamped, never out of bounds
    QCOMPARE(line, 3);
}

QTEST_GUILESS_MAIN(TestSqlTokenizer)
#include "tst_sqltokenizer.moc"
