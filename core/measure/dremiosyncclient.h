#pragma once

#include "sources/dremio/dremioclient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <atomic>
#include <memory>

namespace dopt {

/// One SQL job run to its end through the SQL API, as the measurer needs it.
struct DremioJobRun
{
    bool ok = false;
    bool cancelled = false;
    bool unauthorized = false; // HTTP 401: the token was refused (never retried)
    QString jobId;
    QString jobState; // COMPLETED, FAILED, CANCELED
    double durationMs = 0; // endedAt - startedAt of the job status: Dremio's time, not ours
    qint64 rowCount = -1;
    QString checksum; // order-independent, when the rows were fetched
    QJsonArray rows; // when fetched (first page only kept: 500 rows at most)
    QJsonArray relationships; // acceleration.reflectionRelationships
    QString error; // one line naming the request or the job

    /// True when the job's relationships say this reflection was CHOSEN.
    bool chose(const QString& reflectionId) const;
};

/// A blocking face of DremioClient for code running on a worker thread (the measurer): each call
/// runs a local event loop until the answer (after the client's retries) arrives, and stops early
/// when the cancel flag rises (the request is aborted; a running job is cancelled on the server).
/// Create, use and destroy it on one thread.
class DremioSyncClient
{
public:
    DremioSyncClient(const DremioConnection& connection, const QString& secret, const std::atomic_bool* cancel);
    ~DremioSyncClient();

    bool prepare(QString* error);
    const DremioConnection& connection() const;
    bool cancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }

    DremioResponse get(const QString& apiSuffix, const QUrlQuery& query = QUrlQuery());
    DremioResponse post(const QString& apiSuffix, const QJsonObject& body);
    DremioResponse remove(const QString& apiSuffix);
    /// A job's profile download ZIP (Software; the same request the history collector makes).
    DremioResponse downloadProfile(const QString& jobId);
    /// Submits sql, polls the job until it ends (or timeoutMs passes: the job is cancelled), reads
    /// its duration from the job's timestamps and, with fetchRows, pages the results into a checksum.
    DremioJobRun runSql(const QString& sql, int timeoutMs, bool fetchRows);
    /// Waits ms while staying responsive to cancel; false when cancelled.
    bool pause(int ms);

private:
    DremioResponse wait(const std::function<void(DremioClient::Callback)>& send);

    std::unique_ptr<DremioClient> m_client;
    const std::atomic_bool* m_cancel;
};

} // namespace dopt
