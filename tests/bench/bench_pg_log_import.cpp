// PostgreSQL log import throughput and the duration of a full apply-and-measure.
//
// 1. A generated csvlog (simple-protocol statements with literals, extended-protocol executes with
//    "parameters:" details, some statements over several lines, parse/bind noise) is imported with
//    PgLogImporter into a fresh SQLite workspace; when pgbadger is installed it parses the same file
//    (-f csv -j 1, HTML report to a temporary file) and the ratio of the two throughputs is printed.
// 2. A throwaway PostgreSQL cluster with a 400,000-row table is measured with PostgresMeasurer for a
//    missing index (create, warm-up, plans, interleaved runs, undo) with 5 and with 20 runs.
// Prints figures; never asserts timings.
//
// usage: bench_pg_log_import [--entries N] [--no-measure]

#include "benchsupport.h"
#include "measure/postgresmeasurer.h"
#include "postgresserver.h"
#include "sources/postgres/pglogimporter.h"
#include "store/workspace.h"
#include "testdata.h"
#include "util/coreresources.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTextStream>

using namespace dopt;
using namespace dopt::bench;

namespace {

QByteArray csvQuote(const QByteArray& text)
{
    QByteArray quoted = text;
    quoted.replace('"', "\"\"");
    return '"' + quoted + '"';
}

/// Writes `entries` csvlog entries as PostgreSQL 15 does; returns the number of execution entries.
int writeCsvlog(const QString& path, int entries)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return 0;
    const QDateTime start(QDate(2026, 11, 23), QTime(8, 0), Qt::UTC);
    int executions = 0;
    for (int i = 0; i < entries; ++i) {
        const QByteArray time
            = start.addMSecs(i * 37LL).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")).toUtf8() + " UTC";
        const QByteArray session = QByteArray("6561f0a2.") + QByteArray::number(1000 + i % 50, 16);
        QByteArray message;
        QByteArray detail;
        switch (i % 5) {
        case 0:
        case 1:
            message = "duration: " + QByteArray::number(0.05 + (i % 997) * 0.731, 'f', 3)
                + " ms  statement: SELECT o.id, o.amount FROM orders o WHERE o.customer_id = "
                + QByteArray::number(i % 5000) + " AND o.status = 'open' ORDER BY o.created_at DESC LIMIT 50";
            ++executions;
            break;
        case 2:
            message = "duration: " + QByteArray::number(0.2 + (i % 313) * 0.117, 'f', 3)
                + " ms  execute <unnamed>: SELECT c.name, sum(o.amount) FROM orders o JOIN customers c ON c.id = "
                  "o.customer_id WHERE o.created_at >= $1 AND c.region = $2 GROUP BY c.name";
            detail = "parameters: $1 = '2026-11-" + QByteArray::number(1 + i % 28) + "', $2 = 'region "
                + QByteArray::number(i % 17) + "'";
            ++executions;
            break;
        case 3:
            message = "duration: 0.021 ms  bind <unnamed>: SELECT c.name FROM customers c WHERE c.id = $1";
            detail = "parameters: $1 = '" + QByteArray::number(i) + "'";
            break;
        default:
            message = "duration: " + QByteArray::number(1.5 + (i % 71) * 3.3, 'f', 3)
                + " ms  statement: UPDATE orders\n   SET status = 'shipped'\n WHERE id = " + QByteArray::number(i);
            ++executions;
            break;
        }
        QByteArray line = time + ",\"app\",\"shop\"," + QByteArray::number(20000 + i % 50) + ",\"10.0.0.5:51234\","
            + session + "," + QByteArray::number(i / 50 + 1) + ",\"SELECT\",\"2026-11-23 07:59:00 UTC\",\"3/"
            + QByteArray::number(i) + "\",0,LOG,00000," + csvQuote(message) + ","
            + (detail.isEmpty() ? QByteArray() : csvQuote(detail)) + ",,,,,,,,\"shop-api\",\"client backend\",,0\n";
        file.write(line);
    }
    return executions;
}

