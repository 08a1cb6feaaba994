#include "reportcollector.h"

#include "analysis/analysisstore.h"
#include "analysis/analysistextmatcher.h"
#include "store/jobrepository.h"
#include "store/profilerepository.h"
#include "tasks/taskcontext.h"
#include "util/saturatingcast.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

namespace dopt {

namespace {

constexpr qint64 DayMs = 86400000;
constexpr int MaxPlanLines = 14;

bool run(QSqlQuery& query, const QString& sql, const QVariantList& binds, const QString& what, QString* error)
{
    query.prepare(sql);
    for (const QVariant& value : binds)
        query.addBindValue(value);
    if (query.exec())
        return true;
    if (error)
        *error = QStringLiteral("report: reading %1: %2").arg(what, query.lastError().text());
    return false;
}

QVector<Evidence> evidenceFromText(const QString& text)
{
    return evidenceFromJson(QJsonDocument::fromJson(text.toUtf8()).array());
}

std::optional<double> optionalDouble(const QVariant& value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toDouble();
}

QVariantList rangeBinds(const ReportFilter& filter)
{
    QVariantList binds;
    if (filter.sinceMs)
        binds.append(*filter.sinceMs);
    if (filter.untilMs)
        binds.append(*filter.untilMs);
    return binds;
}

} // namespace

QString ReportCollector::jobRangeCondition(const ReportFilter& filter, const QString& column) const
{
    QStringList conditions;
    if (filter.sinceMs)
        conditions.append(column + QStringLiteral(" >= ?"));
    if (filter.untilMs)
        conditions.append(column + QStringLiteral(" < ?"));
    return conditions.isEmpty() ? QStringLiteral("1 = 1") : conditions.join(QStringLiteral(" AND "));
}

std::optional<ReportData> ReportCollector::collect(const ReportFilter& filter, TaskContext* context, QString* error)
{
    ReportData data;
    data.filter = filter;
    data.generatedMs = QDateTime::currentMSecsSinceEpoch();
    data.appVersion = QStringLiteral(DOPT_VERSION);

    using Step = bool (ReportCollector::*)(ReportData&, QString*);
    const QVector<QPair<Step, QString>> steps {{&ReportCollector::readOverview, QStringLiteral("jobs and sources")},
        {&ReportCollector::readRecommendations, QStringLiteral("recommendations")},
        {&ReportCollector::readFindingsByDetector, QStringLiteral("findings")},
        {&ReportCollector::readRegressions, QStringLiteral("regressions")},
        {&ReportCollector::readPatterns, QStringLiteral("workload patterns")},
        {&ReportCollector::readMeasurements, QStringLiteral("measurements")},
        {&ReportCollector::readModels, QStringLiteral("models")}};
    for (int i = 0; i < steps.size(); ++i) {
        if (context) {
            if (context->isCancelled()) {
                if (error)
                    *error = QStringLiteral("report: cancelled");
                return std::nullopt;
            }
            context->progress(i, int(steps.size()), steps[i].second);
        }
        if (!(this->*steps[i].first)(data, error))
            return std::nullopt;
    }
    if (context)
        context->progress(int(steps.size()), int(steps.size()), QStringLiteral("done"));

    const auto time = [](const std::optional<qint64>& ms) {
        return ms ? QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC).toString(Qt::ISODate) : QStringLiteral("-");
    };
    data.settings = {{QStringLiteral("Workspace"), data.workspaceLocation}, {QStringLiteral("Storage"), data.backend},
        {QStringLiteral("Schema version"), QString::number(data.schemaVersion)},
        {QStringLiteral("Application version"), data.appVersion},
        {QStringLiteral("Report from (--since)"), time(filter.sinceMs)},
        {QStringLiteral("Report until (--until)"), time(filter.untilMs)},
        {QStringLiteral("Top recommendations shown"), QString::number(m_top)},
        {QStringLiteral("Generated (UTC)"), time(data.generatedMs)}};
    return data;
}

