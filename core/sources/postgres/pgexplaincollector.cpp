#include "sources/postgres/pgexplaincollector.h"

#include "measure/readonlystatement.h"
#include "profile/postgresplanparser.h"
#include "sources/postgres/pgconnection.h"
#include "sources/postgres/pglogimporter.h"
#include "sql/postgresfingerprint.h"
#include "store/jobrepository.h"
#include "store/profilerepository.h"
#include "store/sourcerepository.h"
#include "util/saturatingcast.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>

namespace dopt {

namespace {

const QString ExplainQueryType = QStringLiteral("explain");

/// A fingerprint worth explaining, merged over pg_stat_statements and the logs.
struct Candidate
{
    QString fingerprint;
    QString normalizedSql; // pg_stat_statements' text with $n
    qint64 loggedJobRow = 0; // slowest logged execution, 0 when none
    qint64 calls = 0;
    double totalMs = 0;
};

bool readCandidates(QSqlDatabase& db, qint64 sourceId, QHash<QString, Candidate>* out, QString* error)
{
    QSqlQuery stats(db);
    stats.prepare(
        QStringLiteral("SELECT d.fingerprint, MAX(d.query), SUM(d.calls), SUM(d.total_ms) FROM pg_statement_deltas d "
                       "JOIN pg_snapshots s ON s.id = d.snapshot_id WHERE s.source_id = ? AND d.fingerprint <> '' "
                       "GROUP BY d.fingerprint"));
    stats.addBindValue(sourceId);
    if (!stats.exec()) {
        *error = QStringLiteral("cannot read pg_stat_statements deltas: %1").arg(stats.lastError().text().simplified());
        return false;
    }
    while (stats.next()) {
        Candidate& c = (*out)[stats.value(0).toString()];
        c.fingerprint = stats.value(0).toString();
        c.normalizedSql = stats.value(1).toString();
        c.calls = stats.value(2).toLongLong();
        c.totalMs = stats.value(3).toDouble();
    }
    // Executions from server logs (this program's own EXPLAIN jobs excluded: they are not the workload).
    QSqlQuery logged(db);
    logged.prepare(QStringLiteral(
        "SELECT d.fingerprint, COUNT(*), SUM(COALESCE(j.duration_ms, 0)) FROM pg_job_details d JOIN jobs j ON "
        "j.id = d.job_ref WHERE j.state = 'COMPLETED' AND j.query_type <> ? AND d.fingerprint <> '' "
        "GROUP BY d.fingerprint"));
    logged.addBindValue(ExplainQueryType);
    if (!logged.exec()) {
        *error = QStringLiteral("cannot read logged executions: %1").arg(logged.lastError().text().simplified());
        return false;
    }
    while (logged.next()) {
        Candidate& c = (*out)[logged.value(0).toString()];
        c.fingerprint = logged.value(0).toString();
        c.calls = std::max(c.calls, logged.value(1).toLongLong());
        c.totalMs = std::max(c.totalMs, logged.value(2).toDouble());
        c.loggedJobRow = -1; // looked up for the chosen ones only
    }
    return true;
}

/// The slowest completed logged execution of a fingerprint: row id, SQL with its values, parameters as logged.
bool slowestLogged(QSqlDatabase& db, const QString& fingerprint, qint64* row, QString* sql, QString* parameters)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "SELECT j.id, j.sql_text, d.parameters FROM pg_job_details d JOIN jobs j ON j.id = d.job_ref WHERE "
        "d.fingerprint = ? AND j.state = 'COMPLETED' AND j.query_type <> ? ORDER BY j.duration_ms DESC, j.id "
        "LIMIT 1"));
    query.addBindValue(fingerprint);
    query.addBindValue(ExplainQueryType);
    if (!query.exec() || !query.next())
        return false;
    *row = query.value(0).toLongLong();
    *sql = query.value(1).toString();
    *parameters = query.value(2).toString();
    return true;
}

/// Statements on the system catalogs (monitoring tools, this program) and calls of server functions
/// with side effects a READ ONLY transaction does not stop (pg_stat_statements_reset(),
/// pg_terminate_backend(), pg_sleep(), set_config(), advisory locks, large objects, dblink...).
bool notTheWorkload(const QString& sql)
{
    static const QRegularExpression systemOrAdmin(
        QStringLiteral(R"re(\b(FROM|JOIN)\s+(pg_catalog\.|information_schema\.)?pg_\w+|\binformation_schema\.|)re"
                       R"re(\b(pg_\w+|set_config|lo_\w+|dblink\w*|nextval|setval|txid_\w+)\s*\()re"),
        QRegularExpression::CaseInsensitiveOption);
    return systemOrAdmin.match(sql).hasMatch();
}

/// EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) in a READ ONLY transaction that is rolled back.
bool explainAnalyze(PgConnection& server, const QString& sql, const PgExplainCollector::Options& options,
    const std::atomic_bool* cancel, QByteArray* json, QString* error, bool* connectionLost)
{
    const PgResult begin = server.exec(QStringLiteral("BEGIN TRANSACTION READ ONLY"));
    if (!begin.ok) {
        *error = begin.error;
        *connectionLost = begin.connectionLost;
        return false;
    }
    QStringList setup {QStringLiteral("SET LOCAL statement_timeout = %1").arg(options.statementTimeoutMs)};
    for (const QString& setting : options.settings)
        setup << QStringLiteral("SET LOCAL ") + setting;
    PgResult result;
    for (const QString& statement : setup) {
        result = server.exec(statement);
        if (!result.ok)
            break;
    }
    if (result.ok)
        result = server.exec(QStringLiteral("EXPLAIN (ANALYZE, BUFFERS, VERBOSE, FORMAT JSON) ") + sql, cancel);
    server.exec(QStringLiteral("ROLLBACK"));
    if (!result.ok) {
        *connectionLost = result.connectionLost;
        *error = result.sqlState == QLatin1String("57014") && !(cancel && cancel->load())
            ? QStringLiteral("stopped by statement_timeout (%1 ms)").arg(options.statementTimeoutMs)
            : result.error;
        return false;
    }
    *json = result.value(0, 0).toUtf8();
    return true;
}

qint64 spilled(const ParsedProfile& profile)
{
    qint64 bytes = 0;
    for (const PlanNode& node : profile.tree.nodes)
        bytes += node.spilledBytes;
    return bytes;
}

/// Stores the plan: with the logged job, or with a new job "explain:FINGERPRINT" and its values.
bool store(QSqlDatabase& db, qint64 sourceId, const QString& database, const QByteArray& json, ParsedProfile& profile,
    PgExplainedStatement* statement, qint64 loggedRow, QString* error)
{
    if (!db.transaction()) {
        *error = QStringLiteral("cannot start a workspace transaction: %1").arg(db.lastError().text().simplified());
        return false;
    }
    JobRepository jobs(db);
    qint64 row = loggedRow;
    if (row <= 0) {
        Job job = profile.job;
        job.engine = QStringLiteral("postgres");
        job.jobId = QStringLiteral("explain:") + statement->fingerprint;
        job.sql = statement->sql;
        job.queryType = ExplainQueryType;
        job.engineName = database;
        job.endedMs = QDateTime::currentMSecsSinceEpoch();
        job.startedMs = *job.endedMs - roundToInt64(job.durationMs.value_or(0));
        job.submittedMs = job.startedMs;
        row = jobs.upsert(job, sourceId, 0, error);
        QSqlQuery details(db);
        const PostgresFingerprintResult fingerprint = PostgresFingerprint::compute(statement->sql);
        details.prepare(QStringLiteral("DELETE FROM pg_job_details WHERE job_ref = ?"));
        details.addBindValue(row);
        bool ok = row > 0 && details.exec();
        details.prepare(QStringLiteral("INSERT INTO pg_job_details (job_ref, database_name, fingerprint, normalized, "
                                       "parameters) VALUES (?, ?, ?, ?, ?)"));
        details.addBindValue(row);
        details.addBindValue(database);
        details.addBindValue(statement->fingerprint);
        details.addBindValue(fingerprint.normalized);
        const QString values = PgParameterValues::detail(statement->parameters);
        details.addBindValue(values.isNull() ? QLatin1String("") : values); // NOT NULL column
        ok = ok && details.exec();
        if (!ok) {
            if (error->isEmpty())
                *error = details.lastError().text().simplified();
            db.rollback();
            return false;
        }
        statement->newJob = true;
    }
    const auto found = jobs.findByRowId(row);
    statement->jobId = found ? found->job.jobId : QString();
    if (ProfileRepository(db).store(row, json, profile, error) < 0) {
        db.rollback();
        return false;
    }
    if (!db.commit()) {
        *error = QStringLiteral("cannot commit: %1").arg(db.lastError().text().simplified());
        db.rollback();
        return false;
    }
    return true;
}

} // namespace

