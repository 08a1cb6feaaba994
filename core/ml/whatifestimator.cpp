#include "whatifestimator.h"

#include "features.h"
#include "modelstore.h"

#include <QHash>
#include <QJsonObject>
#include <QSqlQuery>
#include <algorithm>
#include <cmath>

namespace dopt {

namespace {

constexpr double kReflectionReadFraction = 0.1; // an accelerated run reads about a tenth
constexpr double kMaxShare = 0.95;

double clampedFraction(double fraction)
{
    return std::clamp(fraction, 0.02, 1.0);
}

/// Scales a log1p(x) feature as if x were multiplied by `fraction`.
void scaleLogFeature(double* row, int column, double fraction)
{
    if (column < 0)
        return;
    row[column] = std::log1p(std::expm1(row[column]) * fraction);
}

QJsonObject fixedShareEstimate(const QString& why)
{
    return QJsonObject {{QStringLiteral("source"), QStringLiteral("fixed_share")}, {QStringLiteral("reason"), why}};
}

} // namespace

bool WhatIfEstimator::applyEffect(const Recommendation& r, const QStringList& names, double* row)
{
    const auto column = [&names](const char* name) { return int(names.indexOf(QLatin1String(name))); };
    const int bytes = column("log_bytes_scanned");
    const int rows = column("log_rows_scanned");
    const int splits = column("log_splits");
    // The detector's own share saved stands for the fraction of the data no longer read.
    const double readFraction = clampedFraction(1.0 - r.improvementShare);
    const QString& kind = r.detector;
    if (kind == QLatin1String("reflection_missing")) {
        const int reflections = column("reflections_used");
        if (reflections >= 0)
            row[reflections] = std::max(1.0, row[reflections]);
        scaleLogFeature(row, bytes, kReflectionReadFraction);
        scaleLogFeature(row, rows, kReflectionReadFraction);
        scaleLogFeature(row, splits, kReflectionReadFraction);
        return true;
    }
    if (kind == QLatin1String("partition_pruning") || kind == QLatin1String("non_sargable")) {
        scaleLogFeature(row, bytes, readFraction);
        scaleLogFeature(row, rows, readFraction);
        scaleLogFeature(row, splits, readFraction);
        return true;
    }
    if (kind == QLatin1String("select_star")) {
        // Fewer columns: fewer bytes from a columnar scan, the same rows.
        scaleLogFeature(row, bytes, readFraction);
        return true;
    }
    if (kind == QLatin1String("small_files")) {
        // Compaction: the same data in fewer, larger files (fewer splits to schedule).
        scaleLogFeature(row, splits, readFraction);
        return true;
    }
    if (kind == QLatin1String("missing_index")) {
        // The advisor's hypothetical index (hypopg): its planner cost, and the table's scan reading
        // only the rows the filter keeps instead of the whole table.
        const double costBefore = r.definition.value(QStringLiteral("cost_before")).toDouble();
        const double costAfter = r.definition.value(QStringLiteral("cost_after")).toDouble();
        const int cost = column("log_planner_cost");
        if (costBefore <= 0 || costAfter <= 0 || cost < 0)
            return false;
        scaleLogFeature(row, cost, std::min(1.0, costAfter / costBefore));
        const double tableRows = r.definition.value(QStringLiteral("table_rows")).toDouble();
        const double kept = r.definition.value(QStringLiteral("rows_kept")).toDouble(-1);
        if (rows >= 0 && tableRows > 0 && kept >= 0) {
            const double scanned = std::expm1(row[rows]);
            const double after = scanned >= tableRows ? scanned - tableRows + kept : scanned * kept / tableRows;
            row[rows] = std::log1p(std::max(0.0, std::min(scanned, after)));
        }
        return true;
    }
    if (kind == QLatin1String("unbounded_result")) {
        const int returned = column("log_rows_returned");
        const double limit = r.definition.value(QStringLiteral("limit")).toDouble(10000);
        if (returned >= 0)
            row[returned] = std::min(row[returned], std::log1p(limit));
        return returned >= 0;
    }
    return false;
}

bool WhatIfEstimator::hasFiguresFor(const Recommendation& r, const QStringList& names, const double* row)
{
    if (r.detector != QLatin1String("missing_index"))
        return true;
    const int cost = int(names.indexOf(QStringLiteral("log_planner_cost")));
    return cost >= 0 && row[cost] > 0;
}

QHash<QString, QStringList> WhatIfEstimator::postgresStatementJobs(
    QSqlDatabase db, const QVector<Recommendation>& recommendations)
{
    QHash<QString, QStringList> jobs;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(QStringLiteral("SELECT j.job_id FROM jobs j JOIN pg_job_details d ON d.job_ref = j.id "
                                      "WHERE d.fingerprint = ? ORDER BY j.submitted_ms DESC, j.id DESC LIMIT %1")
                           .arg(JobsPerRecommendation)))
        return jobs;
    for (const Recommendation& r : recommendations) {
        if (r.engine != QLatin1String("postgresql") || r.fingerprint.isEmpty())
            continue;
        query.addBindValue(r.fingerprint);
        if (!query.exec())
            continue;
        QStringList ids;
        while (query.next())
            ids.append(query.value(0).toString());
        if (!ids.isEmpty())
            jobs.insert(r.key, ids);
    }
    return jobs;
}