bool ReportCollector::readOverview(ReportData& data, QString* error)
{
    data.backend
        = m_db.driverName() == QLatin1String("QPSQL") ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite");
    data.workspaceLocation = !m_location.isEmpty() ? m_location
        : m_db.driverName() == QLatin1String("QPSQL")
        ? QStringLiteral("postgresql://%1@%2/%3").arg(m_db.userName(), m_db.hostName(), m_db.databaseName())
        : m_db.databaseName();
    QSqlQuery query(m_db);
    if (!run(query, QStringLiteral("SELECT MAX(version) FROM schema_meta"), {}, QStringLiteral("schema version"),
            nullptr)) {
        data.schemaVersion = 0; // older layout: shown as unknown
    } else if (query.next()) {
        data.schemaVersion = query.value(0).toInt();
    }

    const QString range = jobRangeCondition(data.filter, QStringLiteral("submitted_ms"));
    const QVariantList binds = rangeBinds(data.filter);
    if (!run(query,
            QStringLiteral("SELECT COUNT(*), MIN(submitted_ms), MAX(submitted_ms), COALESCE(SUM(duration_ms), 0), "
                           "SUM(CASE WHEN state = 'COMPLETED' THEN 1 ELSE 0 END), "
                           "SUM(CASE WHEN state = 'FAILED' THEN 1 ELSE 0 END), "
                           "SUM(CASE WHEN state IN ('CANCELED', 'CANCELLED') THEN 1 ELSE 0 END), "
                           "SUM(accelerated), SUM(has_profile) FROM jobs WHERE ")
                + range,
            binds, QStringLiteral("job counts"), error))
        return false;
    if (query.next()) {
        data.jobCount = query.value(0).toLongLong();
        if (!query.value(1).isNull())
            data.firstJobMs = query.value(1).toLongLong();
        if (!query.value(2).isNull())
            data.lastJobMs = query.value(2).toLongLong();
        data.totalDurationMs = roundToInt64(query.value(3).toDouble()); // REAL once a duration has a fraction
        data.completedJobs = query.value(4).toLongLong();
        data.failedJobs = query.value(5).toLongLong();
        data.cancelledJobs = query.value(6).toLongLong();
        data.acceleratedJobs = query.value(7).toLongLong();
        data.jobsWithProfile = query.value(8).toLongLong();
    }

    if (!run(query,
            QStringLiteral("SELECT s.name, s.kind, s.is_demo, (SELECT COUNT(*) FROM jobs WHERE source_id = s.id AND ")
                + range + QStringLiteral(") FROM sources s ORDER BY s.name"),
            binds, QStringLiteral("sources"), error))
        return false;
    while (query.next())
        data.sources.append({query.value(0).toString(), query.value(1).toString(), query.value(2).toInt() != 0,
            query.value(3).toLongLong()});

    if (!run(query,
            QStringLiteral("SELECT submitted_ms / %1, COUNT(*), COALESCE(SUM(duration_ms), 0) FROM jobs WHERE "
                           "submitted_ms IS NOT NULL AND ")
                    .arg(DayMs)
                + range + QStringLiteral(" GROUP BY submitted_ms / %1 ORDER BY 1").arg(DayMs),
            binds, QStringLiteral("jobs per day"), error))
        return false;
    while (query.next())
        data.jobsPerDay.append({query.value(0).toLongLong() * DayMs, query.value(1).toLongLong(),
            roundToInt64(query.value(2).toDouble())});
    return true;
}

