// What-if estimates for a PostgreSQL missing index: a real server logs its executions with their
// auto_explain plans, the run-time model is trained on that log, and the estimate of an index
// predicts the statement's runs with the planner cost the index gives (measured with EXPLAIN on the
// server, the index built inside a rolled-back transaction) and the table scan reduced to the rows
// the filter keeps. Runs logged without their plan cannot be predicted that way: the recommendation
// keeps its fixed share and says why.
#include "ml/runtimemodelservice.h"
#include "ml/whatifestimator.h"
#include "postgresserver.h"
#include "sources/postgres/pgconnection.h"
#include "sources/postgres/pglogimporter.h"
#include "sql/postgresfingerprint.h"
#include "store/workspace.h"
#include "tempworkspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace dopt;

namespace {

const QString SlowCount = QStringLiteral("SELECT count(*) FROM events WHERE id = %1");
const QString Unplanned = QStringLiteral("SELECT max(payload) FROM events WHERE id < %1");

QJsonObject estimateOf(const Recommendation& r)
{
    return r.definition.value(QStringLiteral("estimate")).toObject();
}

} // namespace

class TestWhatIfPostgres : public QObject
{
    Q_OBJECT

private:
    test::PostgresServer m_server;
    PgConnection m_connection;
    std::unique_ptr<Workspace> m_workspace;

    void run(PgConnection& connection, const QString& sql)
    {
        const PgResult result = connection.exec(sql);
        QVERIFY2(result.ok, qPrintable(sql + QStringLiteral(": ") + result.error));
    }

    // The planner's total cost of a statement, optionally with an index that exists only inside a
    // rolled-back transaction.
    double plannerCost(const QString& sql, const QString& index = QString())
    {
        if (!index.isEmpty())
            run(m_connection, QStringLiteral("BEGIN; ") + index);
        const PgResult explained = m_connection.exec(QStringLiteral("EXPLAIN (FORMAT JSON) ") + sql);
        if (!index.isEmpty())
            run(m_connection, QStringLiteral("ROLLBACK"));
        if (!explained.ok || explained.rows.isEmpty())
            return -1;
        const QJsonArray plans = QJsonDocument::fromJson(explained.rows.first().value(0).toUtf8()).array();
        return plans.first()
            .toObject()
            .value(QStringLiteral("Plan"))
            .toObject()
            .value(QStringLiteral("Total Cost"))
            .toDouble();
    }

    Recommendation missingIndex(const QString& statementSql, const QString& probeSql)
    {
        Recommendation r;
        r.detector = QStringLiteral("missing_index");
        r.engine = QStringLiteral("postgresql");
        r.fingerprint = PostgresFingerprint::compute(statementSql).fingerprint;
        r.key = Recommendation::makeKey(r.detector, r.fingerprint, QStringLiteral("public.events(id)"));
        const double before = plannerCost(probeSql);
        const double after = plannerCost(probeSql, QStringLiteral("CREATE INDEX events_id ON events (id);"));
        [&] { QVERIFY2(before > 0 && after > 0 && after < before / 5, qPrintable(QString::number(after))); }();
        r.definition = QJsonObject {{QStringLiteral("cost_before"), before}, {QStringLiteral("cost_after"), after},
            {QStringLiteral("table_rows"), 300000}, {QStringLiteral("rows_kept"), 1}};
        r.confidence = 0.8;
        r.improvementShare = 1.0 - after / before;
        r.frequency = 100;
        r.currentCostMs = 1000;
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        QString url;
        m_server.logPlans();
        const QString schema = QStringLiteral(
            "CREATE TABLE events AS SELECT g AS id, g % 300 AS grp, md5(g::text) AS payload "
            "FROM generate_series(1, 300000) g; CREATE INDEX events_grp ON events (grp); ANALYZE events;");
        if (!m_server.startLogged(QStringLiteral("csvlog"), QStringLiteral("bench"), &url, &reason, schema))
            QSKIP(qPrintable(reason));
        QVERIFY2(!url.isEmpty(), qPrintable(reason));
        QVERIFY2(m_connection.open(url, &reason), qPrintable(reason));

        // Shapes of different cost (a sequential scan of the whole table, index lookups of 1,000 rows
        // counted or returned, grouped scans); the statement "Unplanned" runs with auto_explain off in
        // its session. Durations are logged in ms: the table is large enough for every shape to take
        // at least about a millisecond.
        PgConnection unplanned;
        QVERIFY2(unplanned.open(url, &reason), qPrintable(reason));
        run(unplanned, QStringLiteral("SET auto_explain.log_min_duration = -1"));
        QRandomGenerator random(20261207);
        for (int i = 0; i < 500; ++i) {
            const int n = int(random.bounded(100, 300000));
            const int group = int(random.bounded(300));
            switch (i % 5) {
            case 0:
                run(m_connection, SlowCount.arg(n));
                break;
            case 1:
                run(m_connection, QStringLiteral("SELECT count(*) FROM events WHERE grp = %1").arg(group));
                break;
            case 2:
                run(m_connection, QStringLiteral("SELECT * FROM events WHERE grp = %1").arg(group));
                break;
            case 3:
                run(m_connection, QStringLiteral("SELECT grp, count(*) FROM events WHERE id < %1 GROUP BY grp").arg(n));
                break;
            default:
                run(unplanned, Unplanned.arg(n));
            }
        }
        run(m_connection, QStringLiteral("SELECT 'whatif_done'"));
        const QString log = m_server.waitForLog(QStringLiteral("csv"), QStringLiteral("whatif_done"));
        QVERIFY(!log.isEmpty());
        m_workspace = test::openTempWorkspace(QStringLiteral("whatif-postgres"));
        const PgLogImportResult imported = PgLogImporter::importFile(*m_workspace, log);
        QVERIFY2(imported.ok, qPrintable(imported.error));
        QVERIFY2(imported.plans >= 390, qPrintable(QString::number(imported.plans)));
        TrainingResult trained;
        QString error;
        QVERIFY2(RuntimeModelService::train(m_workspace->database(), {}, nullptr, &trained, &error), qPrintable(error));
    }

