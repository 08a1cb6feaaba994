#include "fakedremioserver.h"

#include "profilezipwriter.h"
#include "testdata.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QPointer>
#include <QProcess>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>
#include <algorithm>

namespace dopt::test {

namespace {

QByteArray readFile(const QString& path, QString* error)
{
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read sample %1").arg(path.isEmpty() ? QStringLiteral("(absent)") : path);
        return QByteArray();
    }
    return file.readAll();
}

// What Dremio's JSONJobDataFilter does for x-dremio-job-data-number-format: number-as-string.
QJsonObject numbersAsStrings(const QJsonObject& row)
{
    QJsonObject out;
    for (auto it = row.begin(); it != row.end(); ++it) {
        const QJsonValue value = it.value();
        if (value.isDouble()) {
            const qint64 integer = value.toInteger(std::numeric_limits<qint64>::min());
            out.insert(it.key(),
                integer != std::numeric_limits<qint64>::min() ? QString::number(integer)
                                                              : QString::number(value.toDouble(), 'g', 17));
        } else {
            out.insert(it.key(), value);
        }
    }
    return out;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

FakeDremioServer::FakeDremioServer(Flavor flavor, QObject* parent)
    : QObject(parent)
    , m_flavor(flavor)
{ }

FakeDremioServer::~FakeDremioServer()
{
    stop();
}

bool FakeDremioServer::enableTls(const QString& certificateFile, const QString& keyFile, QString* error)
{
    if (QSslCertificate::fromPath(certificateFile, QSsl::Pem).isEmpty()) {
        if (error)
            *error = QStringLiteral("fake Dremio: no certificate in %1").arg(certificateFile);
        return false;
    }
    m_tlsCertificateFile = certificateFile;
    m_tlsKeyFile = keyFile;
    return true;
}

bool FakeDremioServer::makeTestCertificates(
    const QString& directory, QString* caFile, QString* certificateFile, QString* keyFile, QString* error)
{
    const QDir dir(directory);
    auto openssl = [&](const QStringList& arguments) {
        QProcess process;
        process.setWorkingDirectory(directory);
        process.start(QStringLiteral("openssl"), arguments);
        if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit
            || process.exitCode() != 0) {
            if (error)
                *error = QStringLiteral("openssl %1 failed: %2%3")
                             .arg(arguments.first(), process.errorString(),
                                 QString::fromLocal8Bit(process.readAllStandardError()).trimmed());
            return false;
        }
        return true;
    };
    QFile extensions(dir.filePath(QStringLiteral("server.ext")));
    if (!extensions.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error)
            *error = QStringLiteral("cannot write %1").arg(extensions.fileName());
        return false;
    }
    extensions.write("basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
                     "extendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n");
    extensions.close();
    const bool ok
        = openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
              QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("ca.key"),
              QStringLiteral("-out"), QStringLiteral("ca.pem"), QStringLiteral("-days"), QStringLiteral("2"),
              QStringLiteral("-subj"), QStringLiteral("/CN=Dremio Optimizer test CA"), QStringLiteral("-addext"),
              QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
              QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")})
        && openssl({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
            QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("server.key"), QStringLiteral("-out"),
            QStringLiteral("server.csr"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1")})
        && openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("server.csr"),
            QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
            QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), QStringLiteral("server.pem"),
            QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"), QStringLiteral("server.ext")});
    if (!ok)
        return false;
    *caFile = dir.filePath(QStringLiteral("ca.pem"));
    *certificateFile = dir.filePath(QStringLiteral("server.pem"));
    *keyFile = dir.filePath(QStringLiteral("server.key"));
    return true;
}

bool FakeDremioServer::start(QString* error)
{
    if (!m_tlsCertificateFile.isEmpty()) {
        QFile keyFile(m_tlsKeyFile);
        if (!keyFile.open(QIODevice::ReadOnly)) {
            if (error)
                *error = QStringLiteral("fake Dremio: cannot read the key %1").arg(m_tlsKeyFile);
            return false;
        }
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificateChain(QSslCertificate::fromPath(m_tlsCertificateFile, QSsl::Pem));
        tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa, QSsl::Pem));
        tls.setPeerVerifyMode(QSslSocket::VerifyNone); // clients are not asked for certificates
        auto* server = new QSslServer(this);
        server->setSslConfiguration(tls);
        m_server = server;
    } else {
        m_server = new QTcpServer(this);
    }
    // QSslServer queues a connection once its handshake is done and announces it with
    // pendingConnectionAvailable; both signals are harmless for plain TCP.
    connect(m_server, &QTcpServer::newConnection, this, &FakeDremioServer::onNewConnection);
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &FakeDremioServer::onNewConnection);
    if (!m_server->listen(QHostAddress::LocalHost, 0)) {
        if (error)
            *error = QStringLiteral("fake Dremio cannot listen: ") + m_server->errorString();
        return false;
    }
    return true;
}

void FakeDremioServer::stop()
{
    if (!m_server)
        return;
    m_server->close();
    const QList<QTcpSocket*> sockets = m_buffers.keys();
    for (QTcpSocket* socket : sockets)
        socket->abort();
}

