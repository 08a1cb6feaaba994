#pragma once

#include "measure/measuredquery.h"
#include "measure/measurementstatistics.h"

#include <QJsonObject>
#include <QVector>
#include <optional>

namespace dopt {

/// One timed execution of a measurement.
struct MeasurementRun
{
    int seq = 0; // order of execution, from 1
    QString variant; // before, after
    bool warmup = false;
    double durationMs = 0;
    qint64 rows = -1;
};

/// A measurement as stored in measurements / measurement_runs, and what PostgresMeasurer returns.
struct MeasurementResult
{
    qint64 id = 0;
    qint64 recommendationId = 0;
    QString engine = QStringLiteral("postgres");
    QString target; // connection without password
    QString action; // create_index, drop_index, parameter_change, sql_rewrite
    QString state; // running, done, failed, cancelled
    QString verdict; // improved, no_change, regressed, invalid ("" when not reached)
    int runs = 0;
    int warmupRuns = 0;
    std::optional<MeasurementSummary> summary; // when the timed runs completed
    std::optional<MeasuredQuery> measuredQuery; // nullopt: not recorded (measured before schema 15)
    double predictedImprovementShare = -1;
    std::optional<qint64> rowsBefore;
    std::optional<qint64> rowsAfter;
    QString checksumBefore;
    QString checksumAfter;
    // PostgreSQL: {"explain": EXPLAIN JSON, "tree": ModelJson::planTree}; Dremio: {"engine": "dremio",
    // "job_id", "tree", "reflections_chosen"} or {"engine", "job_id", "unavailable": why}; a measurement that
    // failed or was cancelled keeps the plans it had and stores {"engine", "unavailable": why} for the others
    QString planBefore;
    QString planAfter;
    bool applied = false; // the change is in place on the server now
    std::optional<qint64> revertedMs;
    QString error;
    qint64 startedMs = 0;
    std::optional<qint64> endedMs;
    QVector<MeasurementRun> runList;
    QStringList applyStatements;
    QStringList undoStatements;

    /// id, verdict, speedup, speedup_ci_low, speedup_ci_high, medians, p_value, state, applied, error...,
    /// measuredQuery ({sql, jobId, reason, chosenBy}, null when not recorded), plan_before/plan_after
    /// ({available, unavailable_reason}, without the plans themselves)
    QJsonObject toJson() const;
    /// Why a stored plan is missing ({"unavailable": why}), "" when it is there or was never stored.
    static QString planProblem(const QString& storedPlan);
    /// A stored plan that says why it is missing.
    static QString missingPlan(const QString& engine, const QString& why);
};

} // namespace dopt
