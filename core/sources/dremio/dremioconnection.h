#pragma once

#include <QString>
#include <QUrl>
#include <QUrlQuery>

namespace dopt {

/// Where and how to reach one Dremio: Software (`/api/v3`, plus `/apiv2` for login and profile
/// download) or Cloud (`/v0/projects/{projectId}`), the authentication mode, an optional extra CA
/// file and the client's limits. Holds no secret: the token or password lives in SecretStore and is
/// handed to DremioClient in memory only.
struct DremioConnection
{
    enum class Flavor { Software, Cloud };
    enum class AuthMode { PersonalAccessToken, Password };

    QUrl baseUrl; // scheme://host[:port], no path, no credentials
    Flavor flavor = Flavor::Software;
    QString projectId; // Cloud only
    AuthMode authMode = AuthMode::PersonalAccessToken;
    QString userName; // Password mode only
    QString caFile; // extra PEM CA certificates trusted in addition to the system ones
    int timeoutMs = 30000; // a request that receives nothing for this long is a timeout
    int maxConcurrent = 4; // requests in flight at once, so a collect never floods the coordinator
    int maxAttempts = 5; // first try plus retries on 429/502/503/504/timeouts
    int retryBaseMs = 500; // first backoff; doubles per retry, capped by maxRetryWaitMs
    int maxRetryWaitMs = 60000;
    int pollIntervalMs = 250; // first job-status poll delay; grows to pollMaxIntervalMs
    int pollMaxIntervalMs = 2000;

    /// Builds a connection from what a user types: a URL (with or without /api/v3) and an optional
    /// Cloud project id. `api.dremio.cloud` / `api.eu.dremio.cloud` hosts or a project id mean Cloud.
    static DremioConnection fromUrl(const QString& url, const QString& projectId = QString());

    /// Checks the settings; false with a one-line reason naming the field otherwise.
    bool validate(QString* error) const;

    bool isCloud() const { return flavor == Flavor::Cloud; }
    /// "/api/v3" or "/v0/projects/{projectId}": the root of the public REST paths.
    QString apiRoot() const;
    /// apiRoot() + "/" + suffix, e.g. apiPath("job/123/results").
    QString apiPath(const QString& suffix) const;
    /// Absolute URL of a path on the server, with an optional query.
    QUrl url(const QString& path, const QUrlQuery& query = QUrlQuery()) const;

    /// The system table holding finished jobs: sys.jobs_recent or sys.project.history.jobs.
    QString historyTable() const;
    /// Its submission-time column and how many of its units make one millisecond.
    QString historySubmittedColumn() const;
    qint64 historyEpochUnitsPerMs() const;
    /// Software servers offer the profile download ZIP; Cloud has no documented endpoint.
    bool offersProfileDownload() const { return flavor == Flavor::Software; }
    /// POST path of a job's profile download ZIP (reference/dremio.md §1.8; Software only).
    static QString profileDownloadPath(const QString& jobId);

    /// The sources.kind value: "dremio-software" or "dremio-cloud".
    QString sourceKind() const;
    /// A name safe to show and store: host[:port] (+ project id for Cloud).
    QString displayName() const;
    /// Environment variables read when no keychain is available.
    QString secretEnvironmentVariable() const;
    static QString flavorName(Flavor flavor);
    static QString authModeName(AuthMode mode);
    static bool parseAuthMode(const QString& name, AuthMode* mode);
};

} // namespace dopt
