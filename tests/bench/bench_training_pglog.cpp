// Run-time model accuracy on a PostgreSQL log-derived history: a throwaway PostgreSQL cluster
// logs every statement with its duration (csvlog); a workload of query shapes with varying
// literals runs against a generated table; the log is imported with PgLogImporter into a SQLite
// workspace and the model is trained on it. A plain log carries no plan or scan figures, so the
// model has the fingerprint's history, time and concurrency only; with --plans the server also logs
// auto_explain's JSON plans, which the importer stores as each execution's profile (rows scanned,
// cost, operators). Prints figures; never asserts.
//
// usage: bench_training_pglog [--queries N] [--rows N] [--plans]

#include "benchsupport.h"
#include "ml/features.h"
#include "ml/modeltrainer.h"
#include "postgresserver.h"
#include "sources/postgres/pgconnection.h"
#include "sources/postgres/pglogimporter.h"
#include "store/workspace.h"
#include "testdata.h"
#include "util/coreresources.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTextStream>
#include <QThread>
#include <utility>

using namespace dopt;
using namespace dopt::bench;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    initCoreResources();
    QTextStream& out = bench::out();
    const QStringList args = app.arguments();
    const int queries = intOption(args, QStringLiteral("--queries"), 3000);
    const int rows = intOption(args, QStringLiteral("--rows"), 50000);
    const bool plans = args.contains(QStringLiteral("--plans"));

    test::PostgresServer server;
    if (plans)
        server.logPlans();
    const QString schema
        = QStringLiteral("CREATE TABLE events AS SELECT g AS id, g %% 500 AS grp, md5(g::text) AS payload "
                         "FROM generate_series(1, %1) g; CREATE INDEX events_grp ON events (grp); ANALYZE events;")
              .arg(rows)
              .replace(QStringLiteral("%%"), QStringLiteral("%"));
    QString error;
    QString url;
    if (!server.startLogged(QStringLiteral("csvlog"), QStringLiteral("bench"), &url, &error, schema)) {
        out << "PostgreSQL: " << error << Qt::endl;
        return 1;
    }
    PgConnection connection;
    if (url.isEmpty() || !connection.open(url, &error)) {
        out << error << Qt::endl;
        return 1;
    }
    // Shapes whose cost depends on their literals (range sizes, LIMITs, series lengths) and on the index.
    QRandomGenerator random(20261123);
    QStringList statements; // one query per statement, so the log has one duration line per execution
    QString script;
    for (int i = 0; i < queries; ++i) {
        if (!script.isEmpty())
            statements.append(std::exchange(script, QString()));
        const int n = int(random.bounded(1000, rows));
        switch (i % 5) {
        case 0:
            script += QStringLiteral("SELECT count(*) FROM events WHERE id < %1;\n").arg(n);
            break;
        case 1:
            script += QStringLiteral("SELECT * FROM events WHERE grp = %1;\n").arg(random.bounded(500));
            break;
        case 2:
            script += QStringLiteral("SELECT grp, count(*) FROM events WHERE id < %1 GROUP BY grp;\n").arg(n);
            break;
        case 3:
            script += QStringLiteral("SELECT id FROM events ORDER BY payload LIMIT %1;\n").arg(random.bounded(1, 5000));
            break;
        default:
            script += QStringLiteral("SELECT count(*) FROM generate_series(1, %1);\n").arg(n * 3);
        }
    }
    script += QStringLiteral("SELECT 'bench_done_marker';\n");
    statements.append(script);
    QElapsedTimer timer;
    timer.start();
    for (const QString& statement : std::as_const(statements)) {
        const PgResult result = connection.exec(statement);
        if (!result.ok) {
            out << "PostgreSQL: " << result.error << Qt::endl;
            return 1;
        }
    }
    out << queries << " statements run in " << timer.elapsed() / 1000.0 << " s" << Qt::endl;
    const QString log = server.waitForLog(QStringLiteral("csv"), QStringLiteral("bench_done_marker"));
    if (log.isEmpty()) {
        out << "PostgreSQL: the log has no bench_done_marker after 10 s" << Qt::endl;
        return 1;
    }
    Workspace workspace;
    if (!workspace.open(test::tempDir() + QStringLiteral("/pglog.dopt"), &error)) {
        out << error << Qt::endl;
        return 1;
    }
    timer.restart();
    const PgLogImportResult imported = PgLogImporter::importFile(workspace, log);
    if (!imported.ok) {
        out << imported.error << Qt::endl;
        return 1;
    }
    out << "imported " << imported.jobs << " jobs (" << imported.plans << " with their auto_explain plan) from "
        << imported.entries << " log entries in " << secondsSince(timer) << " s" << Qt::endl;
    FeatureSet features;
    if (!FeatureExtractor::extract(workspace.database(), {}, &features, &error)) {
        out << error << Qt::endl;
        return 1;
    }
    timer.restart();
    TrainingResult result;
    if (!ModelTrainer::train(features, {}, nullptr, {}, &result, &error)) {
        out << error << Qt::endl;
        return 1;
    }
    const QJsonObject& m = result.model.metrics;
    out << "trained " << result.model.family() << " on " << result.trainRows << " jobs in " << timer.elapsed() / 1000.0
        << " s; held out " << result.testRows << ": R2(log) " << m.value(QStringLiteral("r2_log")).toDouble()
        << ", MAE " << m.value(QStringLiteral("mae_ms")).toDouble() << " ms, median q-error "
        << m.value(QStringLiteral("median_q_error")).toDouble() << ", within 20% "
        << m.value(QStringLiteral("within_20pct")).toDouble() << ", 80% interval coverage "
        << m.value(QStringLiteral("coverage_80")).toDouble()
        << ", reference (shape median of other held-out runs) within 20% "
        << m.value(QStringLiteral("repeat_within_20pct")).toDouble() << Qt::endl;
    out << "most important:";
    for (qsizetype i = 0; i < std::min<qsizetype>(4, result.model.importance.size()); ++i)
        out << ' ' << result.model.importance[i].toObject().value(QStringLiteral("feature")).toString();
    out << Qt::endl;
    workspace.close();
    return 0;
}
