#include "measure/dremiosyncclient.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QTimer>

namespace dopt {

namespace {

constexpr int CancelCheckMs = 50;
constexpr int PageRows = 500; // Dremio rejects more (reference/dremio.md §1.5)

QDateTime jobTime(const QJsonObject& status, const char* name)
{
    return QDateTime::fromString(status.value(QLatin1String(name)).toString(), Qt::ISODateWithMs);
}

// Each row hashed on its canonical JSON (keys sorted by QJsonObject), the hashes summed: the same
// rows in any order give the same checksum, a changed, missing or extra row another one.
quint64 rowHash(const QJsonObject& row)
{
    const QByteArray digest
        = QCryptographicHash::hash(QJsonDocument(row).toJson(QJsonDocument::Compact), QCryptographicHash::Sha1);
    quint64 value = 0;
    for (int i = 0; i < 8; ++i)
        value = (value << 8) | quint8(digest.at(i));
    return value;
}

} // namespace

bool DremioJobRun::chose(const QString& reflectionId) const
{
    for (const QJsonValue& value : relationships) {
        const QJsonObject relationship = value.toObject();
        if (relationship.value(QLatin1String("reflectionId")).toString() == reflectionId
            && relationship.value(QLatin1String("relationship")).toString() == QLatin1String("CHOSEN"))
            return true;
    }
    return false;
}

DremioSyncClient::DremioSyncClient(
    const DremioConnection& connection, const QString& secret, const std::atomic_bool* cancel)
    : m_client(std::make_unique<DremioClient>(connection))
    , m_cancel(cancel)
{
    m_client->setSecret(secret);
}

DremioSyncClient::~DremioSyncClient() = default;

bool DremioSyncClient::prepare(QString* error)
{
    return m_client->prepare(error);
}

const DremioConnection& DremioSyncClient::connection() const
{
    return m_client->connection();
}

DremioResponse DremioSyncClient::wait(const std::function<void(DremioClient::Callback)>& send)
{
    QEventLoop loop;
    DremioResponse response;
    bool done = false;
    QTimer cancelCheck;
    cancelCheck.setInterval(CancelCheckMs);
    QObject::connect(&cancelCheck, &QTimer::timeout, &loop, [this]() {
        if (cancelled())
            m_client->cancelAll();
    });
    send([&](const DremioResponse& answer) {
        response = answer;
        done = true;
        loop.quit();
    });
    if (!done) {
        cancelCheck.start();
        loop.exec();
    }
    return response;
}

DremioResponse DremioSyncClient::get(const QString& apiSuffix, const QUrlQuery& query)
{
    const QString path = connection().apiPath(apiSuffix);
    return wait([&](DremioClient::Callback done) { m_client->get(path, query, std::move(done)); });
}

DremioResponse DremioSyncClient::post(const QString& apiSuffix, const QJsonObject& body)
{
    const QString path = connection().apiPath(apiSuffix);
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return wait([&](DremioClient::Callback done) { m_client->postJson(path, json, std::move(done)); });
}

DremioResponse DremioSyncClient::remove(const QString& apiSuffix)
{
    const QString path = connection().apiPath(apiSuffix);
    return wait([&](DremioClient::Callback done) { m_client->deleteResource(path, std::move(done)); });
}

DremioResponse DremioSyncClient::downloadProfile(const QString& jobId)
{
    const QString path = DremioConnection::profileDownloadPath(jobId);
    return wait([&](DremioClient::Callback done) {
        m_client->postJson(path, QByteArray(), std::move(done), QByteArrayLiteral("application/octet-stream"));
    });
}

bool DremioSyncClient::pause(int ms)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < ms) {
        if (cancelled())
            return false;
        QEventLoop loop;
        QTimer::singleShot(qMin<qint64>(CancelCheckMs, ms - clock.elapsed()), &loop, &QEventLoop::quit);
        loop.exec();
    }
    return !cancelled();
}

