// Apply-and-measure on Dremio against the fake server (tests/support/fakedremioworkload.h). The
// speed-ups are the fake's own durations; what is tested is the protocol: the REST calls and SQL,
// the hints of before/after runs, durations read from the job status, the verification that a new
// reflection was CHOSEN, the undo at every failure, keep and revert.
#include "analysis/recommendation.h"
#include "analysis/recommendationstore.h"
#include "analysis/reflectionplanner.h"
#include "dremiomeasurefixtures.h"
#include "fakedremioserver.h"
#include "measure/dremiomeasurer.h"
#include "measure/dremiosyncclient.h"
#include "measure/measurementrequest.h"
#include "measure/measurementstore.h"
#include "measure/reflectionquerypicker.h"
#include "model/modeljson.h"
#include "profile/dremioprofileparser.h"
#include "sources/files/profilezipreader.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QFile>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

using namespace dopt;
using dopt::test::FakeDremioServer;
using dopt::test::FakeDremioWorkload;

namespace {
const QString OrdersQuery = QStringLiteral("SELECT region, SUM(amount) FROM Sales.orders GROUP BY region");
const QString EventsQuery
    = QStringLiteral("SELECT kind, COUNT(*) FROM Lake.events WHERE day >= '2026-01-01' GROUP BY kind");
} // namespace

