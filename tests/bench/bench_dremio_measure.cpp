// Benchmark: a full create-reflection apply-and-measure against the fake Dremio (on its own thread)
// with 5 and 20 runs per variant: wall time and our own overhead per job (the fake's job durations
// are virtual timestamps, so all wall time is ours: HTTP, polling, bookkeeping, the workspace
// writes). Reference in the same process: the same number of bare SQL jobs through DremioSyncClient.
// The before/after plans (two real sample profiles downloaded and parsed) are timed on their own.
// Usage: bench_dremio_measure [POLL_INTERVAL_MS (default 250, Dremio's client default)]
#include "analysis/reflectionplanner.h"
#include "benchsupport.h"
#include "fakedremioserver.h"
#include "measure/dremiomeasurer.h"
#include "measure/dremiosyncclient.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QThread>
#include <cstdio>

using namespace dopt;
using namespace dopt::bench;
using dopt::test::FakeDremioServer;

namespace {
const QString Query = QStringLiteral("SELECT region, SUM(amount) FROM Sales.orders GROUP BY region");
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int pollMs = app.arguments().size() > 1 ? app.arguments()[1].toInt() : 250;

    QThread serverThread;
    FakeDremioServer* server = fakeDremioOnThread(serverThread);
    QString error;
    bool started = false;
    QMetaObject::invokeMethod(
        server,
        [&]() {
            started = server->start(&error) && server->loadSampleProfiles(&error);
            server->workload().addDataset(QStringLiteral("Sales.orders"), QStringLiteral("ds-orders"));
            server->workload().addQuery(
                {QStringLiteral("FROM Sales.orders"), QStringLiteral("Sales.orders"), 800, 100, 300, 12, 1});
        },
        Qt::BlockingQueuedConnection);
    if (!started) {
        std::fprintf(stderr, "bench_dremio_measure: %s\n", qPrintable(error));
        return 1;
    }
    Workspace workspace;
    if (!workspace.open(QDir(test::tempDir()).filePath(QStringLiteral("bench-dremio-measure.dopt")), &error)) {
        std::fprintf(stderr, "bench_dremio_measure: %s\n", qPrintable(error));
        return 1;
    }
    DremioConnection connection = DremioConnection::fromUrl(server->baseUrl().toString());
    connection.pollIntervalMs = pollMs;
    int status = 0;
    for (const int runs : {5, 20}) {
        MeasurementRequest request;
        request.engine = QStringLiteral("dremio");
        request.kind = MeasurementRequest::Kind::CreateReflection;
        request.dremio = connection;
        request.dremioSecret = QLatin1String(FakeDremioServer::Pat);
        request.reflection = ReflectionPlanner::plan(Query, QStringLiteral("bench_orders")).toJson();
        request.sqlBefore = Query;
        request.runs = runs;
        request.warmupRuns = 2;
        QElapsedTimer clock;
        clock.start();
        qint64 plansStartMs = -1; // from the first plan download to the end
        const MeasurementResult result
            = DremioMeasurer::measure(workspace.database(), request, nullptr, [&](const MeasurementProgress& progress) {
                  if (progress.phase == QLatin1String("plan") && plansStartMs < 0)
                      plansStartMs = clock.elapsed();
              });
        const qint64 measureMs = clock.elapsed();
        const qint64 plansMs = plansStartMs < 0 ? 0 : measureMs - plansStartMs;
        const bool plansStored = result.planBefore.contains(QLatin1String("\"tree\""))
            && result.planAfter.contains(QLatin1String("\"tree\""));
        if (result.state != QLatin1String("done")) {
            std::fprintf(stderr, "bench_dremio_measure: %s\n", qPrintable(result.error));
            status = 1;
            continue;
        }
        const int jobs = int(result.runList.size());
        // Reference: the same number of jobs, submitted and polled bare (no reflection, no store).
        DremioSyncClient client(connection, QLatin1String(FakeDremioServer::Pat), nullptr);
        client.prepare(&error);
        clock.restart();
        for (int i = 0; i < jobs; ++i)
            client.runSql(Query, 60000, i < 2);
        const qint64 referenceMs = clock.elapsed();
        std::printf("bench_dremio_measure: %d runs per variant + 2 warm-ups (%d jobs, poll %d ms): %.2f s, %.0f ms of "
                    "our own time per job; bare jobs %.2f s; ratio %.2f (verdict %s, speedup %.1fx); before/after "
                    "plans %lld ms (%.1f%% of the measurement, %s)\n",
            runs, jobs, pollMs, measureMs / 1000.0, double(measureMs) / jobs, referenceMs / 1000.0,
            referenceMs > 0 ? double(measureMs) / referenceMs : 0.0, qPrintable(result.verdict),
            result.summary ? result.summary->speedup : 0.0, plansMs, measureMs > 0 ? 100.0 * plansMs / measureMs : 0.0,
            plansStored ? "stored" : "MISSING");
    }
    stopFakeDremioOnThread(server, serverThread);
    return status;
}
