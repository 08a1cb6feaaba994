#include "measure/postgresmeasurer.h"

#include "model/modeljson.h"
#include "profile/postgresplanparser.h"
#include "sources/postgres/pgconnection.h"

#include <QJsonDocument>
#include <QThread>

namespace dopt {

namespace {

constexpr int ReconnectAttempts = 10;
constexpr int ReconnectPauseMs = 500;

enum class Variant { Before, After };

QString variantName(Variant variant)
{
    return variant == Variant::Before ? QStringLiteral("before") : QStringLiteral("after");
}

/// One measurement in progress: the server connection, the store and what has been done so far.
class Session
{
public:
    Session(QSqlDatabase db, const MeasurementRequest& request, const std::atomic_bool* cancel,
        const MeasurementProgressCallback& progress)
        : m_recorder(db, request, progress)
        , m_request(request)
        , m_cancel(cancel)
        , m_result(m_recorder.result())
    { }

    MeasurementResult run();

private:
    bool cancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }
    void report(const QString& phase, const QString& message) const { m_recorder.report(phase, message); }
    /// Ends the measurement with an error; undoes the change (keep is for completed measurements).
    MeasurementResult fail(const QString& error, bool isCancel = false);
    bool apply(QString* error);
    bool undo(QString* error);
    bool reconnect(QString* error);
    bool execAll(const QStringList& statements, const QString& what, QString* error);
    /// Opens the run's transaction for the variant (timeouts, dropped index, settings).
    bool beginVariant(Variant variant, QString* error);
    void rollback();
    bool timedRun(Variant variant, bool warmup, PgTimedResult* timed, QString* error);
    bool explain(Variant variant, QString* planJson, QString* error);
    QString sqlOf(Variant variant) const
    {
        return variant == Variant::Before ? m_request.sqlBefore : m_request.afterSql();
    }
    QString describeFailure(const QString& what, const QString& message, const QString& sqlState, bool lost) const;

