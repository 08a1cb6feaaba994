#pragma once

#include "detector.h"

namespace dopt {

/// subquery_rewrite: NOT IN over a subquery, correlated IN and correlated scalar subqueries that a rewrite serves
/// better.
class SubqueryRewriteDetector : public Detector
{
public:
    QString id() const override { return QStringLiteral("subquery_rewrite"); }
    QString description() const override;
    QVector<Finding> detect(const DetectorInput& input) const override;
    /// The title of the scalar subquery finding: the recommendation engine attaches its own rewrite to it.
    static QString scalarSubqueryTitle();
};

} // namespace dopt
