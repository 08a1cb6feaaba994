// The correlated scalar subquery rewrite measured on PostgreSQL through the real apply-and-measure
// path: a throwaway cluster with `customers` and `orders`, the subquery_rewrite recommendation for
//   SELECT c.id, c.name, (SELECT SUM(o.total) FROM orders o WHERE o.customer_id = c.id) AS spent
//   FROM customers c
// built from a PostgreSQL job, then PostgresMeasurer (same rows and checksum required, interleaved
// runs) without and with an index on orders.customer_id. PostgreSQL runs the subquery as a SubPlan
// per customer; the rewrite aggregates orders once. The same for the unaliased
//   SELECT c.id, c.name, (SELECT COALESCE(SUM(o.total), 0) ...) FROM customers c
// (rewritten since the engine's column name is kept as an explicit alias). Prints figures; never
// asserts timings.
//
// usage: bench_scalar_subquery_rewrite [--customers N] [--orders N] [--runs N]

#include "analysis/recommendationengine.h"
#include "analysis/subqueryrewritedetector.h"
#include "benchsupport.h"
#include "detectorcorpus.h"
#include "measure/measurementrequest.h"
#include "measure/postgresmeasurer.h"
#include "postgresserver.h"
#include "store/workspace.h"
#include "testdata.h"
#include "util/coreresources.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace dopt;
using namespace dopt::bench;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    initCoreResources();
    const QStringList args = app.arguments();
    const int customers = intOption(args, QStringLiteral("--customers"), 2000);
    const int orders = intOption(args, QStringLiteral("--orders"), 40000);
    const int runs = intOption(args, QStringLiteral("--runs"), 5);

    test::PostgresServer server;
    QString error;
    const QString schema
        = QStringLiteral("ALTER DATABASE shop SET max_parallel_workers_per_gather = 0;"
                         "CREATE TABLE customers (id int, name text);"
                         "INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, %1) g;"
                         "CREATE TABLE orders (id int, customer_id int, total numeric);"
                         "INSERT INTO orders SELECT g, mod(g * 7919, %1 + %1 / 10), mod(g, 500) FROM "
                         "generate_series(1, %2) g;"
                         "ANALYZE;")
              .arg(customers)
              .arg(orders);
    QString url;
    if (!server.startWithDatabase(QStringLiteral("shop"), schema, &url, &error)) {
        out() << "PostgreSQL not available: " << error << Qt::endl;
        return 0;
    }
    if (url.isEmpty()) {
        out() << "cannot create the database and load the data: " << error << Qt::endl;
        return 1;
    }
    Workspace workspace;
    if (!workspace.open(test::tempDir() + QStringLiteral("/bench-scalar.dopt"), &error)) {
        out() << "cannot open the workspace: " << error << Qt::endl;
        return 1;
    }

    // The shape rewritten since the first version, and an unaliased one with COALESCE around the
    // aggregate (rewritten with PostgreSQL's column name, `coalesce`, as its alias).
    const QVector<std::pair<QString, QString>> statements {
        {QStringLiteral(""),
            QStringLiteral("SELECT c.id, c.name, (SELECT SUM(o.total) FROM orders o WHERE o.customer_id = c.id) AS "
                           "spent FROM customers c")},
        {QStringLiteral("unaliased_"),
            QStringLiteral("SELECT c.id, c.name, (SELECT COALESCE(SUM(o.total), 0) FROM orders o WHERE o.customer_id "
                           "= c.id) FROM customers c")},
    };
    QVector<MeasurementRequest> requests;
    for (const auto& [name, sql] : statements) {
        Job job;
        job.engine = QStringLiteral("postgresql");
        job.jobId = QStringLiteral("pg-bench-%1").arg(requests.size());
        job.durationMs = 10000;
        job.sql = sql;
        const QVector<Recommendation> recs
            = RecommendationEngine::build(test::detectStatement(SubqueryRewriteDetector(), job), {}, WorkspaceFacts {});
        std::optional<MeasurementRequest> request
            = recs.isEmpty() ? std::nullopt : MeasurementRequest::fromRecommendation(recs.first(), &error);
        if (!request || request->sqlAfter.isEmpty()) {
            out() << "no measurable rewrite: " << error << Qt::endl;
            return 1;
        }
        request->url = url;
        request->runs = runs;
        request->warmupRuns = 1;
        out() << QStringLiteral("%1 customers, %2 orders; rewrite:\n  %3")
                     .arg(customers)
                     .arg(orders)
                     .arg(request->sqlAfter)
              << Qt::endl;
        requests.append(*request);
    }

    for (const bool indexed : {false, true}) {
        if (indexed)
            server.psql(QStringLiteral("shop"),
                QStringLiteral("CREATE INDEX orders_customer_idx ON orders (customer_id); ANALYZE orders;"), &error);
        for (qsizetype i = 0; i < requests.size(); ++i) {
            const MeasurementResult result = PostgresMeasurer::measure(workspace.database(), requests[i]);
            const QString label
                = statements[i].first + (indexed ? QStringLiteral("indexed") : QStringLiteral("no_index"));
            if (result.state != QLatin1String("done") || !result.summary) {
                out() << label << ": measurement failed: " << result.error << Qt::endl;
                continue;
            }
            const MeasurementSummary& s = *result.summary;
            out() << QStringLiteral("%1: %2 rows both (checksum %3), median %4 ms before, %5 ms after, verdict %6")
                         .arg(label)
                         .arg(result.rowsBefore.value_or(-1))
                         .arg(result.checksumBefore)
                         .arg(s.medianBeforeMs, 0, 'f', 1)
                         .arg(s.medianAfterMs, 0, 'f', 1)
                         .arg(result.verdict)
                  << Qt::endl;
            out() << QStringLiteral("RESULT scalar_subquery_rewrite_speedup_%1 %2x goal -")
                         .arg(label)
                         .arg(s.speedup, 0, 'f', 2)
                  << Qt::endl;
        }
    }
    return 0;
}