    MeasurementRecorder m_recorder;
    const MeasurementRequest& m_request;
    const std::atomic_bool* m_cancel;
    MeasurementResult& m_result;
    PgConnection m_server;
    bool m_applyStarted = false;
};

QString Session::describeFailure(const QString& what, const QString& message, const QString& sqlState, bool lost) const
{
    if (cancelled() && !lost)
        return QStringLiteral("cancelled by the user (%1)").arg(what);
    if (lost)
        return QStringLiteral("%1: the connection to the server was lost (%2)").arg(what, message);
    if (sqlState == QLatin1String("57014") && !cancelled())
        return QStringLiteral("%1: exceeded statement_timeout of %2 ms").arg(what).arg(m_request.statementTimeoutMs);
    if (sqlState == QLatin1String("55P03"))
        return QStringLiteral("%1: could not lock the table within lock_timeout of %2 ms (%3)")
            .arg(what)
            .arg(m_request.lockTimeoutMs)
            .arg(message);
    if (sqlState == QLatin1String("42501"))
        return QStringLiteral("%1: permission denied (%2)").arg(what, message);
    return QStringLiteral("%1: %2").arg(what, message);
}

bool Session::reconnect(QString* error)
{
    if (m_server.isOpen())
        return true;
    for (int attempt = 0; attempt < ReconnectAttempts; ++attempt) {
        if (m_server.reopen(error))
            return true;
        QThread::msleep(ReconnectPauseMs);
    }
    return false;
}

bool Session::execAll(const QStringList& statements, const QString& what, QString* error)
{
    for (const QString& statement : statements) {
        const PgResult result = m_server.exec(statement);
        if (!result.ok) {
            *error = describeFailure(
                QStringLiteral("%1 (%2)").arg(what, statement), result.error, result.sqlState, result.connectionLost);
            return false;
        }
    }
    return true;
}

bool Session::apply(QString* error)
{
    const PgResult exists
        = m_server.execParams(QStringLiteral("SELECT to_regclass($1) IS NOT NULL"), {m_request.indexName});
    if (!exists.ok) {
        *error = describeFailure(
            QStringLiteral("checking the index"), exists.error, exists.sqlState, exists.connectionLost);
        return false;
    }
    if (exists.value(0, 0) == QLatin1String("t")) {
        *error = QStringLiteral("index %1 already exists: nothing applied").arg(m_request.indexName);
        return false;
    }
    report(QStringLiteral("apply"),
        QStringLiteral("applying: %1").arg(m_request.applyStatements.join(QStringLiteral("; "))));
    m_applyStarted = true;
    if (!execAll(m_request.applyStatements, QStringLiteral("applying failed"), error))
        return false;
    // A concurrent build that failed half-way leaves an invalid index behind.
    const PgResult valid = m_server.execParams(
        QStringLiteral("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass($1)"), {m_request.indexName});
    if (!valid.ok || valid.value(0, 0) != QLatin1String("t")) {
        *error = QStringLiteral("index %1 is not valid after CREATE INDEX CONCURRENTLY%2")
                     .arg(m_request.indexName, valid.ok ? QString() : QStringLiteral(": ") + valid.error);
        return false;
    }
    return true;
}

bool Session::undo(QString* error)
{
    report(
        QStringLiteral("undo"), QStringLiteral("undoing: %1").arg(m_request.undoStatements.join(QStringLiteral("; "))));
    if (!reconnect(error))
        return false;
    return execAll(m_request.undoStatements, QStringLiteral("undo failed"), error);
}

bool Session::beginVariant(Variant variant, QString* error)
{
    const bool dropsIndex = (variant == Variant::Before && m_request.kind == MeasurementRequest::Kind::CreateIndex)
        || (variant == Variant::After && m_request.kind == MeasurementRequest::Kind::DropIndex);
    QStringList statements;
    statements << (dropsIndex ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN READ ONLY"));
    statements << QStringLiteral("SET LOCAL statement_timeout = %1").arg(m_request.statementTimeoutMs);
    statements << QStringLiteral("SET LOCAL lock_timeout = %1").arg(m_request.lockTimeoutMs);
    if (dropsIndex) {
        statements << QStringLiteral("DROP INDEX %1").arg(m_request.indexName);
        statements << QStringLiteral("SET TRANSACTION READ ONLY"); // the measured statement cannot write
    }
    if (variant == Variant::After && m_request.kind == MeasurementRequest::Kind::ParameterChange)
        for (const QString& setting : m_request.settings)
            statements << QStringLiteral("SET LOCAL ") + setting;
    for (const QString& statement : statements) {
        const PgResult result = m_server.exec(statement, m_cancel);
        if (!result.ok) {
            *error = describeFailure(QStringLiteral("preparing a %1 run (%2)").arg(variantName(variant), statement),
                result.error, result.sqlState, result.connectionLost);
            rollback();
            return false;
        }
    }
    return true;
}

void Session::rollback()
{
    if (m_server.isOpen())
        m_server.exec(QStringLiteral("ROLLBACK"));
}

bool Session::timedRun(Variant variant, bool warmup, PgTimedResult* timed, QString* error)
{
    if (!beginVariant(variant, error))
        return false;
    *timed = m_server.execTimed(sqlOf(variant), m_cancel);
    rollback();
    const int seq = m_recorder.nextSeq();
    if (!timed->ok) {
        *error = describeFailure(QStringLiteral("%1 run %2 (%3)")
                                     .arg(warmup ? QStringLiteral("warm-up") : QStringLiteral("measured"))
                                     .arg(seq)
                                     .arg(variantName(variant)),
            timed->error, timed->sqlState, timed->connectionLost);
        return false;
    }
    return m_recorder.addRun({seq, variantName(variant), warmup, timed->durationMs, timed->rowCount},
        QStringLiteral("%1 %2 run: %3 ms, %4 rows")
            .arg(warmup ? QStringLiteral("warm-up") : QStringLiteral("measured"), variantName(variant))
            .arg(timed->durationMs, 0, 'f', 2)
            .arg(timed->rowCount),
        error);
}

bool Session::explain(Variant variant, QString* planJson, QString* error)
{
    if (!beginVariant(variant, error))
        return false;
    const PgResult result
        = m_server.exec(QStringLiteral("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ") + sqlOf(variant), m_cancel);
    rollback();
    if (!result.ok) {
        *error = describeFailure(QStringLiteral("EXPLAIN of the %1 statement").arg(variantName(variant)), result.error,
            result.sqlState, result.connectionLost);
        return false;
    }
    ParsedProfile profile;
    QString parseError;
    const QByteArray explainJson = result.value(0, 0).toUtf8();
    QJsonObject plan {{QStringLiteral("explain"), QJsonDocument::fromJson(explainJson).array()}};
    if (PostgresPlanParser::parse(explainJson, &profile, &parseError))
        plan.insert(QStringLiteral("tree"), ModelJson::planTree(profile.tree));
    *planJson = QString::fromUtf8(QJsonDocument(plan).toJson(QJsonDocument::Compact));
    return true;
}

MeasurementResult Session::fail(const QString& error, bool isCancel)
{
    rollback();
    return m_recorder.fail(error, isCancel, [this](QString* undoError) { return undo(undoError); });
}

MeasurementResult Session::run()
{
    if (!m_recorder.begin(QStringLiteral("postgres"), PgConnection::redactUrl(m_request.url)))
        return m_result;
    QString error;
    if (!m_server.open(m_request.url, &error))
        return fail(error);

    if (m_request.kind == MeasurementRequest::Kind::CreateIndex) {
        if (!apply(&error)) {
            if (m_applyStarted) { // a failed build may leave an invalid index: the undo removes it
                QString cleanup;
                if (!undo(&cleanup)) {
                    m_result.applied = true;
                    error += QStringLiteral("; cleaning up failed: ") + cleanup;
                }
            }
            return fail(error);
        }
        m_recorder.setApplied(true);
    }

    const Variant order[] = {Variant::Before, Variant::After};
    PgTimedResult first[2];
    for (int i = 0; i < std::max(1, m_request.warmupRuns); ++i) {
        for (Variant variant : order) {
            if (cancelled())
                return fail(QStringLiteral("cancelled by the user"), true);
            PgTimedResult timed;
            if (!timedRun(variant, true, &timed, &error))
                return fail(error, cancelled());
            if (i == 0)
                first[variant == Variant::Before ? 0 : 1] = timed;
        }
        if (i == 0
            && !m_recorder.checkSameResult(first[0].rowCount, first[0].checksum, first[1].rowCount, first[1].checksum,
                m_request.kind == MeasurementRequest::Kind::SqlRewrite,
                QStringLiteral("the rewrite returns a different result")))
            return fail(m_result.error);
    }
    // One plan at a time: a cancel or failure between them keeps the first (MeasurementRecorder::fail).
    for (Variant variant : order) {
        const bool isBefore = variant == Variant::Before;
        report(QStringLiteral("plan"),
            QStringLiteral("EXPLAIN ANALYZE %1").arg(isBefore ? QStringLiteral("before") : QStringLiteral("after")));
        if (cancelled())
            return fail(QStringLiteral("cancelled by the user"), true);
        if (!explain(variant, isBefore ? &m_result.planBefore : &m_result.planAfter, &error))
            return fail(error, cancelled());
    }

    QVector<double> before;
    QVector<double> after;
    for (int i = 0; i < m_request.runs; ++i) {
        for (Variant variant : order) {
            if (cancelled())
                return fail(QStringLiteral("cancelled by the user"), true);
            PgTimedResult timed;
            if (!timedRun(variant, false, &timed, &error))
                return fail(error, cancelled());
            (variant == Variant::Before ? before : after).append(timed.durationMs);
        }
    }
    m_result.summary = MeasurementStatistics::summarize(before, after, m_request.statistics);
    m_result.verdict = m_result.summary->verdict;

    if (m_request.keep && m_request.kind == MeasurementRequest::Kind::DropIndex) {
        report(QStringLiteral("keep"), QStringLiteral("dropping the index for good"));
        if (!execAll(m_request.applyStatements, QStringLiteral("applying failed"), &error))
            return fail(error);
        m_recorder.setApplied(true);
    } else if (m_result.applied && !m_request.keep) {
        if (!undo(&error))
            return fail(error);
        m_recorder.setApplied(false);
    }
    m_result.state = QStringLiteral("done");
    return m_recorder.finish();
}

} // namespace

MeasurementResult PostgresMeasurer::measure(QSqlDatabase workspaceDb, const MeasurementRequest& request,
    const std::atomic_bool* cancel, const MeasurementProgressCallback& progress)
{
    return Session(workspaceDb, request, cancel, progress).run();
}

bool PostgresMeasurer::revert(QSqlDatabase workspaceDb, qint64 measurementId, QString* error, const QString& url)
{
    return MeasurementRecorder::revert(
        workspaceDb, measurementId,
        [&url](const MeasurementResult& measurement, QString* undoError) {
            PgConnection server;
            if (!server.open(url.isEmpty() ? measurement.target : url, undoError))
                return false;
            for (const QString& statement : measurement.undoStatements) {
                const PgResult result = server.exec(statement);
                if (!result.ok) {
                    *undoError = QStringLiteral("undo failed (%1): %2").arg(statement, result.error);
                    return false;
                }
            }
            return true;
        },
        error);
}

} // namespace dopt
