#include "sql/statementsplitter.h"

#include <QTest>

using namespace dopt;

/// Script splitting: where a ';' splits and where it does not, skipped empties, positions.
class TestStatementSplitter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void split_data();
    void split();
    void unterminatedTail();
};

void TestStatementSplitter::split_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<bool>("postgres");
    QTest::addColumn<QStringList>("texts");
    QTest::addColumn<QList<int>>("lines");
    QTest::addColumn<QList<int>>("columns");
    const auto row = [](const char* name, const char* script, bool postgres, const QStringList& texts,
                         const QList<int>& lines, const QList<int>& columns) {
        QTest::newRow(name) << QString::fromUtf8(script) << postgres << texts << lines << columns;
    };
    const auto s = [](const char* text) { return QString::fromUtf8(text); };
    row("two on one line", "SELECT 1; SELECT 2", false, {s("SELECT 1"), s("SELECT 2")}, {1, 1}, {1, 11});
    row("semicolon in a string", "SELECT 'a;b'; SELECT 2", false, {s("SELECT 'a;b'"), s("SELECT 2")}, {1, 1}, {1, 15});
    row("semicolon in a doubled-quote string", "SELECT 'it'';s'; SELECT 2", false,
        {s("SELECT 'it'';s'"), s("SELECT 2")}, {1, 1}, {1, 18});
    row("semicolon in a quoted identifier", "SELECT \"x;y\" FROM t;", false, {s("SELECT \"x;y\" FROM t")}, {1}, {1});
    row("semicolon in a backtick identifier", "SELECT `a;b` FROM t; SELECT 2", false,
        {s("SELECT `a;b` FROM t"), s("SELECT 2")}, {1, 1}, {1, 22});
    row("semicolon in a line comment", "SELECT 1 -- ; not here\n; SELECT 2", false, {s("SELECT 1"), s("SELECT 2")},
        {1, 2}, {1, 3});
    row("semicolon in a block comment", "SELECT /* ; */ 1;\nSELECT 2", false, {s("SELECT /* ; */ 1"), s("SELECT 2")},
        {1, 2}, {1, 1});
    row("empty statements skipped", "/* ; */ SELECT 1;;; ;\n\nSELECT 2;", false, {s("SELECT 1"), s("SELECT 2")}, {1, 3},
        {9, 1});
    row("comment-only script", "-- only a comment;\n/* ; */", false, {}, {}, {});
    row("only terminators", " ; ;; ", false, {}, {}, {});
    row("empty", "", false, {}, {}, {});
    row("multi-line statement", "SELECT 1\n;\n  SELECT\n  2\n", false, {s("SELECT 1"), s("SELECT\n  2")}, {1, 3},
        {1, 3});
    row("crlf line ends", "SELECT 1;\r\nSELECT 2;\r\n", false, {s("SELECT 1"), s("SELECT 2")}, {1, 2}, {1, 1});
    row("no final semicolon", "SELECT 1;\nSELECT 2 -- trailing note", false, {s("SELECT 1"), s("SELECT 2")}, {1, 2},
        {1, 1});
    row("dollar-quoted body in postgres",
        "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\nSELECT f();", true,
        {s("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql"), s("SELECT f()")}, {1, 2}, {1, 1});
    row("escape string in postgres", "SELECT E'a\\';b'; SELECT 2", true, {s("SELECT E'a\\';b'"), s("SELECT 2")}, {1, 1},
        {1, 18});
    row("nested comment in postgres", "/* a /* ; */ ; */ SELECT 1; SELECT 2", true, {s("SELECT 1"), s("SELECT 2")},
        {1, 1}, {19, 29});
    row("unicode before the split", "SELECT '東京;'; SELECT 2", false, {s("SELECT '東京;'"), s("SELECT 2")}, {1, 1},
        {1, 15});
}

void TestStatementSplitter::split()
{
    QFETCH(QString, script);
    QFETCH(bool, postgres);
    QFETCH(QStringList, texts);
    QFETCH(QList<int>, lines);
    QFETCH(QList<int>, columns);
    const QVector<SqlStatement> statements
        = StatementSplitter::split(script, postgres ? SqlDialect::Postgres : SqlDialect::Dremio);
    QStringList actualTexts;
    QList<int> actualLines;
    QList<int> actualColumns;
    for (const SqlStatement& statement : statements) {
        actualTexts.append(statement.text);
        actualLines.append(statement.line);
        actualColumns.append(statement.column);
        QCOMPARE(script.mid(statement.offset, statement.text.size()), statement.text);
        QVERIFY(!statement.unterminated);
    }
    QCOMPARE(actualTexts, texts);
    QCOMPARE(actualLines, lines);
    QCOMPARE(actualColumns, columns);
}

void TestStatementSplitter::unterminatedTail()
{
    const QString script = QStringLiteral("SELECT 1;\nSELECT 'open; SELECT 2");
    const QVector<SqlStatement> statements = StatementSplitter::split(script);
    QCOMPARE(statements.size(), 2);
    QVERIFY(!statements[0].unterminated);
    QVERIFY(statements[1].unterminated);
    QCOMPARE(statements[1].text, QStringLiteral("SELECT 'open; SELECT 2"));
    QCOMPARE(statements[1].line, 2);

    const QVector<SqlStatement> comment = StatementSplitter::split(u"SELECT 1 /* open; SELECT 2");
    QCOMPARE(comment.size(), 1);
    QVERIFY(comment[0].unterminated);
    QCOMPARE(comment[0].text, QStringLiteral("SELECT 1 /* open; SELECT 2"));
}

QTEST_GUILESS_MAIN(TestStatementSplitter)
#include "tst_statementsplitter.moc"
