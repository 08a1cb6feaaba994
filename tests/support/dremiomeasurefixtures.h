#pragma once
// Recommendations the Dremio apply-and-measure tests start from (header-only).

#include "analysis/recommendation.h"
#include "analysis/reflectionplanner.h"
#include "sources/dremio/dremiosourcerepository.h"
#include "store/jobrepository.h"

namespace dopt::test {

/// A reflection_missing recommendation for query, with the reflection ReflectionPlanner derives
/// (named name); not stored (id 0).
inline Recommendation reflectionRecommendation(const QString& query, const QString& name)
{
    Recommendation r;
    r.key = QStringLiteral("reflection_missing|%1|%2").arg(name, query);
    r.detector = QStringLiteral("reflection_missing");
    r.action = ActionKind::CreateReflection;
    r.title = QStringLiteral("Create a reflection for %1").arg(query);
    r.measureSql = query;
    r.sqlBefore = query;
    const ReflectionDefinition definition = ReflectionPlanner::plan(query, name);
    r.definition = definition.toJson();
    r.applyStatements = {definition.createSql()};
    r.undoStatements = {definition.dropSql()};
    return r;
}

/// A reflection_unused recommendation dropping reflectionId; not stored (id 0).
inline Recommendation dropRecommendation(const QString& reflectionId)
{
    Recommendation drop;
    drop.key = QStringLiteral("reflection_unused||") + reflectionId;
    drop.detector = QStringLiteral("reflection_unused");
    drop.action = ActionKind::DropReflection;
    drop.title = QStringLiteral("Drop the unused reflection ") + reflectionId;
    drop.definition = QJsonObject {{QStringLiteral("reflectionId"), reflectionId}};
    return drop;
}

/// `count` completed Dremio jobs running sql whose acceleration record names reflectionId with
/// relationship (CHOSEN, MATCHED...), submitted one minute apart from firstMs; false with *error.
inline bool addReflectionJobs(QSqlDatabase db, const QString& reflectionId, const QString& sql,
    const QString& relationship, int count, qint64 firstMs, QString* error)
{
    JobRepository jobs(db);
    DremioSourceRepository relationships(db);
    for (int i = 0; i < count; ++i) {
        Job job;
        job.engine = QStringLiteral("dremio");
        job.jobId = QStringLiteral("%1-%2-%3").arg(reflectionId, relationship).arg(firstMs + i);
        job.sql = sql;
        job.state = QStringLiteral("COMPLETED");
        job.queryType = QStringLiteral("UI_RUN");
        job.submittedMs = firstMs + i * 60000LL;
        job.durationMs = 1000;
        const qint64 row = jobs.upsert(job, 0, 0, error);
        if (row <= 0 || !relationships.replaceJobRelationships(row, {{reflectionId, relationship}}, error))
            return false;
    }
    return true;
}

} // namespace dopt::test
