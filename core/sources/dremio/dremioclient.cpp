#include "dremioclient.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QTimer>

namespace dopt {

struct DremioClient::Request
{
    QByteArray method;
    QString path;
    QUrlQuery query;
    QByteArray body;
    QByteArray accept;
    Callback done;
    int attempt = 0;
    bool isLogin = false;

    QString what() const { return QString::fromLatin1(method) + QLatin1Char(' ') + path; }
};

namespace {

// Dremio's error body is {"errorMessage": "...", "moreInfo": "..."}; fall back to a short excerpt.
QString serverMessage(const QByteArray& body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        const QString message = document.object().value(QLatin1String("errorMessage")).toString();
        if (!message.isEmpty())
            return message.simplified();
    }
    QString text = QString::fromUtf8(body.left(200)).simplified();
    if (body.size() > 200)
        text += QStringLiteral("…");
    return text;
}

bool isTransientNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::TimeoutError:
        return true;
    default:
        return false;
    }
}

} // namespace

bool DremioResponse::parseObject(QJsonObject* out, QString* error) const
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = QStringLiteral("%1: Dremio sent malformed JSON (%2 at byte %3 of %4)")
                         .arg(what, parseError.errorString())
                         .arg(parseError.offset)
                         .arg(body.size());
        return false;
    }
    if (!document.isObject()) {
        if (error)
            *error = QStringLiteral("%1: Dremio sent JSON that is not an object").arg(what);
        return false;
    }
    *out = document.object();
    return true;
}

