#pragma once

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <QVector>
#include <atomic>
#include <optional>
#include <utility>
#include <vector>

namespace dopt {

/// A recommended value for one parameter of one query shape, with how consistent the evidence is.
struct ParameterAdvice
{
    QString fingerprint;
    QString sql; // an example statement
    QString parameter; // limit, batch_size, queue, engine, work_mem
    QString recommendedValue;
    double confidence = 0; // 0..1
    QJsonObject detail; // values seen with run counts and median run times, statistics
};

/// Relates the values a query shape ran with (LIMIT size and INSERT batch size from the SQL, Dremio queue, engine,
/// PostgreSQL work_mem from logged SETs and measured parameter changes: WorkMemHistory) to its run
/// time and recommends one. Numeric values: Spearman's rho, its sign checked on bootstrap
/// resamples. Categories: the fastest value by median, kept only when bootstrap resamples agree.
/// The relation is observed, not controlled (a queue may be chosen because a query is large): the
/// detail says so and the confidence only reflects how consistent the relation is.
class ParameterAdvisor
{
public:
    static double spearman(const std::vector<double>& x, const std::vector<double>& y);
    /// (value, duration ms) pairs of one shape; nullopt when there is no consistent relation.
    static std::optional<ParameterAdvice> adviseNumeric(
        const QString& parameter, const std::vector<std::pair<double, double>>& runs, quint64 seed);
    static std::optional<ParameterAdvice> adviseCategorical(
        const QString& parameter, const std::vector<std::pair<QString, double>>& runs, quint64 seed);
    /// The final LIMIT (or FETCH FIRST n ROWS) of a statement, nullopt when it has none.
    static std::optional<double> limitOf(const QString& sql);
    /// Rows of a multi-row INSERT ... VALUES (...), (...): the batch size; nullopt for other
    /// statements (INSERT ... SELECT included). Batches are advised on their time per row.
    static std::optional<double> batchSizeOf(const QString& sql);

    /// Every completed job of the workspace, grouped by fingerprint.
    static bool analyzeWorkspace(
        QSqlDatabase db, const std::atomic_bool* cancel, QVector<ParameterAdvice>* advice, QString* error);
    /// Replaces parameter_advice in one transaction.
    static bool store(QSqlDatabase db, const QVector<ParameterAdvice>& advice, QString* error);

    static constexpr int MinimumRuns = 10;
    static constexpr int MinimumRunsPerValue = 3;
    static constexpr int BootstrapRounds = 200;
};

} // namespace dopt
