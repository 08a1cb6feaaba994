#pragma once

#include <QMap>
#include <QString>
#include <QVector>

namespace dopt {

/// Minimum, average and maximum of one figure over the threads (minor fragments) running an operator.
struct ThreadSpread
{
    double min = 0;
    double avg = 0;
    double max = 0;
};

/// One operator of an engine-neutral plan tree, aggregated over all threads that ran it.
/// Counts are -1 when the source does not report them.
struct PlanNode
{
    int index = -1; // position in PlanTree::nodes
    int parent = -1; // index of the consumer, -1 for a root
    QVector<int> children; // producers; for joins: probe first, then build
    QString key; // "00-03" = major fragment 00, operator 03 (Dremio); node path for other engines
    int majorFragment = -1;
    int operatorId = -1;
    int operatorType = -1; // engine code (Dremio CoreOperatorType)
    QString typeName; // HASH_JOIN, TABLE_FUNCTION, "Seq Scan"...
    QString detail; // table name, join condition, filter: what the plan says about the operator
    // Every attribute the plan gives the operator, in plan order: table, columns, splits, filters,
    // condition, joinType, group, aggs... (Dremio: the text plan's name=[value] or jsonPlan's values).
    QVector<QPair<QString, QString>> attributes;
    qint64 inputRecords = -1; // sum over inputs and threads
    qint64 inputBytes = -1;
    QVector<qint64> inputRecordsPerInput; // per input index (HASH_JOIN: 0 probe, 1 build)
    qint64 outputRecords = -1;
    qint64 outputBytes = -1;
    qint64 setupNs = 0; // sums over threads
    qint64 processNs = 0;
    qint64 waitNs = 0;
    qint64 peakMemoryBytes = 0; // max over threads
    qint64 spilledBytes = 0;
    int threadCount = 0;
    ThreadSpread processNsSpread; // per-thread process time
    ThreadSpread recordsSpread; // per-thread input records
    double estimatedRows = -1; // planner estimate (jsonPlan rowCount)
    QMap<QString, qint64> metrics; // by metric name, aggregated over threads (sum or max as the profile defines)
    bool skewed = false; // Dremio's rule: > 3 threads, > 1 s processing, > 75% of threads below average

    qint64 totalNs() const { return setupNs + processNs + waitNs; }
};

} // namespace dopt
