#include "postgresserver.h"
#include "profile/postgresplanparser.h"
#include "profile/postgrestextplan.h"
#include "sources/postgres/pgconnection.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace dopt;

/// Plans of a real PostgreSQL server in TEXT format read into the same profile tree as the same
/// statement's FORMAT JSON plan: operators, relations, shape, details, costs and (for deterministic
/// statements) actual rows and loops.
class TestPostgresTextPlan : public QObject
{
    Q_OBJECT

private:
    dopt::test::PostgresServer m_server;
    QString m_url;
    PgConnection m_connection;
    int m_nodesCompared = 0;
    int m_linesRead = 0;
    QSet<QString> m_types;

    void run(const QString& sql)
    {
        const PgResult result = m_connection.exec(sql);
        QVERIFY2(result.ok, qPrintable(sql + QStringLiteral(": ") + result.error));
    }

    // EXPLAIN's output lines in format (TEXT or JSON).
    QString explain(const QString& sql, const QString& options, const QString& format)
    {
        const PgResult result
            = m_connection.exec(QStringLiteral("EXPLAIN (%1, FORMAT %2) %3").arg(options, format, sql));
        [&] { QVERIFY2(result.ok, qPrintable(result.error)); }();
        QStringList lines;
        for (const QStringList& row : result.rows)
            lines.append(row.value(0));
        return lines.join(QLatin1Char('\n'));
    }

