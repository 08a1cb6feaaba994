#include "analysistext.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace dopt {

namespace {

// Joins two texts; not marked for translation, so every language keeps it.
const char* const JoinSource = "%1 %2";
const char* const VerbatimSource = "%1";

} // namespace

AnalysisText::AnalysisText(const char* source)
    : m_source(QString::fromUtf8(source))
{ }

AnalysisText AnalysisText::verbatim(const QString& text)
{
    AnalysisText result(VerbatimSource);
    return result.arg(text);
}

AnalysisText& AnalysisText::arg(const QString& verbatim)
{
    Argument argument;
    argument.text = verbatim;
    m_arguments.append(argument);
    return *this;
}

AnalysisText& AnalysisText::arg(const AnalysisText& nested)
{
    Argument argument;
    argument.kind = Argument::Nested;
    argument.nested = nested.toJson();
    m_arguments.append(argument);
    return *this;
}

AnalysisText& AnalysisText::argInteger(qint64 value)
{
    Argument argument;
    argument.kind = Argument::Integer;
    argument.number = double(value);
    m_arguments.append(argument);
    return *this;
}

AnalysisText& AnalysisText::argNumber(double value, char format, int precision)
{
    Argument argument;
    argument.kind = Argument::Number;
    argument.number = value;
    argument.format = format;
    argument.precision = precision;
    m_arguments.append(argument);
    return *this;
}

AnalysisText& AnalysisText::append(const AnalysisText& next)
{
    if (next.isEmpty())
        return *this;
    if (isEmpty()) {
        *this = next;
        return *this;
    }
    AnalysisText joined(JoinSource);
    joined.arg(*this).arg(next);
    *this = joined;
    return *this;
}

QString AnalysisText::toString() const
{
    return render(false, QLocale::c());
}

QString AnalysisText::translated(const QLocale& locale) const
{
    return render(true, locale);
}

QString AnalysisText::render(bool translate, const QLocale& locale) const
{
    const QString pattern = translate ? QCoreApplication::translate(Context, m_source.toUtf8().constData()) : m_source;
    QStringList values;
    values.reserve(m_arguments.size());
    for (const Argument& argument : m_arguments) {
        switch (argument.kind) {
        case Argument::Verbatim:
            values << argument.text;
            break;
        case Argument::Nested:
            values << fromJson(argument.nested).render(translate, locale);
            break;
        case Argument::Integer:
            values << (translate ? locale.toString(qint64(argument.number)) : QString::number(qint64(argument.number)));
            break;
        case Argument::Number:
            values << (translate ? locale.toString(argument.number, argument.format, argument.precision)
                                 : QString::number(argument.number, argument.format, argument.precision));
            break;
        }
    }
    // One pass over the pattern: an argument that holds "%1" (SQL, a LIKE pattern) is never substituted again.
    QString out;
    out.reserve(pattern.size() + 32);
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == QLatin1Char('%') && i + 1 < pattern.size() && pattern.at(i + 1).isDigit()) {
            qsizetype end = i + 1;
            int number = 0;
            while (end < pattern.size() && end < i + 3 && pattern.at(end).isDigit())
                number = number * 10 + pattern.at(end++).digitValue();
            if (number >= 1 && number <= values.size()) {
                out += values.at(number - 1);
                i = end - 1;
                continue;
            }
        }
        out += c;
    }
    return out;
}

QJsonObject AnalysisText::toJson() const
{
    if (isEmpty())
        return {};
    QJsonArray arguments;
    for (const Argument& argument : m_arguments) {
        switch (argument.kind) {
        case Argument::Verbatim:
            arguments.append(argument.text);
            break;
        case Argument::Nested:
            arguments.append(QJsonObject {{QStringLiteral("t"), argument.nested}});
            break;
        case Argument::Integer:
            arguments.append(QJsonObject {{QStringLiteral("i"), argument.number}});
            break;
        case Argument::Number:
            arguments.append(QJsonObject {{QStringLiteral("n"), argument.number},
                {QStringLiteral("f"), QString(QLatin1Char(argument.format))},
                {QStringLiteral("p"), argument.precision}});
            break;
        }
    }
    return {{QStringLiteral("s"), m_source}, {QStringLiteral("a"), arguments}};
}

AnalysisText AnalysisText::fromJson(const QJsonObject& object)
{
    AnalysisText text;
    text.m_source = object.value(QStringLiteral("s")).toString();
    if (text.m_source.isEmpty())
        return {};
    for (const QJsonValue& value : object.value(QStringLiteral("a")).toArray()) {
        if (value.isString()) {
            text.arg(value.toString());
            continue;
        }
        const QJsonObject argument = value.toObject();
        if (argument.contains(QStringLiteral("t")))
            text.arg(fromJson(argument.value(QStringLiteral("t")).toObject()));
        else if (argument.contains(QStringLiteral("i")))
            text.argInteger(qint64(argument.value(QStringLiteral("i")).toDouble()));
        else {
            const QString format = argument.value(QStringLiteral("f")).toString();
            text.argNumber(argument.value(QStringLiteral("n")).toDouble(),
                format.isEmpty() ? 'f' : format.at(0).toLatin1(), argument.value(QStringLiteral("p")).toInt());
        }
    }
    return text;
}

QJsonObject namedTemplatesJson(const QList<std::pair<QString, AnalysisText>>& named)
{
    QJsonObject templates;
    for (const auto& [name, text] : named) {
        if (!text.isEmpty())
            templates.insert(name, text.toJson());
    }
    return templates;
}

QVariant textTemplatesColumnValue(const QJsonObject& templates)
{
    if (templates.isEmpty())
        return QVariant(QMetaType(QMetaType::QString));
    return QString::fromUtf8(QJsonDocument(templates).toJson(QJsonDocument::Compact));
}

QJsonObject textTemplatesFromColumn(const QVariant& value)
{
    if (value.isNull())
        return {};
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

} // namespace dopt
