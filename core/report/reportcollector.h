#pragma once

#include "reportdata.h"

#include <QSqlDatabase>

namespace dopt {

class TaskContext;

/// Reads every figure of a report from a workspace connection (call it on the thread that owns the
/// connection, usually a worker with a WorkerConnection). Only reads; never changes the workspace.
class ReportCollector
{
public:
    static constexpr int DefaultTopRecommendations = 5;

    explicit ReportCollector(QSqlDatabase db)
        : m_db(std::move(db))
    { }

    void setTopRecommendations(int count) { m_top = count; }
    /// How the report names the workspace (Workspace::location(), which hides a password).
    void setWorkspaceLocation(const QString& location) { m_location = location; }
    /// The report data, or nullopt with *error naming the query that failed. Polls the context's
    /// cancel flag between sections and reports progress through it when given.
    std::optional<ReportData> collect(const ReportFilter& filter, TaskContext* context, QString* error);

    /// Single sections, for views that need only them (the dashboard).
    bool readFindingsByDetector(ReportData& data, QString* error);
    bool readMeasurements(ReportData& data, QString* error);

private:
    bool readOverview(ReportData& data, QString* error);
    bool readRecommendations(ReportData& data, QString* error);
    bool readFindingsFallback(ReportData& data, QString* error);
    bool readRegressions(ReportData& data, QString* error);
    bool readPatterns(ReportData& data, QString* error);
    bool readModels(ReportData& data, QString* error);
    void readPlanExcerpt(ReportData::Recommendation& recommendation, ReportData& data);
    std::optional<ReportData::Measurement> latestMeasurement(qint64 recommendationId, QString* error);
    QString jobRangeCondition(const ReportFilter& filter, const QString& column) const;

    QSqlDatabase m_db;
    QString m_location;
    int m_top = DefaultTopRecommendations;
};

} // namespace dopt