QUrl FakeDremioServer::baseUrl() const
{
    QUrl url;
    url.setScheme(m_tlsCertificateFile.isEmpty() ? QStringLiteral("http") : QStringLiteral("https"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_server ? m_server->serverPort() : 0);
    return url;
}

bool FakeDremioServer::loadSampleHistory(QString* error)
{
    const QString name = m_flavor == Flavor::Cloud ? QStringLiteral("cloud_sys_project_history_jobs_results.json")
                                                   : QStringLiteral("sys_jobs_recent_results.json");
    const QByteArray bytes = readFile(dremioSample(name), error);
    if (bytes.isEmpty())
        return false;
    const QJsonObject document = QJsonDocument::fromJson(bytes).object();
    const QJsonArray rows = document.value(QLatin1String("rows")).toArray();
    if (rows.isEmpty()) {
        if (error)
            *error = name + QStringLiteral(": no rows");
        return false;
    }
    QMutexLocker lock(&m_mutex);
    m_schema = document.value(QLatin1String("schema")).toArray();
    m_template = rows.last().toObject();
    m_history.clear();
    m_generatedCount = -1;
    lock.unlock();
    appendHistoryRows(rows);
    return true;
}

void FakeDremioServer::appendHistoryRows(const QJsonArray& rows)
{
    QMutexLocker lock(&m_mutex);
    for (const QJsonValue& row : rows)
        m_history.append(row.toObject());
    // What ORDER BY submitted, job_id gives.
    std::stable_sort(m_history.begin(), m_history.end(), [this](const QJsonObject& a, const QJsonObject& b) {
        const qint64 sa = submittedOf(a), sb = submittedOf(b);
        if (sa != sb)
            return sa < sb;
        return a.value(QLatin1String("job_id")).toString() < b.value(QLatin1String("job_id")).toString();
    });
}

QJsonObject FakeDremioServer::templateRow() const
{
    QMutexLocker lock(&m_mutex);
    return m_template;
}

bool FakeDremioServer::setGeneratedHistory(qint64 count, qint64 firstSubmittedMs, qint64 stepMs, QString* error)
{
    if (templateRow().isEmpty() && !loadSampleHistory(error))
        return false;
    QMutexLocker lock(&m_mutex);
    m_history.clear();
    m_generatedCount = count;
    m_generatedFirstMs = firstSubmittedMs;
    m_generatedStepMs = stepMs;
    return true;
}

qint64 FakeDremioServer::historyCount() const
{
    return m_generatedCount >= 0 ? m_generatedCount : m_history.size();
}

qint64 FakeDremioServer::historySize() const
{
    QMutexLocker lock(&m_mutex);
    return historyCount();
}

QJsonObject FakeDremioServer::historyRow(qint64 index) const
{
    if (m_generatedCount < 0)
        return m_history.value(index);
    // A generated row: the real sample row with its identity, times and figures varied.
    QJsonObject row = m_template;
    const bool cloud = m_flavor == Flavor::Cloud;
    const qint64 submitted = m_generatedFirstMs + index * m_generatedStepMs;
    const qint64 duration = 20 + (index * 7919) % 45000;
    const bool failed = index % 37 == 5;
    row.insert(QLatin1String("job_id"), QStringLiteral("gen-%1").arg(index, 8, 10, QLatin1Char('0')));
    row.insert(QLatin1String("status"), failed ? QStringLiteral("FAILED") : QStringLiteral("COMPLETED"));
    row.insert(QLatin1String("user_name"), QStringLiteral("user%1@example.com").arg(index % 17));
    row.insert(QLatin1String("query"),
        QStringLiteral("SELECT region, SUM(amount) FROM sales.orders_%1 WHERE day = '2024-05-%2' GROUP BY region")
            .arg(index % 40)
            .arg(1 + index % 28, 2, 10, QLatin1Char('0')));
    row.insert(QLatin1String("error_msg"),
        failed ? QStringLiteral("Query was cancelled because it exceeded the memory "
                                "limits set by the administrator.")
               : QString());
    row.insert(QLatin1String("planner_estimated_cost"), double(1000 + (index * 104729) % 9000000));
    row.insert(QLatin1String("rows_scanned"), qint64((index * 31337) % 50000000));
    row.insert(QLatin1String("bytes_scanned"), qint64((index * 1299709) % 4000000000LL));
    row.insert(QLatin1String("rows_returned"), qint64(index % 1000));
    const auto isoTime = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    };
    row.insert(QLatin1String("submitted_ts"), isoTime(submitted));
    row.insert(QLatin1String("final_state_ts"), isoTime(submitted + duration));
    if (cloud) {
        row.insert(QLatin1String("submitted_epoch"), submitted * 1000000);
        row.insert(QLatin1String("attempt_started_epoch"), submitted * 1000000);
        row.insert(QLatin1String("final_state_epoch"), (submitted + duration) * 1000000);
    } else {
        row.insert(QLatin1String("submitted_epoch_millis"), submitted);
        row.insert(QLatin1String("attempt_started_epoch_millis"), submitted);
        row.insert(QLatin1String("final_state_epoch_millis"), submitted + duration);
    }
    return row;
}

qint64 FakeDremioServer::submittedOf(const QJsonObject& row) const
{
    const QJsonValue value = row.value(
        m_flavor == Flavor::Cloud ? QLatin1String("submitted_epoch") : QLatin1String("submitted_epoch_millis"));
    return value.isString() ? value.toString().toLongLong() : value.toInteger();
}

bool FakeDremioServer::loadSampleProfiles(QString* error)
{
    const QByteArray zip = readFile(dremioSample(QStringLiteral("profile_download_21.6.2.zip")), error);
    const QByteArray json = readFile(dremioSample(QStringLiteral("profile_21.6_csv_agg_1.json")), error);
    if (zip.isEmpty() || json.isEmpty())
        return false;
    QMutexLocker lock(&m_mutex);
    m_profileZip = zip;
    m_profileJson = json;
    return true;
}

