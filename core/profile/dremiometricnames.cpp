#include "dremiometricnames.h"

#include "dremiooperatortypes.h"

#include <cstring>
#include <span>

namespace dopt {

namespace {

struct Entry
{
    const char* name;
    bool max; // aggregationType MAX over threads (else SUM)
};

// Dremio 21.x metric names: the operatorTypeMetricsMap of a real 21.6.0 profile (ids = positions).
// Every scan type shares the ScanOperator list; TABLE_FUNCTION appends its own metrics after it.
const char* const kScan21[] = {"SETUP_NS", "NUM_READERS", "NUM_REMOTE_READERS", "NUM_ROW_GROUPS",
    "NUM_VECTORIZED_COLUMNS", "NUM_NON_VECTORIZED_COLUMNS", "COPY_NS", "FILTER_NS", "PARQUET_EXEC_PATH",
    "FILTER_EXISTS", "PARQUET_BYTES_READ", "NUM_ASYNC_STREAMS", "NUM_ASYNC_READS", "NUM_ASYNC_BYTES_READ",
    "NUM_EXTENDING_READS", "EXTENDING_READ_BYTES", "TOTAL_BYTES_READ", "LOCAL_BYTES_READ", "SHORT_CIRCUIT_BYTES_READ",
    "PRELOADED_BYTES", "NUM_CACHE_HITS", "NUM_CACHE_MISSES", "BLOCK_AFFINITY_CACHE_HITS", "BLOCK_AFFINITY_CACHE_MISSES",
    "AVG_PROCESSING_TIME_NS", "JAVA_BUILD_TIME_NS", "JAVA_EXECUTE_TIME_NS", "GANDIVA_BUILD_TIME_NS",
    "GANDIVA_EXECUTE_TIME_NS", "NUM_FILTERS_MODIFIED", "NUM_HIVE_PARQUET_TRUNCATE_VARCHAR",
    "TOTAL_HIVE_PARQUET_TRUNCATE_VARCHAR", "TOTAL_HIVE_PARQUET_TRANSFER_VARCHAR",
    "HIVE_PARQUET_CHECK_VARCHAR_CAST_TIME_NS", "NUM_ROW_GROUPS_PRUNED", "MAX_ROW_GROUPS_IN_HIVE_FILE_SPLITS",
    "NUM_HIVE_FILE_SPLITS_WITH_NO_ROWGROUPS", "MIN_IO_READ_TIME_NS", "MAX_IO_READ_TIME_NS", "AVG_IO_READ_TIME_NS",
    "NUM_IO_READ", "NUM_HIVE_PARQUET_DECIMAL_COERCIONS", "NUM_ROW_GROUPS_TRIMMED", "NUM_COLUMNS_TRIMMED",
    "NUM_PARTITIONS_PRUNED", "NUM_BOOSTED_FILE_READS", "MAX_BOOSTED_FILE_READ_TIME_NS", "AVG_BOOSTED_FILE_READ_TIME_NS",
    "TOTAL_BOOSTED_BYTES_READ", "NUM_COLUMNS_BOOSTED", "OFFSET_INDEX_READ", "COLUMN_INDEX_READ",
    "NUM_BOOSTED_RECORD_BATCHES_PRUNED", "NUM_PAGES_PRUNED", "NUM_PAGES_READ", "PAGE_DECOMPRESSION_TIME_NS",
    "NUM_RUNTIME_FILTERS", "RUNTIME_COL_FILTER_DROP_COUNT", "ROW_GROUPS_SCANNED_WITH_RUNTIME_FILTER",
    "RLE_PAGE_DECODING_READ_TIME_NS", "RLE_PAGE_DECODING_WRITE_TIME_NS", "PACKED_PAGE_DECODING_READ_TIME_NS",
    "PACKED_PAGE_DECODING_WRITE_TIME_NS", "MIN_METADATA_IO_READ_TIME_NS", "MAX_METADATA_IO_READ_TIME_NS",
    "AVG_METADATA_IO_READ_TIME_NS", "NUM_METADATA_IO_READ", "HIVE_FILE_FORMATS", "NUM_ZERO_SIZED_COLUMN",
    "NUM_EXTRA_FOOTER_READS"};

const char* const kTableFunction21[] = {"NUM_DATA_FILE", "NUM_MANIFEST_FILE", "MAX_SCHEMA_WIDTH"};

// 0 SINGLE_SENDER
const char* const kOp0_21[] = {"BYTES_SENT"};

// 1 BROADCAST_SENDER
const char* const kOp1_21[] = {"N_RECEIVERS", "BYTES_SENT"};

// 2 FILTER
const char* const kOp2_21[] = {"JAVA_BUILD_TIME", "JAVA_EXECUTE_TIME", "GANDIVA_BUILD_TIME", "GANDIVA_EXECUTE_TIME",
    "JAVA_EXPRESSIONS", "GANDIVA_EXPRESSIONS", "MIXED_SPLITS"};

// 3 HASH_AGGREGATE
const char* const kOp3_21[] = {"NUM_BUCKETS", "NUM_ENTRIES", "NUM_RESIZING", "RESIZING_TIME", "PIVOT_TIME",
    "INSERT_TIME", "ACCUMULATE_TIME", "REVERSE_TIME", "UNPIVOT_TIME", "VECTORIZED", "NUM_HASH_PARTITIONS",
    "MAX_HASHTABLE_BATCH_SIZE", "MIN_HASHTABLE_ENTRIES", "MAX_HASHTABLE_ENTRIES", "MIN_REHASH_COUNT",
    "MAX_REHASH_COUNT", "PREALLOCATED_MEMORY", "SPILL_COUNT", "PARTITIONS_SPILLED", "ITERATIONS", "RAN_OUT_OF_MEMORY",
    "SPILL_TIME", "READ_SPILLED_BATCH_TIME", "TOTAL_BATCHES_SPILLED", "MAX_BATCHES_SPILLED", "TOTAL_RECORDS_SPILLED",
    "MAX_RECORDS_SPILLED", "RECURSION_DEPTH", "TOTAL_SPILLED_DATA_SIZE", "MAX_SPILLED_DATA_SIZE",
    "MAX_TOTAL_NUM_BUCKETS", "MAX_TOTAL_NUM_ENTRIES", "ALLOCATED_FOR_FIXED_KEYS", "UNUSED_FOR_FIXED_KEYS",
    "ALLOCATED_FOR_VARIABLE_KEYS", "UNUSED_FOR_VARIABLE_KEYS", "MAX_VARIABLE_BLOCK_LENGTH", "NUM_SPLICE",
    "SPLICE_TIME_NS", "NUM_FORCE_ACCUM", "FORCE_ACCUM_TIME_NS", "NUM_ACCUM_COMPACTS", "ACCUM_COMPACTS_TIME_NS",
    "MAX_VARLEN_KEY_SIZE", "OOB_SENDS", "OOB_RECEIVES", "OOB_DROP_LOCAL", "OOB_DROP_WRONG_STATE",
    "OOB_DROP_UNDER_THRESHOLD", "OOB_DROP_NO_VICTIM", "OOB_SPILL", "OOB_DROP_ALREADY_SPILLING"};

// 4 HASH_JOIN
const char* const kOp4_21[]
    = {"NUM_BUCKETS", "NUM_ENTRIES", "NUM_RESIZING", "RESIZING_TIME_NANOS", "PIVOT_TIME_NANOS", "INSERT_TIME_NANOS",
        "ACCUMULATE_TIME_NANOS", "REVERSE_TIME_NANOS", "UNPIVOT_TIME_NANOS", "VECTORIZED", "PROBE_PIVOT_NANOS",
        "PROBE_MATCH_NANOS", "PROBE_LIST_NANOS", "PROBE_FIND_NANOS", "PROBE_COPY_NANOS", "BUILD_COPY_NANOS",
        "BUILD_COPY_NOMATCH_NANOS", "LINK_TIME_NANOS", "UNMATCHED_BUILD_KEY_COUNT", "UNMATCHED_PROBE_COUNT",
        "OUTPUT_RECORDS", "HASHCOMPUTATION_TIME_NANOS", "PROBE_HASHCOMPUTATION_TIME_NANOS", "RUNTIME_FILTER_DROP_COUNT",
        "RUNTIME_COL_FILTER_DROP_COUNT", "DUPLICATE_BUILD_RECORD_COUNT", "EXTRA_CONDITION_EVALUATION_COUNT",
        "EXTRA_CONDITION_EVALUATION_MATCHED", "EXTRA_CONDITION_SETUP_NANOS", "BUILD_CARRYOVER_COPY_NANOS"};

// 6 HASH_PARTITION_SENDER
const char* const kOp6_21[] = {"BATCHES_SENT", "RECORDS_SENT", "MIN_RECORDS", "MAX_RECORDS", "N_RECEIVERS",
    "BYTES_SENT", "SENDING_THREADS_COUNT", "COST", "NUM_COPIES", "FIXED_COPY_NS", "VARIABLE_COPY_NS", "BINARY_COPY_NS",
    "GENERIC_COPY_NS", "PRECOPY_NS", "FLUSH_NS", "NUM_FLUSHES", "BUCKET_SIZE"};

// 8 MERGING_RECEIVER
const char* const kOp8_21[] = {"BYTES_RECEIVED", "NUM_SENDERS", "NEXT_WAIT_NANOS"};

// 10 PROJECT
const char* const kOp10_21[] = {"JAVA_EXPRESSIONS", "JAVA_BUILD_TIME", "JAVA_EVALUATE_TIME", "GANDIVA_EXPRESSIONS",
    "GANDIVA_BUILD_TIME", "GANDIVA_EVALUATE_TIME", "MIXED_EXPRESSIONS", "MIXED_SPLITS"};

// 11 UNORDERED_RECEIVER
const char* const kOp11_21[] = {"BYTES_RECEIVED", "NUM_SENDERS"};

// 13 SCREEN
const char* const kOp13_21[] = {"BYTES_SENT"};

// 17 EXTERNAL_SORT
const char* const kOp17_21[]
    = {"SPILL_COUNT", "MERGE_COUNT", "PEAK_BATCHES_IN_MEMORY", "MAX_BATCH_SIZE", "AVG_BATCH_SIZE", "SPILL_TIME_NANOS",
        "MERGE_TIME_NANOS", "TOTAL_SPILLED_DATA_SIZE", "BATCHES_SPILLED", "OOB_SENDS", "OOB_RECEIVES", "OOB_DROP_LOCAL",
        "OOB_DROP_WRONG_STATE", "OOB_DROP_UNDER_THRESHOLD", "OOB_SPILL", "UNCOMPRESSED_BYTES_WRITTEN",
        "IO_BYTES_WRITTEN", "UNCOMPRESSED_BYTES_READ", "IO_BYTES_READ", "COMPRESSION_NANOS", "DECOMPRESSION_NANOS",
        "IO_WRITE_WAIT_NANOS", "IO_READ_WAIT_NANOS", "SPILL_COPY_NANOS", "OOM_ALLOCATE_COUNT", "OOM_COPY_COUNT"};

// 25 PARQUET_WRITER
const char* const kOp25_21[]
    = {"NUM_FILES_WRITTEN", "MIN_FILE_SIZE", "MAX_FILE_SIZE", "AVG_FILE_SIZE", "MIN_RECORD_COUNT_IN_FILE",
        "MAX_RECORD_COUNT_IN_FILE", "MIN_IO_WRITE_TIME", "MAX_IO_WRITE_TIME", "AVG_IO_WRITE_TIME", "NUM_IO_WRITE"};

// 35 NESTED_LOOP_JOIN
const char* const kOp35_21[] = {"MATCH_NANOS", "COPY_NANOS", "COMPILE_NANOS", "PROBE_COUNT"};

// 37 MONGO_SUB_SCAN
const char* const kOp37_21[]
    = {"TOTAL_RECORDS_READ", "NUM_LOCAL_RECORDS_READ", "NUM_REMOTE_RECORDS_READ", "TOTAL_BYTES_READ"};

// 43 ARROW_WRITER
const char* const kOp43_21[] = {"BYTES_WRITTEN", "OUTPUT_LIMITED"};

// 49 WRITER_COMMITTER
const char* const kOp49_21[] = {"ICEBERG_METADATA_WRITE_TIME", "ICEBERG_CATALOG_UPDATE_TIME", "ICEBERG_COMMIT_TIME"};

// 50 ROUND_ROBIN_SENDER
const char* const kOp50_21[] = {"N_RECEIVERS", "BYTES_SENT"};

// 58 MANIFEST_WRITER
const char* const kOp58_21[]
    = {"NUM_FILES_WRITTEN", "MIN_FILE_SIZE", "MAX_FILE_SIZE", "AVG_FILE_SIZE", "MIN_RECORD_COUNT_IN_FILE",
        "MAX_RECORD_COUNT_IN_FILE", "MIN_IO_WRITE_TIME", "MAX_IO_WRITE_TIME", "AVG_IO_WRITE_TIME", "NUM_IO_WRITE"};

// 60 BRIDGE_FILE_WRITER_SENDER
const char* const kOp60_21[] = {"BYTES_SENT"};

// 61 BRIDGE_FILE_READER_RECEIVER
const char* const kOp61_21[] = {"BYTES_RECEIVED"};

// Dremio 25.x (OSS 25.2.0): ScanOperator grew to 76 metrics (ids 70-75 below follow the 21.x ones),
// TableFunctionOperator metrics start at 76, and HashJoinStats starts with IS_SPILLING, which moves
// OUTPUT_RECORDS from 20 to 19 (sabot/.../join/vhash/HashJoinStats.java).
const char* const kScan25Extra[] = {"MAX_RECORD_READ_PER_READER", "ICEBERG_COMMIT_TIME", "ORPHAN_FILE_DISCOVERY_TIME",
    "NUM_ORPHAN_FILES", "NUM_READERS_SKIPPED", "DRY_RUN_READ_TIME_NS"};
const char* const kTableFunction25[] = {"NUM_DATA_FILE", "NUM_MANIFEST_FILE", "MAX_SCHEMA_WIDTH",
    "NUM_DELETE_MANIFESTS", "NUM_POS_DELETE_FILES", "NUM_EQ_DELETE_FILES", "NUM_DELETE_FILE_READERS",
    "PARQUET_DELETE_FILE_BYTES_READ", "NUM_POS_DELETED_ROWS", "NUM_EQ_DELETED_ROWS", "SNAPSHOT_COMMIT_STATUS",
    "NUM_SNAPSHOT_IDS", "DELETE_ORPHAN_FILES_TIME", "NUM_ORPHAN_FILES_DELETED", "NUM_ORPHAN_FILES_FAIL_TO_DELETE"};
const Entry kHashJoin25[] = {
    {"IS_SPILLING", false},
    {"NUM_BUCKETS", false},
    {"NUM_ENTRIES", false},
    {"NUM_RESIZING", true},
    {"RESIZING_TIME_NANOS", true},
    {"PIVOT_TIME_NANOS", true},
    {"INSERT_TIME_NANOS", true},
    {"UNPIVOT_TIME_NANOS", true},
    {"VECTORIZED", false},
    {"PROBE_PIVOT_NANOS", true},
    {"PROBE_MATCH_NANOS", true},
    {"PROBE_LIST_NANOS", true},
    {"PROBE_FIND_NANOS", true},
    {"PROBE_COPY_NANOS", true},
    {"BUILD_COPY_NANOS", true},
    {"BUILD_COPY_NOMATCH_NANOS", true},
    {"LINK_TIME_NANOS", true},
    {"UNMATCHED_BUILD_KEY_COUNT", false},
    {"UNMATCHED_PROBE_COUNT", false},
    {"OUTPUT_RECORDS", false},
    {"HASHCOMPUTATION_TIME_NANOS", true},
    {"PROBE_HASHCOMPUTATION_TIME_NANOS", true},
    {"RUNTIME_FILTER_DROP_COUNT", true},
    {"RUNTIME_COL_FILTER_DROP_COUNT", true},
    {"DUPLICATE_BUILD_RECORD_COUNT", false},
    {"EXTRA_CONDITION_EVALUATION_COUNT", false},
    {"EXTRA_CONDITION_EVALUATION_MATCHED", false},
    {"EXTRA_CONDITION_SETUP_NANOS", true},
    {"BUILD_CARRYOVER_COPY_NANOS", true},
    {"SPILL_COUNT", true},
    {"HEAP_SPILL_COUNT", true},
    {"SPILL_REPLAY_COUNT", false},
    {"SPILL_WR_BUILD_BYTES", false},
    {"SPILL_RD_BUILD_BYTES", false},
    {"SPILL_WR_BUILD_RECORDS", false},
    {"SPILL_RD_BUILD_RECORDS", false},
    {"SPILL_WR_BUILD_BATCHES", false},
    {"SPILL_RD_BUILD_BATCHES", false},
    {"SPILL_RD_BUILD_BATCHES_MERGED", false},
    {"SPILL_WR_PROBE_BYTES", false},
    {"SPILL_RD_PROBE_BYTES", false},
    {"SPILL_WR_PROBE_RECORDS", false},
    {"SPILL_RD_PROBE_RECORDS", false},
    {"SPILL_WR_PROBE_BATCHES", false},
    {"SPILL_RD_PROBE_BATCHES", false},
    {"SPILL_RD_PROBE_BATCHES_MERGED", false},
    {"SPILL_WR_NANOS", true},
    {"SPILL_RD_NANOS", true},
    {"OOB_SENDS", false},
    {"OOB_DROP_UNDER_THRESHOLD", false},
    {"OOB_DROP_NO_VICTIM", false},
    {"OOB_DROP_LOCAL", false},
    {"OOB_DROP_WRONG_STATE", false},
    {"OOB_SPILL", false},
    {"SPILL_NANOS", false},
    {"SETUP_TIME", false},
};

constexpr int kScan21Count = int(std::size(kScan21));
constexpr int kScan25Count = kScan21Count + int(std::size(kScan25Extra));

bool isScanList(int operatorType)
{
    // Every reader runs as Dremio's ScanOperator, so all share its metric ids, including types whose
    // entry the 21.6 map leaves empty (TEXT_SUB_SCAN reports ScanOperator ids 1, 37-40, 63-66).
    return DremioOperatorTypes::isScan(operatorType);
}

std::span<const char* const> list21(int operatorType)
{
    switch (operatorType) {
    case 0:
        return std::span<const char* const>(kOp0_21);
    case 1:
        return std::span<const char* const>(kOp1_21);
    case 2:
        return std::span<const char* const>(kOp2_21);
    case 3:
        return std::span<const char* const>(kOp3_21);
    case 4:
        return std::span<const char* const>(kOp4_21);
    case 6:
        return std::span<const char* const>(kOp6_21);
    case 8:
        return std::span<const char* const>(kOp8_21);
    case 10:
        return std::span<const char* const>(kOp10_21);
    case 11:
        return std::span<const char* const>(kOp11_21);
    case 13:
        return std::span<const char* const>(kOp13_21);
    case 17:
        return std::span<const char* const>(kOp17_21);
    case 25:
        return std::span<const char* const>(kOp25_21);
    case 35:
        return std::span<const char* const>(kOp35_21);
    case 37:
        return std::span<const char* const>(kOp37_21);
    case 43:
        return std::span<const char* const>(kOp43_21);
    case 49:
        return std::span<const char* const>(kOp49_21);
    case 50:
        return std::span<const char* const>(kOp50_21);
    case 58:
        return std::span<const char* const>(kOp58_21);
    case 60:
        return std::span<const char* const>(kOp60_21);
    case 61:
        return std::span<const char* const>(kOp61_21);
    default:
        return {};
    }
}

const char* at(std::span<const char* const> list, int id)
{
    return id >= 0 && id < int(list.size()) ? list[id] : nullptr;
}

const char* name21(int operatorType, int id)
{
    if (isScanList(operatorType))
        return at(kScan21, id);
    if (operatorType == 53) // TABLE_FUNCTION
        return id < kScan21Count ? at(kScan21, id) : at(kTableFunction21, id - kScan21Count);
    return at(list21(operatorType), id);
}

const char* scan25(int id)
{
    return id < kScan21Count ? at(kScan21, id) : at(kScan25Extra, id - kScan21Count);
}

} // namespace

DremioMetricNames::Table DremioMetricNames::tableForMajorVersion(int major)
{
    return major >= 25 ? Table::Dremio25 : Table::Dremio21;
}

QString DremioMetricNames::tableLabel(Table table)
{
    return table == Table::Dremio25 ? QStringLiteral("Dremio 25.x") : QStringLiteral("Dremio 21.x");
}

const char* DremioMetricNames::name(Table table, int operatorType, int metricId, bool* isMax)
{
    if (isMax)
        *isMax = false;
    if (metricId < 0)
        return nullptr;
    if (table == Table::Dremio21)
        return name21(operatorType, metricId);
    if (operatorType == 4) { // HASH_JOIN
        if (metricId >= int(std::size(kHashJoin25)))
            return nullptr;
        if (isMax)
            *isMax = kHashJoin25[metricId].max;
        return kHashJoin25[metricId].name;
    }
    if (isScanList(operatorType))
        return scan25(metricId);
    if (operatorType == 53)
        return metricId < kScan25Count ? scan25(metricId) : at(kTableFunction25, metricId - kScan25Count);
    // Other operators: no 25.x list was verified; their enums only grew at the end, so the 21.x ids hold.
    return name21(operatorType, metricId);
}

int DremioMetricNames::idOf(Table table, int operatorType, const char* metricName)
{
    for (int id = 0; id < 128; ++id) {
        const char* candidate = name(table, operatorType, id);
        if (candidate && std::strcmp(candidate, metricName) == 0)
            return id;
    }
    return -1;
}

} // namespace dopt
