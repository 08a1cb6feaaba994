// SqlRewriter: each rewrite on the shapes it handles (exact expected text), the shapes it must
// refuse, and the libpg_query check that every rewrite of a parsable statement still parses.
#include "sql/sqlrewriter.h"

#include <QTest>

using namespace dopt;

class TestSqlRewriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void notInToNotExists_data()
    {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        QTest::newRow("unqualified outer, single tables")
            << QStringLiteral("SELECT o.id FROM sales.orders o WHERE customer_id NOT IN (SELECT id FROM crm.blocked)")
            << QStringLiteral("SELECT o.id FROM sales.orders o WHERE NOT EXISTS (SELECT 1 FROM crm.blocked WHERE "
                              "blocked.id = o.customer_id)");
        QTest::newRow("qualified outer, inner alias and condition")
            << QStringLiteral("SELECT * FROM \"Sales Space\".\"orders 2025\" AS o JOIN items i ON i.o = o.id\n"
                              "WHERE o.customer_id NOT IN (SELECT b.cid FROM crm.blocked b WHERE b.active = true "
                              "OR b.since > DATE '2024-01-01') AND o.total > 10")
            << QStringLiteral("SELECT * FROM \"Sales Space\".\"orders 2025\" AS o JOIN items i ON i.o = o.id\n"
                              "WHERE NOT EXISTS (SELECT 1 FROM crm.blocked b WHERE (b.active = true OR b.since > "
                              "DATE '2024-01-01') AND b.cid = o.customer_id) AND o.total > 10");
        QTest::newRow("distinct and comment kept")
            << QStringLiteral("-- nightly\nSELECT a FROM t WHERE x NOT IN (SELECT DISTINCT y FROM u WHERE u.z = 1)")
            << QStringLiteral(
                   "-- nightly\nSELECT a FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.z = 1 AND u.y = t.x)");
    }

    void notInToNotExists()
    {
        QFETCH(QString, before);
        QFETCH(QString, after);
        const auto rewrite = SqlRewriter::notInToNotExists(before);
        QVERIFY(rewrite);
        QCOMPARE(rewrite->after, after);
        QCOMPARE(rewrite->before, before);
        QCOMPARE(rewrite->kind, QStringLiteral("not_in_to_not_exists"));
        QVERIFY(rewrite->caveat.contains(QLatin1String("NULL")));
        QVERIFY(!rewrite->changesResult);
        // Every case here parses as PostgreSQL, so the rewrite was checked and parses as well.
        QVERIFY(SqlRewriter::parsesAsPostgres(before));
        QVERIFY(rewrite->parseChecked);
        QVERIFY(SqlRewriter::parsesAsPostgres(rewrite->after));
    }

    void notInRefusals_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::newRow("value list") << QStringLiteral("SELECT a FROM t WHERE x NOT IN (1, 2, 3)");
        QTest::newRow("ambiguous outer join")
            << QStringLiteral("SELECT a FROM t JOIN v ON t.k = v.k WHERE x NOT IN (SELECT y FROM u)");
        QTest::newRow("same table inside") << QStringLiteral("SELECT a FROM t WHERE x NOT IN (SELECT y FROM t)");
        QTest::newRow("grouped subquery")
            << QStringLiteral("SELECT a FROM t WHERE x NOT IN (SELECT y FROM u GROUP BY y HAVING COUNT(*) > 1)");
        QTest::newRow("in a literal") << QStringLiteral("SELECT 'x NOT IN (SELECT y FROM u)' FROM t");
        QTest::newRow("in a comment") << QStringLiteral("SELECT a FROM t /* x NOT IN (SELECT y FROM u) */");
        QTest::newRow("expression on the left")
            << QStringLiteral("SELECT a FROM t WHERE x + 1 NOT IN (SELECT y FROM u)");
    }

    void notInRefusals()
    {
        QFETCH(QString, sql);
        QVERIFY(!SqlRewriter::notInToNotExists(sql));
    }

    void correlatedInToExists()
    {
        const QString sql = QStringLiteral(
            "SELECT c.name FROM crm.customers c WHERE c.id IN (SELECT o.customer_id FROM sales.orders o WHERE "
            "o.region = c.region)");
        const auto rewrite = SqlRewriter::correlatedInToExists(sql);
        QVERIFY(rewrite);
        QCOMPARE(rewrite->after,
            QStringLiteral("SELECT c.name FROM crm.customers c WHERE EXISTS (SELECT 1 FROM sales.orders o WHERE "
                           "o.region = c.region AND o.customer_id = c.id)"));
        QVERIFY(rewrite->parseChecked);
        // Uncorrelated IN is left to the planner (a semi-join already), and NOT IN is the other rewrite.
        QVERIFY(!SqlRewriter::correlatedInToExists(QStringLiteral(
            "SELECT c.name FROM crm.customers c WHERE c.id IN (SELECT o.customer_id FROM sales.orders o)")));
        QVERIFY(!SqlRewriter::correlatedInToExists(QStringLiteral(
            "SELECT c.name FROM crm.customers c WHERE c.id NOT IN (SELECT o.customer_id FROM sales.orders o WHERE "
            "o.region = c.region)")));
    }

    void sargableRanges_data()
    {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        QTest::newRow("extract year") << QStringLiteral("SELECT * FROM s.o WHERE EXTRACT(YEAR FROM o_date) = 2024")
                                      << QStringLiteral(
                                             "SELECT * FROM s.o WHERE o_date >= DATE '2024-01-01' AND o_date < DATE "
                                             "'2025-01-01'");
        QTest::newRow("year function, more conditions")
            << QStringLiteral("SELECT * FROM s.o WHERE region = 'EU' AND YEAR(o.\"order date\") = 2023 ORDER BY 1")
            << QStringLiteral("SELECT * FROM s.o WHERE region = 'EU' AND o.\"order date\" >= DATE '2023-01-01' AND "
                              "o.\"order date\" < DATE '2024-01-01' ORDER BY 1");
        QTest::newRow("cast as date")
            << QStringLiteral("SELECT COUNT(*) FROM ev WHERE CAST(ts AS DATE) = DATE '2024-02-28'")
            << QStringLiteral("SELECT COUNT(*) FROM ev WHERE ts >= DATE '2024-02-28' AND ts < DATE '2024-02-29'");
        QTest::newRow("date_trunc month")
            << QStringLiteral("SELECT 1 FROM ev WHERE date_trunc('month', ts) = TIMESTAMP '2024-12-01 00:00:00'")
            << QStringLiteral("SELECT 1 FROM ev WHERE ts >= DATE '2024-12-01' AND ts < DATE '2025-01-01'");
        QTest::newRow("to_char month")
            << QStringLiteral("SELECT 1 FROM ev WHERE TO_CHAR(ts, 'YYYY-MM') = '2024-03' OR flag")
            << QStringLiteral("SELECT 1 FROM ev WHERE ts >= DATE '2024-03-01' AND ts < DATE '2024-04-01' OR flag");
        QTest::newRow("substr prefix") << QStringLiteral("SELECT 1 FROM ev WHERE SUBSTR(code, 1, 4) = 'AB12'")
                                       << QStringLiteral("SELECT 1 FROM ev WHERE code LIKE 'AB12%'");
        QTest::newRow("two predicates")
            << QStringLiteral("SELECT 1 FROM ev WHERE EXTRACT(YEAR FROM a) = 2020 AND CAST(b AS DATE) = '2021-06-30'")
            << QStringLiteral("SELECT 1 FROM ev WHERE a >= DATE '2020-01-01' AND a < DATE '2021-01-01' AND b >= DATE "
                              "'2021-06-30' AND b < DATE '2021-07-01'");
    }

    void sargableRanges()
    {
        QFETCH(QString, before);
        QFETCH(QString, after);
        const auto rewrite = SqlRewriter::sargableRanges(before);
        QVERIFY(rewrite);
        QCOMPARE(rewrite->after, after);
        QVERIFY(!rewrite->changesResult);
        if (SqlRewriter::parsesAsPostgres(before)) {
            QVERIFY(rewrite->parseChecked);
            QVERIFY(SqlRewriter::parsesAsPostgres(rewrite->after));
        }
    }

    void nonSargableWithoutExactRange()
    {
        // Flagged (a function hides the column) but no exact range: the literal is not one the
        // truncation can produce, the format is not a date prefix, or the function is not monotonic.
        const QString sql = QStringLiteral(
            "SELECT 1 FROM ev WHERE DATE_TRUNC('month', ts) = DATE '2024-12-15' AND UPPER(name) = 'BOB' AND "
            "SUBSTR(code, 1, 4) = 'AB%1'");
        const QVector<NonSargablePredicate> found = SqlRewriter::nonSargablePredicates(sql);
        QCOMPARE(found.size(), 3);
        QCOMPARE(found[0].function, QStringLiteral("DATE_TRUNC"));
        QCOMPARE(found[0].column, QStringLiteral("ts"));
        QVERIFY(found[0].replacement.isEmpty());
        QCOMPARE(found[1].function, QStringLiteral("UPPER"));
        QCOMPARE(found[1].predicate, QStringLiteral("UPPER(name) = 'BOB'"));
        QVERIFY(found[2].replacement.isEmpty());
        QVERIFY(!SqlRewriter::sargableRanges(sql));
        // Any function of one column and constants hides it; aggregates in HAVING filter groups, not rows.
        const QVector<NonSargablePredicate> generic = SqlRewriter::nonSargablePredicates(
            QStringLiteral("SELECT r FROM t WHERE COALESCE(x, 0) = 5 GROUP BY r HAVING SUM(y) > 5"));
        QCOMPARE(generic.size(), 1);
        QCOMPARE(generic[0].function, QStringLiteral("COALESCE"));
        QVERIFY(generic[0].replacement.isEmpty());
        QVERIFY(
            SqlRewriter::nonSargablePredicates(QStringLiteral("SELECT 1 FROM t WHERE COALESCE(a, b) = 0")).isEmpty());
        // A function in the select list or compared with another column is not a filter on a constant.
        QVERIFY(SqlRewriter::nonSargablePredicates(QStringLiteral("SELECT EXTRACT(YEAR FROM d) FROM t")).isEmpty());
        QVERIFY(
            SqlRewriter::nonSargablePredicates(QStringLiteral("SELECT 1 FROM t WHERE YEAR(d) = YEAR(e)")).isEmpty());
        QVERIFY(SqlRewriter::nonSargablePredicates(QStringLiteral("SELECT 1 FROM t WHERE d >= DATE '2024-01-01'"))
                    .isEmpty());
    }

    void addLimit()
    {
        const auto rewrite = SqlRewriter::addLimit(QStringLiteral("SELECT a, b FROM t ORDER BY a;"), 1000);
        QVERIFY(rewrite);
        QCOMPARE(rewrite->after, QStringLiteral("SELECT a, b FROM t ORDER BY a\nLIMIT 1000;"));
        QVERIFY(rewrite->changesResult);
        QVERIFY(rewrite->caveat.contains(QLatin1String("Changes the result")));
        QVERIFY(rewrite->parseChecked);
        QVERIFY(!SqlRewriter::addLimit(QStringLiteral("SELECT a FROM t LIMIT 5"), 1000));
        QVERIFY(!SqlRewriter::addLimit(QStringLiteral("INSERT INTO x SELECT a FROM t"), 1000));
        QVERIFY(!SqlRewriter::addLimit(QStringLiteral("SELECT a FROM t FETCH FIRST 3 ROWS ONLY"), 1000));
        // A LIMIT inside a subquery does not bound the outer result.
        QVERIFY(SqlRewriter::addLimit(QStringLiteral("SELECT * FROM (SELECT a FROM t LIMIT 5) x, u"), 10));
    }

    void dremioOnlySyntaxIsNotChecked()
    {
        // Backtick identifiers do not parse as PostgreSQL: the rewrite is kept, marked unchecked.
        const auto rewrite = SqlRewriter::sargableRanges(QStringLiteral("SELECT 1 FROM `s`.`t` WHERE YEAR(d) = 2024"));
        QVERIFY(rewrite);
        QVERIFY(!rewrite->parseChecked);
    }
};

QTEST_GUILESS_MAIN(TestSqlRewriter)
#include "tst_sqlrewriter.moc"
