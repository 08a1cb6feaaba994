#pragma once

#include "fakedremioworkload.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMutex>
#include <QObject>
#include <QStringList>
#include <QUrl>

class QTcpServer;
class QTcpSocket;

namespace dopt::test {

/// A fake Dremio for tests: an HTTP/1.1 server (QTcpServer, keep-alive) on 127.0.0.1 at a random
/// port that implements the documented endpoints the connector uses (reference/dremio.md §1) for
/// Software (/api/v3, /apiv2) or Cloud (/v0/projects/{id}): login, SQL submit, job status with
/// acceleration.reflectionRelationships, results paging (limit ≤ 500, number-as-string), profile
/// download ZIP and JSON, reflection listings and catalog by path. History rows are the real sample
/// payloads from ../shared/data/dremio, or rows generated from a sample row as template. Faults can
/// be injected per request path. It may be moved to its own thread before start() (all public
/// methods are thread-safe), so a benchmark can separate client and server time.
class FakeDremioServer : public QObject
{
    Q_OBJECT
public:
    enum class Flavor { Software, Cloud };
    enum class Fault {
        Unauthorized, // 401 with Dremio's error body
        Forbidden, // 403
        TooManyRequests, // 429 with Retry-After: retryAfterSeconds
        ServerError, // 500
        ServiceUnavailable, // 503
        Slow, // answers normally after delayMs (past the client's timeout)
        DropMidBody, // sends the headers and half the body, then closes the connection
        MalformedJson, // 200 with a truncated JSON body
    };
    /// A fault for requests whose "METHOD /path?query" contains `match`; `times` < 0 means always.
    struct FaultRule
    {
        QString match;
        Fault fault = Fault::ServerError;
        int times = -1;
        int retryAfterSeconds = 1;
        int delayMs = 0;
    };

    static constexpr const char* Pat = "fake-pat-7f3a9c";
    static constexpr const char* UserName = "analyst";
    static constexpr const char* Password = "s3cret-Pa55";
    static constexpr const char* ProjectId = "5e7b6f0e-0b1c-4f43-8f1a-0c9a1d2e3f40";

    explicit FakeDremioServer(Flavor flavor = Flavor::Software, QObject* parent = nullptr);
    ~FakeDremioServer() override;

    /// Serve HTTPS with this PEM certificate (chain) and private key (call before start()).
    bool enableTls(const QString& certificateFile, const QString& keyFile, QString* error);
    /// Writes a throwaway private CA and a server certificate it signed for 127.0.0.1/localhost into
    /// `directory` with the openssl command (generated at test time: no key is ever committed).
    /// Sets caFile (the CA certificate clients must trust), certificateFile and keyFile (the server's).
    static bool makeTestCertificates(
        const QString& directory, QString* caFile, QString* certificateFile, QString* keyFile, QString* error);
    /// Listens on 127.0.0.1 at a free port; call from the thread the server lives in.
    bool start(QString* error);
    /// Closes the listener and every connection.
    void stop();
    QUrl baseUrl() const;
    Flavor flavor() const { return m_flavor; }

