#include "analysistextmatcher.h"

#include "util/coreresources.h"

#include <QFile>
#include <QXmlStreamReader>

namespace dopt {

namespace {

// The French catalogue embedded in core (resources/core_resources.qrc): only its source texts are read.
const QString CataloguePath = QStringLiteral(":/dopt/analysis/dremio-optimizer_fr.ts");
// Nested templates go a few levels deep (a finding title inside "Also found by %1: %2." inside a rationale).
constexpr int MaxDepth = 4;

struct Readings
{
    QVector<AnalysisText> texts;
    bool ambiguous = false;

    /// Keeps `text` unless an earlier reading shows the same translation; a second distinct one is ambiguous.
    void add(const AnalysisText& text)
    {
        if (ambiguous)
            return;
        const QString shown = texts.isEmpty() ? QString() : text.translated();
        for (const AnalysisText& kept : std::as_const(texts)) {
            if (kept.translated() == shown)
                return;
        }
        texts.append(text);
        ambiguous = texts.size() > 1;
    }
};

/// The placeholder at `i` of a template (the same rule as AnalysisText's rendering: %1..%99), 0 if none.
int placeholderAt(const QString& source, qsizetype i, qsizetype* end)
{
    if (source.at(i) != QLatin1Char('%') || i + 1 >= source.size() || !source.at(i + 1).isDigit())
        return 0;
    qsizetype j = i + 1;
    int number = 0;
    while (j < source.size() && j < i + 3 && source.at(j).isDigit())
        number = number * 10 + source.at(j++).digitValue();
    *end = j;
    return number;
}

/// Whether a placeholder after `literal` (the template's text since the previous placeholder) holds
/// part of SQL: a row count after LIMIT/OFFSET/FETCH FIRST/TOP, or a value in quotes or backquotes.
bool sqlContext(const QString& literal)
{
    static const QRegularExpression sql(
        QStringLiteral("(?:\\b(?:LIMIT|OFFSET|TOP|FETCH\\s+(?:FIRST|NEXT))\\s+|[`'\"\u2018\u201c])\\z"));
    return sql.match(literal).hasMatch();
}

/// A captured figure as the number argument that prints it back identically in English, if it is one.
std::optional<AnalysisTextMatcher::Argument> numberArgument(const QString& captured)
{
    static const QRegularExpression integer(QStringLiteral("\\A-?[0-9]+\\z"));
    static const QRegularExpression fixed(QStringLiteral("\\A-?[0-9]+\\.([0-9]+)\\z"));
    static const QRegularExpression exponent(QStringLiteral("\\A-?[0-9](?:\\.([0-9]+))?e[+-][0-9]+\\z"));
    bool ok = false;
    if (integer.match(captured).hasMatch()) {
        const qint64 value = captured.toLongLong(&ok);
        if (!ok || QString::number(value) != captured)
            return std::nullopt;
        return [value](AnalysisText& text) { text.argInteger(value); };
    }
    const double value = captured.toDouble(&ok);
    char format = 'f';
    int precision = 0;
    if (!ok)
        return std::nullopt;
    if (const QRegularExpressionMatch m = fixed.match(captured); m.hasMatch()) {
        precision = int(m.capturedLength(1));
    } else if (const QRegularExpressionMatch m = exponent.match(captured); m.hasMatch()) {
        format = 'g';
        precision = 1 + int(m.capturedLength(1));
    } else {
        return std::nullopt;
    }
    if (QString::number(value, format, precision) != captured)
        return std::nullopt;
    return [value, format, precision](AnalysisText& text) { text.argNumber(value, format, precision); };
}

} // namespace

const AnalysisTextMatcher& AnalysisTextMatcher::instance()
{
    // One per thread: rows are read by the views' background loaders, and a matcher (a few milliseconds to
    // build) then never shares its compiled expressions between threads.
    thread_local const AnalysisTextMatcher matcher(catalogueSources());
    return matcher;
}

QStringList AnalysisTextMatcher::catalogueSources()
{
    initCoreResources();
    QFile file(CataloguePath);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList sources;
    QXmlStreamReader xml(&file);
    QString context;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("name"))
            context = xml.readElementText();
        else if (xml.name() == QLatin1String("source") && context == QLatin1String(AnalysisText::Context))
            sources << xml.readElementText();
    }
    return sources;
}

AnalysisTextMatcher::AnalysisTextMatcher(const QStringList& sources)
{
    for (const QString& source : sources) {
        Template t;
        t.source = source;
        QString lazy = QStringLiteral("\\A");
        QString greedy = lazy;
        QString literal;
        QVector<int> groupOf(100, 0); // placeholder number → capture group, for a placeholder used twice
        bool seenPlaceholder = false;
        for (qsizetype i = 0; i < source.size(); ++i) {
            qsizetype end = i;
            const int number = placeholderAt(source, i, &end);
            if (number < 1) {
                literal += source.at(i);
                continue;
            }
            const QString literalBefore = literal;
            const QString escaped = QRegularExpression::escape(literal);
            lazy += escaped;
            greedy += escaped;
            if (!seenPlaceholder)
                t.prefix = literal;
            t.literalLength += literal.size();
            literal.clear();
            seenPlaceholder = true;
            const bool verbatim = sqlContext(literalBefore);
            if (groupOf[number]) {
                const QString back = QStringLiteral("\\g{%1}").arg(groupOf[number]);
                lazy += back;
                greedy += back;
                t.verbatim[groupOf[number] - 1] = t.verbatim[groupOf[number] - 1] || verbatim;
            } else {
                t.placeholders.append(number);
                t.verbatim.append(verbatim);
                groupOf[number] = int(t.placeholders.size());
                lazy += QStringLiteral("(.+?)");
                greedy += QStringLiteral("(.+)");
            }
            t.argumentCount = std::max(t.argumentCount, number);
            i = end - 1;
        }
        if (!seenPlaceholder)
            t.prefix = literal;
        t.suffix = literal;
        t.literalLength += literal.size();
        // A template of placeholders and spaces alone would read any text (and never gets marked anyway).
        if (QString(source).remove(QRegularExpression(QStringLiteral("%[0-9]+"))).trimmed().isEmpty())
            continue;
        const QString tail = QRegularExpression::escape(literal) + QStringLiteral("\\z");
        t.lazy = QRegularExpression(lazy + tail, QRegularExpression::DotMatchesEverythingOption);
        t.greedy = QRegularExpression(greedy + tail, QRegularExpression::DotMatchesEverythingOption);
        t.lazy.optimize();
        t.greedy.optimize();
        m_templates.append(t);
        if (!QString(source).remove(QRegularExpression(QStringLiteral("%[0-9]+"))).contains(QLatin1Char(' ')))
            m_spaceInEveryTemplate = false;
    }
}

