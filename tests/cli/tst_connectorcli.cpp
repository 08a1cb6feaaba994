// End-to-end tests of `collect --dremio` over HTTPS: the certificate of a private CA is refused with
// a clear message until --ca-file names that CA (there is no switch to ignore errors), and a collect
// with the CA stores the catalog entries and Iceberg partition statistics of the datasets it reads.
#include "clirun.h"
#include "fakedremioserver.h"
#include "testdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QtTest>

using namespace dopt;
using dopt::test::FakeDremioServer;

namespace {

using test::CliRun;

CliRun runServing(const QStringList& arguments)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DREMIO_PASSWORD"));
    environment.insert(QStringLiteral("DREMIO_PAT"), QLatin1String(FakeDremioServer::Pat));
    return test::runCliServing(arguments, environment);
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
};

QTEST_GUILESS_MAIN(TestConnectorCli)
#include "tst_connectorcli.moc"
