#pragma once
// Recommendations the Dremio apply-and-measure tests start from (header-only).

#include "analysis/recommendation.h"
#include "analysis/reflectionplanner.h"

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

} // namespace dopt::test
