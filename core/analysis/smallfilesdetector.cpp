#include "smallfilesdetector.h"

#include <algorithm>
#include <cmath>

namespace dopt {

namespace {

// Dremio's OPTIMIZE targets 512 MB files; 2 MiB read per file is under 0.4 % of that, far enough
// below that column projection (which cuts bytes read per file a few times) cannot explain it.
constexpr double kSmallFileBytes = 2.0 * 1024 * 1024;
// Thousands of files before the per-file overhead (open, footer read, split planning, several ms
// each) adds up to tens of seconds of thread time; fewer small files are cheap enough.
constexpr qint64 kMinScannedFiles = 2000;
// A writer producing 16+ tiny files per run fragments its table a little more every run.
constexpr qint64 kMinWrittenFiles = 16;
// Ten thousand small files read in one query: high severity.
constexpr qint64 kHighScannedFiles = 10000;
// Per-file overhead of a scan (open, footer, split bookkeeping).
constexpr double kPerFileOverheadMs = 5.0;

bool isWriter(const QString& type)
{
    return type.endsWith(QLatin1String("_WRITER")) && type != QLatin1String("MANIFEST_WRITER")
        && type != QLatin1String("ICEBERG_MANIFEST_WRITER");
}

qint64 metric(const PlanNode& node, const char* name)
{
    return node.metrics.value(QLatin1String(name), -1);
}

} // namespace

AnalysisText SmallFilesDetector::description() const
{
    return AnalysisText(
        QT_TRANSLATE_NOOP("dopt::AnalysisText", "Many files far under the target file size (scanned or written)"));
}

QVector<Finding> SmallFilesDetector::detect(const DetectorInput& input) const
{
    // OPTIMIZE already bin-packs to the target size: small output files mean a small partition, and
    // recommending OPTIMIZE for OPTIMIZE would be circular.
    const bool optimizeStatement = input.job->sql.trimmed().startsWith(QLatin1String("OPTIMIZE"), Qt::CaseInsensitive);
    QVector<Finding> findings;
    for (const PlanNode& node : input.tree->nodes) {
        const qint64 scanned = metric(node, "NUM_DATA_FILE");
        qint64 bytesRead = metric(node, "TOTAL_BYTES_READ");
        if (bytesRead < 0)
            bytesRead = metric(node, "PARQUET_BYTES_READ");
        if (scanned >= kMinScannedFiles && bytesRead >= 0) {
            const double perFile = double(bytesRead) / double(scanned);
            if (perFile >= kSmallFileBytes)
                continue;
            const QString table = scannedTable(node.detail);
            Finding finding = makeFinding(input, scanned >= kHighScannedFiles ? Severity::High : Severity::Medium, 0.7,
                AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "Scan %1 read %2 files of %3 KiB on average"))
                    .arg(node.key)
                    .argInteger(scanned)
                    .argNumber(perFile / 1024, 'f', 0));
            finding.operatorKey = node.key;
            finding.addEvidence(QStringLiteral("files_read"), double(scanned), QStringLiteral("files"));
            finding.addEvidence(QStringLiteral("bytes_read"), double(bytesRead), QStringLiteral("bytes"));
            finding.addEvidence(QStringLiteral("bytes_per_file"), perFile, QStringLiteral("bytes"));
            finding.addEvidence(QStringLiteral("threads"), node.threadCount, QStringLiteral("threads"));
            const double overhead = kPerFileOverheadMs * double(scanned) / double(std::max(1, node.threadCount));
            finding.improvementMs = qint64(std::min(wallMs(node), overhead));
            finding.improvementShare = shareOf(double(finding.improvementMs), input);
            // The statement itself stays SQL in every language (the recommendation engine reads the table from it).
            finding.setRecommendation(table.isEmpty()
                    ? AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
                        "Compact the table's data files (OPTIMIZE TABLE ... REWRITE DATA USING BIN_PACK)."))
                    : AnalysisText::verbatim(
                        QStringLiteral("OPTIMIZE TABLE %1 REWRITE DATA USING BIN_PACK").arg(table)));
            finding.action = ActionKind::OptimizeTable;
            findings.append(finding);
        } else if (isWriter(node.typeName) && !optimizeStatement) {
            const qint64 written = metric(node, "NUM_FILES_WRITTEN");
            const qint64 average = metric(node, "AVG_FILE_SIZE");
            if (written < kMinWrittenFiles || average < 0 || double(average) >= kSmallFileBytes)
                continue;
            Finding finding = makeFinding(input, Severity::Medium, 0.75,
                AnalysisText(
                    QT_TRANSLATE_NOOP("dopt::AnalysisText", "Writer %1 produced %2 files of %3 KiB on average"))
                    .arg(node.key)
                    .argInteger(written)
                    .argNumber(double(average) / 1024, 'f', 0));
            finding.operatorKey = node.key;
            finding.addEvidence(QStringLiteral("files_written"), double(written), QStringLiteral("files"));
            finding.addEvidence(QStringLiteral("average_file_size"), double(average), QStringLiteral("bytes"));
            finding.improvementMs = 0; // the cost is paid by the later readers of the table
            finding.setRecommendation(AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
                "Write fewer, larger files (fewer writer threads or a coarser partitioning), and compact the "
                "target with OPTIMIZE TABLE after the load.")));
            finding.action = ActionKind::OptimizeTable;
            findings.append(finding);
        }
    }
    return findings;
}

