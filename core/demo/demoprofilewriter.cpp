#include "demoprofilewriter.h"

#include "demojsonwriter.h"
#include "demoplanbuilder.h"
#include "demorandom.h"
#include "profile/dremiometricnames.h"
#include "profile/dremiooperatortypes.h"

#include <QHash>
#include <QStringList>
#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>

namespace dopt {

namespace {

constexpr auto kMetricTable = DremioMetricNames::Table::Dremio25;
constexpr int kFabricPort = 45678;
// The operator types demo plans use: their metric definitions go into operatorTypeMetricsMap.
constexpr int kUsedTypes[] = {0, 1, 2, 3, 4, 6, 7, 8, 10, 11, 13, 17, 25, 34, 49, 50, 52, 53};

bool isMaxMetric(int operatorType, int id, const char* name)
{
    bool max = false;
    DremioMetricNames::name(kMetricTable, operatorType, id, &max);
    return max || std::strncmp(name, "MIN_", 4) == 0 || std::strncmp(name, "MAX_", 4) == 0
        || std::strncmp(name, "AVG_", 4) == 0 || std::strcmp(name, "N_RECEIVERS") == 0
        || std::strcmp(name, "NUM_SENDERS") == 0 || std::strcmp(name, "NUM_HASH_PARTITIONS") == 0;
}

/// The 25.x id of a metric and whether it aggregates with MAX; cached because every thread of every
/// operator asks (the name tables are searched linearly). -1 when the operator type lacks the metric.
std::pair<int, bool> metricId(int operatorType, const char* name)
{
    thread_local std::unordered_map<std::string, std::pair<int, bool>> cache;
    std::string key = std::to_string(operatorType) + ':' + name;
    const auto it = cache.find(key);
    if (it != cache.end())
        return it->second;
    const int id = DremioMetricNames::idOf(kMetricTable, operatorType, name);
    const std::pair<int, bool> entry {id, id >= 0 && isMaxMetric(operatorType, id, name)};
    cache.emplace(std::move(key), entry);
    return entry;
}

/// operatorTypeMetricsMap: one metricDef list per operator type (index = type), the same for every
/// profile of one Dremio version, so it is built once.
const QByteArray& metricsMapJson()
{
    static const QByteArray json = [] {
        DemoJsonWriter w;
        w.beginObject();
        w.key("metricsDef").beginArray();
        for (int type = 0; type < DremioOperatorTypes::count; ++type) {
            w.beginObject();
            w.key("metricDef").beginArray();
            if (std::find(std::begin(kUsedTypes), std::end(kUsedTypes), type) != std::end(kUsedTypes)) {
                for (int id = 0; id < 128; ++id) {
                    const char* name = DremioMetricNames::name(kMetricTable, type, id);
                    if (!name)
                        continue;
                    w.beginObject();
                    w.field("id", id);
                    w.field("name", name);
                    w.field("displayType", 1);
                    w.field("aggregationType", isMaxMetric(type, id, name) ? 1 : 0);
                    w.endObject();
                }
            }
            w.endArray();
            w.endObject();
        }
        w.endArray();
        w.endObject();
        return w.take();
    }();
    return json;
}

QString key(const DemoPlanOp& op)
{
    return QStringLiteral("%1-%2").arg(op.major, 2, 10, QLatin1Char('0')).arg(op.id, 2, 10, QLatin1Char('0'));
}

QString executor(int index)
{
    return QStringLiteral("dremio-executor-%1.dremio-cluster-pod.dremio.svc.cluster.local").arg(index);
}

/// Splits the explain attributes "a=[x], b=[y, z]" at top-level commas into (key, value) pairs.
QVector<QPair<QString, QString>> splitAttributes(const QString& attributes)
{
    QVector<QPair<QString, QString>> out;
    int depth = 0;
    qsizetype start = 0;
    const auto flush = [&](qsizetype end) {
        const QString part = attributes.mid(start, end - start).trimmed();
        const qsizetype equals = part.indexOf(QLatin1Char('='));
        if (equals > 0) {
            QString value = part.mid(equals + 1);
            if (value.startsWith(QLatin1Char('[')) && value.endsWith(QLatin1Char(']')))
                value = value.mid(1, value.size() - 2);
            out.append({part.left(equals), value});
        }
    };
    for (qsizetype i = 0; i < attributes.size(); ++i) {
        const QChar c = attributes[i];
        if (c == QLatin1Char('[') || c == QLatin1Char('('))
            ++depth;
        else if (c == QLatin1Char(']') || c == QLatin1Char(')'))
            --depth;
        else if (c == QLatin1Char(',') && depth == 0) {
            flush(i);
            start = i + 1;
        }
    }
    flush(attributes.size());
    return out;
}

/// Thread shares of each fragment: even with some noise, or one hot thread for a skewed fragment.
QVector<QVector<double>> threadShares(const DemoPlan& plan, quint64 seed)
{
    QVector<QVector<double>> shares;
    for (qsizetype major = 0; major < plan.fragments.size(); ++major) {
        const DemoPlanFragment& fragment = plan.fragments[major];
        DemoRandom random(DemoRandom::mix(seed, quint64(major)));
        QVector<double> s(fragment.threads);
        for (double& share : s)
            share = random.uniform(0.85, 1.15);
        if (fragment.skewShare > 0 && fragment.threads > 1) {
            const int hot = int(random.integer(0, fragment.threads - 1));
            double rest = 0;
            for (int i = 0; i < fragment.threads; ++i)
                rest += i == hot ? 0 : s[i];
            for (int i = 0; i < fragment.threads; ++i)
                s[i] = i == hot ? fragment.skewShare : s[i] / rest * (1 - fragment.skewShare);
        } else {
            double total = 0;
            for (double share : s)
                total += share;
            for (double& share : s)
                share /= total;
        }
        shares.append(s);
    }
    return shares;
}

/// The part of `total` that falls on thread `index`, so that the parts add up to the total.
qint64 part(qint64 total, const QVector<double>& shares, int index)
{
    double before = 0;
    for (int i = 0; i < index; ++i)
        before += shares[i];
    const qint64 start = qint64(double(total) * before);
    const qint64 end = index + 1 == shares.size() ? total : qint64(double(total) * (before + shares[index]));
    return std::max<qint64>(0, end - start);
}

class ProfileJson
{
public:
    ProfileJson(const DemoJobSpec& spec, const DemoQueryShape& shape, const DemoPlan& plan)
        : m_spec(spec)
        , m_shape(shape)
        , m_plan(plan)
        , m_shares(threadShares(plan, spec.seed))
    {
        m_w.reserve(32 * 1024);
    }

