#pragma once

#include "baseline.h"
#include "finding.h"

#include <QSqlDatabase>

namespace dopt {

/// Reads and writes the analysis results (findings and baselines tables, migration 0004) on the
/// connection it is given. Each write replaces the previous analysis completely in one transaction.
class AnalysisStore
{
public:
    explicit AnalysisStore(QSqlDatabase db)
        : m_db(std::move(db))
    { }

    /// Writes join the transaction the caller opened on this connection: the caller commits or rolls
    /// back (so an analysis can replace findings and recommendations together).
    void useCallerTransaction() { m_callerTransaction = true; }

    /// Replaces all findings and baselines. False with *error (and nothing changed) on failure.
    bool replace(const QVector<Finding>& findings, const QVector<Baseline>& baselines, QString* error);
    /// The same with the findings about the workspace as a whole (scope 'workspace') apart from those
    /// about jobs (scope 'job'), so that an incremental analysis can later replace them separately.
    bool replace(const QVector<Finding>& jobFindings, const QVector<Finding>& workspaceFindings,
        const QVector<Baseline>& baselines, QString* error);
    /// Incremental analysis: replaces the job findings and baselines of the given fingerprints only
    /// (those of other fingerprints stay as they are) and every workspace finding.
    bool replaceShapes(const QStringList& fingerprints, const QVector<Finding>& jobFindings,
        const QVector<Finding>& workspaceFindings, const QVector<Baseline>& baselines, QString* error);
    /// Findings about jobs only (scope 'job'), in the order of findings().
    QVector<Finding> jobFindings(QString* error = nullptr);
    /// Findings ordered by severity (worst first), then estimated improvement; only one detector's
    /// when detectorId is not empty. *error is set when the read fails.
    QVector<Finding> findings(const QString& detectorId = {}, QString* error = nullptr);
    /// Findings about one query shape (all jobs of the fingerprint), in the same order.
    QVector<Finding> findingsForFingerprint(const QString& fingerprint, QString* error = nullptr);
    /// Baselines ordered by run count (most frequent fingerprints first).
    QVector<Baseline> baselines(QString* error = nullptr);
    /// The worst severity among the stored findings; nullopt when there are none.
    std::optional<Severity> highestSeverity(QString* error = nullptr);

private:
    QVector<Finding> select(const QString& column, const QString& value, QString* error);
    // Deletes (all when fingerprints is null) and inserts inside the caller's or an own transaction.
    bool write(const QStringList* fingerprints, const QVector<Finding>& jobFindings,
        const QVector<Finding>& workspaceFindings, const QVector<Baseline>& baselines, QString* error);

    QSqlDatabase m_db;
    bool m_callerTransaction = false;
};

} // namespace dopt
