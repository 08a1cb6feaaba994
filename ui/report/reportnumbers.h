#pragma once

#include <QCoreApplication>
#include <QLocale>
#include <QString>

namespace dopt {

/// Every figure of the PDF report rendered in the report's language: counts with the locale's
/// grouping, decimals with its decimal sign, percentages, durations, byte sizes and UTC dates.
/// The C locale (no language chosen) renders as English with grouping, dates as ISO 8601.
class ReportNumbers
{
    Q_DECLARE_TR_FUNCTIONS(dopt::ReportNumbers)
public:
    explicit ReportNumbers(const QLocale& locale = QLocale());

    const QLocale& locale() const { return m_locale; }
    QString grouped(qint64 value) const; // "11,100,000" / "11 100 000"
    QString decimal(double value, int decimals) const; // fixed decimals: "1.50" / "1,50"
    QString significant(double value, int digits) const; // up to digits significant digits, 'g'
    QString percent(double share) const; // 0.125 → "12.5%" / "12,5 %"
    QString percentValue(double percent) const; // 12.5 → as above
    QString ratio(double value, int decimals) const; // "2.35×"
    QString duration(double ms) const; // "0.23 ms", "3 min 05 s", "12,4 s" (DisplayFormat::duration)
    QString durationWithMs(qint64 ms) const; // "3 h 05 min (11,100,000 ms)": readable and exact
    QString bytes(qint64 bytes) const;
    QString dateTime(qint64 epochMs) const; // date and minutes, UTC, with " UTC"
    QString date(qint64 epochMs) const; // the date alone, UTC
    QString dayMonth(qint64 epochMs) const; // short axis label, UTC

private:
    QString dateFormat() const;

    QLocale m_locale;
    bool m_iso = false; // C locale: ISO dates
};

} // namespace dopt
