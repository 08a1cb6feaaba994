#include "reportnumbers.h"

#include "displayformat.h"

#include <QDateTime>
#include <QRegularExpression>

namespace dopt {

ReportNumbers::ReportNumbers(const QLocale& locale)
    : m_locale(locale)
{
    if (locale.language() == QLocale::C) {
        m_locale = QLocale::c();
        m_locale.setNumberOptions(QLocale::DefaultNumberOptions); // C omits group separators by default
        m_iso = true;
    }
}

QString ReportNumbers::grouped(qint64 value) const
{
    return m_locale.toString(value);
}

QString ReportNumbers::decimal(double value, int decimals) const
{
    return DisplayFormat::decimal(value, decimals, m_locale);
}

QString ReportNumbers::significant(double value, int digits) const
{
    return DisplayFormat::significant(value, digits, m_locale);
}

QString ReportNumbers::percent(double share) const
{
    return percentValue(share * 100);
}

QString ReportNumbers::percentValue(double percent) const
{
    return DisplayFormat::percentValue(percent, 1, m_locale);
}

QString ReportNumbers::ratio(double value, int decimals) const
{
    return tr("%1×", "a ratio such as 2.5 times slower").arg(m_locale.toString(value, 'f', decimals));
}

QString ReportNumbers::duration(double ms) const
{
    return DisplayFormat::duration(ms, m_locale);
}

QString ReportNumbers::durationWithMs(qint64 ms) const
{
    return tr("%1 (%2 ms)").arg(duration(ms), grouped(ms));
}

QString ReportNumbers::bytes(qint64 bytes) const
{
    return DisplayFormat::bytes(bytes, m_locale);
}

QString ReportNumbers::dateFormat() const
{
    if (m_iso)
        return QStringLiteral("yyyy-MM-dd");
    // The locale's short date with the full year (en_US "M/d/yy" would be ambiguous in a report).
    QString format = m_locale.dateFormat(QLocale::ShortFormat);
    if (!format.contains(QLatin1String("yyyy")))
        format.replace(QRegularExpression(QStringLiteral("y+")), QStringLiteral("yyyy"));
    return format;
}

QString ReportNumbers::dateTime(qint64 epochMs) const
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC);
    const QString timeFormat = m_iso ? QStringLiteral("HH:mm") : m_locale.timeFormat(QLocale::ShortFormat);
    return tr("%1 %2 UTC", "date, time")
        .arg(m_locale.toString(time.date(), dateFormat()), m_locale.toString(time.time(), timeFormat));
}

QString ReportNumbers::date(qint64 epochMs) const
{
    return m_locale.toString(QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).date(), dateFormat());
}

QString ReportNumbers::dayMonth(qint64 epochMs) const
{
    const QDate day = QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).date();
    if (m_iso)
        return day.toString(QStringLiteral("MM-dd"));
    // The short date without its year part and the separator next to it.
    QString format = dateFormat();
    format.remove(QRegularExpression(QStringLiteral("[^dM]*y+[^dM]*")));
    return m_locale.toString(day, format);
}

} // namespace dopt