void benchLogImport(int entries)
{
    const QString path = test::tempDir() + QStringLiteral("/bench.csv");
    const int executions = writeCsvlog(path, entries);
    const double megabytes = QFileInfo(path).size() / (1024.0 * 1024.0);
    out() << QStringLiteral("csvlog: %1 entries (%2 executions), %3 MB")
                 .arg(entries)
                 .arg(executions)
                 .arg(megabytes, 0, 'f', 1)
          << Qt::endl;

    Workspace workspace;
    QString error;
    if (!workspace.open(test::tempDir() + QStringLiteral("/bench-log.dopt"), &error)) {
        out() << "cannot open the workspace: " << error << Qt::endl;
        return;
    }
    QElapsedTimer timer;
    timer.start();
    const PgLogImportResult result = PgLogImporter::importFile(workspace, path);
    const double ourSeconds = secondsSince(timer);
    if (!result.ok) {
        out() << "import failed: " << result.error << Qt::endl;
        return;
    }
    const double ours = entries / ourSeconds;
    out() << QStringLiteral("dremio-optimizer import-log: %1 s, %2 entries/s, %3 MB/s, %4 executions stored")
                 .arg(ourSeconds, 0, 'f', 2)
                 .arg(ours, 0, 'f', 0)
                 .arg(megabytes / ourSeconds, 0, 'f', 1)
                 .arg(result.jobs)
          << Qt::endl;

    const QString pgbadger = QStandardPaths::findExecutable(QStringLiteral("pgbadger"));
    if (pgbadger.isEmpty()) {
        out() << "pgbadger not installed (apt-get install pgbadger): no comparison" << Qt::endl;
        return;
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    timer.restart();
    process.start(pgbadger,
        {QStringLiteral("-f"), QStringLiteral("csv"), QStringLiteral("-j"), QStringLiteral("1"), QStringLiteral("-q"),
            QStringLiteral("-o"), test::tempDir() + QStringLiteral("/pgbadger.html"), path});
    process.waitForFinished(-1);
    const double badgerSeconds = secondsSince(timer);
    if (process.exitCode() != 0) {
        out() << "pgbadger failed: " << QString::fromLocal8Bit(process.readAll()).trimmed() << Qt::endl;
        return;
    }
    const double badger = entries / badgerSeconds;
    out() << QStringLiteral("pgbadger -f csv -j 1: %1 s, %2 entries/s")
                 .arg(badgerSeconds, 0, 'f', 2)
                 .arg(badger, 0, 'f', 0)
          << Qt::endl;
    out() << QStringLiteral("ratio (ours / pgbadger throughput): %1x").arg(ours / badger, 0, 'f', 2) << Qt::endl;
    out() << QStringLiteral("RESULT pg_log_import_vs_pgbadger %1x goal >= 1x").arg(ours / badger, 0, 'f', 2)
          << Qt::endl;
}

void benchMeasure()
{
    test::PostgresServer server;
    QString error;
    const QString schema = QStringLiteral(
        "CREATE TABLE events (id bigint PRIMARY KEY, account_id int NOT NULL, amount numeric);"
        "INSERT INTO events SELECT g, (g::bigint * 7919) % 10000, g % 1000 FROM generate_series(1, 400000) g;"
        "ANALYZE events; ALTER DATABASE shop SET max_parallel_workers_per_gather = 0;");
    QString url;
    if (!server.startWithDatabase(QStringLiteral("shop"), schema, &url, &error)) {
        out() << "PostgreSQL not available: " << error << Qt::endl;
        return;
    }
    Workspace workspace;
    if (url.isEmpty() || !workspace.open(test::tempDir() + QStringLiteral("/bench-measure.dopt"), &error)) {
        out() << "setup failed: " << error << Qt::endl;
        return;
    }
    double fiveSeconds = 0;
    for (int runs : {5, 20}) {
        MeasurementRequest request;
        request.kind = MeasurementRequest::Kind::CreateIndex;
        request.url = url;
        request.indexName = QStringLiteral("events_account_idx");
        request.applyStatements
            = {QStringLiteral("CREATE INDEX CONCURRENTLY events_account_idx ON events (account_id)")};
        request.undoStatements = {QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS events_account_idx")};
        request.sqlBefore = QStringLiteral("SELECT count(*), sum(amount) FROM events WHERE account_id = 42");
        request.runs = runs;
        request.warmupRuns = 2;
        QElapsedTimer timer;
        timer.start();
        const MeasurementResult result = PostgresMeasurer::measure(workspace.database(), request);
        const double seconds = secondsSince(timer);
        if (runs == 5)
            fiveSeconds = seconds;
        out() << QStringLiteral("apply-and-measure, %1 runs (+2 warm-up) per variant, 400k-row table: %2 s, state %3, "
                                "verdict %4, speedup %5x")
                     .arg(runs)
                     .arg(seconds, 0, 'f', 2)
                     .arg(result.state, result.verdict)
                     .arg(result.summary ? result.summary->speedup : 0, 0, 'f', 1)
              << Qt::endl;
        out() << QStringLiteral("RESULT pg_apply_and_measure_%1_runs %2s goal -").arg(runs).arg(seconds, 0, 'f', 2)
              << Qt::endl;
        if (runs == 20 && fiveSeconds > 0)
            out() << QStringLiteral("ratio 20 runs / 5 runs: %1x").arg(seconds / fiveSeconds, 0, 'f', 2) << Qt::endl;
    }
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    initCoreResources();
    const QStringList arguments = app.arguments();
    benchLogImport(intOption(arguments, QStringLiteral("--entries"), 200000));
    if (!arguments.contains(QStringLiteral("--no-measure")))
        benchMeasure();
    return 0;
}