bool FakeDremioServer::setProfileForSql(const QString& sqlContains, const QByteArray& profileJson)
{
    const QByteArray zip = writeZip({{QStringLiteral("profile_attempt_0.json"), profileJson}});
    if (zip.isEmpty())
        return false;
    QMutexLocker lock(&m_mutex);
    m_sqlProfiles.append({sqlContains, {zip, profileJson}});
    return true;
}

void FakeDremioServer::clearJobProfiles()
{
    QMutexLocker lock(&m_mutex);
    m_sqlProfiles.clear();
    m_jobProfiles.clear();
}

QPair<QByteArray, QByteArray> FakeDremioServer::profileOfJob(const QString& jobId) const
{
    if (const auto it = m_jobProfiles.constFind(jobId); it != m_jobProfiles.constEnd())
        return it.value();
    const QString sql = m_sqlOfJob.value(jobId);
    for (const auto& [contained, profile] : m_sqlProfiles)
        if (!sql.isEmpty() && sql.contains(contained))
            return profile;
    return {m_profileZip, m_profileJson};
}

void FakeDremioServer::setReflections(const QJsonArray& sysReflectionRows)
{
    QMutexLocker lock(&m_mutex);
    m_reflections = sysReflectionRows;
}

void FakeDremioServer::setReflectionSources(bool sysTable, bool globalRestList)
{
    QMutexLocker lock(&m_mutex);
    m_sysReflections = sysTable;
    m_globalReflectionList = globalRestList;
}

void FakeDremioServer::setJobRelationships(const QString& jobId, const QJsonArray& relationships)
{
    QMutexLocker lock(&m_mutex);
    m_relationships.insert(jobId, relationships);
}

bool FakeDremioServer::setJobProfile(const QString& jobId, const QByteArray& profileJson, QString* error)
{
    // A real ZIP written with libzip, as the download sends.
    const QByteArray zip = writeZip({{QStringLiteral("profile_attempt_0.json"), profileJson}});
    if (zip.isEmpty()) {
        if (error)
            *error = QStringLiteral("fake Dremio: cannot write the profile ZIP of job %1").arg(jobId);
        return false;
    }
    QMutexLocker lock(&m_mutex);
    m_jobProfiles.insert(jobId, {zip, profileJson});
    return true;
}

void FakeDremioServer::addFault(const FaultRule& rule)
{
    QMutexLocker lock(&m_mutex);
    m_faults.append(rule);
}

void FakeDremioServer::clearFaults()
{
    QMutexLocker lock(&m_mutex);
    m_faults.clear();
}

void FakeDremioServer::failNextSqlJobs(const QString& state, const QString& message, int count)
{
    QMutexLocker lock(&m_mutex);
    for (int i = 0; i < count; ++i)
        m_sqlFailures.append({state, message});
}

void FakeDremioServer::setPollsUntilDone(int polls)
{
    QMutexLocker lock(&m_mutex);
    m_pollsUntilDone = polls;
}

void FakeDremioServer::setPagesChangeBetweenCalls(int extraRows)
{
    QMutexLocker lock(&m_mutex);
    m_pagesChangeRows = extraRows;
}

void FakeDremioServer::setTokenLifetimeMs(qint64 lifetime)
{
    QMutexLocker lock(&m_mutex);
    m_tokenLifetimeMs = lifetime;
}

void FakeDremioServer::setResponseDelayMs(int delay)
{
    QMutexLocker lock(&m_mutex);
    m_responseDelayMs = delay;
}

QStringList FakeDremioServer::requestLog() const
{
    QMutexLocker lock(&m_mutex);
    return m_log;
}

int FakeDremioServer::countRequests(const QString& contains) const
{
    QMutexLocker lock(&m_mutex);
    return int(std::count_if(m_log.begin(), m_log.end(), [&](const QString& line) { return line.contains(contains); }));
}

int FakeDremioServer::maxConcurrentRequests() const
{
    QMutexLocker lock(&m_mutex);
    return m_maxInProgress;
}

QList<QByteArray> FakeDremioServer::authorizationHeaders() const
{
    QMutexLocker lock(&m_mutex);
    return m_authorizations;
}

QStringList FakeDremioServer::submittedSql() const
{
    QMutexLocker lock(&m_mutex);
    return m_sql;
}

int FakeDremioServer::loginCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_logins;
}

void FakeDremioServer::onNewConnection()
{
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        m_buffers.insert(socket, QByteArray());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket]() { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket]() {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
        // A TLS client may have sent its request while the handshake completed, before this connect.
        if (socket->bytesAvailable() > 0)
            QTimer::singleShot(0, this, [this, guard = QPointer<QTcpSocket>(socket)]() {
                if (guard && m_buffers.contains(guard))
                    onReadyRead(guard);
            });
    }
}