    // Explains sql in both formats and compares the trees node by node. actualFigures: compare the
    // actual rows and loops too (not for parallel plans, whose workers split the rows differently).
    void compare(const QString& sql, const QString& options = QStringLiteral("ANALYZE, BUFFERS"),
        bool actualFigures = true, const QStringList& expectedTypes = {})
    {
        const QString text = explain(sql, options, QStringLiteral("TEXT"));
        ParsedProfile json;
        QString error;
        QVERIFY2(PostgresPlanParser::parse(explain(sql, options, QStringLiteral("JSON")).toUtf8(), &json, &error),
            qPrintable(error));
        ParsedProfile fromText;
        QVERIFY2(PostgresTextPlan::parse(text, &fromText, &error), qPrintable(error + u'\n' + text));
        m_linesRead += int(text.count(QLatin1Char('\n')) + 1);
        const QString context = QStringLiteral("\n%1\n").arg(text);
        QCOMPARE(fromText.format, json.format);
        QCOMPARE(fromText.tree.nodes.size(), json.tree.nodes.size());
        for (qsizetype i = 0; i < json.tree.nodes.size(); ++i) {
            const PlanNode& expected = json.tree.nodes.at(i);
            const PlanNode& node = fromText.tree.nodes.at(i);
            const QString where = expected.key + u' ' + expected.typeName + context;
            QVERIFY2(node.typeName == expected.typeName, qPrintable(node.typeName + u" vs " + where));
            QVERIFY2(node.key == expected.key, qPrintable(where));
            QVERIFY2(node.parent == expected.parent, qPrintable(where));
            QVERIFY2(node.children == expected.children, qPrintable(where));
            QVERIFY2(node.detail == expected.detail, qPrintable(node.detail + u"\n  vs\n" + expected.detail + where));
            QVERIFY2(node.estimatedRows == expected.estimatedRows, qPrintable(where));
            for (const QString& metric : {QStringLiteral("total_cost"), QStringLiteral("startup_cost"),
                     QStringLiteral("width"), QStringLiteral("workers_planned"), QStringLiteral("parallel_aware")}) {
                QVERIFY2(node.metrics.value(metric) == expected.metrics.value(metric),
                    qPrintable(metric + u' ' + QString::number(node.metrics.value(metric)) + u" vs "
                        + QString::number(expected.metrics.value(metric)) + u' ' + where));
            }
            // Every figure the text gives is one the JSON gives (the JSON adds zero buffer counts).
            for (auto it = node.metrics.cbegin(); it != node.metrics.cend(); ++it)
                QVERIFY2(expected.metrics.contains(it.key()), qPrintable(it.key() + u' ' + where));
            if (actualFigures) {
                QVERIFY2(node.outputRecords == expected.outputRecords,
                    qPrintable(
                        QStringLiteral("%1 vs %2 rows ").arg(node.outputRecords).arg(expected.outputRecords) + where));
                for (const QString& metric : {QStringLiteral("loops"), QStringLiteral("rows_removed_by_filter"),
                         QStringLiteral("rows_removed_by_join_filter"), QStringLiteral("hash_buckets"),
                         QStringLiteral("hash_batches"), QStringLiteral("heap_fetches")}) {
                    QVERIFY2(node.metrics.value(metric) == expected.metrics.value(metric),
                        qPrintable(metric + u' ' + QString::number(node.metrics.value(metric)) + u" vs "
                            + QString::number(expected.metrics.value(metric)) + u' ' + where));
                }
            }
            m_types.insert(node.typeName + u' ' + PostgresPlanParser::detailField(node, QStringLiteral("Join Type"))
                + PostgresPlanParser::detailField(node, QStringLiteral("Strategy")));
            ++m_nodesCompared;
        }
        QCOMPARE(fromText.job.plannerCost, json.job.plannerCost);
        QCOMPARE(fromText.job.datasets, json.job.datasets);
        QCOMPARE(fromText.job.durationMs.has_value(), json.job.durationMs.has_value());
        if (actualFigures) {
            QCOMPARE(fromText.job.rowsReturned, json.job.rowsReturned);
            QCOMPARE(fromText.job.rowsScanned, json.job.rowsScanned);
        }
        QStringList types;
        for (const PlanNode& node : fromText.tree.nodes)
            types.append(node.typeName);
        for (const QString& type : expectedTypes)
            QVERIFY2(types.contains(type), qPrintable(type + u" not in " + types.join(u',') + context));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        if (!m_server.startWithDatabase(QStringLiteral("textplans"), QString(), &m_url, &reason))
            QSKIP(qPrintable(reason));
        QVERIFY2(!m_url.isEmpty(), qPrintable(reason));
        QVERIFY2(m_connection.open(m_url, &reason), qPrintable(reason));
        run(QStringLiteral(
            "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL, amount numeric NOT NULL, note text);"
            "INSERT INTO orders SELECT g, g % 2000, (g % 997) * 1.5, md5(g::text) FROM generate_series(1, 60000) g;"
            "CREATE INDEX orders_customer ON orders (customer_id);"
            "CREATE TABLE \"Customer Names\" (id int PRIMARY KEY, name text);"
            "INSERT INTO \"Customer Names\" SELECT g, 'c' || g FROM generate_series(0, 2999) g;"
            "SET jit = off"));
        run(QStringLiteral("VACUUM ANALYZE orders"));
        run(QStringLiteral("VACUUM ANALYZE \"Customer Names\""));
    }

    void joins()
    {
        compare(QStringLiteral("SELECT o.id, c.name FROM orders o JOIN \"Customer Names\" c ON c.id = o.customer_id "
                               "WHERE o.amount < 30"),
            QStringLiteral("ANALYZE, BUFFERS"), true, {QStringLiteral("Hash Join"), QStringLiteral("Hash")});
        compare(QStringLiteral("SELECT c.id, o.id FROM \"Customer Names\" c LEFT JOIN orders o "
                               "ON o.customer_id = c.id AND o.amount > 1400"));
        compare(QStringLiteral("SELECT * FROM \"Customer Names\" c WHERE NOT EXISTS "
                               "(SELECT 1 FROM orders o WHERE o.customer_id = c.id)"));
        run(QStringLiteral("SET enable_hashjoin = off; SET enable_mergejoin = off"));
        compare(QStringLiteral("SELECT o.id FROM \"Customer Names\" c JOIN orders o ON o.customer_id = c.id "
                               "WHERE c.id < 5"),
            QStringLiteral("ANALYZE, BUFFERS"), true, {QStringLiteral("Nested Loop")});
        run(QStringLiteral("RESET enable_mergejoin; SET enable_nestloop = off"));
        compare(QStringLiteral("SELECT o.id FROM \"Customer Names\" c JOIN orders o ON o.customer_id = c.id "
                               "WHERE c.id < 50"),
            QStringLiteral("ANALYZE, BUFFERS"), true, {QStringLiteral("Merge Join")});
        run(QStringLiteral("RESET enable_hashjoin; RESET enable_nestloop"));
    }

