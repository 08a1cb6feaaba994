#pragma once

#include <QString>

namespace dopt {

/// The PostgreSQL work_mem that would have kept a spilled sort or hash in memory, as a setting
/// value a person would type: the memory the operators needed (hashes may use work_mem x
/// hash_mem_multiplier), a quarter more for the estimate's error, rounded up to the next step of
/// 1, 2, 4, 8, 16, 24, 32, 48, 64, 96, 128... MB and capped.
class WorkMemAdvice
{
public:
    struct Choice
    {
        qint64 kb = 0; // the value to set
        bool capped = false; // the operators need more than capKb: the value is the cap
        QString text; // "8MB", "1GB": the form for SET work_mem = '...'
    };

    /// sortNeededKb: memory of the largest sort (or other work_mem node); hashNeededKb: of the largest
    /// hash table or hash aggregate (0 when none). currentKb: the work_mem the server runs with (0
    /// when unknown); the choice is always above it, since the operator spilled with it.
    static Choice choose(
        double sortNeededKb, double hashNeededKb, double hashMemMultiplier, qint64 currentKb, qint64 capKb);
    /// A pg_settings value with its unit ("4096", "kB"; "8", "MB"; "4MB" without a unit) in kB; -1 when unreadable.
    static qint64 toKb(const QString& setting, const QString& unit = QString());
    /// 8192 -> "8MB", 1048576 -> "1GB", 512 -> "512kB".
    static QString format(qint64 kb);
    /// The smallest step (see the class comment) of at least kb.
    static qint64 roundUp(qint64 kb);

    static constexpr double Margin = 1.25;
    static constexpr qint64 DefaultCapKb = 1024 * 1024; // 1 GB: more for one statement is rarely wise
};

} // namespace dopt
