#include "nonsargabledetector.h"

#include "sql/sqlrewriter.h"
#include "sqlshape.h"

namespace dopt {

namespace {

// A second of run time or a gigabyte scanned: below both, pruning more saves nothing noticeable.
constexpr double kMinMs = 1000;
constexpr double kMinBytes = 1e9;
constexpr double kHighMs = 60000;
// With an exact range Dremio can prune partitions and skip row groups by min/max: most of the scan goes.
constexpr double kRangeShare = 0.4;
// Without one the user must restructure (a computed column, a lookup table): a smaller, less sure saving.
constexpr double kOtherShare = 0.15;

} // namespace

AnalysisText NonSargableDetector::description() const
{
    return AnalysisText(QT_TRANSLATE_NOOP(
        "dopt::AnalysisText", "Function or cast on a filtered column (no partition pruning or min/max skipping)"));
}

QVector<Finding> NonSargableDetector::detect(const DetectorInput& input) const
{
    const Job& job = *input.job;
    if (!SqlShape(job.sql).isQuery())
        return {};
    const QVector<NonSargablePredicate> predicates = SqlRewriter::nonSargablePredicates(job.sql);
    if (predicates.isEmpty())
        return {};
    const double duration = jobDurationMs(input);
    const double bytes = job.bytesScanned ? double(*job.bytesScanned) : -1;
    bool exact = false;
    QStringList written;
    for (const NonSargablePredicate& p : predicates) {
        exact = exact || !p.replacement.isEmpty();
        written << p.predicate;
    }
    const bool costly = duration >= kMinMs || bytes >= kMinBytes;
    const Severity severity = !costly  ? Severity::Low
        : duration >= kHighMs && exact ? Severity::High
                                       : Severity::Medium;
    Finding f = makeFinding(input, severity, exact ? 0.8 : 0.5,
        AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "Function on a filtered column: %1"))
            .arg(written.join(QStringLiteral(", ")).left(160)));
    f.addEvidence(QStringLiteral("predicates"), double(predicates.size()), QStringLiteral("predicates"));
    f.addEvidence(QStringLiteral("duration"), duration, QStringLiteral("ms"));
    if (bytes >= 0)
        f.addEvidence(QStringLiteral("bytes_scanned"), bytes, QStringLiteral("bytes"));
    f.improvementMs = costly ? qint64(duration * (exact ? kRangeShare : kOtherShare)) : 0;
    f.improvementShare = shareOf(double(f.improvementMs), input);
    f.setRecommendation(exact ? AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
                            "Compare the column itself with a range (rewrite attached) so partitions "
                            "and row groups are pruned."))
                              : AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
                                  "Avoid wrapping the filtered column in a function: store the computed "
                                  "value as a column or compare the column itself.")));
    f.action = exact ? ActionKind::PartitionFilter : ActionKind::Investigate;
    return {f};
}

} // namespace dopt
