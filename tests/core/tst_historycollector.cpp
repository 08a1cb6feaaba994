// Tests of the live-Dremio collector against the fake Dremio server: incremental history with a
// per-source watermark, profiles, reflections, and every injected fault with the message the user
// sees and the workspace left consistent.
#include "fakedremioserver.h"
#include "sources/dremio/dremiocatalogreader.h"
#include "sources/dremio/dremiocatalogrepository.h"
#include "sources/dremio/dremioclient.h"
#include "sources/dremio/dremiosourcerepository.h"
#include "sources/dremio/historycollector.h"
#include "store/importrunrepository.h"
#include "store/jobrepository.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>
#include <memory>

using namespace dopt;
using dopt::test::FakeDremioServer;

class TestHistoryCollector : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeDremioServer> m_server;
    std::unique_ptr<Workspace> m_workspace;
    QString m_path;

    void startServer(FakeDremioServer::Flavor flavor)
    {
        m_server = std::make_unique<FakeDremioServer>(flavor);
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
    }

    DremioConnection connection() const
    {
        DremioConnection connection = DremioConnection::fromUrl(m_server->baseUrl().toString(),
            m_server->flavor() == FakeDremioServer::Flavor::Cloud ? QLatin1String(FakeDremioServer::ProjectId)
                                                                  : QString());
        connection.retryBaseMs = 10;
        connection.pollIntervalMs = 5;
        connection.pollMaxIntervalMs = 20;
        connection.maxAttempts = 3;
        return connection;
    }

    CollectResult collect(const CollectOptions& options, const DremioConnection& target,
        const QString& secret = QLatin1String(FakeDremioServer::Pat))
    {
        return HistoryCollector::collect(*m_workspace, target, secret, options);
    }

    CollectResult collect(int profiles = 0, bool reflections = false, int fileStatsTables = 0)
    {
        CollectOptions options;
        options.profiles = profiles;
        options.reflections = reflections;
        options.fileStatsTables = fileStatsTables;
        options.catalogDatasets = 0; // catalog entries have their own test
        return collect(options, connection());
    }

    qint64 scalar(const QString& sql)
    {
        QSqlQuery query(m_workspace->database());
        if (!query.exec(sql) || !query.next())
            return -1;
        return query.value(0).isNull() ? -2 : query.value(0).toLongLong();
    }

    // The invariants every run must leave behind, whatever happened: one row per job, the watermark
    // at the newest committed job, every run finished with a status.
    void verifyConsistent(const CollectResult& result, const QString& expectedStatus)
    {
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM (SELECT job_id FROM jobs GROUP BY engine, job_id, attempt "
                                       "HAVING COUNT(*) > 1) d")),
            0);
        const qint64 newest
            = scalar(QStringLiteral("SELECT MAX(submitted_ms) FROM jobs WHERE source_id = %1").arg(result.sourceId));
        const qint64 watermark = scalar(
            QStringLiteral("SELECT watermark_ms FROM dremio_connections WHERE source_id = %1").arg(result.sourceId));
        QCOMPARE(watermark, newest);
        if (result.importRunId >= 0) {
            const auto run = ImportRunRepository(m_workspace->database()).find(result.importRunId);
            QVERIFY(run.has_value());
            QCOMPARE(run->status, expectedStatus);
            QVERIFY(run->finishedMs.has_value());
            QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM collect_runs WHERE import_run_id = %1")
                                .arg(result.importRunId)),
                1);
        }
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM import_runs WHERE status = 'running'")), 0);
    }

