// End-to-end tests of `collect --dremio` over HTTPS: the certificate of a private CA is refused with
// a clear message until --ca-file names that CA (there is no switch to ignore errors), and a collect
// with the CA stores the catalog entries and Iceberg partition statistics of the datasets it reads;
// collect then analyze report a query that hides an Iceberg partition column behind a function, with
// the partition counts collected through table_partitions and the range rewrite.
#include "clirun.h"
#include "fakedremioserver.h"
#include "icebergpruningscenario.h"
#include "testdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QtTest>

using namespace dopt;
using dopt::test::FakeDremioServer;
using dopt::test::IcebergPruningScenario;

namespace {

using test::CliRun;

CliRun runServing(const QStringList& arguments)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DREMIO_PASSWORD"));
    environment.insert(QStringLiteral("DREMIO_PAT"), QLatin1String(FakeDremioServer::Pat));
    return test::runCliServing(arguments, environment);
}

// `findings` or `recommend` --json for partition_pruning: the array the command prints (empty on failure).
QJsonArray pruningJson(const QStringList& workspace, const QString& key)
{
    const QString command = key == QLatin1String("findings") ? key : QStringLiteral("recommend");
    const CliRun run = runServing(workspace
        + QStringList {
            command, QStringLiteral("--json"), QStringLiteral("--detector"), QStringLiteral("partition_pruning")});
    if (run.exitCode != 0)
        qWarning("%s", qPrintable(run.err));
    return QJsonDocument::fromJson(run.out).object().value(key).toArray();
}

} // namespace

class TestConnectorCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void collectOverHttpsNeedsTheCaFile()
    {
        QString caFile;
        QString certificate;
        QString key;
        QString error;
        if (!FakeDremioServer::makeTestCertificates(test::tempDir(), &caFile, &certificate, &key, &error))
            QFAIL(qPrintable(error));
        FakeDremioServer server;
        QVERIFY2(server.enableTls(certificate, key, &error), qPrintable(error));
        QVERIFY2(server.start(&error), qPrintable(error));
        if (!server.loadSampleHistory(&error))
            QSKIP(qPrintable(error));
        QJsonObject row = server.templateRow();
        row.insert(QLatin1String("job_id"), QStringLiteral("Orders1"));
        row.insert(QLatin1String("submitted_epoch_millis"), qint64(1714040000000));
        row.insert(QLatin1String("queried_datasets"), QStringLiteral("[lake.sales.orders]"));
        server.appendHistoryRows(QJsonArray {row});
        server.setTableFiles(QStringLiteral("lake.sales.orders"), QVector<qint64>(4, 1 << 20), 100);
        server.setTablePartitions(QStringLiteral("lake.sales.orders"),
            {{QStringLiteral("{region=EU}"), 300, 3}, {QStringLiteral("{region=US}"), 100, 1}});
        server.setCatalogEntry({QStringLiteral("lake"), QStringLiteral("sales"), QStringLiteral("orders")},
            QJsonObject {{QLatin1String("entityType"), QStringLiteral("dataset")},
                {QLatin1String("id"), QStringLiteral("id-orders")},
                {QLatin1String("type"), QStringLiteral("PHYSICAL_DATASET")},
                {QLatin1String("fields"),
                    QJsonArray {QJsonObject {{QLatin1String("name"), QStringLiteral("region")},
                        {QLatin1String("type"), QJsonObject {{QLatin1String("name"), QStringLiteral("VARCHAR")}}}}}}});
        const QString workspace = test::tempDir() + QStringLiteral("/tls.dopt");
        const QStringList arguments {QStringLiteral("--workspace"), workspace, QStringLiteral("collect"),
            QStringLiteral("--dremio"), server.baseUrl().toString(), QStringLiteral("--profiles"), QStringLiteral("0")};

        const CliRun untrusted = runServing(arguments);
        QCOMPARE(untrusted.exitCode, 1);
        QVERIFY2(untrusted.err.contains(QLatin1String("TLS verification of 127.0.0.1")), qPrintable(untrusted.err));
        QVERIFY2(untrusted.err.contains(QLatin1String("CA certificate file")), qPrintable(untrusted.err));
        QCOMPARE(server.countRequests(QStringLiteral("/api/v3/sql")), 0);

        const CliRun missing = runServing(
            arguments + QStringList {QStringLiteral("--ca-file"), test::tempDir() + QStringLiteral("/missing.pem")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains(QLatin1String("Dremio CA file:")), qPrintable(missing.err));

        const CliRun trusted = runServing(arguments + QStringList {QStringLiteral("--ca-file"), caFile});
        QVERIFY2(trusted.exitCode == 0, qPrintable(trusted.err));
        const QJsonObject summary = QJsonDocument::fromJson(trusted.out).object();
        QCOMPARE(summary.value(QLatin1String("jobsAdded")).toInt(), 3);
        QCOMPARE(summary.value(QLatin1String("catalogEntries")).toInt(), 1);
        QCOMPARE(summary.value(QLatin1String("icebergTablesWithPartitionStats")).toInt(), 1);
        QVERIFY(server.countRequests(QStringLiteral("GET /api/v3/catalog/by-path/lake/sales/orders")) == 1);
    }

    void collectThenAnalyzeFindsTheUnprunedPartitionScan()
    {
        DOPT_REQUIRE_SAMPLE(sample, "profile_21.6_csv_agg_1.json");
        FakeDremioServer server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        QVERIFY2(IcebergPruningScenario::install(&server, &error), qPrintable(error));
        const QStringList workspace {QStringLiteral("--workspace"), test::tempDir() + QStringLiteral("/pruning.dopt")};

        const CliRun collect = runServing(workspace
            + QStringList {QStringLiteral("collect"), QStringLiteral("--dremio"), server.baseUrl().toString()});
        QVERIFY2(collect.exitCode == 0, qPrintable(collect.err));
        const QJsonObject collected = QJsonDocument::fromJson(collect.out).object();
        QCOMPARE(collected.value(QLatin1String("icebergTablesWithPartitionStats")).toInt(), 1);
        QCOMPARE(collected.value(QLatin1String("profilesFailed")).toInt(), 0);

        const CliRun analyze = runServing(workspace + QStringList {QStringLiteral("analyze")});
        QVERIFY2(analyze.exitCode == 0, qPrintable(analyze.err));
        const QJsonObject summary = QJsonDocument::fromJson(analyze.out).object();
        QCOMPARE(summary.value(QLatin1String("findingsPerDetector"))
                     .toObject()
                     .value(QLatin1String("partition_pruning"))
                     .toInt(),
            1);

        const QJsonArray found = pruningJson(workspace, QStringLiteral("findings"));
        QCOMPARE(found.size(), 1);
        const QJsonObject finding = found.at(0).toObject();
        QCOMPARE(finding.value(QLatin1String("sql")).toString(), IcebergPruningScenario::unprunedSql());
        QCOMPARE(finding.value(QLatin1String("occurrences")).toInt(), IcebergPruningScenario::unprunedJobIds().size());
        QHash<QString, double> evidence;
        for (const QJsonValue& item : finding.value(QLatin1String("evidence")).toArray())
            evidence.insert(item.toObject().value(QLatin1String("name")).toString(),
                item.toObject().value(QLatin1String("value")).toDouble());
        QCOMPARE(evidence.value(QStringLiteral("table_partitions")), double(IcebergPruningScenario::Partitions));
        QCOMPARE(evidence.value(QStringLiteral("splits")), double(IcebergPruningScenario::Files));
        QCOMPARE(evidence.value(QStringLiteral("share_of_table_files_read")), 1.0);

        const QJsonArray recommendations = pruningJson(workspace, QStringLiteral("recommendations"));
        QCOMPARE(recommendations.size(), 1);
        const QString after = recommendations.at(0).toObject().value(QLatin1String("sqlAfter")).toString();
        QVERIFY2(
            after.contains(QLatin1String("WHERE order_date >= DATE '2025-01-01' AND order_date < DATE '2026-01-01'")),
            qPrintable(after));
        QCOMPARE(recommendations.at(0).toObject().value(QLatin1String("action")).toString(),
            QStringLiteral("partition_filter"));
    }
};

QTEST_GUILESS_MAIN(TestConnectorCli)
#include "tst_connectorcli.moc"