void WhatIfEstimator::apply(const RuntimeModel& model, const FeatureSet& features,
    QVector<Recommendation>* recommendations, const QHash<QString, QStringList>& jobsOfStatement)
{
    QHash<QString, int> fingerprintIndex;
    for (qsizetype i = 0; i < features.fingerprints.size(); ++i)
        fingerprintIndex.insert(features.fingerprints[i], int(i));
    QHash<QString, qsizetype> rowOfJob;
    for (qsizetype i = 0; i < features.size(); ++i)
        rowOfJob.insert(features.jobIds[i], i);
    // Most recent rows first, per fingerprint.
    QHash<int, std::vector<qsizetype>> recentRows;
    for (qsizetype i = features.size() - 1; i >= 0; --i) {
        std::vector<qsizetype>& list = recentRows[features.fingerprint[size_t(i)]];
        if (list.size() < size_t(JobsPerRecommendation))
            list.push_back(i);
    }
    const int medianColumn = int(features.names.indexOf(QStringLiteral("log_fingerprint_median_earlier")));
    const int runsColumn = int(features.names.indexOf(QStringLiteral("log_fingerprint_runs_earlier")));
    const QString modelName = QStringLiteral("%1 (%2)").arg(model.id).arg(model.family());

    for (Recommendation& r : *recommendations) {
        std::vector<qsizetype> rows;
        const auto fp = fingerprintIndex.constFind(r.fingerprint);
        const auto statementJobs = jobsOfStatement.constFind(r.key);
        if (!r.fingerprint.isEmpty() && fp != fingerprintIndex.cend()) {
            rows = recentRows.value(*fp);
        } else {
            const QStringList& jobIds = statementJobs != jobsOfStatement.cend() ? *statementJobs : r.jobIds;
            for (const QString& jobId : jobIds) {
                const auto found = rowOfJob.constFind(jobId);
                if (found != rowOfJob.cend())
                    rows.push_back(*found);
            }
        }
        std::vector<double> probe(size_t(features.width()));
        if (rows.empty() || r.currentCostMs <= 0 || !applyEffect(r, features.names, probe.data())) {
            r.definition.insert(QStringLiteral("estimate"),
                fixedShareEstimate(rows.empty() || r.currentCostMs <= 0
                        ? QStringLiteral("no runs of this query shape to predict")
                        : QStringLiteral("the model's features cannot express this change")));
            continue;
        }
        rows.erase(std::remove_if(rows.begin(), rows.end(),
                       [&](qsizetype row) { return !hasFiguresFor(r, features.names, features.row(row)); }),
            rows.end());
        if (rows.empty()) {
            r.definition.insert(QStringLiteral("estimate"),
                fixedShareEstimate(
                    QStringLiteral("the runs of this query shape have no plan figures (PostgreSQL "
                                   "logs carry them when auto_explain logs plans, in JSON or text format)")));
            continue;
        }
        double before = 0, after = 0;
        for (qsizetype row : rows) {
            std::vector<double> asRan(features.row(row), features.row(row) + features.width());
            if (medianColumn >= 0)
                asRan[size_t(medianColumn)] = 0;
            if (runsColumn >= 0)
                asRan[size_t(runsColumn)] = 0;
            std::vector<double> fixed = asRan;
            applyEffect(r, features.names, fixed.data());
            before += std::exp(model.predictLog(asRan.data()));
            after += std::exp(model.predictLog(fixed.data()));
        }
        const double share = before > 0 ? std::clamp(1.0 - after / before, 0.0, kMaxShare) : 0.0;
        const double medianRunMs = r.frequency > 0 ? double(r.currentCostMs) / double(r.frequency) : 0.0;
        const double savingPerRunMs = share * medianRunMs;
        r.improvementShare = share;
        r.improvementMs = qint64(std::llround(share * double(r.currentCostMs)));
        r.score = r.confidence * share * double(r.currentCostMs) / 1000.0;
        r.definition.insert(QStringLiteral("estimate"),
            QJsonObject {{QStringLiteral("source"), QStringLiteral("model")}, {QStringLiteral("model_id"), model.id},
                {QStringLiteral("family"), model.family()}, {QStringLiteral("share"), share},
                {QStringLiteral("saving_ms_per_run"), savingPerRunMs}, {QStringLiteral("runs"), r.frequency},
                {QStringLiteral("jobs_predicted"), int(rows.size())}});
        r.appendRationale(AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
                                           "Saving estimated by model %1: %2% of a run, %3 ms per run x %4 runs."))
                              .arg(modelName)
                              .argNumber(100.0 * share, 'f', 0)
                              .argNumber(savingPerRunMs, 'f', 0)
                              .argInteger(r.frequency));
    }
}

bool WhatIfEstimator::apply(QSqlDatabase db, QVector<Recommendation>* recommendations, QString* error)
{
    ModelStore store(db);
    const RuntimeModel model = store.loadActive(error);
    if (!model.isValid()) {
        // A model that cannot be read (other format...) is no reason to fail the analysis.
        const QString why = error->isEmpty() ? QStringLiteral("no run-time model trained") : *error;
        error->clear();
        for (Recommendation& r : *recommendations)
            r.definition.insert(QStringLiteral("estimate"), fixedShareEstimate(why));
        return true;
    }
    FeatureOptions options;
    options.queues = model.queues;
    FeatureSet features;
    if (!FeatureExtractor::extract(db, options, &features, error))
        return false;
    if (features.names != model.features) {
        for (Recommendation& r : *recommendations)
            r.definition.insert(QStringLiteral("estimate"),
                fixedShareEstimate(QStringLiteral("the model's features differ from this version's: train again")));
        return true;
    }
    apply(model, features, recommendations, postgresStatementJobs(db, *recommendations));
    return true;
}

} // namespace dopt
