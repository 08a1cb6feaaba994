#include "demoplanbuilder.h"

#include <QStringList>
#include <algorithm>
#include <cmath>

namespace dopt {

namespace {

// CoreOperatorType ids (UserBitShared.proto).
enum OpType {
    SingleSender = 0,
    BroadcastSender = 1,
    Filter = 2,
    HashAggregate = 3,
    HashJoin = 4,
    HashPartitionSender = 6,
    Limit = 7,
    MergingReceiver = 8,
    Project = 10,
    UnorderedReceiver = 11,
    Screen = 13,
    ExternalSort = 17,
    ParquetWriter = 25,
    Window = 34,
    WriterCommitter = 49,
    RoundRobinSender = 50,
    IcebergSubScan = 52,
    TableFunction = 53,
};

QString recordType(const QString& columns)
{
    // "`a`, `b`" → "RecordType(VARCHAR(65536) a, VARCHAR(65536) b)"
    QStringList fields;
    for (QString column : columns.split(QStringLiteral(", "), Qt::SkipEmptyParts)) {
        column.remove(QLatin1Char('`'));
        const bool numeric = column.endsWith(QLatin1String("amount")) || column.endsWith(QLatin1String("_id"))
            || column == QLatin1String("quantity") || column == QLatin1String("on_hand");
        fields << (numeric ? QStringLiteral("BIGINT ") : QStringLiteral("VARCHAR(65536) ")) + column;
    }
    return QStringLiteral("RecordType(") + fields.join(QStringLiteral(", ")) + QLatin1Char(')');
}

QString firstColumns(const QString& columns, int count)
{
    return columns.split(QStringLiteral(", ")).mid(0, count).join(QStringLiteral(", "));
}

class Builder
{
public:
    Builder(const DemoJobSpec& spec, const DemoQueryShape& shape)
        : m_spec(spec)
        , m_shape(shape)
        , m_fact(DemoQueryShapes::tables()[shape.fact])
    {
        m_plan.fragments.append(DemoPlanFragment {1, 0});
    }