class TestDremioMeasure : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeDremioServer> m_server;
    std::unique_ptr<Workspace> m_workspace;

    DremioConnection connection() const
    {
        DremioConnection c = DremioConnection::fromUrl(m_server->baseUrl().toString());
        c.retryBaseMs = 10;
        c.pollIntervalMs = 2;
        c.pollMaxIntervalMs = 10;
        return c;
    }

    MeasurementRequest base(MeasurementRequest::Kind kind) const
    {
        MeasurementRequest request;
        request.engine = QStringLiteral("dremio");
        request.kind = kind;
        request.dremio = connection();
        request.dremioSecret = QLatin1String(FakeDremioServer::Pat);
        request.runs = 5;
        request.warmupRuns = 1;
        request.statementTimeoutMs = 20000;
        request.refreshTimeoutMs = 20000;
        return request;
    }

    MeasurementRequest createReflectionRequest() const
    {
        MeasurementRequest request = base(MeasurementRequest::Kind::CreateReflection);
        request.reflection = ReflectionPlanner::plan(OrdersQuery, QStringLiteral("dopt_orders")).toJson();
        request.sqlBefore = OrdersQuery;
        return request;
    }

    MeasurementResult measure(const MeasurementRequest& request, const std::atomic_bool* cancel = nullptr,
        const MeasurementProgressCallback& progress = {})
    {
        return DremioMeasurer::measure(m_workspace->database(), request, cancel, progress);
    }

    /// A rewrite whose before statement (tagged "/* TAG slow */") takes 600 ms on the fake and whose
    /// after statement ("/* TAG fast */") takes 150 ms: measured as improved.
    MeasurementRequest slowFastRewrite(const QString& tag) const
    {
        const QString slow = QStringLiteral("/* %1 slow */").arg(tag);
        const QString fast = QStringLiteral("/* %1 fast */").arg(tag);
        m_server->workload().addQuery({slow, QStringLiteral("Sales.lines"), 600, 600, 600, 10, 3});
        m_server->workload().addQuery({fast, QStringLiteral("Sales.lines"), 150, 150, 150, 10, 3});
        MeasurementRequest request = base(MeasurementRequest::Kind::SqlRewrite);
        request.sqlBefore = QStringLiteral("SELECT %1 id FROM Sales.lines WHERE id NOT IN (SELECT 1)").arg(slow);
        request.sqlAfter = QStringLiteral("SELECT %1 id FROM Sales.lines WHERE NOT EXISTS (SELECT 1)").arg(fast);
        return request;
    }

    /// Measures with one fault rule in place; the fault and the fake's profiles are gone afterwards.
    MeasurementResult measureWithFault(const MeasurementRequest& request, const FakeDremioServer::FaultRule& fault,
        const MeasurementProgressCallback& progress = {})
    {
        m_server->addFault(fault);
        const MeasurementResult result = measure(request, nullptr, progress);
        m_server->clearFaults();
        m_server->clearJobProfiles();
        return result;
    }

    /// A create-reflection request on Sales.orders against a started Dremio Cloud fake.
    MeasurementRequest cloudRequest(FakeDremioServer& cloud) const
    {
        cloud.workload().addDataset(QStringLiteral("Sales.orders"), QStringLiteral("ds-cloud"));
        cloud.workload().addQuery(
            {QStringLiteral("FROM Sales.orders"), QStringLiteral("Sales.orders"), 800, 100, 300, 12, 1});
        MeasurementRequest request = createReflectionRequest();
        request.dremio
            = DremioConnection::fromUrl(cloud.baseUrl().toString(), QLatin1String(FakeDremioServer::ProjectId));
        request.dremio.pollIntervalMs = 2;
        request.dremio.pollMaxIntervalMs = 10;
        return request;
    }

    /// A stored plan (plan_before / plan_after) as its JSON object.
    static QJsonObject planObject(const QString& stored) { return QJsonDocument::fromJson(stored.toUtf8()).object(); }

    /// The plan tree the measurer should store for a profile: the parser's tree in ModelJson form.
    static QJsonArray expectedTree(const QByteArray& profileJson)
    {
        ParsedProfile parsed;
        QString error;
        if (!DremioProfileParser::parse(profileJson, &parsed, &error))
            qWarning("%s", qPrintable(error));
        return ModelJson::planTree(parsed.tree);
    }

    static QByteArray readSample(const QString& path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    QStringList sqlContaining(const QString& text) const
    {
        QStringList found;
        for (const QString& sql : m_server->submittedSql())
            if (sql.contains(text))
                found.append(sql);
        return found;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<FakeDremioServer>();
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        FakeDremioWorkload& workload = m_server->workload();
        workload.addDataset(QStringLiteral("Sales.orders"), QStringLiteral("ds-orders"));
        workload.addQuery({QStringLiteral("FROM Sales.orders"), QStringLiteral("Sales.orders"), 800, 100, 300, 12, 1});
        workload.addDataset(QStringLiteral("Sales.customers"), QStringLiteral("ds-customers"));
        workload.addQuery(
            {QStringLiteral("FROM Sales.customers"), QStringLiteral("Sales.customers"), 400, 50, 400, 5, 1});
        workload.addIcebergTable(QStringLiteral("Lake.events"), QStringLiteral("5000"));
        workload.addQuery({QStringLiteral("FROM Lake.events"), QStringLiteral("Lake.events"), 900, 900, 300, 7, 1});
        m_workspace = std::make_unique<Workspace>();
        QVERIFY2(m_workspace->open(dopt::test::tempDir() + QStringLiteral("/dremiomeasure.dopt"), &error),
            qPrintable(error));
    }

    void sqlHelpers()
    {
        QCOMPARE(DremioMeasurer::withHint(QStringLiteral("select a FROM t"), QStringLiteral("no_reflections")),
            QStringLiteral("select /*+ no_reflections */ a FROM t"));
        // WITH: the main SELECT (Dremio reads the first hinted SELECT of the plan, the outer one), not the CTEs.
        QCOMPARE(
            DremioMeasurer::withHint(QStringLiteral("WITH r AS (SELECT a FROM t WHERE b IN (SELECT b FROM u)), "
                                                    "s AS (SELECT a FROM t) SELECT r.a FROM r JOIN s ON r.a = s.a"),
                QStringLiteral("exclude_reflections(\"x\")")),
            QStringLiteral("WITH r AS (SELECT a FROM t WHERE b IN (SELECT b FROM u)), s AS (SELECT a FROM t) "
                           "SELECT /*+ exclude_reflections(\"x\") */ r.a FROM r JOIN s ON r.a = s.a"));
        QCOMPARE(DremioMeasurer::withHint(QStringLiteral("with recursive c(n) as (select 1) select n from c"),
                     QStringLiteral("no_reflections")),
            QStringLiteral("with recursive c(n) as (select 1) select /*+ no_reflections */ n from c"));
        // A hint comment already on the main SELECT gets ours added: a second comment would not be read.
        QCOMPARE(DremioMeasurer::withHint(QStringLiteral("SELECT /*+ current_iceberg_data_only */ a FROM t"),
                     QStringLiteral("consider_reflections(\"r1\")")),
            QStringLiteral("SELECT /*+ current_iceberg_data_only, consider_reflections(\"r1\") */ a FROM t"));
        // Set operations in parentheses: the first block.
        QCOMPARE(DremioMeasurer::withHint(
                     QStringLiteral("(SELECT a FROM t) UNION ALL (SELECT a FROM u)"), QStringLiteral("no_reflections")),
            QStringLiteral("(SELECT /*+ no_reflections */ a FROM t) UNION ALL (SELECT a FROM u)"));
        QCOMPARE(DremioMeasurer::withHint(QStringLiteral("VALUES (1)"), QStringLiteral("no_reflections")),
            QStringLiteral("VALUES (1)"));
        QCOMPARE(DremioMeasurer::atSnapshot(
                     QStringLiteral("SELECT * FROM \"Lake\".events e JOIN Lake.events f ON e.id = f.id"),
                     QStringLiteral("Lake.events"), QStringLiteral("42")),
            QStringLiteral(
                "SELECT * FROM \"Lake\".events AT SNAPSHOT '42' e JOIN Lake.events AT SNAPSHOT '42' f ON e.id = f.id"));
        QVERIFY(DremioMeasurer::atSnapshot(
            QStringLiteral("SELECT 1 FROM other"), QStringLiteral("Lake.events"), QStringLiteral("42"))
                    .isEmpty());
        QCOMPARE(MeasurementRequest::pathSegments(QStringLiteral("Samples.\"samples.dremio.com\".\"a \"\"b\"\"\"")),
            (QStringList {QStringLiteral("Samples"), QStringLiteral("samples.dremio.com"), QStringLiteral("a \"b\"")}));
        // The planned aggregation reflection as the REST body Dremio documents.
        const QJsonObject body = createReflectionRequest().reflectionBody(QStringLiteral("ds-1"));
        QCOMPARE(body.value(QLatin1String("type")).toString(), QStringLiteral("AGGREGATION"));
        QCOMPARE(body.value(QLatin1String("datasetId")).toString(), QStringLiteral("ds-1"));
        QCOMPARE(body.value(QLatin1String("dimensionFields")).toArray().at(0).toObject().value(QLatin1String("name")),
            QJsonValue(QStringLiteral("region")));
        const QJsonObject measure = body.value(QLatin1String("measureFields")).toArray().at(0).toObject();
        QCOMPARE(measure.value(QLatin1String("name")).toString(), QStringLiteral("amount"));
        QVERIFY(measure.value(QLatin1String("measureTypeList")).toArray().contains(QStringLiteral("SUM")));
    }

    /// The query a reflection-drop measurement times: CHOSEN before MATCHED, then the most frequent
    /// statement, then the most recent; a job that writes (CTAS) never qualifies.
    void queryPickedForAReflectionDrop()
    {
        QSqlDatabase db = m_workspace->database();
        QString error;
        const QString ctas = QStringLiteral("CREATE TABLE Lake.copy AS SELECT * FROM Sales.orders");
        const QString pointQuery = QStringLiteral("SELECT * FROM Sales.orders WHERE id = 1");
        const QString countQuery = QStringLiteral("SELECT COUNT(*) FROM Sales.orders");
        QVERIFY2(test::addReflectionJobs(
                     db, QStringLiteral("refl-pick"), ctas, QStringLiteral("CHOSEN"), 10, 1700000000000LL, &error),
            qPrintable(error));
        QVERIFY2(test::addReflectionJobs(db, QStringLiteral("refl-pick"), OrdersQuery, QStringLiteral("CHOSEN"), 4,
                     1700001000000LL, &error),
            qPrintable(error));
        QVERIFY2(test::addReflectionJobs(
                     db, QStringLiteral("refl-pick"), pointQuery, QStringLiteral("CHOSEN"), 2, 1700009000000LL, &error),
            qPrintable(error));
        QVERIFY2(test::addReflectionJobs(db, QStringLiteral("refl-pick"), countQuery, QStringLiteral("MATCHED"), 9,
                     1700002000000LL, &error),
            qPrintable(error));
        QVERIFY2(test::addReflectionJobs(db, QStringLiteral("refl-pick"), EventsQuery, QStringLiteral("CONSIDERED"), 20,
                     1700003000000LL, &error),
            qPrintable(error));
        std::optional<ReflectionQuery> picked = ReflectionQueryPicker::pick(db, QStringLiteral("refl-pick"), &error);
        QVERIFY2(picked, qPrintable(error));
        QCOMPARE(picked->sql, OrdersQuery);
        QCOMPARE(picked->relationship, QStringLiteral("CHOSEN"));
        QCOMPARE(picked->runs, 4);
        QCOMPARE(picked->lastSubmittedMs, 1700001000000LL + 3 * 60000LL);
        QCOMPARE(picked->jobId, QStringLiteral("refl-pick-CHOSEN-1700001000003"));
        QVERIFY2(picked->describe().contains(QLatin1String("CHOSEN in 4 runs")), qPrintable(picked->describe()));
        // Same count: the more recent statement wins.
        QVERIFY2(test::addReflectionJobs(
                     db, QStringLiteral("refl-pick"), pointQuery, QStringLiteral("CHOSEN"), 2, 1700019000000LL, &error),
            qPrintable(error));
        picked = ReflectionQueryPicker::pick(db, QStringLiteral("refl-pick"), &error);
        QVERIFY(picked);
        QCOMPARE(picked->sql, pointQuery);
        // Only matched somewhere: the matched statement; never seen: none, without an error.
        QVERIFY2(test::addReflectionJobs(db, QStringLiteral("refl-matched"), countQuery, QStringLiteral("MATCHED"), 1,
                     1700004000000LL, &error),
            qPrintable(error));
        picked = ReflectionQueryPicker::pick(db, QStringLiteral("refl-matched"), &error);
        QVERIFY(picked);
        QCOMPARE(picked->sql, countQuery);
        QCOMPARE(picked->relationship, QStringLiteral("MATCHED"));
        QVERIFY(!ReflectionQueryPicker::pick(db, QStringLiteral("refl-nobody"), &error));
        QVERIFY(error.isEmpty());
    }

    void writingQueriesAreRefused()
    {
        MeasurementRequest request = createReflectionRequest();
        QString error;
        request.sqlBefore = QStringLiteral("DELETE FROM Sales.orders");
        QVERIFY(!request.validate(&error));
        QVERIFY2(error.contains(QStringLiteral("only SELECT")), qPrintable(error));
        request.sqlBefore = QStringLiteral("SELECT 1; DROP TABLE Sales.orders");
        QVERIFY(!request.validate(&error));
        request.sqlBefore = OrdersQuery;
        QVERIFY2(request.validate(&error), qPrintable(error));
        // The confirmation names the REST calls and the hints.
        const QString text = request.describe();
        QVERIFY2(text.contains(QStringLiteral("POST /api/v3/reflection {")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("GET /api/v3/catalog/by-path/Sales/orders")));
        QVERIFY(text.contains(QStringLiteral("DELETE /api/v3/reflection/<new id>")));
        QVERIFY(text.contains(QStringLiteral("exclude_reflections")));
    }

    void createReflectionFromRecommendationImprovesAndIsUndone()
    {
        Recommendation recommendation = test::reflectionRecommendation(OrdersQuery, QStringLiteral("dopt_orders"));
        recommendation.improvementShare = 0.8;
        QString error;
        recommendation.id = RecommendationStore(m_workspace->database()).upsert(recommendation, &error);
        QVERIFY2(recommendation.id > 0, qPrintable(error));
        std::optional<MeasurementRequest> request = MeasurementRequest::fromRecommendation(recommendation, &error);
        QVERIFY2(request, qPrintable(error));
        QCOMPARE(request->kind, MeasurementRequest::Kind::CreateReflection);
        request->dremio = connection();
        request->dremioSecret = QLatin1String(FakeDremioServer::Pat);
        request->runs = 5;
        request->warmupRuns = 1;

        const int created = m_server->workload().reflectionsCreated();
        const MeasurementResult result = measure(*request);
        QCOMPARE(result.state, QStringLiteral("done"));
        QCOMPARE(result.verdict, QStringLiteral("improved"));
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        // Durations are the jobs' endedAt - startedAt: the fake's 800 ms and 100 ms (+ < 5 ms spread).
        QVERIFY(result.summary->medianBeforeMs >= 800 && result.summary->medianBeforeMs < 805);
        QVERIFY(result.summary->medianAfterMs >= 100 && result.summary->medianAfterMs < 105);
        QCOMPARE(result.runList.size(), 2 * (1 + 5));
        QCOMPARE(result.engine, QStringLiteral("dremio"));
        QVERIFY(!result.applied);
        QCOMPARE(m_server->workload().reflectionsCreated(), created + 1);
        QVERIFY(m_server->workload().reflectionIds().isEmpty()); // deleted again
        const QString id = result.undoStatements.value(0).section(QLatin1Char('/'), -1);
        QCOMPARE(result.undoStatements.value(0), QStringLiteral("DELETE /api/v3/reflection/") + id);
        QCOMPARE(m_server->countRequests(QStringLiteral("DELETE /api/v3/reflection/") + id), 1);
        QCOMPARE(sqlContaining(QStringLiteral("exclude_reflections(\"%1\")").arg(id)).size(), 6);
        QCOMPARE(sqlContaining(QStringLiteral("consider_reflections(\"%1\")").arg(id)).size(), 6);
        // Stored with the engine and the exact calls.
        const std::optional<MeasurementResult> stored
            = MeasurementStore(m_workspace->database()).get(result.id, &error);
        QVERIFY(stored);
        QCOMPARE(stored->engine, QStringLiteral("dremio"));
        QCOMPARE(stored->action, QStringLiteral("create_reflection"));
        QVERIFY(stored->applyStatements.value(0).startsWith(QStringLiteral("POST /api/v3/reflection {")));
        QCOMPARE(stored->runList.size(), 12);
        QCOMPARE(stored->recommendationId, recommendation.id);
    }

    void keptReflectionIsRevertedLater()
    {
        MeasurementRequest request = createReflectionRequest();
        request.keep = true;
        const MeasurementResult result = measure(request);
        QCOMPARE(result.state, QStringLiteral("done"));
        QVERIFY(result.applied);
        const QString id = result.undoStatements.value(0).section(QLatin1Char('/'), -1);
        QVERIFY(m_server->workload().hasReflection(id));
        QString error;
        QVERIFY2(DremioMeasurer::revert(
                     m_workspace->database(), result.id, connection(), QLatin1String(FakeDremioServer::Pat), &error),
            qPrintable(error));
        QVERIFY(!m_server->workload().hasReflection(id));
        QVERIFY(!MeasurementStore(m_workspace->database()).get(result.id, &error)->applied);
        // Twice: nothing left to revert, said clearly.
        QVERIFY(!DremioMeasurer::revert(
            m_workspace->database(), result.id, connection(), QLatin1String(FakeDremioServer::Pat), &error));
        QVERIFY2(error.contains(QStringLiteral("nothing in place")), qPrintable(error));
    }

    void failedRefreshDeletesTheReflection()
    {
        m_server->workload().failNextRefresh(QStringLiteral("Out of memory while materializing"));
        const MeasurementResult result = measure(createReflectionRequest());
        QCOMPARE(result.state, QStringLiteral("failed"));
        QVERIFY2(result.error.contains(QStringLiteral("status FAILED: Out of memory while materializing")),
            qPrintable(result.error));
        QVERIFY(!result.applied);
        QVERIFY(m_server->workload().reflectionIds().isEmpty());
        QVERIFY(result.runList.isEmpty());
    }

    void reflectionNeverChosenIsNotUsed()
    {
        // The reflection is on Sales.orders; the measured query reads Sales.customers.
        MeasurementRequest request = createReflectionRequest();
        request.sqlBefore = QStringLiteral("SELECT name FROM Sales.customers");
        const MeasurementResult result = measure(request);
        QCOMPARE(result.state, QStringLiteral("done"));
        QCOMPARE(result.verdict, QStringLiteral("not_used"));
        QVERIFY2(result.error.contains(QStringLiteral("never CHOSEN")), qPrintable(result.error));
        QVERIFY(m_server->workload().reflectionIds().isEmpty());
    }

    void unauthorizedDuringMeasurementUndoes()
    {
        // The first job poll after the reflection is created answers 401 (never retried).
        m_server->addFault({QStringLiteral("GET /api/v3/job/"), FakeDremioServer::Fault::Unauthorized, 1});
        const MeasurementResult result = measure(createReflectionRequest());
        m_server->clearFaults();
        QCOMPARE(result.state, QStringLiteral("failed"));
        QVERIFY2(result.error.contains(QStringLiteral("HTTP 401")), qPrintable(result.error));
        QVERIFY(!result.applied);
        QVERIFY(m_server->workload().reflectionIds().isEmpty());
    }

    void serverErrorThenSuccessIsRetried()
    {
        m_server->addFault({QStringLiteral("POST /api/v3/reflection"), FakeDremioServer::Fault::ServiceUnavailable, 1});
        const int before = m_server->countRequests(QStringLiteral("POST /api/v3/reflection"));
        const MeasurementResult result = measure(createReflectionRequest());
        m_server->clearFaults();
        QCOMPARE(result.state, QStringLiteral("done"));
        QCOMPARE(result.verdict, QStringLiteral("improved"));
        QCOMPARE(m_server->countRequests(QStringLiteral("POST /api/v3/reflection")), before + 2);
    }

    void cancelDeletesTheReflection()
    {
        std::atomic_bool cancel {false};
        const MeasurementResult result
            = measure(createReflectionRequest(), &cancel, [&cancel](const MeasurementProgress& progress) {
                  if (progress.phase == QLatin1String("run") && progress.done >= 4)
                      cancel.store(true);
              });
        QCOMPARE(result.state, QStringLiteral("cancelled"));
        QVERIFY2(result.error.contains(QStringLiteral("cancelled by the user")), qPrintable(result.error));
        QVERIFY(!result.applied);
        QVERIFY(m_server->workload().reflectionIds().isEmpty());
    }

    void dropReflectionKeptAndRecreatedByRevert()
    {
        m_server->workload().addReflection(
            QStringLiteral("refl-old"), QStringLiteral("ds-orders"), QStringLiteral("old raw"));
        MeasurementRequest request = base(MeasurementRequest::Kind::DropReflection);
        request.reflectionId = QStringLiteral("refl-old");
        request.sqlBefore = OrdersQuery;
        // Not kept: measured only, the reflection stays.
        MeasurementResult result = measure(request);
        QCOMPARE(result.state, QStringLiteral("done"));
        QCOMPARE(result.verdict, QStringLiteral("regressed")); // it served the query: dropping it hurts
        QVERIFY(!result.applied);
        QVERIFY(m_server->workload().hasReflection(QStringLiteral("refl-old")));
        QCOMPARE(m_server->countRequests(QStringLiteral("DELETE /api/v3/reflection/refl-old")), 0);
        // Kept: deleted for good; revert re-creates it from the saved definition.
        request.keep = true;
        result = measure(request);
        QCOMPARE(result.state, QStringLiteral("done"));
        QVERIFY(result.applied);
        QVERIFY(!m_server->workload().hasReflection(QStringLiteral("refl-old")));
        QString error;
        QVERIFY2(DremioMeasurer::revert(
                     m_workspace->database(), result.id, connection(), QLatin1String(FakeDremioServer::Pat), &error),
            qPrintable(error));
        const QStringList ids = m_server->workload().reflectionIds();
        QCOMPARE(ids.size(), 1);
        const QJsonObject recreated = m_server->workload().reflection(ids.first());
        QCOMPARE(recreated.value(QLatin1String("name")).toString(), QStringLiteral("old raw"));
        QCOMPARE(recreated.value(QLatin1String("datasetId")).toString(), QStringLiteral("ds-orders"));
        m_server->workload().answerRest("DELETE", QStringLiteral("reflection/") + ids.first(), QByteArray());
    }

    void cloudProjectPathsAndKeptReflectionRevert()
    {
        // Dremio Cloud: the same calls under /v0/projects/{id}; the recorded undo carries that path.
        FakeDremioServer cloud(FakeDremioServer::Flavor::Cloud);
        QString error;
        QVERIFY2(cloud.start(&error), qPrintable(error));
        MeasurementRequest request = cloudRequest(cloud);
        request.keep = true;
        const MeasurementResult result = measure(request);
        QVERIFY2(result.state == QLatin1String("done"), qPrintable(result.error));
        QCOMPARE(result.verdict, QStringLiteral("improved"));
        const QString prefix
            = QStringLiteral("DELETE /v0/projects/%1/reflection/").arg(QLatin1String(FakeDremioServer::ProjectId));
        QVERIFY2(result.undoStatements.value(0).startsWith(prefix), qPrintable(result.undoStatements.value(0)));
        QCOMPARE(cloud.workload().reflectionIds().size(), 1);
        QVERIFY2(DremioMeasurer::revert(
                     m_workspace->database(), result.id, request.dremio, QLatin1String(FakeDremioServer::Pat), &error),
            qPrintable(error));
        QVERIFY(cloud.workload().reflectionIds().isEmpty());
        QCOMPARE(cloud.countRequests(prefix), 1);
    }

    void optimizeTableMeasuredAgainstTheOldSnapshotAndRolledBack()
    {
        MeasurementRequest request = base(MeasurementRequest::Kind::OptimizeTable);
        request.table = QStringLiteral("Lake.events");
        request.applyStatements = {QStringLiteral("OPTIMIZE TABLE Lake.events REWRITE DATA USING BIN_PACK")};
        request.sqlBefore = EventsQuery;
        MeasurementResult result = measure(request);
        QCOMPARE(result.state, QStringLiteral("done"));
        QCOMPARE(result.verdict, QStringLiteral("improved"));
        QVERIFY(result.summary->medianBeforeMs >= 900 && result.summary->medianAfterMs < 305);
        QCOMPARE(result.undoStatements, QStringList {QStringLiteral("ROLLBACK TABLE Lake.events TO SNAPSHOT '5000'")});
        QCOMPARE(sqlContaining(QStringLiteral("FROM Lake.events AT SNAPSHOT '5000'")).size(), 6);
        QCOMPARE(m_server->workload().currentSnapshot(QStringLiteral("Lake.events")), QStringLiteral("5000"));
        QVERIFY(!m_server->workload().isCompacted(QStringLiteral("Lake.events")));

        request.keep = true;
        result = measure(request);
        QCOMPARE(result.state, QStringLiteral("done"));
        QVERIFY(result.applied);
        QVERIFY(m_server->workload().isCompacted(QStringLiteral("Lake.events")));
        QString error;
        QVERIFY2(DremioMeasurer::revert(
                     m_workspace->database(), result.id, connection(), QLatin1String(FakeDremioServer::Pat), &error),
            qPrintable(error));
        QCOMPARE(m_server->workload().currentSnapshot(QStringLiteral("Lake.events")), QStringLiteral("5000"));
    }

    void optimizeOfATableTheQueryDoesNotReadAppliesNothing()
    {
        MeasurementRequest request = base(MeasurementRequest::Kind::OptimizeTable);
        request.table = QStringLiteral("Lake.events");
        request.applyStatements = {QStringLiteral("OPTIMIZE TABLE Lake.events REWRITE DATA USING BIN_PACK")};
        request.sqlBefore = OrdersQuery;
        const int optimizes = sqlContaining(QStringLiteral("OPTIMIZE TABLE")).size();
        const MeasurementResult result = measure(request);
        QCOMPARE(result.state, QStringLiteral("failed"));
        QVERIFY2(result.error.contains(QStringLiteral("does not read Lake.events")), qPrintable(result.error));
        QCOMPARE(sqlContaining(QStringLiteral("OPTIMIZE TABLE")).size(), optimizes);
    }

    void rewriteMustReturnTheSameRows()
    {
        FakeDremioWorkload& workload = m_server->workload();
        workload.addQuery({QStringLiteral("/* slow form */"), QStringLiteral("Sales.items"), 600, 600, 600, 20, 3});
        workload.addQuery({QStringLiteral("/* fast form */"), QStringLiteral("Sales.items"), 150, 150, 150, 20, 3});
        workload.addQuery({QStringLiteral("/* wrong form */"), QStringLiteral("Sales.items"), 150, 150, 150, 20, 4});
        MeasurementRequest request = base(MeasurementRequest::Kind::SqlRewrite);
        request.sqlBefore = QStringLiteral("SELECT /* slow form */ id FROM Sales.items WHERE id NOT IN (SELECT 1)");
        request.sqlAfter = QStringLiteral("SELECT /* fast form */ id FROM Sales.items WHERE NOT EXISTS (SELECT 1)");
        MeasurementResult result = measure(request);
        QCOMPARE(result.state, QStringLiteral("done"));
        QCOMPARE(result.verdict, QStringLiteral("improved"));
        QCOMPARE(result.checksumBefore, result.checksumAfter);
        QCOMPARE(*result.rowsBefore, qint64(20));

        request.sqlAfter = QStringLiteral("SELECT /* wrong form */ id FROM Sales.items");
        result = measure(request);
        QCOMPARE(result.state, QStringLiteral("failed"));
        QCOMPARE(result.verdict, QStringLiteral("invalid"));
        QVERIFY2(result.error.contains(QStringLiteral("different results")), qPrintable(result.error));
        QVERIFY(!result.summary);
    }

    void medianRunStandsForItsSide()
    {
        QCOMPARE(DremioMeasurer::closestToMedian({}), qsizetype(-1));
        QCOMPARE(DremioMeasurer::closestToMedian({42}), qsizetype(0));
        QCOMPARE(DremioMeasurer::closestToMedian({900, 100, 500, 400, 700}), qsizetype(2)); // median 500
        // Even count: the median is 6 between 4 and 8, both 2 away: the first of them.
        QCOMPARE(DremioMeasurer::closestToMedian({10, 1, 4, 8}), qsizetype(2));
    }

    /// The profiles of one before and one after job come through the profile download and are
    /// stored as plan trees: the before job's without the reflection, the after job's with it.
    void reflectionPlansBeforeAndAfterAreStored()
    {
        DOPT_REQUIRE_SAMPLE(aggregatePath, "profile_21.6_csv_agg_1.json");
        DOPT_REQUIRE_SAMPLE(downloadPath, "profile_download_21.6.2.zip");
        const QByteArray beforeProfile = readSample(aggregatePath); // HASH_AGGREGATE over a CSV scan, 9 operators
        QByteArray afterProfile; // SELECT * FROM maxbyname, 8 operators
        QString error;
        QVERIFY2(ProfileZipReader::readLastAttempt(readSample(downloadPath), &afterProfile, &error), qPrintable(error));
        QVERIFY(m_server->setProfileForSql(QStringLiteral("exclude_reflections("), beforeProfile));
        QVERIFY(m_server->setProfileForSql(QStringLiteral("consider_reflections("), afterProfile));
        const int downloads = m_server->countRequests(QStringLiteral("/apiv2/support/"));

        const MeasurementResult result = measure(createReflectionRequest());
        m_server->clearJobProfiles();
        QCOMPARE(result.state, QStringLiteral("done"));
        QCOMPARE(result.verdict, QStringLiteral("improved"));
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        // One download per side, both stored with the measurement.
        QCOMPARE(m_server->countRequests(QStringLiteral("/apiv2/support/")), downloads + 2);
        const std::optional<MeasurementResult> stored
            = MeasurementStore(m_workspace->database()).get(result.id, &error);
        QVERIFY2(stored, qPrintable(error));
        const QJsonObject before = planObject(stored->planBefore);
        const QJsonObject after = planObject(stored->planAfter);
        QCOMPARE(before.value(QLatin1String("engine")).toString(), QStringLiteral("dremio"));
        QVERIFY2(!before.contains(QLatin1String("unavailable")), qPrintable(stored->planBefore.left(300)));
        QVERIFY2(!after.contains(QLatin1String("unavailable")), qPrintable(stored->planAfter.left(300)));
        const QString beforeJob = before.value(QLatin1String("job_id")).toString();
        const QString afterJob = after.value(QLatin1String("job_id")).toString();
        QVERIFY(!beforeJob.isEmpty() && beforeJob != afterJob);
        QCOMPARE(m_server->countRequests(QStringLiteral("POST /apiv2/support/%1/download").arg(beforeJob)), 1);
        QCOMPARE(m_server->countRequests(QStringLiteral("POST /apiv2/support/%1/download").arg(afterJob)), 1);
        // Each side holds its own job's plan (so the before job ran the before SQL), and they differ.
        const QJsonArray beforeTree = before.value(QLatin1String("tree")).toArray();
        const QJsonArray afterTree = after.value(QLatin1String("tree")).toArray();
        QCOMPARE(beforeTree, expectedTree(beforeProfile));
        QCOMPARE(afterTree, expectedTree(afterProfile));
        QCOMPARE(beforeTree.size(), 9);
        QCOMPARE(afterTree.size(), 8);
        QVERIFY(beforeTree != afterTree);
        // The fake can also give one job its own profile; DremioSyncClient downloads it as the measurer does.
        QVERIFY2(m_server->setJobProfile(beforeJob, afterProfile, &error), qPrintable(error));
        DremioSyncClient client(connection(), QLatin1String(FakeDremioServer::Pat), nullptr);
        QVERIFY2(client.prepare(&error), qPrintable(error));
        const DremioResponse download = client.downloadProfile(beforeJob);
        m_server->clearJobProfiles();
        QVERIFY2(download.ok(), qPrintable(download.message));
        QByteArray downloaded;
        QVERIFY2(ProfileZipReader::readLastAttempt(download.body, &downloaded, &error), qPrintable(error));
        QCOMPARE(downloaded, afterProfile);
    }

    /// A profile that cannot be had (HTTP 500, a body that is not a profile) leaves the verdict as
    /// measured; the plan says what went wrong.
    void failedProfileDownloadKeepsTheVerdict()
    {
        DOPT_REQUIRE_SAMPLE(aggregatePath, "profile_21.6_csv_agg_1.json");
        MeasurementRequest request = slowFastRewrite(QStringLiteral("plan"));
        QVERIFY(m_server->setProfileForSql(QStringLiteral("/* plan slow */"), readSample(aggregatePath)));
        QVERIFY(
            m_server->setProfileForSql(QStringLiteral("/* plan fast */"), QByteArrayLiteral("{\"id\": {\"part1\": ")));
        // 500 is not retried: the before job's download fails once and for all.
        const MeasurementResult result = measureWithFault(
            request, {QStringLiteral("POST /apiv2/support/"), FakeDremioServer::Fault::ServerError, 1});
        QCOMPARE(result.state, QStringLiteral("done"));
        QCOMPARE(result.verdict, QStringLiteral("improved"));
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        const QJsonObject before = planObject(result.planBefore);
        const QJsonObject after = planObject(result.planAfter);
        const QString beforeProblem = before.value(QLatin1String("unavailable")).toString();
        const QString afterProblem = after.value(QLatin1String("unavailable")).toString();
        QVERIFY2(beforeProblem.startsWith(QLatin1String("the profile download failed"))
                && beforeProblem.contains(QLatin1String("HTTP 500")),
            qPrintable(beforeProblem));
        QVERIFY2(afterProblem.contains(QLatin1String("could not be read")), qPrintable(afterProblem));
        QVERIFY(!before.contains(QLatin1String("tree")));
        QVERIFY(!after.contains(QLatin1String("tree")));
        // Stored as measured.
        QString error;
        const std::optional<MeasurementResult> stored
            = MeasurementStore(m_workspace->database()).get(result.id, &error);
        QVERIFY2(stored, qPrintable(error));
        QCOMPARE(stored->verdict, QStringLiteral("improved"));
        QCOMPARE(stored->planAfter, result.planAfter);
    }

    /// A profile download that gets no answer within the client's timeout (the fake delays it past
    /// that, on every attempt) leaves the verdict as measured; the plan says it timed out and after
    /// how long, apart from other failures. The other side's plan is downloaded as usual.
    void profileDownloadTimeoutIsSaidAsSuch()
    {
        DOPT_REQUIRE_SAMPLE(aggregatePath, "profile_21.6_csv_agg_1.json");
        MeasurementRequest request = slowFastRewrite(QStringLiteral("stall"));
        request.dremio.timeoutMs = 1500;
        request.dremio.maxAttempts = 2;
        const QByteArray profile = readSample(aggregatePath);
        QVERIFY(m_server->setProfileForSql(QStringLiteral("/* stall slow */"), profile));
        QVERIFY(m_server->setProfileForSql(QStringLiteral("/* stall fast */"), profile));
        // Both attempts of the first download (the before side's) are answered long after the timeout.
        FakeDremioServer::FaultRule stall {QStringLiteral("POST /apiv2/support/"), FakeDremioServer::Fault::Slow, 2};
        stall.delayMs = 4 * request.dremio.timeoutMs;
        QStringList planMessages;
        const MeasurementResult result
            = measureWithFault(request, stall, [&planMessages](const MeasurementProgress& p) {
                  if (p.phase == QLatin1String("plan"))
                      planMessages.append(p.message);
              });
        QCOMPARE(result.state, QStringLiteral("done"));
        QCOMPARE(result.verdict, QStringLiteral("improved"));
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        const QJsonObject before = planObject(result.planBefore);
        const QString beforeJob = before.value(QLatin1String("job_id")).toString();
        QVERIFY(!beforeJob.isEmpty());
        const QString problem = before.value(QLatin1String("unavailable")).toString();
        QCOMPARE(problem,
            QStringLiteral(
                "the profile download of job %1 timed out: Dremio at %2 sent nothing for 1.5 s (attempts: 2)")
                .arg(beforeJob, request.dremio.displayName()));
        QVERIFY(!before.contains(QLatin1String("tree")));
        QCOMPARE(m_server->countRequests(QStringLiteral("POST /apiv2/support/%1/download").arg(beforeJob)), 2);
        QVERIFY2(planMessages.contains(QStringLiteral("no before plan: ") + problem),
            qPrintable(planMessages.join(QLatin1Char('\n'))));
        const QJsonObject after = planObject(result.planAfter);
        QVERIFY2(!after.contains(QLatin1String("unavailable")), qPrintable(result.planAfter.left(300)));
        QCOMPARE(after.value(QLatin1String("tree")).toArray(), expectedTree(profile));
        // Stored as measured, with the reason.
        QString error;
        const std::optional<MeasurementResult> stored
            = MeasurementStore(m_workspace->database()).get(result.id, &error);
        QVERIFY2(stored, qPrintable(error));
        QCOMPARE(stored->verdict, QStringLiteral("improved"));
        QCOMPARE(planObject(stored->planBefore).value(QLatin1String("unavailable")).toString(), problem);
    }

    void cloudPlansAreUnavailableWithAReason()
    {
        FakeDremioServer cloud(FakeDremioServer::Flavor::Cloud);
        QString error;
        QVERIFY2(cloud.start(&error), qPrintable(error));
        MeasurementRequest request = cloudRequest(cloud);
        QStringList planMessages;
        const MeasurementResult result = measure(request, nullptr, [&planMessages](const MeasurementProgress& p) {
            if (p.phase == QLatin1String("plan"))
                planMessages.append(p.message);
        });
        QVERIFY2(result.state == QLatin1String("done"), qPrintable(result.error));
        QCOMPARE(result.verdict, QStringLiteral("improved"));
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(cloud.countRequests(QStringLiteral("/apiv2/")), 0); // nothing asked of an endpoint Cloud lacks
        QCOMPARE(planMessages.size(), 1); // said once
        for (const QString& stored : {result.planBefore, result.planAfter}) {
            const QString reason = planObject(stored).value(QLatin1String("unavailable")).toString();
            QVERIFY2(reason.startsWith(QLatin1String("Dremio Cloud offers no profile download")), qPrintable(reason));
            QVERIFY(!planObject(stored).value(QLatin1String("job_id")).toString().isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestDremioMeasure)
#include "tst_dremiomeasure.moc"
