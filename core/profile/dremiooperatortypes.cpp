#include "dremiooperatortypes.h"

#include <array>

namespace dopt {

namespace {

// Order = CoreOperatorType numbers (OSS protocol/src/main/protobuf/UserBitShared.proto @ 25.2.0).
const char* const kNames[DremioOperatorTypes::count]
    = {"SINGLE_SENDER", "BROADCAST_SENDER", "FILTER", "HASH_AGGREGATE", "HASH_JOIN", "MERGE_JOIN",
        "HASH_PARTITION_SENDER", "LIMIT", "MERGING_RECEIVER", "ORDERED_PARTITION_SENDER", "PROJECT",
        "UNORDERED_RECEIVER", "RANGE_SENDER", "SCREEN", "SELECTION_VECTOR_REMOVER", "STREAMING_AGGREGATE", "TOP_N_SORT",
        "EXTERNAL_SORT", "TRACE", "UNION", "OLD_SORT", "PARQUET_ROW_GROUP_SCAN", "HIVE_SUB_SCAN", "SYSTEM_TABLE_SCAN",
        "MOCK_SUB_SCAN", "PARQUET_WRITER", "DIRECT_SUB_SCAN", "TEXT_WRITER", "TEXT_SUB_SCAN", "JSON_SUB_SCAN",
        "INFO_SCHEMA_SUB_SCAN", "COMPLEX_TO_JSON", "PRODUCER_CONSUMER", "HBASE_SUB_SCAN", "WINDOW", "NESTED_LOOP_JOIN",
        "AVRO_SUB_SCAN", "MONGO_SUB_SCAN", "ELASTICSEARCH_SUB_SCAN", "ELASTICSEARCH_AGGREGATOR_SUB_SCAN", "FLATTEN",
        "EXCEL_SUB_SCAN", "ARROW_SUB_SCAN", "ARROW_WRITER", "JSON_WRITER", "VALUES_READER", "CONVERT_FROM_JSON",
        "JDBC_SUB_SCAN", "DICTIONARY_LOOKUP", "WRITER_COMMITTER", "ROUND_ROBIN_SENDER", "BOOST_PARQUET",
        "ICEBERG_SUB_SCAN", "TABLE_FUNCTION", "DELTALAKE_SUB_SCAN", "DIR_LISTING_SUB_SCAN", "ICEBERG_WRITER_COMMITTER",
        "GRPC_WRITER", "MANIFEST_WRITER", "FLIGHT_SUB_SCAN", "BRIDGE_FILE_WRITER_SENDER", "BRIDGE_FILE_READER_RECEIVER",
        "BRIDGE_FILE_READER", "ICEBERG_MANIFEST_WRITER", "ICEBERG_METADATA_FUNCTIONS_READER",
        "ICEBERG_SNAPSHOTS_SUB_SCAN", "NESSIE_COMMITS_SUB_SCAN", "SMALL_FILE_COMBINATION_WRITER"};

// The names as QStrings, converted once: every parsed operator gets one, and copying a shared
// QString costs no allocation (the reference count is atomic, so threads may share them).
const QString& cachedName(int type)
{
    static const std::array<QString, DremioOperatorTypes::count> names = [] {
        std::array<QString, DremioOperatorTypes::count> list;
        for (int i = 0; i < DremioOperatorTypes::count; ++i)
            list[i] = QString::fromLatin1(kNames[i]);
        return list;
    }();
    return names[type];
}

} // namespace

QString DremioOperatorTypes::name(int type)
{
    return isKnown(type) ? cachedName(type) : QString();
}

QString DremioOperatorTypes::nameOrUnknown(int type)
{
    return isKnown(type) ? cachedName(type) : QStringLiteral("UNKNOWN_%1").arg(type);
}

bool DremioOperatorTypes::isScan(int type)
{
    switch (type) {
    case 21: // PARQUET_ROW_GROUP_SCAN
    case 22: // HIVE_SUB_SCAN
    case 23: // SYSTEM_TABLE_SCAN
    case 24: // MOCK_SUB_SCAN
    case 26: // DIRECT_SUB_SCAN
    case 28: // TEXT_SUB_SCAN
    case 29: // JSON_SUB_SCAN
    case 30: // INFO_SCHEMA_SUB_SCAN
    case 33: // HBASE_SUB_SCAN
    case 36: // AVRO_SUB_SCAN
    case 37: // MONGO_SUB_SCAN
    case 38: // ELASTICSEARCH_SUB_SCAN
    case 39: // ELASTICSEARCH_AGGREGATOR_SUB_SCAN
    case 41: // EXCEL_SUB_SCAN
    case 42: // ARROW_SUB_SCAN
    case 45: // VALUES_READER
    case 47: // JDBC_SUB_SCAN
    case 52: // ICEBERG_SUB_SCAN
    case 54: // DELTALAKE_SUB_SCAN
    case 55: // DIR_LISTING_SUB_SCAN
    case 59: // FLIGHT_SUB_SCAN
    case 62: // BRIDGE_FILE_READER
    case 64: // ICEBERG_METADATA_FUNCTIONS_READER
    case 65: // ICEBERG_SNAPSHOTS_SUB_SCAN
    case 66: // NESSIE_COMMITS_SUB_SCAN
        return true;
    default:
        return false;
    }
}

bool DremioOperatorTypes::isReceiver(int type)
{
    return type == 8 || type == 11 || type == 61;
}

bool DremioOperatorTypes::isSender(int type)
{
    return type == 0 || type == 1 || type == 6 || type == 9 || type == 12 || type == 50 || type == 60;
}

int DremioOperatorTypes::producerCount(int type, int inputCount)
{
    if (isScan(type) || isReceiver(type))
        return 0;
    if (type == 4 || type == 5 || type == 35) // HASH_JOIN, MERGE_JOIN, NESTED_LOOP_JOIN
        return 2;
    if (type == 19) // UNION
        return inputCount > 1 ? inputCount : 2;
    return 1;
}

} // namespace dopt
