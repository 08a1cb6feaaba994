#pragma once

#include "analysis/finding.h"
#include "measure/measuredquery.h"

#include <QCoreApplication>
#include <QLocale>
#include <QString>

namespace dopt {

/// The translated names of values that come from core data (severities, detector ids, measurement
/// verdicts): core stores and prints the stable English ids, the GUI shows these. An id without a
/// translation is shown as it is.
class CoreTexts
{
    Q_DECLARE_TR_FUNCTIONS(dopt::CoreTexts)

public:
    static QString severity(Severity severity);
    static QString detector(const QString& id);
    /// What a detector looks for (its description) in the installed language; the id itself for an id
    /// no detector has.
    static QString detectorDescription(const QString& id);
    static QString verdict(const QString& verdict);
    /// A measurement's state (running, done, failed, cancelled).
    static QString measurementState(const QString& state);
    /// Who chose a measured query (MeasuredQuery::chosenBy): "the program" or "you".
    static QString queryChooser(const QString& chosenBy);
    /// "Job J. Why: reason" (or "Why: reason") for a measured query; reason as core wrote it.
    static QString measuredQueryOrigin(const MeasuredQuery& query);
    /// What the views and the report say for a measurement stored before schema 15.
    static QString measuredQueryNotRecorded();
    /// What a recommendation asks to do (create a reflection, rewrite the SQL...), in words.
    static QString action(ActionKind action);
    /// A workload pattern's type (daily_cycle, hourly_peak, weekly_pattern, batch_job) in words; an
    /// unknown type is shown as it is.
    static QString workloadPattern(const QString& type);
    /// A job's state as Dremio reports it (COMPLETED, FAILED, CANCELED...): Dremio's word in English,
    /// translated in other languages; an unknown state is shown as it is.
    static QString jobState(const QString& state);
    /// A phase of a job's state timeline as Dremio names it (PLANNING, QUEUED, RUNNING...): Dremio's word
    /// in English, translated in other languages; an unknown phase is shown as it is.
    static QString jobPhase(const QString& phase);
    /// A run-time model's family (ridge, kernel_ridge_rbf, random_forest) in words; an unknown family is
    /// shown as it is.
    static QString modelFamily(const QString& family);
    /// A run-time model's feature name (log_bytes_scanned, hour_of_day, queue=NAME...) in words; an
    /// unknown feature is shown as it is.
    static QString modelFeature(const QString& feature);
    /// A recommendation's status (open, applied, kept, reverted, dismissed).
    static QString recommendationStatus(const QString& status);
    /// A piece of evidence's name ("probe_rows") as a label; a name without one is shown as it is.
    static QString evidenceName(const QString& name);
    /// A text the analysis wrote (finding title or advice, recommendation title or rationale) in the
    /// installed language with its numbers in `locale`: rendered from its template when there is one
    /// and it still renders the stored English, else the stored English as it is (rows written before
    /// schema 14). Every view and the report show these texts through this function.
    static QString analysisText(const AnalysisText& text, const QString& stored, const QLocale& locale = QLocale());
};

} // namespace dopt