bool ReportCollector::readRecommendations(ReportData& data, QString* error)
{
    QSqlQuery query(m_db);
    if (!run(query,
            QStringLiteral("SELECT COALESCE(SUM(improvement_ms), 0), COUNT(*) FROM recommendations "
                           "WHERE status <> 'dismissed'"),
            {}, QStringLiteral("recommendations"), error))
        return false;
    query.next();
    const qint64 count = query.value(1).toLongLong();
    if (count == 0)
        return readFindingsFallback(data, error);
    data.totalEstimatedSavingMs = query.value(0).toLongLong();

    if (!run(query,
            QStringLiteral(
                "SELECT id, rank, title, detector, action, status, rationale, fingerprint, severity, "
                "confidence, frequency, current_cost_ms, improvement_ms, improvement_share, evidence, "
                "sql_before, sql_after, job_ids, text_templates FROM recommendations WHERE status <> 'dismissed' "
                "ORDER BY CASE WHEN rank > 0 THEN rank ELSE 2147483647 END, score DESC, id LIMIT ?"),
            {m_top}, QStringLiteral("recommendations"), error))
        return false;
    QVector<qint64> ids;
    while (query.next()) {
        ReportData::Recommendation r;
        ids.append(query.value(0).toLongLong());
        r.rank = query.value(1).toInt();
        r.title = query.value(2).toString();
        r.detector = query.value(3).toString();
        r.action = query.value(4).toString();
        r.status = query.value(5).toString();
        r.rationale = query.value(6).toString();
        r.fingerprint = query.value(7).toString();
        r.severity = Severity(std::clamp(query.value(8).toInt(), 1, 4));
        r.confidence = query.value(9).toDouble();
        r.frequency = query.value(10).toLongLong();
        r.currentCostMs = query.value(11).toLongLong();
        r.improvementMs = query.value(12).toLongLong();
        r.improvementShare = query.value(13).toDouble();
        r.evidence = evidenceFromText(query.value(14).toString());
        r.sqlBefore = query.value(15).toString();
        r.sqlAfter = query.value(16).toString();
        r.jobIds = query.value(17).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const QJsonObject templates = textTemplatesFromColumn(query.value(18));
        r.titleText = storedAnalysisText(templates, QStringLiteral("title"), r.title);
        r.rationaleText = storedAnalysisText(templates, QStringLiteral("rationale"), r.rationale);
        data.recommendations.append(r);
    }
    for (int i = 0; i < data.recommendations.size(); ++i) {
        ReportData::Recommendation& r = data.recommendations[i];
        if (r.rank <= 0)
            r.rank = i + 1;
        // The operator comes from the finding behind the recommendation (same detector and fingerprint).
        if (!run(query,
                QStringLiteral("SELECT operator_key FROM findings WHERE detector = ? AND fingerprint = ? AND "
                               "operator_key <> '' ORDER BY improvement_ms DESC LIMIT 1"),
                {r.detector, r.fingerprint}, QStringLiteral("findings"), error))
            return false;
        if (query.next())
            r.operatorKey = query.value(0).toString();
        r.measurement = latestMeasurement(ids[i], error);
        if (error && !error->isEmpty())
            return false;
        readPlanExcerpt(r, data);
    }
    return true;
}

bool ReportCollector::readFindingsFallback(ReportData& data, QString* error)
{
    data.recommendationsFromFindings = true;
    QSqlQuery query(m_db);
    if (!run(query, QStringLiteral("SELECT COALESCE(SUM(improvement_ms), 0) FROM findings"), {},
            QStringLiteral("findings"), error))
        return false;
    query.next();
    data.totalEstimatedSavingMs = query.value(0).toLongLong();
    if (!run(query,
            QStringLiteral("SELECT title, detector, action, recommendation, fingerprint, severity, confidence, "
                           "occurrences, improvement_ms, improvement_share, evidence, sql_text, job_ids, operator_key, "
                           "text_templates FROM findings ORDER BY improvement_ms DESC, severity DESC, id LIMIT ?"),
            {m_top}, QStringLiteral("findings"), error))
        return false;
    while (query.next()) {
        ReportData::Recommendation r;
        r.rank = int(data.recommendations.size()) + 1;
        r.title = query.value(0).toString();
        r.detector = query.value(1).toString();
        r.action = query.value(2).toString();
        r.status = QStringLiteral("open");
        r.rationale = query.value(3).toString();
        r.fingerprint = query.value(4).toString();
        r.severity = Severity(std::clamp(query.value(5).toInt(), 1, 4));
        r.confidence = query.value(6).toDouble();
        r.frequency = query.value(7).toLongLong();
        r.improvementMs = query.value(8).toLongLong();
        r.improvementShare = query.value(9).toDouble();
        r.evidence = evidenceFromText(query.value(10).toString());
        r.sqlBefore = query.value(11).toString();
        r.jobIds = query.value(12).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        r.operatorKey = query.value(13).toString();
        const QJsonObject templates = textTemplatesFromColumn(query.value(14));
        r.titleText = storedAnalysisText(templates, QStringLiteral("title"), r.title);
        r.rationaleText = storedAnalysisText(templates, QStringLiteral("recommendation"), r.rationale);
        data.recommendations.append(r);
    }
    for (ReportData::Recommendation& r : data.recommendations)
        readPlanExcerpt(r, data);
    return true;
}