DremioClient::DremioClient(const DremioConnection& connection, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
    , m_network(new QNetworkAccessManager(this))
    , m_ssl(QSslConfiguration::defaultConfiguration())
{
    // Verification is the default and stays on: no code path calls ignoreSslErrors().
    m_ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_network->setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
}

DremioClient::~DremioClient()
{
    // Callbacks may reference objects already gone: drop them rather than call them.
    for (auto it = m_active.begin(); it != m_active.end(); ++it) {
        it.key()->disconnect(this);
        it.key()->abort();
        it.key()->deleteLater();
    }
    m_active.clear();
}

void DremioClient::setSecret(const QString& secret)
{
    m_secret = secret;
    m_token.clear();
    m_tokenExpiresMs = 0;
}

bool DremioClient::prepare(QString* error)
{
    if (!m_connection.validate(error))
        return false;
    if (!m_connection.caFile.isEmpty()) {
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(m_connection.caFile, QSsl::Pem);
        if (certificates.isEmpty()) {
            if (error)
                *error = QStringLiteral("Dremio CA file: %1 holds no PEM certificate").arg(m_connection.caFile);
            return false;
        }
        m_ssl.addCaCertificates(certificates);
    }
    if (m_secret.isEmpty()) {
        if (error)
            *error = m_connection.authMode == DremioConnection::AuthMode::Password
                ? QStringLiteral("Dremio login: no password given (keychain or %1)")
                      .arg(m_connection.secretEnvironmentVariable())
                : QStringLiteral("Dremio token: no personal access token given (keychain or %1)")
                      .arg(m_connection.secretEnvironmentVariable());
        return false;
    }
    return true;
}

void DremioClient::get(const QString& path, const QUrlQuery& query, Callback done)
{
    auto request = std::make_shared<Request>();
    request->method = QByteArrayLiteral("GET");
    request->path = path;
    request->query = query;
    request->accept = QByteArrayLiteral("application/json");
    request->done = std::move(done);
    enqueue(std::move(request));
}

void DremioClient::postJson(const QString& path, const QByteArray& json, Callback done, const QByteArray& accept)
{
    auto request = std::make_shared<Request>();
    request->method = QByteArrayLiteral("POST");
    request->path = path;
    request->body = json;
    request->accept = accept;
    request->done = std::move(done);
    enqueue(std::move(request));
}

void DremioClient::deleteResource(const QString& path, Callback done)
{
    auto request = std::make_shared<Request>();
    request->method = QByteArrayLiteral("DELETE");
    request->path = path;
    request->accept = QByteArrayLiteral("application/json");
    request->done = std::move(done);
    enqueue(std::move(request));
}

void DremioClient::enqueue(RequestPtr request)
{
    m_queue.append(std::move(request));
    pump();
}

bool DremioClient::needsLogin() const
{
    if (m_connection.authMode != DremioConnection::AuthMode::Password)
        return false;
    if (m_token.isEmpty())
        return true;
    if (m_requestsForFreshToken > 0)
        return false; // a login just happened: it serves what was waiting for it
    return QDateTime::currentMSecsSinceEpoch() + m_renewalMarginMs >= m_tokenExpiresMs;
}

void DremioClient::pump()
{
    while (!m_queue.isEmpty() && m_active.size() < m_connection.maxConcurrent) {
        if (m_loginInFlight)
            return;
        if (needsLogin()) {
            startLogin();
            return;
        }
        if (m_requestsForFreshToken > 0)
            --m_requestsForFreshToken;
        dispatch(m_queue.takeFirst());
    }
}

void DremioClient::startLogin()
{
    m_loginInFlight = true;
    auto login = std::make_shared<Request>();
    login->method = QByteArrayLiteral("POST");
    login->path = QStringLiteral("/apiv2/login");
    login->accept = QByteArrayLiteral("application/json");
    login->isLogin = true;
    QJsonObject body;
    body.insert(QLatin1String("userName"), m_connection.userName);
    body.insert(QLatin1String("password"), m_secret);
    login->body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    login->done = [this](const DremioResponse& response) {
        m_loginInFlight = false;
        QJsonObject object;
        QString error;
        if (response.ok() && response.parseObject(&object, &error)) {
            m_token = object.value(QLatin1String("token")).toString();
            // `expires` is epoch ms; a missing value means the documented 30-hour lifetime.
            const qint64 expires = object.value(QLatin1String("expires")).toInteger();
            m_tokenExpiresMs = expires > 0 ? expires : QDateTime::currentMSecsSinceEpoch() + 30LL * 3600 * 1000;
            if (!m_token.isEmpty()) {
                ++m_loginCount;
                m_requestsForFreshToken = int(m_queue.size());
                pump();
                return;
            }
            error = QStringLiteral("POST /apiv2/login: Dremio answered without a token");
        }
        DremioResponse failure = response;
        if (response.error == DremioResponse::Error::Unauthorized)
            failure.message = QStringLiteral("Dremio at %1 rejected the user name or password of '%2' (HTTP 401)")
                                  .arg(m_connection.displayName(), m_connection.userName);
        else if (!response.ok())
            failure.message = QStringLiteral("Dremio login failed: ") + response.message;
        else {
            failure.error = DremioResponse::Error::BadRequest;
            failure.message = error;
        }
        failQueued(failure);
    };
    dispatch(login);
}

QString DremioClient::authorizationHeader() const
{
    if (m_connection.authMode == DremioConnection::AuthMode::Password)
        return m_token.isEmpty() ? QString() : QStringLiteral("_dremio") + m_token;
    return QStringLiteral("Bearer ") + m_secret;
}

void DremioClient::dispatch(const RequestPtr& request)
{
    ++request->attempt;
    QNetworkRequest networkRequest(m_connection.url(request->path, request->query));
    networkRequest.setRawHeader(QByteArrayLiteral("Accept"), request->accept);
    // Large counts and Cloud's nanosecond epochs exceed 2^53: ask for numbers as strings.
    networkRequest.setRawHeader(
        QByteArrayLiteral("x-dremio-job-data-number-format"), QByteArrayLiteral("number-as-string"));
    if (!request->isLogin) {
        const QString authorization = authorizationHeader();
        if (!authorization.isEmpty())
            networkRequest.setRawHeader(QByteArrayLiteral("Authorization"), authorization.toUtf8());
    }
    if (networkRequest.url().scheme() == QLatin1String("https"))
        networkRequest.setSslConfiguration(m_ssl);

    QNetworkReply* reply = nullptr;
    if (request->method == "POST") {
        networkRequest.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        reply = m_network->post(networkRequest, request->body);
    } else if (request->method == "DELETE") {
        reply = m_network->deleteResource(networkRequest);
    } else {
        reply = m_network->get(networkRequest);
    }
    markBusy(true);

    Active active;
    active.request = request;
    active.timer = new QTimer(reply);
    active.timer->setSingleShot(true);
    active.timer->setInterval(m_connection.timeoutMs);
    m_active.insert(reply, active);

    // An inactivity timeout: a large profile may take long, but a silent server must not hang us.
    connect(active.timer, &QTimer::timeout, this, [this, reply]() {
        auto it = m_active.find(reply);
        if (it == m_active.end())
            return;
        it->timedOut = true;
        reply->abort();
    });
    auto restart = [this, reply]() {
        auto it = m_active.find(reply);
        if (it != m_active.end())
            it->timer->start();
    };
    connect(reply, &QNetworkReply::downloadProgress, this, restart);
    connect(reply, &QNetworkReply::uploadProgress, this, restart);
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError>& errors) {
        auto it = m_active.find(reply);
        if (it == m_active.end())
            return;
        QStringList texts;
        for (const QSslError& error : errors)
            texts.append(error.errorString());
        it->tlsErrors = texts.join(QStringLiteral("; "));
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply]() { onFinished(reply); });
    active.timer->start();
}

