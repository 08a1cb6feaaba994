#pragma once

#include <QLocale>
#include <QString>
#include <optional>

namespace dopt {

/// Human-readable renderings of durations, byte sizes, counts and timestamps for the views
/// (compact in cells; the exact values go into tooltips via the *Exact functions). Numbers follow
/// the application's locale (QLocale::setDefault by TranslationLoader) unless one is given: French
/// shows "1 234,5 ms", "12,3 %", "2,4×" where English shows "1,234.5 ms", "12.3%", "2.4×". Machine
/// formats (stored JSON, SQL, CLI output) do not use these.
class DisplayFormat
{
public:
    // "0.23 ms", "4.1 ms", "850 ms", "12.4 s", "3 min 05 s", "2 h 10 min": below 10 ms a fractional
    // duration (PostgreSQL's) keeps the digits DurationMs::decimals gives it, whole ms from there.
    static QString duration(double ms);
    static QString duration(double ms, const QLocale& locale);
    static QString durationNs(qint64 ns); // "420 µs", "1.25 s"
    static QString durationNs(qint64 ns, const QLocale& locale);
    static QString bytes(qint64 bytes); // "1.5 GiB"
    static QString bytes(qint64 bytes, const QLocale& locale);
    static QString count(qint64 value); // "12.3 M"
    static QString exactCount(qint64 value); // "12,345,678" in the user's locale
    static QString exactDurationMs(double ms); // "1,234 ms", "0.231 ms" (to the microsecond)
    static QString exactDurationNs(qint64 ns);
    static QString exactBytes(qint64 bytes);
    static QString decimal(double value, int digits, const QLocale& locale = QLocale()); // "1,234.5"
    static QString significant(double value, int digits, const QLocale& locale = QLocale()); // p-values: "0.0123"
    static QString percent(double share, int digits = 1, const QLocale& locale = QLocale()); // 0.123 → "12.3%"
    static QString percentValue(double percent, int digits = 1, const QLocale& locale = QLocale()); // 12.3 → "12.3%"
    static QString ratio(double value, int digits = 2, const QLocale& locale = QLocale()); // "2.40×"
    static QString milliseconds(double ms, int digits); // "1,234.5 ms": a measured median, a prediction
    static QString timestamp(qint64 epochMs); // local time, "2024-05-01 13:45:02"
    static QString timestampExact(qint64 epochMs); // ISO 8601 UTC with milliseconds
    static QString firstLine(const QString& text, int maxChars = 200);
};

} // namespace dopt
