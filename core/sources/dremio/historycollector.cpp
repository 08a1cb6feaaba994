#include "historycollector.h"

#include "dremiocatalogreader.h"
#include "dremiocatalogrepository.h"
#include "dremioclient.h"
#include "dremioreflectionreader.h"
#include "dremiosqlrunner.h"
#include "profile/dremioprofileparser.h"
#include "sources/files/historydumpreader.h"
#include "sources/files/profilezipreader.h"
#include "store/importrunrepository.h"
#include "store/jobrepository.h"
#include "store/profilerepository.h"
#include "store/workspace.h"
#include "util/saturatingcast.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonDocument>
#include <QPointer>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

namespace dopt {

namespace {

constexpr int MaxListedWarnings = 5; // per kind, so a bad run does not bury the summary
constexpr int ReflectionDatasets = 20; // datasets asked one by one on editions without a global list

QJsonValue optionalJson(const std::optional<qint64>& value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

} // namespace

QJsonObject CollectResult::toJson() const
{
    QJsonObject object;
    object.insert(QLatin1String("ok"), ok);
    object.insert(QLatin1String("cancelled"), cancelled);
    object.insert(QLatin1String("error"), error);
    object.insert(QLatin1String("warnings"), QJsonArray::fromStringList(warnings));
    object.insert(QLatin1String("sourceId"), sourceId);
    object.insert(QLatin1String("importRunId"), importRunId);
    object.insert(QLatin1String("historyPages"), historyPages);
    object.insert(QLatin1String("historyRows"), historyRows);
    object.insert(QLatin1String("jobsAdded"), jobsAdded);
    object.insert(QLatin1String("profilesTried"), profilesTried);
    object.insert(QLatin1String("profilesStored"), profilesStored);
    object.insert(QLatin1String("profilesFailed"), profilesFailed);
    object.insert(QLatin1String("reflections"), reflections);
    object.insert(QLatin1String("jobsWithReflectionRelationships"), relationships);
    object.insert(QLatin1String("icebergTablesWithFileStats"), fileStatsTables);
    object.insert(QLatin1String("icebergTablesWithPartitionStats"), partitionStatsTables);
    object.insert(QLatin1String("catalogEntries"), catalogEntries);
    object.insert(QLatin1String("datasetsGone"), datasetsGone);
    object.insert(QLatin1String("watermarkBeforeMs"), optionalJson(watermarkBeforeMs));
    object.insert(QLatin1String("watermarkAfterMs"), optionalJson(watermarkAfterMs));
    object.insert(QLatin1String("elapsedMs"), elapsedMs);
    object.insert(QLatin1String("serverWaitMs"), serverWaitMs);
    object.insert(QLatin1String("processingMs"), processingMs);
    return object;
}

HistoryCollector::HistoryCollector(
    Workspace& workspace, const DremioConnection& connection, const QString& secret, QObject* parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_connection(connection)
    , m_client(new DremioClient(connection, this))
{
    m_client->setSecret(secret);
}

HistoryCollector::~HistoryCollector() = default;

CollectResult HistoryCollector::collect(Workspace& workspace, const DremioConnection& connection, const QString& secret,
    const CollectOptions& options, const std::atomic_bool* cancelled, Progress progress)
{
    HistoryCollector collector(workspace, connection, secret);
    collector.setOptions(options);
    collector.setCancelFlag(cancelled);
    collector.setProgress(std::move(progress));
    return collector.runBlocking();
}

CollectResult HistoryCollector::runBlocking()
{
    QEventLoop loop;
    connect(this, &HistoryCollector::finished, &loop, &QEventLoop::quit);
    start();
    if (!m_done)
        loop.exec();
    return m_result;
}

void HistoryCollector::report(int done, int total, const QString& message)
{
    if (m_progressSink)
        m_progressSink(done, total, message);
    Q_EMIT progress(done, total, message);
}

void HistoryCollector::start()
{
    m_clock.start();
    m_result = CollectResult();
    m_running = true;
    m_done = false;
    m_cancelled = false;
    m_historyDone = false;
    m_cancelPoll = new QTimer(this);
    connect(m_cancelPoll, &QTimer::timeout, this, &HistoryCollector::checkCancelFlag);
    m_cancelPoll->start(50);

    QString error;
    if (!prepareRun(&error)) {
        // Deliver from the event loop so start() never emits before the caller connected.
        QTimer::singleShot(0, this, [this, error]() { fail(error); });
        return;
    }
    report(0, 0, QStringLiteral("connecting to %1").arg(m_connection.displayName()));
    startHistory();
}

bool HistoryCollector::prepareRun(QString* error)
{
    if (!m_client->prepare(error))
        return false;
    m_db = m_workspace.database();
    if (!m_db.isOpen()) {
        *error = QStringLiteral("the workspace is not open");
        return false;
    }
    DremioSourceRepository sources(m_db);
    DremioSourceSettings settings;
    if (const auto existing = sources.find(m_connection, error))
        settings = *existing;
    else if (!error->isEmpty())
        return false;
    settings.connection = m_connection;
    settings.secretBackend = m_options.secretBackend;
    settings.secretRef = m_options.secretRef;
    settings.profilesPerRun = m_options.profiles;
    if (!m_db.transaction()) {
        *error = QStringLiteral("cannot start a workspace transaction: ") + m_db.lastError().text();
        return false;
    }
    m_result.sourceId = sources.save(settings, error);
    ImportRunRepository runs(m_db);
    if (m_result.sourceId >= 0)
        m_result.importRunId = runs.start(m_result.sourceId, error);
    if (m_result.sourceId < 0 || m_result.importRunId < 0 || !m_db.commit()) {
        if (error->isEmpty())
            *error = QStringLiteral("cannot record the collect run: ") + m_db.lastError().text();
        m_db.rollback();
        m_result.importRunId = -1;
        return false;
    }
    m_result.watermarkBeforeMs = settings.watermarkMs;
    m_result.watermarkAfterMs = settings.watermarkMs;
    m_jobsBefore = countSourceJobs(error);
    m_jobs = std::make_unique<JobRepository>(m_db);
    return m_jobsBefore >= 0;
}

qint64 HistoryCollector::countSourceJobs(QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM jobs WHERE source_id = ?"));
    query.addBindValue(m_result.sourceId);
    if (!query.exec() || !query.next()) {
        if (error)
            *error = QStringLiteral("counting the jobs of source %1: %2")
                         .arg(m_result.sourceId)
                         .arg(query.lastError().text());
        return -1;
    }
    return query.value(0).toLongLong();
}

void HistoryCollector::startHistory()
{
    // Inclusive bound: jobs submitted in the watermark's millisecond may not all have been seen;
    // the ones that were are ignored as duplicates.
    std::optional<qint64> lower = m_result.watermarkBeforeMs;
    if (m_options.sinceMs && (!lower || *m_options.sinceMs > *lower))
        lower = m_options.sinceMs;
    const QString column = m_connection.historySubmittedColumn();
    QString sql = QStringLiteral("SELECT * FROM ") + m_connection.historyTable();
    if (lower)
        sql += QStringLiteral(" WHERE %1 >= %2").arg(column).arg(*lower * m_connection.historyEpochUnitsPerMs());
    sql += QStringLiteral(" ORDER BY %1, job_id").arg(column);

    m_runner = new DremioSqlRunner(m_client, this);
    m_runner->setPageSize(m_options.pageSize);
    m_runner->setOrderColumn(column);
    connect(m_runner, &DremioSqlRunner::pageReady, this, &HistoryCollector::onHistoryPage);
    connect(m_runner, &DremioSqlRunner::finished, this, &HistoryCollector::onHistoryDone);
    report(0, 0, QStringLiteral("querying %1").arg(m_connection.historyTable()));
    m_runner->start(sql);
}

void HistoryCollector::onHistoryPage(const DremioResultPage& page)
{
    if (m_done)
        return;
    QElapsedTimer processing;
    processing.start();
    // Counted on every exit, including failures.
    const auto account = qScopeGuard([&] { m_result.processingMs += processing.elapsed(); });
    m_result.historyPageCount = page.pageCount;
    QString error;
    if (!m_db.transaction()) {
        m_runner->cancel();
        return fail(QStringLiteral("cannot start a workspace transaction: ") + m_db.lastError().text());
    }
    std::optional<qint64> newest;
    int skipped = 0;
    for (const QJsonValue& value : page.rows) {
        const Job job = HistoryDumpReader::jobFromRow(value.toObject());
        if (job.jobId.isEmpty()) {
            ++skipped;
            continue;
        }
        if (m_jobs->upsert(job, m_result.sourceId, m_result.importRunId, &error) < 0) {
            m_db.rollback();
            m_runner->cancel();
            return fail(QStringLiteral("storing job %1 (page %2): %3").arg(job.jobId).arg(page.pageNumber).arg(error));
        }
        if (job.submittedMs && (!newest || *job.submittedMs > *newest))
            newest = job.submittedMs;
    }
    DremioSourceRepository sources(m_db);
    if (newest && !sources.advanceWatermark(m_result.sourceId, *newest, &error)) {
        m_db.rollback();
        m_runner->cancel();
        return fail(error);
    }
    if (!m_db.commit()) {
        const QString reason = m_db.lastError().text();
        m_db.rollback();
        m_runner->cancel();
        return fail(QStringLiteral("committing history page %1: %2").arg(page.pageNumber).arg(reason));
    }
    if (newest && (!m_result.watermarkAfterMs || *newest > *m_result.watermarkAfterMs))
        m_result.watermarkAfterMs = newest;
    ++m_result.historyPages;
    m_result.historyRows += page.rows.size();
    if (skipped > 0)
        m_result.warnings.append(
            QStringLiteral("history page %1: %2 rows without job_id were skipped").arg(page.pageNumber).arg(skipped));
    report(page.pageNumber, page.pageCount, QStringLiteral("page %1 of %2").arg(page.pageNumber).arg(page.pageCount));
    checkCancelFlag();
}

void HistoryCollector::onHistoryDone(const DremioSqlOutcome& outcome)
{
    m_historyDone = true;
    if (m_done)
        return;
    if (outcome.cancelled || m_cancelled) {
        m_cancelled = true;
        return finish();
    }
    if (!outcome.ok)
        return fail(outcome.error);
    if (m_options.reflections)
        startReflections();
    else
        startFileStats();
}

void HistoryCollector::startReflections()
{
    report(0, 0, QStringLiteral("reading reflections"));
    m_reflectionRows = QJsonArray();
    auto* runner = new DremioSqlRunner(m_client, this);
    connect(runner, &DremioSqlRunner::pageReady, this, [this](const DremioResultPage& page) {
        for (const QJsonValue& row : page.rows)
            m_reflectionRows.append(row);
    });
    connect(runner, &DremioSqlRunner::finished, this, [this, runner](const DremioSqlOutcome& outcome) {
        runner->deleteLater();
        if (m_done)
            return;
        if (m_cancelled || outcome.cancelled)
            return finish();
        if (outcome.ok)
            return onReflectionRows(m_reflectionRows, QStringLiteral("sys.reflections"));
        m_reflectionProblems.append(QStringLiteral("sys.reflections: ") + outcome.error);
        reflectionsFromRest();
    });
    runner->start(QStringLiteral("SELECT * FROM sys.reflections"));
}

void HistoryCollector::reflectionsFromRest()
{
    QPointer<HistoryCollector> self(this);
    m_client->get(
        m_connection.apiPath(QStringLiteral("reflection")), QUrlQuery(), [self](const DremioResponse& response) {
            if (!self || self->m_done)
                return;
            if (self->m_cancelled)
                return self->finish();
            QJsonObject object;
            QString error;
            if (response.ok() && response.parseObject(&object, &error))
                return self->onReflectionRows(object.value(QLatin1String("data")).toArray(), QStringLiteral("rest"));
            self->m_reflectionProblems.append(response.ok() ? error : response.message);
            // Editions without the global list still answer per dataset.
            if (response.error == DremioResponse::Error::NotFound)
                return self->reflectionsPerDataset();
            self->onReflectionRows(QJsonArray(), QString());
        });
}

void HistoryCollector::reflectionsPerDataset()
{
    QString error;
    const QStringList datasets
        = DremioSourceRepository(m_db).topDatasets(m_result.sourceId, ReflectionDatasets, &error);
    m_reflectionRows = QJsonArray();
    m_reflectionDatasetsPending = int(datasets.size());
    if (datasets.isEmpty())
        return onReflectionRows(QJsonArray(), error.isEmpty() ? QString() : QString());
    QPointer<HistoryCollector> self(this);
    auto doneOne = [self]() {
        if (self && --self->m_reflectionDatasetsPending == 0 && !self->m_done)
            self->onReflectionRows(self->m_reflectionRows, QStringLiteral("rest"));
    };
    for (const QString& dataset : datasets) {
        const QString path = m_connection.apiPath(DremioCatalogReader::byPathSuffix(dataset));
        m_client->get(path, QUrlQuery(), [self, doneOne](const DremioResponse& response) {
            if (!self || self->m_done)
                return;
            QJsonObject entity;
            if (!response.ok() || !response.parseObject(&entity, nullptr))
                return doneOne();
            const QString id = entity.value(QLatin1String("id")).toString();
            self->m_client->get(self->m_connection.apiPath(QStringLiteral("dataset/%1/reflection").arg(id)),
                QUrlQuery(), [self, doneOne](const DremioResponse& listing) {
                    if (!self || self->m_done)
                        return;
                    QJsonObject object;
                    if (listing.ok() && listing.parseObject(&object, nullptr)) {
                        for (const QJsonValue& value : object.value(QLatin1String("data")).toArray())
                            self->m_reflectionRows.append(value);
                    }
                    doneOne();
                });
        });
    }
}

void HistoryCollector::onReflectionRows(const QJsonArray& rows, const QString& how)
{
    if (m_done)
        return;
    if (how.isEmpty()) {
        m_result.warnings.append(
            QStringLiteral("reflections were not collected: ") + m_reflectionProblems.join(QStringLiteral("; ")));
        return startFileStats();
    }
    QString error;
    DremioSourceRepository sources(m_db);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_db.transaction();
    int stored = 0;
    for (const QJsonValue& value : rows) {
        DremioReflection reflection;
        const bool ok = how == QLatin1String("rest")
            ? DremioReflectionReader::fromRestObject(value.toObject(), &reflection)
            : DremioReflectionReader::fromSystemTableRow(value.toObject(), &reflection);
        if (!ok)
            continue;
        if (!sources.upsertReflection(m_result.sourceId, reflection, now, &error)) {
            m_db.rollback();
            m_result.warnings.append(QStringLiteral("reflections were not stored: ") + error);
            return startFileStats();
        }
        ++stored;
    }
    m_db.commit();
    m_result.reflections = stored;
    startFileStats();
}

// Files under this size are what OPTIMIZE TABLE rewrites by default: MIN_FILE_SIZE_MB is 0.24 x the
// 512 MB target (reference/dremio.md, Iceberg metadata functions).
constexpr qint64 SmallFileBytes = qint64(0.24 * 512 * 1024 * 1024);

QString HistoryCollector::fileStatsSql(const QString& datasetPath)
{
    // table_files takes the table path as a string literal: double any single quote inside it.
    QString literal = datasetPath;
    literal.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QStringLiteral("SELECT COUNT(*) AS file_count, COALESCE(SUM(file_size_in_bytes), 0) AS total_bytes, "
                          "COALESCE(SUM(record_count), 0) AS record_count, "
                          "COALESCE(SUM(CASE WHEN file_size_in_bytes < %1 THEN 1 ELSE 0 END), 0) AS small_files, "
                          "MIN(file_size_in_bytes) AS min_file_bytes, MAX(file_size_in_bytes) AS max_file_bytes "
                          "FROM TABLE(table_files('%2'))")
        .arg(SmallFileBytes)
        .arg(literal);
}

void HistoryCollector::startFileStats()
{
    if (m_done)
        return;
    if (m_cancelled)
        return finish();
    m_fileStatsQueue.clear();
    m_fileStatsProblems.clear();
    if (m_options.fileStatsTables > 0) {
        QString error;
        m_fileStatsQueue
            = DremioSourceRepository(m_db).topDatasets(m_result.sourceId, m_options.fileStatsTables, &error);
        if (!error.isEmpty())
            m_result.warnings.append(QStringLiteral("file statistics were not collected: ") + error);
    }
    m_fileStatsTotal = int(m_fileStatsQueue.size());
    nextFileStats();
}

void HistoryCollector::nextFileStats()
{
    if (m_done)
        return;
    if (m_cancelled)
        return finish();
    if (m_fileStatsQueue.isEmpty()) {
        // Views and non-Iceberg sources have no table_files: one warning for all of them.
        if (!m_fileStatsProblems.isEmpty())
            m_result.warnings.append(QStringLiteral("no Iceberg file statistics for %1 of %2 tables (%3)")
                                         .arg(m_fileStatsProblems.size())
                                         .arg(m_fileStatsTotal)
                                         .arg(m_fileStatsProblems.join(QStringLiteral("; "))));
        return startCatalog();
    }
    const QString dataset = m_fileStatsQueue.takeFirst();
    report(m_fileStatsTotal - int(m_fileStatsQueue.size()), m_fileStatsTotal,
        QStringLiteral("file statistics %1 of %2: %3")
            .arg(m_fileStatsTotal - m_fileStatsQueue.size())
            .arg(m_fileStatsTotal)
            .arg(dataset));
    runSmallQuery(fileStatsSql(dataset), [this, dataset](const DremioSqlOutcome& outcome, const QJsonArray& rows) {
        if (!outcome.ok || rows.isEmpty()) {
            m_fileStatsProblems.append(
                QStringLiteral("%1: %2").arg(dataset, outcome.ok ? QStringLiteral("no result row") : outcome.error));
            return nextFileStats();
        }
        // Numbers arrive as strings (number-as-string header) or numbers.
        const QJsonObject row = rows.first().toObject();
        auto number = [&row](const char* name) -> std::optional<qint64> {
            const QJsonValue value = row.value(QLatin1String(name));
            if (value.isNull() || value.isUndefined())
                return std::nullopt;
            return value.isString() ? value.toString().toLongLong() : roundToInt64(value.toDouble());
        };
        IcebergFileStats stats;
        stats.datasetPath = dataset;
        stats.fileCount = number("file_count").value_or(0);
        stats.totalBytes = number("total_bytes").value_or(0);
        stats.recordCount = number("record_count").value_or(0);
        stats.smallFiles = number("small_files").value_or(0);
        stats.smallThresholdBytes = SmallFileBytes;
        stats.minFileBytes = number("min_file_bytes");
        stats.maxFileBytes = number("max_file_bytes");
        stats.collectedMs = QDateTime::currentMSecsSinceEpoch();
        QString error;
        if (!DremioSourceRepository(m_db).upsertFileStats(m_result.sourceId, stats, &error)) {
            m_fileStatsProblems.append(QStringLiteral("%1: %2").arg(dataset, error));
            return nextFileStats();
        }
        ++m_result.fileStatsTables;
        // Only tables that answered table_files are Iceberg: their partitions are worth a query.
        readPartitions(dataset);
    });
}

void HistoryCollector::runSmallQuery(
    const QString& sql, std::function<void(const DremioSqlOutcome&, const QJsonArray&)> done)
{
    auto rows = std::make_shared<QJsonArray>();
    auto* runner = new DremioSqlRunner(m_client, this);
    connect(runner, &DremioSqlRunner::pageReady, this, [rows](const DremioResultPage& page) {
        for (const QJsonValue& row : page.rows)
            rows->append(row);
    });
    connect(runner, &DremioSqlRunner::finished, this,
        [this, runner, rows, done = std::move(done)](const DremioSqlOutcome& outcome) {
            runner->deleteLater();
            if (m_done)
                return;
            if (m_cancelled || outcome.cancelled)
                return finish();
            done(outcome, *rows);
        });
    runner->start(sql);
}

void HistoryCollector::readPartitions(const QString& dataset)
{
    const QString sql = DremioCatalogReader::partitionStatsSql(dataset);
    runSmallQuery(sql, [this, dataset](const DremioSqlOutcome& outcome, const QJsonArray& rows) {
        IcebergPartitionStats stats;
        QString error;
        if (!outcome.ok)
            error = outcome.error;
        else if (rows.isEmpty()
            || !DremioCatalogReader::partitionStatsFromRow(dataset, rows.first().toObject(), &stats))
            error = QStringLiteral("table_partitions returned no partition row");
        if (error.isEmpty()) {
            stats.collectedMs = QDateTime::currentMSecsSinceEpoch();
            if (DremioCatalogRepository(m_db).upsertPartitionStats(m_result.sourceId, stats, &error))
                ++m_result.partitionStatsTables;
        }
        if (!error.isEmpty())
            m_fileStatsProblems.append(QStringLiteral("%1 (partitions): %2").arg(dataset, error));
        nextFileStats();
    });
}

void HistoryCollector::startCatalog()
{
    if (m_done)
        return;
    if (m_cancelled)
        return finish();
    m_catalogProblems.clear();
    m_goneDatasets.clear();
    QStringList datasets;
    if (m_options.catalogDatasets > 0) {
        QString error;
        datasets = DremioSourceRepository(m_db).topDatasets(m_result.sourceId, m_options.catalogDatasets, &error);
        // System tables are not catalog entries.
        datasets.removeIf([](const QString& path) {
            return path.startsWith(QLatin1String("sys."), Qt::CaseInsensitive)
                || path.startsWith(QLatin1String("INFORMATION_SCHEMA."), Qt::CaseInsensitive);
        });
        if (!error.isEmpty())
            m_result.warnings.append(QStringLiteral("catalog entries were not collected: ") + error);
    }
    if (datasets.isEmpty())
        return startProfiles();
    m_catalogPending = int(datasets.size());
    report(0, m_catalogPending, QStringLiteral("catalog 0 of %1").arg(m_catalogPending));
    QPointer<HistoryCollector> self(this);
    // All queued at once: the client keeps at most maxConcurrent in flight and retries transient failures.
    for (const QString& dataset : std::as_const(datasets)) {
        m_client->get(m_connection.apiPath(DremioCatalogReader::byPathSuffix(dataset)), QUrlQuery(),
            [self, dataset](const DremioResponse& response) {
                if (self)
                    self->onCatalogEntry(dataset, response);
            });
    }
}

void HistoryCollector::onCatalogEntry(const QString& dataset, const DremioResponse& response)
{
    if (m_done || response.error == DremioResponse::Error::Cancelled)
        return catalogDone();
    DremioCatalogEntry entry;
    QString error;
    if (response.error == DremioResponse::Error::NotFound) {
        entry.datasetPath = dataset;
        entry.status = QStringLiteral("gone");
        m_goneDatasets.append(dataset);
    } else if (!response.ok()) {
        m_catalogProblems.append(response.message);
        return catalogDone();
    } else {
        QJsonObject entity;
        if (!response.parseObject(&entity, &error)
            || !DremioCatalogReader::fromCatalogEntity(dataset, entity, &entry, &error)) {
            m_catalogProblems.append(error);
            return catalogDone();
        }
    }
    entry.fetchedMs = QDateTime::currentMSecsSinceEpoch();
    if (!DremioCatalogRepository(m_db).upsertDataset(m_result.sourceId, entry, &error))
        m_catalogProblems.append(error);
    else if (entry.status == QLatin1String("found"))
        ++m_result.catalogEntries;
    else
        ++m_result.datasetsGone;
    catalogDone();
}

void HistoryCollector::catalogDone()
{
    const int total = m_result.catalogEntries + m_result.datasetsGone + int(m_catalogProblems.size());
    if (!m_done)
        report(total, total + m_catalogPending - 1,
            QStringLiteral("catalog %1 of %2").arg(total).arg(total + m_catalogPending - 1));
    if (--m_catalogPending > 0 || m_done)
        return;
    if (m_cancelled)
        return finish();
    // One warning per kind, so a renamed space does not bury the summary.
    if (!m_goneDatasets.isEmpty())
        m_result.warnings.append(QStringLiteral("%1 datasets named by the history are no longer in the catalog (%2)")
                                     .arg(m_goneDatasets.size())
                                     .arg(m_goneDatasets.mid(0, MaxListedWarnings).join(QStringLiteral(", "))));
    if (!m_catalogProblems.isEmpty())
        m_result.warnings.append(QStringLiteral("%1 catalog entries could not be read (%2)")
                                     .arg(m_catalogProblems.size())
                                     .arg(m_catalogProblems.mid(0, MaxListedWarnings).join(QStringLiteral("; "))));
    startProfiles();
}

void HistoryCollector::startProfiles()
{
    if (m_done)
        return;
    if (m_cancelled)
        return finish();
    if (m_options.profiles <= 0)
        return finish();
    if (!m_connection.offersProfileDownload()) {
        m_result.warnings.append(
            QStringLiteral("Dremio Cloud offers no profile download through its API: profiles were "
                           "not collected; import them from files (Raw Profile, Download)"));
        return finish();
    }
    QString error;
    m_candidates = DremioSourceRepository(m_db).profileCandidates(m_result.sourceId, m_options.profiles, &error);
    if (!error.isEmpty()) {
        m_result.warnings.append(error);
        return finish();
    }
    if (m_candidates.isEmpty())
        return finish();
    m_profilesPending = int(m_candidates.size());
    QPointer<HistoryCollector> self(this);
    // All requests are queued at once; the client keeps at most maxConcurrent in flight.
    for (int i = 0; i < m_candidates.size(); ++i) {
        m_client->postJson(
            DremioConnection::profileDownloadPath(m_candidates[i].jobId), QByteArray(),
            [self, i](const DremioResponse& response) {
                if (self)
                    self->onProfile(i, response);
            },
            QByteArrayLiteral("application/octet-stream"));
    }
}

void HistoryCollector::onProfile(int index, const DremioResponse& response)
{
    if (m_done)
        return;
    const ProfileCandidate& candidate = m_candidates[index];
    ++m_result.profilesTried;
    report(m_result.profilesTried, int(m_candidates.size()),
        QStringLiteral("profile %1 of %2").arg(m_result.profilesTried).arg(m_candidates.size()));
    if (response.error == DremioResponse::Error::Cancelled) {
        --m_result.profilesTried;
        return profileDone();
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    DremioSourceRepository sources(m_db);
    QString error;
    if (!response.ok()) {
        ++m_result.profilesFailed;
        if (response.error == DremioResponse::Error::NotFound) {
            // Gone from the server (older than its job retention): do not ask again.
            ++m_profilesNotFound;
            sources.recordProfileAttempt(candidate.jobRowId, QStringLiteral("not-found"), now, &error);
        } else if (response.error == DremioResponse::Error::Forbidden) {
            if (!m_profileForbidden)
                m_result.warnings.append(QStringLiteral("profiles were not downloaded: ") + response.message);
            m_profileForbidden = true;
        } else if (m_result.profilesFailed - m_profilesNotFound <= MaxListedWarnings) {
            m_result.warnings.append(QStringLiteral("profile of job %1: %2").arg(candidate.jobId, response.message));
        }
        return profileDone();
    }
    ParsedProfile parsed;
    QByteArray json;
    bool ok = ProfileZipReader::readLastAttempt(response.body, &json, &error)
        && DremioProfileParser::parse(json, &parsed, &error);
    if (ok) {
        m_db.transaction();
        ok = ProfileRepository(m_db).store(candidate.jobRowId, json, parsed, &error) >= 0;
        ok = ok && m_db.commit();
        if (!ok)
            m_db.rollback();
    }
    if (!ok) {
        ++m_result.profilesFailed;
        sources.recordProfileAttempt(candidate.jobRowId, QStringLiteral("failed"), now, nullptr);
        if (m_result.profilesFailed - m_profilesNotFound <= MaxListedWarnings)
            m_result.warnings.append(
                QStringLiteral("profile of job %1 could not be read: %2").arg(candidate.jobId, error));
        return profileDone();
    }
    ++m_result.profilesStored;
    fetchRelationships(index);
}

void HistoryCollector::fetchRelationships(int index)
{
    // The job status record lists the reflections considered, matched and chosen for the job.
    QPointer<HistoryCollector> self(this);
    const QString jobId = m_candidates[index].jobId;
    m_client->get(m_connection.apiPath(QStringLiteral("job/") + QString::fromLatin1(QUrl::toPercentEncoding(jobId))),
        QUrlQuery(), [self, index](const DremioResponse& response) {
            if (!self || self->m_done)
                return;
            QJsonObject status;
            if (response.ok() && response.parseObject(&status, nullptr)) {
                const auto relationships = DremioReflectionReader::relationshipsOfJobStatus(status);
                if (!relationships.isEmpty()) {
                    QString error;
                    self->m_db.transaction();
                    if (DremioSourceRepository(self->m_db)
                            .replaceJobRelationships(self->m_candidates[index].jobRowId, relationships, &error)
                        && self->m_db.commit())
                        ++self->m_result.relationships;
                    else
                        self->m_db.rollback();
                }
            }
            self->profileDone();
        });
}

void HistoryCollector::profileDone()
{
    if (--m_profilesPending > 0 || m_done)
        return;
    if (m_profilesNotFound > 0)
        m_result.warnings.append(QStringLiteral("%1 profiles are no longer on the server (job retention) and will not "
                                                "be asked for again")
                                     .arg(m_profilesNotFound));
    finish();
}

void HistoryCollector::checkCancelFlag()
{
    if (!m_done && !m_cancelled && m_cancelFlag && m_cancelFlag->load(std::memory_order_relaxed))
        cancel();
}

void HistoryCollector::cancel()
{
    if (m_done || m_cancelled)
        return;
    m_cancelled = true;
    report(0, 0, QStringLiteral("cancelling"));
    if (m_runner && m_runner->isRunning())
        m_runner->cancel();
    // Requests in flight end as Cancelled; the stage waiting for them then calls finish().
    m_client->cancelAll();
    if (m_result.importRunId < 0)
        QTimer::singleShot(0, this, [this]() { finish(); });
}

void HistoryCollector::fail(const QString& error)
{
    if (m_done)
        return;
    m_result.error = error;
    finish();
}

void HistoryCollector::finish()
{
    if (m_done)
        return;
    m_done = true;
    m_running = false;
    if (m_cancelPoll)
        m_cancelPoll->stop();
    m_client->cancelAll(); // nothing may outlive the run (late callbacks see m_done)
    m_result.cancelled = m_cancelled && m_result.error.isEmpty();
    m_result.ok = m_result.error.isEmpty() && !m_result.cancelled;
    m_result.elapsedMs = m_clock.elapsed();
    m_result.serverWaitMs = m_client->serverWaitMs();
    if (m_result.importRunId >= 0) {
        QString error;
        const qint64 after = countSourceJobs(&error);
        m_result.jobsAdded = after >= 0 ? after - m_jobsBefore : 0;
        ImportRunRow run;
        run.id = m_result.importRunId;
        run.sourceId = m_result.sourceId;
        run.status = m_result.ok ? QStringLiteral("completed")
            : m_result.cancelled ? QStringLiteral("cancelled")
                                 : QStringLiteral("failed");
        run.jobsAdded = int(m_result.jobsAdded);
        run.profilesAdded = m_result.profilesStored;
        run.message = m_result.ok ? m_result.warnings.join(QStringLiteral("; ")) : m_result.error;
        CollectRunRecord record;
        record.importRunId = m_result.importRunId;
        record.sourceId = m_result.sourceId;
        record.watermarkBeforeMs = m_result.watermarkBeforeMs;
        record.watermarkAfterMs = m_result.watermarkAfterMs;
        record.historyPages = m_result.historyPages;
        record.historyRows = int(m_result.historyRows);
        record.profilesTried = m_result.profilesTried;
        record.profilesFailed = m_result.profilesFailed;
        record.reflections = m_result.reflections;
        record.elapsedMs = m_result.elapsedMs;
        record.serverWaitMs = m_result.serverWaitMs;
        record.warnings = m_result.warnings;
        DremioSourceRepository sources(m_db);
        const bool committedSomething = m_result.historyPages > 0 || m_result.profilesStored > 0;
        bool recorded = m_db.transaction() && ImportRunRepository(m_db).finish(run, &error)
            && sources.recordCollectRun(record, &error)
            && (!committedSomething
                || sources.setLastCollected(m_result.sourceId, QDateTime::currentMSecsSinceEpoch(), &error))
            && m_db.commit();
        if (!recorded) {
            m_db.rollback();
            m_result.warnings.append(QStringLiteral("the collect run could not be recorded: ") + error);
        }
    }
    m_jobs.reset();
    report(1, 1,
        m_result.ok              ? QStringLiteral("done")
            : m_result.cancelled ? QStringLiteral("cancelled")
                                 : QStringLiteral("failed"));
    Q_EMIT finished(m_result);
}

} // namespace dopt
