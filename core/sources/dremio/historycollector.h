#pragma once

#include "dremioconnection.h"
#include "dremiosourcerepository.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QSqlDatabase>
#include <QStringList>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QTimer;

namespace dopt {

class DremioClient;
class DremioSqlRunner;
class JobRepository;
class Workspace;
struct DremioResultPage;
struct DremioSqlOutcome;
struct DremioResponse;

/// What one collect run should do.
struct CollectOptions
{
    std::optional<qint64> sinceMs; // never collect jobs submitted before this (epoch ms)
    int profiles = 20; // profiles to download this run (0 = none)
    bool reflections = true;
    int fileStatsTables = 5; // Iceberg tables (most scanned first) whose table_files/table_partitions are read
    int catalogDatasets = 50; // datasets (most referenced first) whose catalog entries are fetched (0 = none)
    int pageSize = 500; // results page size (Dremio's maximum is 500)
    QString secretBackend = QStringLiteral("environment"); // stored with the settings: keychain, environment
    QString secretRef; // keychain key or environment variable name (stored, never the secret)
};

/// What a collect run did; also written to import_runs and collect_runs.
struct CollectResult
{
    bool ok = false;
    bool cancelled = false;
    QString error; // one line when !ok and not cancelled
    QStringList warnings; // things skipped that did not stop the run
    qint64 sourceId = -1;
    qint64 importRunId = -1;
    int historyPages = 0;
    int historyPageCount = 0;
    qint64 historyRows = 0; // rows received
    qint64 jobsAdded = 0; // new jobs in the workspace (duplicates are ignored)
    int profilesTried = 0;
    int profilesStored = 0;
    int profilesFailed = 0;
    int reflections = 0;
    int relationships = 0; // jobs whose reflection relationships were stored
    int fileStatsTables = 0; // tables whose Iceberg file statistics were stored
    int partitionStatsTables = 0; // tables whose Iceberg partition statistics were stored
    int catalogEntries = 0; // datasets whose catalog entry was stored
    int datasetsGone = 0; // datasets the catalog no longer has (404)
    std::optional<qint64> watermarkBeforeMs;
    std::optional<qint64> watermarkAfterMs;
    qint64 elapsedMs = 0;
    qint64 serverWaitMs = 0; // wall time with a request in flight (overlaps processing: pages are prefetched)
    qint64 processingMs = 0; // wall time spent mapping and storing what the server sent

    /// The summary the CLI prints on stdout.
    QJsonObject toJson() const;
};

/// Keeps a workspace up to date from a live Dremio: query history from sys.jobs_recent (Software) or
/// sys.project.history.jobs (Cloud) since the source's watermark, page by page (each page and the
/// watermark it advances commit in one transaction, so a cancelled or failed run keeps what it
/// committed and the next run resumes where it stopped; rows seen again are ignored); then
/// reflections (sys.reflections, else the REST listing, else per dataset); then profiles of the jobs
/// worth looking at (slowest, most expensive, failed, regressed) through the profile download ZIP,
/// parsed with the foundation's parser, plus the job status record's reflection relationships.
/// Runs asynchronously on the calling thread's event loop; runBlocking()/collect() wrap it for the
/// CLI and for TaskRunner workers. Progress reads "page 3 of 12", "profile 14 of 50".
class HistoryCollector : public QObject
{
    Q_OBJECT
public:
    using Progress = std::function<void(int done, int total, const QString& message)>;

    HistoryCollector(
        Workspace& workspace, const DremioConnection& connection, const QString& secret, QObject* parent = nullptr);
    ~HistoryCollector() override;

    void setOptions(const CollectOptions& options) { m_options = options; }
    /// Polled while running (e.g. TaskContext::cancelFlag()); setting it has the effect of cancel().
    void setCancelFlag(const std::atomic_bool* cancelled) { m_cancelFlag = cancelled; }
    void setProgress(Progress progress) { m_progressSink = std::move(progress); }
    /// The client, e.g. to watch its retrying() signal or tune the token renewal.
    DremioClient* client() const { return m_client; }

    /// Starts the run; finished() follows (also for early failures, then from the event loop).
    void start();
    /// Stops at the next safe point; what was committed stays.
    void cancel();
    bool isRunning() const { return m_running; }
    CollectResult result() const { return m_result; }

    /// start() and wait in a local event loop for finished(): for the CLI and worker threads.
    CollectResult runBlocking();
    /// One-call form: `HistoryCollector::collect(workspace, connection, secret, options,
    /// context.cancelFlag(), progress)`.
    static CollectResult collect(Workspace& workspace, const DremioConnection& connection, const QString& secret,
        const CollectOptions& options, const std::atomic_bool* cancelled = nullptr, Progress progress = {});

    /// The aggregate asked of TABLE(table_files(...)) for one table (files, bytes, small files).
    static QString fileStatsSql(const QString& datasetPath);

Q_SIGNALS:
    void progress(int done, int total, const QString& message);
    void finished(const dopt::CollectResult& result);

private:
    bool prepareRun(QString* error);
    void startHistory();
    void onHistoryPage(const DremioResultPage& page);
    void onHistoryDone(const DremioSqlOutcome& outcome);
    void startReflections();
    void onReflectionRows(const QJsonArray& rows, const QString& how);
    void reflectionsFromRest();
    void reflectionsPerDataset();
    void startFileStats();
    void nextFileStats();
    /// Runs a query whose answer is a few rows; `done` gets them unless the run ended or was cancelled.
    void runSmallQuery(const QString& sql, std::function<void(const DremioSqlOutcome&, const QJsonArray&)> done);
    void readPartitions(const QString& dataset);
    void startCatalog();
    void onCatalogEntry(const QString& dataset, const DremioResponse& response);
    void catalogDone();
    void startProfiles();
    void onProfile(int index, const DremioResponse& response);
    void fetchRelationships(int index);
    void profileDone();
    void checkCancelFlag();
    void fail(const QString& error);
    void finish();
    void report(int done, int total, const QString& message);
    qint64 countSourceJobs(QString* error);

    Workspace& m_workspace;
    DremioConnection m_connection;
    CollectOptions m_options;
    DremioClient* m_client;
    DremioSqlRunner* m_runner = nullptr;
    QTimer* m_cancelPoll = nullptr;
    const std::atomic_bool* m_cancelFlag = nullptr;
    Progress m_progressSink;
    QSqlDatabase m_db;
    std::unique_ptr<JobRepository> m_jobs; // one for the run: its upsert statement is prepared once
    QElapsedTimer m_clock;
    CollectResult m_result;
    qint64 m_jobsBefore = 0;
    bool m_running = false;
    bool m_cancelled = false;
    bool m_done = false;
    bool m_historyDone = false;
    bool m_profileForbidden = false;
    int m_profilesNotFound = 0;
    int m_profilesPending = 0;
    int m_reflectionDatasetsPending = 0;
    QVector<ProfileCandidate> m_candidates;
    QJsonArray m_reflectionRows;
    QStringList m_fileStatsQueue;
    int m_fileStatsTotal = 0;
    QStringList m_fileStatsProblems;
    QStringList m_reflectionProblems;
    int m_catalogPending = 0;
    QStringList m_catalogProblems;
    QStringList m_goneDatasets;
};

} // namespace dopt
