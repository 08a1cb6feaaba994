#pragma once

#include "analysis/recommendation.h"

#include <QHash>
#include <QSqlDatabase>
#include <QStringList>
#include <QVector>
#include <vector>

namespace dopt {

class RuntimeModel;
struct FeatureSet;

/// "What if" estimates of a recommendation's saving with the active run-time model: the
/// fingerprint's recent jobs are predicted as they ran and with the fix's effect on their features
/// (reflection: an accelerated run reading a tenth; partition filter, select *, small files: the
/// detector's read fraction of bytes/rows/splits; LIMIT: rows returned capped; PostgreSQL missing
/// index: the planner cost the hypothetical index gives, the table's rows scanned replaced by the
/// rows its filter keeps, only for runs with plan figures). Both predictions drop
/// the fingerprint's own history features, which would otherwise pin the prediction to the past.
/// The predicted share saved replaces the detector's fixed share in the score
/// (confidence x share x cost of the runs); recommendations the model cannot express keep their
/// fixed share and say so in definition.estimate.
class WhatIfEstimator
{
public:
    struct Estimate
    {
        bool byModel = false;
        double share = 0; // predicted saving as a share of a run
        double savingPerRunMs = 0; // share x the fingerprint's median run
        int jobs = 0; // jobs the estimate averaged over
    };

    static constexpr int JobsPerRecommendation = 20;

    /// Re-estimates and re-scores every recommendation (ranks follow the scores in the store). No
    /// model: each one is marked "fixed_share" and its score is unchanged. False only on a database
    /// error.
    static bool apply(QSqlDatabase db, QVector<Recommendation>* recommendations, QString* error);
    /// The same with a model and its features already at hand. jobsOfStatement: per recommendation
    /// key, the jobs of a PostgreSQL statement (its libpg_query fingerprint is not the one the
    /// features group jobs by), most recent first.
    static void apply(const RuntimeModel& model, const FeatureSet& features, QVector<Recommendation>* recommendations,
        const QHash<QString, QStringList>& jobsOfStatement = {});
    /// The most recent jobs of each PostgreSQL recommendation's statement (pg_job_details), by key.
    static QHash<QString, QStringList> postgresStatementJobs(
        QSqlDatabase db, const QVector<Recommendation>& recommendations);
    /// The fix's effect on one feature row (vector order of `names`); false when the model's features
    /// cannot express this kind of fix.
    static bool applyEffect(const Recommendation& recommendation, const QStringList& names, double* row);
    /// Whether a job's row has the figures the fix changes (a missing index needs the plan's cost:
    /// a PostgreSQL execution logged without its auto_explain plan has none, so predicting it
    /// "with the index" would change nothing and say the index saves nothing).
    static bool hasFiguresFor(const Recommendation& recommendation, const QStringList& names, const double* row);
};

} // namespace dopt