    // --- data ---
    /// The real history sample of this flavour (sys_jobs_recent_results.json or the Cloud one).
    bool loadSampleHistory(QString* error);
    /// Appends rows to the history (e.g. copies of sample rows with other ids and times).
    void appendHistoryRows(const QJsonArray& rows);
    /// Replaces the history by `count` rows generated from the sample's last row as template: ids
    /// "gen-<n>", submitted = firstSubmittedMs + n * stepMs, varied duration, cost, user and state.
    bool setGeneratedHistory(qint64 count, qint64 firstSubmittedMs, qint64 stepMs, QString* error);
    /// A history row built from the sample template (for tests that need specific rows).
    QJsonObject templateRow() const;
    /// Profile served for every job by the download endpoints (default: the real sample ZIP/JSON).
    bool loadSampleProfiles(QString* error);
    /// Rows of sys.reflections (synthetic, built from the documented columns).
    void setReflections(const QJsonArray& sysReflectionRows);
    /// Data files of an Iceberg table (by its dotted path as history rows list it), answered to the
    /// collector's aggregate over TABLE(table_files('<path>')); other tables fail as non-Iceberg.
    void setTableFiles(const QString& datasetPath, const QVector<qint64>& fileSizes, qint64 recordsPerFile);
    /// Partitions of an Iceberg table (value as Dremio prints it, e.g. "{dt=2024-05-01}", records,
    /// files), answered to the collector's one-row query over TABLE(table_partitions('<path>')).
    struct Partition
    {
        QString value;
        qint64 records = 0;
        qint64 files = 0;
    };
    void setTablePartitions(const QString& datasetPath, const QVector<Partition>& partitions);
    /// The catalog entity GET catalog/by-path/<segments> answers (before the reflection-derived ones).
    void setCatalogEntry(const QStringList& pathSegments, const QJsonObject& entity);
    /// Which reflection listings the "edition" offers.
    void setReflectionSources(bool sysTable, bool globalRestList);
    /// acceleration.reflectionRelationships returned by GET job/{id} for a history job.
    void setJobRelationships(const QString& jobId, const QJsonArray& relationships);
    /// The profile served for one job instead of the sample: by the download endpoint inside a ZIP
    /// written with libzip (profile_attempt_0.json) and by the JSON endpoint as is (e.g. a real
    /// sample profile the test adapted). False with *error when the ZIP cannot be written.
    bool setJobProfile(const QString& jobId, const QByteArray& profileJson, QString* error);

    // --- profiles per job (before/after plans of apply-and-measure) ---
    /// Jobs whose submitted SQL contains `sqlContains` get this QueryProfile JSON from the download
    /// endpoints (in the ZIP as profile_attempt_0.json, and as /apiv2/profiles/{id}.json); the
    /// first text given that matches wins. Any bytes are served as given (bad JSON included).
    /// A profile given for the job itself (setJobProfile) comes first; other jobs keep the profile
    /// of loadSampleProfiles(). False when the ZIP cannot be built.
    bool setProfileForSql(const QString& sqlContains, const QByteArray& profileJson);
    /// Forgets the profiles given per SQL text and per job.
    void clearJobProfiles();

    // --- behaviour ---
    void addFault(const FaultRule& rule);
    void clearFaults();
    /// The next `count` SQL jobs end in `state` (FAILED or CANCELED) with this message.
    void failNextSqlJobs(const QString& state, const QString& message, int count = 1);
    /// How many status polls a SQL job stays RUNNING (default 1).
    void setPollsUntilDone(int polls);
    /// After a job's first results page, `extraRows` rows appear before the next page's offset.
    void setPagesChangeBetweenCalls(int extraRows);
    void setTokenLifetimeMs(qint64 lifetime);
    /// Delay every response by this much (to make concurrency observable).
    void setResponseDelayMs(int delay);

    /// Reflections, measured queries and Iceberg snapshots for apply-and-measure (see its comment);
    /// configure it before the requests it should affect.
    FakeDremioWorkload& workload() { return m_workload; }

    // --- observations ---
    QStringList requestLog() const; // "GET /api/v3/job/…/results?offset=0&limit=500"
    int countRequests(const QString& contains) const;
    int maxConcurrentRequests() const;
    QList<QByteArray> authorizationHeaders() const;
    QStringList submittedSql() const;
    int loginCount() const;
    qint64 historySize() const;

private:
    struct Connection;
    struct HttpRequest
    {
        QByteArray method;
        QByteArray target; // path?query as sent
        QString path;
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
    };
    struct HttpResponse
    {
        int status = 200;
        QByteArray contentType = QByteArrayLiteral("application/json");
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        bool dropMidBody = false;
        int delayMs = 0;
    };
    struct SqlJob
    {
        QString kind; // history, reflections, unknown
        QString finalState = QStringLiteral("COMPLETED");
        QString message;
        int pollsLeft = 0;
        qint64 firstIndex = 0; // history: index of the first matching row in m_history / generated
        qint64 rowCount = 0;
        qint64 extraRows = 0; // rows that "appeared" after the first page
        bool firstPageServed = false;
        QJsonArray rows; // kinds answered with fixed rows (table_files aggregates)
        qint64 startedMs = 0; // startedAt in the job status: a fixed clock, a minute per job
        qint64 durationMs = 5; // endedAt - startedAt
        QJsonArray relationships; // acceleration.reflectionRelationships
    };

