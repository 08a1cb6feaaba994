// The correlated scalar subquery rewrite (SqlRewriter::correlatedScalarToJoin) on a real PostgreSQL
// server: original and rewritten statements return the same multiset of rows (values, NULLs, column
// names) on data with NULL keys and values, outer rows without a match, duplicate rows on both sides
// and groups whose values are all NULL; and a recommendation from a PostgreSQL statement goes through
// apply-and-measure (same row count and checksum, then timed runs).
#include "analysis/recommendationengine.h"
#include "analysis/subqueryrewritedetector.h"
#include "detectorcorpus.h"
#include "measure/measurementrequest.h"
#include "measure/postgresmeasurer.h"
#include "postgresserver.h"
#include "sources/postgres/pgconnection.h"
#include "sql/sqlrewriter.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QTest>

using namespace dopt;

namespace {

const QString Schema = QStringLiteral(
    "CREATE TABLE customers (id int, region text, name text, active boolean);"
    "INSERT INTO customers VALUES (1, 'eu', 'ann', true), (2, 'eu', 'bob', true), (2, 'us', 'bob2', false),"
    " (3, 'us', 'cy', true), (4, NULL, 'dee', true), (NULL, 'eu', 'nul', true), (5, 'apac', 'eve', NULL),"
    " (6, 'eu', 'fay', true), (6, 'eu', 'fay', true);"
    "CREATE TABLE orders (cid int, region text, total numeric(10, 2), status text, qty int);"
    "INSERT INTO orders VALUES (1, 'eu', 10.50, 'ok', 1), (1, 'eu', 10.50, 'ok', 1), (1, 'us', 7, 'void', 2),"
    " (2, 'eu', NULL, 'ok', 3), (2, 'us', 99.99, NULL, NULL), (3, 'us', NULL, 'ok', 1), (3, 'us', NULL, 'void', 1),"
    " (NULL, 'eu', 5, 'ok', 1), (NULL, NULL, 6, 'ok', 1), (42, 'eu', 1, 'ok', 1), (4, NULL, 3, 'ok', 1),"
    " (6, 'eu', 150, 'ok', 1);"
    "CREATE TABLE regions (code text, label text);"
    "INSERT INTO regions VALUES ('eu', 'Europe'), ('us', 'United States'), ('apac', 'Asia');"
    "CREATE SCHEMA \"Sales Space\";"
    "CREATE TABLE \"Sales Space\".\"orders 2025\" (\"Customer Id\" int, \"order total\" numeric, status text);"
    "INSERT INTO \"Sales Space\".\"orders 2025\" SELECT cid, total, status FROM orders;"
    "ANALYZE;");

/// The rows as sorted text lines (NULL distinct from ''), with the column names first: a multiset.
QStringList multiset(const PgResult& result)
{
    QStringList lines;
    for (const QStringList& row : result.rows) {
        QStringList values;
        for (const QString& value : row)
            values << (value.isNull() ? QStringLiteral("<NULL>") : QLatin1Char('\'') + value + QLatin1Char('\''));
        lines << values.join(QLatin1Char('|'));
    }
    lines.sort();
    lines.prepend(result.columns.join(QLatin1Char('|')));
    return lines;
}

} // namespace

class TestScalarSubqueryEquivalence : public QObject
{
    Q_OBJECT

private:
    dopt::test::PostgresServer m_server;
    QString m_url;
    PgConnection m_connection;

    /// The rewrite of sql applied until none is left (several subqueries are rewritten one at a time).
    static QString rewritten(const QString& sql, int* rewrites)
    {
        QString current = sql;
        *rewrites = 0;
        while (const auto rewrite = SqlRewriter::correlatedScalarToJoin(current, SqlDialect::Postgres)) {
            current = rewrite->after;
            ++*rewrites;
        }
        return current;
    }

    PgResult run(const QString& sql)
    {
        const PgResult result = m_connection.exec(sql);
        if (!result.ok)
            qWarning("%s: %s", qPrintable(sql), qPrintable(result.error));
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        if (!m_server.startWithDatabase(QStringLiteral("shop"), Schema, &m_url, &reason))
            QSKIP(qPrintable(reason));
        QVERIFY2(!m_url.isEmpty(), qPrintable(reason));
        QVERIFY2(m_connection.open(m_url, &reason), qPrintable(reason));
    }