void DremioClient::onFinished(QNetworkReply* reply)
{
    auto it = m_active.find(reply);
    if (it == m_active.end())
        return;
    const Active active = it.value();
    m_active.erase(it);
    active.timer->stop();
    reply->deleteLater();
    if (m_active.isEmpty())
        markBusy(false);

    DremioResponse response = classify(reply, active, active.request);
    const RequestPtr& request = active.request;
    if (response.error == DremioResponse::Error::Unauthorized && !request->isLogin)
        m_token.clear(); // not retried, but the next request logs in afresh (Password mode)
    const bool transient = response.error == DremioResponse::Error::RateLimited
        || response.error == DremioResponse::Error::Timeout || response.error == DremioResponse::Error::ConnectionLost
        || (response.error == DremioResponse::Error::ServerError
            && (response.httpStatus == 502 || response.httpStatus == 503 || response.httpStatus == 504));
    if (transient && request->attempt < m_connection.maxAttempts) {
        const int wait = backoffMs(request->attempt, reply->rawHeader(QByteArrayLiteral("Retry-After")));
        scheduleRetry(request, wait, response.message);
        pump();
        return;
    }
    if (transient && request->attempt > 1)
        response.message += QStringLiteral(" (gave up after %1 attempts)").arg(request->attempt);
    finish(request, std::move(response));
    pump();
}

DremioResponse DremioClient::classify(QNetworkReply* reply, const Active& active, const RequestPtr& request) const
{
    DremioResponse response;
    response.what = request->what();
    response.attempts = request->attempt;
    response.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->isOpen())
        response.body = reply->readAll();
    const QString where = m_connection.displayName();
    using Error = DremioResponse::Error;

    if (active.cancelled) {
        response.error = Error::Cancelled;
        response.message = QStringLiteral("%1: cancelled").arg(response.what);
        return response;
    }
    if (active.timedOut) {
        response.error = Error::Timeout;
        response.message = QStringLiteral("%1: Dremio at %2 sent nothing for %3 s (timeout)")
                               .arg(response.what, where)
                               .arg(m_connection.timeoutMs / 1000.0, 0, 'f', 1);
        return response;
    }
    const QNetworkReply::NetworkError networkError = reply->error();
    if (response.httpStatus == 0 || (networkError != QNetworkReply::NoError && networkError < 100)) {
        // Transport-level failure: no (complete) HTTP response.
        if (networkError == QNetworkReply::SslHandshakeFailedError || !active.tlsErrors.isEmpty()) {
            response.error = Error::Tls;
            response.message
                = QStringLiteral("%1: TLS verification of %2 failed (%3); add the server's CA "
                                 "certificate file to the connection if it is signed by a private CA")
                      .arg(response.what, where, active.tlsErrors.isEmpty() ? reply->errorString() : active.tlsErrors);
        } else if (isTransientNetworkError(networkError)) {
            response.error = Error::ConnectionLost;
            response.message = networkError == QNetworkReply::ConnectionRefusedError
                ? QStringLiteral("%1: Dremio at %2 refused the connection").arg(response.what, where)
                : QStringLiteral("%1: the connection to Dremio at %2 was lost before the response was complete (%3)")
                      .arg(response.what, where, reply->errorString());
        } else {
            response.error = Error::Network;
            response.message
                = QStringLiteral("%1: cannot reach Dremio at %2 (%3)").arg(response.what, where, reply->errorString());
        }
        return response;
    }
    const int status = response.httpStatus;
    // A connection closed mid-body is not always reported as an error: a body shorter than its
    // Content-Length is a lost connection (retried), never a malformed answer.
    const QVariant declared = reply->header(QNetworkRequest::ContentLengthHeader);
    if (declared.isValid() && response.body.size() < declared.toLongLong()
        && reply->rawHeader(QByteArrayLiteral("Content-Encoding")).isEmpty()) {
        response.error = Error::ConnectionLost;
        response.message
            = QStringLiteral("%1: the connection to Dremio at %2 was lost before the response was complete (%3 of %4 "
                             "bytes)")
                  .arg(response.what, where)
                  .arg(response.body.size())
                  .arg(declared.toLongLong());
        return response;
    }
    if (status >= 200 && status < 300)
        return response;
    const QString detail = serverMessage(response.body);
    const QString suffix = detail.isEmpty() ? QString() : QStringLiteral(": ") + detail;
    if (status == 401) {
        response.error = Error::Unauthorized;
        response.message = m_connection.authMode == DremioConnection::AuthMode::Password
            ? QStringLiteral("%1: Dremio at %2 refused the login token (HTTP 401); it may have expired, log in again")
                  .arg(response.what, where)
            : QStringLiteral("%1: Dremio at %2 refused the personal access token (HTTP 401): it is wrong, revoked or "
                             "expired; create a new one")
                  .arg(response.what, where);
    } else if (status == 403) {
        response.error = Error::Forbidden;
        response.message = QStringLiteral("%1: Dremio at %2 denied access (HTTP 403): the user lacks the permission "
                                          "for this%3")
                               .arg(response.what, where, suffix);
    } else if (status == 404) {
        response.error = Error::NotFound;
        response.message
            = QStringLiteral("%1: not found on Dremio at %2 (HTTP 404)%3").arg(response.what, where, suffix);
    } else if (status == 429) {
        response.error = Error::RateLimited;
        response.message
            = QStringLiteral("%1: Dremio at %2 is rate-limiting requests (HTTP 429)").arg(response.what, where);
    } else if (status >= 500) {
        response.error = Error::ServerError;
        response.message
            = QStringLiteral("%1: Dremio at %2 failed (HTTP %3)%4").arg(response.what, where).arg(status).arg(suffix);
    } else {
        response.error = Error::BadRequest;
        response.message = QStringLiteral("%1: Dremio at %2 rejected the request (HTTP %3)%4")
                               .arg(response.what, where)
                               .arg(status)
                               .arg(suffix);
    }
    return response;
}