    void onNewConnection();
    void onReadyRead(QTcpSocket* socket);
    void handle(QTcpSocket* socket, const HttpRequest& request);
    HttpResponse route(const HttpRequest& request);
    HttpResponse routeApi(const HttpRequest& request, const QString& rest);
    HttpResponse submitSql(const HttpRequest& request);
    HttpResponse jobStatus(const QString& jobId);
    HttpResponse jobResults(const HttpRequest& request, const QString& jobId);
    HttpResponse login(const HttpRequest& request);
    HttpResponse reflectionList(const QString& datasetId);
    HttpResponse catalogRoot();
    void answerTableFiles(const QString& sql, SqlJob* job) const;
    void answerTablePartitions(const QString& sql, SqlJob* job) const;
    HttpResponse catalogByPath(const QString& path);
    /// (download ZIP, profile JSON) served for a job; with m_mutex held.
    QPair<QByteArray, QByteArray> profileOfJob(const QString& jobId) const;
    bool authorized(const HttpRequest& request) const;
    QJsonObject historyRow(qint64 index) const;
    qint64 historyCount() const;
    qint64 submittedOf(const QJsonObject& row) const;
    void write(QTcpSocket* socket, const HttpResponse& response);
    static HttpResponse json(int status, const QJsonObject& object);
    static HttpResponse error(int status, const QString& message);

    const Flavor m_flavor;
    QString m_tlsCertificateFile;
    QString m_tlsKeyFile;
    mutable QMutex m_mutex;
    QTcpServer* m_server = nullptr;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    // history: either explicit rows (sorted by submitted time) or generated ones
    QJsonArray m_schema;
    QVector<QJsonObject> m_history;
    QJsonObject m_template;
    qint64 m_generatedCount = -1;
    qint64 m_generatedFirstMs = 0;
    qint64 m_generatedStepMs = 0;
    QByteArray m_profileZip;
    QByteArray m_profileJson;
    QJsonArray m_reflections;
    QHash<QString, QPair<QVector<qint64>, qint64>> m_tableFiles; // path → file sizes, records per file
    QHash<QString, QVector<Partition>> m_tablePartitions;
    QHash<QString, QJsonObject> m_catalog; // segments joined by '/' → entity
    bool m_sysReflections = true;
    bool m_globalReflectionList = true;
    QHash<QString, QJsonArray> m_relationships;
    QHash<QString, QPair<QByteArray, QByteArray>> m_jobProfiles; // job id → (download ZIP, profile JSON)
    QList<FaultRule> m_faults;
    QList<QPair<QString, QString>> m_sqlFailures; // (state, message)
    int m_pollsUntilDone = 1;
    int m_pagesChangeRows = 0;
    qint64 m_tokenLifetimeMs = 30LL * 3600 * 1000;
    int m_responseDelayMs = 0;
    QHash<QString, SqlJob> m_jobs;
    QHash<QString, qint64> m_tokens; // issued login token → expiry
    int m_nextJob = 1;
    QStringList m_log;
    QStringList m_sql;
    QList<QByteArray> m_authorizations;
    int m_inProgress = 0;
    int m_maxInProgress = 0;
    int m_logins = 0;
    FakeDremioWorkload m_workload;
    QList<QPair<QString, QPair<QByteArray, QByteArray>>> m_sqlProfiles; // SQL text contained → (ZIP, JSON)
    QHash<QString, QString> m_sqlOfJob; // every submitted job's SQL
};

} // namespace dopt::test