    void sameRows_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<int>("subqueries");
        QTest::newRow("sum with a filter")
            << QStringLiteral("SELECT c.id, c.name, (SELECT SUM(o.total) FROM orders o WHERE o.cid = c.id AND "
                              "o.status = 'ok') AS ok_total FROM customers c")
            << 1;
        QTest::newRow("count(*) of nothing is 0") << QStringLiteral(
            "SELECT c.name, (SELECT COUNT(*) FROM orders o WHERE o.cid = c.id) AS n FROM customers c WHERE "
            "c.active") << 1;
        QTest::newRow("count of all-NULL values") << QStringLiteral(
            "SELECT c.name, (SELECT COUNT(o.total) FROM orders o WHERE o.cid = c.id) AS n FROM customers c")
                                                  << 1;
        QTest::newRow("avg between, ordered by the alias")
            << QStringLiteral("SELECT c.name, (SELECT AVG(o.total) FROM orders o WHERE o.cid = c.id AND o.total "
                              "BETWEEN 1 AND 100) AS avg_total FROM customers c ORDER BY avg_total DESC NULLS LAST")
            << 1;
        QTest::newRow("two keys across a left-joined outer table")
            << QStringLiteral("SELECT c.name, r.label, (SELECT MAX(o.total) FROM orders o WHERE o.cid = c.id AND "
                              "r.code = o.region) AS best FROM customers c LEFT JOIN regions r ON r.code = c.region")
            << 1;
        QTest::newRow("quoted paths, parenthesized OR") << QStringLiteral(
            "SELECT c.id, (SELECT MIN(o.\"order total\") FROM \"Sales Space\".\"orders 2025\" o "
            "WHERE o.\"Customer Id\" = c.id AND (o.status = 'ok' OR o.status IS NULL)) lowest FROM "
            "customers AS c") << 1;
        QTest::newRow("distinct outer, text key with NULLs") << QStringLiteral(
            "SELECT DISTINCT c.region, (SELECT COUNT(DISTINCT o.cid) FROM orders o WHERE o.region = "
            "c.region) AS buyers FROM customers c") << 1;
        QTest::newRow("two subqueries") << QStringLiteral(
            "SELECT c.id, (SELECT MAX(o.total) FROM orders o WHERE o.cid = c.id) AS best, (SELECT "
            "COUNT(*) FROM orders o WHERE o.cid = c.id AND o.qty > 1) AS big FROM customers c")
                                        << 2;
        QTest::newRow("unaliased inner table, outer filter") << QStringLiteral(
            "SELECT c.id, (SELECT SUM(orders.qty) FROM orders WHERE orders.cid = c.id) AS qty FROM "
            "customers c WHERE c.id IS NOT NULL") << 1;
        // Unaliased: the rewrite names the joined value as PostgreSQL names the subquery's column.
        QTest::newRow("unaliased max keeps the name max")
            << QStringLiteral("SELECT c.id, (SELECT MAX(o.total) FROM orders o WHERE o.cid = c.id) FROM customers c")
            << 1;
        QTest::newRow("unaliased count(*) keeps count, 0 for no order")
            << QStringLiteral("SELECT c.name, (SELECT COUNT(*) FROM orders o WHERE o.cid = c.id) FROM customers c")
            << 1;
        QTest::newRow("unaliased, inner alias") << QStringLiteral(
            "SELECT c.id, (SELECT AVG(o.qty) AS \"Avg Qty\" FROM orders o WHERE o.cid = c.id) FROM customers c")
                                                << 1;
        QTest::newRow("unaliased coalesce of a sum keeps coalesce") << QStringLiteral(
            "SELECT c.id, (SELECT COALESCE(SUM(o.total), -1) FROM orders o WHERE o.cid = c.id) FROM customers c")
                                                                    << 1;
        QTest::newRow("unaliased arithmetic keeps ?column?")
            << QStringLiteral("SELECT c.id, (SELECT MAX(o.qty) + 1 FROM orders o WHERE o.cid = c.id) FROM customers c")
            << 1;
        QTest::newRow("unaliased min and max, ordered by max")
            << QStringLiteral("SELECT c.id, (SELECT MIN(o.total) FROM orders o WHERE o.cid = c.id), (SELECT "
                              "MAX(o.qty) FROM orders o WHERE o.cid = c.id) FROM customers c ORDER BY max")
            << 2;
        QTest::newRow("count of nothing inside coalesce, in an expression") << QStringLiteral(
            "SELECT c.id, COALESCE((SELECT COUNT(o.total) FROM orders o WHERE o.cid = c.id), 0) + "
            "c.id AS score FROM customers c") << 1;
        QTest::newRow("unaliased expression around the subquery keeps its name") << QStringLiteral(
            "SELECT c.id, COALESCE((SELECT SUM(o.total) FROM orders o WHERE o.cid = c.id), 0) FROM "
            "customers c") << 1;
        QTest::newRow("filter clause, all-NULL and empty groups")
            << QStringLiteral("SELECT c.id, (SELECT COUNT(o.total) FILTER (WHERE o.status = 'ok') FROM orders o WHERE "
                              "o.cid = c.id) AS ok_orders, (SELECT SUM(o.total) FILTER (WHERE o.status IS NULL) FROM "
                              "orders o WHERE o.cid = c.id) AS unknown FROM customers c")
            << 2;
        QTest::newRow("distinct of the one row") << QStringLiteral(
            "SELECT c.id, (SELECT DISTINCT MAX(o.total) FROM orders o WHERE o.cid = c.id) AS best FROM customers c")
                                                 << 1;
        QTest::newRow("guard on a NULL-able outer boolean") << QStringLiteral(
            "SELECT c.id, (SELECT SUM(o.total) FROM orders o WHERE o.cid = c.id AND c.active) AS t FROM customers c")
                                                            << 1;
        QTest::newRow("guarded count with a NULL region") << QStringLiteral(
            "SELECT c.name, (SELECT COUNT(*) FROM orders o WHERE c.region = 'eu' AND o.cid = c.id "
            "AND o.qty >= 1) FROM customers c") << 1;
        QTest::newRow("guard between outer columns")
            << QStringLiteral("SELECT c.id, (SELECT MAX(o.total) FROM orders o WHERE o.cid = c.id AND c.id BETWEEN 2 "
                              "AND 5 AND c.region IS NOT NULL) AS best FROM customers c")
            << 1;
    }

    void sameRows()
    {
        QFETCH(QString, sql);
        QFETCH(int, subqueries);
        int rewrites = 0;
        const QString after = rewritten(sql, &rewrites);
        QCOMPARE(rewrites, subqueries);
        QVERIFY(!SqlRewriter::hasCorrelatedScalarSubquery(after));
        const PgResult original = run(sql);
        const PgResult joined = run(after);
        QVERIFY(original.ok && joined.ok);
        QVERIFY(original.rows.size() >= 3);
        QCOMPARE(multiset(joined), multiset(original));
        // What apply-and-measure compares: row count and the order-independent checksum.
        const PgTimedResult timedBefore = m_connection.execTimed(sql);
        const PgTimedResult timedAfter = m_connection.execTimed(after);
        QCOMPARE(timedAfter.rowCount, timedBefore.rowCount);
        QCOMPARE(timedAfter.checksum, timedBefore.checksum);
    }

    void comparisonCatchesTheMissingCoalesce()
    {
        // The data has customers without orders: the join without COALESCE (NULL instead of 0) differs,
        // so the comparison above can fail.
        const QString sql
            = QStringLiteral("SELECT c.name, (SELECT COUNT(*) FROM orders o WHERE o.cid = c.id) AS n FROM customers c");
        const auto rewrite = SqlRewriter::correlatedScalarToJoin(sql);
        QVERIFY(rewrite);
        QVERIFY(rewrite->after.contains(QLatin1String("COALESCE(s.n, 0)")));
        QString naive = rewrite->after;
        naive.replace(QLatin1String("COALESCE(s.n, 0)"), QLatin1String("s.n"));
        const PgResult original = run(sql);
        const PgResult wrong = run(naive);
        QVERIFY(original.ok && wrong.ok);
        QCOMPARE(wrong.rows.size(), original.rows.size());
        QVERIFY(multiset(wrong) != multiset(original));
        QVERIFY(m_connection.execTimed(naive).checksum != m_connection.execTimed(sql).checksum);
    }

    void lossyCastIsTheCaveat()
    {
        // What the caveat warns about (tokens carry no types): numeric = double compares through a cast
        // to double, so two numeric groups match one outer row and the rewrite returns an extra row. The
        // measure's row count and checksum check refuses such a rewrite.
        QVERIFY(run(QStringLiteral("CREATE TABLE fine (k numeric, v int); INSERT INTO fine VALUES (0.1, 1), "
                                   "(0.10000000000000000001, 2); CREATE TABLE coarse (k float8); INSERT INTO "
                                   "coarse VALUES (0.1);"))
                    .ok);
        const QString sql
            = QStringLiteral("SELECT c.k, (SELECT SUM(f.v) FROM fine f WHERE f.k = c.k) AS total FROM coarse c");
        const auto rewrite = SqlRewriter::correlatedScalarToJoin(sql);
        QVERIFY(rewrite);
        QVERIFY(rewrite->caveat.contains(QLatin1String("decimal = double")));
        QCOMPARE(run(sql).rows.size(), 1);
        QCOMPARE(run(rewrite->after).rows.size(), 2);
    }

    void recommendationIsMeasuredOnPostgres()
    {
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.open(dopt::test::tempDir() + QStringLiteral("/scalar.dopt"), &error), qPrintable(error));
        Job job;
        job.engine = QStringLiteral("postgresql");
        job.jobId = QStringLiteral("pg-1");
        job.durationMs = 4000;
        job.sql = QStringLiteral("SELECT c.id, c.name, (SELECT SUM(o.total) FROM orders o WHERE o.cid = c.id) AS "
                                 "spent FROM customers c");
        const QVector<Finding> findings = dopt::test::detectStatement(SubqueryRewriteDetector(), job);
        QCOMPARE(findings.size(), 1);
        const QVector<Recommendation> recs = RecommendationEngine::build(findings, {}, WorkspaceFacts {});
        QCOMPARE(recs.size(), 1);
        QCOMPARE(recs[0].engine, QStringLiteral("postgresql"));
        QCOMPARE(recs[0].action, ActionKind::SqlRewrite);

        std::optional<MeasurementRequest> request = MeasurementRequest::fromRecommendation(recs[0], &error);
        QVERIFY2(request, qPrintable(error));
        QCOMPARE(request->kind, MeasurementRequest::Kind::SqlRewrite);
        QCOMPARE(request->sqlBefore, job.sql);
        QCOMPARE(request->sqlAfter, SqlRewriter::correlatedScalarToJoin(job.sql)->after);
        request->url = m_url;
        request->runs = 3;
        request->warmupRuns = 1;
        QVERIFY2(request->validate(&error), qPrintable(error));
        const MeasurementResult result = PostgresMeasurer::measure(workspace.database(), *request);
        QVERIFY2(result.state == QLatin1String("done"), qPrintable(result.error));
        QVERIFY(result.verdict != QLatin1String("invalid"));
        QCOMPARE(result.rowsAfter, result.rowsBefore);
        QCOMPARE(result.rowsBefore.value_or(0), qint64(9));
        QCOMPARE(result.checksumAfter, result.checksumBefore);
        QVERIFY(result.planAfter.contains(QLatin1String("Join")));

        // The same statement from Dremio stays a Dremio recommendation (measured there, not here).
        job.engine = QStringLiteral("dremio");
        const QVector<Finding> dremio = dopt::test::detectStatement(SubqueryRewriteDetector(), job);
        QCOMPARE(RecommendationEngine::build(dremio, {}, WorkspaceFacts {})[0].engine, QStringLiteral("dremio"));
    }
};

QTEST_GUILESS_MAIN(TestScalarSubqueryEquivalence)
#include "tst_scalarsubqueryequivalence.moc"
