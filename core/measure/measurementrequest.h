#pragma once

#include "measure/measuredquery.h"
#include "measure/measurementstatistics.h"
#include "sources/dremio/dremioconnection.h"

#include <QJsonObject>
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
///
/// On Dremio (engine "dremio", DremioMeasurer; the exact REST calls and SQL in describe()):
/// - create_reflection: POST /api/v3/reflection, wait for its refresh; before runs carry
///   exclude_reflections with its id, after runs consider_reflections; after runs must have CHOSEN it.
/// - drop_reflection: after runs exclude it; the real DELETE only when kept (its definition saved first).
/// - optimize_table: OPTIMIZE TABLE after noting the current snapshot; before runs read the table
///   AT SNAPSHOT of that id, after runs the compacted table; undo = ROLLBACK TABLE ... TO SNAPSHOT.
/// - sql_rewrite: as on PostgreSQL (same result required).
struct MeasurementRequest
{
    enum class Kind {
        CreateIndex,
        DropIndex,
        ParameterChange,
        SqlRewrite,
        CreateReflection,
        DropReflection,
        OptimizeTable
    };

    Kind kind = Kind::CreateIndex;
    QString engine = QStringLiteral("postgres"); // postgres or dremio
    qint64 recommendationId = 0; // 0 when not from a stored recommendation
    QString url; // postgresql://user@host:port/db?sslmode=...; the password comes from PGPASSWORD or ~/.pgpass
    QStringList applyStatements;
    QStringList undoStatements;
    QString indexName; // create_index, drop_index: the index toggled in the rolled-back transactions
    QString sqlBefore; // the measured statement (read-only SELECT)
    MeasuredQuery measuredQuery; // sqlBefore with why it was chosen, stored with the measurement ("" reason: unknown)
    QString sqlAfter; // sql_rewrite: the rewritten statement; otherwise empty (= sqlBefore)
    QStringList settings; // parameter_change: "work_mem = '64MB'" for the after runs
    int runs = 10; // measured runs per variant
    int warmupRuns = 2; // per variant, not counted
    int statementTimeoutMs = 60000; // per run
    int lockTimeoutMs = 2000;
    // Dremio only: where (the secret stays in memory, never stored or shown) and what.
    DremioConnection dremio;
    QString dremioSecret;
    QJsonObject reflection; // create_reflection: the planned definition (ReflectionDefinition::toJson())
    QString reflectionId; // drop_reflection
    QString table; // optimize_table: the Iceberg table path as SQL writes it
    int refreshTimeoutMs = 30 * 60 * 1000; // create_reflection: wait this long for the refresh at most
    bool keep = false; // leave the change in place after a completed measurement (measure --apply); a failed or
                       // cancelled one is always undone
    double predictedImprovementShare = -1; // from the recommendation; -1 unknown
    MeasurementStatistics::Options statistics;

    QString afterSql() const { return sqlAfter.isEmpty() ? sqlBefore : sqlAfter; }
    /// measuredQuery as stored with the measurement: always sqlBefore (what runs), with the caller's
    /// reason, or a reason saying none was given.
    MeasuredQuery recordedQuery() const;
    bool isDremio() const { return engine == QLatin1String("dremio"); }
    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString& name);

    /// Checks the statements before anything runs: read-only measured SQL, an index name for index
    /// kinds, settings for parameter changes, runs >= 2. False with the reason in *error.
    bool validate(QString* error) const;
    /// The exact statements, one per line with a heading, for the confirmation prompt.
    QString describe() const;
    /// From a stored recommendation: PostgreSQL (create_index, drop_index, parameter_change,
    /// sql_rewrite) or Dremio (create/drop reflection, optimize_table, sql_rewrite); nullopt with
    /// *error for other actions.
    static std::optional<MeasurementRequest> fromRecommendation(const Recommendation& recommendation, QString* error);
    /// create_reflection: the body of POST /api/v3/reflection for the planned definition.
    QJsonObject reflectionBody(const QString& datasetId) const;
    /// The parts of a dotted SQL path with their quotes removed: "a"."b.c".d -> a, b.c, d.
    static QStringList pathSegments(const QString& path);
    /// The index a CREATE/DROP INDEX statement names ("" when none).
    static QString indexNameOf(const QString& statement);
    /// Dremio SQL is not PostgreSQL's (libpg_query rejects its paths a.b.c.d), so tokens decide: one
    /// statement starting with SELECT or WITH, with no word that writes anywhere in it.
    static bool isDremioReadOnly(const QString& sql, QString* reason);

private:
    QString describeDremio() const;
    QStringList measuredLines() const;
    static std::optional<MeasurementRequest> fromDremioRecommendation(
        const Recommendation& recommendation, QString* error);
};

} // namespace dopt