void FakeDremioServer::onReadyRead(QTcpSocket* socket)
{
    QByteArray& buffer = m_buffers[socket];
    buffer += socket->readAll();
    if (!buffer.isEmpty() && (buffer.at(0) < 'A' || buffer.at(0) > 'Z')) {
        socket->abort(); // not HTTP (e.g. a TLS ClientHello): a plain server would do the same
        return;
    }
    // HTTP/1.1 keep-alive: handle every complete request in the buffer, in order.
    for (;;) {
        const int headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        HttpRequest request;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.target = requestLine.value(1);
        for (int i = 1; i < lines.size(); ++i) {
            const int colon = lines[i].indexOf(':');
            if (colon > 0)
                request.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
        }
        const int length = request.headers.value("content-length", "0").toInt();
        if (buffer.size() < headerEnd + 4 + length)
            return;
        request.body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);
        request.path = QUrl::fromPercentEncoding(request.target.left(
            request.target.indexOf('?') >= 0 ? request.target.indexOf('?') : request.target.size()));
        handle(socket, request);
        if (!m_buffers.contains(socket))
            return;
    }
}

void FakeDremioServer::handle(QTcpSocket* socket, const HttpRequest& request)
{
    HttpResponse response;
    {
        QMutexLocker lock(&m_mutex);
        ++m_inProgress;
        m_maxInProgress = qMax(m_maxInProgress, m_inProgress);
        const QString line = QString::fromLatin1(request.method + ' ' + request.target);
        m_log.append(line);
        if (request.headers.contains("authorization"))
            m_authorizations.append(request.headers.value("authorization"));
        for (auto it = m_faults.begin(); it != m_faults.end(); ++it) {
            if (it->times == 0 || !line.contains(it->match))
                continue;
            if (it->times > 0)
                --it->times;
            switch (it->fault) {
            case Fault::Unauthorized:
                response = error(401, QStringLiteral("Unauthorized: token is invalid or has expired"));
                break;
            case Fault::Forbidden:
                response = error(403, QStringLiteral("User does not have permission to view jobs of other users"));
                break;
            case Fault::TooManyRequests:
                response = error(429, QStringLiteral("Too many requests"));
                response.headers.append({"Retry-After", QByteArray::number(it->retryAfterSeconds)});
                break;
            case Fault::ServerError:
                response = error(500, QStringLiteral("Unexpected error occurred"));
                break;
            case Fault::ServiceUnavailable:
                response = error(503, QStringLiteral("Service unavailable"));
                break;
            case Fault::Slow:
                response.delayMs = it->delayMs;
                break;
            case Fault::DropMidBody:
                response.dropMidBody = true;
                break;
            case Fault::MalformedJson:
                response.status = 200;
                response.body = QByteArrayLiteral("{\"rowCount\": 2, \"rows\": [{\"job_id\": \"Que");
                break;
            }
            break;
        }
        if (response.delayMs == 0)
            response.delayMs = m_responseDelayMs;
    }
    const bool faulted = !response.body.isEmpty();
    if (!faulted) {
        const int delay = response.delayMs;
        const bool drop = response.dropMidBody;
        QMutexLocker lock(&m_mutex);
        response = route(request);
        response.delayMs = delay;
        response.dropMidBody = drop;
    }
    if (response.delayMs > 0) {
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(response.delayMs, this, [this, guard, response]() {
            if (guard && guard->state() == QAbstractSocket::ConnectedState)
                write(guard, response);
            else {
                QMutexLocker lock(&m_mutex);
                --m_inProgress;
            }
        });
        return;
    }
    write(socket, response);
}

void FakeDremioServer::write(QTcpSocket* socket, const HttpResponse& response)
{
    {
        QMutexLocker lock(&m_mutex);
        --m_inProgress;
    }
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    head += "Content-Type: " + response.contentType + "\r\n";
    head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    for (const auto& header : response.headers)
        head += header.first + ": " + header.second + "\r\n";
    head += "Connection: keep-alive\r\n\r\n";
    if (response.dropMidBody) {
        socket->write(head + response.body.left(response.body.size() / 2));
        socket->flush();
        socket->disconnectFromHost();
        return;
    }
    socket->write(head + response.body);
}

