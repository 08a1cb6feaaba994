#pragma once

#include "analysis/baseline.h"
#include "analysis/finding.h"
#include "measure/measuredquery.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace dopt {

/// Which jobs a report covers: submission time in [sinceMs, untilMs) when set.
struct ReportFilter
{
    std::optional<qint64> sinceMs;
    std::optional<qint64> untilMs;
};

/// Everything a report shows, read from one workspace in one go (see ReportCollector). Plain values,
/// so it can be built on a worker thread and handed to the renderer on another.
struct ReportData
{
    struct Source
    {
        QString name;
        QString kind;
        bool demo = false;
        qint64 jobs = 0; // in the report's time range
    };
    struct DayCount
    {
        qint64 dayStartMs = 0; // UTC midnight
        qint64 jobs = 0;
        qint64 totalDurationMs = 0;
    };
    /// One operator of the plan excerpt shown with a recommendation.
    struct PlanLine
    {
        int depth = 0;
        QString key;
        QString typeName;
        QString detail;
        qint64 outputRecords = -1;
        double processMs = 0;
        bool focus = false; // the operator the recommendation is about
    };
    struct Measurement
    {
        QString verdict; // improved, no_change, regressed, invalid
        int runs = 0;
        double medianBeforeMs = 0;
        double medianAfterMs = 0;
        std::optional<double> speedup;
        std::optional<double> speedupCiLow;
        std::optional<double> speedupCiHigh;
        std::optional<double> pValue;
        QVector<double> beforeRunsMs; // measured (non-warm-up) runs
        QVector<double> afterRunsMs;
        std::optional<MeasuredQuery> measuredQuery; // nullopt: not recorded (measured before schema 15)
    };
    struct Recommendation
    {
        int rank = 0;
        QString title;
        QString detector;
        QString action;
        QString status;
        QString rationale;
        AnalysisText titleText; // the templates of title and rationale (empty before schema 14)
        AnalysisText rationaleText;
        QString fingerprint;
        Severity severity = Severity::Low;
        double confidence = 0;
        qint64 frequency = 0; // runs of the fingerprint
        qint64 currentCostMs = 0; // their total time (0 when unknown)
        qint64 improvementMs = 0; // estimated saving
        double improvementShare = 0;
        QVector<Evidence> evidence;
        QString sqlBefore;
        QString sqlAfter; // empty when the advice is not a rewrite
        QStringList jobIds;
        QString operatorKey;
        QString planJobId; // the example job whose plan the excerpt comes from
        QVector<PlanLine> plan;
        std::optional<Measurement> measurement;
    };
    struct DetectorCount
    {
        QString detector;
        int findings = 0;
        qint64 occurrences = 0;
        qint64 improvementMs = 0;
    };
    struct Pattern
    {
        QString type;
        double confidence = 0;
        QString fingerprint;
        QString sql;
        QJsonObject detail;
    };
    struct Model
    {
        QString family;
        QString target;
        qint64 jobCount = 0;
        qint64 trainedMs = 0;
        QJsonObject metrics;
    };
    struct MeasurementSummary
    {
        int done = 0;
        int improved = 0;
        int noChange = 0;
        int regressed = 0;
        int invalid = 0;
        double savedMsPerRun = 0; // sum over improved measurements of median before - median after
    };
    struct Setting
    {
        QString name;
        QString value;
    };

    QString workspaceLocation;
    QString backend; // SQLite or PostgreSQL
    int schemaVersion = 0;
    QString appVersion;
    qint64 generatedMs = 0;
    ReportFilter filter;
    std::optional<qint64> firstJobMs; // actual span of the jobs in range
    std::optional<qint64> lastJobMs;

    qint64 jobCount = 0;
    qint64 completedJobs = 0;
    qint64 failedJobs = 0;
    qint64 cancelledJobs = 0;
    qint64 acceleratedJobs = 0;
    qint64 jobsWithProfile = 0;
    qint64 totalDurationMs = 0;
    QVector<Source> sources;
    QVector<DayCount> jobsPerDay;

    /// Ranked recommendations (recommendations table); when it is empty, the findings with the
    /// largest estimated saving stand in and recommendationsFromFindings is true.
    QVector<Recommendation> recommendations;
    bool recommendationsFromFindings = false;
    qint64 totalEstimatedSavingMs = 0; // over every recommendation (or finding), not only the top ones
    QVector<Baseline> regressions;
    QVector<DetectorCount> findingsByDetector;
    int findingCount = 0;
    QVector<Pattern> patterns;
    MeasurementSummary measurements;
    QVector<Model> models; // the active model(s)
    QVector<Setting> settings;

    /// Non-fatal problems met while gathering (a profile that no longer parses...).
    QStringList warnings;
};

} // namespace dopt