    void indexEstimateComesFromTheModel()
    {
        QVector<Recommendation> list {missingIndex(SlowCount.arg(1), SlowCount.arg(100))};
        QString error;
        QVERIFY2(WhatIfEstimator::apply(m_workspace->database(), &list, &error), qPrintable(error));
        const QJsonObject estimate = estimateOf(list.first());
        QCOMPARE(estimate.value(QStringLiteral("source")).toString(), QStringLiteral("model"));
        QCOMPARE(estimate.value(QStringLiteral("jobs_predicted")).toInt(), WhatIfEstimator::JobsPerRecommendation);
        // Sequential scans of 300,000 rows predicted with the index's cost and one row read: faster.
        // The plan's other features stay as they ran (a parallel aggregate over a Gather), so the
        // model saves less than the planner's cost ratio (0.99) suggests (about a third here).
        const double share = estimate.value(QStringLiteral("share")).toDouble();
        QVERIFY2(share > 0.1, qPrintable(QString::number(share)));
        QCOMPARE(list.first().improvementShare, share);
        QVERIFY(list.first().rationale.contains(QLatin1String("Saving estimated by model")));
    }

    void runsWithoutPlansKeepTheFixedShare()
    {
        QVector<Recommendation> list {missingIndex(Unplanned.arg(1), Unplanned.arg(100))};
        const double fixedShare = list.first().improvementShare;
        QString error;
        QVERIFY2(WhatIfEstimator::apply(m_workspace->database(), &list, &error), qPrintable(error));
        const QJsonObject estimate = estimateOf(list.first());
        QCOMPARE(estimate.value(QStringLiteral("source")).toString(), QStringLiteral("fixed_share"));
        QVERIFY2(estimate.value(QStringLiteral("reason")).toString().contains(QLatin1String("no plan figures")),
            qPrintable(estimate.value(QStringLiteral("reason")).toString()));
        QCOMPARE(list.first().improvementShare, fixedShare);
    }

    void applyEffectReplacesTheTableScan()
    {
        const QStringList names {QStringLiteral("log_rows_scanned"), QStringLiteral("log_planner_cost")};
        Recommendation r;
        r.detector = QStringLiteral("missing_index");
        r.definition = QJsonObject {{QStringLiteral("cost_before"), 1000.0}, {QStringLiteral("cost_after"), 10.0},
            {QStringLiteral("table_rows"), 50000.0}, {QStringLiteral("rows_kept"), 100.0}};
        // A join reading the table (50,000 rows) and 2,000 rows of another: 2,100 rows with the index.
        double row[] {std::log1p(52000.0), std::log1p(1000.0)};
        QVERIFY(WhatIfEstimator::hasFiguresFor(r, names, row));
        QVERIFY(WhatIfEstimator::applyEffect(r, names, row));
        QCOMPARE(qRound(std::expm1(row[0])), 2100);
        QCOMPARE(qRound(std::expm1(row[1])), 10);
        double unplannedRow[] {0.0, 0.0};
        QVERIFY(!WhatIfEstimator::hasFiguresFor(r, names, unplannedRow));
        r.definition.remove(QStringLiteral("cost_after"));
        QVERIFY(!WhatIfEstimator::applyEffect(r, names, row));
    }
};

QTEST_GUILESS_MAIN(TestWhatIfPostgres)
#include "tst_whatifpostgres.moc"
