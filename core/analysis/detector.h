#pragma once

#include "detectorinput.h"
#include "finding.h"

namespace dopt {

/// One kind of problem. detect() is a pure function of its input: no I/O, no state, safe to call
/// from any thread. Ids are stable (stored with findings, used by `findings --detector`).
class Detector
{
public:
    virtual ~Detector() = default;
    virtual QString id() const = 0;
    /// One line for listings and help texts: English through toString() (CLI, JSON), translated in the
    /// GUI and report (CoreTexts::detectorDescription).
    virtual AnalysisText description() const = 0;
    virtual QVector<Finding> detect(const DetectorInput& input) const = 0;
    /// Findings about the workspace as a whole (not one job), called once per analysis after the jobs.
    virtual QVector<Finding> detectWorkspace(const WorkspaceFacts& facts) const
    {
        Q_UNUSED(facts);
        return {};
    }

protected:
    /// A finding prefilled with the detector id and the job's fingerprint, id and SQL.
    Finding makeFinding(
        const DetectorInput& input, Severity severity, double confidence, const AnalysisText& title) const;
    /// The job's duration in ms, or the tree's summed processing time when the job has none; 0 if neither.
    static double jobDurationMs(const DetectorInput& input);
    /// The node's share of the tree's summed processing time (0 when the tree has none).
    static double processShare(const PlanTree& tree, const PlanNode& node);
    /// The node's processing time per thread in ms: what it adds to the wall clock when threads run in parallel.
    static double wallMs(const PlanNode& node);
    /// The table a scan node reads: "TableFunction table=lake.web.events condition=..." (the parser's
    /// detail) or "table=[x], ..." (plan text); empty when the detail names none.
    static QString scannedTable(const QString& detail);
    /// improvementMs / job duration, clamped to 0..1.
    static double shareOf(double improvementMs, const DetectorInput& input);
};

} // namespace dopt
