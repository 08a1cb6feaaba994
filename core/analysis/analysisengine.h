#pragma once

#include "baselinecalculator.h"
#include "finding.h"

#include <QMap>
#include <QStringList>
#include <atomic>
#include <functional>

namespace dopt {

class Workspace;

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
};

/// Turns a workspace's history and profiles into findings and baselines: reads the jobs in pages on
/// the calling thread's connection, fingerprints their SQL, computes baselines and regressions per
/// fingerprint, runs every detector on every job (with its plan tree when it has a profile), merges
/// the findings of one fingerprint and replaces the stored results in one transaction; then turns
/// the findings into ranked recommendations (RecommendationEngine) and stores them by key
/// (RecommendationStore), keeping the status of those seen before.
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
    bool cancelled() const { return m_cancelled && m_cancelled->load(); }

    Workspace& m_workspace;
    Options m_options;
    Progress m_progress;
    const std::atomic_bool* m_cancelled = nullptr;
};

} // namespace dopt