    void aggregatesSortsAndLimits()
    {
        compare(QStringLiteral("SELECT customer_id, sum(amount) FROM orders GROUP BY customer_id"),
            QStringLiteral("ANALYZE, BUFFERS"), true, {QStringLiteral("Aggregate")});
        run(QStringLiteral("SET enable_hashagg = off"));
        compare(QStringLiteral("SELECT customer_id % 7, count(*) FROM orders GROUP BY 1 ORDER BY 1"),
            QStringLiteral("ANALYZE, BUFFERS"), true, {QStringLiteral("Aggregate"), QStringLiteral("Sort")});
        run(QStringLiteral("RESET enable_hashagg"));
        compare(QStringLiteral("SELECT * FROM orders ORDER BY amount DESC, id LIMIT 10"),
            QStringLiteral("ANALYZE, BUFFERS"), true, {QStringLiteral("Limit"), QStringLiteral("Sort")});
        compare(QStringLiteral("SELECT * FROM orders ORDER BY id DESC LIMIT 5"), QStringLiteral("ANALYZE, BUFFERS"),
            true, {QStringLiteral("Index Scan")});
        compare(QStringLiteral("SELECT DISTINCT customer_id % 3 FROM orders"));
        compare(QStringLiteral("SELECT id FROM \"Customer Names\" INTERSECT SELECT customer_id FROM orders"));
    }

    void subplansInitPlansAndCtes()
    {
        compare(QStringLiteral("SELECT c.id, (SELECT max(amount) FROM orders o WHERE o.customer_id = c.id) "
                               "FROM \"Customer Names\" c WHERE c.id < 20"),
            QStringLiteral("ANALYZE, BUFFERS"), true, {QStringLiteral("Aggregate")});
        compare(QStringLiteral("SELECT count(*) FROM orders WHERE amount > (SELECT avg(amount) FROM orders)"));
        compare(QStringLiteral("WITH t AS MATERIALIZED (SELECT customer_id, count(*) AS n FROM orders GROUP BY 1) "
                               "SELECT * FROM t WHERE n > 5 UNION ALL SELECT * FROM t WHERE n < 2"),
            QStringLiteral("ANALYZE, BUFFERS"), true, {QStringLiteral("CTE Scan"), QStringLiteral("Append")});
        compare(QStringLiteral("SELECT * FROM (SELECT id, row_number() OVER (ORDER BY id) AS r FROM \"Customer Names\" "
                               "LIMIT 10) s WHERE r > 3"),
            QStringLiteral("ANALYZE, BUFFERS"), true, {QStringLiteral("Subquery Scan"), QStringLiteral("WindowAgg")});
        compare(QStringLiteral("SELECT * FROM generate_series(1, 10) g JOIN (VALUES (1, 'a'), (2, 'b')) v(n, s) "
                               "ON v.n = g"));
    }

    void neverExecutedBranch()
    {
        const QString sql = QStringLiteral("SELECT * FROM \"Customer Names\" c, LATERAL (SELECT * FROM orders o "
                                           "WHERE o.customer_id = c.id LIMIT 1) x WHERE c.id < 0");
        compare(sql);
        const QString text = explain(sql, QStringLiteral("ANALYZE"), QStringLiteral("TEXT"));
        QVERIFY2(text.contains(QLatin1String("(never executed)")), qPrintable(text));
    }

    void bitmapAndIndexOnlyScans()
    {
        run(QStringLiteral("SET enable_seqscan = off; SET enable_indexscan = off"));
        compare(QStringLiteral("SELECT count(note) FROM orders WHERE customer_id IN (3, 4) OR customer_id = 9"),
            QStringLiteral("ANALYZE, BUFFERS"), true,
            {QStringLiteral("Bitmap Heap Scan"), QStringLiteral("Bitmap Index Scan")});
        run(QStringLiteral("RESET enable_indexscan; SET enable_bitmapscan = off"));
        compare(QStringLiteral("SELECT customer_id FROM orders WHERE customer_id BETWEEN 10 AND 20"),
            QStringLiteral("ANALYZE, BUFFERS"), true, {QStringLiteral("Index Only Scan")});
        run(QStringLiteral("RESET enable_seqscan; RESET enable_bitmapscan"));
    }

