#pragma once

#include "dashboarddata.h"

#include <QSqlDatabase>

namespace dopt {

class TaskContext;

/// Computes the dashboard's figures from a workspace connection (call it on the connection's thread):
/// one pass over the jobs in range (per-hour counts, weekday × hour, fingerprints and their total
/// time), then the trend of one fingerprint and the analysis results. Read-only.
class DashboardCollector
{
public:
    static constexpr int TopFingerprints = 15;

    explicit DashboardCollector(QSqlDatabase db)
        : m_db(std::move(db))
    { }

    /// trendFingerprint empty: the fingerprint with the largest total time. nullopt with *error on
    /// failure or cancel.
    std::optional<DashboardData> collect(
        const ReportFilter& filter, const QString& trendFingerprint, TaskContext* context, QString* error);

private:
    QSqlDatabase m_db;
};

} // namespace dopt
