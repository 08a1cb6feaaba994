#pragma once

#include "baselinecalculator.h"
#include "finding.h"

#include <QMap>
#include <QStringList>
#include <atomic>
#include <functional>
#include <vector>

namespace dopt {

class Detector;
class Workspace;
struct JobQuery;
struct JobRow;
struct WorkspaceFacts;

/// What one analysis run did.
struct AnalysisSummary
{
    int jobsAnalysed = 0;
    int profilesAnalysed = 0;
    int fingerprints = 0; // distinct statement shapes
    int baselines = 0; // fingerprints with enough runs for a baseline
    int regressions = 0;
    int findings = 0; // after merging per fingerprint
    int recommendations = 0; // produced by this run (stored ones kept as applied/kept are not counted)
    QMap<QString, int> findingsPerDetector;
    QMap<Severity, int> findingsPerSeverity;
    int profileErrors = 0; // profiles that could not be loaded (analysed without their tree)
    QStringList warnings; // the first few profile errors, one line each
    // Incremental runs re-read only the jobs added or changed since the last analysis and the shapes
    // they belong to; jobsAnalysed then counts the jobs of those shapes.
    bool incremental = false;
    int newJobs = 0; // jobs added or changed since the last analysis (all jobs in a full run)
    int fingerprintsRecomputed = 0; // shapes whose baseline and findings were recomputed
    QString fullReason; // why a full run was needed (empty for incremental runs)
};

/// Turns a workspace's history and profiles into findings and baselines: reads the jobs in pages on
/// the calling thread's connection, fingerprints their SQL, computes baselines and regressions per
/// fingerprint, runs every detector on every job (with its plan tree when it has a profile), merges
/// the findings of one fingerprint and replaces the stored results in one transaction; then turns
/// the findings into ranked recommendations (RecommendationEngine) and stores them by key
/// (RecommendationStore), keeping the status of those seen before.
///
/// Incremental by default: after a first analysis, a run reads the jobs added since (the watermark
/// in analysis_state), the jobs changed since and those with new profiles, and recomputes only the
/// fingerprints they belong to (all their runs: baselines and bursts are about the whole shape); the
/// findings and baselines of other fingerprints stay. Each job's fingerprint is cached
/// (job_fingerprints), so even a full run fingerprints only new jobs. A full run happens when there is
/// no watermark, jobs were deleted, the options or the catalog facts the detectors use changed, or
/// the changed shapes hold more than Options::maxIncrementalShare of the jobs.
class AnalysisEngine
{
public:
    struct Options
    {
        BaselineCalculator::Options baseline;
        // n_plus_one looks for the densest window of this length per fingerprint.
        qint64 burstWindowMs = 10 * 60 * 1000;
        int pageSize = 2000;
        int maxExampleJobs = 5;
        QStringList detectorIds; // empty = all registered detectors
        bool incremental = true; // false: always a full run
        // Above this share of the jobs in changed shapes, one full pass is cheaper than many lookups.
        double maxIncrementalShare = 0.5;
    };
    using Progress = std::function<void(int done, int total, const QString& message)>;

    explicit AnalysisEngine(Workspace& workspace)
        : m_workspace(workspace)
    { }

    void setOptions(const Options& options) { m_options = options; }
    void setProgress(Progress progress) { m_progress = std::move(progress); }
    void setCancelFlag(const std::atomic_bool* cancelled) { m_cancelled = cancelled; }

    /// Runs the analysis. False with a one-line *error on failure or cancel (stored results unchanged).
    bool run(AnalysisSummary* summary, QString* error);

    /// Merges findings of the same detector, fingerprint and operator: one finding with the worst
    /// occurrence's figures, the occurrences counted, improvements summed and up to maxExamples job ids.
    /// Findings without a fingerprint are never merged. Result ordered worst first.
    static QVector<Finding> merge(const QVector<Finding>& findings, int maxExamples);

private:
    struct Pass;
    struct Outcome;
    bool cancelled() const { return m_cancelled && m_cancelled->load(); }
    /// Fingerprints, baselines and detectors over the jobs `query` selects, in submission order.
    bool analyseJobs(Pass& pass, const JobQuery& query, Outcome* outcome, QString* error);
    /// Streams the jobs of `query` page by page to visit(); false on a read error or cancel.
    bool forEachJob(
        const JobQuery& query, const QString& phase, const std::function<void(const JobRow&)>& visit, QString* error);
    /// The signature of everything besides the jobs that per-job findings depend on.
    QString settingsSignature(const WorkspaceFacts& facts) const;

    Workspace& m_workspace;
    Options m_options;
    Progress m_progress;
    const std::atomic_bool* m_cancelled = nullptr;
    // State of the run in progress.
    std::vector<const Detector*> m_detectors;
    const WorkspaceFacts* m_facts = nullptr;
    int m_progressDone = 0;
    int m_progressTotal = 0;
};

} // namespace dopt
