#pragma once

#include <QJsonObject>
#include <QString>

namespace dopt {

struct MeasurementRequest;
struct Recommendation;
struct ReflectionQuery;

/// The query a measurement times and why that one: the program picks it (from the recommendation's
/// statement and the workspace's history) unless the user names it (--sql). Printed with the result
/// (measure's `measuredQuery` in JSON) so a verdict can be read against what was actually run.
struct MeasuredQuery
{
    QString sql;
    QString jobId; // a job of the workspace that ran it, "" when none is known
    QString reason; // why this statement (and where its parameter values came from)
    QString chosenBy; // "program" or "user"

    bool isEmpty() const { return sql.isEmpty(); }
    /// {sql, jobId (when known), reason, chosenBy}
    QJsonObject toJson() const;
    /// Read back from toJson() (as measurements.measured_query stores it).
    static MeasuredQuery fromJson(const QJsonObject& json);

    /// The statement a recommendation's measurement times (request.sqlBefore), with the reason its
    /// detector and definition give (the statement on the table, the source of parameter values...).
    static MeasuredQuery forRecommendation(const Recommendation& recommendation, const MeasurementRequest& request);
    /// The query ReflectionQueryPicker chose for dropping reflection `reflectionId`.
    static MeasuredQuery forReflection(const ReflectionQuery& picked, const QString& reflectionId);
    /// A query the user named (--sql, or typed in the GUI); `how` says where.
    static MeasuredQuery given(const QString& sql, const QString& how = QStringLiteral("given with --sql"));
};

} // namespace dopt
