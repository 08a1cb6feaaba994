#pragma once

#include "baseline.h"
#include "model/job.h"
#include "model/plantree.h"

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

/// Everything a detector may look at for one job. Pointers stay owned by the caller and are never
/// null (an absent profile is an empty tree, an unknown fingerprint an empty context).
struct DetectorInput
{
    const Job* job = nullptr;
    const PlanTree* tree = nullptr;
    QString fingerprint;
    const FingerprintContext* context = nullptr;
};

} // namespace dopt
