#include "analysis/analysisengine.h"
#include "analysis/analysisstore.h"
#include "analysis/recommendationstore.h"
#include "measure/measurementrequest.h"
#include "measure/postgresmeasurer.h"
#include "postgresserver.h"
#include "profile/postgresplanparser.h"
#include "sources/postgres/pgconnection.h"
#include "sources/postgres/pgexplaincollector.h"
#include "sources/postgres/pglogimporter.h"
#include "sources/postgres/postgrescollector.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QFile>
#include <QSqlQuery>
#include <QTest>

using namespace dopt;

namespace {
// The partition key wrapped in a function: all twelve monthly partitions are read.
const QString Wrapped
    = QStringLiteral("SELECT count(*), sum(amount) FROM events WHERE date_trunc('month', created) = '2024-03-01'");
// The same condition as a range on the key: one partition.
const QString Direct = QStringLiteral(
    "SELECT count(*), sum(amount) FROM events WHERE created >= '2024-05-01' AND created < '2024-06-01'");
} // namespace

/// partition_pruning on a real PostgreSQL partitioned table: the plan of a statement filtering on a
/// function of the partition key scans every partition (found, with a range rewrite that scans one);
/// the direct range prunes (not found).
class TestPgPartitionPruning : public QObject
{
    Q_OBJECT

private:
    dopt::test::PostgresServer m_server;
    QString m_url;
    PgConnection m_connection;

    int partitionsScanned(const QString& sql)
    {
        const PgResult explained = m_connection.exec(QStringLiteral("EXPLAIN (ANALYZE, FORMAT JSON) ") + sql);
        ParsedProfile profile;
        QString error;
        if (!explained.ok || !PostgresPlanParser::parse(explained.value(0, 0).toUtf8(), &profile, &error))
            return -1;
        int scans = 0;
        for (const PlanNode& node : profile.tree.nodes)
            scans += node.typeName.endsWith(QLatin1String("Scan")) ? 1 : 0;
        return scans;
    }

    /// Imports the server's csvlog once it holds three runs of the statement containing `marker`.
    void importLog(Workspace& workspace, const char* marker)
    {
        const QString log = m_server.dataDirectory() + QStringLiteral("/log/server.csv");
        const auto logged = [&log, marker] {
            QFile file(log);
            return file.open(QIODevice::ReadOnly) && file.readAll().count(marker) >= 3;
        };
        QTRY_VERIFY_WITH_TIMEOUT(logged(), 20000);
        const PgLogImportResult imported = PgLogImporter::importFile(workspace, log);
        QVERIFY2(imported.ok, qPrintable(imported.error));
    }