AnalysisText AnalysisTextMatcher::match(const QString& english) const
{
    if (english.isEmpty() || m_templates.isEmpty())
        return {};
    // Several sentences may be several templates joined by a space (AnalysisText::append): split at
    // sentence ends, each piece a whole template, every way of splitting tried from the end.
    QVector<qsizetype> starts {0};
    for (qsizetype i = 1; i + 1 < english.size(); ++i) {
        if (english.at(i) == QLatin1Char(' ') && english.at(i - 1) == QLatin1Char('.'))
            starts.append(i + 1);
    }
    QVector<Readings> from(starts.size());
    for (qsizetype s = starts.size() - 1; s >= 0; --s) {
        Readings& readings = from[s];
        for (qsizetype e = s + 1; e <= starts.size() && !readings.ambiguous; ++e) {
            const qsizetype end = e < starts.size() ? starts[e] - 1 : english.size();
            const QVector<AnalysisText> pieces = matchOne(english.mid(starts[s], end - starts[s]), 0);
            if (pieces.size() > 1) {
                readings.ambiguous = true;
                break;
            }
            if (pieces.isEmpty())
                continue;
            if (e == starts.size()) {
                readings.add(pieces.first());
                continue;
            }
            if (from[e].ambiguous) {
                readings.ambiguous = true;
                break;
            }
            for (const AnalysisText& rest : std::as_const(from[e].texts)) {
                AnalysisText joined = pieces.first();
                readings.add(joined.append(rest));
            }
        }
    }
    const Readings& whole = from.first();
    if (whole.ambiguous || whole.texts.size() != 1 || whole.texts.first().toString() != english)
        return {};
    return whole.texts.first();
}

QVector<AnalysisText> AnalysisTextMatcher::matchOne(const QString& text, int depth) const
{
    Readings readings;
    for (const Template& t : m_templates) {
        if (text.size() < t.literalLength + t.placeholders.size() || !text.startsWith(t.prefix)
            || !text.endsWith(t.suffix))
            continue;
        const QRegularExpressionMatch lazy = t.lazy.match(text);
        if (!lazy.hasMatch())
            continue;
        // Where placeholders could split the text differently, the shortest and the longest captures are
        // both read: the same translation either way, or ambiguous.
        bool ambiguous = false;
        if (const auto reading = readingOf(t, lazy, depth, &ambiguous))
            readings.add(*reading);
        if (t.placeholders.size() > 1) {
            if (const auto reading = readingOf(t, t.greedy.match(text), depth, &ambiguous))
                readings.add(*reading);
        }
        if (ambiguous || readings.ambiguous)
            return {AnalysisText(), AnalysisText()};
    }
    return readings.texts;
}

std::optional<AnalysisText> AnalysisTextMatcher::readingOf(
    const Template& t, const QRegularExpressionMatch& match, int depth, bool* ambiguous) const
{
    if (!match.hasMatch())
        return std::nullopt;
    QVector<Argument> arguments(t.argumentCount);
    for (int group = 1; group <= t.placeholders.size(); ++group)
        arguments[t.placeholders[group - 1] - 1]
            = argumentOf(match.captured(group), t.verbatim[group - 1], depth, ambiguous);
    if (*ambiguous)
        return std::nullopt;
    AnalysisText reading(t.source.toUtf8().constData());
    for (const Argument& argument : std::as_const(arguments)) {
        if (argument)
            argument(reading);
        else
            reading.arg(QString()); // a number the template does not use
    }
    return reading;
}

AnalysisTextMatcher::Argument AnalysisTextMatcher::argumentOf(
    const QString& captured, bool verbatim, int depth, bool* ambiguous) const
{
    if (verbatim && numberArgument(captured))
        return [captured](AnalysisText& reading) { reading.arg(captured); };
    if (auto number = numberArgument(captured))
        return *number;
    // A word alone (a name, a date) is no template when every template has a space in its own words.
    if (depth < MaxDepth && (!m_spaceInEveryTemplate || captured.contains(QLatin1Char(' ')))) {
        const QVector<AnalysisText> nested = matchOne(captured, depth + 1);
        if (nested.size() > 1)
            *ambiguous = true;
        else if (nested.size() == 1)
            return [text = nested.first()](AnalysisText& reading) { reading.arg(text); };
    }
    return [captured](AnalysisText& reading) { reading.arg(captured); };
}

AnalysisText storedAnalysisText(const QJsonObject& templates, const QString& name, const QString& english)
{
    const AnalysisText stored = AnalysisText::fromJson(templates.value(name).toObject());
    if (!stored.isEmpty() || english.isEmpty())
        return stored;
    return AnalysisTextMatcher::instance().match(english);
}

} // namespace dopt
