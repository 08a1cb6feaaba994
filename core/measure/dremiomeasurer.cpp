#include "measure/dremiomeasurer.h"

#include "measure/dremiosyncclient.h"
#include "measure/measurementrecorder.h"
#include "model/modeljson.h"
#include "profile/dremioprofileparser.h"
#include "sources/files/profilezipreader.h"
#include "sql/sqltokenlist.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <algorithm>

namespace dopt {

namespace {

using Kind = MeasurementRequest::Kind;
enum class Variant { Before, After };

QString variantName(Variant variant)
{
    return variant == Variant::Before ? QStringLiteral("before") : QStringLiteral("after");
}

QString quoteLiteral(QString text)
{
    return QLatin1Char('\'') + text.replace(QLatin1Char('\''), QStringLiteral("''")) + QLatin1Char('\'');
}

QString jsonText(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// The fields of GET reflection/{id} that POST reflection accepts (reference/dremio.md §1.6): what
// re-creates the same reflection; ids, tag, status and counters are the server's.
QJsonObject creatableDefinition(const QJsonObject& reflection)
{
    static const char* const kept[] = {"type", "name", "datasetId", "enabled", "arrowCachingEnabled", "displayFields",
        "dimensionFields", "measureFields", "distributionFields", "partitionFields", "sortFields",
        "partitionDistributionStrategy", "entityType"};
    QJsonObject body;
    for (const char* name : kept)
        if (reflection.contains(QLatin1String(name)))
            body.insert(QLatin1String(name), reflection.value(QLatin1String(name)));
    return body;
}

/// A measured job: its duration and id.
struct MeasuredJob
{
    double durationMs = 0;
    QString jobId;
};

// The job whose plan stands for its side: the run closest to the side's median duration.
QString representativeJob(const QVector<MeasuredJob>& jobs)
{
    QVector<double> durations;
    for (const MeasuredJob& job : jobs)
        durations.append(job.durationMs);
    const qsizetype index = DremioMeasurer::closestToMedian(durations);
    return index < 0 ? QString() : jobs[index].jobId;
}

// A plan as measurements store it (plan_before / plan_after): the job's plan tree (ModelJson::planTree,
// the form the comparison view reads) or, when there is none, why.
QString storedPlan(const QString& jobId, const ParsedProfile* parsed, const QString& problem)
{
    QJsonObject plan {{QStringLiteral("engine"), QStringLiteral("dremio")}, {QStringLiteral("job_id"), jobId}};
    if (parsed) {
        plan.insert(QStringLiteral("tree"), ModelJson::planTree(parsed->tree));
        plan.insert(QStringLiteral("reflections_chosen"), QJsonArray::fromStringList(parsed->chosenReflectionIds));
    } else {
        plan.insert(QStringLiteral("unavailable"), problem);
    }
    return jsonText(plan);
}

/// One recorded undo step run on Dremio: "DELETE <path>", "POST <path> <json>" or SQL.
bool runUndoStep(DremioSyncClient& client, const QString& step, QString* error)
{
    const QString root = client.connection().apiRoot() + QLatin1Char('/');
    const auto suffixOf = [&root](const QString& path) { return path.startsWith(root) ? path.mid(root.size()) : path; };
    if (step.startsWith(QLatin1String("DELETE /"))) {
        const DremioResponse response = client.remove(suffixOf(step.mid(7).trimmed()));
        // Already gone is what the undo wants.
        if (!response.ok() && response.error != DremioResponse::Error::NotFound) {
            *error = response.message;
            return false;
        }
        return true;
    }
    if (step.startsWith(QLatin1String("POST /"))) {
        const qsizetype space = step.indexOf(QLatin1Char(' '), 5);
        const QJsonObject body = QJsonDocument::fromJson(step.mid(space + 1).toUtf8()).object();
        const DremioResponse response = client.post(suffixOf(step.mid(5, space - 5)), body);
        if (!response.ok()) {
            *error = response.message;
            return false;
        }
        return true;
    }
    const DremioJobRun run = client.runSql(step, 10 * 60 * 1000, false);
    if (!run.ok)
        *error = run.error;
    return run.ok;
}

bool runUndo(DremioSyncClient& client, const QStringList& steps, QString* error)
{
    if (!client.prepare(error))
        return false;
    for (const QString& step : steps) {
        QString stepError;
        if (!runUndoStep(client, step, &stepError)) {
            *error = QStringLiteral("undo failed (%1): %2").arg(step.left(120), stepError);
            return false;
        }
    }
    return true;
}

/// One measurement in progress on Dremio.
class Session
{
public:
    Session(QSqlDatabase db, const MeasurementRequest& request, const std::atomic_bool* cancel,
        const MeasurementProgressCallback& progress)
        : m_recorder(db, request, progress)
        , m_request(request)
        , m_cancel(cancel)
        , m_result(m_recorder.result())
        , m_client(request.dremio, request.dremioSecret, cancel)
    { }

    MeasurementResult run();

private:
    bool cancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }
    void report(const QString& phase, const QString& message) const { m_recorder.report(phase, message); }
    MeasurementResult fail(const QString& error, bool isCancel = false);
    bool record(const QStringList& apply, const QStringList& undo, QString* error);
    bool undo(DremioSyncClient& client, QString* error);
    bool createReflection(QString* error);
    bool waitForRefresh(QString* error);
    bool prepareDrop(QString* error);
    bool optimize(QString* error);
    QString sqlOf(Variant variant) const;
    bool timedRun(Variant variant, bool warmup, bool fetchRows, DremioJobRun* job, QString* error);
    void capturePlans();
    QString capturePlan(Variant variant, const QString& jobId);

    MeasurementRecorder m_recorder;
    const MeasurementRequest& m_request;
    const std::atomic_bool* m_cancel;
    MeasurementResult& m_result;
    DremioSyncClient m_client;
    QString m_reflectionId; // created or dropped
    QString m_snapshotBefore; // optimize_table
    QVector<MeasuredJob> m_measured[2]; // the timed jobs, before and after
};

bool Session::record(const QStringList& apply, const QStringList& undo, QString* error)
{
    m_result.applyStatements = apply;
    m_result.undoStatements = undo;
    return m_recorder.store().setStatements(m_result.id, apply, undo, error);
}

bool Session::undo(DremioSyncClient& client, QString* error)
{
    report(
        QStringLiteral("undo"), QStringLiteral("undoing: %1").arg(m_result.undoStatements.join(QStringLiteral("; "))));
    return runUndo(client, m_result.undoStatements, error);
}

bool Session::createReflection(QString* error)
{
    const QString dataset = m_request.reflection.value(QLatin1String("dataset")).toString();
    const QStringList segments = MeasurementRequest::pathSegments(dataset);
    QStringList encoded;
    for (const QString& segment : segments)
        encoded.append(QString::fromLatin1(QUrl::toPercentEncoding(segment)));
    report(QStringLiteral("apply"), QStringLiteral("looking up dataset %1").arg(dataset));
    const DremioResponse found = m_client.get(QStringLiteral("catalog/by-path/") + encoded.join(QLatin1Char('/')));
    QJsonObject entity;
    if (!found.ok()) {
        *error = found.error == DremioResponse::Error::NotFound
            ? QStringLiteral("dataset %1 is not in Dremio's catalog (%2): nothing applied").arg(dataset, found.message)
            : found.message;
        return false;
    }
    if (!found.parseObject(&entity, error))
        return false;
    const QString datasetId = entity.value(QLatin1String("id")).toString();
    if (datasetId.isEmpty()) {
        *error = QStringLiteral("%1: the catalog entry of %2 has no id").arg(found.what, dataset);
        return false;
    }
    const QJsonObject body = m_request.reflectionBody(datasetId);
    const QString path = m_request.dremio.apiPath(QStringLiteral("reflection"));
    const QString apply = QStringLiteral("POST %1 %2").arg(path, jsonText(body));
    report(QStringLiteral("apply"), QStringLiteral("applying: %1").arg(apply));
    const DremioResponse created = m_client.post(QStringLiteral("reflection"), body);
    QJsonObject reflection;
    if (!created.ok()) {
        *error = QStringLiteral("creating the reflection failed: %1").arg(created.message);
        return false;
    }
    if (!created.parseObject(&reflection, error))
        return false;
    m_reflectionId = reflection.value(QLatin1String("id")).toString();
    if (m_reflectionId.isEmpty()) {
        *error = QStringLiteral("%1: Dremio answered without the new reflection's id").arg(created.what);
        return false;
    }
    // Recorded at once: from here on the reflection exists and revert must find how to remove it.
    if (!record({apply}, {QStringLiteral("DELETE %1/%2").arg(path, m_reflectionId)}, error))
        return false;
    m_recorder.setApplied(true);
    return waitForRefresh(error);
}

bool Session::waitForRefresh(QString* error)
{
    QElapsedTimer clock;
    clock.start();
    int delay = m_request.dremio.pollIntervalMs;
    QString last;
    for (;;) {
        const DremioResponse polled = m_client.get(QStringLiteral("reflection/") + m_reflectionId);
        QJsonObject reflection;
        if (!polled.ok()) {
            *error = polled.error == DremioResponse::Error::Cancelled
                ? QStringLiteral("cancelled by the user (waiting for the reflection's refresh)")
                : QStringLiteral("waiting for the reflection's refresh: %1").arg(polled.message);
            return false;
        }
        if (!polled.parseObject(&reflection, error))
            return false;
        const QJsonObject status = reflection.value(QLatin1String("status")).toObject();
        const QString combined = status.value(QLatin1String("combinedStatus")).toString();
        if (combined == QLatin1String("CAN_ACCELERATE") || combined == QLatin1String("CAN_ACCELERATE_WITH_FAILURES"))
            return true;
        if (combined == QLatin1String("FAILED") || combined == QLatin1String("INVALID")
            || combined == QLatin1String("DISABLED") || combined == QLatin1String("EXPIRED")
            || combined == QLatin1String("CANNOT_ACCELERATE_MANUAL")) {
            const QString message = status.value(QLatin1String("lastFailureMessage")).toString();
            *error = QStringLiteral("reflection %1 cannot accelerate (status %2%3); it is deleted again")
                         .arg(m_reflectionId, combined, message.isEmpty() ? QString() : QStringLiteral(": ") + message);
            return false;
        }
        if (combined != last) {
            report(QStringLiteral("apply"), QStringLiteral("reflection %1: %2").arg(m_reflectionId, combined));
            last = combined;
        }
        if (clock.elapsed() > m_request.refreshTimeoutMs) {
            *error = QStringLiteral("reflection %1 was still %2 after %3 s; it is deleted again")
                         .arg(m_reflectionId, combined)
                         .arg(m_request.refreshTimeoutMs / 1000.0, 0, 'f', 1);
            return false;
        }
        if (!m_client.pause(delay)) {
            *error = QStringLiteral("cancelled by the user (waiting for the reflection's refresh)");
            return false;
        }
        delay = qMin(delay * 2, m_request.dremio.pollMaxIntervalMs);
    }
}

bool Session::prepareDrop(QString* error)
{
    m_reflectionId = m_request.reflectionId;
    const DremioResponse got = m_client.get(QStringLiteral("reflection/") + m_reflectionId);
    QJsonObject reflection;
    if (!got.ok()) {
        *error = QStringLiteral("reading reflection %1 to save its definition failed: %2")
                     .arg(m_reflectionId, got.message);
        return false;
    }
    if (!got.parseObject(&reflection, error))
        return false;
    const QString path = m_request.dremio.apiPath(QStringLiteral("reflection"));
    return record({QStringLiteral("DELETE %1/%2").arg(path, m_reflectionId)},
        {QStringLiteral("POST %1 %2").arg(path, jsonText(creatableDefinition(reflection)))}, error);
}

bool Session::optimize(QString* error)
{
    report(QStringLiteral("apply"), QStringLiteral("reading the current snapshot of %1").arg(m_request.table));
    const DremioJobRun snapshots = m_client.runSql(
        // The current snapshot is the one made current last: after a rollback it is not the newest committed.
        QStringLiteral("SELECT snapshot_id, made_current_at FROM TABLE(table_history(%1)) ORDER BY made_current_at "
                       "DESC LIMIT 1")
            .arg(quoteLiteral(m_request.table)),
        m_request.statementTimeoutMs, true);
    if (!snapshots.ok) {
        *error = QStringLiteral("reading the snapshots of %1 failed: %2").arg(m_request.table, snapshots.error);
        return false;
    }
    m_snapshotBefore = snapshots.rows.at(0).toObject().value(QLatin1String("snapshot_id")).toVariant().toString();
    if (m_snapshotBefore.isEmpty()) {
        *error = QStringLiteral("%1 has no snapshot to come back to: nothing applied").arg(m_request.table);
        return false;
    }
    if (DremioMeasurer::atSnapshot(m_request.sqlBefore, m_request.table, m_snapshotBefore).isEmpty()) {
        *error = QStringLiteral("the measured query does not read %1 in a FROM or JOIN: nothing applied")
                     .arg(m_request.table);
        return false;
    }
    const QString undo
        = QStringLiteral("ROLLBACK TABLE %1 TO SNAPSHOT %2").arg(m_request.table, quoteLiteral(m_snapshotBefore));
    if (!record(m_request.applyStatements, {undo}, error))
        return false;
    for (const QString& statement : m_request.applyStatements) {
        report(QStringLiteral("apply"), QStringLiteral("applying: %1").arg(statement));
        const DremioJobRun optimized = m_client.runSql(statement, m_request.refreshTimeoutMs, false);
        if (!optimized.ok) {
            // An Iceberg commit is atomic: a failed OPTIMIZE left the table as it was.
            *error = QStringLiteral("applying failed (%1): %2").arg(statement, optimized.error);
            return false;
        }
        m_recorder.setApplied(true);
    }
    return true;
}

QString Session::sqlOf(Variant variant) const
{
    const QString quotedId = QLatin1Char('"') + m_reflectionId + QLatin1Char('"');
    switch (m_request.kind) {
    case Kind::CreateReflection:
        return DremioMeasurer::withHint(m_request.sqlBefore,
            variant == Variant::Before ? QStringLiteral("exclude_reflections(%1)").arg(quotedId)
                                       : QStringLiteral("consider_reflections(%1)").arg(quotedId));
    case Kind::DropReflection:
        return variant == Variant::Before
            ? m_request.sqlBefore
            : DremioMeasurer::withHint(m_request.sqlBefore, QStringLiteral("exclude_reflections(%1)").arg(quotedId));
    case Kind::OptimizeTable:
        return variant == Variant::Before
            ? DremioMeasurer::atSnapshot(m_request.sqlBefore, m_request.table, m_snapshotBefore)
            : m_request.sqlBefore;
    default:
        return variant == Variant::Before ? m_request.sqlBefore : m_request.afterSql();
    }
}

bool Session::timedRun(Variant variant, bool warmup, bool fetchRows, DremioJobRun* job, QString* error)
{
    *job = m_client.runSql(sqlOf(variant), m_request.statementTimeoutMs, fetchRows);
    const int seq = m_recorder.nextSeq();
    const QString what = warmup ? QStringLiteral("warm-up") : QStringLiteral("measured");
    if (!job->ok) {
        *error = job->cancelled
            ? QStringLiteral("cancelled by the user (%1 run %2)").arg(variantName(variant)).arg(seq)
            : QStringLiteral("%1 run %2 (%3): %4").arg(what).arg(seq).arg(variantName(variant), job->error);
        return false;
    }
    return m_recorder.addRun({seq, variantName(variant), warmup, job->durationMs, job->rowCount},
        QStringLiteral("%1 %2 run: %3 ms (job %4), %5 rows")
            .arg(what, variantName(variant))
            .arg(job->durationMs, 0, 'f', 0)
            .arg(job->jobId)
            .arg(job->rowCount),
        error);
}

void Session::capturePlans()
{
    const QString before = representativeJob(m_measured[0]);
    const QString after = representativeJob(m_measured[1]);
    if (!m_request.dremio.offersProfileDownload()) {
        const QString reason = QStringLiteral("Dremio Cloud offers no profile download through its API: open the "
                                              "profiles of jobs %1 (before) and %2 (after) in Dremio")
                                   .arg(before, after);
        report(QStringLiteral("plan"), QStringLiteral("plans not captured: ") + reason);
        m_result.planBefore = storedPlan(before, nullptr, reason);
        m_result.planAfter = storedPlan(after, nullptr, reason);
        return;
    }
    m_result.planBefore = capturePlan(Variant::Before, before);
    m_result.planAfter = capturePlan(Variant::After, after);
}

QString Session::capturePlan(Variant variant, const QString& jobId)
{
    // A plan that cannot be had never fails the measurement: the verdict stands, the plan says why.
    report(QStringLiteral("plan"),
        QStringLiteral("downloading the profile of the %1 job %2 (the run closest to the median)")
            .arg(variantName(variant), jobId));
    const DremioResponse response = m_client.downloadProfile(jobId);
    QByteArray json;
    ParsedProfile parsed;
    QString problem;
    if (response.error == DremioResponse::Error::Cancelled) {
        problem = QStringLiteral("cancelled by the user before the profile of job %1 arrived").arg(jobId);
    } else if (response.error == DremioResponse::Error::Timeout) {
        // Said apart from other failures: a large profile on a busy coordinator may need a longer timeout.
        problem = QStringLiteral("the profile download of job %1 timed out: Dremio at %2 sent nothing for %3 s "
                                 "(attempts: %4)")
                      .arg(jobId, m_client.connection().displayName())
                      .arg(m_client.connection().timeoutMs / 1000.0, 0, 'f', 1)
                      .arg(response.attempts);
    } else if (!response.ok()) {
        problem = QStringLiteral("the profile download failed: %1").arg(response.message);
    } else if (!ProfileZipReader::readLastAttempt(response.body, &json, &problem)
        || !DremioProfileParser::parse(json, &parsed, &problem)) {
        problem = QStringLiteral("the profile of job %1 could not be read: %2").arg(jobId, problem);
    }
    if (!problem.isEmpty()) {
        report(QStringLiteral("plan"), QStringLiteral("no %1 plan: %2").arg(variantName(variant), problem));
        return storedPlan(jobId, nullptr, problem);
    }
    return storedPlan(jobId, &parsed, QString());
}

MeasurementResult Session::fail(const QString& error, bool isCancel)
{
    // The cancel flag may be up: the undo runs with a client that ignores it.
    return m_recorder.fail(error, isCancel, [this](QString* undoError) {
        DremioSyncClient undoClient(m_request.dremio, m_request.dremioSecret, nullptr);
        return undo(undoClient, undoError);
    });
}

MeasurementResult Session::run()
{
    QString error;
    if (!m_request.validate(&error) || !m_client.prepare(&error)) {
        m_result.error = error; // nothing ran: not stored
        return m_result;
    }
    if (!m_recorder.begin(QStringLiteral("dremio"), m_request.dremio.displayName()))
        return m_result;

    bool prepared = true;
    if (m_request.kind == Kind::CreateReflection)
        prepared = createReflection(&error);
    else if (m_request.kind == Kind::DropReflection)
        prepared = prepareDrop(&error);
    else if (m_request.kind == Kind::OptimizeTable)
        prepared = optimize(&error);
    if (!prepared)
        return fail(error, cancelled());

    const Variant order[] = {Variant::Before, Variant::After};
    for (int i = 0; i < std::max(1, m_request.warmupRuns); ++i) {
        DremioJobRun first[2];
        for (Variant variant : order) {
            if (cancelled())
                return fail(QStringLiteral("cancelled by the user"), true);
            if (!timedRun(variant, true, i == 0, &first[variant == Variant::Before ? 0 : 1], &error))
                return fail(error, cancelled());
        }
        if (i == 0
            && !m_recorder.checkSameResult(first[0].rowCount, first[0].checksum, first[1].rowCount, first[1].checksum,
                true, QStringLiteral("before and after return different results")))
            return fail(m_result.error);
    }

    QVector<double> before;
    QVector<double> after;
    int afterChose = 0;
    int beforeChose = 0;
    for (int i = 0; i < m_request.runs; ++i) {
        for (Variant variant : order) {
            if (cancelled())
                return fail(QStringLiteral("cancelled by the user"), true);
            DremioJobRun job;
            if (!timedRun(variant, false, false, &job, &error))
                return fail(error, cancelled());
            (variant == Variant::Before ? before : after).append(job.durationMs);
            m_measured[variant == Variant::Before ? 0 : 1].append({job.durationMs, job.jobId});
            if (!m_reflectionId.isEmpty() && job.chose(m_reflectionId))
                ++(variant == Variant::Before ? beforeChose : afterChose);
        }
    }
    m_result.summary = MeasurementStatistics::summarize(before, after, m_request.statistics);
    m_result.verdict = m_result.summary->verdict;
    if (m_request.kind == Kind::CreateReflection) {
        if (afterChose == 0) {
            m_result.verdict = QStringLiteral("not_used");
            m_result.error = QStringLiteral("no after run used reflection %1 (never CHOSEN in the job status): the "
                                            "timings compare two plans without it")
                                 .arg(m_reflectionId);
        } else if (afterChose < m_request.runs || beforeChose > 0) {
            m_result.error = QStringLiteral("reflection %1 was chosen in %2 of %3 after runs and %4 before runs")
                                 .arg(m_reflectionId)
                                 .arg(afterChose)
                                 .arg(m_request.runs)
                                 .arg(beforeChose);
        }
    }

    if (m_request.keep && m_request.kind == Kind::DropReflection) {
        report(QStringLiteral("keep"), QStringLiteral("dropping reflection %1 for good").arg(m_reflectionId));
        const DremioResponse dropped = m_client.remove(QStringLiteral("reflection/") + m_reflectionId);
        if (!dropped.ok())
            return fail(QStringLiteral("dropping the reflection failed: %1").arg(dropped.message));
        m_recorder.setApplied(true);
    } else if (m_result.applied && !m_request.keep) {
        if (!undo(m_client, &error))
            return fail(error);
        m_recorder.setApplied(false);
    }
    // After the server is back as it was: the profiles are those of finished jobs.
    capturePlans();
    m_result.state = QStringLiteral("done");
    return m_recorder.finish();
}

} // namespace

MeasurementResult DremioMeasurer::measure(QSqlDatabase workspaceDb, const MeasurementRequest& request,
    const std::atomic_bool* cancel, const MeasurementProgressCallback& progress)
{
    return Session(workspaceDb, request, cancel, progress).run();
}

bool DremioMeasurer::revert(QSqlDatabase workspaceDb, qint64 measurementId, const DremioConnection& connection,
    const QString& secret, QString* error)
{
    return MeasurementRecorder::revert(
        workspaceDb, measurementId,
        [&](const MeasurementResult& measurement, QString* undoError) {
            if (measurement.engine != QLatin1String("dremio")) {
                *undoError = QStringLiteral("measurement %1 was made on %2, not Dremio")
                                 .arg(measurementId)
                                 .arg(measurement.engine);
                return false;
            }
            DremioSyncClient client(connection, secret, nullptr);
            return runUndo(client, measurement.undoStatements, undoError);
        },
        error);
}

qsizetype DremioMeasurer::closestToMedian(const QVector<double>& durations)
{
    if (durations.isEmpty())
        return -1;
    QVector<double> sorted = durations;
    std::sort(sorted.begin(), sorted.end());
    const qsizetype middle = sorted.size() / 2;
    const double median = sorted.size() % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    // min_element keeps the first of equal distances.
    return std::min_element(durations.begin(), durations.end(), [median](double a, double b) {
        return qAbs(a - median) < qAbs(b - median);
    }) - durations.begin();
}

QString DremioMeasurer::withHint(const QString& sql, const QString& hint)
{
    // Dremio reads reflection hints once per query, from the first SELECT of the rel tree that has
    // any (its planner stops looking after that): the main query's SELECT, so after a WITH list the
    // first SELECT outside the CTE parentheses. A hint inside a CTE would only count while the main
    // SELECT has none, and a user's own hint there would silently win over ours.
    const SqlTokenList tokens(sql);
    qsizetype select = -1;
    qsizetype firstSelect = -1;
    for (qsizetype i = 0; i < tokens.size() && select < 0; ++i) {
        if (!tokens.word(i, "SELECT"))
            continue;
        if (firstSelect < 0)
            firstSelect = i;
        if (tokens.enclosing(i) < 0)
            select = i;
    }
    if (select < 0)
        select = firstSelect; // (SELECT ...) UNION (SELECT ...): the first block
    if (select < 0)
        return sql;
    const qsizetype end = tokens.at(select).end();
    // A hint comment already there: one comment may list several hints, a second one is not read.
    static const QRegularExpression existingHint(
        QStringLiteral(R"(^\s*/\*\+(.*?)\*/)"), QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch found = existingHint.match(QStringView(sql).mid(end));
    if (found.hasMatch() && !found.captured(1).trimmed().isEmpty()) {
        const qsizetype bodyStart = end + found.capturedStart(1);
        const qsizetype bodyEnd = end + found.capturedEnd(1);
        return sql.left(bodyStart) + QLatin1Char(' ') + found.captured(1).trimmed() + QStringLiteral(", ") + hint
            + QLatin1Char(' ') + sql.mid(bodyEnd);
    }
    return sql.left(end) + QStringLiteral(" /*+ ") + hint + QStringLiteral(" */") + sql.mid(end);
}

QString DremioMeasurer::atSnapshot(const QString& sql, const QString& table, const QString& snapshotId)
{
    const QStringList wanted = MeasurementRequest::pathSegments(table);
    const SqlTokenList tokens(sql);
    QList<qsizetype> insertAt;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        if (!tokens.anyWord(i, {"FROM", "JOIN"}))
            continue;
        const qsizetype end = tokens.pathEnd(i + 1);
        if (end < 0)
            continue;
        const QStringList found = MeasurementRequest::pathSegments(tokens.slice(i + 1, end));
        if (found.size() == wanted.size()
            && std::equal(found.begin(), found.end(), wanted.begin(),
                [](const QString& a, const QString& b) { return a.compare(b, Qt::CaseInsensitive) == 0; }))
            insertAt.prepend(tokens.at(end).end());
    }
    if (insertAt.isEmpty())
        return QString();
    QString out = sql;
    for (const qsizetype at : insertAt) // from the last to the first: earlier offsets stay valid
        out.insert(at, QStringLiteral(" AT SNAPSHOT ") + quoteLiteral(snapshotId));
    return out;
}

} // namespace dopt
