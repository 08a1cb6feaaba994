#include "analysis/workmemadvice.h"

#include <QRegularExpression>
#include <algorithm>
#include <cmath>

namespace dopt {

qint64 WorkMemAdvice::roundUp(qint64 kb)
{
    // 1, 2, 4, 8, 16 MB, then 1.5x and 2x of each power of two: 24, 32, 48, 64, 96, 128...
    qint64 step = 1024;
    while (step < kb) {
        if (step >= 16 * 1024 && step * 3 / 2 >= kb)
            return step * 3 / 2;
        step *= 2;
    }
    return step;
}

QString WorkMemAdvice::format(qint64 kb)
{
    if (kb >= 1024 * 1024 && kb % (1024 * 1024) == 0)
        return QStringLiteral("%1GB").arg(kb / (1024 * 1024));
    if (kb >= 1024 && kb % 1024 == 0)
        return QStringLiteral("%1MB").arg(kb / 1024);
    return QStringLiteral("%1kB").arg(kb);
}

qint64 WorkMemAdvice::toKb(const QString& setting, const QString& unit)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^\s*(\d+)\s*([kMGT]?B)?\s*$)"));
    const QRegularExpressionMatch match = pattern.match(setting);
    if (!match.hasMatch())
        return -1;
    qint64 value = match.captured(1).toLongLong();
    QString suffix = match.captured(2).isEmpty() ? unit.trimmed() : match.captured(2);
    // pg_settings units may carry a multiple ("8kB" for block-sized settings).
    static const QRegularExpression multiple(QStringLiteral(R"(^(\d+)([kMGT]?B)$)"));
    const QRegularExpressionMatch unitMatch = multiple.match(suffix);
    if (unitMatch.hasMatch()) {
        value *= unitMatch.captured(1).toLongLong();
        suffix = unitMatch.captured(2);
    }
    if (suffix.isEmpty() || suffix == QLatin1String("kB"))
        return value;
    if (suffix == QLatin1String("B"))
        return (value + 1023) / 1024;
    if (suffix == QLatin1String("MB"))
        return value * 1024;
    if (suffix == QLatin1String("GB"))
        return value * 1024 * 1024;
    if (suffix == QLatin1String("TB"))
        return value * 1024 * 1024 * 1024;
    return -1;
}

WorkMemAdvice::Choice WorkMemAdvice::choose(
    double sortNeededKb, double hashNeededKb, double hashMemMultiplier, qint64 currentKb, qint64 capKb)
{
    const double multiplier = hashMemMultiplier > 0 ? hashMemMultiplier : 1.0;
    const double needed = std::max(sortNeededKb, hashNeededKb / multiplier) * Margin;
    // The operator spilled with the current value: whatever the estimate says, more is needed.
    qint64 kb = roundUp(std::max<qint64>(qint64(std::ceil(needed)), currentKb + 1));
    Choice choice;
    choice.capped = kb > capKb;
    choice.kb = choice.capped ? capKb : kb;
    choice.text = format(choice.kb);
    return choice;
}

} // namespace dopt