    DemoPlan build();

private:
    int add(int major, int type, const char* prel, qint64 outputRecords, double weight, const QString& attributes = {})
    {
        DemoPlanOp op;
        op.major = major;
        op.type = type;
        op.prel = QString::fromUtf8(prel);
        op.prelClass = op.prel.isEmpty() ? QString() : op.prel + QStringLiteral("Prel");
        op.attributes = attributes;
        op.outputRecords = std::max<qint64>(0, outputRecords);
        // Planner estimates are off by a factor of up to ~3 either way, as real estimates are.
        op.estimatedRows = std::max(1.0, double(op.outputRecords) * std::exp2(double(m_plan.ops.size() % 5) - 1.5));
        op.weight = weight;
        op.rowType = m_rowType;
        m_plan.ops.append(op);
        return int(m_plan.ops.size()) - 1;
    }
    DemoPlanOp& at(int index) { return m_plan.ops[index]; }
    void input(int parent, int child)
    {
        at(parent).inputs.append(child);
        at(parent).inputRecords.append(at(child).outputRecords);
    }
    int fragment(int threads, double skewShare = 0)
    {
        m_plan.fragments.append(DemoPlanFragment {std::max(1, threads), skewShare});
        return int(m_plan.fragments.size()) - 1;
    }
    /// An exchange: the receiving operator in the consumer's fragment and the sender rooting the
    /// producer's fragment. The text plan shows only the receiver side, as Dremio prints it.
    int exchange(int consumerMajor, const char* prel, int senderType, int receiverType, int childTop,
        const QString& attributes = {})
    {
        const qint64 records = at(childTop).outputRecords;
        const int receiver = add(consumerMajor, receiverType, prel, records, 0.02, attributes);
        input(receiver, childTop);
        const int sender = add(at(childTop).major, senderType, "", records, 0.04);
        input(sender, childTop);
        at(sender).inPlan = false;
        at(sender).prelClass.clear();
        const qint64 bytes = records * at(childTop).rowBytes;
        if (senderType == HashPartitionSender)
            at(sender).metrics = {{"RECORDS_SENT", records}, {"BYTES_SENT", bytes}, {"N_RECEIVERS", 8}};
        else if (senderType == SingleSender)
            at(sender).metrics = {{"BYTES_SENT", bytes}};
        else
            at(sender).metrics = {{"N_RECEIVERS", 8}, {"BYTES_SENT", bytes}};
        at(receiver).metrics
            = {{"BYTES_RECEIVED", bytes}, {"NUM_SENDERS", m_plan.fragments[at(childTop).major].threads}};
        at(receiver).sender = sender;
        return receiver;
    }
    int scan(int major, const DemoTable& table, qint64 rows, qint64 files, bool pruned, const QString& columns);
    int project(int major, int child, const QString& fields)
    {
        const int op = add(major, Project, "Project", at(child).outputRecords, 0.02, fields);
        input(op, child);
        at(op).metrics = {{"JAVA_EXPRESSIONS", 0}, {"GANDIVA_EXPRESSIONS", 2}};
        return op;
    }
    int filter(int major, int child, qint64 rowsOut, const QString& condition)
    {
        const int op = add(major, Filter, "Filter", rowsOut, 0.06, QStringLiteral("condition=[%1]").arg(condition));
        input(op, child);
        at(op).metrics = {{"JAVA_EXPRESSIONS", 0}, {"GANDIVA_EXPRESSIONS", 1}};
        return op;
    }
    int hashAgg(int major, int child, qint64 groups, bool spill, const QString& attributes)
    {
        const int op = add(major, HashAggregate, "HashAgg", groups, spill ? 0.45 : 0.18, attributes);
        input(op, child);
        const qint64 entries = std::max<qint64>(groups, 1);
        at(op).peakMemory = std::clamp<qint64>(
            entries * 96 / std::max(1, m_plan.fragments[major].threads), 4 << 20, spill ? (1LL << 30) : (600LL << 20));
        at(op).metrics = {{"NUM_ENTRIES", entries}, {"NUM_HASH_PARTITIONS", 8}};
        if (spill && m_spec.spilledBytes > 0) {
            at(op).metrics += {{"SPILL_COUNT", 3 + m_spec.spilledBytes / (512LL << 20)}, {"PARTITIONS_SPILLED", 6},
                {"TOTAL_SPILLED_DATA_SIZE", m_spec.spilledBytes}, {"TOTAL_RECORDS_SPILLED", m_spec.spilledBytes / 48}};
        }
        return op;
    }
    int hashJoin(int major, int probe, int build, qint64 outputRecords, const QString& condition)
    {
        const int op = add(major, HashJoin, "HashJoin", outputRecords, 0.28,
            QStringLiteral("condition=[%1], joinType=[inner]").arg(condition));
        input(op, probe);
        input(op, build);
        const qint64 buildRows = at(build).outputRecords;
        const qint64 probeRows = at(probe).outputRecords;
        at(op).peakMemory = std::clamp<qint64>(buildRows * 120, 2 << 20, 3LL << 30);
        at(op).metrics = {{"NUM_ENTRIES", buildRows}, {"OUTPUT_RECORDS", outputRecords},
            {"UNMATCHED_PROBE_COUNT", std::max<qint64>(0, probeRows - outputRecords)},
            {"DUPLICATE_BUILD_RECORD_COUNT", m_spec.fanOut > 1 ? buildRows - buildRows / 40 : 0}};
        return op;
    }
    int joinInput(int consumer, const DemoTable& table, qint64 rows, bool broadcast);
    int rootOver(int top, int limitRows = -1);
    DemoPlan finish(int root);

