// The locale-following figures of DisplayFormat: fixed and significant decimals, percentages, ratios
// and milliseconds in English and French (with the French catalogue placing the percent sign), and
// an explicit locale winning over the application's.
#include "displayformat.h"
#include "interfacelanguage.h"
#include "model/durationms.h"

#include <QtTest>

using namespace dopt;

namespace {
const QLocale English(QLocale::English, QLocale::UnitedStates);
const QLocale French(QLocale::French, QLocale::France);
const QChar NarrowNoBreakSpace(0x202f);
const QChar NoBreakSpace(0x00a0);

QString french(const char* text)
{
    // Test texts written with '_' where French puts a narrow no-break space, '~' for a no-break space.
    return QString::fromUtf8(text)
        .replace(QLatin1Char('_'), NarrowNoBreakSpace)
        .replace(QLatin1Char('~'), NoBreakSpace);
}
} // namespace

class TestDisplayFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void englishFigures()
    {
        test::InterfaceLanguage language(English);
        QCOMPARE(DisplayFormat::decimal(1234.5, 1), QStringLiteral("1,234.5"));
        QCOMPARE(DisplayFormat::decimal(-0.25, 2), QStringLiteral("-0.25"));
        QCOMPARE(DisplayFormat::significant(0.000123456, 3), QStringLiteral("0.000123"));
        QCOMPARE(DisplayFormat::significant(4200, 6), QStringLiteral("4,200"));
        QCOMPARE(DisplayFormat::percent(0.123), QStringLiteral("12.3%"));
        QCOMPARE(DisplayFormat::percent(0.123, 0), QStringLiteral("12%"));
        QCOMPARE(DisplayFormat::percent(1), QStringLiteral("100.0%"));
        QCOMPARE(DisplayFormat::percentValue(12.34), QStringLiteral("12.3%"));
        QCOMPARE(DisplayFormat::ratio(2.4, 1), QStringLiteral("2.4×"));
        QCOMPARE(DisplayFormat::ratio(2.4), QStringLiteral("2.40×"));
        QCOMPARE(DisplayFormat::milliseconds(1234.5, 1), QStringLiteral("1,234.5 ms"));
        QCOMPARE(DisplayFormat::milliseconds(98.76, 0), QStringLiteral("99 ms"));
    }

    void subMillisecondDurations()
    {
        test::InterfaceLanguage language(English);
        // PostgreSQL's fractional milliseconds keep their digits below 10 ms, whole ms from there.
        QCOMPARE(DisplayFormat::duration(0.231), QStringLiteral("0.23 ms"));
        QCOMPARE(DisplayFormat::duration(0.0042), QStringLiteral("0.004 ms"));
        QCOMPARE(DisplayFormat::duration(4.12), QStringLiteral("4.1 ms"));
        QCOMPARE(DisplayFormat::duration(9.96), QStringLiteral("10 ms"));
        QCOMPARE(DisplayFormat::duration(850.4), QStringLiteral("850 ms"));
        QCOMPARE(DisplayFormat::duration(999.7), QStringLiteral("1.00 s"));
        // Whole milliseconds (Dremio's) as before.
        QCOMPARE(DisplayFormat::duration(0), QStringLiteral("0 ms"));
        QCOMPARE(DisplayFormat::duration(4), QStringLiteral("4 ms"));
        QCOMPARE(DisplayFormat::duration(12'400), QStringLiteral("12.4 s"));
        QCOMPARE(DisplayFormat::duration(-1), QString());
        QCOMPARE(DisplayFormat::exactDurationMs(0.231), QStringLiteral("0.231 ms"));
        QCOMPARE(DisplayFormat::exactDurationMs(60'055), QStringLiteral("60,055 ms"));
        QCOMPARE(DurationMs::text(0.231), QStringLiteral("0.23"));
        QCOMPARE(DurationMs::text(1234), QStringLiteral("1234"));
        QCOMPARE(DurationMs::text(4.12), QStringLiteral("4.1"));

        test::InterfaceLanguage inFrench(French);
        QCOMPARE(DisplayFormat::duration(0.231), french("0,23~ms"));
        QCOMPARE(DisplayFormat::exactDurationMs(0.231), french("0,231~ms"));
    }

    void frenchFigures()
    {
        test::InterfaceLanguage language(French);
        QVERIFY(language.isReady());
        QCOMPARE(DisplayFormat::decimal(1234.5, 1), french("1_234,5"));
        QCOMPARE(DisplayFormat::decimal(-0.25, 2), QStringLiteral("-0,25"));
        QCOMPARE(DisplayFormat::significant(0.000123456, 3), QStringLiteral("0,000123"));
        QCOMPARE(DisplayFormat::percent(0.123), french("12,3_%"));
        QCOMPARE(DisplayFormat::percent(0.123, 0), french("12_%"));
        QCOMPARE(DisplayFormat::percentValue(12.34), french("12,3_%"));
        QCOMPARE(DisplayFormat::ratio(2.4, 1), QStringLiteral("2,4×"));
        QCOMPARE(DisplayFormat::milliseconds(1234.5, 1), french("1_234,5~ms"));
        // The existing durations follow the same locale.
        QCOMPARE(DisplayFormat::duration(12'400), french("12,4~s"));
        QCOMPARE(DisplayFormat::bytes(1536), QStringLiteral("1,50 KiB"));
    }

    void explicitLocaleWins()
    {
        test::InterfaceLanguage language(English);
        const QLocale german(QLocale::German, QLocale::Germany);
        QCOMPARE(DisplayFormat::decimal(1234.5, 2, german), QStringLiteral("1.234,50"));
        QCOMPARE(DisplayFormat::significant(0.5, 3, german), QStringLiteral("0,5"));
        QCOMPARE(DisplayFormat::percent(0.5, 1, german), QStringLiteral("50,0%")); // no German catalogue
        QCOMPARE(DisplayFormat::ratio(1.5, 1, german), QStringLiteral("1,5×"));
    }
};

QTEST_MAIN(TestDisplayFormat)
#include "tst_displayformat.moc"
