// Benchmark: collect 100,000 history rows from the fake Dremio server (running on its own thread)
// into a fresh SQLite workspace. Prints wall time, peak RSS of the process (client and fake server
// together) and the share of wall time the collector spent outside waiting for the server.
// Usage: bench_collect [rows] [page size]
#include "benchsupport.h"
#include "fakedremioserver.h"
#include "sources/dremio/historycollector.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QThread>
#include <cstdio>

using namespace dopt;
using namespace dopt::bench;
using dopt::test::FakeDremioServer;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qint64 rows = args.size() > 1 ? args[1].toLongLong() : 100000;
    const int pageSize = args.size() > 2 ? args[2].toInt() : 500;

    QThread serverThread;
    FakeDremioServer* server = fakeDremioOnThread(serverThread);
    QString error;
    bool started = false;
    QMetaObject::invokeMethod(
        server, [&]() { started = server->start(&error); }, Qt::BlockingQueuedConnection);
    if (!started || !server->setGeneratedHistory(rows, 1714000000000, 250, &error)) {
        std::fprintf(stderr, "bench_collect: %s\n", qPrintable(error));
        return 1;
    }

    const QString path = QDir(dopt::test::tempDir()).filePath(QStringLiteral("bench-collect.sqlite"));
    Workspace workspace;
    if (!workspace.open(path, &error)) {
        std::fprintf(stderr, "bench_collect: %s\n", qPrintable(error));
        return 1;
    }
    DremioConnection connection = DremioConnection::fromUrl(server->baseUrl().toString());
    connection.pollIntervalMs = 5;
    CollectOptions options;
    options.profiles = 0;
    options.reflections = false;
    options.pageSize = pageSize;
    const CollectResult result
        = HistoryCollector::collect(workspace, connection, QLatin1String(FakeDremioServer::Pat), options);

    stopFakeDremioOnThread(server, serverThread);
    if (!result.ok) {
        std::fprintf(stderr, "bench_collect: collect failed: %s\n", qPrintable(result.error));
        return 1;
    }
    const double seconds = result.elapsedMs / 1000.0;
    const double outside = result.elapsedMs > 0 ? double(result.processingMs) / result.elapsedMs : 0;
    std::printf("bench_collect: %lld rows in %d pages of %d: %.2f s (%.0f rows/s), jobs added %lld\n",
        static_cast<long long>(result.historyRows), result.historyPages, pageSize, seconds,
        seconds > 0 ? result.historyRows / seconds : 0.0, static_cast<long long>(result.jobsAdded));
    std::printf(
        "bench_collect: outside waiting for the server (mapping + storing pages) %.2f s = %.1f %% of wall time; "
        "a request was in flight %.1f %% of wall time (the next page is fetched while one is stored)\n",
        result.processingMs / 1000.0, outside * 100.0,
        result.elapsedMs > 0 ? 100.0 * result.serverWaitMs / result.elapsedMs : 0.0);
    std::printf("bench_collect: peak RSS %.1f MiB (client and fake server in one process)\n", peakRssKiB() / 1024.0);
    return 0;
}
