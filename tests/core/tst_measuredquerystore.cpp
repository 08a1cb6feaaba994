// The query a measurement timed is stored with it (schema 15) on SQLite and PostgreSQL workspaces:
// it survives closing and reopening the workspace, reaches the report data and the JSON; a schema-14
// workspace with measurements upgrades and says "not recorded" for them; a measurement cancelled
// between its two plans keeps the first and stores why the second is missing.
#include "analysis/recommendationstore.h"
#include "measure/measurementstore.h"
#include "measure/postgresmeasurer.h"
#include "report/reportcollector.h"
#include "sources/postgres/pgconnection.h"
#include "tst_storebackends.h"

#include <QSqlError>
#include <QSqlQuery>
#include <atomic>

using namespace dopt;

namespace {

const QString MeasuredSql = QStringLiteral("SELECT count(*), sum(amount) FROM events WHERE account_id = 42");

} // namespace

class TestMeasuredQueryStore : public QObject
{
    Q_OBJECT

private:
    StoreBackends m_backends;
    QString m_targetUrl; // the measured server: a database of the backends' PostgreSQL

    MeasurementRequest parameterRequest() const
    {
        MeasurementRequest request;
        request.kind = MeasurementRequest::Kind::ParameterChange;
        request.url = m_targetUrl;
        request.settings = {QStringLiteral("work_mem = '64MB'")};
        request.sqlBefore = MeasuredSql;
        request.runs = 2;
        request.warmupRuns = 1;
        request.measuredQuery = MeasuredQuery {MeasuredSql, QStringLiteral("pg-job-17"),
            QStringLiteral("the statement job pg-job-17 ran"), QStringLiteral("user")};
        return request;
    }

    static qint64 storeRecommendation(Workspace& workspace)
    {
        Recommendation r;
        r.key = Recommendation::makeKey(
            QStringLiteral("work_mem"), QStringLiteral("fp-events"), QStringLiteral("events"));
        r.detector = QStringLiteral("work_mem");
        r.engine = QStringLiteral("postgres");
        r.action = ActionKind::ParameterChange;
        r.severity = Severity::High;
        r.title = QStringLiteral("Raise work_mem for the events statement");
        r.measureSql = MeasuredSql;
        QString error;
        const qint64 id = RecommendationStore(workspace.database()).upsert(r, &error);
        if (id <= 0)
            qWarning("cannot store the recommendation: %s", qPrintable(error));
        return id;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_backends.start();
        m_targetUrl = m_backends.freshLocation(QStringLiteral("postgresql"));
        if (m_targetUrl.isEmpty())
            QSKIP(qPrintable(m_backends.skipReason()));
        PgConnection target;
        QString error;
        QVERIFY2(target.open(m_targetUrl, &error), qPrintable(error));
        const PgResult created = target.exec(
            QStringLiteral("CREATE TABLE events (id bigint PRIMARY KEY, account_id int NOT NULL, amount numeric);"
                           "INSERT INTO events SELECT g, g % 5000, g % 1000 FROM generate_series(1, 50000) g;"
                           "ANALYZE events;"));
        QVERIFY2(created.ok, qPrintable(created.error));
    }

    void survivesReopening_data() { StoreBackends::addRows(); }
    void survivesReopening()
    {
        QFETCH(QString, backend);
        const QString location = m_backends.freshLocation(backend);
        if (location.isEmpty())
            QSKIP(qPrintable(m_backends.skipReason()));
        qint64 measurementId = 0;
        MeasurementRequest request = parameterRequest();
        {
            Workspace workspace;
            QString error;
            QVERIFY2(workspace.open(location, &error), qPrintable(error));
            request.recommendationId = storeRecommendation(workspace);
            QVERIFY(request.recommendationId > 0);
            const MeasurementResult result = PostgresMeasurer::measure(workspace.database(), request);
            QVERIFY2(result.state == QLatin1String("done"), qPrintable(result.error));
            QVERIFY(result.measuredQuery.has_value());
            measurementId = result.id;
        }
        Workspace reopened;
        QString error;
        QVERIFY2(reopened.open(location, &error), qPrintable(error));
        QCOMPARE(reopened.schemaVersion(), 15);
        const std::optional<MeasurementResult> stored
            = MeasurementStore(reopened.database()).get(measurementId, &error);
        QVERIFY2(stored.has_value(), qPrintable(error));
        QVERIFY(stored->measuredQuery.has_value());
        QCOMPARE(stored->measuredQuery->sql, MeasuredSql);
        QCOMPARE(stored->measuredQuery->jobId, QStringLiteral("pg-job-17"));
        QCOMPARE(stored->measuredQuery->reason, QStringLiteral("the statement job pg-job-17 ran"));
        QCOMPARE(stored->measuredQuery->chosenBy, QStringLiteral("user"));
        const QJsonObject json = stored->toJson().value(QLatin1String("measuredQuery")).toObject();
        QCOMPARE(json.value(QLatin1String("sql")).toString(), MeasuredSql);
        QCOMPARE(json.value(QLatin1String("jobId")).toString(), QStringLiteral("pg-job-17"));
        QVERIFY(
            stored->toJson().value(QLatin1String("plan_before")).toObject().value(QLatin1String("available")).toBool());

        // The report's measured section reads it too.
        ReportCollector collector(reopened.database());
        const std::optional<ReportData> data = collector.collect({}, nullptr, &error);
        QVERIFY2(data.has_value(), qPrintable(error));
        QCOMPARE(data->recommendations.size(), 1);
        QVERIFY(data->recommendations.first().measurement.has_value());
        const std::optional<MeasuredQuery>& reported = data->recommendations.first().measurement->measuredQuery;
        QVERIFY(reported.has_value());
        QCOMPARE(reported->sql, MeasuredSql);
        QCOMPARE(reported->jobId, QStringLiteral("pg-job-17"));
    }

