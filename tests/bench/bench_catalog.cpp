// Benchmark: the catalog stage of a collect run (GET catalog/by-path for the datasets the history
// names) against the fake Dremio answering each request after a fixed latency. Prints the stage's
// wall time with the default bounded concurrency and, as the reference measured in the same
// process, with one request at a time; plus the most requests the server saw in flight at once.
// Usage: bench_catalog [datasets] [latency ms]
#include "fakedremioserver.h"
#include "sources/dremio/historycollector.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <cstdio>

using namespace dopt;
using dopt::test::FakeDremioServer;

namespace {

struct Run
{
    qint64 elapsedMs = -1;
    int entries = 0;
    int maxInFlight = 0;
};

Run collectOnce(int datasets, int latencyMs, int concurrency, bool catalog)
{
    FakeDremioServer server;
    QString error;
    if (!server.start(&error) || !server.loadSampleHistory(&error)) {
        std::fprintf(stderr, "bench_catalog: %s\n", qPrintable(error));
        return {};
    }
    QJsonArray rows;
    for (int i = 0; i < datasets; ++i) {
        QJsonObject row = server.templateRow();
        const QString name = QStringLiteral("t%1").arg(i);
        row.insert(QLatin1String("job_id"), QStringLiteral("catalog-%1").arg(i));
        row.insert(QLatin1String("submitted_epoch_millis"), qint64(1714040000000) + i);
        row.insert(QLatin1String("queried_datasets"), QStringLiteral("[lake.sales.%1]").arg(name));
        rows.append(row);
        server.setCatalogEntry({QStringLiteral("lake"), QStringLiteral("sales"), name},
            QJsonObject {{QLatin1String("entityType"), QStringLiteral("dataset")},
                {QLatin1String("id"), QStringLiteral("id-%1").arg(i)},
                {QLatin1String("type"), QStringLiteral("PHYSICAL_DATASET")}});
    }
    server.appendHistoryRows(rows);
    server.setResponseDelayMs(latencyMs);
    Workspace workspace;
    if (!workspace.open(QDir(dopt::test::tempDir()).filePath(QStringLiteral("bench-catalog.sqlite")), &error)) {
        std::fprintf(stderr, "bench_catalog: %s\n", qPrintable(error));
        return {};
    }
    DremioConnection connection = DremioConnection::fromUrl(server.baseUrl().toString());
    connection.pollIntervalMs = 5;
    connection.maxConcurrent = concurrency;
    CollectOptions options;
    options.profiles = 0;
    options.reflections = false;
    options.fileStatsTables = 0;
    options.catalogDatasets = catalog ? datasets : 0;
    const CollectResult result
        = HistoryCollector::collect(workspace, connection, QLatin1String(FakeDremioServer::Pat), options);
    if (!result.ok) {
        std::fprintf(stderr, "bench_catalog: collect failed: %s\n", qPrintable(result.error));
        return {};
    }
    return {result.elapsedMs, result.catalogEntries, server.maxConcurrentRequests()};
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int datasets = args.size() > 1 ? args[1].toInt() : 200;
    const int latencyMs = args.size() > 2 ? args[2].toInt() : 50;
    const int concurrency = DremioConnection().maxConcurrent;

    // The history alone, to subtract from both runs (same rows, same latency).
    const Run history = collectOnce(datasets, latencyMs, concurrency, false);
    const Run bounded = collectOnce(datasets, latencyMs, concurrency, true);
    const Run sequential = collectOnce(datasets, latencyMs, 1, true);
    if (history.elapsedMs < 0 || bounded.elapsedMs < 0 || sequential.elapsedMs < 0)
        return 1;
    const double boundedMs = double(bounded.elapsedMs - history.elapsedMs);
    const double sequentialMs = double(sequential.elapsedMs - history.elapsedMs);
    std::printf("bench_catalog: %d catalog entries, %d ms server latency each\n", bounded.entries, latencyMs);
    std::printf("bench_catalog: catalog stage with at most %d in flight: %.2f s (%.1f ms per dataset); most "
                "requests in flight at the server: %d\n",
        concurrency, boundedMs / 1000.0, boundedMs / datasets, bounded.maxInFlight);
    std::printf("bench_catalog: reference, one at a time: %.2f s; bounded concurrency is %.2fx faster\n",
        sequentialMs / 1000.0, boundedMs > 0 ? sequentialMs / boundedMs : 0.0);
    return 0;
}
