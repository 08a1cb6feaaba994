#include "unboundedresultdetector.h"

#include "sqlshape.h"

namespace dopt {

namespace {

// A million rows is beyond what a person reads or a dashboard draws: the result goes to an export.
constexpr qint64 kMinRows = 1'000'000;
// Ten million rows ties up the coordinator and the client for minutes: high severity.
constexpr qint64 kHighRows = 10'000'000;

} // namespace

AnalysisText UnboundedResultDetector::description() const
{
    return AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "Large result without LIMIT"));
}

QVector<Finding> UnboundedResultDetector::detect(const DetectorInput& input) const
{
    const Job& job = *input.job;
    if (!job.rowsReturned || *job.rowsReturned < kMinRows)
        return {};
    const SqlShape shape(job.sql);
    // CTAS, INSERT and OPTIMIZE write their rows; only queries send them to the client.
    if (!shape.isQuery() || shape.hasTopLevelLimit())
        return {};
    const qint64 rows = *job.rowsReturned;
    Finding finding = makeFinding(input, rows >= kHighRows ? Severity::High : Severity::Medium, 0.6,
        AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "Query returned %1 rows without LIMIT")).argInteger(rows));
    finding.addEvidence(QStringLiteral("rows_returned"), double(rows), QStringLiteral("rows"));
    if (job.bytesReturned)
        finding.addEvidence(QStringLiteral("bytes_returned"), double(*job.bytesReturned), QStringLiteral("bytes"));
    finding.improvementMs = 0; // the transfer's share of the duration is not in the history
    finding.setRecommendation(AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
        "Add a LIMIT or aggregate further; for a real export, write the result with CTAS instead of fetching it.")));
    finding.action = ActionKind::SqlRewrite;
    return {finding};
}

} // namespace dopt