int DremioClient::backoffMs(int attempt, const QByteArray& retryAfter) const
{
    const QByteArray value = retryAfter.trimmed();
    if (!value.isEmpty()) {
        bool isNumber = false;
        const qint64 seconds = value.toLongLong(&isNumber);
        if (isNumber && seconds >= 0)
            return int(qMin<qint64>(seconds * 1000, m_connection.maxRetryWaitMs));
        const QDateTime when = QDateTime::fromString(QString::fromLatin1(value), Qt::RFC2822Date);
        if (when.isValid()) {
            const qint64 wait = QDateTime::currentDateTimeUtc().msecsTo(when);
            return int(qBound<qint64>(0, wait, qint64(m_connection.maxRetryWaitMs)));
        }
    }
    // Exponential with ±20 % jitter, so several clients do not retry in lockstep.
    const qint64 base = qint64(m_connection.retryBaseMs) << qMin(attempt - 1, 20);
    const qint64 jitter = base / 5 > 0 ? QRandomGenerator::global()->bounded(base / 5 * 2 + 1) - base / 5 : 0;
    return int(qBound<qint64>(0, base + jitter, qint64(m_connection.maxRetryWaitMs)));
}

void DremioClient::scheduleRetry(const RequestPtr& request, int waitMs, const QString& reason)
{
    Q_EMIT retrying(request->what(), request->attempt + 1, waitMs, reason);
    auto* timer = new QTimer(this);
    timer->setSingleShot(true);
    m_waitingRetry.insert(timer, request);
    connect(timer, &QTimer::timeout, this, [this, timer]() {
        const RequestPtr waiting = m_waitingRetry.take(timer);
        timer->deleteLater();
        if (!waiting)
            return;
        // Retries go to the front: they were admitted before anything queued since.
        m_queue.prepend(waiting);
        pump();
    });
    timer->start(waitMs);
}

void DremioClient::finish(const RequestPtr& request, DremioResponse response)
{
    if (request->done)
        request->done(response);
}

void DremioClient::failQueued(const DremioResponse& model)
{
    const QList<RequestPtr> queued = std::exchange(m_queue, {});
    for (const RequestPtr& request : queued) {
        DremioResponse response = model;
        response.what = request->what();
        response.body.clear();
        finish(request, response);
    }
}

void DremioClient::cancelAll()
{
    DremioResponse cancelled;
    cancelled.error = DremioResponse::Error::Cancelled;
    cancelled.message = QStringLiteral("cancelled");
    failQueued(cancelled);
    const auto waiting = std::exchange(m_waitingRetry, {});
    for (auto it = waiting.begin(); it != waiting.end(); ++it) {
        it.key()->stop();
        it.key()->deleteLater();
        DremioResponse response = cancelled;
        response.what = it.value()->what();
        finish(it.value(), response);
    }
    const QList<QNetworkReply*> replies = m_active.keys();
    for (QNetworkReply* reply : replies) {
        auto it = m_active.find(reply);
        if (it != m_active.end()) {
            it->cancelled = true;
            reply->abort(); // finished() → onFinished() → Cancelled
        }
    }
    m_loginInFlight = false;
}

void DremioClient::markBusy(bool busy)
{
    if (busy && !m_busyClock.isValid())
        m_busyClock.start();
    else if (!busy && m_busyClock.isValid()) {
        m_busyMs += m_busyClock.elapsed();
        m_busyClock.invalidate();
    }
}

qint64 DremioClient::serverWaitMs() const
{
    return m_busyMs + (m_busyClock.isValid() ? m_busyClock.elapsed() : 0);
}

} // namespace dopt
