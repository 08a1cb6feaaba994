#include "postgresserver.h"
#include "profile/postgresplanparser.h"
#include "sources/postgres/pgconnection.h"

#include <QTest>

using namespace dopt;

/// Plans produced by a real PostgreSQL server in the test, parsed into plan trees.
class TestPostgresPlanParser : public QObject
{
    Q_OBJECT

private:
    dopt::test::PostgresServer m_server;
    QString m_url;
    PgConnection m_connection;

    ParsedProfile explain(const QString& sql, const QString& options = QStringLiteral("ANALYZE, BUFFERS, FORMAT JSON"))
    {
        const PgResult result = m_connection.exec(QStringLiteral("EXPLAIN (%1) %2").arg(options, sql));
        [&] { QVERIFY2(result.ok, qPrintable(result.error)); }();
        ParsedProfile profile;
        QString error;
        const bool parsed = PostgresPlanParser::parse(result.value(0, 0).toUtf8(), &profile, &error);
        [&] { QVERIFY2(parsed, qPrintable(error)); }();
        return profile;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        if (!m_server.startWithDatabase(QStringLiteral("plans"), QString(), &m_url, &reason))
            QSKIP(qPrintable(reason));
        QVERIFY2(!m_url.isEmpty(), qPrintable(reason));
        QVERIFY2(m_connection.open(m_url, &reason), qPrintable(reason));
        const PgResult setup = m_connection.exec(QStringLiteral(
            "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL, amount numeric NOT NULL, note text);"
            "INSERT INTO orders SELECT g, g % 5000, (g % 997) * 1.5, md5(g::text) FROM generate_series(1, 200000) g;"
            "CREATE TABLE customers (id int PRIMARY KEY, name text);"
            "INSERT INTO customers SELECT g, 'c' || g FROM generate_series(0, 4999) g;"
            "ANALYZE orders; ANALYZE customers;"));
        QVERIFY2(setup.ok, qPrintable(setup.error));
    }

    void seqScanWithSelectiveFilter()
    {
        const ParsedProfile profile = explain(QStringLiteral("SELECT * FROM orders WHERE customer_id = 42"),
            QStringLiteral("ANALYZE, BUFFERS, VERBOSE, FORMAT JSON"));
        QCOMPARE(profile.format, QStringLiteral("postgres-explain-json"));
        QCOMPARE(profile.job.engine, QStringLiteral("postgres"));
        QCOMPARE(profile.tree.roots.size(), 1);
        const PlanNode* scan = nullptr;
        for (const PlanNode& node : profile.tree.nodes)
            if (node.typeName == QLatin1String("Seq Scan"))
                scan = &node;
        QVERIFY(scan);
        QCOMPARE(PostgresPlanParser::detailField(*scan, QStringLiteral("Relation")), QStringLiteral("public.orders"));
        QVERIFY(PostgresPlanParser::detailField(*scan, QStringLiteral("Filter"))
                    .contains(QLatin1String("customer_id = 42")));
        // 40 of 200,000 rows match: returned rows over all loops, the rest removed by the filter.
        QCOMPARE(scan->outputRecords, qint64(40));
        QVERIFY(qAbs(scan->inputRecords - 200000) <= scan->metrics.value(QStringLiteral("loops")));
        QVERIFY(scan->metrics.value(QStringLiteral("shared_hit_blocks"))
                + scan->metrics.value(QStringLiteral("shared_read_blocks"))
            > 0);
        QVERIFY(scan->estimatedRows > 0);
        QCOMPARE(profile.job.rowsReturned.value_or(-1), qint64(40));
        QVERIFY(profile.job.durationMs.has_value());
        QVERIFY(profile.job.datasets.contains(QStringLiteral("public.orders")));
    }

    void parallelWorkers()
    {
        QVERIFY(
            m_connection
                .exec(QStringLiteral("SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; "
                                     "SET min_parallel_table_scan_size = 0; SET max_parallel_workers_per_gather = 2"))
                .ok);
        const ParsedProfile profile = explain(QStringLiteral("SELECT count(*) FROM orders WHERE amount > 10"));
        QVERIFY(m_connection.exec(QStringLiteral("RESET ALL")).ok);
        const QVector<const PlanNode*> gathers = profile.tree.ofType(QStringLiteral("Gather"));
        QVERIFY2(!gathers.isEmpty(), qPrintable(profile.tree.toText()));
        QCOMPARE(gathers.first()->metrics.value(QStringLiteral("workers_planned")), qint64(2));
        const QVector<const PlanNode*> scans = profile.tree.ofType(QStringLiteral("Seq Scan"));
        QVERIFY(!scans.isEmpty());
        QCOMPARE(scans.first()->metrics.value(QStringLiteral("parallel_aware")), qint64(1));
        // Every row of the table passes through the scan whatever the number of workers.
        // (per-loop figures are rounded averages: the total is exact to within one row per loop)
        QVERIFY2(qAbs(scans.first()->inputRecords - 200000) <= scans.first()->metrics.value(QStringLiteral("loops")),
            qPrintable(QString::number(scans.first()->inputRecords)));
        QCOMPARE(
            scans.first()->threadCount, 1 + int(gathers.first()->metrics.value(QStringLiteral("workers_launched"))));
    }