    void parallelPlan()
    {
        run(QStringLiteral("SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; "
                           "SET min_parallel_table_scan_size = 0; SET max_parallel_workers_per_gather = 2"));
        compare(QStringLiteral("SELECT count(*) FROM orders WHERE note LIKE '%ab%'"),
            QStringLiteral("ANALYZE, BUFFERS"), false, {QStringLiteral("Gather"), QStringLiteral("Seq Scan")});
        compare(QStringLiteral("SELECT * FROM orders WHERE note LIKE '%ab%' ORDER BY amount"),
            QStringLiteral("ANALYZE, BUFFERS"), false, {QStringLiteral("Gather Merge")});
        run(QStringLiteral("RESET parallel_setup_cost; RESET parallel_tuple_cost; "
                           "RESET min_parallel_table_scan_size; RESET max_parallel_workers_per_gather"));
    }

    void withoutAnalyzeCostsOrTiming()
    {
        const QString join = QStringLiteral("SELECT o.id, c.name FROM orders o JOIN \"Customer Names\" c "
                                            "ON c.id = o.customer_id WHERE o.amount < 30 ORDER BY c.name");
        compare(join, QStringLiteral("VERBOSE"));
        compare(join, QStringLiteral("ANALYZE, TIMING OFF"));
        compare(join, QStringLiteral("COSTS OFF"));
        compare(join, QStringLiteral("ANALYZE, COSTS OFF, SUMMARY OFF"));
    }

    void psqlOutputAndAutoExplainQueryText()
    {
        const QString sql = QStringLiteral("SELECT count(*) FROM orders WHERE customer_id < 10");
        const QString text = explain(sql, QStringLiteral("ANALYZE"), QStringLiteral("TEXT"));
        // psql's aligned output: header, rule, a one-space margin and the row count.
        const QStringList lines = text.split(QLatin1Char('\n'));
        QString aligned = QStringLiteral("                QUERY PLAN\n-----------------------------------\n");
        for (const QString& line : lines)
            aligned += u' ' + line + u'\n';
        aligned += QStringLiteral("(%1 rows)\n").arg(lines.size());
        ParsedProfile fromPsql;
        ParsedProfile plain;
        QString error;
        QVERIFY2(PostgresTextPlan::parse(aligned, &fromPsql, &error), qPrintable(error));
        QVERIFY2(PostgresTextPlan::parse(text, &plain, &error), qPrintable(error));
        QCOMPARE(fromPsql.tree.nodes.size(), plain.tree.nodes.size());
        QCOMPARE(fromPsql.job.rowsScanned, plain.job.rowsScanned);
        QCOMPARE(fromPsql.job.durationMs, plain.job.durationMs);

        // auto_explain's layout: the query (over several lines) first.
        QJsonDocument document;
        int unread = -1;
        QVERIFY2(PostgresTextPlan::toJson(
                     QStringLiteral("Query Text: SELECT count(*)\n  FROM orders\n") + text, &document, &error, &unread),
            qPrintable(error));
        QCOMPARE(unread, 0);
        const QJsonObject top = document.array().at(0).toObject();
        QCOMPARE(top.value(QLatin1String("Query Text")).toString(), QStringLiteral("SELECT count(*)\n  FROM orders"));
        QVERIFY(top.value(QLatin1String("Execution Time")).toDouble() > 0);
        QVERIFY(top.contains(QLatin1String("Planning Time")));
    }