    /// The DDL of `table` (with `columns`, among them `key` and region) partitioned by month over
    /// January to April 2024, January to March sub-partitioned by region (eu, us, asia): 10 leaves.
    static QString monthThenRegionTable(const QString& table, const QString& columns, const QString& key)
    {
        QString setup = QStringLiteral("CREATE TABLE %1 (%2) PARTITION BY RANGE (%3);").arg(table, columns, key);
        for (int month = 1; month <= 3; ++month) {
            const QString name = QStringLiteral("%1_2024_%2").arg(table).arg(month, 2, 10, QLatin1Char('0'));
            setup += QStringLiteral("CREATE TABLE %1 PARTITION OF %2 FOR VALUES FROM ('2024-%3-01') TO "
                                    "('2024-%4-01') PARTITION BY LIST (region);")
                         .arg(name, table)
                         .arg(month, 2, 10, QLatin1Char('0'))
                         .arg(month + 1, 2, 10, QLatin1Char('0'));
            for (const char* region : {"eu", "us", "asia"})
                setup += QStringLiteral("CREATE TABLE %1_%2 PARTITION OF %1 FOR VALUES IN ('%2');")
                             .arg(name, QLatin1String(region));
        }
        return setup
            + QStringLiteral(
                "CREATE TABLE %1_2024_04 PARTITION OF %1 FOR VALUES FROM ('2024-04-01') TO ('2024-05-01');")
                  .arg(table);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString setup = QStringLiteral("ALTER DATABASE shop SET max_parallel_workers_per_gather = 0;"
                                       "CREATE TABLE events (id bigint, created timestamp NOT NULL, amount numeric) "
                                       "PARTITION BY RANGE (created);");
        for (int month = 1; month <= 12; ++month)
            setup += QStringLiteral("CREATE TABLE events_%1 PARTITION OF events FOR VALUES FROM ('2024-%1-01') TO "
                                    "('%2-%3-01');")
                         .arg(month, 2, 10, QLatin1Char('0'))
                         .arg(month == 12 ? 2025 : 2024)
                         .arg(month == 12 ? 1 : month + 1, 2, 10, QLatin1Char('0'));
        setup += QStringLiteral("INSERT INTO events SELECT g, timestamp '2024-01-01' + (g % 366) * interval '1 day' "
                                "+ (g % 86400) * interval '1 second', g % 100 FROM generate_series(1, 240000) g;"
                                "ANALYZE events;");
        QString reason;
        if (!m_server.startLogged(QStringLiteral("csvlog"), QStringLiteral("shop"), &m_url, &reason, setup))
            QSKIP(qPrintable(reason));
        QVERIFY2(!m_url.isEmpty(), qPrintable(reason));
        QVERIFY2(m_connection.open(m_url, &reason), qPrintable(reason));
        QString error;
        for (int i = 0; i < 3; ++i) {
            m_server.psql(QStringLiteral("shop"), Wrapped, &error);
            m_server.psql(QStringLiteral("shop"), Direct, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
    }

    void wrappedKeyScansEveryPartition()
    {
        QCOMPARE(partitionsScanned(Wrapped), 12);
        QCOMPARE(partitionsScanned(Direct), 1);

        Workspace workspace;
        QString error;
        QVERIFY2(workspace.open(dopt::test::tempDir() + QStringLiteral("/partitions.dopt"), &error), qPrintable(error));
        importLog(workspace, "created < '2024-06-01'");
        const PgCollectResult collected = PostgresCollector::collect(workspace, m_url, false);
        QVERIFY2(collected.ok, qPrintable(collected.error));
        PgExplainCollector::Options options;
        options.statements = 20;
        const PgExplainResult explained = PgExplainCollector::collect(workspace.database(), m_url, options);
        QVERIFY2(explained.ok && explained.explained >= 2, qPrintable(explained.error));
        AnalysisEngine engine(workspace);
        AnalysisSummary summary;
        QVERIFY2(engine.run(&summary, &error), qPrintable(error));

        const QVector<Finding> findings
            = AnalysisStore(workspace.database()).findings(QStringLiteral("partition_pruning"), &error);
        QVERIFY2(findings.size() == 1, qPrintable(QStringLiteral("%1 findings %2").arg(findings.size()).arg(error)));
        const Finding& finding = findings.first();
        QVERIFY2(finding.sql.contains(QLatin1String("date_trunc")), qPrintable(finding.sql));
        QCOMPARE(finding.evidenceValue(QStringLiteral("partitions_scanned")).value_or(0), 12);
        QCOMPARE(finding.evidenceValue(QStringLiteral("partitions_with_rows")).value_or(0), 1);
        // The table's total comes from the catalog (pg_inherits), not from the plan.
        QCOMPARE(finding.evidenceValue(QStringLiteral("partitions_total")).value_or(0), 12);
        QVERIFY2(finding.title.contains(QLatin1String("scanned 12 of the table's 12 partitions")),
            qPrintable(finding.title));
        QSqlQuery catalog(workspace.database());
        QVERIFY(catalog.exec(QStringLiteral("SELECT partition_count FROM pg_tables WHERE table_name = 'events'"))
            && catalog.next());
        QCOMPARE(catalog.value(0).toInt(), 12);
        QVERIFY(catalog.exec(QStringLiteral("SELECT parent_table FROM pg_tables WHERE table_name = 'events_03'"))
            && catalog.next());
        QCOMPARE(catalog.value(0).toString(), QStringLiteral("public.events"));
        QVERIFY(finding.evidenceValue(QStringLiteral("filter_selectivity")).value_or(1) < 0.1);

        RecommendationFilter recommendationFilter;
        recommendationFilter.detector = QStringLiteral("partition_pruning");
        const QVector<Recommendation> found
            = RecommendationStore(workspace.database()).list(recommendationFilter, &error);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().engine, QStringLiteral("postgresql"));
        QCOMPARE(found.first().dataset, QStringLiteral("events"));
        // The range rewrite reads one partition and returns the same rows.
        const QString rewritten = found.first().sqlAfter;
        QVERIFY2(!rewritten.isEmpty(), qPrintable(found.first().rationale));
        QCOMPARE(partitionsScanned(rewritten), 1);
        QCOMPARE(m_connection.exec(rewritten).rows, m_connection.exec(Wrapped).rows);
        qInfo("%s", qPrintable(rewritten));

        // Apply & measure takes the rewrite: before and after interleaved, same result checked.
        std::optional<MeasurementRequest> request = MeasurementRequest::fromRecommendation(found.first(), &error);
        QVERIFY2(request.has_value(), qPrintable(error));
        QCOMPARE(request->kind, MeasurementRequest::Kind::SqlRewrite);
        QCOMPARE(request->sqlAfter, rewritten);
        request->url = m_url;
        request->runs = 3;
        request->warmupRuns = 1;
        const MeasurementResult measured = PostgresMeasurer::measure(workspace.database(), *request);
        QVERIFY2(measured.state == QLatin1String("done"), qPrintable(measured.error));
        QCOMPARE(measured.checksumBefore, measured.checksumAfter);
        QVERIFY(!measured.verdict.isEmpty() && measured.verdict != QLatin1String("invalid"));
    }
    /// A two-level partitioned table (by month, then by region for three of its four months): the
    /// catalog counts the root's leaves (10, not its 4 direct partitions) and sums sizes and rows over
    /// the leaves only; the finding names the root's total.
    void subPartitionedTableCountsLeaves()
    {
        QString error;
        QString setup = monthThenRegionTable(QStringLiteral("orders"),
            QStringLiteral("id bigint, created timestamp NOT NULL, region text NOT NULL, amount numeric"),
            QStringLiteral("created"));
        setup += QStringLiteral(
            // 121 days x 100 rows, regions in turn.
            "INSERT INTO orders SELECT g, timestamp '2024-01-01' + (g % 121) * interval '1 day', "
            "(ARRAY['eu', 'us', 'asia'])[1 + g % 3], g % 50 FROM generate_series(0, 12099) g;"
            "ANALYZE orders;");
        m_server.psql(QStringLiteral("shop"), setup, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QString wrapped
            = QStringLiteral("SELECT count(*) FROM orders WHERE date_trunc('day', created) = '2024-02-10'");
        QCOMPARE(partitionsScanned(wrapped), 10);
        for (int i = 0; i < 3; ++i) {
            m_server.psql(QStringLiteral("shop"), wrapped, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }

        Workspace workspace;
        QVERIFY2(
            workspace.open(dopt::test::tempDir() + QStringLiteral("/subpartitions.dopt"), &error), qPrintable(error));
        const PgCollectResult collected = PostgresCollector::collect(workspace, m_url, false);
        QVERIFY2(collected.ok, qPrintable(collected.error));
        QSqlQuery catalog(workspace.database());
        const auto value = [&catalog](const QString& sql) {
            return catalog.exec(sql) && catalog.next() ? catalog.value(0) : QVariant();
        };
        const auto tableValue = [&value](const char* column, const char* table) {
            return value(QStringLiteral("SELECT %1 FROM pg_tables WHERE table_name = '%2'")
                             .arg(QLatin1String(column), QLatin1String(table)));
        };
        QCOMPARE(tableValue("partition_count", "orders").toInt(), 10);
        QCOMPARE(tableValue("partition_count", "orders_2024_02").toInt(), 3);
        QCOMPARE(tableValue("partition_count", "orders_2024_04").toInt(), 0);
        QCOMPARE(tableValue("parent_table", "orders_2024_02").toString(), QStringLiteral("public.orders"));
        QCOMPARE(tableValue("parent_table", "orders_2024_02_eu").toString(), QStringLiteral("public.orders_2024_02"));
        // Sizes and rows of the leaves only: the intermediate tables are not added again.
        const qint64 leafBytes = value(QStringLiteral("SELECT sum(size_bytes) FROM pg_tables WHERE partitioned = 0 "
                                                      "AND table_name LIKE 'orders\\_%' ESCAPE '\\'"))
                                     .toLongLong();
        QVERIFY(leafBytes > 0);
        QCOMPARE(tableValue("size_bytes", "orders").toLongLong(), leafBytes);
        QCOMPARE(tableValue("row_estimate", "orders").toLongLong(), 12100);
        QCOMPARE(tableValue("size_bytes", "orders_2024_02").toLongLong(),
            value(QStringLiteral("SELECT sum(size_bytes) FROM pg_tables WHERE parent_table = 'public.orders_2024_02'"))
                .toLongLong());
        QCOMPARE(tableValue("row_estimate", "orders_2024_02").toLongLong(), 29 * 100);

        // The finding counts against the root's leaves.
        importLog(workspace, "= '2024-02-10'");
        PgExplainCollector::Options options;
        options.statements = 30;
        const PgExplainResult explained = PgExplainCollector::collect(workspace.database(), m_url, options);
        QVERIFY2(explained.ok, qPrintable(explained.error));
        AnalysisEngine engine(workspace);
        AnalysisSummary summary;
        QVERIFY2(engine.run(&summary, &error), qPrintable(error));
        int found = 0;
        for (const Finding& finding :
            AnalysisStore(workspace.database()).findings(QStringLiteral("partition_pruning"), &error)) {
            if (!finding.sql.contains(QLatin1String("FROM orders")))
                continue;
            ++found;
            QCOMPARE(finding.evidenceValue(QStringLiteral("partitions_scanned")).value_or(0), 10);
            QCOMPARE(finding.evidenceValue(QStringLiteral("partitions_total")).value_or(0), 10);
            QVERIFY2(finding.title.contains(QLatin1String("scanned 10 of the table's 10 partitions")),
                qPrintable(finding.title));
        }
        QCOMPARE(found, 1);
    }

    /// Activity counters of a table partitioned by month then by region: PostgreSQL counts scans and
    /// row changes on the leaves, so the catalog sums them over the leaves at every level, and an index
    /// on the partitioned table gets its leaf indexes' scans. The workload runs on one session, which
    /// then forces its statistics out (pg_stat_force_next_flush), so the figures do not depend on time.
    void partitionedTableActivityIsSummedOverLeaves()
    {
        QString error;
        QString setup = monthThenRegionTable(QStringLiteral("visits"),
            QStringLiteral("id bigint, day date NOT NULL, region text NOT NULL, customer int, amount int"),
            QStringLiteral("day"));
        setup += QStringLiteral("CREATE INDEX visits_customer ON visits (customer);"
                                "CREATE INDEX visits_amount_unused ON visits (amount);");
        m_server.psql(QStringLiteral("shop"), setup, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        // The workload, on one session: 12,100 rows inserted, some updated and deleted, scans of both kinds.
        const auto run = [this](const QString& sql) {
            const PgResult result = m_connection.exec(sql);
            if (!result.ok)
                qWarning("%s: %s", qPrintable(sql), qPrintable(result.error));
            return result;
        };
        QVERIFY(run(QStringLiteral("INSERT INTO visits SELECT g, date '2024-01-01' + (g % 121), "
                                   "(ARRAY['eu', 'us', 'asia'])[1 + g % 3], g % 500, g % 50 "
                                   "FROM generate_series(0, 12099) g"))
                    .ok);
        QVERIFY(run(QStringLiteral("ANALYZE visits")).ok);
        const PgResult updated
            = run(QStringLiteral("UPDATE visits SET amount = amount + 1 WHERE region = 'eu' AND day < '2024-02-01'"));
        QVERIFY(updated.ok && updated.affectedRows > 0);
        const PgResult deleted = run(QStringLiteral("DELETE FROM visits WHERE id % 100 = 0"));
        QCOMPARE(deleted.affectedRows, 121);
        for (int i = 0; i < 2; ++i)
            QVERIFY(run(QStringLiteral("SELECT count(*) FROM visits WHERE id > 10")).ok);
        QVERIFY(run(QStringLiteral("SET enable_seqscan = off")).ok);
        QVERIFY(run(QStringLiteral("SET enable_bitmapscan = off")).ok);
        QVERIFY(run(QStringLiteral("SELECT count(*) FROM visits WHERE customer = 7")).ok);
        QVERIFY(run(QStringLiteral("RESET ALL")).ok);
        QVERIFY(run(QStringLiteral("SELECT pg_stat_force_next_flush()")).ok);
        QVERIFY(run(QStringLiteral("SELECT 1")).ok);

        Workspace workspace;
        QVERIFY2(workspace.open(dopt::test::tempDir() + QStringLiteral("/activity.dopt"), &error), qPrintable(error));
        const PgCollectResult collected = PostgresCollector::collect(workspace, m_url); // with the index advisor
        QVERIFY2(collected.ok, qPrintable(collected.error));
        QSqlQuery catalog(workspace.database());
        const auto value = [&catalog](const QString& sql) {
            return catalog.exec(sql) && catalog.next() ? catalog.value(0).toLongLong() : -1;
        };
        const QStringList counters
            = {QStringLiteral("seq_scan"), QStringLiteral("seq_tup_read"), QStringLiteral("idx_scan"),
                QStringLiteral("n_tup_ins"), QStringLiteral("n_tup_upd"), QStringLiteral("n_tup_del")};
        for (const QString& counter : counters) {
            const qint64 root
                = value(QStringLiteral("SELECT %1 FROM pg_tables WHERE table_name = 'visits'").arg(counter));
            const qint64 leaves = value(QStringLiteral("SELECT sum(%1) FROM pg_tables WHERE partitioned = 0 AND "
                                                       "table_name LIKE 'visits\\_%' ESCAPE '\\'")
                                            .arg(counter));
            QVERIFY2(root > 0 && root == leaves,
                qPrintable(QStringLiteral("%1: root %2, leaves %3").arg(counter).arg(root).arg(leaves)));
            // An intermediate level sums its own leaves only.
            QCOMPARE(value(QStringLiteral("SELECT %1 FROM pg_tables WHERE table_name = 'visits_2024_02'").arg(counter)),
                value(QStringLiteral("SELECT sum(%1) FROM pg_tables WHERE parent_table = 'public.visits_2024_02'")
                          .arg(counter)));
        }
        QCOMPARE(value(QStringLiteral("SELECT n_tup_ins FROM pg_tables WHERE table_name = 'visits'")), 12100);
        QCOMPARE(
            value(QStringLiteral("SELECT n_tup_upd FROM pg_tables WHERE table_name = 'visits'")), updated.affectedRows);
        QCOMPARE(value(QStringLiteral("SELECT n_tup_del FROM pg_tables WHERE table_name = 'visits'")), 121);
        QCOMPARE(value(QStringLiteral("SELECT n_tup_upd FROM pg_tables WHERE table_name = 'visits_2024_01'")),
            updated.affectedRows);
        QCOMPARE(value(QStringLiteral("SELECT n_tup_upd FROM pg_tables WHERE table_name = 'visits_2024_02'")), 0);
        // The same figures as the leaves' own rows in pg_stat_user_tables (read after the collection).
        const PgResult leafStats = m_connection.exec(QStringLiteral(
            "SELECT sum(seq_scan), sum(n_tup_ins), sum(n_tup_del) FROM pg_stat_user_tables s JOIN pg_class c "
            "ON c.oid = s.relid WHERE c.relispartition AND c.relkind = 'r' AND s.relname LIKE 'visits%'"));
        QVERIFY2(leafStats.ok, qPrintable(leafStats.error));
        QCOMPARE(value(QStringLiteral("SELECT seq_scan FROM pg_tables WHERE table_name = 'visits'")),
            leafStats.value(0, 0).toLongLong());
        QCOMPARE(leafStats.value(0, 1).toLongLong(), 12100);

        // The partitioned table's indexes are listed, with the scans and sizes of their 10 leaf indexes.
        const qint64 customerScans
            = value(QStringLiteral("SELECT idx_scan FROM pg_indexes WHERE index_name = 'visits_customer'"));
        QVERIFY(customerScans > 0);
        QCOMPARE(customerScans,
            value(QStringLiteral("SELECT sum(idx_scan) FROM pg_indexes WHERE table_name LIKE 'visits\\_%' ESCAPE "
                                 "'\\' AND definition LIKE '%(customer)' AND definition NOT LIKE '% ON ONLY %'")));
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM pg_indexes WHERE table_name LIKE 'visits\\_%' ESCAPE "
                                      "'\\' AND definition LIKE '%(amount)' AND definition NOT LIKE '% ON ONLY %'")),
            10);
        QCOMPARE(value(QStringLiteral("SELECT size_bytes FROM pg_indexes WHERE index_name = 'visits_amount_unused'")),
            value(QStringLiteral("SELECT sum(size_bytes) FROM pg_indexes WHERE table_name LIKE 'visits\\_%' ESCAPE "
                                 "'\\' AND definition LIKE '%(amount)' AND definition NOT LIKE '% ON ONLY %'")));
        QCOMPARE(value(QStringLiteral("SELECT idx_scan FROM pg_indexes WHERE index_name = 'visits_amount_unused'")), 0);

        // unused_index proposes the partitioned index once (not each partition's), in a form PostgreSQL runs.
        RecommendationFilter filter;
        filter.detector = QStringLiteral("unused_index");
        QVector<Recommendation> unused;
        for (const Recommendation& found : RecommendationStore(workspace.database()).list(filter, &error))
            if (found.applyStatements.value(0).contains(QLatin1String("visits")))
                unused.append(found);
        QCOMPARE(unused.size(), 1);
        QCOMPARE(unused.first().applyStatements,
            QStringList {QStringLiteral("DROP INDEX IF EXISTS public.visits_amount_unused")});
        QCOMPARE(unused.first().undoStatements.value(0),
            QStringLiteral("CREATE INDEX IF NOT EXISTS visits_amount_unused ON public.visits USING btree (amount)"));
        const QString leafIndexes = QStringLiteral(
            "SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = "
            "to_regclass('public.visits_amount_unused')");
        QVERIFY(run(unused.first().applyStatements.value(0)).ok);
        QVERIFY(run(QStringLiteral("SELECT to_regclass('public.visits_amount_unused')")).value(0, 0).isEmpty());
        QVERIFY(run(unused.first().undoStatements.value(0)).ok);
        // Recreated on the partitioned table: attached again to its 4 direct partitions' indexes.
        QCOMPARE(run(leafIndexes).value(0, 0).toInt(), 4);
    }
};

QTEST_GUILESS_MAIN(TestPgPartitionPruning)
#include "tst_pgpartitionpruning.moc"
