#pragma once

#include "baseline.h"
#include "model/job.h"
#include "model/plantree.h"

#include <QHash>
#include <QStringList>

namespace dopt {

/// A burst of one fingerprint: the densest short window of its runs (for n_plus_one).
struct RunBurst
{
    int runs = 0; // runs inside the window
    qint64 startMs = 0;
    qint64 endMs = 0;
    double medianRowsReturned = -1; // -1 when the runs do not report rows
    double topUserShare = 0; // share of the burst's runs submitted by its most frequent user
    QString topUser;
};

/// What the workspace knows about a job's fingerprint beyond the job itself.
struct FingerprintContext
{
    int runCount = 0; // all runs of the fingerprint in the workspace
    std::optional<Baseline> baseline;
    RunBurst burst;
};

/// One reflection as collected (reflections table) with how jobs in the workspace used it
/// (job_reflections): the input of reflection_unused.
struct ReflectionUsage
{
    QString reflectionId;
    QString name;
    QString type; // RAW, AGGREGATION
    QString datasetPath;
    QString status;
    qint64 consideredCount = -1; // Dremio's own counters, -1 when unknown
    qint64 matchedCount = -1;
    qint64 chosenCount = -1;
    qint64 footprintBytes = -1;
    qint64 lastRefreshDurationMs = -1;
    int jobsConsidered = 0; // jobs in the workspace with this relationship
    int jobsMatched = 0;
    int jobsChosen = 0;
};

/// Iceberg file statistics of one table (collected with TABLE(table_files(...))) and how much of the
/// analysed history read it.
struct TableFileFacts
{
    QString datasetPath;
    qint64 fileCount = 0;
    qint64 smallFiles = 0; // files under smallThresholdBytes
    qint64 smallThresholdBytes = 0;
    qint64 totalBytes = 0;
    int jobsReading = 0; // analysed jobs whose dataset list names the table
    qint64 msReading = 0; // their summed duration
};

/// Iceberg partition statistics of one table (collected with TABLE(table_partitions(...))).
struct TablePartitionFacts
{
    QString datasetPath;
    QStringList partitionColumns; // empty: not partitioned
    qint64 partitionCount = 0;
    qint64 recordCount = 0;
    qint64 fileCount = 0;
    qint64 largestPartitionRecords = 0;

    bool partitioned() const { return !partitionColumns.isEmpty() && partitionCount > 0; }
    /// Records of the largest partition over the mean (1 = even).
    double skew() const
    {
        return recordCount > 0 && partitionCount > 0 ? double(largestPartitionRecords) * partitionCount / recordCount
                                                     : 0;
    }
};

/// What the workspace holds as a whole, for detectors whose findings are not about one job.
struct WorkspaceFacts
{
    int jobs = 0; // jobs analysed
    int jobsWithAcceleration = 0; // jobs with any reflection relationship (the window saw reflections at work)
    qint64 windowStartMs = 0; // first and last submission time of the jobs analysed
    qint64 windowEndMs = 0;
    QVector<ReflectionUsage> reflections;
    QVector<TableFileFacts> tableFiles;
    QVector<TablePartitionFacts> tablePartitions;
    QHash<QString, int> datasetFieldCounts; // dataset path (lower case) → fields in its catalog entry
    // Per fingerprint, the summed duration of its completed jobs: what a shape really costs (a
    // median times the run count understates skewed shapes, whose savings are estimated per job).
    QHash<QString, qint64> completedDurationMs;

    /// The partition statistics of a table named as in a plan or the history ("a.b.c", "[a, b, c]",
    /// quoted or not, any case); null when none were collected.
    const TablePartitionFacts* partitionsOf(const QString& table) const;
    /// The catalog field count of a dataset, -1 when unknown.
    int fieldCountOf(const QString& dataset) const;
    /// The comparable form of a table name used by partitionsOf() and fieldCountOf().
    static QString normalizedTable(const QString& table);

    // PostgreSQL settings from the last catalog collection (pg_settings); -1 / 0 when never collected.
    qint64 postgresWorkMemKb = -1;
    double postgresHashMemMultiplier = 0;
    // PostgreSQL partitioning from the collected catalog (pg_inherits), names "schema.table" in lower case:
    // each partition's parent, and each partitioned table's number of partitions.
    QHash<QString, QString> postgresPartitionParents;
    QHash<QString, int> postgresPartitionCounts;
};

/// Everything a detector may look at for one job. Pointers stay owned by the caller and are never
/// null (an absent profile is an empty tree, an unknown fingerprint an empty context).
struct DetectorInput
{
    const Job* job = nullptr;
    const PlanTree* tree = nullptr;
    QString fingerprint;
    const FingerprintContext* context = nullptr;
    /// Catalog and Iceberg facts the analysis read before the jobs; may be null (detectors then
    /// work from the job alone).
    const WorkspaceFacts* workspace = nullptr;
};

} // namespace dopt
