// SqlRewriter::correlatedScalarToJoin (ScalarSubqueryDecorrelator): the exact text of each shape it
// rewrites, every shape it must decline because the LEFT JOIN would not return the same rows (or could
// not be proven to), and the subquery_rewrite detector / recommendation engine using the rewrite.
#include "analysis/recommendationengine.h"
#include "analysis/subqueryrewritedetector.h"
#include "detectorcorpus.h"
#include "sql/scalarsubquerydecorrelator.h"
#include "sql/sqlrewriter.h"

#include <QTest>

using namespace dopt;

namespace {

QString why(const char* reason)
{
    return QString::fromUtf8(reason);
}

std::optional<SqlDialect> dialectNamed(const QString& name)
{
    if (name == QLatin1String("dremio"))
        return SqlDialect::Dremio;
    if (name == QLatin1String("postgres"))
        return SqlDialect::Postgres;
    return std::nullopt;
}

} // namespace

class TestScalarSubqueryRewrite : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rewrites_data()
    {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        QTest::newRow("sum with an inner predicate")
            << QStringLiteral("SELECT o.a, (SELECT SUM(i.x) FROM inner_t i WHERE i.k = o.k AND i.flag = 1) AS total "
                              "FROM outer_t o WHERE o.a > 0")
            << QStringLiteral("SELECT o.a, s.total AS total FROM outer_t o LEFT JOIN (SELECT i.k, SUM(i.x) AS total "
                              "FROM inner_t i WHERE i.flag = 1 GROUP BY i.k) s ON s.k = o.k WHERE o.a > 0");
        QTest::newRow("count gets coalesce")
            << QStringLiteral("SELECT p.sku, (SELECT COUNT(*) FROM sales.items i WHERE i.sku = p.sku) AS sold FROM "
                              "catalog.products p WHERE p.active")
            << QStringLiteral("SELECT p.sku, COALESCE(s.sold, 0) AS sold FROM catalog.products p LEFT JOIN (SELECT "
                              "i.sku, COUNT(*) AS sold FROM sales.items i GROUP BY i.sku) s ON s.sku = p.sku WHERE "
                              "p.active");
        QTest::newRow("quoted dremio paths, alias without AS, order by the alias")
            << QStringLiteral("SELECT c.id, (SELECT MAX(o.\"order total\") FROM \"Sales Space\".\"orders 2025\" AS o "
                              "WHERE o.\"Customer Id\" = c.id AND o.status <> 'void') best FROM crm.customers AS c "
                              "ORDER BY best DESC")
            << QStringLiteral("SELECT c.id, s.best best FROM crm.customers AS c LEFT JOIN (SELECT o.\"Customer Id\", "
                              "MAX(o.\"order total\") AS best FROM \"Sales Space\".\"orders 2025\" AS o WHERE o.status "
                              "<> 'void' GROUP BY o.\"Customer Id\") s ON s.\"Customer Id\" = c.id ORDER BY best DESC");
        QTest::newRow("two keys, reversed sides, joined outer tables, unaliased inner table, between")
            << QStringLiteral("SELECT c.name, r.label, (SELECT AVG(orders.total) FROM sales.orders WHERE c.id = "
                              "orders.customer_id AND orders.region = r.code AND orders.total BETWEEN 1 AND 100) AS "
                              "avg_total FROM crm.customers c JOIN ref.regions r ON r.code = c.region")
            << QStringLiteral("SELECT c.name, r.label, s.avg_total AS avg_total FROM crm.customers c JOIN ref.regions "
                              "r ON r.code = c.region LEFT JOIN (SELECT orders.customer_id, orders.region, "
                              "AVG(orders.total) AS avg_total FROM sales.orders WHERE orders.total BETWEEN 1 AND 100 "
                              "GROUP BY orders.customer_id, orders.region) s ON s.customer_id = c.id AND s.region = "
                              "r.code");
        QTest::newRow("first of two subqueries")
            << QStringLiteral("SELECT c.id, (SELECT MAX(o.total) FROM orders o WHERE o.cid = c.id) AS best, (SELECT "
                              "MIN(o.total) FROM orders o WHERE o.cid = c.id) AS worst FROM customers c")
            << QStringLiteral("SELECT c.id, s.best AS best, (SELECT MIN(o.total) FROM orders o WHERE o.cid = c.id) AS "
                              "worst FROM customers c LEFT JOIN (SELECT o.cid, MAX(o.total) AS best FROM orders o "
                              "GROUP BY o.cid) s ON s.cid = c.id");
        QTest::newRow("comment, layout and semicolon kept")
            << QStringLiteral("-- top customers\nSELECT c.id, (SELECT MAX(o.total) FROM orders o WHERE o.cid = c.id) "
                              "AS best\nFROM customers c\nWHERE c.active;")
            << QStringLiteral("-- top customers\nSELECT c.id, s.best AS best\nFROM customers c LEFT JOIN (SELECT "
                              "o.cid, MAX(o.total) AS best FROM orders o GROUP BY o.cid) s ON s.cid = c.id\nWHERE "
                              "c.active;");
        QTest::newRow("alias s taken, distinct outer, count of a column")
            << QStringLiteral("SELECT DISTINCT s.id, (SELECT COUNT(i.id) FROM items i WHERE i.sid = s.id) AS n FROM "
                              "shops s")
            << QStringLiteral("SELECT DISTINCT s.id, COALESCE(s2.n, 0) AS n FROM shops s LEFT JOIN (SELECT i.sid, "
                              "COUNT(i.id) AS n FROM items i GROUP BY i.sid) s2 ON s2.sid = s.id");
        QTest::newRow("unqualified inner columns, parenthesized OR")
            << QStringLiteral("SELECT c.id, (SELECT SUM(amount) FROM payments p WHERE p.cid = c.id AND (state = 'ok' "
                              "OR state IS NULL)) AS paid FROM customers c")
            << QStringLiteral("SELECT c.id, s.paid AS paid FROM customers c LEFT JOIN (SELECT p.cid, SUM(amount) AS "
                              "paid FROM payments p WHERE (state = 'ok' OR state IS NULL) GROUP BY p.cid) s ON s.cid = "
                              "c.id");
    }

    void rewrites()
    {
        QFETCH(QString, before);
        QFETCH(QString, after);
        const auto rewrite = SqlRewriter::correlatedScalarToJoin(before);
        QVERIFY(rewrite);
        QCOMPARE(rewrite->after, after);
        QCOMPARE(rewrite->before, before);
        QCOMPARE(rewrite->kind, QStringLiteral("scalar_subquery_to_join"));
        QVERIFY(!rewrite->changesResult);
        QVERIFY(rewrite->caveat.contains(QLatin1String("lossy implicit cast"))); // types are not in the tokens
        QVERIFY(rewrite->description.contains(QLatin1String("LEFT JOIN")));
        QVERIFY(SqlRewriter::hasCorrelatedScalarSubquery(before));
        // Quoted identifiers with spaces are PostgreSQL too: every case parses, before and after.
        QVERIFY(SqlRewriter::parsesAsPostgres(before));
        QVERIFY(rewrite->parseChecked);
    }

    void secondSubqueryOnTheRewrite()
    {
        // Several subqueries are handled one at a time: the rewrite of the rewrite takes the next one.
        const QString sql = QStringLiteral("SELECT c.id, (SELECT MAX(o.total) FROM orders o WHERE o.cid = c.id) AS "
                                           "best, (SELECT MIN(o.total) FROM orders o WHERE o.cid = c.id) AS worst FROM "
                                           "customers c");
        const auto first = SqlRewriter::correlatedScalarToJoin(sql);
        QVERIFY(first);
        const auto second = SqlRewriter::correlatedScalarToJoin(first->after);
        QVERIFY(second);
        QCOMPARE(second->after,
            QStringLiteral("SELECT c.id, s.best AS best, s2.worst AS worst FROM customers c LEFT JOIN (SELECT o.cid, "
                           "MAX(o.total) AS best FROM orders o GROUP BY o.cid) s ON s.cid = c.id LEFT JOIN (SELECT "
                           "o.cid, MIN(o.total) AS worst FROM orders o GROUP BY o.cid) s2 ON s2.cid = c.id"));
        QVERIFY(!SqlRewriter::correlatedScalarToJoin(second->after));
    }

    void declined_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("reason");
        const QString sub = QStringLiteral("(SELECT MAX(o.total) FROM orders o WHERE o.cid = c.id)");
        QTest::newRow("no alias: the column name would change")
            << QStringLiteral("SELECT c.id, %1 FROM customers c").arg(sub)
            << why(ScalarSubqueryDecorrelator::ColumnName);
        QTest::newRow("not an aggregate")
            << QStringLiteral("SELECT c.id, (SELECT o.total FROM orders o WHERE o.cid = c.id) AS t FROM customers c")
            << why(ScalarSubqueryDecorrelator::NotAggregate);
        QTest::newRow("order by and limit inside") << QStringLiteral(
            "SELECT c.id, (SELECT MAX(o.total) FROM orders o WHERE o.cid = c.id ORDER BY 1 LIMIT 1) "
            "AS t FROM customers c") << why(ScalarSubqueryDecorrelator::InnerClauses);
        QTest::newRow("window") << QStringLiteral(
            "SELECT c.id, (SELECT MAX(o.total) OVER () FROM orders o WHERE o.cid = c.id) AS t FROM customers c")
                                << why(ScalarSubqueryDecorrelator::Nested);
        QTest::newRow("union inside") << QStringLiteral(
            "SELECT c.id, (SELECT MAX(o.total) FROM orders o WHERE o.cid = c.id UNION SELECT 0) AS "
            "t FROM customers c") << why(ScalarSubqueryDecorrelator::Nested);
        QTest::newRow("group by inside") << QStringLiteral(
            "SELECT c.id, (SELECT MAX(o.total) FROM orders o WHERE o.cid = c.id GROUP BY o.day) AS "
            "t FROM customers c") << why(ScalarSubqueryDecorrelator::InnerClauses);
        QTest::newRow("nested correlated subquery")
            << QStringLiteral("SELECT c.id, (SELECT MAX(o.total) FROM orders o WHERE o.cid = c.id AND o.x IN (SELECT "
                              "u.y FROM u WHERE u.z = c.z)) AS t FROM customers c")
            << why(ScalarSubqueryDecorrelator::Nested);
        QTest::newRow("inequality correlation") << QStringLiteral(
            "SELECT c.id, (SELECT SUM(o.total) FROM orders o WHERE o.cid = c.id AND o.day <= c.day) "
            "AS t FROM customers c") << why(ScalarSubqueryDecorrelator::OuterReference);
        QTest::newRow("correlation under OR") << QStringLiteral(
            "SELECT c.id, (SELECT SUM(o.total) FROM orders o WHERE o.cid = c.id OR o.vip) AS t FROM customers c")
                                              << why(ScalarSubqueryDecorrelator::Disjunction);
        QTest::newRow("joined inner tables")
            << QStringLiteral("SELECT c.id, (SELECT SUM(l.qty) FROM orders o JOIN lines l ON l.oid = o.id WHERE "
                              "o.cid = c.id) AS t FROM customers c")
            << why(ScalarSubqueryDecorrelator::InnerClauses);
        QTest::newRow("uncorrelated") << QStringLiteral(
            "SELECT c.id, (SELECT MAX(o.total) FROM orders o WHERE o.total > 0) AS t FROM customers c")
                                      << why(ScalarSubqueryDecorrelator::NotCorrelated);
        QTest::newRow("unknown outer qualifier") << QStringLiteral(
            "SELECT c.id, (SELECT MAX(o.total) FROM orders o WHERE o.cid = x.id) AS t FROM "
            "customers c") << why(ScalarSubqueryDecorrelator::UnknownOuter);
        QTest::newRow("same qualifier inside and outside") << QStringLiteral(
            "SELECT o.id, (SELECT MAX(o.total) FROM orders o WHERE o.cid = o.id) AS t FROM "
            "customers o") << why(ScalarSubqueryDecorrelator::SameName);
        QTest::newRow("three-part reference")
            << QStringLiteral("SELECT c.id, (SELECT MAX(o.total) FROM sales.orders o WHERE o.cid = c.id AND "
                              "sales.orders.x = 1) AS t FROM customers c")
            << why(ScalarSubqueryDecorrelator::OuterReference);
        QTest::newRow("random inside") << QStringLiteral(
            "SELECT c.id, (SELECT MAX(o.total) FROM orders o WHERE o.cid = c.id AND random() < 0.5) "
            "AS t FROM customers c") << why(ScalarSubqueryDecorrelator::Nested);
        QTest::newRow("key named like the value") << QStringLiteral(
            "SELECT c.id, (SELECT MAX(o.cid) FROM orders o WHERE o.cid = c.id) AS cid FROM "
            "customers c") << why(ScalarSubqueryDecorrelator::Captured);
        QTest::newRow("unqualified outer name a key would capture")
            << QStringLiteral("SELECT id, (SELECT MAX(o.total) FROM orders o WHERE o.id = c.id) AS t FROM customers c")
            << why(ScalarSubqueryDecorrelator::Captured);
        QTest::newRow("outer filter on a name the value would capture")
            << QStringLiteral("SELECT c.id, %1 AS total FROM customers c WHERE total > 0").arg(sub)
            << why(ScalarSubqueryDecorrelator::Captured);
        QTest::newRow("outer group by") << QStringLiteral(
            "SELECT c.region, (SELECT MAX(o.total) FROM orders o WHERE o.region = c.region) AS t "
            "FROM customers c GROUP BY c.region")
                                        << why(ScalarSubqueryDecorrelator::OuterShape);
        QTest::newRow("outer limit") << QStringLiteral("SELECT c.id, %1 AS t FROM customers c LIMIT 10").arg(sub)
                                     << why(ScalarSubqueryDecorrelator::OuterShape);
        QTest::newRow("outer union")
            << QStringLiteral("SELECT c.id, %1 AS t FROM customers c UNION ALL SELECT 1, 2").arg(sub)
            << why(ScalarSubqueryDecorrelator::OuterShape);
        QTest::newRow("outer comma join")
            << QStringLiteral("SELECT c.id, %1 AS t FROM customers c, regions r WHERE r.id = c.rid").arg(sub)
            << why(ScalarSubqueryDecorrelator::OuterFrom);
        QTest::newRow("outer natural join")
            << QStringLiteral("SELECT c.id, %1 AS t FROM customers c NATURAL JOIN regions r").arg(sub)
            << why(ScalarSubqueryDecorrelator::OuterFrom);
        QTest::newRow("outer star") << QStringLiteral("SELECT *, %1 AS t FROM customers c").arg(sub)
                                    << why(ScalarSubqueryDecorrelator::OuterStar);
        QTest::newRow("outer distinct on")
            << QStringLiteral("SELECT DISTINCT ON (c.id) c.id, %1 AS t FROM customers c").arg(sub)
            << why(ScalarSubqueryDecorrelator::DistinctOn);
        QTest::newRow("with clause")
            << QStringLiteral("WITH x AS (SELECT 1) SELECT c.id, %1 AS t FROM customers c").arg(sub)
            << why(ScalarSubqueryDecorrelator::NotASelect);
        QTest::newRow("in a literal") << QStringLiteral("SELECT '%1 AS t' FROM customers c").arg(sub)
                                      << why(ScalarSubqueryDecorrelator::NotCorrelated);
        QTest::newRow("in a comment") << QStringLiteral("SELECT c.id /* , %1 AS t */ FROM customers c").arg(sub)
                                      << why(ScalarSubqueryDecorrelator::NotCorrelated);
        QTest::newRow("in the where clause") << QStringLiteral("SELECT c.id FROM customers c WHERE %1 > 10").arg(sub)
                                             << why(ScalarSubqueryDecorrelator::NotCorrelated);
    }

    void declined()
    {
        QFETCH(QString, sql);
        QFETCH(QString, reason);
        AnalysisText declined;
        QVERIFY(!SqlRewriter::correlatedScalarToJoin(sql, std::nullopt, &declined));
        QCOMPARE(declined.toString(), reason);
        // The engine only decides an unaliased column's name: every other shape is declined in both.
        if (reason == why(ScalarSubqueryDecorrelator::ColumnName))
            return;
        for (const SqlDialect dialect : {SqlDialect::Dremio, SqlDialect::Postgres}) {
            AnalysisText again;
            QVERIFY(!SqlRewriter::correlatedScalarToJoin(sql, dialect, &again));
            QCOMPARE(again.toString(), reason);
        }
    }

    void exactShapes_data()
    {
        QTest::addColumn<QString>("dialect"); // "" when the engine is unknown
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        const QString sub = QStringLiteral("(SELECT MAX(o.total) FROM orders o WHERE o.cid = c.id)");
        const QString join = QStringLiteral("LEFT JOIN (SELECT o.cid, MAX(o.total) AS %1 FROM orders o GROUP BY "
                                            "o.cid) s ON s.cid = c.id");
        QTest::newRow("unaliased, PostgreSQL names it after the aggregate")
            << QStringLiteral("postgres") << QStringLiteral("SELECT c.id, %1 FROM customers c").arg(sub)
            << QStringLiteral("SELECT c.id, s.max AS max FROM customers c %1").arg(join.arg(QStringLiteral("max")));
        QTest::newRow("unaliased, Dremio names it EXPR$ and its position")
            << QStringLiteral("dremio") << QStringLiteral("SELECT c.id, c.name, %1 FROM customers c").arg(sub)
            << QStringLiteral("SELECT c.id, c.name, s.\"EXPR$2\" AS \"EXPR$2\" FROM customers c %1")
                   .arg(join.arg(QStringLiteral("\"EXPR$2\"")));
        QTest::newRow("unaliased first item in Dremio")
            << QStringLiteral("dremio") << QStringLiteral("SELECT %1, c.id FROM customers c").arg(sub)
            << QStringLiteral("SELECT s.\"EXPR$0\" AS \"EXPR$0\", c.id FROM customers c %1")
                   .arg(join.arg(QStringLiteral("\"EXPR$0\"")));
        QTest::newRow("unaliased count, PostgreSQL")
            << QStringLiteral("postgres")
            << QStringLiteral("SELECT c.id, (SELECT COUNT(*) FROM orders o WHERE o.cid = c.id) FROM customers c")
            << QStringLiteral("SELECT c.id, COALESCE(s.count, 0) AS count FROM customers c LEFT JOIN (SELECT o.cid, "
                              "COUNT(*) AS count FROM orders o GROUP BY o.cid) s ON s.cid = c.id");
        QTest::newRow("unaliased with an inner alias, PostgreSQL takes the inner one")
            << QStringLiteral("postgres")
            << QStringLiteral(
                   "SELECT c.id, (SELECT MAX(o.total) AS \"Best\" FROM orders o WHERE o.cid = c.id) FROM customers c")
            << QStringLiteral("SELECT c.id, s.\"Best\" AS \"Best\" FROM customers c %1")
                   .arg(join.arg(QStringLiteral("\"Best\"")));
        QTest::newRow("unaliased arithmetic, PostgreSQL's ?column?")
            << QStringLiteral("postgres")
            << QStringLiteral(
                   "SELECT c.id, (SELECT MAX(o.total) * 2 FROM orders o WHERE o.cid = c.id) FROM customers c")
            << QStringLiteral("SELECT c.id, s.\"?column?\" * 2 AS \"?column?\" FROM customers c %1")
                   .arg(join.arg(QStringLiteral("\"?column?\"")));
        QTest::newRow("constants around the aggregate")
            << QString()
            << QStringLiteral("SELECT c.id, (SELECT COALESCE(SUM(o.total), 0) FROM orders o WHERE o.cid = c.id) AS "
                              "spent FROM customers c")
            << QStringLiteral("SELECT c.id, COALESCE(s.spent, 0) AS spent FROM customers c LEFT JOIN (SELECT o.cid, "
                              "SUM(o.total) AS spent FROM orders o GROUP BY o.cid) s ON s.cid = c.id");
        QTest::newRow("inside a larger expression, a fresh value name")
            << QString() << QStringLiteral("SELECT c.id, COALESCE(%1, 0) AS t FROM customers c").arg(sub)
            << QStringLiteral("SELECT c.id, COALESCE(s.v, 0) AS t FROM customers c %1")
                   .arg(join.arg(QStringLiteral("v")));
        QTest::newRow("filter clause")
            << QString()
            << QStringLiteral("SELECT c.id, (SELECT COUNT(*) FILTER (WHERE o.paid) FROM orders o WHERE o.cid = c.id) "
                              "AS t FROM customers c")
            << QStringLiteral("SELECT c.id, COALESCE(s.t, 0) AS t FROM customers c LEFT JOIN (SELECT o.cid, COUNT(*) "
                              "FILTER (WHERE o.paid) AS t FROM orders o GROUP BY o.cid) s ON s.cid = c.id");
        QTest::newRow("distinct of the one row")
            << QString()
            << QStringLiteral("SELECT c.id, (SELECT DISTINCT MAX(o.total) FROM orders o WHERE o.cid = c.id) AS t FROM "
                              "customers c")
            << QStringLiteral("SELECT c.id, s.t AS t FROM customers c %1").arg(join.arg(QStringLiteral("t")));
        QTest::newRow("condition on outer columns becomes a guard")
            << QString()
            << QStringLiteral("SELECT c.id, (SELECT SUM(o.total) FROM orders o WHERE o.cid = c.id AND c.active) AS t "
                              "FROM customers c")
            << QStringLiteral("SELECT c.id, CASE WHEN c.active THEN s.t END AS t FROM customers c LEFT JOIN (SELECT "
                              "o.cid, SUM(o.total) AS t FROM orders o GROUP BY o.cid) s ON s.cid = c.id");
        QTest::newRow("guarded count is 0 where the guard fails")
            << QString()
            << QStringLiteral("SELECT c.id, (SELECT COUNT(*) FROM orders o WHERE o.cid = c.id AND c.region = 'eu') AS "
                              "n FROM customers c")
            << QStringLiteral("SELECT c.id, CASE WHEN c.region = 'eu' THEN COALESCE(s.n, 0) ELSE 0 END AS n FROM "
                              "customers c LEFT JOIN (SELECT o.cid, COUNT(*) AS n FROM orders o GROUP BY o.cid) s ON "
                              "s.cid = c.id");
    }

    void exactShapes()
    {
        QFETCH(QString, dialect);
        QFETCH(QString, before);
        QFETCH(QString, after);
        AnalysisText declined;
        const auto rewrite = SqlRewriter::correlatedScalarToJoin(before, dialectNamed(dialect), &declined);
        QVERIFY2(rewrite, qPrintable(declined.toString()));
        QCOMPARE(rewrite->after, after);
        QVERIFY(declined.isEmpty());
        QVERIFY(SqlRewriter::parsesAsPostgres(rewrite->after));
    }

    void unaliasedNeedsTheEngine_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::addColumn<QString>("sql");
        const QString sub = QStringLiteral("(SELECT MAX(o.total) FROM orders o WHERE o.cid = c.id)");
        QTest::newRow("unknown engine") << QString() << QStringLiteral("SELECT c.id, %1 FROM customers c").arg(sub);
        // Dremio counts the columns a t.* expands to: the position is not known from the text.
        QTest::newRow("Dremio after t.*")
            << QStringLiteral("dremio") << QStringLiteral("SELECT c.*, %1 FROM customers c").arg(sub);
    }

    void unaliasedNeedsTheEngine()
    {
        QFETCH(QString, dialect);
        QFETCH(QString, sql);
        AnalysisText declined;
        QVERIFY(!SqlRewriter::correlatedScalarToJoin(sql, dialectNamed(dialect), &declined));
        QCOMPARE(declined.toString(), why(ScalarSubqueryDecorrelator::ColumnName));
    }

    void moreDeclinesWithTheirReason_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("reason");
        QTest::newRow("two aggregates") << QStringLiteral(
            "SELECT c.id, (SELECT MAX(o.total) - MIN(o.total) FROM orders o WHERE o.cid = c.id) AS t FROM customers c")
                                        << why(ScalarSubqueryDecorrelator::NotAggregate);
        QTest::newRow("a function outside the allowed constants") << QStringLiteral(
            "SELECT c.id, (SELECT TO_CHAR(MAX(o.day), 'YYYY') FROM orders o WHERE o.cid = c.id) AS "
            "t FROM customers c") << why(ScalarSubqueryDecorrelator::NotAggregate);
        QTest::newRow("outer condition through a function") << QStringLiteral(
            "SELECT c.id, (SELECT SUM(o.total) FROM orders o WHERE o.cid = c.id AND UPPER(c.name) = "
            "'X') AS t FROM customers c") << why(ScalarSubqueryDecorrelator::OuterReference);
        QTest::newRow("outer column inside the aggregate") << QStringLiteral(
            "SELECT c.id, (SELECT SUM(o.total * c.rate) FROM orders o WHERE o.cid = c.id) AS t FROM "
            "customers c") << why(ScalarSubqueryDecorrelator::OuterReference);
    }

    void moreDeclinesWithTheirReason()
    {
        QFETCH(QString, sql);
        QFETCH(QString, reason);
        AnalysisText declined;
        QVERIFY(!SqlRewriter::correlatedScalarToJoin(sql, SqlDialect::Postgres, &declined));
        QCOMPARE(declined.toString(), reason);
    }

    void detectorProposesTheRewrite()
    {
        const SubqueryRewriteDetector detector;
        Job job;
        job.jobId = QStringLiteral("j1");
        job.durationMs = 5000;
        job.sql = QStringLiteral(
            "SELECT c.id, (SELECT MAX(o.total) FROM orders o WHERE o.cid = c.id) AS best FROM customers c");
        const QVector<Finding> rewritable = dopt::test::detectStatement(detector, job);
        QCOMPARE(rewritable.size(), 1);
        QCOMPARE(rewritable[0].title, SubqueryRewriteDetector::scalarSubqueryTitle());
        QCOMPARE(rewritable[0].action, ActionKind::SqlRewrite);
        job.sql = QStringLiteral(
            "SELECT c.id, (SELECT MAX(o.total) FROM orders o WHERE o.cid = c.id AND o.day <= c.day) AS best FROM "
            "customers c");
        const QVector<Finding> declined = dopt::test::detectStatement(detector, job);
        QCOMPARE(declined.size(), 1);
        QCOMPARE(declined[0].action, ActionKind::Investigate);
        // The advice says why no rewrite comes with it.
        QVERIFY2(declined[0].recommendation.endsWith(
                     QStringLiteral("No exact rewrite: %1.").arg(why(ScalarSubqueryDecorrelator::OuterReference))),
            qPrintable(declined[0].recommendation));
        QVERIFY(declined[0].confidence < rewritable[0].confidence);

        // A statement with a NOT IN and a scalar subquery: two recommendations, each with its own rewrite.
        job.sql = QStringLiteral(
            "SELECT c.id, (SELECT MAX(o.total) FROM orders o WHERE o.cid = c.id) AS best FROM customers c WHERE c.id "
            "NOT IN (SELECT b.cid FROM blocked b)");
        const QVector<Finding> both = dopt::test::detectStatement(detector, job);
        QCOMPARE(both.size(), 2);
        const QVector<Recommendation> recs = RecommendationEngine::build(both, {}, WorkspaceFacts {});
        QCOMPARE(recs.size(), 2);
        QStringList kinds;
        for (const Recommendation& r : recs) {
            QCOMPARE(r.action, ActionKind::SqlRewrite);
            QCOMPARE(r.sqlBefore, job.sql);
            kinds << r.definition.value(QStringLiteral("rewrite")).toString();
            if (kinds.last() == QLatin1String("scalar_subquery_to_join")) {
                QCOMPARE(r.sqlAfter, SqlRewriter::correlatedScalarToJoin(job.sql)->after);
                QVERIFY(r.rationale.contains(QLatin1String("LEFT JOIN grouped by o.cid")));
            }
        }
        kinds.sort();
        QCOMPARE(
            kinds, (QStringList {QStringLiteral("not_in_to_not_exists"), QStringLiteral("scalar_subquery_to_join")}));
    }
};

QTEST_GUILESS_MAIN(TestScalarSubqueryRewrite)
#include "tst_scalarsubqueryrewrite.moc"