    void unknownLinesAreKeptAndNonPlansRefused()
    {
        const QString plan = QStringLiteral("Limit  (cost=0.00..1.00 rows=1 width=4)\n"
                                            "  Frobnication: level=3\n"
                                            "  something odd\n"
                                            "  ->  Teleport Scan on t  (cost=0.00..1.00 rows=1 width=4)\n"
                                            "Planning Time: 0.050 ms\n");
        QJsonDocument document;
        QString error;
        int unread = -1;
        QVERIFY2(PostgresTextPlan::toJson(plan, &document, &error, &unread), qPrintable(error));
        QCOMPARE(unread, 1);
        const QJsonObject limit = document.array().at(0).toObject().value(QLatin1String("Plan")).toObject();
        QCOMPARE(limit.value(QLatin1String("Node Type")).toString(), QStringLiteral("Limit"));
        QCOMPARE(limit.value(QLatin1String("Frobnication")).toString(), QStringLiteral("level=3"));
        QCOMPARE(
            limit.value(QLatin1String("Unread Lines")).toArray().first().toString(), QStringLiteral("something odd"));
        const QJsonObject child = limit.value(QLatin1String("Plans")).toArray().first().toObject();
        QCOMPARE(child.value(QLatin1String("Node Type")).toString(), QStringLiteral("Teleport Scan on t"));
        QCOMPARE(child.value(QLatin1String("Total Cost")).toDouble(), 1.0);

        int errorLine = -1;
        QVERIFY(!PostgresTextPlan::toJson(
            QStringLiteral("\nQUERY PLAN\n---\nhello world\n"), &document, &error, nullptr, &errorLine));
        QCOMPARE(error, QStringLiteral("not an EXPLAIN plan node: hello world"));
        QCOMPARE(errorLine, 4);
        QVERIFY(!PostgresTextPlan::toJson(QString(), &document, &error));
        QVERIFY(!error.isEmpty());
        // Figures past qint64's range saturate (no undefined behaviour in the profile).
        ParsedProfile huge;
        QVERIFY2(PostgresTextPlan::parse(QStringLiteral("Seq Scan on t  (cost=0.00..1%1 rows=9%1 width=4) (actual "
                                                        "time=0.1..1.0 rows=4%1 loops=1%1)")
                                             .arg(QString(30, QLatin1Char('0'))),
                     &huge, &error),
            qPrintable(error));
        QCOMPARE(huge.tree.nodes.size(), 1);
        QVERIFY(huge.tree.nodes.first().outputRecords > 0);
        // A plan nested past 256 levels keeps the deeper nodes as unread lines, and its JSON reads back.
        QString deep = QStringLiteral("Limit  (cost=0.00..1.00 rows=1 width=4)\n");
        for (int level = 1; level < 300; ++level)
            deep += QString(2 + 6 * (level - 1), QLatin1Char(' '))
                + QStringLiteral("->  Limit  (cost=0.00..1.00 rows=1 width=4)\n");
        QVERIFY2(PostgresTextPlan::toJson(deep, &document, &error, &unread), qPrintable(error));
        QCOMPARE(unread, 300 - 256);
        ParsedProfile deepProfile;
        QVERIFY2(PostgresPlanParser::parse(document.toJson(QJsonDocument::Compact), &deepProfile, &error),
            qPrintable(error));
        QCOMPARE(deepProfile.tree.nodes.size(), 256);
    }