DremioJobRun DremioSyncClient::runSql(const QString& sql, int timeoutMs, bool fetchRows)
{
    DremioJobRun run;
    const auto failWith = [&run](const DremioResponse& response) {
        run.cancelled = response.error == DremioResponse::Error::Cancelled;
        run.unauthorized = response.error == DremioResponse::Error::Unauthorized;
        run.error = response.message;
        return run;
    };
    const DremioResponse submitted = post(QStringLiteral("sql"), QJsonObject {{QStringLiteral("sql"), sql}});
    QJsonObject object;
    if (!submitted.ok())
        return failWith(submitted);
    if (!submitted.parseObject(&object, &run.error))
        return run;
    run.jobId = object.value(QLatin1String("id")).toString();
    if (run.jobId.isEmpty()) {
        run.error = QStringLiteral("%1: Dremio answered without a job id").arg(submitted.what);
        return run;
    }
    QElapsedTimer clock;
    clock.start();
    int delay = connection().pollIntervalMs;
    QJsonObject status;
    for (;;) {
        const DremioResponse polled = get(QStringLiteral("job/") + run.jobId);
        if (!polled.ok()) {
            failWith(polled);
            break;
        }
        if (!polled.parseObject(&status, &run.error))
            return run;
        run.jobState = status.value(QLatin1String("jobState")).toString();
        if (run.jobState == QLatin1String("COMPLETED") || run.jobState == QLatin1String("FAILED")
            || run.jobState == QLatin1String("CANCELED"))
            break;
        if (clock.elapsed() > timeoutMs) {
            run.error = QStringLiteral("job %1 exceeded the timeout of %2 ms (cancelled on Dremio)")
                            .arg(run.jobId)
                            .arg(timeoutMs);
            break;
        }
        if (!pause(delay)) {
            run.cancelled = true;
            run.error = QStringLiteral("cancelled by the user (job %1)").arg(run.jobId);
            break;
        }
        delay = qMin(delay * 2, connection().pollMaxIntervalMs);
    }
    if (!run.error.isEmpty()) {
        // A job we stop waiting for must not keep running on the coordinator. The cancel flag is
        // up when cancelled: send this one request without the flag's abort.
        const std::atomic_bool* flag = std::exchange(m_cancel, nullptr);
        post(QStringLiteral("job/%1/cancel").arg(run.jobId), QJsonObject());
        m_cancel = flag;
        return run;
    }
    if (run.jobState != QLatin1String("COMPLETED")) {
        const QString reason
            = status
                  .value(QLatin1String(run.jobState == QLatin1String("FAILED") ? "errorMessage" : "cancellationReason"))
                  .toString();
        run.error = QStringLiteral("job %1 ended %2%3")
                        .arg(run.jobId, run.jobState, reason.isEmpty() ? QString() : QStringLiteral(": ") + reason);
        return run;
    }
    const QDateTime started = jobTime(status, "startedAt");
    const QDateTime ended = jobTime(status, "endedAt");
    if (!started.isValid() || !ended.isValid()) {
        run.error = QStringLiteral("job %1: its status has no startedAt/endedAt to time it by").arg(run.jobId);
        return run;
    }
    run.durationMs = double(started.msecsTo(ended));
    run.rowCount = status.value(QLatin1String("rowCount")).toVariant().toLongLong();
    run.relationships = status.value(QLatin1String("acceleration"))
                            .toObject()
                            .value(QLatin1String("reflectionRelationships"))
                            .toArray();
    if (fetchRows) {
        quint64 sum = 0;
        qint64 offset = 0;
        for (;;) {
            QUrlQuery query;
            query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
            query.addQueryItem(QStringLiteral("limit"), QString::number(PageRows));
            const DremioResponse page = get(QStringLiteral("job/%1/results").arg(run.jobId), query);
            QJsonObject answer;
            if (!page.ok())
                return failWith(page);
            if (!page.parseObject(&answer, &run.error))
                return run;
            const QJsonArray rows = answer.value(QLatin1String("rows")).toArray();
            for (const QJsonValue& row : rows)
                sum += rowHash(row.toObject());
            if (offset == 0)
                run.rows = rows;
            offset += rows.size();
            const qint64 total = answer.value(QLatin1String("rowCount")).toVariant().toLongLong();
            if (rows.isEmpty() || offset >= total)
                break;
        }
        run.rowCount = offset;
        run.checksum = QStringLiteral("%1").arg(sum, 16, 16, QLatin1Char('0'));
    }
    run.ok = true;
    return run;
}

} // namespace dopt
