#pragma once

#include <QJsonObject>
#include <QLocale>
#include <QString>
#include <QVariant>
#include <QVector>

namespace dopt {

/// A text the analysis writes (a finding's title and advice, a recommendation's title and rationale)
/// kept as its untranslated template and arguments: toString() is the stable English that is stored
/// and printed by the CLI and JSON, translated() renders it in the installed language with its
/// numbers in a display locale. Templates are marked where they are written with
/// QT_TRANSLATE_NOOP("dopt::AnalysisText", "...") so that lupdate collects them under that context.
class AnalysisText
{
public:
    static constexpr const char* Context = "dopt::AnalysisText";

    AnalysisText() = default;
    /// A template marked with QT_TRANSLATE_NOOP("dopt::AnalysisText", ...); %1..%n are its arguments.
    explicit AnalysisText(const char* source);
    /// A text shown as it is in every language (an English text from elsewhere, a name).
    static AnalysisText verbatim(const QString& text);

    /// The next argument: shown as it is (a table name, an operator key, SQL).
    AnalysisText& arg(const QString& verbatim);
    /// The next argument: another template, translated with this one.
    AnalysisText& arg(const AnalysisText& nested);
    /// The next argument: a whole number, grouped in the display locale ("1 234" in French).
    AnalysisText& argInteger(qint64 value);
    /// The next argument: a number as QString::number(value, format, precision) in English, with the
    /// display locale's decimal sign and grouping when translated.
    AnalysisText& argNumber(double value, char format, int precision);
    /// This text, a space and `next` (the sentences of an advice).
    AnalysisText& append(const AnalysisText& next);

    bool isEmpty() const { return m_source.isEmpty(); }
    /// Keeps this template in `kept` and its English in `english` (a struct's text and its template).
    void assignTo(QString& english, AnalysisText& kept) const
    {
        kept = *this;
        english = toString();
    }
    /// The English text: numbers as QString::number (no grouping), what is stored and printed.
    QString toString() const;
    /// Translated through QCoreApplication::translate (the installed translators), numbers in `locale`.
    QString translated(const QLocale& locale = QLocale()) const;

    /// {"s": source, "a": [arguments]}: the stored form; an empty object for an empty text.
    QJsonObject toJson() const;
    /// Back from toJson(); an empty text when the object is not one.
    static AnalysisText fromJson(const QJsonObject& object);

    bool operator==(const AnalysisText& other) const { return toJson() == other.toJson(); }

private:
    struct Argument
    {
        enum Kind { Verbatim, Nested, Integer, Number };
        Kind kind = Verbatim;
        QString text;
        QJsonObject nested;
        double number = 0;
        char format = 'f';
        int precision = 0;
    };

    QString render(bool translate, const QLocale& locale) const;

    QString m_source;
    QVector<Argument> m_arguments;
};

/// The text_templates column (schema 14) of findings and recommendations: compact JSON, NULL when
/// there is no template; and back (an empty object for NULL or anything that is not JSON).
/// The object of that column: each non-empty template under its name ("title", "rationale"...).
QJsonObject namedTemplatesJson(const QList<std::pair<QString, AnalysisText>>& named);
QVariant textTemplatesColumnValue(const QJsonObject& templates);
QJsonObject textTemplatesFromColumn(const QVariant& value);

} // namespace dopt
