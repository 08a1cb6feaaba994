#pragma once
// An Iceberg partition-pruning workload for the fake Dremio, shared by the collector/analysis test and
// the CLI test. Synthetic (no public profile shows an Iceberg scan with or without pruning, see
// ../shared/data/dremio/PROVENANCE.md) but built from real material: every profile is the real 21.6
// sample profile with its query, text plan and operators rewritten at test time.

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace dopt::test {

class FakeDremioServer;

class IcebergPruningScenario
{
public:
    /// The table: daily partitions on order_date over five years, two data files each.
    static constexpr const char* Table = "lake.sales.orders";
    static constexpr int Partitions = 1826; // 2021-01-01 .. 2025-12-31
    static constexpr int FilesPerPartition = 2;
    static constexpr qint64 RecordsPerPartition = 20'000;
    static constexpr int Files = Partitions * FilesPerPartition;
    static constexpr int PartitionsOf2025 = 365;

    /// The scan operator of one profile: which query ran and what its Iceberg scan read.
    struct Scan
    {
        QString sql;
        QString filterCondition; // the FILTER operator's condition as Dremio prints it
        qint64 splits = 0; // splits=[N] of the TableFunction (data files after planning-time pruning)
        qint64 rowsRead = 0; // what the scan produced and the filter received
        qint64 rowsKept = 0; // what the filter passed on
        qint64 scanNs = 0; // scan processing time
        qint64 startMs = 0; // profile start (the history row's submitted time)
        qint64 durationMs = 0;
    };

    /// The real sample profile (profile_21.6_csv_agg_1.json) adapted to `scan`: query, text plan
    /// Screen ← Project ← HashAgg ← Filter ← TableFunction (jsonPlan dropped so the text plan is the
    /// one read), the operators of fragment 0 rebuilt from the sample's own operators, and the scan's
    /// NUM_DATA_FILE metric under the id the sample's operatorTypeMetricsMap gives it. Empty with *error
    /// when the sample is absent or not what it was.
    static QByteArray adaptedProfile(const QString& samplePath, const Scan& scan, QString* error);

    /// EXTRACT(YEAR FROM order_date) = 2025: the function hides the partition column, so the scan reads
    /// every partition and the filter above keeps 2025's fifth of the rows. Slow and frequent.
    static QString unprunedSql();
    /// order_date compared directly with a range and a residual condition on status: the scan reads the
    /// 365 partitions of 2025 only, and the filter above keeps the returned orders.
    static QString prunedSql();
    static QStringList unprunedJobIds();
    static QStringList prunedJobIds();
    /// The scans of the two queries: every split of the table, a fifth of the rows kept; and the 730
    /// splits of 2025's partitions, 5 % of the rows kept. startMs is left to the caller.
    static Scan unprunedScan();
    static Scan prunedScan();

    /// Loads the sample history into the server and adds the jobs of both queries with their adapted
    /// profiles, the table's data files (table_files) and partitions (table_partitions).
    static bool install(FakeDremioServer* server, QString* error);
};

} // namespace dopt::test
