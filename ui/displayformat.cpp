#include "displayformat.h"

#include "model/durationms.h"
#include "util/saturatingcast.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <cmath>

namespace dopt {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("dopt::DisplayFormat", text);
}

QString scaled(double value, const char* const* units, int unitCount, double step, int precision, const QLocale& locale)
{
    int unit = 0;
    while (std::abs(value) >= step && unit < unitCount - 1) {
        value /= step;
        ++unit;
    }
    const int digits = unit == 0 ? 0 : (std::abs(value) < 10 ? precision : 1);
    return locale.toString(value, 'f', digits) + QLatin1Char(' ') + QString::fromUtf8(units[unit]);
}
} // namespace

QString DisplayFormat::duration(double ms)
{
    return duration(ms, QLocale());
}

QString DisplayFormat::duration(double fractionalMs, const QLocale& locale)
{
    if (!std::isfinite(fractionalMs) || fractionalMs < 0)
        return QString();
    if (const int decimals = DurationMs::decimals(fractionalMs); decimals > 0)
        return tr("%1 ms").arg(locale.toString(fractionalMs, 'f', decimals));
    const qint64 ms = roundToInt64(fractionalMs);
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    if (ms < 60'000)
        return tr("%1 s").arg(locale.toString(ms / 1000.0, 'f', ms < 10'000 ? 2 : 1));
    const qint64 s = ms / 1000;
    if (s < 3600)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    if (s < 86400)
        return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
    return tr("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
}

QString DisplayFormat::durationNs(qint64 ns)
{
    return durationNs(ns, QLocale());
}

QString DisplayFormat::durationNs(qint64 ns, const QLocale& locale)
{
    if (ns < 0)
        return QString();
    if (ns < 1000)
        return tr("%1 ns").arg(ns);
    if (ns < 1'000'000)
        return tr("%1 µs").arg(locale.toString(ns / 1e3, 'f', ns < 10'000 ? 1 : 0));
    if (ns < 1'000'000'000)
        return tr("%1 ms").arg(locale.toString(ns / 1e6, 'f', ns < 10'000'000 ? 1 : 0));
    return duration(ns / 1'000'000, locale);
}

QString DisplayFormat::bytes(qint64 bytes)
{
    return DisplayFormat::bytes(bytes, QLocale());
}

QString DisplayFormat::bytes(qint64 bytes, const QLocale& locale)
{
    static const char* const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    return scaled(double(bytes), units, 6, 1024.0, 2, locale);
}

QString DisplayFormat::count(qint64 value)
{
    if (std::abs(value) < 10'000)
        return QLocale().toString(value);
    static const char* const units[] = {"", "k", "M", "G", "T"};
    return scaled(double(value), units, 5, 1000.0, 2, QLocale()).trimmed();
}

QString DisplayFormat::exactCount(qint64 value)
{
    return QLocale().toString(value);
}

QString DisplayFormat::exactDurationMs(double ms)
{
    // To the microsecond, PostgreSQL's precision, without trailing zeros: 1234 → "1,234", 0.231 → "0.231".
    return tr("%1 ms").arg(QLocale().toString(std::round(ms * 1000) / 1000, 'f', QLocale::FloatingPointShortest));
}

QString DisplayFormat::exactDurationNs(qint64 ns)
{
    return tr("%1 ns").arg(QLocale().toString(ns));
}

QString DisplayFormat::exactBytes(qint64 bytes)
{
    return tr("%1 bytes").arg(QLocale().toString(bytes));
}

QString DisplayFormat::decimal(double value, int digits, const QLocale& locale)
{
    return locale.toString(value, 'f', digits);
}

QString DisplayFormat::significant(double value, int digits, const QLocale& locale)
{
    return locale.toString(value, 'g', digits);
}

QString DisplayFormat::percent(double share, int digits, const QLocale& locale)
{
    return percentValue(share * 100, digits, locale);
}

QString DisplayFormat::percentValue(double percent, int digits, const QLocale& locale)
{
    // The translation places the sign: French writes "12,5 %" with a narrow no-break space.
    return QCoreApplication::translate("dopt::DisplayFormat", "%1%", "a percentage")
        .arg(locale.toString(percent, 'f', digits));
}

QString DisplayFormat::ratio(double value, int digits, const QLocale& locale)
{
    return locale.toString(value, 'f', digits) + QStringLiteral("×");
}

QString DisplayFormat::milliseconds(double ms, int digits)
{
    return tr("%1 ms").arg(QLocale().toString(ms, 'f', digits));
}

QString DisplayFormat::timestamp(qint64 epochMs)
{
    return QDateTime::fromMSecsSinceEpoch(epochMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString DisplayFormat::timestampExact(qint64 epochMs)
{
    return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString DisplayFormat::firstLine(const QString& text, int maxChars)
{
    const QString trimmed = text.trimmed();
    qsizetype end = trimmed.indexOf(QLatin1Char('\n'));
    if (end < 0)
        end = trimmed.size();
    QString line = trimmed.left(end).trimmed();
    if (line.size() > maxChars)
        line = line.left(maxChars) + QStringLiteral("…");
    else if (end < trimmed.size())
        line += QStringLiteral(" …");
    return line;
}

} // namespace dopt
