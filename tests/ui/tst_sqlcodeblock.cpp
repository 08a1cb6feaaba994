#include "report/sqlcodeblock.h"
#include "sql/sqldiff.h"

#include <QTest>

using namespace dopt;

namespace {

QString joined(const QVector<SqlCodeBlock::Run>& runs)
{
    QString text;
    for (const SqlCodeBlock::Run& run : runs)
        text += run.text;
    return text;
}

// The characters on a shaded background, with "|" between separate shaded stretches.
QString shaded(const QVector<SqlCodeBlock::Run>& runs, const QColor& background)
{
    QString text;
    bool inside = false;
    for (const SqlCodeBlock::Run& run : runs) {
        const bool marked = run.background == background;
        if (marked && !inside && !text.isEmpty())
            text += QLatin1Char('|');
        if (marked)
            text += run.text;
        else if (!run.text.trimmed().isEmpty())
            inside = false;
        inside = marked || (inside && run.text.trimmed().isEmpty());
    }
    return text;
}

} // namespace

// The report's SQL diff marks what the Recommendations page's diff (core SqlDiff) marks, on top of
// the same highlighting, without losing or reordering a character.
class TestSqlCodeBlock : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void marksTheWordsSqlDiffMarks()
    {
        const QString before = QStringLiteral("SELECT id FROM \"Sales Space\".orders\nWHERE CAST(ts AS DATE) = "
                                              "DATE '2025-01-01'\nORDER BY id");
        const QString after = QStringLiteral("SELECT id FROM \"Sales Space\".orders\nWHERE ts >= TIMESTAMP "
                                             "'2025-01-01 00:00:00'\nORDER BY id");
        const auto [left, right] = SqlCodeBlock::diff(before, after);
        QCOMPARE(joined(left), before);
        QCOMPARE(joined(right), after);

        // Unchanged lines carry no shading; the changed line's words do.
        const QString removed = shaded(left, SqlCodeBlock::RemovedBackground);
        const QString added = shaded(right, SqlCodeBlock::AddedBackground);
        QVERIFY2(removed.contains(QStringLiteral("CAST")), qPrintable(removed));
        QVERIFY2(added.contains(QStringLiteral("TIMESTAMP")), qPrintable(added));
        QVERIFY2(!removed.contains(QStringLiteral("orders")) && !added.contains(QStringLiteral("ORDER")),
            qPrintable(removed + QStringLiteral(" / ") + added));

        // Same spans as core's diff: every word SqlDiff reports changed on the right is shaded.
        const SqlDiffResult reference = SqlDiff::compute(before, after);
        for (const DiffLine& line : reference.right) {
            for (const DiffSpan& span : line.changedSpans) {
                // Whitespace inside a span is not shaded (nothing to see), so compare without it.
                const QString word = line.text.mid(span.start, span.length).remove(QLatin1Char(' '));
                const QString compact = QString(added).remove(QLatin1Char(' '));
                if (!word.isEmpty())
                    QVERIFY2(compact.contains(word), qPrintable(word + QStringLiteral(" not shaded in ") + added));
            }
        }
    }

    void identicalStatementsHaveNoShading()
    {
        const QString sql = QStringLiteral("SELECT a, b FROM t WHERE a = 'x''y' -- note\n");
        const auto [left, right] = SqlCodeBlock::diff(sql, sql);
        QCOMPARE(joined(left), sql);
        QVERIFY(shaded(left, SqlCodeBlock::RemovedBackground).isEmpty());
        QVERIFY(shaded(right, SqlCodeBlock::AddedBackground).isEmpty());
    }

    void addedLinesAreShadedWhole()
    {
        const auto [left, right]
            = SqlCodeBlock::diff(QStringLiteral("SELECT a FROM t"), QStringLiteral("SELECT a FROM t\nLIMIT 100"));
        QVERIFY(shaded(left, SqlCodeBlock::RemovedBackground).isEmpty());
        QVERIFY2(shaded(right, SqlCodeBlock::AddedBackground).contains(QStringLiteral("LIMIT")),
            qPrintable(shaded(right, SqlCodeBlock::AddedBackground)));
    }
};

QTEST_GUILESS_MAIN(TestSqlCodeBlock)
#include "tst_sqlcodeblock.moc"