FakeDremioServer::HttpResponse FakeDremioServer::json(int status, const QJsonObject& object)
{
    HttpResponse response;
    response.status = status;
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

FakeDremioServer::HttpResponse FakeDremioServer::error(int status, const QString& message)
{
    // Dremio's documented error body.
    QJsonObject object;
    object.insert(QLatin1String("errorMessage"), message);
    object.insert(QLatin1String("moreInfo"), QString());
    return json(status, object);
}

bool FakeDremioServer::authorized(const HttpRequest& request) const
{
    const QByteArray header = request.headers.value("authorization");
    if (header == QByteArray("Bearer ") + Pat)
        return true;
    QByteArray token;
    if (header.startsWith("_dremio"))
        token = header.mid(7);
    else if (header.toLower().startsWith("bearer "))
        token = header.mid(7);
    const auto it = m_tokens.find(QString::fromLatin1(token));
    return it != m_tokens.end() && it.value() > QDateTime::currentMSecsSinceEpoch();
}

FakeDremioServer::HttpResponse FakeDremioServer::route(const HttpRequest& request)
{
    const QString& path = request.path;
    const bool cloud = m_flavor == Flavor::Cloud;
    if (!cloud && path == QLatin1String("/apiv2/login") && request.method == "POST")
        return login(request);
    if (!authorized(request))
        return error(401, QStringLiteral("Unauthorized: token is invalid or has expired"));
    const QString apiRoot = cloud ? QStringLiteral("/v0/projects/") + QLatin1String(ProjectId) + QLatin1Char('/')
                                  : QStringLiteral("/api/v3/");
    if (path.startsWith(apiRoot))
        return routeApi(request, path.mid(apiRoot.size()));
    if (!cloud) {
        static const QRegularExpression download(QStringLiteral("^/apiv2/support/([^/]+)/download$"));
        static const QRegularExpression profileJson(QStringLiteral("^/apiv2/profiles/([^/]+)\\.json$"));
        auto match = download.match(path);
        if (match.hasMatch() && request.method == "POST") {
            if (!m_jobs.contains(match.captured(1))
                && std::none_of(m_history.begin(), m_history.end(),
                    [&](const QJsonObject& row) {
                        return row.value(QLatin1String("job_id")).toString() == match.captured(1);
                    })
                && !match.captured(1).startsWith(QLatin1String("gen-")))
                return error(404, QStringLiteral("Could not find a job with id %1").arg(match.captured(1)));
            HttpResponse response;
            response.contentType = QByteArrayLiteral("application/octet-stream");
            response.body = profileOfJob(match.captured(1)).first;
            response.headers.append(
                {"Content-Disposition", "attachment; filename=\"" + match.captured(1).toUtf8() + ".zip\""});
            return response;
        }
        match = profileJson.match(path);
        if (match.hasMatch()) {
            HttpResponse response;
            response.body = profileOfJob(match.captured(1)).second;
            return response;
        }
    }
    return error(404, QStringLiteral("HTTP 404 Not Found: %1").arg(path));
}

FakeDremioServer::HttpResponse FakeDremioServer::routeApi(const HttpRequest& request, const QString& rest)
{
    static const QRegularExpression jobPath(QStringLiteral("^job/([^/]+)(/results|/cancel)?$"));
    static const QRegularExpression datasetReflections(QStringLiteral("^dataset/([^/]+)/reflection$"));
    if (const auto answer = m_workload.answerRest(request.method, rest, request.body)) {
        HttpResponse response = json(answer->status, answer->body);
        if (answer->status == 204)
            response.body.clear();
        return response;
    }
    if (rest == QLatin1String("sql") && request.method == "POST")
        return submitSql(request);
    const auto job = jobPath.match(rest);
    if (job.hasMatch()) {
        if (job.captured(2) == QLatin1String("/results"))
            return jobResults(request, job.captured(1));
        if (job.captured(2) == QLatin1String("/cancel")) {
            HttpResponse response;
            response.status = 204;
            return response;
        }
        return jobStatus(job.captured(1));
    }
    if (rest == QLatin1String("reflection"))
        return reflectionList(QString());
    const auto perDataset = datasetReflections.match(rest);
    if (perDataset.hasMatch())
        return reflectionList(perDataset.captured(1));
    if (rest.startsWith(QLatin1String("catalog/by-path/")))
        return catalogByPath(rest.mid(16));
    if (rest == QLatin1String("catalog"))
        return catalogRoot();
    return error(404, QStringLiteral("HTTP 404 Not Found: %1").arg(request.path));
}

FakeDremioServer::HttpResponse FakeDremioServer::login(const HttpRequest& request)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    if (body.value(QLatin1String("userName")).toString() != QLatin1String(UserName)
        || body.value(QLatin1String("password")).toString() != QLatin1String(Password))
        return error(401, QStringLiteral("Login was unsuccessful"));
    ++m_logins;
    const QString token = QStringLiteral("tok-%1-a1b2c3").arg(m_logins);
    const qint64 expires = QDateTime::currentMSecsSinceEpoch() + m_tokenLifetimeMs;
    m_tokens.insert(token, expires);
    QJsonObject answer;
    answer.insert(QLatin1String("token"), token);
    answer.insert(QLatin1String("userName"), QLatin1String(UserName));
    answer.insert(QLatin1String("expires"), expires);
    answer.insert(QLatin1String("admin"), false);
    answer.insert(QLatin1String("version"), QStringLiteral("25.2.0"));
    QJsonObject permissions;
    permissions.insert(QLatin1String("canDownloadProfiles"), true);
    permissions.insert(QLatin1String("canViewAllJobs"), true);
    answer.insert(QLatin1String("permissions"), permissions);
    return json(200, answer);
}