std::optional<ReportData::Measurement> ReportCollector::latestMeasurement(qint64 recommendationId, QString* error)
{
    QSqlQuery query(m_db);
    if (!run(query,
            QStringLiteral("SELECT id, verdict, runs, median_before_ms, median_after_ms, speedup, speedup_ci_low, "
                           "speedup_ci_high, p_value, measured_query FROM measurements WHERE recommendation_id = ? "
                           "AND state = 'done' "
                           "ORDER BY started_ms DESC, id DESC LIMIT 1"),
            {recommendationId}, QStringLiteral("measurements"), error))
        return std::nullopt;
    if (!query.next())
        return std::nullopt;
    ReportData::Measurement m;
    const qint64 id = query.value(0).toLongLong();
    m.verdict = query.value(1).toString();
    m.runs = query.value(2).toInt();
    m.medianBeforeMs = query.value(3).toDouble();
    m.medianAfterMs = query.value(4).toDouble();
    m.speedup = optionalDouble(query.value(5));
    m.speedupCiLow = optionalDouble(query.value(6));
    m.speedupCiHigh = optionalDouble(query.value(7));
    m.pValue = optionalDouble(query.value(8));
    if (!query.value(9).isNull())
        m.measuredQuery = MeasuredQuery::fromJson(QJsonDocument::fromJson(query.value(9).toString().toUtf8()).object());
    if (!run(query,
            QStringLiteral("SELECT variant, duration_ms FROM measurement_runs WHERE measurement_id = ? AND warmup = 0 "
                           "ORDER BY seq"),
            {id}, QStringLiteral("measurement runs"), error))
        return std::nullopt;
    while (query.next())
        (query.value(0).toString() == QLatin1String("after") ? m.afterRunsMs : m.beforeRunsMs)
            .append(query.value(1).toDouble());
    return m;
}

void ReportCollector::readPlanExcerpt(ReportData::Recommendation& recommendation, ReportData& data)
{
    JobRepository jobs(m_db);
    ProfileRepository profiles(m_db);
    for (const QString& jobId : recommendation.jobIds) {
        const std::optional<JobRow> row = jobs.findByJobId(jobId);
        if (!row || !row->hasProfile)
            continue;
        QString error;
        const std::optional<ParsedProfile> profile = profiles.loadForJob(row->rowId, &error);
        if (!profile) {
            if (!error.isEmpty())
                data.warnings.append(QStringLiteral("profile of job %1: %2").arg(jobId, error));
            continue;
        }
        const PlanTree& tree = profile->tree;
        if (tree.isEmpty())
            continue;
        // The focus: the operator named by the finding, else the one with the most processing time.
        int focus = -1;
        if (const PlanNode* node = tree.find(recommendation.operatorKey))
            focus = node->index;
        if (focus < 0) {
            for (const PlanNode& node : tree.nodes) {
                if (focus < 0 || node.processNs > tree.nodes[focus].processNs)
                    focus = node.index;
            }
        }
        // The path from the root to the focus and the focus's direct inputs.
        QSet<int> shown;
        for (int i = focus; i >= 0; i = tree.nodes[i].parent)
            shown.insert(i);
        for (int child : tree.nodes[focus].children)
            shown.insert(child);
        for (const auto& [index, depth] : tree.depthFirst()) {
            if (!shown.contains(index) || recommendation.plan.size() >= MaxPlanLines)
                continue;
            const PlanNode& node = tree.nodes[index];
            recommendation.plan.append({depth, node.key, node.typeName, node.detail, node.outputRecords,
                node.processNs / 1e6, index == focus});
        }
        recommendation.planJobId = jobId;
        return;
    }
}