    const DemoJobSpec& m_spec;
    const DemoQueryShape& m_shape;
    const DemoTable& m_fact;
    QString m_rowType;
    DemoPlan m_plan;
};

int Builder::scan(int major, const DemoTable& table, qint64 rows, qint64 files, bool pruned, const QString& columns)
{
    const bool reflection = m_spec.reflectionChosen;
    const QString tablePath = reflection
        ? QStringLiteral("__accelerator.\"%1\".\"%2\"").arg(m_spec.reflectionId, m_spec.job.jobId.left(8))
        : table.table;
    const qint64 snapshot = qint64(m_spec.seed >> 8) % 9'000'000'000'000'000'000LL;
    m_rowType = recordType(columns);
    const int leaf = fragment(std::min(2, m_spec.threads));
    const qint64 manifests = std::max<qint64>(1, m_spec.manifests);
    QString listAttributes = QStringLiteral("table=[%1], snapshot=[%2], columns=[%3], splits=[1]")
                                 .arg(tablePath)
                                 .arg(snapshot)
                                 .arg(columns);
    if (pruned && !reflection)
        listAttributes += QStringLiteral(", \"ManifestList Filter Expression \"=[ref(%1) >= ?]")
                              .arg(table.columns.section(QLatin1Char(','), 2, 2).trimmed().remove(QLatin1Char('`')));
    listAttributes += QStringLiteral(", manifestContent=[DATA]");
    const int list = add(leaf, IcebergSubScan, "IcebergManifestList", manifests, 0.1, listAttributes);
    at(list).metrics = {{"NUM_READERS", 1}, {"TOTAL_BYTES_READ", manifests * 9000}};
    const int splitGen = add(leaf, TableFunction, "TableFunction", files, 0.15,
        QStringLiteral("table=[%1], columns=[%2], splits=[1], Table Function Type=[SPLIT_GEN_MANIFEST_SCAN]")
            .arg(tablePath, columns));
    input(splitGen, list);
    at(splitGen).metrics = {{"NUM_MANIFEST_FILE", manifests}, {"NUM_READERS", manifests}};
    const int receiver = exchange(major, "RoundRobinExchange", RoundRobinSender, UnorderedReceiver, splitGen);
    const qint64 bytes = rows * table.rowBytes;
    QString attributes = QStringLiteral("table=[%1], columns=[%2], splits=[%3]").arg(tablePath, columns).arg(files);
    if (pruned && !reflection)
        attributes += QStringLiteral(", filters=[[Filter on %1]]").arg(columns.section(QLatin1Char(','), 0, 0));
    attributes += QStringLiteral(", Table Function Type=[DATA_FILE_SCAN]");
    const int dataScan = add(major, TableFunction, "TableFunction", rows, 0.55, attributes);
    input(dataScan, receiver);
    at(dataScan).rowBytes = table.rowBytes;
    at(dataScan).peakMemory = 24 << 20;
    at(dataScan).metrics = {{"NUM_READERS", files}, {"NUM_ROW_GROUPS", files + files / 3},
        {"PARQUET_BYTES_READ", bytes}, {"TOTAL_BYTES_READ", bytes + files * 16'384}, {"NUM_DATA_FILE", files}};
    return dataScan;
}

/// A join's input: for a broadcast join, a scan in its own fragment behind a BroadcastExchange.
int Builder::joinInput(int consumer, const DemoTable& table, qint64 rows, bool broadcast)
{
    const int major = fragment(broadcast ? std::min(4, m_spec.threads) : m_spec.threads);
    const qint64 files = std::max<qint64>(1, qint64(table.partitions) * table.filesPerPartition / (broadcast ? 1 : 4));
    const int source = scan(major, table, rows, files, false, firstColumns(table.columns, 2));
    return broadcast ? exchange(consumer, "BroadcastExchange", BroadcastSender, UnorderedReceiver, source)
                     : exchange(consumer, "HashToRandomExchange", HashPartitionSender, UnorderedReceiver, source,
                         QStringLiteral("dist0=[[$0]]"));
}

/// The query's root fragment: Screen ← Project [← Limit] ← UnionExchange ← top.
int Builder::rootOver(int top, int limitRows)
{
    int child = exchange(0, "UnionExchange", SingleSender, UnorderedReceiver, top);
    if (limitRows >= 0) {
        const int limit = add(0, Limit, "Limit", std::min<qint64>(limitRows, at(child).outputRecords), 0.01,
            QStringLiteral("offset=[0], fetch=[%1]").arg(limitRows));
        input(limit, child);
        child = limit;
    }
    const int projectOp = project(0, child, QStringLiteral("fields=[$0, $1, $2]"));
    const int screen = add(0, Screen, "Screen", at(projectOp).outputRecords, 0.01);
    input(screen, projectOp);
    at(screen).metrics = {{"BYTES_SENT", at(projectOp).outputRecords * 48}};
    return screen;
}

/// Numbers the operators as Dremio does: senders are operator 0 of their fragment, the others
/// follow in plan order (pre-order from the root), per fragment.
DemoPlan Builder::finish(int root)
{
    m_plan.root = root;
    QVector<int> next(m_plan.fragments.size(), 1);
    next[0] = 0;
    for (DemoPlanOp& op : m_plan.ops)
        op.id = op.inPlan ? -1 : 0;
    QVector<int> stack = {root};
    while (!stack.isEmpty()) {
        const int index = stack.takeLast();
        DemoPlanOp& op = at(index);
        if (op.id < 0)
            op.id = next[op.major]++;
        for (qsizetype i = op.inputs.size() - 1; i >= 0; --i)
            stack.append(op.inputs[i]);
    }
    return m_plan;
}

DemoPlan Builder::build()
{
    const qint64 scanned = std::max<qint64>(1, m_spec.job.rowsScanned.value_or(1));
    const qint64 returned = std::max<qint64>(0, m_spec.job.rowsReturned.value_or(0));
    const qint64 files = std::max<qint64>(1, m_spec.dataFiles);
    const bool pruned = m_spec.partitionFiltered;
    const int threads = m_spec.threads;
    const QString columns = m_spec.reflectionChosen ? firstColumns(m_fact.columns, 3) : m_fact.columns;
    DemoPlanKind kind = m_shape.plan;
    if (m_spec.reflectionChosen && kind == DemoPlanKind::JoinAggregate)
        kind = DemoPlanKind::Aggregate; // the raw reflection already holds the join
    const QString groupBy = QStringLiteral("group=[{0, 1}], revenue=[SUM($2)], orders=[COUNT()]");

    int top = -1;
    switch (kind) {
    case DemoPlanKind::Aggregate:
    case DemoPlanKind::SpillingAggregate: {
        const bool spill = kind == DemoPlanKind::SpillingAggregate;
        const int f1 = fragment(threads);
        const int f2 = fragment(threads);
        int below = scan(f2, m_fact, scanned, files, pruned, columns);
        if (m_shape.allPartitions || !pruned)
            below = filter(f2, below, scanned / 12, QStringLiteral("LIKE(CAST($3):VARCHAR(65536), '2025-05%')"));
        below = project(f2, below, QStringLiteral("region=[$3], total_amount=[$5]"));
        const qint64 partialGroups = std::min<qint64>(at(below).outputRecords, std::max<qint64>(returned, 1) * threads);
        const int partial = hashAgg(f2, below, partialGroups, false, groupBy);
        const int shuffle = exchange(f1, "HashToRandomExchange", HashPartitionSender, UnorderedReceiver, partial,
            QStringLiteral("dist0=[[$0]]"));
        const int final = hashAgg(f1, shuffle, returned, spill, groupBy);
        top = project(f1, final, QStringLiteral("region=[$0], revenue=[$1]"));
        break;
    }
    case DemoPlanKind::JoinAggregate:
    case DemoPlanKind::FanOutJoin: {
        const DemoTable& dimension = DemoQueryShapes::tables()[std::max(0, m_shape.dimension)];
        const int f1 = fragment(threads);
        const bool fanOut = kind == DemoPlanKind::FanOutJoin;
        const int f2 = fanOut ? f1 : fragment(threads);
        int probe = scan(f2, m_fact, scanned, files, pruned, columns);
        if (!pruned)
            probe = filter(f2, probe, scanned / 20, QStringLiteral(">=($2, 2025-06-01)"));
        const int build = joinInput(f2, dimension, std::max<qint64>(1, m_spec.buildRows), true);
        const qint64 joined
            = fanOut ? qint64(double(at(probe).outputRecords) * m_spec.fanOut) : qint64(at(probe).outputRecords * 0.97);
        const int join = hashJoin(f2, probe, build, joined, QStringLiteral("=($1, $6)"));
        const int projectOp = project(f2, join, QStringLiteral("key=[$7], value=[$5]"));
        if (fanOut) {
            top = projectOp;
            break;
        }
        const int partial
            = hashAgg(f2, projectOp, std::min<qint64>(joined, std::max<qint64>(returned, 1) * threads), false, groupBy);
        const int shuffle = exchange(f1, "HashToRandomExchange", HashPartitionSender, UnorderedReceiver, partial,
            QStringLiteral("dist0=[[$0]]"));
        top = project(f1, hashAgg(f1, shuffle, returned, false, groupBy), QStringLiteral("key=[$0], value=[$1]"));
        break;
    }
    case DemoPlanKind::SkewedJoin: {
        const DemoTable& dimension = DemoQueryShapes::tables()[std::max(0, m_shape.dimension)];
        const int f1 = fragment(threads);
        const int f2 = fragment(threads, m_spec.skewShare);
        const int probeFragment = fragment(threads);
        const int probeScan = scan(probeFragment, m_fact, scanned, files, pruned, columns);
        const int probe = exchange(f2, "HashToRandomExchange", HashPartitionSender, UnorderedReceiver, probeScan,
            QStringLiteral("dist0=[[$3]]"));
        const int build = joinInput(f2, dimension, std::max<qint64>(1, m_spec.buildRows), false);
        const int join
            = hashJoin(f2, probe, build, qint64(at(probe).outputRecords * 1.08), QStringLiteral("=($3, $9)"));
        at(join).weight = 0.7; // the hot key makes the join the dominant cost
        const int partial = hashAgg(f2, project(f2, join, QStringLiteral("channel=[$2]")), threads * 5, false,
            QStringLiteral("group=[{0}], sessions=[COUNT(DISTINCT $1)]"));
        const int shuffle = exchange(f1, "HashToRandomExchange", HashPartitionSender, UnorderedReceiver, partial,
            QStringLiteral("dist0=[[$0]]"));
        top = project(
            f1, hashAgg(f1, shuffle, returned, false, QStringLiteral("group=[{0}]")), QStringLiteral("channel=[$0]"));
        break;
    }
    case DemoPlanKind::PointLookup: {
        const int f1 = fragment(threads);
        const int source = scan(f1, m_fact, scanned, files, pruned, columns);
        top = project(f1, filter(f1, source, returned, QStringLiteral("=($0, ?)")), QStringLiteral("fields=[$0, $1]"));
        break;
    }
    case DemoPlanKind::SelectStar: {
        const int f1 = fragment(1);
        const int source = scan(f1, m_fact, scanned, std::min<qint64>(files, 4), false, m_fact.allColumns);
        top = add(f1, Limit, "Limit", returned, 0.01, QStringLiteral("offset=[0], fetch=[%1]").arg(returned));
        input(top, source);
        return finish(rootOver(top, int(returned)));
    }
    case DemoPlanKind::WindowSort: {
        const int f1 = fragment(threads);
        const int f2 = fragment(threads);
        const int source = scan(f2, m_fact, scanned, files, pruned, columns);
        const int narrowed = project(f2, filter(f2, source, returned, QStringLiteral("=($3, ?)")),
            QStringLiteral("customer_id=[$1], order_date=[$2]"));
        const int shuffle = exchange(f1, "HashToRandomExchange", HashPartitionSender, UnorderedReceiver, narrowed,
            QStringLiteral("dist0=[[$0]]"));
        const int sort = add(
            f1, ExternalSort, "Sort", returned, 0.35, QStringLiteral("sort0=[$0], sort1=[$1], dir0=[ASC], dir1=[ASC]"));
        input(sort, shuffle);
        at(sort).peakMemory = std::clamp<qint64>(returned * 64 / threads, 8 << 20, 900LL << 20);
        at(sort).metrics = {{"SPILL_COUNT", m_spec.spilledBytes > 0 ? 2 : 0},
            {"TOTAL_SPILLED_DATA_SIZE", m_spec.spilledBytes}, {"BATCHES_SPILLED", m_spec.spilledBytes / (4 << 20)}};
        const int window = add(f1, Window, "Window", returned, 0.12,
            QStringLiteral("window#0=[window(partition {0} order by [1] rows between UNBOUNDED "
                           "PRECEDING and CURRENT ROW aggs [ROW_NUMBER()])]"));
        input(window, sort);
        top = window;
        const int merge
            = exchange(0, "SingleMergeExchange", SingleSender, MergingReceiver, top, QStringLiteral("sort0=[$0]"));
        const int projectOp = project(0, merge, QStringLiteral("customer_id=[$0], order_date=[$1], nth_order=[$2]"));
        const int screen = add(0, Screen, "Screen", returned, 0.01);
        input(screen, projectOp);
        at(screen).metrics = {{"BYTES_SENT", returned * 24}};
        return finish(screen);
    }
    case DemoPlanKind::Ctas: {
        const int f1 = fragment(threads);
        const int f2 = fragment(threads);
        const int source = scan(f2, m_fact, scanned, files, pruned, columns);
        const int partial = hashAgg(f2, project(f2, source, QStringLiteral("fields=[$0, $1, $2, $3]")),
            std::max<qint64>(1, scanned / 40), false, groupBy);
        const int shuffle = exchange(f1, "HashToRandomExchange", HashPartitionSender, UnorderedReceiver, partial,
            QStringLiteral("dist0=[[$0]]"));
        const int final = hashAgg(f1, shuffle, std::max<qint64>(1, scanned / 50), false, groupBy);
        const qint64 written = std::max<qint64>(1, m_spec.filesWritten);
        const int writer = add(f1, ParquetWriter, "Writer", written, 0.3);
        input(writer, project(f1, final, QStringLiteral("fields=[$0, $1, $2, $3]")));
        const qint64 avgSize = std::max<qint64>(1, m_spec.bytesWritten / written);
        at(writer).metrics = {{"NUM_FILES_WRITTEN", written}, {"MIN_FILE_SIZE", avgSize / 3},
            {"MAX_FILE_SIZE", avgSize * 2}, {"AVG_FILE_SIZE", avgSize}, {"MIN_RECORD_COUNT_IN_FILE", 1000},
            {"MAX_RECORD_COUNT_IN_FILE", std::max<qint64>(1000, at(final).outputRecords / written * 2)}};
        const int union_ = exchange(0, "UnionExchange", SingleSender, UnorderedReceiver, writer);
        const int committer = add(0, WriterCommitter, "WriterCommitter", written, 0.05,
            QStringLiteral("final=[s3://lakehouse/marts/%1]").arg(m_spec.job.jobId.left(8)));
        input(committer, union_);
        at(committer).metrics = {{"ICEBERG_COMMIT_TIME", 1200 + written}};
        const int projectOp = project(0, committer, QStringLiteral("Fragment=[$0], Records=[$1]"));
        const int screen = add(0, Screen, "Screen", returned, 0.01);
        input(screen, projectOp);
        at(screen).metrics = {{"BYTES_SENT", returned * 900}};
        return finish(screen);
    }
    }
    return finish(rootOver(top));
}

} // namespace

DemoPlan DemoPlanBuilder::build(const DemoJobSpec& spec, const DemoQueryShape& shape)
{
    return Builder(spec, shape).build();
}

} // namespace dopt
