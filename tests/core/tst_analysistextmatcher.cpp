// Templates derived from the English of analysis texts stored before schema 14: the catalogue's templates,
// numbers read back as numbers (French figures when rendered in French), nested templates, sentences
// joined by a space, and English left alone when no template fits or two readings would differ.
#include "analysis/analysistextmatcher.h"

#include <QJsonArray>
#include <QTest>

using namespace dopt;

class TestAnalysisTextMatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QLocale::setDefault(QLocale::c()); }

    void catalogueHoldsEveryTemplate()
    {
        const QStringList sources = AnalysisTextMatcher::catalogueSources();
        QVERIFY(sources.contains(QStringLiteral("Query returned %1 rows without LIMIT")));
        QVERIFY(sources.contains(QStringLiteral("%1× slower since %2 (median %3 s → %4 s)")));
        // Every one of them becomes a matcher (none is only placeholders).
        QCOMPARE(AnalysisTextMatcher::instance().templateCount(), sources.size());
    }

    void integerReadBackAsANumber()
    {
        const AnalysisText text
            = AnalysisTextMatcher::instance().match(QStringLiteral("Query returned 5000 rows without LIMIT"));
        AnalysisText expected(QT_TRANSLATE_NOOP("dopt::AnalysisText", "Query returned %1 rows without LIMIT"));
        expected.argInteger(5000);
        QCOMPARE(text.toJson(), expected.toJson());
        QCOMPARE(
            text.translated(QLocale(QLocale::French)), QStringLiteral("Query returned 5\u202f000 rows without LIMIT"));
    }

    void decimalsKeepTheirPrecision()
    {
        const QString english = QStringLiteral("2.4× slower since 2026-01-02T00:00:00Z (median 1.5 s → 1234.0 s)");
        const AnalysisText text = AnalysisTextMatcher::instance().match(english);
        QCOMPARE(text.toString(), english);
        QCOMPARE(text.translated(QLocale(QLocale::French)),
            QStringLiteral("2,4× slower since 2026-01-02T00:00:00Z (median 1,5 s → 1\u202f234,0 s)"));
    }

    void nestedTitleAndJoinedSentences()
    {
        const QString title = QStringLiteral("Unaccelerated scan shape ran 12 times, median 3.5 s");
        const QString english = QStringLiteral("Create a raw reflection on sales.orders: ") + title;
        const AnalysisText text = AnalysisTextMatcher::instance().match(english);
        QCOMPARE(text.toString(), english);
        const QJsonArray arguments = text.toJson().value(QStringLiteral("a")).toArray();
        QCOMPARE(arguments.size(), 2);
        QCOMPARE(arguments.at(0).toString(), QStringLiteral("sales.orders"));
        QCOMPARE(arguments.at(1).toObject().value(QStringLiteral("t")).toObject().value(QStringLiteral("s")).toString(),
            QStringLiteral("Unaccelerated scan shape ran %1 times, median %2 s"));

        const QString rationale = QStringLiteral(
            "Add a LIMIT or aggregate further; for a real export, write the result with CTAS instead of fetching it. "
            "Also found by select_star: Query returned 12345 rows without LIMIT.");
        const AnalysisText joined = AnalysisTextMatcher::instance().match(rationale);
        QCOMPARE(joined.toString(), rationale);
        QVERIFY2(joined.translated(QLocale(QLocale::French)).contains(QStringLiteral("12\u202f345")),
            qPrintable(joined.translated(QLocale(QLocale::French))));
    }

    void numbersInSqlStayAsWritten()
    {
        const QLocale french(QLocale::French);
        // The rewriter's "LIMIT %1 added": 1000 is SQL, not a figure to group.
        const AnalysisText limit = AnalysisTextMatcher::instance().match(QStringLiteral("LIMIT 1000 added"));
        QCOMPARE(limit.toString(), QStringLiteral("LIMIT 1000 added"));
        QCOMPARE(limit.translated(french), QStringLiteral("LIMIT 1000 added"));
        // A quoted value (work_mem = '1024') stays too, while the row count of the nested prose is grouped.
        const QString workMem
            = QStringLiteral("SET work_mem = '1024' for this statement: Query returned 25000 rows without LIMIT");
        const AnalysisText set = AnalysisTextMatcher::instance().match(workMem);
        QCOMPARE(set.toString(), workMem);
        QCOMPARE(set.translated(french),
            QStringLiteral("SET work_mem = '1024' for this statement: Query returned 25\u202f000 rows without LIMIT"));

        const AnalysisTextMatcher sql({QStringLiteral("Page with OFFSET %1 over %2 rows"),
            QStringLiteral("Keep FETCH FIRST %1 ROWS ONLY"), QStringLiteral("Run SELECT TOP %1 on top %2 shapes"),
            QStringLiteral("Set `%1` and \"%2\" for %3 jobs")});
        QCOMPARE(sql.match(QStringLiteral("Page with OFFSET 5000 over 120000 rows")).translated(french),
            QStringLiteral("Page with OFFSET 5000 over 120\u202f000 rows"));
        QCOMPARE(sql.match(QStringLiteral("Keep FETCH FIRST 2500 ROWS ONLY")).translated(french),
            QStringLiteral("Keep FETCH FIRST 2500 ROWS ONLY"));
        // TOP as SQL keyword only: "top 1500 shapes" in prose is a figure.
        QCOMPARE(sql.match(QStringLiteral("Run SELECT TOP 1500 on top 1500 shapes")).translated(french),
            QStringLiteral("Run SELECT TOP 1500 on top 1\u202f500 shapes"));
        QCOMPARE(sql.match(QStringLiteral("Set `4096` and \"1.5\" for 3000 jobs")).translated(french),
            QStringLiteral("Set `4096` and \"1.5\" for 3\u202f000 jobs"));
    }

    void noTemplateOrPartOfOneStaysEnglish()
    {
        const AnalysisTextMatcher& matcher = AnalysisTextMatcher::instance();
        QVERIFY(matcher.match(QStringLiteral("Add a LIMIT (written before schema 14).")).isEmpty());
        // Exact full match only: a known template followed by something else is not read.
        QVERIFY(matcher.match(QStringLiteral("Query returned 5000 rows without LIMIT, twice")).isEmpty());
        // One sentence of a rationale matches, the other none: the whole text stays as it is.
        QVERIFY(
            matcher
                .match(QStringLiteral("Hand-written. Also found by select_star: Query returned 1 rows without LIMIT."))
                .isEmpty());
        QVERIFY(matcher.match(QString()).isEmpty());
    }

    void ambiguousReadingsStayEnglish()
    {
        QLocale::setDefault(QLocale(QLocale::French));
        // "5000 rows" is either one verbatim argument or a number before " rows": French shows them differently.
        const AnalysisTextMatcher ambiguous({QStringLiteral("Ran %1"), QStringLiteral("Ran %1 rows")});
        QVERIFY(ambiguous.match(QStringLiteral("Ran 5000 rows")).isEmpty());
        // Two readings that show the same text are one.
        const AnalysisTextMatcher same({QStringLiteral("%1 %2 spilled")});
        const AnalysisText read = same.match(QStringLiteral("Hash Join 02-03 spilled"));
        QCOMPARE(read.toString(), QStringLiteral("Hash Join 02-03 spilled"));
        // A number with leading zeros or a grouped one is not what QString::number wrote: kept as text.
        const AnalysisTextMatcher numbers({QStringLiteral("Took %1")});
        QCOMPARE(numbers.match(QStringLiteral("Took 007")).translated(), QStringLiteral("Took 007"));
        QCOMPARE(numbers.match(QStringLiteral("Took 1234")).translated(), QStringLiteral("Took 1\u202f234"));
    }
};

QTEST_GUILESS_MAIN(TestAnalysisTextMatcher)
#include "tst_analysistextmatcher.moc"