    void labelsWorkersAndFiguresOfAWrittenPlan()
    {
        // A plan as auto_explain logs it, with what the server above did not show: InitPlan and SubPlan
        // labels, a hash that grew, a parallel never-executed bitmap branch, "Planning:" and "JIT:" blocks.
        const QString plan = QStringLiteral(
            "Query Text: select c.id, (select max(amount) from o where o.cid = c.id)\n"
            "  from c where c.id < (select avg(id) from c) order by 1 limit 5\n"
            "Limit  (cost=40.51..40.52 rows=5 width=36) (actual time=0.210..0.213 rows=5 loops=1)\n"
            "  Buffers: shared hit=12 read=3, temp read=1 written=2\n"
            "  InitPlan 1 (returns $0)\n"
            "    ->  Aggregate  (cost=20.00..20.01 rows=1 width=32) (actual time=0.050..0.051 rows=1 loops=1)\n"
            "          ->  Seq Scan on c c_1  (cost=0.00..17.50 rows=1000 width=4) (actual time=0.003..0.020 rows=1000 "
            "loops=1)\n"
            "  ->  Sort  (cost=20.50..20.51 rows=5 width=36) (actual time=0.208..0.209 rows=5 loops=1)\n"
            "        Sort Key: c.id\n"
            "        Sort Method: top-N heapsort  Memory: 25kB\n"
            "        ->  Hash Left Join  (cost=1.09..2.22 rows=3 width=8) (actual time=0.030..0.034 rows=3 loops=1)\n"
            "              Hash Cond: (c.id = o.cid)\n"
            "              Join Filter: (o.amount > 0)\n"
            "              Rows Removed by Join Filter: 7\n"
            "              ->  Index Only Scan using c_pkey on c  (cost=0.28..8.29 rows=1 width=4) (actual "
            "time=0.010..0.011 rows=4 loops=1)\n"
            "                    Index Cond: (id < $0)\n"
            "                    Heap Fetches: 0\n"
            "              ->  Hash  (cost=1.04..1.04 rows=4 width=4) (actual time=0.010..0.011 rows=4 loops=1)\n"
            "                    Buckets: 1024 (originally 512)  Batches: 2 (originally 1)  Memory Usage: 9kB\n"
            "                    ->  Parallel Bitmap Heap Scan on \"O rders\" o  (cost=4.3..9.9 rows=4 width=4) (never "
            "executed)\n"
            "                          Recheck Cond: (cid = ANY ('{1,2}'::integer[]))\n"
            "                          Heap Blocks: exact=3 lossy=1\n"
            "                          ->  Bitmap Index Scan on o_cid  (cost=0.00..4.3 rows=4 width=0) (never "
            "executed)\n"
            "                                Index Cond: (cid = ANY ('{1,2}'::integer[]))\n"
            "        SubPlan 2\n"
            "          ->  HashAggregate  (cost=8.30..8.31 rows=1 width=32) (actual rows=1 loops=5)\n"
            "                Group Key: o_1.cid, (o_1.amount * 2)\n"
            "                Batches: 1  Memory Usage: 24kB\n"
            "                ->  Index Scan Backward using o_cid on o o_1  (cost=0.28..8.29 rows=1 width=4) (actual "
            "time=0.001..0.001 rows=2 loops=5)\n"
            "                      Index Cond: (cid = c.id)\n"
            "Planning:\n"
            "  Buffers: shared hit=8\n"
            "Planning Time: 0.120 ms\n"
            "JIT:\n"
            "  Functions: 3\n"
            "Execution Time: 0.250 ms\n");
        QJsonDocument document;
        QString error;
        int unread = -1;
        QVERIFY2(PostgresTextPlan::toJson(plan, &document, &error, &unread), qPrintable(error));
        QCOMPARE(unread, 0);
        const QJsonObject top = document.array().at(0).toObject();
        QCOMPARE(top.value(QLatin1String("Planning Time")).toDouble(), 0.12);
        QCOMPARE(top.value(QLatin1String("Execution Time")).toDouble(), 0.25);
        QCOMPARE(
            top.value(QLatin1String("Planning")).toObject().value(QLatin1String("Shared Hit Blocks")).toDouble(), 8.0);
        QCOMPARE(top.value(QLatin1String("JIT")).toObject().value(QLatin1String("Functions")).toDouble(), 3.0);
        QVERIFY(top.value(QLatin1String("Query Text")).toString().endsWith(QLatin1String("order by 1 limit 5")));
        const QJsonObject limit = top.value(QLatin1String("Plan")).toObject();
        QCOMPARE(limit.value(QLatin1String("Temp Written Blocks")).toDouble(), 2.0);
        const QJsonArray limitPlans = limit.value(QLatin1String("Plans")).toArray();
        QCOMPARE(limitPlans.size(), 2);
        const QJsonObject initPlan = limitPlans.at(0).toObject();
        QCOMPARE(initPlan.value(QLatin1String("Subplan Name")).toString(), QStringLiteral("InitPlan 1 (returns $0)"));
        QCOMPARE(initPlan.value(QLatin1String("Parent Relationship")).toString(), QStringLiteral("InitPlan"));
        const QJsonObject sort = limitPlans.at(1).toObject();
        QCOMPARE(sort.value(QLatin1String("Parent Relationship")).toString(), QStringLiteral("Outer"));
        QCOMPARE(sort.value(QLatin1String("Sort Method")).toString(), QStringLiteral("top-N heapsort"));
        QCOMPARE(sort.value(QLatin1String("Sort Space Type")).toString(), QStringLiteral("Memory"));
        const QJsonArray sortPlans = sort.value(QLatin1String("Plans")).toArray();
        QCOMPARE(sortPlans.size(), 2);
        QCOMPARE(
            sortPlans.at(1).toObject().value(QLatin1String("Subplan Name")).toString(), QStringLiteral("SubPlan 2"));
        const QJsonObject join = sortPlans.at(0).toObject();
        QCOMPARE(join.value(QLatin1String("Join Type")).toString(), QStringLiteral("Left"));
        QCOMPARE(join.value(QLatin1String("Rows Removed by Join Filter")).toDouble(), 7.0);
        const QJsonObject hash = join.value(QLatin1String("Plans")).toArray().at(1).toObject();
        QCOMPARE(hash.value(QLatin1String("Parent Relationship")).toString(), QStringLiteral("Inner"));
        QCOMPARE(hash.value(QLatin1String("Hash Buckets")).toDouble(), 1024.0);
        QCOMPARE(hash.value(QLatin1String("Original Hash Buckets")).toDouble(), 512.0);
        QCOMPARE(hash.value(QLatin1String("Hash Batches")).toDouble(), 2.0);
        QCOMPARE(hash.value(QLatin1String("Peak Memory Usage")).toDouble(), 9.0);
        const QJsonObject bitmap = hash.value(QLatin1String("Plans")).toArray().at(0).toObject();
        QCOMPARE(bitmap.value(QLatin1String("Node Type")).toString(), QStringLiteral("Bitmap Heap Scan"));
        QCOMPARE(bitmap.value(QLatin1String("Parallel Aware")).toBool(), true);
        QCOMPARE(bitmap.value(QLatin1String("Relation Name")).toString(), QStringLiteral("O rders"));
        QCOMPARE(bitmap.value(QLatin1String("Actual Loops")).toDouble(), 0.0);
        QCOMPARE(bitmap.value(QLatin1String("Lossy Heap Blocks")).toDouble(), 1.0);

        ParsedProfile profile;
        QVERIFY2(PostgresPlanParser::parseDocument(document, &profile, &error), qPrintable(error));
        QCOMPARE(profile.tree.nodes.size(), 11);
        const PlanNode& aggregate = profile.tree.nodes.at(9);
        QCOMPARE(aggregate.typeName, QStringLiteral("Aggregate"));
        QCOMPARE(PostgresPlanParser::detailField(aggregate, QStringLiteral("Group Key")),
            QStringLiteral("o_1.cid, (o_1.amount * 2)"));
        QCOMPARE(aggregate.outputRecords, qint64(5)); // 1 row x 5 loops, read without timing
        QCOMPARE(aggregate.peakMemoryBytes, qint64(24 * 1024));
        const PlanNode& backward = profile.tree.nodes.at(10);
        QCOMPARE(PostgresPlanParser::detailField(backward, QStringLiteral("Index")), QString());
        QCOMPARE(PostgresPlanParser::detailField(backward, QStringLiteral("Index Name")), QStringLiteral("o_cid"));
        QCOMPARE(PostgresPlanParser::detailField(backward, QStringLiteral("Alias")), QStringLiteral("o_1"));
    }

    void cleanupTestCase()
    {
        qInfo("%d nodes of %d text plan lines read like FORMAT JSON; node types: %s", m_nodesCompared, m_linesRead,
            qPrintable(QStringList(m_types.cbegin(), m_types.cend()).join(QStringLiteral(", "))));
    }
};

QTEST_GUILESS_MAIN(TestPostgresTextPlan)
#include "tst_postgrestextplan.moc"
