#pragma once

#include "measure/measurementstatistics.h"

#include <QStringList>
#include <optional>

namespace dopt {

struct Recommendation;

/// What to apply, what to measure and how: the input of PostgresMeasurer and of the "Apply &
/// measure" dialog (show describe() to the user before anything runs).
///
/// How each kind is measured with interleaved before/after runs (ABAB) on one server:
/// - create_index: the index is created (CREATE INDEX CONCURRENTLY) first; a "before" run drops it
///   inside a transaction that is rolled back, so the planner cannot use it; "after" runs see it.
/// - drop_index: "after" runs drop the index inside a rolled-back transaction; the real DROP INDEX
///   CONCURRENTLY happens only when the change is kept.
/// - parameter_change: "after" runs SET LOCAL the settings; nothing persists.
/// - sql_rewrite: sqlBefore and sqlAfter alternate; their results must match (row count and an
///   order-independent checksum) or the verdict is "invalid".
/// Dropping an index in a rolled-back transaction holds an ACCESS EXCLUSIVE lock on its table for the
/// run; lockTimeoutMs bounds the wait for it.
struct MeasurementRequest
{
    enum class Kind { CreateIndex, DropIndex, ParameterChange, SqlRewrite };

    Kind kind = Kind::CreateIndex;
    qint64 recommendationId = 0; // 0 when not from a stored recommendation
    QString url; // postgresql://user@host:port/db?sslmode=...; the password comes from PGPASSWORD or ~/.pgpass
    QStringList applyStatements;
    QStringList undoStatements;
    QString indexName; // create_index, drop_index: the index toggled in the rolled-back transactions
    QString sqlBefore; // the measured statement (read-only SELECT)
    QString sqlAfter; // sql_rewrite: the rewritten statement; otherwise empty (= sqlBefore)
    QStringList settings; // parameter_change: "work_mem = '64MB'" for the after runs
    int runs = 10; // measured runs per variant
    int warmupRuns = 2; // per variant, not counted
    int statementTimeoutMs = 60000; // per run
    int lockTimeoutMs = 2000;
    bool keep = false; // leave the change in place after a completed measurement (measure --apply); a failed or
                       // cancelled one is always undone
    double predictedImprovementShare = -1; // from the recommendation; -1 unknown
    MeasurementStatistics::Options statistics;

    QString afterSql() const { return sqlAfter.isEmpty() ? sqlBefore : sqlAfter; }
    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString& name);

    /// Checks the statements before anything runs: read-only measured SQL, an index name for index
    /// kinds, settings for parameter changes, runs >= 2. False with the reason in *error.
    bool validate(QString* error) const;
    /// The exact statements, one per line with a heading, for the confirmation prompt.
    QString describe() const;
    /// From a stored PostgreSQL recommendation (create_index, drop_index, parameter_change,
    /// sql_rewrite); nullopt with *error for other actions or engines.
    static std::optional<MeasurementRequest> fromRecommendation(const Recommendation& recommendation, QString* error);
    /// The index a CREATE/DROP INDEX statement names ("" when none).
    static QString indexNameOf(const QString& statement);
};

} // namespace dopt