bool ReportCollector::readFindingsByDetector(ReportData& data, QString* error)
{
    QSqlQuery query(m_db);
    if (!run(query,
            QStringLiteral("SELECT detector, COUNT(*), COALESCE(SUM(occurrences), 0), COALESCE(SUM(improvement_ms), 0) "
                           "FROM findings GROUP BY detector ORDER BY 2 DESC, 1"),
            {}, QStringLiteral("findings by detector"), error))
        return false;
    while (query.next()) {
        data.findingsByDetector.append({query.value(0).toString(), query.value(1).toInt(), query.value(2).toLongLong(),
            query.value(3).toLongLong()});
        data.findingCount += query.value(1).toInt();
    }
    return true;
}

bool ReportCollector::readRegressions(ReportData& data, QString* error)
{
    AnalysisStore store(m_db);
    QString readError;
    const QVector<Baseline> baselines = store.baselines(&readError);
    if (!readError.isEmpty()) {
        if (error)
            *error = QStringLiteral("report: %1").arg(readError);
        return false;
    }
    // A regression belongs to the range when its recent window overlaps it.
    for (const Baseline& baseline : baselines) {
        if (!baseline.regression)
            continue;
        if (data.filter.sinceMs && baseline.lastSeenMs < *data.filter.sinceMs)
            continue;
        if (data.filter.untilMs && baseline.regression->sinceMs >= *data.filter.untilMs)
            continue;
        data.regressions.append(baseline);
    }
    std::sort(data.regressions.begin(), data.regressions.end(),
        [](const Baseline& a, const Baseline& b) { return a.regression->medianRatio > b.regression->medianRatio; });
    return true;
}

bool ReportCollector::readPatterns(ReportData& data, QString* error)
{
    QSqlQuery query(m_db);
    if (!run(query,
            QStringLiteral("SELECT type, confidence, fingerprint, sql_text, detail FROM workload_patterns "
                           "ORDER BY confidence DESC, id"),
            {}, QStringLiteral("workload patterns"), error))
        return false;
    while (query.next())
        data.patterns.append({query.value(0).toString(), query.value(1).toDouble(), query.value(2).toString(),
            query.value(3).toString(), QJsonDocument::fromJson(query.value(4).toString().toUtf8()).object()});
    return true;
}

bool ReportCollector::readMeasurements(ReportData& data, QString* error)
{
    QSqlQuery query(m_db);
    if (!run(query,
            QStringLiteral("SELECT verdict, COUNT(*), COALESCE(SUM(median_before_ms - median_after_ms), 0) "
                           "FROM measurements WHERE state = 'done' GROUP BY verdict"),
            {}, QStringLiteral("measurements"), error))
        return false;
    ReportData::MeasurementSummary& summary = data.measurements;
    while (query.next()) {
        const QString verdict = query.value(0).toString();
        const int count = query.value(1).toInt();
        summary.done += count;
        if (verdict == QLatin1String("improved")) {
            summary.improved += count;
            summary.savedMsPerRun += query.value(2).toDouble();
        } else if (verdict == QLatin1String("regressed")) {
            summary.regressed += count;
        } else if (verdict == QLatin1String("no_change")) {
            summary.noChange += count;
        } else {
            summary.invalid += count;
        }
    }
    return true;
}

bool ReportCollector::readModels(ReportData& data, QString* error)
{
    QSqlQuery query(m_db);
    if (!run(query,
            QStringLiteral("SELECT family, target, job_count, trained_ms, metrics FROM models WHERE active = 1 "
                           "ORDER BY trained_ms DESC, id DESC"),
            {}, QStringLiteral("models"), error))
        return false;
    while (query.next())
        data.models.append({query.value(0).toString(), query.value(1).toString(), query.value(2).toLongLong(),
            query.value(3).toLongLong(), QJsonDocument::fromJson(query.value(4).toString().toUtf8()).object()});
    return true;
}

} // namespace dopt
