// End-to-end: `measure` and `revert` of Dremio recommendations through the CLI against the fake
// Dremio (its speed-ups are its own; the protocol, the confirmation, the JSON and the undo are tested).
#include "analysis/recommendation.h"
#include "analysis/recommendationstore.h"
#include "analysis/reflectionplanner.h"
#include "clirun.h"
#include "dremiomeasurefixtures.h"
#include "fakedremioserver.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace dopt;
using dopt::test::CliRun;
using dopt::test::FakeDremioServer;

namespace {
const QString OrdersQuery = QStringLiteral("SELECT region, SUM(amount) FROM Sales.orders GROUP BY region");
const QString EventsQuery = QStringLiteral("SELECT kind, COUNT(*) FROM Lake.events GROUP BY kind");
} // namespace

class TestDremioMeasureCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeDremioServer> m_server;
    QString m_workspacePath;
    qint64 m_createId = 0;
    qint64 m_optimizeId = 0;
    qint64 m_dropId = 0;

    QStringList arguments(const QStringList& command) const
    {
        return QStringList {QStringLiteral("--workspace"), m_workspacePath} + command;
    }
    QString url() const { return m_server->baseUrl().toString(); }

    static QProcessEnvironment withToken()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("DREMIO_PASSWORD"));
        environment.insert(QStringLiteral("DREMIO_PAT"), QLatin1String(FakeDremioServer::Pat));
        return environment;
    }

    CliRun run(const QStringList& command, const QProcessEnvironment& environment = withToken())
    {
        return test::runCliServing(arguments(command), environment);
    }

    static QJsonObject json(const CliRun& run) { return QJsonDocument::fromJson(run.out).object(); }

    int posts() const { return m_server->countRequests(QStringLiteral("POST /api/v3/reflection")); }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<FakeDremioServer>();
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        m_server->setPollsUntilDone(0);
        auto& workload = m_server->workload();
        workload.setRefreshPolls(1);
        workload.addDataset(QStringLiteral("Sales.orders"), QStringLiteral("ds-orders"));
        workload.addQuery({QStringLiteral("FROM Sales.orders"), QStringLiteral("Sales.orders"), 800, 100, 300, 12, 1});
        workload.addIcebergTable(QStringLiteral("Lake.events"), QStringLiteral("7000"));
        workload.addQuery({QStringLiteral("FROM Lake.events"), QStringLiteral("Lake.events"), 900, 900, 250, 7, 1});

        m_workspacePath = test::tempDir() + QStringLiteral("/dremiomeasurecli.dopt");
        Workspace workspace;
        QVERIFY2(workspace.open(m_workspacePath, &error), qPrintable(error));
        RecommendationStore store(workspace.database());
        const Recommendation create = test::reflectionRecommendation(OrdersQuery, QStringLiteral("dopt_orders"));
        m_createId = store.upsert(create, &error);
        QVERIFY2(m_createId > 0, qPrintable(error));
        Recommendation optimize;
        optimize.key = QStringLiteral("small_files||Lake.events");
        optimize.detector = QStringLiteral("small_files");
        optimize.action = ActionKind::OptimizeTable;
        optimize.title = QStringLiteral("Compact Lake.events");
        optimize.measureSql = EventsQuery;
        optimize.dataset = QStringLiteral("Lake.events");
        optimize.definition = QJsonObject {{QStringLiteral("table"), QStringLiteral("Lake.events")}};
        m_optimizeId = store.upsert(optimize, &error);
        QVERIFY2(m_optimizeId > 0, qPrintable(error));
        const Recommendation drop = test::dropRecommendation(QStringLiteral("refl-unused"));
        m_dropId = store.upsert(drop, &error);
        QVERIFY2(m_dropId > 0, qPrintable(error));
    }

    void withoutYesOnlyShowsTheCalls()
    {
        const int before = posts();
        const CliRun shown
            = run({QStringLiteral("measure"), QString::number(m_createId), QStringLiteral("--dremio"), url()});
        QCOMPARE(shown.exitCode, 0);
        QVERIFY2(shown.err.contains(QStringLiteral("POST /api/v3/reflection {")), qPrintable(shown.err));
        QVERIFY(shown.err.contains(QStringLiteral("DELETE /api/v3/reflection/<new id>")));
        QVERIFY(shown.err.contains(QStringLiteral("nothing was applied")));
        QCOMPARE(posts(), before);
        QVERIFY(m_server->workload().reflectionIds().isEmpty());
    }

    void missingTokenFailsClearly()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("DREMIO_PAT"));
        environment.remove(QStringLiteral("DREMIO_PASSWORD"));
        const CliRun refused = run({QStringLiteral("measure"), QString::number(m_createId), QStringLiteral("--dremio"),
                                       url(), QStringLiteral("--yes")},
            environment);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("no credentials: set DREMIO_PAT")), qPrintable(refused.err));
    }

    void measureCreateReflectionAsJson()
    {
        const CliRun measured = run({QStringLiteral("measure"), QString::number(m_createId), QStringLiteral("--dremio"),
            url(), QStringLiteral("--yes"), QStringLiteral("--runs"), QStringLiteral("5"), QStringLiteral("--warmup"),
            QStringLiteral("1"), QStringLiteral("--json")});
        QVERIFY2(measured.exitCode == 0, qPrintable(measured.err));
        const QJsonObject result = json(measured);
        QCOMPARE(result.value(QLatin1String("verdict")).toString(), QStringLiteral("improved"));
        QCOMPARE(result.value(QLatin1String("engine")).toString(), QStringLiteral("dremio"));
        QCOMPARE(result.value(QLatin1String("action")).toString(), QStringLiteral("create_reflection"));
        QVERIFY(result.value(QLatin1String("speedup")).toDouble() > 7.5);
        QVERIFY(result.value(QLatin1String("speedup_ci_low")).toDouble() > 1.0);
        QVERIFY(!result.value(QLatin1String("applied")).toBool());
        QVERIFY(result.value(QLatin1String("id")).toInteger() > 0);
        QVERIFY(m_server->workload().reflectionIds().isEmpty()); // measured, then deleted again
        // The query timed is the recommendation's own, and the result says so.
        const QJsonObject measuredQuery = result.value(QLatin1String("measuredQuery")).toObject();
        QCOMPARE(measuredQuery.value(QLatin1String("sql")).toString(), OrdersQuery);
        QCOMPARE(measuredQuery.value(QLatin1String("chosenBy")).toString(), QStringLiteral("program"));
        QVERIFY2(measuredQuery.value(QLatin1String("reason"))
                     .toString()
                     .startsWith(QLatin1String("the statement the reflection is planned for (the reflection_missing")),
            qPrintable(measuredQuery.value(QLatin1String("reason")).toString()));
    }

    void applyThenRevert()
    {
        const CliRun applied = run({QStringLiteral("measure"), QString::number(m_createId), QStringLiteral("--dremio"),
            url(), QStringLiteral("--yes"), QStringLiteral("--apply"), QStringLiteral("--runs"), QStringLiteral("3"),
            QStringLiteral("--json")});
        QVERIFY2(applied.exitCode == 0, qPrintable(applied.err));
        const QJsonObject result = json(applied);
        QVERIFY(result.value(QLatin1String("applied")).toBool());
        const QString measurementId = QString::number(result.value(QLatin1String("id")).toInteger());
        QCOMPARE(m_server->workload().reflectionIds().size(), 1);
        const QString reflectionId = m_server->workload().reflectionIds().first();

        // Without --yes: the undo is shown, nothing happens.
        const CliRun shown = run({QStringLiteral("revert"), measurementId});
        QCOMPARE(shown.exitCode, 0);
        QVERIFY2(
            shown.err.contains(QStringLiteral("DELETE /api/v3/reflection/") + reflectionId), qPrintable(shown.err));
        QVERIFY(m_server->workload().hasReflection(reflectionId));

        const CliRun reverted = run(
            {QStringLiteral("revert"), measurementId, QStringLiteral("--yes"), QStringLiteral("--dremio"), url()});
        QVERIFY2(reverted.exitCode == 0, qPrintable(reverted.err));
        QVERIFY(reverted.out.contains("reverted"));
        QVERIFY(!m_server->workload().hasReflection(reflectionId));
        const CliRun again = run(
            {QStringLiteral("revert"), measurementId, QStringLiteral("--yes"), QStringLiteral("--dremio"), url()});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(QStringLiteral("nothing in place")), qPrintable(again.err));
    }

    void unauthorizedMidwayFailsAndUndoes()
    {
        m_server->addFault({QStringLiteral("GET /api/v3/job/"), FakeDremioServer::Fault::Unauthorized, 1});
        const CliRun failed = run({QStringLiteral("measure"), QString::number(m_createId), QStringLiteral("--dremio"),
            url(), QStringLiteral("--yes"), QStringLiteral("--runs"), QStringLiteral("3")});
        m_server->clearFaults();
        QCOMPARE(failed.exitCode, 1);
        QVERIFY2(failed.err.contains(QStringLiteral("HTTP 401")), qPrintable(failed.err));
        QVERIFY(failed.out.contains("the server is as it was"));
        QVERIFY(m_server->workload().reflectionIds().isEmpty());
    }

    void dropNeedsAQueryThenIsKeptAndRecreated()
    {
        m_server->workload().addReflection(
            QStringLiteral("refl-unused"), QStringLiteral("ds-orders"), QStringLiteral("unused raw"));
        const CliRun refused = run({QStringLiteral("measure"), QString::number(m_dropId), QStringLiteral("--dremio"),
            url(), QStringLiteral("--yes")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("give --sql")), qPrintable(refused.err));
        QVERIFY(m_server->workload().hasReflection(QStringLiteral("refl-unused")));
        // Once the workspace has jobs where it was chosen, their query is measured without --sql.
        {
            Workspace workspace;
            QString error;
            QVERIFY2(workspace.open(m_workspacePath, &error), qPrintable(error));
            QVERIFY2(test::addReflectionJobs(workspace.database(), QStringLiteral("refl-unused"), OrdersQuery,
                         QStringLiteral("CHOSEN"), 3, 1700000000000LL, &error),
                qPrintable(error));
        }
        // The human output ends with the query the program picked and why.
        const CliRun shown = run({QStringLiteral("measure"), QString::number(m_dropId), QStringLiteral("--dremio"),
            url(), QStringLiteral("--yes"), QStringLiteral("--runs"), QStringLiteral("2"), QStringLiteral("--warmup"),
            QStringLiteral("0")});
        QVERIFY2(shown.exitCode == 0, qPrintable(shown.err));
        QVERIFY2(QString::fromUtf8(shown.out).contains(
                     QStringLiteral("measured query (job refl-unused-CHOSEN-1700000000002): ") + OrdersQuery),
            shown.out.constData());
        QVERIFY2(shown.out.contains("chosen by the program: reflection refl-unused was CHOSEN for this statement in 3 "
                                    "runs of the workspace (last 2023-11-14 22:15 UTC)"),
            shown.out.constData());
        // A query named with --sql is the user's choice.
        const CliRun named = run({QStringLiteral("measure"), QString::number(m_dropId), QStringLiteral("--dremio"),
            url(), QStringLiteral("--yes"), QStringLiteral("--runs"), QStringLiteral("2"), QStringLiteral("--warmup"),
            QStringLiteral("0"), QStringLiteral("--sql"), EventsQuery, QStringLiteral("--json")});
        QVERIFY2(named.exitCode == 0, qPrintable(named.err));
        QCOMPARE(json(named).value(QLatin1String("measuredQuery")).toObject(),
            (QJsonObject {{QStringLiteral("sql"), EventsQuery},
                {QStringLiteral("reason"), QStringLiteral("given with --sql")},
                {QStringLiteral("chosenBy"), QStringLiteral("user")}}));
        QVERIFY(m_server->workload().hasReflection(QStringLiteral("refl-unused"))); // not kept: still there

        const CliRun dropped = run({QStringLiteral("measure"), QString::number(m_dropId), QStringLiteral("--dremio"),
            url(), QStringLiteral("--yes"), QStringLiteral("--apply"), QStringLiteral("--runs"), QStringLiteral("5"),
            QStringLiteral("--json")});
        QVERIFY2(dropped.exitCode == 0, qPrintable(dropped.err));
        QVERIFY2(dropped.err.contains(QStringLiteral("job refl-unused-CHOSEN-1700000000002 (CHOSEN in 3 runs")),
            qPrintable(dropped.err));
        QVERIFY(dropped.err.contains(OrdersQuery));
        const QJsonObject result = json(dropped);
        const QJsonObject measuredQuery = result.value(QLatin1String("measuredQuery")).toObject();
        QCOMPARE(measuredQuery.value(QLatin1String("sql")).toString(), OrdersQuery);
        QCOMPARE(
            measuredQuery.value(QLatin1String("jobId")).toString(), QStringLiteral("refl-unused-CHOSEN-1700000000002"));
        QCOMPARE(measuredQuery.value(QLatin1String("chosenBy")).toString(), QStringLiteral("program"));
        QVERIFY(measuredQuery.value(QLatin1String("reason"))
                    .toString()
                    .contains(QLatin1String("CHOSEN for this statement in 3 runs")));
        QCOMPARE(result.value(QLatin1String("verdict")).toString(),
            QStringLiteral("regressed")); // it served the query (5 pairs: enough for p < 0.05)
        QVERIFY(result.value(QLatin1String("applied")).toBool());
        QVERIFY(!m_server->workload().hasReflection(QStringLiteral("refl-unused")));
        const CliRun reverted
            = run({QStringLiteral("revert"), QString::number(result.value(QLatin1String("id")).toInteger()),
                QStringLiteral("--yes"), QStringLiteral("--dremio"), url()});
        QVERIFY2(reverted.exitCode == 0, qPrintable(reverted.err));
        const QStringList ids = m_server->workload().reflectionIds();
        QCOMPARE(ids.size(), 1);
        QCOMPARE(m_server->workload().reflection(ids.first()).value(QLatin1String("name")).toString(),
            QStringLiteral("unused raw"));
        m_server->workload().answerRest("DELETE", QStringLiteral("reflection/") + ids.first(), QByteArray());
    }

    void sigtermCancelsTheJobAndDeletesTheReflection()
    {
        // Jobs that never finish: the CLI is stopped (SIGTERM, as Ctrl-C) while it waits for one.
        m_server->setPollsUntilDone(1000000);
        const int cancels = m_server->countRequests(QStringLiteral("/cancel"));
        const int polls = m_server->countRequests(QStringLiteral("GET /api/v3/job/"));
        QProcess process;
        process.setProcessEnvironment(withToken());
        process.start(test::cliPath(),
            arguments({QStringLiteral("measure"), QString::number(m_createId), QStringLiteral("--dremio"), url(),
                QStringLiteral("--yes"), QStringLiteral("--runs"), QStringLiteral("3")}));
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(!m_server->workload().reflectionIds().isEmpty()
                && m_server->countRequests(QStringLiteral("GET /api/v3/job/")) > polls,
            60000);
        process.terminate();
        QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 60000);
        m_server->setPollsUntilDone(0);
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QCOMPARE(process.exitCode(), 1);
        QVERIFY2(err.contains(QStringLiteral("cancelled by the user")), qPrintable(err));
        QVERIFY2(m_server->countRequests(QStringLiteral("/cancel")) > cancels, // the job stopped on Dremio too
            qPrintable(m_server->requestLog().mid(m_server->requestLog().size() - 8).join(QLatin1Char('\n')) + err));
        QVERIFY(m_server->workload().reflectionIds().isEmpty());
    }

    void optimizeKeptThenRolledBack()
    {
        const CliRun kept = run({QStringLiteral("measure"), QString::number(m_optimizeId), QStringLiteral("--dremio"),
            url(), QStringLiteral("--yes"), QStringLiteral("--apply"), QStringLiteral("--runs"), QStringLiteral("4"),
            QStringLiteral("--json")});
        QVERIFY2(kept.exitCode == 0, qPrintable(kept.err));
        const QJsonObject result = json(kept);
        QCOMPARE(result.value(QLatin1String("verdict")).toString(), QStringLiteral("improved"));
        QCOMPARE(result.value(QLatin1String("undo_statements")).toArray().at(0).toString(),
            QStringLiteral("ROLLBACK TABLE Lake.events TO SNAPSHOT '7000'"));
        QVERIFY(m_server->workload().isCompacted(QStringLiteral("Lake.events")));
        const CliRun reverted
            = run({QStringLiteral("revert"), QString::number(result.value(QLatin1String("id")).toInteger()),
                QStringLiteral("--yes"), QStringLiteral("--dremio"), url()});
        QVERIFY2(reverted.exitCode == 0, qPrintable(reverted.err));
        QCOMPARE(m_server->workload().currentSnapshot(QStringLiteral("Lake.events")), QStringLiteral("7000"));
        QVERIFY(!m_server->workload().isCompacted(QStringLiteral("Lake.events")));
    }
};

QTEST_GUILESS_MAIN(TestDremioMeasureCli)
#include "tst_dremiomeasurecli.moc"
