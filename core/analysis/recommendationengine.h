#pragma once

#include "baseline.h"
#include "detectorinput.h"
#include "finding.h"
#include "recommendation.h"

namespace dopt {

/// Turns merged findings into ranked recommendations with an action:
/// - SQL rewrites (subquery_rewrite, non_sargable, partition_pruning, unbounded_result) with the
///   before/after text from SqlRewriter (the "after" parses wherever the "before" does);
/// - create reflection (reflection_missing) with a definition from ReflectionPlanner and its
///   CREATE as apply, DROP as undo; drop reflection (reflection_unused);
/// - OPTIMIZE TABLE for small files; the finding's own action otherwise.
/// Score = confidence x estimated improvement x urgency, that is confidence x improvement share of a
/// run x (runs x cost per run), in seconds saved over the window (the finding's summed saving when it
/// has no per-run share). Recommendations with the same key merge; at most maxPerFingerprint per
/// fingerprint are kept (the best scores); the result is ordered by score, ranks 1..n.
class RecommendationEngine
{
public:
    struct Options
    {
        int maxPerFingerprint = 3;
        int limitRows = 10000; // the LIMIT proposed for unbounded results
        qint64 workMemCapKb = 1024 * 1024; // the largest work_mem proposed for one statement (1 GB)
    };

    static QVector<Recommendation> build(const QVector<Finding>& findings, const QVector<Baseline>& baselines,
        const WorkspaceFacts& facts, const Options& options);
    static QVector<Recommendation> build(
        const QVector<Finding>& findings, const QVector<Baseline>& baselines, const WorkspaceFacts& facts)
    {
        return build(findings, baselines, facts, Options {});
    }
    /// The detectors whose findings this engine turns into recommendations (the scope its results
    /// replace in the store).
    static QStringList producedDetectors();
};

} // namespace dopt