FakeDremioServer::HttpResponse FakeDremioServer::submitSql(const HttpRequest& request)
{
    const QString sql = QJsonDocument::fromJson(request.body).object().value(QLatin1String("sql")).toString();
    if (sql.isEmpty())
        return error(400, QStringLiteral("sql is required"));
    m_sql.append(sql);
    SqlJob job;
    job.pollsLeft = m_pollsUntilDone;
    const QString historyTable
        = m_flavor == Flavor::Cloud ? QStringLiteral("sys.project.history.jobs") : QStringLiteral("sys.jobs_recent");
    if (const auto answer = m_workload.answerSql(sql)) {
        job.kind = QStringLiteral("workload");
        job.finalState = answer->finalState;
        job.message = answer->message;
        job.rows = answer->rows;
        job.rowCount = answer->rows.size();
        job.durationMs = answer->durationMs;
        job.relationships = answer->relationships;
    } else if (sql.contains(historyTable, Qt::CaseInsensitive)) {
        job.kind = QStringLiteral("history");
        static const QRegularExpression since(QStringLiteral("submitted_epoch(?:_millis)?\\s*>=\\s*(\\d+)"));
        const auto match = since.match(sql);
        const qint64 threshold = match.hasMatch() ? match.captured(1).toLongLong() : std::numeric_limits<qint64>::min();
        const qint64 count = historyCount();
        if (m_generatedCount >= 0) {
            const qint64 perMs = m_flavor == Flavor::Cloud ? 1000000 : 1;
            const qint64 thresholdMs = threshold == std::numeric_limits<qint64>::min()
                ? m_generatedFirstMs
                : (threshold + perMs - 1) / perMs;
            const qint64 first = thresholdMs <= m_generatedFirstMs
                ? 0
                : (thresholdMs - m_generatedFirstMs + m_generatedStepMs - 1) / qMax<qint64>(1, m_generatedStepMs);
            job.firstIndex = qMin(first, count);
        } else {
            qint64 first = 0;
            while (first < count && submittedOf(m_history[first]) < threshold)
                ++first;
            job.firstIndex = first;
        }
        job.rowCount = count - job.firstIndex;
    } else if (sql.contains(QLatin1String("table_files("), Qt::CaseInsensitive)) {
        answerTableFiles(sql, &job);
    } else if (sql.contains(QLatin1String("table_partitions("), Qt::CaseInsensitive)) {
        answerTablePartitions(sql, &job);
    } else if (sql.contains(QLatin1String("sys.reflections"), Qt::CaseInsensitive)) {
        job.kind = QStringLiteral("reflections");
        job.rowCount = m_reflections.size();
        if (!m_sysReflections) {
            job.finalState = QStringLiteral("FAILED");
            job.message = QStringLiteral("Table 'sys.reflections' not found");
        }
    } else {
        job.finalState = QStringLiteral("FAILED");
        job.message = QStringLiteral("The fake Dremio does not know this query");
    }
    if (!m_sqlFailures.isEmpty()) {
        const auto failure = m_sqlFailures.takeFirst();
        job.finalState = failure.first;
        job.message = failure.second;
    }
    job.startedMs = 1763900000000LL + qint64(m_nextJob) * 60000;
    const QString id = QStringLiteral("1f%1-0e4c-6b0a-c3d2-9a8b7c6d5e00").arg(m_nextJob++, 6, 16, QLatin1Char('0'));
    m_jobs.insert(id, job);
    m_sqlOfJob.insert(id, sql);
    QJsonObject answer;
    answer.insert(QLatin1String("id"), id);
    return json(200, answer);
}

FakeDremioServer::HttpResponse FakeDremioServer::jobStatus(const QString& jobId)
{
    QJsonObject status;
    auto it = m_jobs.find(jobId);
    if (it != m_jobs.end()) {
        QString state = QStringLiteral("RUNNING");
        if (it->pollsLeft > 0)
            --it->pollsLeft;
        else
            state = it->finalState;
        status.insert(QLatin1String("jobState"), state);
        status.insert(QLatin1String("rowCount"), state == QLatin1String("COMPLETED") ? it->rowCount : 0);
        status.insert(QLatin1String("errorMessage"), state == QLatin1String("FAILED") ? it->message : QString());
        status.insert(
            QLatin1String("cancellationReason"), state == QLatin1String("CANCELED") ? it->message : QString());
        status.insert(QLatin1String("queryType"), QStringLiteral("REST"));
        if (state == QLatin1String("COMPLETED") || state == QLatin1String("FAILED")) {
            const qint64 started = it->startedMs;
            status.insert(QLatin1String("startedAt"),
                QDateTime::fromMSecsSinceEpoch(started, Qt::UTC).toString(Qt::ISODateWithMs));
            status.insert(QLatin1String("endedAt"),
                QDateTime::fromMSecsSinceEpoch(started + it->durationMs, Qt::UTC).toString(Qt::ISODateWithMs));
        }
        if (state == QLatin1String("COMPLETED") && !it->relationships.isEmpty())
            status.insert(QLatin1String("acceleration"),
                QJsonObject {{QLatin1String("reflectionRelationships"), it->relationships}});
        return json(200, status);
    }
    const bool known = jobId.startsWith(QLatin1String("gen-"))
        || std::any_of(m_history.begin(), m_history.end(),
            [&](const QJsonObject& row) { return row.value(QLatin1String("job_id")).toString() == jobId; });
    if (!known)
        return error(404, QStringLiteral("Could not find a job with id %1").arg(jobId));
    status.insert(QLatin1String("jobState"), QStringLiteral("COMPLETED"));
    status.insert(QLatin1String("queryType"), QStringLiteral("UI_RUN"));
    status.insert(QLatin1String("startedAt"), QStringLiteral("2024-04-25T08:24:18.006Z"));
    status.insert(QLatin1String("endedAt"), QStringLiteral("2024-04-25T08:24:18.061Z"));
    const QJsonArray relationships = m_relationships.value(jobId);
    if (!relationships.isEmpty()) {
        QJsonObject acceleration;
        acceleration.insert(QLatin1String("reflectionRelationships"), relationships);
        status.insert(QLatin1String("acceleration"), acceleration);
    }
    return json(200, status);
}

