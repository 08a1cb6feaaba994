#include "selectstardetector.h"

#include "sqlshape.h"

#include <algorithm>

namespace dopt {

namespace {

// SELECT * over a few megabytes costs nothing worth a change; from a GiB read, unused columns matter.
constexpr double kMinBytesScanned = 1024.0 * 1024 * 1024;
// From 100 GiB the wasted I/O is large: medium severity (never more: the columns may all be used).
constexpr double kMediumBytesScanned = 100.0 * 1024 * 1024 * 1024;

// A dataset of a few columns: SELECT * reads about what a column list would.
constexpr int kFewColumns = 3;
// From 20 columns a SELECT * usually reads many the consumer ignores.
constexpr int kManyColumns = 20;

} // namespace

AnalysisText SelectStarDetector::description() const
{
    return AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "SELECT * over a scan reading many bytes"));
}

QVector<Finding> SelectStarDetector::detect(const DetectorInput& input) const
{
    const Job& job = *input.job;
    if (!job.bytesScanned || double(*job.bytesScanned) < kMinBytesScanned)
        return {};
    const SqlShape shape(job.sql);
    if (!shape.selectsStar())
        return {};
    const double bytes = double(*job.bytesScanned);
    // The widest dataset the job reads, from the collected catalog entries (-1 when none is known).
    int columns = -1;
    if (input.workspace) {
        for (const QString& dataset : job.datasets)
            columns = std::max(columns, input.workspace->fieldCountOf(dataset));
    }
    if (columns >= 0 && columns <= kFewColumns)
        return {}; // every column is probably needed: nothing to save
    Severity severity = bytes >= kMediumBytesScanned ? Severity::Medium : Severity::Low;
    if (columns >= kManyColumns)
        severity = Severity::Medium; // most of a wide table's columns are rarely all used
    Finding finding = makeFinding(input, severity, columns >= kManyColumns ? 0.65 : 0.5,
        columns >= 0
            ? AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "SELECT * reading %1 GiB of a %2-column dataset"))
                  .argNumber(bytes / (1024.0 * 1024 * 1024), 'f', 1)
                  .argInteger(columns)
            : AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "SELECT * reading %1 GiB"))
                  .argNumber(bytes / (1024.0 * 1024 * 1024), 'f', 1));
    finding.addEvidence(QStringLiteral("bytes_scanned"), bytes, QStringLiteral("bytes"));
    if (columns >= 0)
        finding.addEvidence(QStringLiteral("dataset_columns"), columns, QStringLiteral("columns"));
    if (job.rowsScanned)
        finding.addEvidence(QStringLiteral("rows_scanned"), double(*job.rowsScanned), QStringLiteral("rows"));
    // Columnar scans read only the columns asked for; how many are unused is unknown here.
    finding.improvementMs = 0;
    finding.setRecommendation(AnalysisText(QT_TRANSLATE_NOOP(
        "dopt::AnalysisText", "List only the columns the consumer uses: columnar files then read only those.")));
    finding.action = ActionKind::SqlRewrite;
    return {finding};
}

} // namespace dopt