QJsonObject PgExplainedStatement::toJson() const
{
    QJsonArray values;
    for (const PgParameterValue& value : parameters)
        values.append(QJsonObject {{QStringLiteral("parameter"), QStringLiteral("$%1").arg(value.number)},
            {QStringLiteral("value"), value.literal}, {QStringLiteral("origin"), value.origin}});
    QJsonObject json {{QStringLiteral("fingerprint"), fingerprint}, {QStringLiteral("sql"), sql},
        {QStringLiteral("parameter_source"), parameterSource}, {QStringLiteral("parameters"), values},
        {QStringLiteral("calls"), calls}, {QStringLiteral("total_ms"), totalMs}, {QStringLiteral("job_id"), jobId},
        {QStringLiteral("new_job"), newJob}, {QStringLiteral("spilled_bytes"), spilledBytes},
        {QStringLiteral("error"), error}};
    if (!loggedParameters.isEmpty())
        json.insert(QStringLiteral("logged_parameters"), loggedParameters);
    if (executionMs >= 0)
        json.insert(QStringLiteral("explain_ms"), executionMs);
    return json;
}

QJsonObject PgExplainResult::toJson() const
{
    QJsonArray list;
    for (const PgExplainedStatement& statement : statements)
        list.append(statement.toJson());
    return QJsonObject {{QStringLiteral("ok"), ok}, {QStringLiteral("cancelled"), cancelled},
        {QStringLiteral("source_id"), sourceId}, {QStringLiteral("candidates"), candidates},
        {QStringLiteral("explained"), explained}, {QStringLiteral("failed"), failed},
        {QStringLiteral("statements"), list}, {QStringLiteral("error"), error}};
}

bool PgExplainCollector::validSettings(const QStringList& settings, QString* error)
{
    static const QRegularExpression settingPattern(
        QStringLiteral(R"(^\s*[A-Za-z_][\w.]*\s*(=|TO)\s*[^;]+$)"), QRegularExpression::CaseInsensitiveOption);
    for (const QString& setting : settings) {
        if (!settingPattern.match(setting).hasMatch()) {
            *error = QStringLiteral("not a setting assignment: '%1' (expected name = value)").arg(setting);
            return false;
        }
    }
    return true;
}

PgExplainPlan PgExplainCollector::plan(PgConnection& server, QSqlDatabase db, qint64 sourceId, const Options& options)
{
    PgExplainPlan plan;
    plan.sourceId = sourceId;
    plan.options = options;
    if (!validSettings(options.settings, &plan.error))
        return plan;
    QHash<QString, Candidate> byFingerprint;
    if (!readCandidates(db, sourceId, &byFingerprint, &plan.error))
        return plan;
    const PgResult databaseName = server.exec(QStringLiteral("SELECT current_database()"));
    if (!databaseName.ok) {
        plan.error = databaseName.error;
        return plan;
    }
    plan.database = databaseName.value(0, 0);
    QVector<Candidate> ranked(byFingerprint.cbegin(), byFingerprint.cend());
    std::sort(ranked.begin(), ranked.end(), [](const Candidate& a, const Candidate& b) {
        return a.totalMs != b.totalMs ? a.totalMs > b.totalMs : a.fingerprint < b.fingerprint;
    });

    // The N most expensive plain SELECTs, with the SQL and values each will run with.
    for (const Candidate& candidate : ranked) {
        if (plan.statements.size() >= options.statements)
            break;
        PgExplainedStatement statement;
        statement.fingerprint = candidate.fingerprint;
        statement.calls = candidate.calls;
        statement.totalMs = candidate.totalMs;
        qint64 row = 0;
        QString loggedSql;
        if (candidate.loggedJobRow != 0
            && slowestLogged(db, candidate.fingerprint, &row, &loggedSql, &statement.loggedParameters)) {
            statement.sql = loggedSql;
            statement.parameterSource = QStringLiteral("log");
        } else {
            statement.sql = candidate.normalizedSql;
            statement.parameterSource = PgParameterValues::placeholderCount(statement.sql) > 0
                ? QStringLiteral("pg_stats")
                : QStringLiteral("none");
        }
        QString reason;
        if (statement.sql.trimmed().isEmpty() || notTheWorkload(statement.sql)
            || !ReadOnlyStatement::check(statement.sql, &reason))
            continue; // not a user's SELECT: never run
        // Values for the $n placeholders now, so what is shown before running is what will run.
        if (statement.parameterSource == QLatin1String("pg_stats")
            && PgParameterValues::fromStatistics(server, statement.sql, &statement.parameters, &statement.error))
            statement.sql = PgLogImporter::substituteParameters(
                statement.sql, QStringLiteral("parameters: ") + PgParameterValues::detail(statement.parameters));
        statement.loggedJobRow = row;
        plan.statements.append(statement);
    }
    plan.ok = true;
    return plan;
}