    void schema14MeasurementsSayNotRecorded_data() { StoreBackends::addRows(); }
    void schema14MeasurementsSayNotRecorded()
    {
        QFETCH(QString, backend);
        const QString location = m_backends.freshLocation(backend);
        if (location.isEmpty())
            QSKIP(qPrintable(m_backends.skipReason()));
        qint64 measurementId = 0;
        {
            Workspace old;
            old.setTargetSchemaVersion(14);
            QString error;
            QVERIFY2(old.open(location, &error), qPrintable(error));
            QCOMPARE(old.schemaVersion(), 14);
            const qint64 recommendationId = storeRecommendation(old);
            QVERIFY(recommendationId > 0);
            // A measurement as version 14 stored it: no measured_query column yet.
            QSqlQuery insert(old.database());
            insert.prepare(QStringLiteral(
                "INSERT INTO measurements (recommendation_id, engine, target, state, verdict, runs, warmup_runs, "
                "median_before_ms, median_after_ms, speedup, speedup_ci_low, speedup_ci_high, p_value, started_ms, "
                "ended_ms) VALUES (?, 'postgres', 'postgresql://old@host/db', 'done', 'improved', 5, 1, 40, 10, 4, "
                "3.5, 4.5, 0.008, 1700000000000, 1700000060000) RETURNING id"));
            insert.addBindValue(recommendationId);
            QVERIFY2(insert.exec() && insert.next(), qPrintable(insert.lastError().text()));
            measurementId = insert.value(0).toLongLong();
        }
        Workspace upgraded;
        QString error;
        QVERIFY2(upgraded.open(location, &error), qPrintable(error));
        QCOMPARE(upgraded.schemaVersion(), Workspace::CurrentSchemaVersion);
        const std::optional<MeasurementResult> stored
            = MeasurementStore(upgraded.database()).get(measurementId, &error);
        QVERIFY2(stored.has_value(), qPrintable(error));
        QCOMPARE(stored->verdict, QStringLiteral("improved"));
        QVERIFY(!stored->measuredQuery.has_value());
        QVERIFY(stored->toJson().value(QLatin1String("measuredQuery")).isNull());
        const std::optional<ReportData> data = ReportCollector(upgraded.database()).collect({}, nullptr, &error);
        QVERIFY2(data.has_value(), qPrintable(error));
        QVERIFY(data->recommendations.first().measurement.has_value());
        QVERIFY(!data->recommendations.first().measurement->measuredQuery.has_value());
    }

    void cancelKeepsTheBeforePlan_data() { StoreBackends::addRows(); }
    void cancelKeepsTheBeforePlan()
    {
        QFETCH(QString, backend);
        const QString location = m_backends.freshLocation(backend);
        if (location.isEmpty())
            QSKIP(qPrintable(m_backends.skipReason()));
        qint64 measurementId = 0;
        {
            Workspace workspace;
            QString error;
            QVERIFY2(workspace.open(location, &error), qPrintable(error));
            // The user presses Stop once the before plan is in: when the after plan is announced.
            std::atomic_bool cancel = false;
            const MeasurementResult result = PostgresMeasurer::measure(
                workspace.database(), parameterRequest(), &cancel, [&cancel](const MeasurementProgress& step) {
                    if (step.phase == QLatin1String("plan") && step.message.endsWith(QLatin1String("after")))
                        cancel = true;
                });
            QCOMPARE(result.state, QStringLiteral("cancelled"));
            measurementId = result.id;
        }
        Workspace reopened;
        QString error;
        QVERIFY2(reopened.open(location, &error), qPrintable(error));
        const std::optional<MeasurementResult> stored
            = MeasurementStore(reopened.database()).get(measurementId, &error);
        QVERIFY2(stored.has_value(), qPrintable(error));
        QCOMPARE(stored->state, QStringLiteral("cancelled"));
        QVERIFY2(stored->planBefore.contains(QLatin1String("\"explain\"")), qPrintable(stored->planBefore));
        QVERIFY(MeasurementResult::planProblem(stored->planBefore).isEmpty());
        const QString why = MeasurementResult::planProblem(stored->planAfter);
        QVERIFY2(why.contains(QLatin1String("cancelled")), qPrintable(stored->planAfter));
        QVERIFY(!stored->summary.has_value());
        QVERIFY(stored->measuredQuery.has_value()); // stored with the running row, before anything ran
        const QJsonObject json = stored->toJson();
        QVERIFY(json.value(QLatin1String("plan_before")).toObject().value(QLatin1String("available")).toBool());
        QCOMPARE(
            json.value(QLatin1String("plan_after")).toObject().value(QLatin1String("unavailable")).toString(), why);
    }
};

QTEST_GUILESS_MAIN(TestMeasuredQueryStore)
#include "tst_measuredquerystore.moc"
