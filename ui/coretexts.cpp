#include "coretexts.h"

namespace dopt {

QString CoreTexts::severity(Severity severity)
{
    switch (severity) {
    case Severity::Low:
        return tr("low");
    case Severity::Medium:
        return tr("medium");
    case Severity::High:
        return tr("high");
    case Severity::Critical:
        return tr("critical");
    }
    return severityName(severity);
}

QString CoreTexts::detector(const QString& id)
{
    // One entry per detector id of core/analysis (and the PostgreSQL index advisor).
    static const struct
    {
        const char* id;
        const char* text;
    } names[] = {
        {"join_fanout", QT_TR_NOOP("join fan-out")},
        {"small_files", QT_TR_NOOP("small files")},
        {"select_star", QT_TR_NOOP("SELECT *")},
        {"thread_skew", QT_TR_NOOP("thread skew")},
        {"nested_loop_join", QT_TR_NOOP("nested-loop join")},
        {"reflection_missing", QT_TR_NOOP("missing reflection")},
        {"row_estimate", QT_TR_NOOP("row estimate off")},
        {"unbounded_result", QT_TR_NOOP("unbounded result")},
        {"partition_pruning", QT_TR_NOOP("partition pruning")},
        {"regression", QT_TR_NOOP("regression")},
        {"n_plus_one", QT_TR_NOOP("N+1 queries")},
        {"memory_spill", QT_TR_NOOP("memory spill")},
        {"reflection_unused", QT_TR_NOOP("unused reflection")},
        {"non_sargable", QT_TR_NOOP("non-sargable filter")},
        {"subquery_rewrite", QT_TR_NOOP("subquery rewrite")},
        {"missing_index", QT_TR_NOOP("missing index")},
        {"unused_index", QT_TR_NOOP("unused index")},
    };
    for (const auto& name : names) {
        if (id == QLatin1String(name.id))
            return tr(name.text);
    }
    return id;
}

QString CoreTexts::verdict(const QString& verdict)
{
    if (verdict == QLatin1String("improved"))
        return tr("improved");
    if (verdict == QLatin1String("regressed"))
        return tr("regressed");
    if (verdict == QLatin1String("no_change"))
        return tr("no change");
    if (verdict == QLatin1String("invalid"))
        return tr("invalid");
    if (verdict == QLatin1String("not_used"))
        return tr("not used"); // Dremio: the new reflection was never chosen
    return verdict;
}

QString CoreTexts::recommendationStatus(const QString& status)
{
    if (status == QLatin1String("open"))
        return tr("open");
    if (status == QLatin1String("applied"))
        return tr("applied");
    if (status == QLatin1String("kept"))
        return tr("kept");
    if (status == QLatin1String("reverted"))
        return tr("reverted");
    if (status == QLatin1String("dismissed"))
        return tr("dismissed");
    return status;
}

} // namespace dopt
