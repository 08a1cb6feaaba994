// SqlDiff: line alignment (same, changed, added, removed rows), word spans inside changed lines,
// and the unified and word-diff text forms.
#include "sql/sqldiff.h"

#include <QTest>

using namespace dopt;

namespace {

QStringList spansOf(const DiffLine& line)
{
    QStringList out;
    for (const DiffSpan& span : line.changedSpans)
        out << line.text.mid(span.start, span.length);
    return out;
}

} // namespace

class TestSqlDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void identical()
    {
        const SqlDiffResult diff
            = SqlDiff::compute(QStringLiteral("SELECT 1\nFROM t"), QStringLiteral("SELECT 1\nFROM t"));
        QVERIFY(diff.identical);
        QCOMPARE(diff.left.size(), 2);
        QCOMPARE(diff.right.size(), 2);
        QCOMPARE(diff.left[1].kind, DiffLine::Kind::Same);
        QCOMPARE(diff.wordDiffText(), QStringLiteral("SELECT 1\nFROM t"));
    }

    void wordsWithinOneLine()
    {
        const SqlDiffResult diff = SqlDiff::compute(QStringLiteral("SELECT * FROM o WHERE EXTRACT(YEAR FROM d) = 2024"),
            QStringLiteral("SELECT * FROM o WHERE d >= DATE '2024-01-01' AND d < DATE '2025-01-01'"));
        QVERIFY(!diff.identical);
        QCOMPARE(diff.left.size(), 1);
        QCOMPARE(diff.left[0].kind, DiffLine::Kind::Changed);
        QCOMPARE(diff.right[0].kind, DiffLine::Kind::Changed);
        // The unchanged prefix is not marked; the changed words are, on both sides.
        QVERIFY(!spansOf(diff.left[0]).join(QString()).contains(QLatin1String("WHERE")));
        QVERIFY(spansOf(diff.left[0]).join(QString()).contains(QLatin1String("EXTRACT")));
        QVERIFY(spansOf(diff.right[0]).join(QString()).contains(QLatin1String("'2025-01-01'")));
        for (const DiffSpan& span : diff.right[0].changedSpans)
            QVERIFY(span.start >= 0 && span.start + span.length <= diff.right[0].text.size());
        QCOMPARE(diff.wordDiffText().left(22), QStringLiteral("SELECT * FROM o WHERE "));
        // Spaces between changed words join them into one replacement; the column d, kept, is not marked.
        QCOMPARE(diff.wordDiffText(),
            QStringLiteral("SELECT * FROM o WHERE [-EXTRACT(YEAR FROM -]{+d >= DATE '2024-01-01' AND +}d[-) = "
                           "2024-]{+ < DATE '2025-01-01'+}"));
        QCOMPARE(
            spansOf(diff.left[0]), (QStringList {QStringLiteral("EXTRACT(YEAR FROM "), QStringLiteral(") = 2024")}));
    }

    void linesAddedAndRemoved()
    {
        const QString before = QStringLiteral("SELECT a\nFROM t\nWHERE x NOT IN (SELECT y FROM u)\nORDER BY a");
        const QString after = QStringLiteral("SELECT a\nFROM t\nWHERE NOT EXISTS (SELECT 1 FROM u WHERE u.y = t.x)\n"
                                             "ORDER BY a\nLIMIT 100");
        const SqlDiffResult diff = SqlDiff::compute(before, after);
        QCOMPARE(diff.left.size(), 5);
        QCOMPARE(diff.right.size(), 5);
        QCOMPARE(diff.left[0].kind, DiffLine::Kind::Same);
        QCOMPARE(diff.left[2].kind, DiffLine::Kind::Changed);
        QCOMPARE(diff.left[3].kind, DiffLine::Kind::Same);
        QCOMPARE(diff.right[3].lineNumber, 4);
        QCOMPARE(diff.left[4].kind, DiffLine::Kind::Filler);
        QCOMPARE(diff.right[4].kind, DiffLine::Kind::Added);
        QCOMPARE(diff.right[4].lineNumber, 5);
        QCOMPARE(spansOf(diff.right[4]), QStringList {QStringLiteral("LIMIT 100")});
        const QString unified = diff.unifiedText();
        QVERIFY(unified.startsWith(QLatin1String("--- before\n+++ after\n SELECT a\n FROM t\n-WHERE x NOT IN")));
        QVERIFY(unified.contains(QLatin1String("\n+LIMIT 100\n")));
        QVERIFY(unified.contains(QLatin1String("\n~WHERE ")));

        const SqlDiffResult reverse = SqlDiff::compute(after, before);
        QCOMPARE(reverse.left[4].kind, DiffLine::Kind::Removed);
        QCOMPARE(reverse.right[4].kind, DiffLine::Kind::Filler);
        QVERIFY(reverse.unifiedText().contains(QLatin1String("\n-LIMIT 100\n")));
        QVERIFY(reverse.wordDiffText().endsWith(QLatin1String("[-LIMIT 100-]")));
    }

    void words()
    {
        QCOMPARE(SqlDiff::words(QStringLiteral("a.\"b c\" >= 'x''s'")),
            (QStringList {QStringLiteral("a."), QStringLiteral("\"b c\""), QStringLiteral(" "), QStringLiteral(">"),
                QStringLiteral("="), QStringLiteral(" "), QStringLiteral("'x''s'")}));
        QCOMPARE(SqlDiff::words(QStringLiteral("'open")), QStringList {QStringLiteral("'open")});
    }
};

QTEST_GUILESS_MAIN(TestSqlDiff)
#include "tst_sqldiff.moc"