private Q_SLOTS:
    void init()
    {
        m_path = QDir(dopt::test::tempDir()).filePath(QStringLiteral("collect.sqlite"));
        m_workspace = std::make_unique<Workspace>();
        // Schema 2 holds the Dremio tables (until the store's CurrentSchemaVersion includes it).
        m_workspace->setTargetSchemaVersion(qMax(2, Workspace::CurrentSchemaVersion));
        QString error;
        QVERIFY2(m_workspace->open(m_path, &error), qPrintable(error));
        DOPT_REQUIRE_SAMPLE(history, "sys_jobs_recent_results.json");
    }

    void cleanup()
    {
        m_server.reset();
        m_workspace.reset();
    }

    void softwareSampleHistoryIsCollectedIncrementally()
    {
        startServer(FakeDremioServer::Flavor::Software);
        QString error;
        QVERIFY2(m_server->loadSampleHistory(&error), qPrintable(error));
        CollectResult result = collect();
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.jobsAdded, 2);
        QCOMPARE(result.historyRows, 2);
        QCOMPARE(result.watermarkAfterMs.value_or(0), 1714033458006);
        verifyConsistent(result, QStringLiteral("completed"));
        const auto job = JobRepository(m_workspace->database()).findByJobId(QStringLiteral("Query2"));
        QVERIFY(job.has_value());
        QCOMPARE(job->job.sql, QStringLiteral("SELECT * FROM sys.jobs LIMIT 100000"));
        QCOMPARE(job->job.state, QStringLiteral("COMPLETED"));

        // Second run: asks only from the watermark on, and the row seen again is ignored.
        result = collect();
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.jobsAdded, 0);
        QVERIFY2(m_server->submittedSql().last().contains(QLatin1String("submitted_epoch_millis >= 1714033458006")),
            qPrintable(m_server->submittedSql().last()));
        QCOMPARE(result.historyRows, 1);

        // A new job on the server is picked up by the next run.
        QJsonObject row = m_server->templateRow();
        row.insert(QLatin1String("job_id"), QStringLiteral("Query3"));
        row.insert(QLatin1String("submitted_epoch_millis"), qint64(1714040000000));
        m_server->appendHistoryRows(QJsonArray {row});
        result = collect();
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.jobsAdded, 1);
        QCOMPARE(result.watermarkAfterMs.value_or(0), 1714040000000);
        verifyConsistent(result, QStringLiteral("completed"));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM jobs")), 3);
    }

    void icebergFileStatisticsOfTheMostScannedTables()
    {
        startServer(FakeDremioServer::Flavor::Software);
        QString error;
        QVERIFY2(m_server->loadSampleHistory(&error), qPrintable(error));
        // First run: none of the scanned tables is Iceberg: one warning, nothing stored, run completes.
        CollectResult result = collect(0, false, 5);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.fileStatsTables, 0);
        QVERIFY2(result.warnings.join(QLatin1Char('\n')).contains(QLatin1String("no Iceberg file statistics for")),
            qPrintable(result.warnings.join(QLatin1Char('\n'))));
        DremioSourceRepository sources(m_workspace->database());
        const QStringList top = sources.topDatasets(result.sourceId, 5, &error);
        QVERIFY2(!top.isEmpty(), qPrintable(error));

        // 300 files of 1 MiB (a streaming writer) and 2 of 600 MiB (after a compaction).
        QVector<qint64> sizes(300, 1024 * 1024);
        sizes << 600LL * 1024 * 1024 << 600LL * 1024 * 1024;
        m_server->setTableFiles(top.first(), sizes, 1000);
        result = collect(0, false, 5);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.fileStatsTables, 1);
        QVERIFY(m_server->submittedSql().contains(HistoryCollector::fileStatsSql(top.first())));
        const QVector<IcebergFileStats> stats = sources.fileStats(result.sourceId, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(stats.size(), 1);
        QCOMPARE(stats[0].datasetPath, top.first());
        QCOMPARE(stats[0].fileCount, 302);
        QCOMPARE(stats[0].smallFiles, 300);
        QCOMPARE(stats[0].totalBytes, 300LL * 1024 * 1024 + 1200LL * 1024 * 1024);
        QCOMPARE(stats[0].recordCount, 302000);
        QCOMPARE(stats[0].minFileBytes.value_or(-1), 1024 * 1024);
        QCOMPARE(stats[0].maxFileBytes.value_or(-1), 600LL * 1024 * 1024);
        QVERIFY(stats[0].smallThresholdBytes > 100LL * 1024 * 1024); // OPTIMIZE's default minimum size
        QCOMPARE(result.toJson().value(QLatin1String("icebergTablesWithFileStats")).toInt(), 1);

        // A path with a quote stays one string literal.
        QVERIFY(HistoryCollector::fileStatsSql(QStringLiteral("lake.\"it's\""))
                    .contains(QLatin1String("table_files('lake.\"it''s\"')")));
    }

    void partitionsAndCatalogEntriesOfTheMostReadDatasets()
    {
        startServer(FakeDremioServer::Flavor::Software);
        QString error;
        QVERIFY2(m_server->loadSampleHistory(&error), qPrintable(error));
        QJsonArray rows;
        for (int i = 0; i < 3; ++i) {
            QJsonObject row = m_server->templateRow();
            row.insert(QLatin1String("job_id"), QStringLiteral("Orders%1").arg(i));
            row.insert(QLatin1String("submitted_epoch_millis"), qint64(1714040000000) + i);
            row.insert(QLatin1String("queried_datasets"),
                i == 0 ? QStringLiteral("[lake.sales.orders, lake.sales.dropped]")
                       : QStringLiteral("[lake.sales.orders]"));
            rows.append(row);
        }
        m_server->appendHistoryRows(rows);
        m_server->setTableFiles(QStringLiteral("lake.sales.orders"), QVector<qint64>(10, 64LL * 1024 * 1024), 900);
        m_server->setTablePartitions(QStringLiteral("lake.sales.orders"),
            {{QStringLiteral("{dt=2024-05-01}"), 1000, 2}, {QStringLiteral("{dt=2024-05-02}"), 1000, 2},
                {QStringLiteral("{dt=2024-05-03}"), 7000, 6}});
        const QJsonObject field {{QLatin1String("name"), QStringLiteral("order_id")},
            {QLatin1String("type"), QJsonObject {{QLatin1String("name"), QStringLiteral("BIGINT")}}}};
        QJsonArray fields {field, field, field};
        m_server->setCatalogEntry({QStringLiteral("lake"), QStringLiteral("sales"), QStringLiteral("orders")},
            QJsonObject {{QLatin1String("entityType"), QStringLiteral("dataset")},
                {QLatin1String("id"), QStringLiteral("a1b2-orders")},
                {QLatin1String("type"), QStringLiteral("PHYSICAL_DATASET")},
                {QLatin1String("path"),
                    QJsonArray {QStringLiteral("lake"), QStringLiteral("sales"), QStringLiteral("orders")}},
                {QLatin1String("tag"), QStringLiteral("t9")},
                {QLatin1String("createdAt"), QStringLiteral("2024-05-01T10:00:00.000Z")},
                {QLatin1String("format"), QJsonObject {{QLatin1String("type"), QStringLiteral("Iceberg")}}},
                {QLatin1String("fields"), fields}});
        // A transient failure of one catalog request is retried, not reported.
        m_server->addFault(
            {QStringLiteral("catalog/by-path/lake/sales/orders"), FakeDremioServer::Fault::ServiceUnavailable, 1});

        CollectOptions options;
        options.profiles = 0;
        options.reflections = false;
        options.fileStatsTables = 5;
        options.catalogDatasets = 10;
        const CollectResult result = collect(options, connection());
        QVERIFY2(result.ok, qPrintable(result.error));
        verifyConsistent(result, QStringLiteral("completed"));
        QCOMPARE(result.partitionStatsTables, 1);
        QVERIFY(m_server->submittedSql().contains(
            DremioCatalogReader::partitionStatsSql(QStringLiteral("lake.sales.orders"))));
        DremioCatalogRepository catalog(m_workspace->database());
        const QVector<IcebergPartitionStats> partitions = catalog.partitionStats(result.sourceId, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(partitions.size(), 1);
        QCOMPARE(partitions[0].datasetPath, QStringLiteral("lake.sales.orders"));
        QCOMPARE(partitions[0].partitionColumns, QStringList {QStringLiteral("dt")});
        QCOMPARE(partitions[0].partitionCount, 3);
        QCOMPARE(partitions[0].recordCount, 9000);
        QCOMPARE(partitions[0].fileCount, 10);
        QCOMPARE(partitions[0].largestPartition, QStringLiteral("{dt=2024-05-03}"));
        QCOMPARE(partitions[0].smallestPartitionRecords, 1000);
        QCOMPARE(partitions[0].maxPartitionFiles, 6);
        QCOMPARE(partitions[0].skew(), 7000.0 / 3000.0);

        // Catalog: the table with its fields; the dataset the server no longer has is marked gone with one
        // warning; system tables are not asked for.
        QVERIFY2(result.catalogEntries == 1, qPrintable(result.warnings.join(QLatin1Char('\n'))));
        QCOMPARE(result.datasetsGone, 1);
        QCOMPARE(m_server->countRequests(QStringLiteral("catalog/by-path/sys")), 0);
        QCOMPARE(m_server->countRequests(QStringLiteral("GET /api/v3/catalog/by-path/lake/sales/orders")), 2);
        const QString warnings = result.warnings.join(QLatin1Char('\n'));
        QCOMPARE(warnings.count(QLatin1String("no longer in the catalog")), 1);
        QVERIFY2(warnings.contains(QLatin1String("lake.sales.dropped")), qPrintable(warnings));
        QVERIFY2(!warnings.contains(QLatin1String("could not be read")), qPrintable(warnings));
        const QVector<DremioCatalogEntry> entries = catalog.datasets(result.sourceId, &error);
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries[0].datasetPath, QStringLiteral("lake.sales.dropped"));
        QCOMPARE(entries[0].status, QStringLiteral("gone"));
        QCOMPARE(entries[1].status, QStringLiteral("found"));
        QCOMPARE(entries[1].catalogId, QStringLiteral("a1b2-orders"));
        QCOMPARE(entries[1].format, QStringLiteral("Iceberg"));
        QCOMPARE(entries[1].fields.size(), 3);
        QCOMPARE(entries[1].fields[0].type, QStringLiteral("BIGINT"));
        QCOMPARE(
            entries[1].createdMs.value_or(0), QDateTime(QDate(2024, 5, 1), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch());
        const auto job = JobRepository(m_workspace->database()).findByJobId(QStringLiteral("Orders0"));
        QVERIFY(job.has_value());
        const QVector<DremioCatalogEntry> ofJob = catalog.datasetsOfJob(job->rowId, &error);
        QCOMPARE(ofJob.size(), 2);
        QCOMPARE(ofJob[0].datasetPath, QStringLiteral("lake.sales.orders"));
        const QJsonObject summary = result.toJson();
        QCOMPARE(summary.value(QLatin1String("catalogEntries")).toInt(), 1);
        QCOMPARE(summary.value(QLatin1String("icebergTablesWithPartitionStats")).toInt(), 1);
    }

    void catalogRequestsAreBoundedAndCancellable()
    {
        startServer(FakeDremioServer::Flavor::Software);
        QString error;
        QVERIFY2(m_server->loadSampleHistory(&error), qPrintable(error));
        // 40 datasets, each named by one job; the catalog knows none of them (all 404 = gone).
        QJsonArray rows;
        for (int i = 0; i < 40; ++i) {
            QJsonObject row = m_server->templateRow();
            row.insert(QLatin1String("job_id"), QStringLiteral("Wide%1").arg(i));
            row.insert(QLatin1String("submitted_epoch_millis"), qint64(1714040000000) + i);
            row.insert(QLatin1String("queried_datasets"), QStringLiteral("[lake.t%1]").arg(i, 2, 10, QLatin1Char('0')));
            rows.append(row);
        }
        m_server->appendHistoryRows(rows);
        m_server->setResponseDelayMs(20);
        CollectOptions options;
        options.profiles = 0;
        options.reflections = false;
        options.fileStatsTables = 0;
        options.catalogDatasets = 100;
        DremioConnection target = connection();
        target.maxConcurrent = 3;
        CollectResult result = collect(options, target);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.datasetsGone, 40);
        QCOMPARE(m_server->countRequests(QStringLiteral("catalog/by-path/lake")), 40);
        QVERIFY2(
            m_server->maxConcurrentRequests() <= 3, qPrintable(QString::number(m_server->maxConcurrentRequests())));
        // One warning for all of them, listing a few.
        const QStringList gone = result.warnings.filter(QLatin1String("no longer in the catalog"));
        QCOMPARE(gone.size(), 1);
        QVERIFY2(gone.first().startsWith(QLatin1String("40 datasets")), qPrintable(gone.first()));

        // Cancelled while the catalog requests are in flight: the run ends cancelled and what the
        // history committed stays consistent.
        std::atomic_bool cancel {false};
        HistoryCollector collector(*m_workspace, target, QLatin1String(FakeDremioServer::Pat));
        collector.setOptions(options);
        collector.setCancelFlag(&cancel);
        connect(&collector, &HistoryCollector::progress, this, [&cancel](int, int, const QString& message) {
            if (message.startsWith(QLatin1String("catalog 1 of")))
                cancel = true;
        });
        result = collector.runBlocking();
        QVERIFY(result.cancelled);
        QVERIFY(result.datasetsGone < 40);
        verifyConsistent(result, QStringLiteral("cancelled"));
    }

    void partitionValuesAndPaths()
    {
        QCOMPARE(DremioCatalogReader::partitionColumnsOf(QStringLiteral("{dt=2024-05-01, region=EU,West}")),
            (QStringList {QStringLiteral("dt"), QStringLiteral("region")}));
        QVERIFY(DremioCatalogReader::partitionColumnsOf(QStringLiteral("{}")).isEmpty());
        QCOMPARE(DremioCatalogReader::splitPath(QStringLiteral("lake.\"web.logs\".events")),
            (QStringList {QStringLiteral("lake"), QStringLiteral("web.logs"), QStringLiteral("events")}));
        QCOMPARE(DremioCatalogReader::byPathSuffix(QStringLiteral("lake.\"a b\".t")),
            QStringLiteral("catalog/by-path/lake/a%20b/t"));
        QVERIFY(DremioCatalogReader::partitionStatsSql(QStringLiteral("lake.\"it's\""))
                    .contains(QLatin1String("table_partitions('lake.\"it''s\"')")));
        IcebergPartitionStats stats;
        QVERIFY(!DremioCatalogReader::partitionStatsFromRow(QStringLiteral("t"), QJsonObject(), &stats));
        DremioCatalogEntry entry;
        QString error;
        QVERIFY(!DremioCatalogReader::fromCatalogEntity(QStringLiteral("lake.sales"),
            QJsonObject {{QLatin1String("entityType"), QStringLiteral("folder")}}, &entry, &error));
        QVERIFY2(error.contains(QLatin1String("lake.sales is not a dataset")), qPrintable(error));
    }

    void sinceLimitsTheFirstRun()
    {
        startServer(FakeDremioServer::Flavor::Software);
        QString error;
        QVERIFY2(m_server->loadSampleHistory(&error), qPrintable(error));
        CollectOptions options;
        options.profiles = 0;
        options.reflections = false;
        options.sinceMs = 1714000000000; // between the two sample jobs
        const CollectResult result = collect(options, connection());
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.jobsAdded, 1);
        QVERIFY(JobRepository(m_workspace->database()).findByJobId(QStringLiteral("Query2")).has_value());
    }

    void cloudSampleUsesNanosecondEpochs()
    {
        startServer(FakeDremioServer::Flavor::Cloud);
        QString error;
        DOPT_REQUIRE_SAMPLE(cloud, "cloud_sys_project_history_jobs_results.json");
        QVERIFY2(m_server->loadSampleHistory(&error), qPrintable(error));
        CollectResult result = collect(5, false);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.jobsAdded, 2);
        QCOMPARE(result.watermarkAfterMs.value_or(0), 1673994628723);
        QVERIFY2(result.warnings.size() == 1, qPrintable(result.warnings.join(QLatin1Char('\n'))));
        QVERIFY2(result.warnings[0].contains(QLatin1String("Dremio Cloud offers no profile download")),
            qPrintable(result.warnings[0]));
        const auto job = JobRepository(m_workspace->database())
                             .findByJobId(QStringLiteral("1d956036-df02-a335-a573-c4b281926000"));
        QVERIFY(job.has_value());
        QCOMPARE(job->job.submittedMs.value_or(0), 1651154888669);
        verifyConsistent(result, QStringLiteral("completed"));
        // Every request went to the project's paths; nothing to Software's /api/v3 or /apiv2.
        const QString projectRoot = QStringLiteral("/v0/projects/%1/").arg(QLatin1String(FakeDremioServer::ProjectId));
        for (const QString& request : m_server->requestLog())
            QVERIFY2(request.section(QLatin1Char(' '), 1).startsWith(projectRoot), qPrintable(request));
        QVERIFY(m_server->countRequests(projectRoot + QStringLiteral("sql")) > 0);
        result = collect(5, false);
        QVERIFY2(m_server->submittedSql().last().contains(QLatin1String("FROM sys.project.history.jobs WHERE "
                                                                        "submitted_epoch >= 1673994628723000000")),
            qPrintable(m_server->submittedSql().last()));
        QCOMPARE(result.jobsAdded, 0);
    }

    void profilesAndRelationshipsAreStored()
    {
        startServer(FakeDremioServer::Flavor::Software);
        QString error;
        DOPT_REQUIRE_SAMPLE(zip, "profile_download_21.6.2.zip");
        QVERIFY2(m_server->loadSampleHistory(&error), qPrintable(error));
        QVERIFY2(m_server->loadSampleProfiles(&error), qPrintable(error));
        m_server->setJobRelationships(QStringLiteral("Query2"),
            QJsonArray {QJsonObject {{QStringLiteral("datasetId"), QStringLiteral("ds-1")},
                            {QStringLiteral("reflectionId"), QStringLiteral("refl-a")},
                            {QStringLiteral("relationship"), QStringLiteral("CONSIDERED")}},
                QJsonObject {{QStringLiteral("datasetId"), QStringLiteral("ds-1")},
                    {QStringLiteral("reflectionId"), QStringLiteral("refl-a")},
                    {QStringLiteral("relationship"), QStringLiteral("CHOSEN")}}});
        const CollectResult result = collect(5, false);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.profilesTried, 2);
        QCOMPARE(result.profilesStored, 2);
        QCOMPARE(result.relationships, 1);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM jobs WHERE has_profile = 1")), 2);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM profiles")), 2);
        QSqlQuery query(m_workspace->database());
        QVERIFY(query.exec(QStringLiteral("SELECT reflection_id, relationship FROM job_reflections")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("refl-a"));
        QCOMPARE(query.value(1).toString(), QStringLiteral("CHOSEN"));
        QCOMPARE(m_server->countRequests(QStringLiteral("POST /apiv2/support/")), 2);
        // Jobs that have their profile are not asked for again.
        const CollectResult again = collect(5, false);
        QCOMPARE(again.profilesTried, 0);
    }

    void profileFaultsAreWarnings_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<QString>("warning");
        QTest::addColumn<int>("attemptsRecorded");
        QTest::newRow("403") << int(FakeDremioServer::Fault::Forbidden)
                             << "profiles were not downloaded: POST /apiv2/support/Query" << 0;
        QTest::newRow("500") << int(FakeDremioServer::Fault::ServerError) << "failed (HTTP 500)" << 0;
        QTest::newRow("malformed") << int(FakeDremioServer::Fault::MalformedJson) << "could not be read" << 2;
    }

    void profileFaultsAreWarnings()
    {
        QFETCH(int, fault);
        QFETCH(QString, warning);
        QFETCH(int, attemptsRecorded);
        startServer(FakeDremioServer::Flavor::Software);
        QString error;
        QVERIFY2(m_server->loadSampleHistory(&error), qPrintable(error));
        QVERIFY2(m_server->loadSampleProfiles(&error), qPrintable(error));
        m_server->addFault({QStringLiteral("/download"), FakeDremioServer::Fault(fault), -1, 0, 0});
        const CollectResult result = collect(5, false);
        QVERIFY2(result.ok, qPrintable(result.error)); // history was collected; profiles are extras
        QCOMPARE(result.profilesStored, 0);
        QCOMPARE(result.profilesFailed, 2);
        QVERIFY2(result.warnings.join(QLatin1Char('\n')).contains(warning),
            qPrintable(result.warnings.join(QLatin1Char('\n'))));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM profiles")), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM dremio_profile_attempts")), attemptsRecorded);
        verifyConsistent(result, QStringLiteral("completed"));
    }

    void reflectionsFromEachListing_data()
    {
        QTest::addColumn<bool>("sysTable");
        QTest::addColumn<bool>("globalList");
        QTest::newRow("sys.reflections") << true << true;
        QTest::newRow("REST list") << false << true;
        QTest::newRow("per dataset") << false << false;
    }

    void reflectionsFromEachListing()
    {
        QFETCH(bool, sysTable);
        QFETCH(bool, globalList);
        startServer(FakeDremioServer::Flavor::Software);
        QString error;
        QVERIFY2(m_server->loadSampleHistory(&error), qPrintable(error));
        // Synthetic rows with the documented sys.reflections columns (no public sample has any);
        // dataset_name matches the dataset the real sample job Query2 queried.
        QJsonArray rows;
        rows.append(QJsonObject {{QStringLiteral("reflection_id"), QStringLiteral("refl-raw-1")},
            {QStringLiteral("reflection_name"), QStringLiteral("Raw Reflection")},
            {QStringLiteral("type"), QStringLiteral("RAW")},
            {QStringLiteral("status"), QStringLiteral("CAN_ACCELERATE")},
            {QStringLiteral("dataset_id"), QStringLiteral("ds-jobs")},
            {QStringLiteral("dataset_name"), QStringLiteral("sys.jobs")}, {QStringLiteral("considered_count"), 12},
            {QStringLiteral("matched_count"), 5}, {QStringLiteral("accelerated_count"), 0},
            {QStringLiteral("total_footprint_bytes"), qint64(734003200)},
            {QStringLiteral("last_refresh_duration_millis"), 3241}});
        m_server->setReflections(rows);
        m_server->setReflectionSources(sysTable, globalList);
        const CollectResult result = collect(0, true);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.reflections, 1);
        QSqlQuery query(m_workspace->database());
        QVERIFY(query.exec(QStringLiteral("SELECT considered_count, matched_count, chosen_count, footprint_bytes, "
                                          "status FROM reflections WHERE reflection_id = 'refl-raw-1'")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toLongLong(), 12);
        QCOMPARE(query.value(1).toLongLong(), 5);
        QCOMPARE(query.value(2).toLongLong(), 0);
        QCOMPARE(query.value(3).toLongLong(), 734003200);
        QCOMPARE(query.value(4).toString(), QStringLiteral("CAN_ACCELERATE"));
    }

    void historyFaults_data()
    {
        QTest::addColumn<QString>("match");
        QTest::addColumn<int>("fault");
        QTest::addColumn<QString>("message");
        using F = FakeDremioServer::Fault;
        QTest::newRow("401 on submit")
            << "POST /api/v3/sql" << int(F::Unauthorized)
            << "refused the personal access token (HTTP 401): it is wrong, revoked or expired";
        QTest::newRow("403 on submit") << "POST /api/v3/sql" << int(F::Forbidden) << "denied access (HTTP 403)";
        QTest::newRow("500 on results") << "/results" << int(F::ServerError) << "failed (HTTP 500): Unexpected error";
        QTest::newRow("slow status") << "GET /api/v3/job/" << int(F::Slow) << "(timeout) (gave up after 3 attempts)";
        QTest::newRow("malformed results") << "/results" << int(F::MalformedJson) << "Dremio sent malformed JSON";
        QTest::newRow("dropped results") << "/results" << int(F::DropMidBody)
                                         << "was lost before the response was complete";
        QTest::newRow("429 always") << "POST /api/v3/sql" << int(F::TooManyRequests)
                                    << "rate-limiting requests (HTTP 429) (gave up after 3 attempts)";
    }

    void historyFaults()
    {
        QFETCH(QString, match);
        QFETCH(int, fault);
        QFETCH(QString, message);
        startServer(FakeDremioServer::Flavor::Software);
        QString error;
        QVERIFY2(m_server->loadSampleHistory(&error), qPrintable(error));
        m_server->addFault({match, FakeDremioServer::Fault(fault), -1, 0, 1500});
        DremioConnection target = connection();
        target.timeoutMs = 300;
        CollectOptions options;
        options.profiles = 0;
        options.reflections = false;
        const CollectResult result = collect(options, target);
        QVERIFY(!result.ok);
        QVERIFY(!result.cancelled);
        QVERIFY2(result.error.contains(message), qPrintable(result.error));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM jobs")), 0);
        verifyConsistent(result, QStringLiteral("failed"));
        const auto run = ImportRunRepository(m_workspace->database()).find(result.importRunId);
        QCOMPARE(run->message, result.error);
        // Once the fault is gone the next run collects everything.
        m_server->clearFaults();
        const CollectResult retry = collect(options, target);
        QVERIFY2(retry.ok, qPrintable(retry.error));
        QCOMPARE(retry.jobsAdded, 2);
        verifyConsistent(retry, QStringLiteral("completed"));
    }

    void sqlJobEndsBadly_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("message");
        QTest::newRow("FAILED") << "FAILED"
                                << "failed: Query was cancelled because it exceeded the memory limits";
        QTest::newRow("CANCELED") << "CANCELED"
                                  << "was cancelled on the server: Query was cancelled because it "
                                     "exceeded the memory limits";
    }

    void sqlJobEndsBadly()
    {
        QFETCH(QString, state);
        QFETCH(QString, message);
        startServer(FakeDremioServer::Flavor::Software);
        QString error;
        QVERIFY2(m_server->loadSampleHistory(&error), qPrintable(error));
        m_server->failNextSqlJobs(state, QStringLiteral("Query was cancelled because it exceeded the memory limits"));
        const CollectResult result = collect();
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(message), qPrintable(result.error));
        QVERIFY2(result.error.startsWith(QLatin1String("Dremio job ")), qPrintable(result.error));
        verifyConsistent(result, QStringLiteral("failed"));
    }

    void failureMidwayKeepsCommittedPages_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("dropped page 2") << "drop";
        QTest::newRow("pages change") << "pages";
        QTest::newRow("cancelled after page 1") << "cancel";
    }

    void failureMidwayKeepsCommittedPages()
    {
        QFETCH(QString, kind);
        startServer(FakeDremioServer::Flavor::Software);
        QString error;
        const qint64 first = 1714000000000;
        QVERIFY2(m_server->setGeneratedHistory(1200, first, 1000, &error), qPrintable(error));
        std::atomic_bool cancel = false;
        if (kind == QLatin1String("drop"))
            m_server->addFault({QStringLiteral("offset=500&"), FakeDremioServer::Fault::DropMidBody, -1, 0, 0});
        else if (kind == QLatin1String("pages"))
            m_server->setPagesChangeBetweenCalls(7);
        CollectOptions options;
        options.profiles = 0;
        options.reflections = false;
        QStringList progress;
        const CollectResult result = HistoryCollector::collect(*m_workspace, connection(),
            QLatin1String(FakeDremioServer::Pat), options, &cancel, [&](int, int, const QString& message) {
                progress.append(message);
                if (kind == QLatin1String("cancel") && message == QLatin1String("page 1 of 3"))
                    cancel = true;
            });
        QVERIFY(progress.contains(QStringLiteral("page 1 of 3")));
        QVERIFY(!progress.contains(QStringLiteral("page 2 of 3")));
        QVERIFY(!result.ok);
        QCOMPARE(result.historyPages, 1);
        QCOMPARE(result.jobsAdded, 500);
        QCOMPARE(result.watermarkAfterMs.value_or(0), first + 499 * 1000);
        if (kind == QLatin1String("cancel")) {
            QVERIFY(result.cancelled);
            verifyConsistent(result, QStringLiteral("cancelled"));
        } else {
            QVERIFY(!result.cancelled);
            QVERIFY2(result.error.contains(kind == QLatin1String("drop")
                             ? QLatin1String("lost before the response was complete")
                             : QLatin1String("changed between pages: 1200 rows at offset 0, 1207 rows "
                                             "at offset 500; collect again")),
                qPrintable(result.error));
            verifyConsistent(result, QStringLiteral("failed"));
        }
        // The next run resumes at the watermark and ends with every job exactly once.
        m_server->clearFaults();
        m_server->setPagesChangeBetweenCalls(0);
        const CollectResult resumed = collect();
        QVERIFY2(resumed.ok, qPrintable(resumed.error));
        QCOMPARE(resumed.jobsAdded, 700);
        QCOMPARE(resumed.historyRows, 701); // the watermark's own job is seen again and ignored
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM jobs")), 1200);
        verifyConsistent(resumed, QStringLiteral("completed"));
    }

    void passwordIsNeverWrittenToTheWorkspace()
    {
        startServer(FakeDremioServer::Flavor::Software);
        QString error;
        QVERIFY2(m_server->loadSampleHistory(&error), qPrintable(error));
        DremioConnection target = connection();
        target.authMode = DremioConnection::AuthMode::Password;
        target.userName = QLatin1String(FakeDremioServer::UserName);
        CollectOptions options;
        options.profiles = 0;
        options.secretBackend = QStringLiteral("environment");
        options.secretRef = QStringLiteral("DREMIO_PASSWORD");
        const CollectResult result = collect(options, target, QLatin1String(FakeDremioServer::Password));
        QVERIFY2(result.ok, qPrintable(result.error));
        const auto stored = DremioSourceRepository(m_workspace->database()).load(result.sourceId, &error);
        QVERIFY(stored.has_value());
        QCOMPARE(stored->secretRef, QStringLiteral("DREMIO_PASSWORD"));
        QCOMPARE(stored->connection.userName, QLatin1String(FakeDremioServer::UserName));
        QVERIFY(stored->lastCollectedMs.has_value());
        m_workspace->close();
        for (const QString& suffix : {QString(), QStringLiteral("-wal")}) {
            QFile file(m_path + suffix);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            const QByteArray bytes = file.readAll();
            QVERIFY2(!bytes.contains(FakeDremioServer::Password), qPrintable(m_path + suffix));
            QVERIFY(!bytes.contains("tok-1-a1b2c3"));
        }
    }

    void badSettingsFailBeforeAnyWrite()
    {
        startServer(FakeDremioServer::Flavor::Software);
        DremioConnection target = connection();
        target.flavor = DremioConnection::Flavor::Cloud; // without a project id
        const CollectResult result = collect(CollectOptions(), target);
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(QLatin1String("the project id is missing")), qPrintable(result.error));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM import_runs")), 0);
        QCOMPARE(m_server->requestLog().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHistoryCollector)
#include "tst_historycollector.moc"