    void sortSpillsToDisk()
    {
        QVERIFY(m_connection.exec(QStringLiteral("SET work_mem = '64kB'; SET max_parallel_workers_per_gather = 0")).ok);
        const ParsedProfile profile = explain(QStringLiteral("SELECT * FROM orders ORDER BY note"));
        QVERIFY(m_connection.exec(QStringLiteral("RESET ALL")).ok);
        const QVector<const PlanNode*> sorts = profile.tree.ofType(QStringLiteral("Sort"));
        QCOMPARE(sorts.size(), 1);
        const PlanNode* sort = sorts.first();
        QCOMPARE(PostgresPlanParser::detailField(*sort, QStringLiteral("Sort Space Type")), QStringLiteral("Disk"));
        QCOMPARE(sort->metrics.value(QStringLiteral("sort_disk")), qint64(1));
        QVERIFY(sort->spilledBytes > 1024 * 1024); // 200,000 rows with a 32-character text do not fit in 64 kB
        QVERIFY(sort->metrics.value(QStringLiteral("temp_written_blocks")) > 0);
        QCOMPARE(sort->outputRecords, qint64(200000));
        QCOMPARE(sort->children.size(), 1);
        QCOMPARE(profile.tree.nodes.at(sort->children.first()).parent, sort->index);
    }

    void hashJoinChildrenAndOwnTime()
    {
        QVERIFY(m_connection.exec(QStringLiteral("SET max_parallel_workers_per_gather = 0")).ok);
        const ParsedProfile profile = explain(QStringLiteral(
            "SELECT c.name, sum(o.amount) FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.name"));
        QVERIFY(m_connection.exec(QStringLiteral("RESET ALL")).ok);
        const QVector<const PlanNode*> joins = profile.tree.ofType(QStringLiteral("Hash Join"));
        QVERIFY2(joins.size() == 1, qPrintable(profile.tree.toText()));
        const PlanNode* join = joins.first();
        QCOMPARE(join->children.size(), 2);
        QVERIFY(
            PostgresPlanParser::detailField(*join, QStringLiteral("Hash Cond")).contains(QLatin1String("customer_id")));
        QCOMPARE(join->inputRecordsPerInput.size(), 2);
        QCOMPARE(join->outputRecords, qint64(200000));
        // Own times never exceed the statement and add up to at most its execution time.
        qint64 sumNs = 0;
        for (const PlanNode& node : profile.tree.nodes) {
            QVERIFY(node.processNs >= 0);
            sumNs += node.totalNs();
        }
        QVERIFY(sumNs > 0);
        QVERIFY(sumNs / 1e6 <= profile.job.durationMs.value_or(0) + 1.0);
        QCOMPARE(profile.tree.depthFirst().size(), profile.tree.size());
    }

    void planWithoutAnalyze()
    {
        const ParsedProfile profile
            = explain(QStringLiteral("SELECT * FROM orders WHERE id = 7"), QStringLiteral("FORMAT JSON"));
        const PlanNode& root = profile.tree.nodes.at(profile.tree.roots.first());
        QCOMPARE(root.typeName, QStringLiteral("Index Scan"));
        QCOMPARE(PostgresPlanParser::detailField(root, QStringLiteral("Index Name")), QStringLiteral("orders_pkey"));
        QCOMPARE(root.outputRecords, qint64(-1));
        QVERIFY(root.estimatedRows >= 1);
        QVERIFY(!profile.job.durationMs.has_value());
        QVERIFY(profile.job.plannerCost.value_or(0) > 0);
    }

    void subMillisecondExecutionKeepsItsFraction()
    {
        // EXPLAIN ANALYZE of a fast statement: planning plus execution is the job's duration, fraction kept.
        const QByteArray json("[{\"Plan\": {\"Node Type\": \"Result\", \"Total Cost\": 0.01, \"Plan Rows\": 1, "
                              "\"Actual Rows\": 1, \"Actual Loops\": 1}, \"Planning Time\": 0.052, "
                              "\"Execution Time\": 0.179}]");
        ParsedProfile profile;
        QString error;
        QVERIFY2(PostgresPlanParser::parse(json, &profile, &error), qPrintable(error));
        QVERIFY(profile.job.durationMs.has_value());
        QCOMPARE(*profile.job.durationMs, 0.231); // was 0
    }

    void rejectsWhatIsNotAPlan_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("Seq Scan on orders") << QStringLiteral("not JSON");
        QTest::newRow("no plan") << QByteArray("[{\"Planning Time\": 1}]") << QStringLiteral("no \"Plan\"");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("not JSON");
    }

    void rejectsWhatIsNotAPlan()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        ParsedProfile profile;
        QString error;
        QVERIFY(!PostgresPlanParser::parse(json, &profile, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestPostgresPlanParser)
#include "tst_postgresplanparser.moc"
