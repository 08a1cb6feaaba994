#include "selectstardetector.h"

#include "sqlshape.h"

namespace dopt {

namespace {

// SELECT * over a few megabytes costs nothing worth a change; from a GiB read, unused columns matter.
constexpr double kMinBytesScanned = 1024.0 * 1024 * 1024;
// From 100 GiB the wasted I/O is large: medium severity (never more: the columns may all be used).
constexpr double kMediumBytesScanned = 100.0 * 1024 * 1024 * 1024;

} // namespace

QString SelectStarDetector::description() const
{
    return QStringLiteral("SELECT * over a scan reading many bytes");
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
    Finding finding = makeFinding(input, bytes >= kMediumBytesScanned ? Severity::Medium : Severity::Low, 0.5,
        QStringLiteral("SELECT * reading %1 GiB").arg(bytes / (1024.0 * 1024 * 1024), 0, 'f', 1));
    finding.addEvidence(QStringLiteral("bytes_scanned"), bytes, QStringLiteral("bytes"));
    if (job.rowsScanned)
        finding.addEvidence(QStringLiteral("rows_scanned"), double(*job.rowsScanned), QStringLiteral("rows"));
    // Columnar scans read only the columns asked for; how many are unused is unknown here.
    finding.improvementMs = 0;
    finding.recommendation
        = QStringLiteral("List only the columns the consumer uses: columnar files then read only those.");
    finding.action = ActionKind::SqlRewrite;
    return {finding};
}

} // namespace dopt
