#include "dremiosqlrunner.h"

#include "dremioclient.h"
#include "util/saturatingcast.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTimer>

namespace dopt {

namespace {

// With number-as-string, numbers arrive as strings; older servers may still send numbers.
qint64 integerValue(const QJsonValue& value, bool* ok)
{
    if (value.isString())
        return value.toString().toLongLong(ok);
    if (value.isDouble()) {
        *ok = true;
        return value.toInteger(roundToInt64(value.toDouble()));
    }
    *ok = false;
    return 0;
}

} // namespace

DremioSqlRunner::DremioSqlRunner(DremioClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client)
{ }

void DremioSqlRunner::setPageSize(int rows)
{
    m_pageSize = qBound(1, rows, MaxPageSize);
}

void DremioSqlRunner::start(const QString& sql)
{
    m_running = true;
    m_cancelRequested = false;
    m_outcome = DremioSqlOutcome();
    m_firstRowCount = -1;
    m_haveOrderValue = false;
    m_pollDelayMs = m_client->connection().pollIntervalMs;

    QJsonObject body;
    body.insert(QLatin1String("sql"), sql);
    QPointer<DremioSqlRunner> self(this);
    m_client->postJson(m_client->connection().apiPath(QStringLiteral("sql")),
        QJsonDocument(body).toJson(QJsonDocument::Compact), [self](const DremioResponse& response) {
            if (!self)
                return;
            QJsonObject object;
            if (!self->takeObject(response, &object))
                return;
            self->m_outcome.jobId = object.value(QLatin1String("id")).toString();
            if (self->m_outcome.jobId.isEmpty())
                return self->complete(false, QStringLiteral("%1: Dremio answered without a job id").arg(response.what));
            Q_EMIT self->submitted(self->m_outcome.jobId);
            if (self->m_cancelRequested)
                return self->complete(false, QString());
            QTimer::singleShot(0, self, [self]() {
                if (self)
                    self->poll();
            });
        });
}

void DremioSqlRunner::poll()
{
    QPointer<DremioSqlRunner> self(this);
    const QString path = m_client->connection().apiPath(QStringLiteral("job/") + m_outcome.jobId);
    m_client->get(path, QUrlQuery(), [self](const DremioResponse& response) {
        if (!self)
            return;
        QJsonObject status;
        if (!self->takeObject(response, &status))
            return;
        const QString state = status.value(QLatin1String("jobState")).toString();
        self->m_outcome.jobState = state;
        const QString jobId = self->m_outcome.jobId;
        if (state == QLatin1String("COMPLETED")) {
            if (self->m_cancelRequested)
                return self->complete(false, QString());
            return self->fetchPage(0);
        }
        if (state == QLatin1String("FAILED")) {
            const QString message = status.value(QLatin1String("errorMessage")).toString().simplified();
            return self->complete(false,
                QStringLiteral("Dremio job %1 failed: %2")
                    .arg(jobId, message.isEmpty() ? QStringLiteral("no reason given") : message));
        }
        if (state == QLatin1String("CANCELED")) {
            const QString reason = status.value(QLatin1String("cancellationReason")).toString().simplified();
            return self->complete(false,
                QStringLiteral("Dremio job %1 was cancelled on the server: %2")
                    .arg(jobId, reason.isEmpty() ? QStringLiteral("no reason given") : reason));
        }
        if (state.isEmpty() || state == QLatin1String("INVALID_STATE"))
            return self->complete(
                false, QStringLiteral("%1: Dremio reported no usable job state ('%2')").arg(response.what, state));
        if (self->m_cancelRequested) {
            // Tell Dremio too, so the query stops using the coordinator; the answer does not matter.
            self->m_client->postJson(
                self->m_client->connection().apiPath(QStringLiteral("job/%1/cancel").arg(jobId)), QByteArray(), {});
            return self->complete(false, QString());
        }
        const int delay = self->m_pollDelayMs;
        self->m_pollDelayMs = qMin(self->m_client->connection().pollMaxIntervalMs, self->m_pollDelayMs * 3 / 2 + 1);
        QTimer::singleShot(delay, self, [self]() {
            if (self)
                self->poll();
        });
    });
}

void DremioSqlRunner::fetchPage(qint64 offset)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_pageSize));
    QPointer<DremioSqlRunner> self(this);
    const QString path = m_client->connection().apiPath(QStringLiteral("job/%1/results").arg(m_outcome.jobId));
    m_client->get(path, query, [self, offset](const DremioResponse& response) {
        if (!self || !self->m_running)
            return; // a prefetched page arriving after the run ended
        QJsonObject object;
        if (!self->takeObject(response, &object))
            return;
        bool numberOk = false;
        const qint64 rowCount = integerValue(object.value(QLatin1String("rowCount")), &numberOk);
        const QJsonValue rowsValue = object.value(QLatin1String("rows"));
        if (!numberOk || rowCount < 0 || !rowsValue.isArray())
            return self->complete(false,
                QStringLiteral("%1 (offset %2): results without a rowCount or rows array")
                    .arg(response.what)
                    .arg(offset));
        const QString jobId = self->m_outcome.jobId;
        if (self->m_firstRowCount < 0)
            self->m_firstRowCount = rowCount;
        else if (rowCount != self->m_firstRowCount)
            return self->complete(false,
                QStringLiteral("results of Dremio job %1 changed between pages: %2 rows at "
                               "offset 0, %3 rows at offset %4; collect again")
                    .arg(jobId)
                    .arg(self->m_firstRowCount)
                    .arg(rowCount)
                    .arg(offset));
        DremioResultPage page;
        page.jobId = jobId;
        page.offset = offset;
        page.rowCount = rowCount;
        page.rows = rowsValue.toArray();
        page.schema = object.value(QLatin1String("schema")).toArray();
        page.pageNumber = int(offset / self->m_pageSize) + 1;
        page.pageCount = int(qMax<qint64>(1, (rowCount + self->m_pageSize - 1) / self->m_pageSize));
        const qint64 expected = qMin<qint64>(self->m_pageSize, rowCount - offset);
        if (page.rows.size() != expected)
            return self->complete(false,
                QStringLiteral("results of Dremio job %1 changed between pages: %2 rows at "
                               "offset %3 where %4 were announced; collect again")
                    .arg(jobId)
                    .arg(page.rows.size())
                    .arg(offset)
                    .arg(expected));
        if (!self->m_orderColumn.isEmpty()) {
            for (const QJsonValue& row : std::as_const(page.rows)) {
                bool ok = false;
                const qint64 value = integerValue(row.toObject().value(self->m_orderColumn), &ok);
                if (!ok)
                    continue;
                if (self->m_haveOrderValue && value < self->m_lastOrderValue)
                    return self->complete(false,
                        QStringLiteral("results of Dremio job %1 changed between pages: %2 "
                                       "goes backwards at offset %3; collect again")
                            .arg(jobId, self->m_orderColumn)
                            .arg(offset));
                self->m_lastOrderValue = value;
                self->m_haveOrderValue = true;
            }
        }
        self->m_outcome.rowCount = rowCount;
        self->m_outcome.rowsDelivered += page.rows.size();
        const qint64 next = offset + page.rows.size();
        const bool more = next < rowCount && !page.rows.isEmpty();
        // Ask for the next page before handing this one out, so the consumer's work (mapping and
        // storing) overlaps the server's; responses still arrive one at a time, in order.
        if (more && !self->m_cancelRequested)
            self->fetchPage(next);
        Q_EMIT self->pageReady(page);
        if (!self)
            return;
        if (self->m_cancelRequested)
            return self->complete(false, QString());
        if (!more)
            return self->complete(true, QString());
    });
}

bool DremioSqlRunner::takeObject(const DremioResponse& response, QJsonObject* out)
{
    QString error;
    if (!response.ok())
        error = response.message;
    else if (response.parseObject(out, &error))
        return true;
    complete(false, error);
    return false;
}

void DremioSqlRunner::cancel()
{
    m_cancelRequested = true;
}

void DremioSqlRunner::complete(bool ok, const QString& error)
{
    if (!m_running)
        return;
    m_running = false;
    m_outcome.ok = ok;
    m_outcome.cancelled = !ok && error.isEmpty() && m_cancelRequested;
    m_outcome.error = m_outcome.cancelled ? QStringLiteral("cancelled") : error;
    Q_EMIT finished(m_outcome);
}

} // namespace dopt
