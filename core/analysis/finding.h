#pragma once

#include "analysistext.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace dopt {

/// How urgent a finding is; ordered so that comparisons mean "at least as bad as".
enum class Severity { Low = 1, Medium = 2, High = 3, Critical = 4 };

/// What the user can do about a finding.
enum class ActionKind {
    Investigate,
    SqlRewrite,
    CreateReflection,
    DropReflection,
    OptimizeTable,
    PartitionFilter,
    ParameterChange,
    CreateIndex, // PostgreSQL
    DropIndex // PostgreSQL
};

/// One figure that triggered a finding, with its unit ("ms", "bytes", "rows", "ratio", "threads"...).
struct Evidence
{
    QString name;
    double value = 0;
    QString unit;
};

/// A problem a detector found in one job (or, after merging, in all jobs of one fingerprint):
/// the figures behind it, what fixing it would save and what to do.
struct Finding
{
    QString detectorId;
    Severity severity = Severity::Low;
    double confidence = 0; // 0..1: how sure the detector is that the problem is real
    QString title;
    QVector<Evidence> evidence;
    qint64 improvementMs = 0; // estimated saving; after merging, summed over the occurrences
    double improvementShare = 0; // estimated saving as a share of the (representative) job's duration
    QString fingerprint;
    QStringList jobIds; // example jobs (the worst first after merging)
    int occurrences = 1; // jobs of the fingerprint showing the problem
    QString operatorKey; // plan tree node ("02-03"), empty when the finding is about the whole query
    QString sql;
    QString recommendation;
    ActionKind action = ActionKind::Investigate;
    // The templates title and recommendation were rendered from, for the GUI and report to translate;
    // empty for findings stored before schema 14 (those are shown as stored).
    AnalysisText titleText;
    AnalysisText recommendationText;

    /// Set the text (English) and its template.
    void setTitle(const AnalysisText& text) { text.assignTo(title, titleText); }
    void setRecommendation(const AnalysisText& text) { text.assignTo(recommendation, recommendationText); }
    /// {"title": ..., "recommendation": ...} templates, the stored form (null when there is none).
    QJsonObject textTemplatesJson() const;
    /// Reads them back after the English fields are set: a text stored without one (before schema 14)
    /// gets the template AnalysisTextMatcher derives from its English, if any.
    void setTextTemplatesJson(const QJsonObject& templates);

    /// The value of a piece of evidence by name, nullopt when absent.
    std::optional<double> evidenceValue(const QString& name) const;
    void addEvidence(const QString& name, double value, const QString& unit) { evidence.append({name, value, unit}); }
    QJsonObject toJson() const;
    /// The evidence as a JSON array of {name, value, unit} (the stored and printed form).
    QJsonArray evidenceJson() const;
};

/// Evidence as a JSON array of {name, value, unit} and back (unknown members are ignored).
QJsonArray evidenceToJson(const QVector<Evidence>& evidence);
QVector<Evidence> evidenceFromJson(const QJsonArray& array);

QString severityName(Severity severity);
/// "low" / "medium" / "high" / "critical" (case-insensitive); nullopt for anything else.
std::optional<Severity> severityFromName(QStringView name);
QString actionKindName(ActionKind action);
std::optional<ActionKind> actionKindFromName(QStringView name);

} // namespace dopt
