#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QString>

namespace dopt {

class DremioClient;
struct DremioResponse;

/// One page of a finished job's results, as Dremio returned it (numbers as strings).
struct DremioResultPage
{
    QString jobId;
    qint64 offset = 0;
    qint64 rowCount = 0; // of the whole result
    int pageNumber = 1; // 1-based
    int pageCount = 1;
    QJsonArray schema;
    QJsonArray rows;
};

/// How a DremioSqlRunner run ended.
struct DremioSqlOutcome
{
    bool ok = false;
    bool cancelled = false;
    QString jobId;
    QString jobState; // final state seen: COMPLETED, FAILED, CANCELED (empty if never submitted)
    qint64 rowCount = 0;
    qint64 rowsDelivered = 0;
    QString error; // one line for the user
};

/// Runs one SQL statement through the SQL API: POST {api}/sql, polls GET {api}/job/{id} (interval
/// growing from DremioConnection::pollIntervalMs) until COMPLETED, FAILED or CANCELED, then pages
/// GET {api}/job/{id}/results with limit ≤ 500 (Dremio rejects more), in order, with the next page
/// requested while the current one is handed out through pageReady() (one request in flight), so
/// a consumer can commit each page and stop (cancel()) in between. Results that change between pages (another row count
/// or rows out of order) end the run with an error rather than silently skip or repeat rows.
class DremioSqlRunner : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxPageSize = 500;

    explicit DremioSqlRunner(DremioClient* client, QObject* parent = nullptr);

    /// Rows per results request, clamped to 1..500.
    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }
    /// When set, consecutive pages must be ordered by this column (numeric, ascending).
    void setOrderColumn(const QString& column) { m_orderColumn = column; }

    void start(const QString& sql);
    /// Stops after the request in flight; asks Dremio to cancel the job if it still runs.
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void submitted(const QString& jobId);
    void pageReady(const dopt::DremioResultPage& page);
    void finished(const dopt::DremioSqlOutcome& outcome);

private:
    void poll();
    void fetchPage(qint64 offset);
    void complete(bool ok, const QString& error);
    /// The response's JSON object; otherwise ends the run with the response's error and false.
    bool takeObject(const DremioResponse& response, QJsonObject* out);

    DremioClient* m_client;
    int m_pageSize = MaxPageSize;
    QString m_orderColumn;
    bool m_running = false;
    bool m_cancelRequested = false;
    int m_pollDelayMs = 0;
    DremioSqlOutcome m_outcome;
    qint64 m_firstRowCount = -1;
    qint64 m_lastOrderValue = 0;
    bool m_haveOrderValue = false;
};

} // namespace dopt