PgExplainResult PgExplainCollector::run(PgConnection& server, QSqlDatabase db, const PgExplainPlan& plan,
    const std::atomic_bool* cancel, const Progress& progress)
{
    PgExplainResult result;
    result.sourceId = plan.sourceId;
    result.error = plan.error;
    if (!plan.ok)
        return result;
    if (!validSettings(plan.options.settings, &result.error))
        return result;
    result.candidates = int(plan.statements.size());
    result.ok = true;
    const int total = int(plan.statements.size());
    for (int i = 0; i < total; ++i) {
        if (cancel && cancel->load()) {
            result.cancelled = true;
            break;
        }
        PgExplainedStatement statement = plan.statements[i];
        if (progress)
            progress(i, total, QStringLiteral("EXPLAIN ANALYZE %1").arg(statement.fingerprint));
        // pg_stats had no values for a placeholder: the error from planning says which.
        bool ready = statement.error.isEmpty() && PgParameterValues::placeholderCount(statement.sql) == 0;
        if (ready) {
            // Checked again at run time: the plan may come from elsewhere (a dialog, a file).
            QString reason;
            if (notTheWorkload(statement.sql) || !ReadOnlyStatement::check(statement.sql, &reason)) {
                statement.error = reason.isEmpty() ? QStringLiteral("not a plain SELECT of the workload") : reason;
                ready = false;
            }
        } else if (statement.error.isEmpty()) {
            statement.error = QStringLiteral("no values for the statement's parameters");
        }
        QByteArray json;
        bool lost = false;
        ParsedProfile profile;
        if (ready && explainAnalyze(server, statement.sql, plan.options, cancel, &json, &statement.error, &lost)
            && PostgresPlanParser::parse(json, &profile, &statement.error)) {
            statement.executionMs = profile.job.durationMs.value_or(0);
            statement.spilledBytes = spilled(profile);
            if (store(db, plan.sourceId, plan.database, json, profile, &statement, statement.loggedJobRow,
                    &statement.error))
                ++result.explained;
            else
                ++result.failed;
        } else {
            ++result.failed;
            if (cancel && cancel->load()) {
                result.cancelled = true;
                statement.error = QStringLiteral("cancelled");
            }
        }
        result.statements.append(statement);
        if (lost) {
            QString reopenError;
            if (!server.reopen(&reopenError)) {
                result.error = QStringLiteral("connection lost: %1").arg(reopenError);
                break;
            }
        }
        if (result.cancelled)
            break;
    }
    if (cancel && cancel->load())
        result.cancelled = true;
    if (progress)
        progress(int(result.statements.size()), total, QStringLiteral("EXPLAIN done"));
    return result;
}

PgExplainResult PgExplainCollector::collect(PgConnection& server, QSqlDatabase db, qint64 sourceId,
    const Options& options, const std::atomic_bool* cancel, const Progress& progress)
{
    return run(server, db, plan(server, db, sourceId, options), cancel, progress);
}

bool PgExplainCollector::openSource(
    PgConnection& server, QSqlDatabase db, const QString& url, qint64* sourceId, QString* error)
{
    if (!server.open(url, error))
        return false;
    const QString target = PgConnection::redactUrl(url);
    *sourceId = SourceRepository(db).findOrCreate(QStringLiteral("postgres"), target, target, false, error);
    return *sourceId >= 0;
}

PgExplainResult PgExplainCollector::collect(QSqlDatabase db, const QString& url, const Options& options,
    const std::atomic_bool* cancel, const Progress& progress)
{
    PgExplainResult result;
    PgConnection server;
    if (!openSource(server, db, url, &result.sourceId, &result.error))
        return result;
    return collect(server, db, result.sourceId, options, cancel, progress);
}

} // namespace dopt