QVector<Finding> SmallFilesDetector::detectWorkspace(const WorkspaceFacts& facts) const
{
    // From the table's own file list: worth compacting when most files are under OPTIMIZE's minimum
    // size, there are enough of them for the per-file overhead to matter, and the history reads it.
    constexpr qint64 kMinSmallFiles = 200;
    constexpr double kMinSmallShare = 0.5;
    constexpr double kTargetFileBytes = 512.0 * 1024 * 1024;
    constexpr double kAssumedScanThreads = 8; // files are opened in parallel: wall time is a fraction
    QVector<Finding> findings;
    for (const TableFileFacts& table : facts.tableFiles) {
        if (table.fileCount <= 0 || table.smallFiles < kMinSmallFiles || table.jobsReading == 0
            || double(table.smallFiles) / double(table.fileCount) < kMinSmallShare)
            continue;
        const qint64 filesAfter = qMax<qint64>(1, qint64(std::ceil(double(table.totalBytes) / kTargetFileBytes)));
        const qint64 filesSaved = qMax<qint64>(0, table.fileCount - filesAfter);
        Finding finding;
        finding.detectorId = id();
        finding.severity = table.smallFiles >= kHighScannedFiles ? Severity::High : Severity::Medium;
        finding.confidence = 0.7;
        finding.setTitle(
            AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "Table %1 has %2 of its %3 files under %4 MiB"))
                .arg(table.datasetPath)
                .argInteger(table.smallFiles)
                .argInteger(table.fileCount)
                .argInteger(table.smallThresholdBytes / (1024 * 1024)));
        finding.addEvidence(QStringLiteral("files"), double(table.fileCount), QStringLiteral("files"));
        finding.addEvidence(QStringLiteral("small_files"), double(table.smallFiles), QStringLiteral("files"));
        finding.addEvidence(QStringLiteral("average_file_size"), double(table.totalBytes) / double(table.fileCount),
            QStringLiteral("bytes"));
        finding.addEvidence(QStringLiteral("files_after_compaction"), double(filesAfter), QStringLiteral("files"));
        finding.addEvidence(QStringLiteral("jobs_reading"), double(table.jobsReading), QStringLiteral("jobs"));
        // Every read pays the per-file overhead of the files compaction removes; never more than half
        // of what those reads took.
        const double saving = double(table.jobsReading) * double(filesSaved) * kPerFileOverheadMs / kAssumedScanThreads;
        finding.improvementMs = qint64(std::min(saving, 0.5 * double(table.msReading)));
        finding.improvementShare
            = table.msReading > 0 ? std::clamp(double(finding.improvementMs) / double(table.msReading), 0.0, 1.0) : 0;
        finding.occurrences = table.jobsReading;
        finding.setRecommendation(AnalysisText::verbatim(
            QStringLiteral("OPTIMIZE TABLE %1 REWRITE DATA USING BIN_PACK").arg(table.datasetPath)));
        finding.action = ActionKind::OptimizeTable;
        findings.append(finding);
    }
    return findings;
}

} // namespace dopt