FakeDremioServer::HttpResponse FakeDremioServer::jobResults(const HttpRequest& request, const QString& jobId)
{
    auto it = m_jobs.find(jobId);
    if (it == m_jobs.end())
        return error(404, QStringLiteral("Could not find a job with id %1").arg(jobId));
    if (it->pollsLeft > 0 || it->finalState != QLatin1String("COMPLETED"))
        return error(400,
            QStringLiteral("Can not fetch details for a job that is in [%1] state.")
                .arg(it->pollsLeft > 0 ? QStringLiteral("RUNNING") : it->finalState));
    const QUrlQuery query(QString::fromLatin1(request.target.mid(request.target.indexOf('?') + 1)));
    const qint64 offset = query.queryItemValue(QStringLiteral("offset")).toLongLong();
    const QString limitText = query.queryItemValue(QStringLiteral("limit"));
    const qint64 limit = limitText.isEmpty() ? 100 : limitText.toLongLong();
    if (limit > 500)
        return error(400, QStringLiteral("limit can not exceed 500 rows"));
    const bool asStrings = request.headers.value("x-dremio-job-data-number-format") == "number-as-string";
    const qint64 total = it->rowCount + it->extraRows;
    QJsonArray rows;
    for (qint64 k = offset; k < qMin(total, offset + limit); ++k) {
        QJsonObject row;
        if (it->kind == QLatin1String("history")) {
            // Rows that "appeared" after the first page push the others back.
            const qint64 base = k - it->extraRows;
            row = historyRow(it->firstIndex + qMax<qint64>(0, base));
        } else if (it->kind == QLatin1String("reflections")) {
            row = m_reflections.at(int(k)).toObject();
        } else if (k < it->rows.size()) {
            row = it->rows.at(int(k)).toObject();
        }
        rows.append(asStrings ? numbersAsStrings(row) : row);
    }
    QJsonObject answer;
    answer.insert(QLatin1String("rowCount"), total);
    answer.insert(QLatin1String("schema"), it->kind == QLatin1String("history") ? m_schema : QJsonArray());
    answer.insert(QLatin1String("rows"), rows);
    if (!it->firstPageServed) {
        it->firstPageServed = true;
        it->extraRows = m_pagesChangeRows;
    }
    return json(200, answer);
}

namespace {

// The REST reflection object (reference/dremio.md §1.6) for a sys.reflections row.
QJsonObject restReflection(const QJsonObject& row)
{
    QJsonObject reflection;
    reflection.insert(QLatin1String("id"), row.value(QLatin1String("reflection_id")));
    reflection.insert(QLatin1String("name"), row.value(QLatin1String("reflection_name")));
    reflection.insert(QLatin1String("type"), row.value(QLatin1String("type")));
    reflection.insert(QLatin1String("datasetId"), row.value(QLatin1String("dataset_id")));
    reflection.insert(QLatin1String("datasetName"), row.value(QLatin1String("dataset_name")));
    reflection.insert(QLatin1String("currentSizeBytes"), row.value(QLatin1String("current_footprint_bytes")));
    reflection.insert(QLatin1String("totalSizeBytes"), row.value(QLatin1String("total_footprint_bytes")));
    reflection.insert(QLatin1String("consideredCount"), row.value(QLatin1String("considered_count")));
    reflection.insert(QLatin1String("matchedCount"), row.value(QLatin1String("matched_count")));
    reflection.insert(QLatin1String("acceleratedCount"), row.value(QLatin1String("accelerated_count")));
    reflection.insert(QLatin1String("entityType"), QStringLiteral("reflection"));
    QJsonObject status;
    status.insert(QLatin1String("combinedStatus"), row.value(QLatin1String("status")));
    status.insert(QLatin1String("lastRefreshDurationMillis"), row.value(QLatin1String("last_refresh_duration_millis")));
    reflection.insert(QLatin1String("status"), status);
    return reflection;
}

} // namespace

FakeDremioServer::HttpResponse FakeDremioServer::reflectionList(const QString& datasetId)
{
    if (datasetId.isEmpty() && !m_globalReflectionList)
        return error(404, QStringLiteral("HTTP 404 Not Found")); // OSS has no global list
    QJsonArray data;
    for (const QJsonValue& value : std::as_const(m_reflections)) {
        const QJsonObject row = value.toObject();
        if (datasetId.isEmpty() || row.value(QLatin1String("dataset_id")).toString() == datasetId)
            data.append(restReflection(row));
    }
    QJsonObject answer;
    answer.insert(QLatin1String("data"), data);
    return json(200, answer);
}

void FakeDremioServer::setTableFiles(
    const QString& datasetPath, const QVector<qint64>& fileSizes, qint64 recordsPerFile)
{
    QMutexLocker lock(&m_mutex);
    m_tableFiles.insert(datasetPath, {fileSizes, recordsPerFile});
}

void FakeDremioServer::answerTableFiles(const QString& sql, SqlJob* job) const
{
    // The collector's aggregate: files, bytes, records, files under the threshold, min and max size.
    static const QRegularExpression table(QStringLiteral("table_files\\('((?:[^']|'')*)'\\)"));
    static const QRegularExpression threshold(QStringLiteral("file_size_in_bytes\\s*<\\s*(\\d+)"));
    const QString path = table.match(sql).captured(1).replace(QStringLiteral("''"), QStringLiteral("'"));
    const auto files = m_tableFiles.constFind(path);
    job->kind = QStringLiteral("table_files");
    if (files == m_tableFiles.constEnd()) {
        job->finalState = QStringLiteral("FAILED");
        job->message = QStringLiteral("VALIDATION ERROR: Table [%1] is not an Iceberg table").arg(path);
        return;
    }
    const qint64 limit = threshold.match(sql).captured(1).toLongLong();
    qint64 total = 0;
    qint64 small = 0;
    qint64 smallest = std::numeric_limits<qint64>::max();
    qint64 largest = 0;
    for (const qint64 size : files->first) {
        total += size;
        small += size < limit ? 1 : 0;
        smallest = qMin(smallest, size);
        largest = qMax(largest, size);
    }
    const qint64 count = files->first.size();
    QJsonObject row {{QLatin1String("file_count"), count}, {QLatin1String("total_bytes"), total},
        {QLatin1String("record_count"), count * files->second}, {QLatin1String("small_files"), small},
        {QLatin1String("min_file_bytes"), count > 0 ? QJsonValue(smallest) : QJsonValue()},
        {QLatin1String("max_file_bytes"), count > 0 ? QJsonValue(largest) : QJsonValue()}};
    job->rows = QJsonArray {row};
    job->rowCount = 1;
}

