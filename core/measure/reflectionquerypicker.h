#pragma once

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <optional>

namespace dopt {

/// A query of the workspace that a reflection served, to time with and without it.
struct ReflectionQuery
{
    QString sql;
    QString jobId; // its most recent job
    QString relationship; // CHOSEN or MATCHED (the strongest seen for this statement)
    int runs = 0; // jobs of this statement text that had the reflection chosen or matched
    qint64 lastSubmittedMs = 0;

    /// "job 1f2e… (CHOSEN in 12 runs, last 2026-11-20 14:03 UTC)"
    QString describe() const;
    QJsonObject toJson() const;
};

/// Picks the query a reflection-drop measurement times: among the jobs whose acceleration record
/// (job_reflections) names the reflection, statements where it was CHOSEN come before those where it
/// was only MATCHED, then the most frequent statement text, then the most recent; only a single
/// read-only SELECT / WITH qualifies. The user may always name another one.
class ReflectionQueryPicker
{
public:
    /// std::nullopt when no job of the workspace used or matched the reflection (*error empty) or a
    /// read failed (*error says which).
    static std::optional<ReflectionQuery> pick(QSqlDatabase db, const QString& reflectionId, QString* error);
};

} // namespace dopt
