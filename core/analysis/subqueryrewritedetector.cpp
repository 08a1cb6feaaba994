#include "subqueryrewritedetector.h"

#include "sql/sqlrewriter.h"
#include "sqlshape.h"

namespace dopt {

namespace {

// Below a second the rewrite is tidiness, not speed; from a minute on it matters.
constexpr double kMediumMs = 1000;
constexpr double kHighMs = 60000;
// Share of the run a rewrite is expected to save: NOT IN forces a null-aware anti-join (often a
// nested loop or a broadcast of the whole subquery); a correlated subquery may run per outer row.
constexpr double kNotInShare = 0.3;
constexpr double kScalarShare = 0.3;
constexpr double kCorrelatedInShare = 0.1;

const char* const ScalarSubqueryTitle
    = QT_TRANSLATE_NOOP("dopt::AnalysisText", "Correlated scalar subquery in the select list");

Severity severityFor(double durationMs)
{
    return durationMs >= kHighMs ? Severity::High : durationMs >= kMediumMs ? Severity::Medium : Severity::Low;
}

} // namespace

SqlDialect SubqueryRewriteDetector::dialectOf(const Job& job)
{
    return job.engine.startsWith(QLatin1String("postgres")) ? SqlDialect::Postgres : SqlDialect::Dremio;
}

QString SubqueryRewriteDetector::scalarSubqueryTitle()
{
    return QString::fromUtf8(ScalarSubqueryTitle);
}

AnalysisText SubqueryRewriteDetector::description() const
{
    return AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
        "NOT IN over a subquery, correlated IN or scalar subqueries that a rewrite serves better"));
}

QVector<Finding> SubqueryRewriteDetector::detect(const DetectorInput& input) const
{
    const QString& sql = input.job->sql;
    if (!SqlShape(sql).isQuery() || !sql.contains(QLatin1String("SELECT"), Qt::CaseInsensitive))
        return {};
    const double duration = jobDurationMs(input);
    auto finding
        = [&](double confidence, double share, const AnalysisText& title, const AnalysisText& advice, bool rewrite) {
              Finding f = makeFinding(input, severityFor(duration), confidence, title);
              f.addEvidence(QStringLiteral("duration"), duration, QStringLiteral("ms"));
              // A PostgreSQL statement: its rewrite is measured on PostgreSQL (the recommendation's engine).
              if (input.job->engine.startsWith(QLatin1String("postgres")))
                  f.addEvidence(QStringLiteral("engine_postgresql"), 1, QStringLiteral("flag"));
              f.improvementMs = qint64(duration * share);
              f.improvementShare = shareOf(double(f.improvementMs), input);
              f.setRecommendation(advice);
              f.action = rewrite ? ActionKind::SqlRewrite : ActionKind::Investigate;
              return f;
          };
    QVector<Finding> findings;
    if (SqlRewriter::hasNotInSubquery(sql)) {
        const bool rewritable = SqlRewriter::notInToNotExists(sql).has_value();
        findings.append(finding(rewritable ? 0.8 : 0.6, kNotInShare,
            AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "NOT IN over a subquery")),
            AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
                "Rewrite NOT IN (subquery) as NOT EXISTS: NOT IN must handle NULLs (a null-aware "
                "anti-join) and returns nothing once the subquery yields a NULL.")),
            rewritable));
    } else if (SqlRewriter::correlatedInToExists(sql)) {
        findings.append(finding(0.5, kCorrelatedInShare,
            AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "Correlated IN (subquery)")),
            AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
                "The IN subquery is already correlated with the outer query: one EXISTS expresses "
                "both conditions and is decorrelated once.")),
            true));
    }
    if (SqlRewriter::hasCorrelatedScalarSubquery(sql)) {
        AnalysisText declined;
        const bool rewritable = SqlRewriter::correlatedScalarToJoin(sql, dialectOf(*input.job), &declined).has_value();
        AnalysisText advice(QT_TRANSLATE_NOOP("dopt::AnalysisText",
            "Compute the subquery once with GROUP BY and LEFT JOIN it, instead of evaluating it per outer row."));
        // Why the advice comes without a rewrite: the shape a join would not reproduce exactly.
        if (!rewritable && !declined.isEmpty())
            advice.append(AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "No exact rewrite: %1.")).arg(declined));
        findings.append(
            finding(rewritable ? 0.7 : 0.6, kScalarShare, AnalysisText(ScalarSubqueryTitle), advice, rewritable));
    }
    return findings;
}

} // namespace dopt
