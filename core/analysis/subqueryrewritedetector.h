#pragma once

#include "detector.h"
#include "sql/sqltoken.h"

namespace dopt {

/// subquery_rewrite: NOT IN over a subquery, correlated IN and correlated scalar subqueries that a rewrite serves
/// better.
class SubqueryRewriteDetector : public Detector
{
public:
    QString id() const override { return QStringLiteral("subquery_rewrite"); }
    AnalysisText description() const override;
    QVector<Finding> detect(const DetectorInput& input) const override;
    /// The title of the scalar subquery finding: the recommendation engine attaches its own rewrite to it.
    static QString scalarSubqueryTitle();
    /// The dialect a job's statement is written in: it decides the name of an unaliased column.
    static SqlDialect dialectOf(const Job& job);
};

} // namespace dopt
