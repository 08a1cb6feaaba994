#pragma once

#include "analysis/analysistext.h"

#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QVector>
#include <functional>
#include <optional>

namespace dopt {

/// Derives the template and arguments of an English analysis text stored without them (rows written
/// before schema 14) by matching it against the English source of every known template: each %n
/// becomes a capture, a captured number becomes a number argument (shown in the display locale) unless
/// it is part of SQL (the placeholder right after LIMIT, OFFSET, FETCH FIRST/NEXT or TOP, or after an
/// opening quote or backquote: `LIMIT 1000` and `work_mem = '1024'` stay as written), a captured text
/// that is itself a whole template becomes a nested template, anything else stays as it is. Advice and rationales that
/// were several templates joined by spaces are split at sentence ends. The whole text must be matched, and when two
/// readings would show different translations the text is ambiguous: match() then returns an empty text and the English
/// is shown as stored.
///
/// Used when a row is read (AnalysisStore, RecommendationStore, ReportCollector) rather than written
/// back by a backfill: reading happens in the views' background loaders, nothing is written so an
/// interrupted load leaves the workspace as it was, and a re-analysis stores real templates anyway.
class AnalysisTextMatcher
{
public:
    /// The templates of the French catalogue's dopt::AnalysisText context (lupdate collects every
    /// QT_TRANSLATE_NOOP("dopt::AnalysisText", ...) and tst_translations keeps it complete), built once.
    static const AnalysisTextMatcher& instance();
    /// The English sources of that context in the catalogue embedded in core's resources.
    static QStringList catalogueSources();

    explicit AnalysisTextMatcher(const QStringList& sources);

    /// The template reading of `english`, or an empty text when none or more than one fits.
    AnalysisText match(const QString& english) const;
    int templateCount() const { return int(m_templates.size()); }

    /// One argument read from a capture, added to the reading: the text as it is, a nested template or a number.
    using Argument = std::function<void(AnalysisText&)>;

private:
    struct Template
    {
        QString source;
        QString prefix; // literal text before the first placeholder
        QString suffix; // literal text after the last placeholder
        qsizetype literalLength = 0;
        QVector<int> placeholders; // the capture groups' placeholder numbers (1-based), in order
        QVector<bool> verbatim; // per capture group: a number there is SQL, kept as written
        int argumentCount = 0;
        QRegularExpression lazy;
        QRegularExpression greedy;
    };

    /// The readings of `text` as one whole template: none, one, or two when it is ambiguous.
    QVector<AnalysisText> matchOne(const QString& text, int depth) const;
    std::optional<AnalysisText> readingOf(
        const Template& t, const QRegularExpressionMatch& match, int depth, bool* ambiguous) const;
    Argument argumentOf(const QString& captured, bool verbatim, int depth, bool* ambiguous) const;

    QVector<Template> m_templates;
    bool m_spaceInEveryTemplate = true;
};

/// A stored text's template: the one in the text_templates object under `name`, else (a row written
/// before schema 14) the reading AnalysisTextMatcher derives from the stored English, else empty.
AnalysisText storedAnalysisText(const QJsonObject& templates, const QString& name, const QString& english);

} // namespace dopt