    QByteArray write();

private:
    void writeFragments();
    void writeMinor(int major, int minor, qint64 fragmentWeight);
    void writeOperator(const DemoPlanOp& op, int minor, qint64 fragmentWeight, qint64* busyNs, qint64* memory);
    QString planText() const;
    QByteArray jsonPlan() const;
    double cumulativeRows(int index) const;
    void writePhases();
    void writeAcceleration();
    void writeStates();
    QVector<int> preOrder() const;
    int maxRelId() const { return 1400 + int(m_plan.ops.size()); }

    const DemoJobSpec& m_spec;
    const DemoQueryShape& m_shape;
    const DemoPlan& m_plan;
    QVector<QVector<double>> m_shares;
    DemoJsonWriter m_w;
};

QVector<int> ProfileJson::preOrder() const
{
    QVector<int> order;
    QVector<int> stack = {m_plan.root};
    while (!stack.isEmpty()) {
        const int index = stack.takeLast();
        order.append(index);
        const DemoPlanOp& op = m_plan.ops[index];
        for (qsizetype i = op.inputs.size() - 1; i >= 0; --i)
            stack.append(op.inputs[i]);
    }
    return order;
}

double ProfileJson::cumulativeRows(int index) const
{
    const DemoPlanOp& op = m_plan.ops[index];
    double total = op.estimatedRows;
    for (int child : op.inputs)
        total += cumulativeRows(child);
    return total;
}

QString ProfileJson::planText() const
{
    // Depth-first from the root, children indented two more spaces, as Dremio prints the plan.
    QString text;
    QVector<QPair<int, int>> stack = {{m_plan.root, 0}};
    while (!stack.isEmpty()) {
        const auto [index, depth] = stack.takeLast();
        const DemoPlanOp& op = m_plan.ops[index];
        const double cumulative = cumulativeRows(index);
        text += key(op) + QString(4 + 2 * depth, QLatin1Char(' ')) + op.prel;
        if (!op.attributes.isEmpty())
            text += QLatin1Char('(') + op.attributes + QLatin1Char(')');
        text += QStringLiteral(" : rowType = %1: rowcount = %2, cumulative cost = {%3 rows, %4 cpu, %5 io, %6 network, "
                               "%7 memory}, id = %8\n")
                    .arg(op.rowType)
                    .arg(op.estimatedRows, 0, 'f', 1)
                    .arg(cumulative, 0, 'f', 1)
                    .arg(cumulative * 9.5, 0, 'f', 1)
                    .arg(cumulative * 4, 0, 'f', 1)
                    .arg(cumulative * 2, 0, 'f', 1)
                    .arg(op.type == 3 || op.type == 4 ? op.estimatedRows * 64 : 0.0, 0, 'f', 1)
                    .arg(maxRelId() - index);
        for (qsizetype i = op.inputs.size() - 1; i >= 0; --i)
            stack.append({op.inputs[i], depth + 1});
    }
    return text;
}

QByteArray ProfileJson::jsonPlan() const
{
    // Keys and field names carry literal quotes ("\"00-01\"", "\"op\""), as Dremio writes them.
    DemoJsonWriter w;
    w.beginObject();
    for (int index : preOrder()) {
        const DemoPlanOp& op = m_plan.ops[index];
        w.key(QLatin1Char('"') + key(op) + QLatin1Char('"')).beginObject();
        w.field("\"op\"", QStringLiteral("com.dremio.exec.planner.physical.") + op.prelClass);
        w.key("\"values\"").beginObject();
        for (const auto& [name, value] : splitAttributes(op.attributes))
            w.field(QStringLiteral("\"%1\"").arg(name).toUtf8().constData(), value);
        w.endObject();
        w.key("\"inputs\"").beginArray();
        for (int child : op.inputs)
            w.value(key(m_plan.ops[child]));
        w.endArray();
        w.field("\"rowType\"", op.rowType);
        w.field("\"rowCount\"", op.estimatedRows);
        const double cumulative = cumulativeRows(index);
        w.field("\"cumulativeCost\"",
            QStringLiteral("{%1 rows, %2 cpu, %3 io, %4 network, 0.0 memory}")
                .arg(cumulative, 0, 'f', 1)
                .arg(cumulative * 9.5, 0, 'f', 1)
                .arg(cumulative * 4, 0, 'f', 1)
                .arg(cumulative * 2, 0, 'f', 1));
        w.endObject();
    }
    w.endObject();
    return w.take();
}

void ProfileJson::writeOperator(const DemoPlanOp& op, int minor, qint64 fragmentWeight, qint64* busyNs, qint64* memory)
{
    const QVector<double>& shares = m_shares[op.major];
    const double maxShare = *std::max_element(shares.begin(), shares.end());
    const double share = shares[minor];
    // The busiest thread spends the operator's weight of the running time; the others in proportion.
    const double runningNs = double(std::max<qint64>(1, m_spec.runningMs)) * 1e6;
    const qint64 processNs = qint64(op.weight / double(fragmentWeight) * 1000.0 * 0.85 * runningNs * share / maxShare);
    const qint64 setupNs = 300'000 + qint64((m_spec.seed >> (minor % 40)) % 3'000'000);
    const bool scan = op.type == 53 || op.type == 52;
    const bool receiver = DremioOperatorTypes::isReceiver(op.type);
    const qint64 waitNs = scan ? processNs / 3 : receiver ? qint64(runningNs * 0.3) : processNs / 50;
    *busyNs += processNs + setupNs;
    const qint64 peak = op.peakMemory + qint64(double(op.peakMemory) * 0.1 * share);
    *memory += peak;

    m_w.beginObject();
    m_w.key("inputProfile").beginArray();
    for (qsizetype i = 0; i < op.inputRecords.size(); ++i) {
        const qint64 records = part(op.inputRecords[i], shares, minor);
        m_w.beginObject();
        m_w.field("records", records);
        m_w.field("batches", (records + 4095) / 4096);
        m_w.field("size", records * m_plan.ops[op.inputs[i]].rowBytes);
        m_w.endObject();
    }
    m_w.endArray();
    m_w.field("operatorId", op.id);
    m_w.field("operatorType", op.type);
    m_w.field("setupNanos", setupNs);
    m_w.field("processNanos", processNs);
    m_w.field("peakLocalMemoryAllocated", peak);
    m_w.key("metric").beginArray();
    for (const auto& [name, total] : op.metrics) {
        const auto [id, max] = metricId(op.type, name);
        if (id < 0)
            continue; // not a metric of this operator type in 25.x
        m_w.beginObject();
        m_w.field("metricId", id);
        m_w.field("longValue", max ? total : part(total, shares, minor));
        m_w.endObject();
    }
    m_w.endArray();
    m_w.field("waitNanos", waitNs);
    m_w.field("operatorSubtype", 0);
    const qint64 output = part(op.outputRecords, shares, minor);
    m_w.field("outputRecords", output);
    m_w.field("outputBytes", output * op.rowBytes);
    m_w.endObject();
}

void ProfileJson::writeMinor(int major, int minor, qint64 fragmentWeight)
{
    const qint64 runStart = m_spec.runningStartMs();
    const qint64 runEnd = runStart + m_spec.runningMs;
    const bool failed = m_spec.job.state == QLatin1String("FAILED");
    QVector<const DemoPlanOp*> ops;
    for (const DemoPlanOp& op : m_plan.ops) {
        if (op.major == major)
            ops.append(&op);
    }
    std::sort(ops.begin(), ops.end(), [](const DemoPlanOp* a, const DemoPlanOp* b) { return a->id < b->id; });

    m_w.beginObject();
    // The hottest thread of the widest fragment is the one that failed.
    const bool failedHere = failed && major == 1 && minor == 0;
    m_w.field("state", failedHere ? 5 : 3);
    m_w.field("minorFragmentId", minor);
    m_w.key("operatorProfile").beginArray();
    qint64 busyNs = 0;
    qint64 memory = 0;
    for (const DemoPlanOp* op : ops)
        writeOperator(*op, minor, fragmentWeight, &busyNs, &memory);
    m_w.endArray();
    const qint64 start = std::min(runEnd, runStart + (minor * 7 + major * 3) % 60);
    const qint64 busyMs = busyNs / 1'000'000;
    const qint64 end = std::clamp(start + busyMs + 5, start, runEnd);
    m_w.field("startTime", start);
    m_w.field("endTime", end);
    m_w.field("memoryUsed", qint64(0));
    m_w.field("maxMemoryUsed", memory);
    m_w.key("endpoint").beginObject();
    m_w.field("address", executor(minor % std::max(1, m_spec.executors)));
    m_w.field("fabricPort", kFabricPort);
    m_w.endObject();
    m_w.field("lastUpdate", end);
    m_w.field("lastProgress", end);
    m_w.field("maxIncomingMemoryUsed", qint64(0));
    m_w.field("sleepingDuration", qint64(0));
    const qint64 blocked = std::max<qint64>(0, end - start - busyMs);
    m_w.field("blockedDuration", blocked);
    m_w.field("firstRun", start + 1);
    m_w.field("runDuration", busyMs);
    m_w.field("numRuns", 1 + busyMs / 100);
    m_w.field("setupDuration", qint64(3 + minor % 5));
    m_w.field("finishDuration", qint64(1));
    m_w.field("blockedOnUpstreamDuration", blocked * 2 / 3);
    m_w.field("blockedOnDownstreamDuration", blocked / 6);
    m_w.field("blockedOnSharedResourceDuration", blocked - blocked * 2 / 3 - blocked / 6);
    m_w.key("perResourceBlockedDuration").beginArray();
    m_w.beginObject();
    m_w.field("resource", "UNORDERED_RECV_MEM_BUFFER");
    m_w.field("category", 0);
    m_w.field("duration", blocked - blocked * 2 / 3 - blocked / 6);
    m_w.endObject();
    m_w.endArray();
    m_w.endObject();
}

void ProfileJson::writeFragments()
{
    m_w.key("fragmentProfile").beginArray();
    for (qsizetype major = 0; major < m_plan.fragments.size(); ++major) {
        // Weights in thousandths so the busiest thread's operators together fill ~85% of the run.
        double weight = 0;
        for (const DemoPlanOp& op : m_plan.ops)
            weight += op.major == major ? op.weight : 0;
        const qint64 fragmentWeight = std::max<qint64>(1, qint64(weight * 1000.0));
        m_w.beginObject();
        m_w.field("majorFragmentId", int(major));
        m_w.key("minorFragmentProfile").beginArray();
        for (int minor = 0; minor < m_plan.fragments[major].threads; ++minor)
            writeMinor(int(major), minor, fragmentWeight);
        m_w.endArray();
        m_w.key("nodePhaseProfile").beginArray();
        for (int e = 0; e < std::min(m_spec.executors, m_plan.fragments[major].threads); ++e) {
            m_w.beginObject();
            m_w.key("endpoint").beginObject();
            m_w.field("address", executor(e));
            m_w.field("fabricPort", kFabricPort);
            m_w.endObject();
            m_w.field("maxMemoryUsed", qint64(64 << 20) + major * (8 << 20));
            m_w.endObject();
        }
        m_w.endArray();
        m_w.endObject();
    }
    m_w.endArray();
}

void ProfileJson::writePhases()
{
    // Planner phases with the planning time spread over them in typical proportions.
    static const struct
    {
        const char* name;
        int permille;
    } phases[] = {{"Validation", 180}, {"Convert To Rel", 90}, {"Find Materializations", 60}, {"Substitution", 140},
        {"Logical Planning", 170}, {"Physical Planning", 220}, {"Final Physical Transformation", 40},
        {"Execution Plan: Executor Selection", 20}, {"Execution Plan: Fragment Assignment", 30},
        {"Execution Plan: Plan Generation", 30}, {"Fragment Start RPCs", 20}};
    m_w.key("planPhases").beginArray();
    const int count = m_spec.failedInPlanning ? 1 : int(std::size(phases));
    for (int i = 0; i < count; ++i) {
        m_w.beginObject();
        m_w.field("phaseName", phases[i].name);
        m_w.field("durationMillis", m_spec.planningMs * phases[i].permille / 1000);
        m_w.field("plan", "");
        m_w.endObject();
    }
    for (const QString& dataset : m_spec.job.datasets) {
        m_w.beginObject();
        m_w.field("phaseName", dataset + QStringLiteral(": CACHED_METADATA"));
        m_w.field("durationMillis", qint64(0));
        m_w.endObject();
    }
    m_w.endArray();
}

void ProfileJson::writeAcceleration()
{
    const bool considered = !m_spec.reflectionId.isEmpty();
    m_w.key("accelerationProfile").beginObject();
    m_w.field("accelerated", m_spec.reflectionChosen);
    m_w.field("numSubstitutions", m_spec.reflectionMatched ? 1 : 0);
    m_w.field("millisTakenGettingMaterializations", considered ? qint64(4) : qint64(0));
    m_w.field("millisTakenNormalizing", considered ? qint64(11) : qint64(0));
    m_w.field("millisTakenSubstituting", considered ? m_spec.planningMs / 7 : qint64(0));
    m_w.key("layoutProfiles").beginArray();
    if (considered) {
        m_w.beginObject();
        m_w.field("layoutId", m_spec.reflectionId);
        m_w.field("materializationId", m_spec.reflectionId.left(8) + QStringLiteral("-m%1").arg(m_spec.day / 7));
        m_w.field("materializationExpirationTimestamp", m_spec.submittedMs() + 86'400'000);
        m_w.field("plan", "");
        const bool aggregate = m_shape.plan != DemoPlanKind::JoinAggregate;
        m_w.key("dimensions").beginArray();
        if (aggregate) {
            m_w.value("order_date");
            m_w.value("region");
        }
        m_w.endArray();
        m_w.key("displayColumns").beginArray();
        if (!aggregate) {
            for (const char* column : {"customer_id", "segment", "order_date", "total_amount"})
                m_w.value(column);
        }
        m_w.endArray();
        m_w.field("numUsed", m_spec.reflectionChosen ? 1 : 0);
        m_w.field("numSubstitutions", m_spec.reflectionMatched ? 1 : 0);
        m_w.field("millisTakenSubstituting", m_spec.planningMs / 7);
        m_w.field("name", m_spec.reflectionName);
        m_w.field("type", aggregate ? 2 : 1); // ReflectionType: 1 RAW, 2 AGGREGATION
        m_w.field("snowflake", false);
        m_w.field("defaultReflection", false);
        m_w.endObject();
    }
    m_w.endArray();
    m_w.key("normalizedQueryPlans").beginArray();
    m_w.endArray();
    m_w.field("accelerationDetails", "");
    m_w.endObject();
}

void ProfileJson::writeStates()
{
    // AttemptEvent.State codes in the order Dremio records them (engine start before queued).
    const bool failed = m_spec.job.state == QLatin1String("FAILED");
    QVector<QPair<int, qint64>> states
        = {{1, m_spec.submittedMs()}, {2, m_spec.submittedMs() + 1}, {3, m_spec.planningStartMs()}};
    if (!m_spec.failedInPlanning) {
        states += {{5, m_spec.planningEndMs()}, {4, m_spec.queuedStartMs()}, {6, m_spec.executionPlanningStartMs()},
            {7, m_spec.startingMs()}, {8, m_spec.runningStartMs()}};
    }
    states.append({failed ? 11 : 9, m_spec.job.endedMs.value_or(m_spec.submittedMs())});
    m_w.key("stateList").beginArray();
    for (const auto& [state, time] : states) {
        m_w.beginObject();
        m_w.field("state", state);
        m_w.field("startTime", time);
        m_w.endObject();
    }
    m_w.endArray();
}

QByteArray ProfileJson::write()
{
    const Job& job = m_spec.job;
    const bool failed = job.state == QLatin1String("FAILED");
    const qint64 end = job.endedMs.value_or(m_spec.submittedMs());
    int minors = 0;
    for (const DemoPlanFragment& fragment : m_plan.fragments)
        minors += fragment.threads;
    if (m_spec.failedInPlanning)
        minors = 0;

    m_w.beginObject();
    m_w.key("id").beginObject();
    m_w.field("part1", m_spec.part1);
    m_w.field("part2", m_spec.part2);
    m_w.endObject();
    m_w.field("start", m_spec.submittedMs());
    m_w.field("end", end);
    m_w.field("query", job.sql);
    if (!m_spec.failedInPlanning)
        m_w.field("plan", planText());
    m_w.key("foreman").beginObject();
    m_w.field("address", "dremio-master-0.dremio-cluster-pod.dremio.svc.cluster.local");
    m_w.field("userPort", 31010);
    m_w.field("fabricPort", kFabricPort);
    m_w.key("roles").beginObject();
    m_w.field("sqlQuery", true);
    m_w.field("javaExecutor", false);
    m_w.field("master", true);
    m_w.endObject();
    m_w.field("maxDirectMemory", qint64(17179869184));
    m_w.field("availableCores", 16);
    m_w.field("dremioVersion", DemoProfileWriter::DremioVersion);
    m_w.endObject();
    m_w.field("state", failed ? 4 : 2); // QueryState: 2 COMPLETED, 4 FAILED
    m_w.field("totalFragments", minors);
    m_w.field("finishedFragments", failed ? std::max(0, minors - 1) : minors);
    if (!m_spec.failedInPlanning)
        writeFragments();
    m_w.field("user", job.user);
    if (failed) {
        const QString errorId = DemoProfileWriter::jobId(qint64(m_spec.seed), m_spec.part1 ^ m_spec.part2);
        m_w.field("error", job.error);
        m_w.field(
            "verboseError", job.error + QStringLiteral("\n\n[Error Id: %1 on %2:31010]").arg(errorId, executor(0)));
        m_w.field("errorId", errorId);
        m_w.field("errorNode", executor(0) + QStringLiteral(":31010"));
    }
    m_w.field("planningStart", m_spec.planningStartMs());
    m_w.field("planningEnd", m_spec.failedInPlanning ? end : m_spec.planningEndMs());
    if (!m_spec.failedInPlanning)
        m_w.field("jsonPlan", QString::fromUtf8(jsonPlan()));
    writePhases();
    writeAcceleration();
    m_w.field("nonDefaultOptionsJSON", "[ ]");
    m_w.key("datasetProfile").beginArray();
    for (const QString& dataset : job.datasets) {
        const bool physical
            = dataset.startsWith(QLatin1String("lakehouse.")) || dataset.startsWith(QLatin1String("staging."));
        m_w.beginObject();
        m_w.field("datasetPath", dataset);
        m_w.field("type", physical ? 1 : 2); // DatasetType: 1 PDS, 2 VDS
        m_w.field("allowApproxStats", false);
        m_w.endObject();
    }
    m_w.endArray();
    m_w.key("nodeProfile").beginArray();
    for (int e = 0; e < (m_spec.failedInPlanning ? 0 : m_spec.executors); ++e) {
        m_w.beginObject();
        m_w.key("endpoint").beginObject();
        m_w.field("address", executor(e));
        m_w.field("fabricPort", kFabricPort);
        m_w.endObject();
        m_w.field("maxMemoryUsed", qint64(96 << 20) + qint64(e) * (16 << 20));
        m_w.field("timeEnqueuedBeforeSubmitMs", qint64(0));
        m_w.field("numberOfCores", 16);
        m_w.endObject();
    }
    m_w.endArray();
    m_w.field("dremioVersion", DemoProfileWriter::DremioVersion);
    m_w.key("operatorTypeMetricsMap");
    m_w.raw(metricsMapJson());
    if (!m_spec.failedInPlanning) {
        m_w.key("resourceSchedulingProfile").beginObject();
        m_w.field("queueName", job.queue);
        m_w.field("queueId", DemoQueryShapes::queueId(job.queue));
        m_w.field("ruleContent",
            job.queue == QLatin1String("ETL Batch") ? "USER in ('dbt_runner', 'etl_service')"
                                                    : "query_cost() < 30000000");
        m_w.field("ruleName", job.queue);
        m_w.field("ruleAction", "PLACE");
        m_w.key("schedulingProperties").beginObject();
        m_w.field("queryCost", job.plannerCost.value_or(0));
        m_w.field("queryType", m_shape.queryType);
        m_w.endObject();
        m_w.field("resourceSchedulingStart", m_spec.queuedStartMs());
        m_w.field("resourceSchedulingEnd", m_spec.executionPlanningStartMs());
        m_w.field("engineName", job.engineName);
        m_w.endObject();
    }
    m_w.field("commandPoolWaitMillis", qint64(0));
    writeStates();
    m_w.field("numPlanCacheUsed", 0);
    int joins = 0;
    for (const DemoPlanOp& op : m_plan.ops)
        joins += op.type == 4 ? 1 : 0;
    m_w.field("numJoinsInUserQuery", int(job.sql.count(QLatin1String("JOIN "))));
    m_w.field("numJoinsInFinalPrel", joins);
    m_w.endObject();
    return m_w.take();
}

} // namespace

QByteArray DemoProfileWriter::write(const DemoJobSpec& spec, const DemoQueryShape& shape)
{
    return write(spec, shape, DemoPlanBuilder::build(spec, shape));
}

QByteArray DemoProfileWriter::write(const DemoJobSpec& spec, const DemoQueryShape& shape, const DemoPlan& plan)
{
    return ProfileJson(spec, shape, plan).write();
}

QString DemoProfileWriter::jobId(qint64 part1, qint64 part2)
{
    const QString hex = QStringLiteral("%1%2")
                            .arg(quint64(part1), 16, 16, QLatin1Char('0'))
                            .arg(quint64(part2), 16, 16, QLatin1Char('0'));
    return hex.left(8) + QLatin1Char('-') + hex.mid(8, 4) + QLatin1Char('-') + hex.mid(12, 4) + QLatin1Char('-')
        + hex.mid(16, 4) + QLatin1Char('-') + hex.mid(20, 12);
}

} // namespace dopt
