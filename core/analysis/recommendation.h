#pragma once

#include "finding.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace dopt {

/// One thing the user can do, ranked by its return: what to change (action, statements to apply and
/// to undo), why (detector, evidence, rationale), what it should save, and where it stands (status).
/// Stored in the recommendations table (migration 0005) under a stable key so a re-analysis updates
/// it in place and keeps its id, status and measurements.
struct Recommendation
{
    // Statuses. Applied and kept recommendations survive a re-analysis that no longer produces them.
    static constexpr const char* StatusOpen = "open";
    static constexpr const char* StatusApplied = "applied";
    static constexpr const char* StatusKept = "kept";
    static constexpr const char* StatusReverted = "reverted";
    static constexpr const char* StatusDismissed = "dismissed";

    qint64 id = 0; // 0 until stored
    QString key; // detector + fingerprint + action target, see makeKey()
    QString detector;
    ActionKind action = ActionKind::Investigate;
    QString engine = QStringLiteral("dremio"); // "dremio" or "postgresql": where the statements run
    Severity severity = Severity::Low;
    double confidence = 0; // 0..1
    double score = 0; // confidence x estimated improvement x urgency; higher ranks first
    int rank = 0; // 1 = best return; assigned by the store over all stored recommendations
    QString title;
    QString rationale; // why this helps, with the caveats (e.g. "changes the result")
    QString fingerprint;
    QString dataset; // the table or view the action targets, "" when none
    int frequency = 0; // runs of the fingerprint in the window
    qint64 currentCostMs = 0; // total duration of those runs
    qint64 improvementMs = 0; // estimated saving over the window
    double improvementShare = 0; // estimated saving as a share of one run
    QStringList jobIds; // example jobs, worst first
    QVector<Evidence> evidence;
    QString sqlBefore; // for rewrites: the original statement; otherwise an example statement
    QString sqlAfter; // for rewrites: the rewritten statement; "" otherwise
    QStringList applyStatements; // SQL to run to apply the action, in order
    QStringList undoStatements; // SQL that reverts it, in order
    QString measureSql; // the read-only query to time before and after
    QJsonObject definition; // action details: reflection fields, parameter values...
    QString status = QString::fromLatin1(StatusOpen);
    qint64 createdMs = 0;
    qint64 updatedMs = 0;
    // The templates title and rationale were rendered from (see Finding::titleText); empty for
    // recommendations stored before schema 14 and for texts written without one.
    AnalysisText titleText;
    AnalysisText rationaleText;

    void setTitle(const AnalysisText& text) { text.assignTo(title, titleText); }
    void setRationale(const AnalysisText& text) { text.assignTo(rationale, rationaleText); }
    /// Appends a sentence to the rationale and its template.
    void appendRationale(const AnalysisText& sentence);
    /// {"title": ..., "rationale": ...} templates, the stored form.
    QJsonObject textTemplatesJson() const;
    /// Reads them back after the English fields are set: a text stored without one (before schema 14)
    /// gets the template AnalysisTextMatcher derives from its English, if any.
    void setTextTemplatesJson(const QJsonObject& templates);

    /// Every field under the names above (camelCase), action and severity by name.
    QJsonObject toJson() const;

    /// "detector|fingerprint|target": the identity that survives re-analyses.
    static QString makeKey(const QString& detector, const QString& fingerprint, const QString& target);
    static bool isValidStatus(QStringView status);
    static QStringList statuses();
};

} // namespace dopt
