#include "sources/postgres/pgconnection.h"

#include <QElapsedTimer>
#include <QUrl>
#include <QUrlQuery>
#include <libpq-fe.h>
#include <poll.h>

namespace dopt {

struct PgConnection::Private
{
    PGconn* conn = nullptr;
};

namespace {

constexpr int PollIntervalMs = 50;

QString oneLine(const char* message)
{
    return QString::fromUtf8(message ? message : "").simplified();
}

quint64 mix(quint64 x)
{
    // splitmix64 finalizer: spreads FNV's low-entropy bits before rows are summed.
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

quint64 rowHash(const PGresult* result, int row, int columns)
{
    quint64 hash = 1469598103934665603ULL;
    auto add = [&hash](unsigned char byte) {
        hash ^= byte;
        hash *= 1099511628211ULL;
    };
    for (int column = 0; column < columns; ++column) {
        if (PQgetisnull(result, row, column)) {
            add(0xfe);
        } else {
            const char* value = PQgetvalue(result, row, column);
            const int length = PQgetlength(result, row, column);
            for (int i = 0; i < length; ++i)
                add(static_cast<unsigned char>(value[i]));
        }
        add(0x1f);
    }
    return mix(hash);
}

} // namespace

PgConnection::PgConnection()
    : d(std::make_unique<Private>())
{ }

PgConnection::~PgConnection()
{
    close();
}

QString PgConnection::redactUrl(const QString& url)
{
    QUrl parsed(url);
    if (!parsed.isValid())
        return QStringLiteral("(invalid URL)");
    parsed.setPassword(QString());
    QUrlQuery query(parsed);
    if (query.hasQueryItem(QStringLiteral("password"))) {
        query.removeAllQueryItems(QStringLiteral("password"));
        parsed.setQuery(query);
    }
    return parsed.toString();
}

QString PgConnection::quoteIdentifier(const QString& identifier)
{
    QString quoted = identifier;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString PgConnection::quoteLiteral(const QString& literal)
{
    QString quoted = literal;
    quoted.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

bool PgConnection::open(const QString& url, QString* error)
{
    close();
    m_url = url;
    m_description = redactUrl(url);
    if (!url.startsWith(QLatin1String("postgresql://")) && !url.startsWith(QLatin1String("postgres://"))) {
        *error
            = QStringLiteral("not a PostgreSQL URL (expected postgresql://user@host:port/db): %1").arg(m_description);
        return false;
    }
    return reopen(error);
}

bool PgConnection::reopen(QString* error)
{
    if (d->conn) {
        PQfinish(d->conn);
        d->conn = nullptr;
    }
    const QByteArray conninfo = m_url.toUtf8();
    const char* keys[] = {"dbname", "application_name", "connect_timeout", nullptr};
    const char* values[] = {conninfo.constData(), "dremio-optimizer", "10", nullptr};
    d->conn = PQconnectdbParams(keys, values, 1);
    if (!d->conn || PQstatus(d->conn) != CONNECTION_OK) {
        // libpq's message names host, port and the reason; it never contains the password.
        *error = QStringLiteral("cannot connect to %1: %2").arg(m_description, oneLine(PQerrorMessage(d->conn)));
        if (d->conn)
            PQfinish(d->conn);
        d->conn = nullptr;
        return false;
    }
    return true;
}

void PgConnection::close()
{
    if (d->conn) {
        PQfinish(d->conn);
        d->conn = nullptr;
    }
}

bool PgConnection::isOpen() const
{
    return d->conn && PQstatus(d->conn) == CONNECTION_OK;
}

int PgConnection::serverVersion() const
{
    return d->conn ? PQserverVersion(d->conn) : 0;
}

namespace {

struct RawOutcome
{
    PGresult* result = nullptr; // the last result (caller frees)
    QString error;
    QString sqlState;
    bool connectionLost = false;
    bool cancelled = false;
};

// Sends, then waits on the socket in short slices so a cancel request is noticed while the server works.
RawOutcome runAsync(PGconn* conn, const QString& sql, const QStringList& parameters, const std::atomic_bool* cancel)
{
    RawOutcome outcome;
    if (!conn || PQstatus(conn) != CONNECTION_OK) {
        outcome.error = QStringLiteral("not connected to the server");
        outcome.connectionLost = true;
        return outcome;
    }
    const QByteArray text = sql.toUtf8();
    QVector<QByteArray> values;
    QVector<const char*> pointers;
    for (const QString& parameter : parameters) {
        values.append(parameter.toUtf8());
    }
    for (int i = 0; i < parameters.size(); ++i)
        pointers.append(parameters.at(i).isNull() ? nullptr : values.at(i).constData());
    const int sent = parameters.isEmpty() ? PQsendQuery(conn, text.constData())
                                          : PQsendQueryParams(conn, text.constData(), int(pointers.size()), nullptr,
                                              pointers.constData(), nullptr, nullptr, 0);
    if (!sent) {
        outcome.error = oneLine(PQerrorMessage(conn));
        outcome.connectionLost = PQstatus(conn) != CONNECTION_OK;
        return outcome;
    }
    bool cancelSent = false;
    while (true) {
        if (!PQconsumeInput(conn)) {
            outcome.error = oneLine(PQerrorMessage(conn));
            outcome.connectionLost = true;
            break;
        }
        if (!PQisBusy(conn)) {
            PGresult* result = nullptr;
            while ((result = PQgetResult(conn)) != nullptr) {
                const ExecStatusType status = PQresultStatus(result);
                if (status == PGRES_FATAL_ERROR && outcome.error.isEmpty()) {
                    outcome.error = oneLine(PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY));
                    outcome.sqlState = QString::fromLatin1(PQresultErrorField(result, PG_DIAG_SQLSTATE));
                    if (outcome.error.isEmpty())
                        outcome.error = oneLine(PQresultErrorMessage(result));
                }
                if (outcome.result)
                    PQclear(outcome.result);
                outcome.result = result;
                if (PQisBusy(conn))
                    break;
            }
            if (!result && !PQisBusy(conn))
                break;
            continue;
        }
        if (cancel && !cancelSent && cancel->load(std::memory_order_relaxed)) {
            if (PGcancel* handle = PQgetCancel(conn)) {
                char buffer[256];
                PQcancel(handle, buffer, sizeof buffer);
                PQfreeCancel(handle);
            }
            cancelSent = true;
        }
        pollfd descriptor {PQsocket(conn), POLLIN, 0};
        if (::poll(&descriptor, 1, PollIntervalMs) < 0 && errno != EINTR) {
            outcome.error = QStringLiteral("waiting for the server failed");
            outcome.connectionLost = true;
            break;
        }
    }
    if (PQstatus(conn) != CONNECTION_OK) {
        outcome.connectionLost = true;
        if (outcome.error.isEmpty())
            outcome.error = oneLine(PQerrorMessage(conn));
        if (outcome.error.isEmpty())
            outcome.error = QStringLiteral("the server closed the connection");
    }
    outcome.cancelled = outcome.sqlState == QLatin1String("57014") || (cancelSent && !outcome.error.isEmpty());
    return outcome;
}

template <typename Result> void copyStatus(const RawOutcome& outcome, Result& result)
{
    result.error = outcome.error;
    result.sqlState = outcome.sqlState;
    result.connectionLost = outcome.connectionLost;
    result.cancelled = outcome.cancelled;
    result.ok = outcome.error.isEmpty() && outcome.result;
}

} // namespace

PgResult PgConnection::exec(const QString& sql, const std::atomic_bool* cancel)
{
    return execParams(sql, {}, cancel);
}

PgResult PgConnection::execParams(const QString& sql, const QStringList& parameters, const std::atomic_bool* cancel)
{
    RawOutcome outcome = runAsync(d->conn, sql, parameters, cancel);
    PgResult result;
    copyStatus(outcome, result);
    if (outcome.result && result.ok) {
        const int columns = PQnfields(outcome.result);
        const int rows = PQntuples(outcome.result);
        for (int column = 0; column < columns; ++column)
            result.columns.append(QString::fromUtf8(PQfname(outcome.result, column)));
        result.rows.reserve(rows);
        for (int row = 0; row < rows; ++row) {
            QStringList values;
            values.reserve(columns);
            for (int column = 0; column < columns; ++column)
                values.append(PQgetisnull(outcome.result, row, column)
                        ? QString()
                        : QString::fromUtf8(
                            PQgetvalue(outcome.result, row, column), PQgetlength(outcome.result, row, column)));
            result.rows.append(values);
        }
        result.affectedRows = QByteArray(PQcmdTuples(outcome.result)).toLongLong();
    }
    if (outcome.result)
        PQclear(outcome.result);
    return result;
}

PgTimedResult PgConnection::execTimed(const QString& sql, const std::atomic_bool* cancel)
{
    QElapsedTimer timer;
    timer.start();
    RawOutcome outcome = runAsync(d->conn, sql, {}, cancel);
    PgTimedResult result;
    result.durationMs = timer.nsecsElapsed() / 1e6;
    copyStatus(outcome, result);
    if (outcome.result && result.ok) {
        const int rows = PQntuples(outcome.result);
        const int columns = PQnfields(outcome.result);
        quint64 sum = 0;
        for (int row = 0; row < rows; ++row)
            sum += rowHash(outcome.result, row, columns);
        result.rowCount = rows;
        result.checksum = QStringLiteral("%1").arg(sum, 16, 16, QLatin1Char('0'));
    }
    if (outcome.result)
        PQclear(outcome.result);
    return result;
}

} // namespace dopt