void FakeDremioServer::setTablePartitions(const QString& datasetPath, const QVector<Partition>& partitions)
{
    QMutexLocker lock(&m_mutex);
    m_tablePartitions.insert(datasetPath, partitions);
}

void FakeDremioServer::setCatalogEntry(const QStringList& pathSegments, const QJsonObject& entity)
{
    QMutexLocker lock(&m_mutex);
    m_catalog.insert(pathSegments.join(QLatin1Char('/')), entity);
}

void FakeDremioServer::answerTablePartitions(const QString& sql, SqlJob* job) const
{
    // The collector's one row: the largest partition with window totals over all partitions.
    static const QRegularExpression table(QStringLiteral("table_partitions\\('((?:[^']|'')*)'\\)"));
    const QString path = table.match(sql).captured(1).replace(QStringLiteral("''"), QStringLiteral("'"));
    job->kind = QStringLiteral("table_partitions");
    const auto partitions = m_tablePartitions.constFind(path);
    if (partitions == m_tablePartitions.constEnd() || partitions->isEmpty()) {
        // Dremio lists one partition "{}" for an unpartitioned Iceberg table; a non-Iceberg one fails.
        if (!m_tableFiles.contains(path)) {
            job->finalState = QStringLiteral("FAILED");
            job->message = QStringLiteral("VALIDATION ERROR: Table [%1] is not an Iceberg table").arg(path);
            return;
        }
        const auto files = m_tableFiles.value(path);
        const qint64 records = files.first.size() * files.second;
        job->rows = QJsonArray {QJsonObject {{QLatin1String("partition_value"), QStringLiteral("{}")},
            {QLatin1String("record_count"), records}, {QLatin1String("file_count"), qint64(files.first.size())},
            {QLatin1String("partition_count"), 1}, {QLatin1String("total_records"), records},
            {QLatin1String("total_files"), qint64(files.first.size())}, {QLatin1String("min_records"), records},
            {QLatin1String("max_files"), qint64(files.first.size())}}};
        job->rowCount = 1;
        return;
    }
    const Partition* largest = &partitions->first();
    qint64 records = 0;
    qint64 files = 0;
    qint64 smallest = std::numeric_limits<qint64>::max();
    qint64 mostFiles = 0;
    for (const Partition& partition : *partitions) {
        records += partition.records;
        files += partition.files;
        smallest = qMin(smallest, partition.records);
        mostFiles = qMax(mostFiles, partition.files);
        if (partition.records > largest->records)
            largest = &partition;
    }
    job->rows = QJsonArray {QJsonObject {{QLatin1String("partition_value"), largest->value},
        {QLatin1String("record_count"), largest->records}, {QLatin1String("file_count"), largest->files},
        {QLatin1String("partition_count"), qint64(partitions->size())}, {QLatin1String("total_records"), records},
        {QLatin1String("total_files"), files}, {QLatin1String("min_records"), smallest},
        {QLatin1String("max_files"), mostFiles}}};
    job->rowCount = 1;
}

FakeDremioServer::HttpResponse FakeDremioServer::catalogRoot()
{
    // The top-level containers (GET /api/v3/catalog): one source per distinct first path segment of
    // the datasets the fake knows, as Dremio lists spaces, sources and home.
    QStringList roots;
    for (const QJsonValue& value : std::as_const(m_reflections)) {
        const QString root
            = value.toObject().value(QLatin1String("dataset_name")).toString().section(QLatin1Char('.'), 0, 0);
        if (!root.isEmpty() && !roots.contains(root))
            roots.append(root);
    }
    if (roots.isEmpty())
        roots.append(QStringLiteral("Samples"));
    QJsonArray data;
    for (const QString& root : std::as_const(roots)) {
        data.append(QJsonObject {{QLatin1String("id"), QStringLiteral("src-%1").arg(root)},
            {QLatin1String("path"), QJsonArray {root}}, {QLatin1String("type"), QStringLiteral("CONTAINER")},
            {QLatin1String("containerType"), QStringLiteral("SOURCE")}});
    }
    return json(200, QJsonObject {{QLatin1String("data"), data}});
}

FakeDremioServer::HttpResponse FakeDremioServer::catalogByPath(const QString& path)
{
    const auto entry = m_catalog.constFind(path);
    if (entry != m_catalog.constEnd())
        return json(200, *entry);
    const QString dotted = path.split(QLatin1Char('/')).join(QLatin1Char('.'));
    for (const QJsonValue& value : std::as_const(m_reflections)) {
        const QJsonObject row = value.toObject();
        if (row.value(QLatin1String("dataset_name")).toString() != dotted)
            continue;
        QJsonObject dataset;
        dataset.insert(QLatin1String("entityType"), QStringLiteral("dataset"));
        dataset.insert(QLatin1String("id"), row.value(QLatin1String("dataset_id")));
        dataset.insert(QLatin1String("type"), QStringLiteral("PHYSICAL_DATASET"));
        dataset.insert(QLatin1String("path"), QJsonArray::fromStringList(path.split(QLatin1Char('/'))));
        return json(200, dataset);
    }
    return error(404, QStringLiteral("Could not find entity with path [%1]").arg(dotted));
}

} // namespace dopt::test
