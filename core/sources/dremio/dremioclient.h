#pragma once

#include "dremioconnection.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace dopt {

/// The outcome of one logical request to Dremio, after any retries.
struct DremioResponse
{
    enum class Error {
        None,
        Unauthorized, // 401: token missing, wrong or expired; never retried
        Forbidden, // 403: the user lacks a permission; never retried
        NotFound, // 404 (e.g. an endpoint this edition does not offer)
        BadRequest, // other 4xx
        RateLimited, // 429 still returned after the last attempt
        ServerError, // 5xx
        Timeout, // nothing received for DremioConnection::timeoutMs (after the last attempt)
        ConnectionLost, // connection refused or dropped (e.g. mid-body), after the last attempt
        Network, // host not found and other network failures
        Tls, // certificate verification failed (never ignored)
        Cancelled, // DremioClient::cancelAll()
    };

    QString what; // "GET /api/v3/job/…": the request, for messages (never carries a secret)
    int httpStatus = 0;
    QByteArray body;
    Error error = Error::None;
    QString message; // one line for the user: what failed, where and what to do
    int attempts = 0;

    bool ok() const { return error == Error::None; }
    /// Parses the body as a JSON object; false with a one-line message naming the request otherwise.
    bool parseObject(QJsonObject* out, QString* error) const;
};

/// Asynchronous REST client for one Dremio (Software or Cloud) on QNetworkAccessManager. Every
/// request is queued and at most DremioConnection::maxConcurrent are in flight, so a collect never
/// floods the coordinator. 429/502/503/504, timeouts and dropped connections are retried with
/// exponential backoff honouring Retry-After; 401/403 never are. TLS verification is always on
/// (an extra CA file may be trusted; there is deliberately no way to ignore errors). A personal
/// access token is sent as `Bearer`; with a user name and password the client logs in through
/// POST /apiv2/login first and logs in again before the 30-hour token expires. The secret stays in
/// memory and only ever travels in a header or the login body, never in a URL or a message.
/// Callbacks run on the client's thread; they may queue further requests.
class DremioClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const DremioResponse&)>;

    explicit DremioClient(const DremioConnection& connection, QObject* parent = nullptr);
    ~DremioClient() override;

    const DremioConnection& connection() const { return m_connection; }
    /// The personal access token or, in Password mode, the password.
    void setSecret(const QString& secret);
    /// Validates the connection and loads the extra CA file; false with a one-line reason.
    bool prepare(QString* error);
    /// Log in again when the token expires within this margin (default 1 hour of the 30).
    void setTokenRenewalMarginMs(qint64 margin) { m_renewalMarginMs = margin; }

    void get(const QString& path, const QUrlQuery& query, Callback done);
    void postJson(const QString& path, const QByteArray& json, Callback done,
        const QByteArray& accept = QByteArrayLiteral("application/json"));
    /// DELETE (e.g. a reflection); retried like the others.
    void deleteResource(const QString& path, Callback done);
    /// Drops queued requests, aborts those in flight and pending retries; their callbacks get
    /// Error::Cancelled.
    void cancelAll();

    int inFlight() const { return int(m_active.size()); }
    int pending() const { return int(m_queue.size() + m_waitingRetry.size() + m_active.size()); }
    /// Wall time during which at least one request was in flight (for the "time outside waiting for
    /// the server" figure).
    qint64 serverWaitMs() const;
    int loginCount() const { return m_loginCount; }
    qint64 tokenExpiresMs() const { return m_tokenExpiresMs; }

Q_SIGNALS:
    /// A transient failure; the request is sent again after waitMs.
    void retrying(const QString& what, int attempt, int waitMs, const QString& reason);

private:
    struct Request;
    using RequestPtr = std::shared_ptr<Request>;
    struct Active
    {
        RequestPtr request;
        QTimer* timer = nullptr;
        bool timedOut = false;
        bool cancelled = false;
        QString tlsErrors;
    };

    void enqueue(RequestPtr request);
    void pump();
    bool needsLogin() const;
    void startLogin();
    void dispatch(const RequestPtr& request);
    void onFinished(QNetworkReply* reply);
    void finish(const RequestPtr& request, DremioResponse response);
    void scheduleRetry(const RequestPtr& request, int waitMs, const QString& reason);
    void failQueued(const DremioResponse& model);
    DremioResponse classify(QNetworkReply* reply, const Active& active, const RequestPtr& request) const;
    int backoffMs(int attempt, const QByteArray& retryAfter) const;
    QString authorizationHeader() const;
    void markBusy(bool busy);

    DremioConnection m_connection;
    QNetworkAccessManager* m_network;
    QSslConfiguration m_ssl;
    QString m_secret;
    QString m_token; // from /apiv2/login
    qint64 m_tokenExpiresMs = 0;
    qint64 m_renewalMarginMs = 3600 * 1000;
    bool m_loginInFlight = false;
    int m_loginCount = 0;
    int m_requestsForFreshToken = 0; // queued requests a new token is used for without renewal check
    QList<RequestPtr> m_queue;
    QHash<QNetworkReply*, Active> m_active;
    QHash<QTimer*, RequestPtr> m_waitingRetry;
    QElapsedTimer m_busyClock;
    qint64 m_busyMs = 0;
};

} // namespace dopt
