#include "analysis/postgresindexadvisor.h"
#include "analysis/recommendationstore.h"
#include "measure/readonlystatement.h"
#include "pgstatements.h"
#include "postgresserver.h"
#include "sources/postgres/pgconnection.h"
#include "sources/postgres/postgrescollector.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QJsonArray>
#include <QTest>

using namespace dopt;

/// The index advisor against a real server with hypopg, from pg_stat_statements alone (no logs):
/// generic plans of $n statements, values for the measured statement from pg_stats, thresholds.
class TestPostgresIndexAdvisor : public QObject
{
    Q_OBJECT

private:
    dopt::test::PostgresServer m_server;
    QString m_url;
    PgConnection m_connection;

    void run(const QString& sql, const QStringList& parameters = {})
    {
        test::execOrFail(m_connection, sql, parameters);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        if (!m_server.startWithDatabase(QStringLiteral("shop"), QString(), &m_url, &reason))
            QSKIP(qPrintable(reason));
        QVERIFY2(!m_url.isEmpty(), qPrintable(reason));
        QVERIFY2(m_connection.open(m_url, &reason), qPrintable(reason));
        run(QStringLiteral("CREATE EXTENSION pg_stat_statements"));
        run(QStringLiteral("CREATE EXTENSION hypopg"));
        run(QStringLiteral(
            "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL, region text, total numeric)"));
        run(QStringLiteral(
            "INSERT INTO orders SELECT g, g % 20000, 'r' || (g % 4), g % 500 FROM generate_series(1, 200000) g"));
        run(QStringLiteral("CREATE TABLE small (id int, code text)"));
        run(QStringLiteral("INSERT INTO small SELECT g, 'c' || g FROM generate_series(1, 500) g"));
        run(QStringLiteral("ANALYZE"));
    }

    void filterColumns_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QStringList>("columns");
        QTest::newRow("equality") << QStringLiteral("(customer_id = 42)")
                                  << QStringList {QStringLiteral("customer_id")};
        QTest::newRow("qualified") << QStringLiteral("(orders.customer_id = $1)")
                                   << QStringList {QStringLiteral("customer_id")};
        QTest::newRow("equality first") << QStringLiteral("((total > '10'::numeric) AND (region = 'r1'::text))")
                                        << QStringList {QStringLiteral("region"), QStringLiteral("total")};
        QTest::newRow("any") << QStringLiteral("(customer_id = ANY ('{1,2}'::integer[]))")
                             << QStringList {QStringLiteral("customer_id")};
        QTest::newRow("not equal ignored") << QStringLiteral("(region <> 'r1'::text)") << QStringList {};
        QTest::newRow("at most two") << QStringLiteral("((a = 1) AND (b = 2) AND (c = 3))")
                                     << QStringList {QStringLiteral("a"), QStringLiteral("b")};
    }

    void filterColumns()
    {
        QFETCH(QString, filter);
        QFETCH(QStringList, columns);
        QCOMPARE(PostgresIndexAdvisor::filterColumns(filter), columns);
    }

    void genericPlansAndValuesFromStatistics()
    {
        run(QStringLiteral("SELECT pg_stat_statements_reset()"));
        // Extended protocol: pg_stat_statements keeps "$1", the workspace has no logged values.
        for (int i = 0; i < 20; ++i) {
            run(QStringLiteral("SELECT id, total FROM orders WHERE customer_id = $1"), {QString::number(i)});
            run(QStringLiteral("SELECT * FROM small WHERE code = $1"), {QStringLiteral("c%1").arg(i)});
            run(QStringLiteral("SELECT id FROM orders WHERE region = $1"), {QStringLiteral("r1")});
        }
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.open(dopt::test::tempDir() + QStringLiteral("/advisor.dopt"), &error), qPrintable(error));
        const PgCollectResult result = PostgresCollector::collect(workspace, m_url);
        QVERIFY2(result.ok, qPrintable(result.error));
        QVERIFY2(result.advice.plansExplained >= 3, qPrintable(result.warnings.join(u'\n')));

        RecommendationFilter filter;
        filter.detector = QStringLiteral("missing_index");
        const QVector<Recommendation> found = RecommendationStore(workspace.database()).list(filter, &error);
        // Only the selective filter on the large table: not the small table, not a filter keeping a quarter.
        QCOMPARE(found.size(), 1);
        const Recommendation& recommendation = found.first();
        QCOMPARE(recommendation.dataset, QStringLiteral("public.orders"));
        QCOMPARE(recommendation.engine, QStringLiteral("postgresql"));
        QCOMPARE(recommendation.definition.value(QStringLiteral("columns")).toArray().first().toString(),
            QStringLiteral("customer_id"));
        QVERIFY(recommendation.definition.value(QStringLiteral("cost_after")).toDouble()
            < 0.5 * recommendation.definition.value(QStringLiteral("cost_before")).toDouble());
        QCOMPARE(
            recommendation.definition.value(QStringLiteral("parameter_source")).toString(), QStringLiteral("pg_stats"));
        QVERIFY2(recommendation.measureSql.contains(QRegularExpression(QStringLiteral("customer_id = '\\d+'"))),
            qPrintable(recommendation.measureSql));
        QString reason;
        QVERIFY2(ReadOnlyStatement::check(recommendation.measureSql, &reason), qPrintable(reason));
        QCOMPARE(recommendation.frequency, 20);
        QVERIFY(recommendation.confidence > 0.5);
        QCOMPARE(MeasurementRequestIndex(recommendation), QStringLiteral("public.orders_customer_id_dopt_idx"));
        // hypopg left nothing behind.
        QCOMPARE(m_connection.exec(QStringLiteral("SELECT count(*) FROM hypopg_list_indexes")).value(0, 0),
            QStringLiteral("0"));

        // A second collection updates the same recommendation rather than adding one.
        const PgCollectResult again = PostgresCollector::collect(workspace, m_url);
        QVERIFY(again.ok);
        QCOMPARE(RecommendationStore(workspace.database()).list(filter).size(), 1);
        QCOMPARE(RecommendationStore(workspace.database()).list(filter).first().id, recommendation.id);
    }

    void withoutHypopgNothingIsRecommended()
    {
        QString error;
        const QString url = m_server.createDatabase(QStringLiteral("nohypo"), &error);
        PgConnection other;
        QVERIFY(other.open(url, &error));
        QVERIFY(other
                    .exec(QStringLiteral(
                        "CREATE TABLE t (a int); INSERT INTO t SELECT g FROM generate_series(1, 50000) g; ANALYZE t"))
                    .ok);
        QVERIFY(other.exec(QStringLiteral("SELECT * FROM t WHERE a = 5")).ok);
        Workspace workspace;
        QVERIFY(workspace.open(dopt::test::tempDir() + QStringLiteral("/nohypo.dopt"), &error));
        const PgCollectResult result = PostgresCollector::collect(workspace, url);
        QVERIFY(result.ok);
        QVERIFY(std::any_of(result.warnings.begin(), result.warnings.end(),
            [](const QString& w) { return w.contains(QLatin1String("CREATE EXTENSION hypopg")); }));
        QCOMPARE(result.advice.recommendations, 0);
    }

private:
    static QString MeasurementRequestIndex(const Recommendation& recommendation)
    {
        return recommendation.definition.value(QStringLiteral("index")).toString();
    }
};

QTEST_GUILESS_MAIN(TestPostgresIndexAdvisor)
#include "tst_postgresindexadvisor.moc"
