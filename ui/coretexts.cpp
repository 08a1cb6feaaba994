#include "coretexts.h"

#include "analysis/detectorregistry.h"

namespace dopt {

namespace {

struct IdText
{
    const char* id;
    const char* text; // marked with QT_TR_NOOP in a CoreTexts function
};

/// The translated text of an id in a table, the id itself when the table has none.
template <std::size_t N> QString textOf(const IdText (&table)[N], const QString& id)
{
    for (const IdText& entry : table) {
        if (id == QLatin1String(entry.id))
            return CoreTexts::tr(entry.text);
    }
    return id;
}

} // namespace

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
    static const IdText names[] = {
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
    return textOf(names, id);
}

QString CoreTexts::detectorDescription(const QString& id)
{
    const Detector* detector = DetectorRegistry::find(id);
    return detector ? detector->description().translated() : id;
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

QString CoreTexts::measurementState(const QString& state)
{
    if (state == QLatin1String("running"))
        return tr("running");
    if (state == QLatin1String("done"))
        return tr("done");
    if (state == QLatin1String("failed"))
        return tr("failed");
    if (state == QLatin1String("cancelled"))
        return tr("cancelled");
    return state;
}

QString CoreTexts::queryChooser(const QString& chosenBy)
{
    if (chosenBy == QLatin1String("user"))
        return tr("you");
    if (chosenBy == QLatin1String("program"))
        return tr("the program");
    return chosenBy;
}

QString CoreTexts::measuredQueryOrigin(const MeasuredQuery& query)
{
    return query.jobId.isEmpty() ? tr("Why: %1").arg(query.reason)
                                 : tr("Job %1. Why: %2").arg(query.jobId, query.reason);
}

QString CoreTexts::measuredQueryNotRecorded()
{
    return tr("Query timed: not recorded (measured before the workspace stored it)");
}

QString CoreTexts::action(ActionKind action)
{
    static const IdText names[] = {
        {"investigate", QT_TR_NOOP("investigate")},
        {"sql_rewrite", QT_TR_NOOP("rewrite the SQL")},
        {"create_reflection", QT_TR_NOOP("create a reflection")},
        {"drop_reflection", QT_TR_NOOP("drop a reflection")},
        {"optimize_table", QT_TR_NOOP("optimize the table")},
        {"partition_filter", QT_TR_NOOP("filter on the partition")},
        {"parameter_change", QT_TR_NOOP("change a parameter")},
        {"create_index", QT_TR_NOOP("create an index")},
        {"drop_index", QT_TR_NOOP("drop an index")},
    };
    return textOf(names, actionKindName(action));
}

QString CoreTexts::workloadPattern(const QString& type)
{
    static const IdText names[] = {
        {"daily_cycle", QT_TR_NOOP("daily cycle")},
        {"hourly_peak", QT_TR_NOOP("hourly peak")},
        {"weekly_pattern", QT_TR_NOOP("weekly pattern")},
        {"batch_job", QT_TR_NOOP("batch job")},
    };
    return textOf(names, type);
}

QString CoreTexts::jobState(const QString& state)
{
    static const IdText names[] = {
        {"COMPLETED", QT_TR_NOOP("COMPLETED")},
        {"FAILED", QT_TR_NOOP("FAILED")},
        {"CANCELED", QT_TR_NOOP("CANCELED")},
        {"CANCELLED", QT_TR_NOOP("CANCELED")},
        {"RUNNING", QT_TR_NOOP("RUNNING")},
        {"ENQUEUED", QT_TR_NOOP("ENQUEUED")},
        {"PLANNING", QT_TR_NOOP("PLANNING")},
    };
    return textOf(names, state);
}

QString CoreTexts::jobPhase(const QString& phase)
{
    // The phases that are not also job states; the others read as the job state of the same name.
    static const IdText names[] = {
        {"PENDING", QT_TR_NOOP("PENDING")},
        {"METADATA_RETRIEVAL", QT_TR_NOOP("METADATA_RETRIEVAL")},
        {"QUEUED", QT_TR_NOOP("QUEUED")},
        {"ENGINE_START", QT_TR_NOOP("ENGINE_START")},
        {"EXECUTION_PLANNING", QT_TR_NOOP("EXECUTION_PLANNING")},
        {"STARTING", QT_TR_NOOP("STARTING")},
    };
    const QString text = textOf(names, phase);
    return text == phase ? jobState(phase) : text;
}

QString CoreTexts::modelFamily(const QString& family)
{
    // One entry per family core/ml trains (ModelTrainer).
    static const IdText names[] = {
        {"ridge", QT_TR_NOOP("ridge regression")},
        {"kernel_ridge_rbf", QT_TR_NOOP("kernel ridge regression")},
        {"random_forest", QT_TR_NOOP("random forest")},
    };
    return textOf(names, family);
}

QString CoreTexts::modelFeature(const QString& feature)
{
    // One entry per fixed feature of core/ml/features.cpp; "queue=NAME" is one per queue.
    static const IdText names[] = {
        {"log_bytes_scanned", QT_TR_NOOP("bytes scanned")},
        {"log_rows_scanned", QT_TR_NOOP("rows scanned")},
        {"log_planner_cost", QT_TR_NOOP("planner cost")},
        {"scans", QT_TR_NOOP("table scans")},
        {"joins", QT_TR_NOOP("joins")},
        {"aggregations", QT_TR_NOOP("aggregations")},
        {"sorts", QT_TR_NOOP("sorts")},
        {"log_splits", QT_TR_NOOP("splits read")},
        {"reflections_used", QT_TR_NOOP("reflections used")},
        {"log_rows_returned", QT_TR_NOOP("rows returned")},
        {"concurrency", QT_TR_NOOP("concurrent jobs")},
        {"hour_of_day", QT_TR_NOOP("hour of day")},
        {"day_of_week", QT_TR_NOOP("day of week")},
        {"has_profile", QT_TR_NOOP("profile stored")},
        {"log_fingerprint_median_earlier", QT_TR_NOOP("past median of the query shape")},
        {"log_fingerprint_runs_earlier", QT_TR_NOOP("past runs of the query shape")},
    };
    const QLatin1String queuePrefix("queue=");
    if (feature.startsWith(queuePrefix))
        return tr("queue %1").arg(feature.mid(queuePrefix.size()));
    return textOf(names, feature);
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

QString CoreTexts::evidenceName(const QString& name)
{
    // One entry per evidence name the detectors, the recommendation engine and the index advisor write.
    static const IdText names[] = {
        {"actual_rows", QT_TR_NOOP("actual rows")},
        {"average_file_size", QT_TR_NOOP("average file size")},
        {"baseline_p50", QT_TR_NOOP("baseline median")},
        {"baseline_p95", QT_TR_NOOP("baseline P95")},
        {"baseline_runs", QT_TR_NOOP("baseline runs")},
        {"build_rows", QT_TR_NOOP("build-side rows")},
        {"bytes_per_file", QT_TR_NOOP("bytes per file")},
        {"bytes_read", QT_TR_NOOP("bytes read")},
        {"bytes_returned", QT_TR_NOOP("bytes returned")},
        {"bytes_scanned", QT_TR_NOOP("bytes scanned")},
        {"calls", QT_TR_NOOP("calls")},
        {"chosen_count", QT_TR_NOOP("times chosen")},
        {"considered_count", QT_TR_NOOP("times considered")},
        {"cost_after", QT_TR_NOOP("planner cost after")},
        {"cost_before", QT_TR_NOOP("planner cost before")},
        {"dataset_columns", QT_TR_NOOP("dataset columns")},
        {"duration", QT_TR_NOOP("duration")},
        {"engine_postgresql", QT_TR_NOOP("PostgreSQL statement")},
        {"estimated_rows", QT_TR_NOOP("estimated rows")},
        {"fanout", QT_TR_NOOP("fan-out")},
        {"files", QT_TR_NOOP("files")},
        {"files_after_compaction", QT_TR_NOOP("files after compaction")},
        {"files_read", QT_TR_NOOP("files read")},
        {"files_written", QT_TR_NOOP("files written")},
        {"filter_selectivity", QT_TR_NOOP("filter selectivity")},
        {"footprint", QT_TR_NOOP("footprint")},
        {"hash_memory_needed_kb", QT_TR_NOOP("hash memory needed")},
        {"index_scans", QT_TR_NOOP("index scans")},
        {"index_size", QT_TR_NOOP("index size")},
        {"jobs_considered", QT_TR_NOOP("jobs considered")},
        {"jobs_in_window", QT_TR_NOOP("jobs in the window")},
        {"jobs_matched", QT_TR_NOOP("jobs matched")},
        {"jobs_reading", QT_TR_NOOP("jobs reading it")},
        {"last_refresh_duration", QT_TR_NOOP("last refresh duration")},
        {"left_rows", QT_TR_NOOP("left rows")},
        {"median_duration", QT_TR_NOOP("median duration")},
        {"median_ratio", QT_TR_NOOP("median ratio")},
        {"median_rows_returned", QT_TR_NOOP("median rows returned")},
        {"operators_spilled", QT_TR_NOOP("operators that spilled")},
        {"output_rows", QT_TR_NOOP("output rows")},
        {"p95_ratio", QT_TR_NOOP("P95 ratio")},
        {"p_value", QT_TR_NOOP("p-value")},
        {"partition_skew", QT_TR_NOOP("partition skew")},
        {"partitions_scanned", QT_TR_NOOP("partitions scanned")},
        {"partitions_read_estimate", QT_TR_NOOP("partitions read (estimate)")},
        {"partitions_total", QT_TR_NOOP("partitions in the table")},
        {"partitions_with_rows", QT_TR_NOOP("partitions with matching rows")},
        {"peak_memory", QT_TR_NOOP("peak memory")},
        {"predicates", QT_TR_NOOP("predicates")},
        {"probe_rows", QT_TR_NOOP("probe-side rows")},
        {"process_time", QT_TR_NOOP("processing time")},
        {"ratio", QT_TR_NOOP("ratio")},
        {"recent_p50", QT_TR_NOOP("recent median")},
        {"recent_p95", QT_TR_NOOP("recent P95")},
        {"recent_runs", QT_TR_NOOP("recent runs")},
        {"records_per_partition", QT_TR_NOOP("rows per partition")},
        {"right_rows", QT_TR_NOOP("right rows")},
        {"row_pairs", QT_TR_NOOP("row pairs")},
        {"rows_kept", QT_TR_NOOP("rows kept")},
        {"rows_returned", QT_TR_NOOP("rows returned")},
        {"rows_scanned", QT_TR_NOOP("rows scanned")},
        {"runs", QT_TR_NOOP("runs")},
        {"runs_in_window", QT_TR_NOOP("runs in the window")},
        {"share_of_processing", QT_TR_NOOP("share of processing time")},
        {"share_of_table_files_read", QT_TR_NOOP("share of the table's files read")},
        {"since", QT_TR_NOOP("since")},
        {"small_files", QT_TR_NOOP("small files")},
        {"sort_memory_needed_kb", QT_TR_NOOP("sort memory needed")},
        {"spill_count", QT_TR_NOOP("spills")},
        {"spilled", QT_TR_NOOP("spilled")},
        {"splits", QT_TR_NOOP("splits")},
        {"subplans_removed", QT_TR_NOOP("partitions pruned at execution")},
        {"table_files", QT_TR_NOOP("table files")},
        {"table_partitions", QT_TR_NOOP("table partitions")},
        {"table_rows", QT_TR_NOOP("table rows")},
        {"table_writes", QT_TR_NOOP("rows written to the table")},
        {"thread_records_avg", QT_TR_NOOP("rows per thread (average)")},
        {"thread_records_max", QT_TR_NOOP("rows per thread (max)")},
        {"thread_time_avg", QT_TR_NOOP("time per thread (average)")},
        {"thread_time_max", QT_TR_NOOP("time per thread (max)")},
        {"threads", QT_TR_NOOP("threads")},
        {"top_user_share", QT_TR_NOOP("top user's share")},
        {"window", QT_TR_NOOP("window")},
        {"work_mem_current", QT_TR_NOOP("current work_mem")},
        {"work_mem_recommended", QT_TR_NOOP("recommended work_mem")},
    };
    return textOf(names, name);
}

QString CoreTexts::analysisText(const AnalysisText& text, const QString& stored, const QLocale& locale)
{
    // Rows written before schema 14 come with the template AnalysisTextMatcher derived from their English when
    // they were read; `text` is empty only when no template fits. A template that no longer renders the stored
    // text (edited after rendering) would show something else.
    if (text.isEmpty() || text.toString() != stored)
        return stored;
    return text.translated(locale);
}

} // namespace dopt
