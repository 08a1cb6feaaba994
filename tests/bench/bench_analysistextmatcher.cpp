// What reading the template of an analysis text stored without one (before schema 14) costs when rows are
// loaded: AnalysisTextMatcher::match over N English texts (finding titles, advice, rationales of several
// joined sentences, some that match no template), against two references run in the same process: a
// deep copy of each text, and reading each text's stored template (AnalysisText::fromJson, what a row
// written since schema 14 costs). Prints figures; asserts nothing.
//
//   bench_analysistextmatcher [--count N]

#include "analysis/analysistextmatcher.h"
#include "benchsupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <cstdio>

using namespace dopt;
using namespace dopt::bench;

namespace {

AnalysisText sampleText(QRandomGenerator& random, int i)
{
    const auto count = [&] { return qint64(random.bounded(1, 5'000'000)); };
    const auto decimal = [&] { return random.bounded(1000.0); };
    switch (i % 6) {
    case 0:
        return AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "Query returned %1 rows without LIMIT"))
            .argInteger(count());
    case 1:
        return AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "%1× slower since %2 (median %3 s → %4 s)"))
            .argNumber(1 + decimal() / 100, 'f', 1)
            .arg(QStringLiteral("2026-01-%1T00:00:00Z").arg(1 + i % 28, 2, 10, QLatin1Char('0')))
            .argNumber(decimal(), 'f', 1)
            .argNumber(decimal() * 3, 'f', 1);
    case 2:
        return AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "%1 %2 returns %3× the rows of its larger input"))
            .arg(QStringLiteral("HASH_JOIN"))
            .arg(QStringLiteral("%1-%2").arg(i % 7, 2, 10, QLatin1Char('0')).arg(i % 13, 2, 10, QLatin1Char('0')))
            .argNumber(decimal(), 'f', 0);
    case 3: {
        // A rationale: the finding's advice, then a second sentence naming another finding's title.
        AnalysisText advice(QT_TRANSLATE_NOOP("dopt::AnalysisText",
            "Add a LIMIT or aggregate further; for a real export, write the result with CTAS instead of fetching it."));
        return advice.append(
            AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "Also found by %1: %2."))
                .arg(QStringLiteral("select_star"))
                .arg(AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "Query returned %1 rows without LIMIT"))
                         .argInteger(count())));
    }
    case 4:
        return AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "Create a raw reflection on %1: %2"))
            .arg(QStringLiteral("sales.orders_%1").arg(i % 97))
            .arg(AnalysisText(
                QT_TRANSLATE_NOOP("dopt::AnalysisText", "Unaccelerated scan shape ran %1 times, median %2 s"))
                     .argInteger(count())
                     .argNumber(decimal(), 'f', 1));
    default:
        // No template fits: kept in English after trying every template.
        return AnalysisText::verbatim(QStringLiteral("Hand-written note %1 about the nightly load.").arg(i));
    }
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int count = intOption(app.arguments(), QStringLiteral("--count"), 100'000);

    QRandomGenerator random(42);
    QStringList english;
    QVector<QJsonObject> stored;
    english.reserve(count);
    stored.reserve(count);
    for (int i = 0; i < count; ++i) {
        const AnalysisText text = sampleText(random, i);
        english << text.toString();
        stored << text.toJson();
    }

    QElapsedTimer timer;
    timer.start();
    const AnalysisTextMatcher& matcher = AnalysisTextMatcher::instance();
    const double buildMs = msSince(timer);

    timer.restart();
    qsizetype copiedChars = 0;
    for (const QString& text : std::as_const(english)) {
        const QString copy(text.constData(), text.size()); // a deep copy, not a shared reference
        copiedChars += copy.size();
    }
    const double copyMs = msSince(timer);

    timer.restart();
    int fromJson = 0;
    for (const QJsonObject& object : std::as_const(stored))
        fromJson += AnalysisText::fromJson(object).isEmpty() ? 0 : 1;
    const double fromJsonMs = msSince(timer);

    timer.restart();
    int matched = 0;
    for (const QString& text : std::as_const(english))
        matched += matcher.match(text).isEmpty() ? 0 : 1;
    const double matchMs = msSince(timer);

    std::printf(
        "AnalysisTextMatcher: %d templates from the catalogue, built in %.1f ms\n", matcher.templateCount(), buildMs);
    std::printf("%d texts (%lld characters), %d read as templates (%d of 6 kinds have one)\n", count,
        qlonglong(copiedChars), matched, 5);
    std::printf("match:          %8.1f ms  %6.2f us/text\n", matchMs, 1000 * matchMs / count);
    std::printf("deep copy:      %8.1f ms  %6.2f us/text  match/copy = %.0fx\n", copyMs, 1000 * copyMs / count,
        matchMs / std::max(copyMs, 1e-3));
    std::printf("stored (JSON):  %8.1f ms  %6.2f us/text  match/fromJson = %.1fx (%d read)\n", fromJsonMs,
        1000 * fromJsonMs / count, matchMs / std::max(fromJsonMs, 1e-3), fromJson);
    return 0;
}
