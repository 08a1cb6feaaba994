#include "sqlhighlighter.h"
#include "sqlview.h"

#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using namespace dopt;

namespace {
constexpr int NoToken = -1;

// The token kind the highlighter gave to the character at `position`, NoToken when unformatted.
int tokenAt(const QTextDocument& document, const SqlHighlighter& highlighter, int position)
{
    const QTextBlock block = document.findBlock(position);
    const int offset = position - block.position();
    for (const QTextLayout::FormatRange& range : block.layout()->formats()) {
        if (offset < range.start || offset >= range.start + range.length)
            continue;
        for (int token = 0; token <= int(SqlHighlighter::Token::Comment); ++token)
            if (range.format == highlighter.format(SqlHighlighter::Token(token)))
                return token;
        return -2; // formatted, but not by a token format
    }
    return NoToken;
}
} // namespace

class TestSqlHighlighter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tokens_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("fragment"); // first occurrence is checked, every character of it
        QTest::addColumn<int>("expected");
        using T = SqlHighlighter::Token;
        const QString q = QStringLiteral("SELECT \"Order Id\", count(*) FROM sales.orders o -- latest\n"
                                         "WHERE o.region = 'it''s from' AND o.amount > 12.5e3 /* tail */");
        QTest::newRow("keyword") << q << QStringLiteral("SELECT") << int(T::Keyword);
        QTest::newRow("keyword lower case")
            << QStringLiteral("select 1 from t") << QStringLiteral("from") << int(T::Keyword);
        QTest::newRow("quoted identifier") << q << QStringLiteral("\"Order Id\"") << int(T::QuotedIdentifier);
        QTest::newRow("function") << q << QStringLiteral("count") << int(T::Function);
        QTest::newRow("plain identifier") << q << QStringLiteral("sales") << NoToken;
        QTest::newRow("line comment") << q << QStringLiteral("-- latest") << int(T::Comment);
        QTest::newRow("string with doubled quote") << q << QStringLiteral("'it''s from'") << int(T::String);
        QTest::newRow("keyword inside a string stays a string") << q << QStringLiteral("from'") << int(T::String);
        QTest::newRow("number with exponent") << q << QStringLiteral("12.5e3") << int(T::Number);
        QTest::newRow("block comment") << q << QStringLiteral("/* tail */") << int(T::Comment);
        QTest::newRow("digits inside an identifier")
            << QStringLiteral("SELECT t1.c2 FROM t1") << QStringLiteral("t1") << NoToken;
        QTest::newRow("keyword inside a comment")
            << QStringLiteral("-- SELECT everything") << QStringLiteral("SELECT") << int(T::Comment);
    }

    void tokens()
    {
        QFETCH(QString, sql);
        QFETCH(QString, fragment);
        QFETCH(int, expected);
        QTextDocument document;
        document.documentLayout(); // without a layout a document reports no changes to its highlighter
        SqlHighlighter highlighter(&document);
        document.setPlainText(sql);
        const int start = int(sql.indexOf(fragment));
        QVERIFY(start >= 0);
        for (int i = start; i < start + fragment.size(); ++i)
            QCOMPARE(tokenAt(document, highlighter, i), expected);
    }

    void multiLineTokensCarryOver_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("insideFragment");
        QTest::addColumn<int>("expected");
        QTest::addColumn<QString>("afterFragment");
        using T = SqlHighlighter::Token;
        QTest::newRow("block comment") << QStringLiteral("SELECT 1 /* first\nSELECT inside\n*/ FROM t")
                                       << QStringLiteral("inside") << int(T::Comment) << QStringLiteral("FROM");
        QTest::newRow("string") << QStringLiteral("SELECT 'line one\nWHERE still string' FROM t")
                                << QStringLiteral("WHERE") << int(T::String) << QStringLiteral("FROM");
        QTest::newRow("quoted identifier") << QStringLiteral("SELECT \"odd\nname\" FROM t") << QStringLiteral("name")
                                           << int(T::QuotedIdentifier) << QStringLiteral("FROM");
    }

    void multiLineTokensCarryOver()
    {
        QFETCH(QString, sql);
        QFETCH(QString, insideFragment);
        QFETCH(int, expected);
        QFETCH(QString, afterFragment);
        QTextDocument document;
        document.documentLayout(); // without a layout a document reports no changes to its highlighter
        SqlHighlighter highlighter(&document);
        document.setPlainText(sql);
        QCOMPARE(tokenAt(document, highlighter, int(sql.indexOf(insideFragment))), expected);
        // After the token closes, highlighting is back to normal.
        QCOMPARE(
            tokenAt(document, highlighter, int(sql.lastIndexOf(afterFragment))), int(SqlHighlighter::Token::Keyword));
    }

    void editingReHighlights()
    {
        QTextDocument document;
        document.documentLayout(); // without a layout a document reports no changes to its highlighter
        SqlHighlighter highlighter(&document);
        document.setPlainText(QStringLiteral("/* open\nSELECT x"));
        QCOMPARE(tokenAt(document, highlighter, 8), int(SqlHighlighter::Token::Comment));
        // Closing the comment on the first line makes the second line code again.
        QTextCursor cursor(&document);
        cursor.setPosition(7);
        cursor.insertText(QStringLiteral(" */"));
        QCOMPARE(tokenAt(document, highlighter, 11), int(SqlHighlighter::Token::Keyword));
    }

    void viewUsesAHighlighterAndSaysWhich()
    {
        SqlView view;
        QVERIFY(view.isReadOnly());
        QVERIFY(view.highlighter() != nullptr);
        view.setSql(QStringLiteral("SELECT 1"));
        QCOMPARE(view.sql(), QStringLiteral("SELECT 1"));
        const QString name = SqlView::highlighterName();
#ifdef DOPT_HAVE_KSYNTAXHIGHLIGHTING
        QVERIFY(name.contains(QStringLiteral("KF6")));
#else
        QVERIFY(name.contains(QStringLiteral("built-in")));
        QVERIFY(qobject_cast<SqlHighlighter*>(view.highlighter()) != nullptr);
#endif
    }

    void keywordsAreCaseInsensitive()
    {
        QVERIFY(SqlHighlighter::isKeyword(QStringLiteral("select")));
        QVERIFY(SqlHighlighter::isKeyword(QStringLiteral("Join")));
        QVERIFY(!SqlHighlighter::isKeyword(QStringLiteral("orders")));
    }
};

QTEST_MAIN(TestSqlHighlighter)
#include "tst_sqlhighlighter.moc"
