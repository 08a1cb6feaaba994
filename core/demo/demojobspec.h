#pragma once

#include "model/job.h"

namespace dopt {

/// Everything the demo generator decided about one run: the history record (what sys.jobs_recent
/// would show) and the execution details its profile is written from.
struct DemoJobSpec
{
    int index = 0; // position in submission order
    int shape = 0; // index into DemoQueryShapes::shapes()
    int day = 0; // day index from the first day of the range
    qint64 part1 = 0; // QueryId halves; the low byte of part2 is the attempt
    qint64 part2 = 0;
    Job job;

    // Phases (ms) between submission and the end.
    qint64 planningMs = 0;
    qint64 queuedMs = 0;
    qint64 engineStartMs = 0;
    qint64 executionPlanningMs = 0;
    qint64 runningMs = 0;
    bool failedInPlanning = false;

    // Execution shape.
    int threads = 1; // parallelism of the scan and join fragments
    int executors = 1;
    qint64 dataFiles = 0; // Iceberg data files read
    qint64 manifests = 1;
    int partitionsScanned = 1;
    int partitionsTotal = 1;
    bool partitionFiltered = true;
    qint64 buildRows = 0; // rows of the joined (build) side
    double skewShare = 0; // share of the hottest thread in the join fragment (0 = even)
    double fanOut = 0;
    qint64 spilledBytes = 0;
    qint64 filesWritten = 0; // CTAS / INSERT writers
    qint64 bytesWritten = 0;
    QString reflectionId; // considered reflection, empty when none
    QString reflectionName;
    bool reflectionMatched = false;
    bool reflectionChosen = false;
    quint64 seed = 0; // randomness reserved for the profile's details

    /// Phase boundaries in Dremio's order (stateList): pending, metadata, planning, engine start,
    /// queued, execution planning, starting, running.
    qint64 submittedMs() const { return job.submittedMs.value_or(0); }
    qint64 planningStartMs() const { return submittedMs() + 2; }
    qint64 planningEndMs() const { return planningStartMs() + planningMs; }
    qint64 queuedStartMs() const { return planningEndMs() + engineStartMs; }
    qint64 executionPlanningStartMs() const { return queuedStartMs() + queuedMs; }
    qint64 startingMs() const { return executionPlanningStartMs() + executionPlanningMs; }
    qint64 runningStartMs() const { return startingMs() + 3; }
};

} // namespace dopt
