#pragma once
// The missing_index recommendation the apply-and-measure tests store: an index on one column of
// their PostgreSQL "orders" table, named orders_<column>_idx, created and dropped CONCURRENTLY.

#include "analysis/recommendation.h"

namespace dopt::test {

inline Recommendation ordersIndexRecommendation(const QString& column, const QString& measureSql)
{
    Recommendation r;
    r.key = Recommendation::makeKey(
        QStringLiteral("missing_index"), QStringLiteral("fp-") + column, QStringLiteral("orders(%1)").arg(column));
    r.detector = QStringLiteral("missing_index");
    r.engine = QStringLiteral("postgres");
    r.action = ActionKind::CreateIndex;
    r.severity = Severity::High;
    r.title = QStringLiteral("Index orders(%1)").arg(column);
    r.applyStatements = {QStringLiteral("CREATE INDEX CONCURRENTLY orders_%1_idx ON orders (%1)").arg(column)};
    r.undoStatements = {QStringLiteral("DROP INDEX CONCURRENTLY orders_%1_idx").arg(column)};
    r.measureSql = measureSql;
    return r;
}

} // namespace dopt::test
