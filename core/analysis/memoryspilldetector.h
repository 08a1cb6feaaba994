#pragma once

#include "detector.h"

namespace dopt {

/// memory_spill: a sort, aggregate or join that spilled to disk because its memory did not suffice.
///
/// PostgreSQL plans (EXPLAIN ANALYZE) give one finding per statement: external sorts ("Sort Space
/// Type: Disk"), hashes with more than one batch, hash aggregates with "Disk Usage", and any other node
/// writing temp blocks of its own (Materialize, WindowAgg...). The evidence says how much memory they
/// would have needed: sort_memory_needed_kb (bounded by work_mem) and hash_memory_needed_kb (bounded
/// by work_mem x hash_mem_multiplier), from which the recommendation computes a work_mem value.
class MemorySpillDetector : public Detector
{
public:
    QString id() const override { return QStringLiteral("memory_spill"); }
    AnalysisText description() const override;
    QVector<Finding> detect(const DetectorInput& input) const override;

    /// An in-memory sort takes about this much more room than its external sort wrote to disk
    /// (tuple headers and the sort array: 100,000 md5 texts wrote 4,272 kB and sorted in 10,885 kB of
    /// memory on PostgreSQL 15; tst_pgworkmem checks the resulting value on a real server).
    static constexpr double SortMemoryPerDiskKb = 3.0;
    /// A hash aggregate's spilled groups take about this much more room in its hash table.
    static constexpr double HashAggMemoryPerDiskKb = 2.0;

private:
    QVector<Finding> detectPostgres(const DetectorInput& input) const;
};

} // namespace dopt
