#pragma once

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
    double predictedImprovementShare = -1;
    std::optional<qint64> rowsBefore;
    std::optional<qint64> rowsAfter;
    QString checksumBefore;
    QString checksumAfter;
    // PostgreSQL: {"explain": EXPLAIN JSON, "tree": ModelJson::planTree}; Dremio: {"engine": "dremio",
    // "job_id", "tree", "reflections_chosen"} or {"engine", "job_id", "unavailable": why}
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

    /// id, verdict, speedup, speedup_ci_low, speedup_ci_high, medians, p_value, state, applied, error...
    QJsonObject toJson() const;
};

} // namespace dopt
