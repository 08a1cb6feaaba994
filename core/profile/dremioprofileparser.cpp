#include "dremioprofileparser.h"

#include "dremiometricnames.h"
#include "dremiooperatortypes.h"
#include "dremioplantext.h"
#include "util/saturatingcast.h"

#include <QHash>
#include <QSet>
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <simdjson.h>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dopt {

namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

constexpr int kMaxMetricId = 4096; // larger ids are corrupt data: keeps per-operator tables small
constexpr qint64 kMaxId = 1 << 20; // fragment and operator ids beyond this are corrupt data
constexpr size_t kParserKeepBytes = size_t(64) << 20; // release a thread's parser after bigger documents

QString fromUtf8(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

const char* typeLabel(element e)
{
    switch (e.type()) {
    case simdjson::dom::element_type::ARRAY:
        return "an array";
    case simdjson::dom::element_type::OBJECT:
        return "an object";
    case simdjson::dom::element_type::STRING:
        return "a string";
    case simdjson::dom::element_type::BOOL:
        return "a boolean";
    case simdjson::dom::element_type::NULL_VALUE:
        return "null";
    default:
        return "a number";
    }
}

// Saturating add: counters from a hostile file must not overflow (undefined behaviour).
void addTo(qint64& total, qint64 value)
{
    if (__builtin_add_overflow(total, value, &total))
        total = value > 0 ? std::numeric_limits<qint64>::max() : std::numeric_limits<qint64>::min();
}

bool toInt(element v, qint64* out)
{
    int64_t i = 0;
    if (v.get_int64().get(i) == simdjson::SUCCESS) {
        *out = i;
        return true;
    }
    uint64_t u = 0;
    if (v.get_uint64().get(u) == simdjson::SUCCESS) {
        *out = u > uint64_t(std::numeric_limits<qint64>::max()) ? std::numeric_limits<qint64>::max() : qint64(u);
        return true;
    }
    double d = 0;
    if (v.get_double().get(d) == simdjson::SUCCESS && std::isfinite(d)) {
        *out = roundToInt64(d);
        return true;
    }
    return false;
}

QString uuidString(qint64 part1, qint64 part2)
{
    // java.util.UUID(mostSigBits, leastSigBits).toString(): the two longs as 32 hex digits, 8-4-4-4-12.
    char text[36];
    int length = 0;
    for (int digit = 0; digit < 32; ++digit) {
        if (digit == 8 || digit == 12 || digit == 16 || digit == 20)
            text[length++] = '-';
        const quint64 bits = quint64(digit < 16 ? part1 : part2) >> (4 * (15 - digit % 16));
        text[length++] = "0123456789abcdef"[bits & 0xF];
    }
    return QString::fromLatin1(text, length);
}

QString queryStateName(qint64 state)
{
    static const char* const names[] = {"STARTING", "RUNNING", "COMPLETED", "CANCELED", "FAILED", nullptr, "ENQUEUED"};
    if (state >= 0 && state < qint64(std::size(names)) && names[state])
        return QString::fromLatin1(names[state]);
    return QStringLiteral("STATE_%1").arg(state);
}

QString attemptStateName(qint64 state)
{
    static const char* const names[] = {"INVALID_STATE", "PENDING", "METADATA_RETRIEVAL", "PLANNING", "QUEUED",
        "ENGINE_START", "EXECUTION_PLANNING", "STARTING", "RUNNING", "COMPLETED", "CANCELED", "FAILED"};
    if (state >= 0 && state < qint64(std::size(names)))
        return QString::fromLatin1(names[state]);
    return QStringLiteral("STATE_%1").arg(state);
}

qint64 opKey(qint64 major, qint64 op)
{
    return (major << 32) | op;
}

QString keyText(int major, int op)
{
    if (major < 0 || op < 0)
        return QStringLiteral("%1-%2").arg(major, 2, 10, QLatin1Char('0')).arg(op, 2, 10, QLatin1Char('0'));
    // The same text written directly: every operator gets one, and QString::arg costs more than the rest.
    char text[32];
    char* end = text;
    for (const int number : {major, op}) {
        if (end != text)
            *end++ = '-';
        if (number < 10)
            *end++ = '0';
        end = std::to_chars(end, text + sizeof text, number).ptr;
    }
    return QString::fromLatin1(text, end - text);
}

struct MetricAcc
{
    qint64 sum = 0;
    qint64 max = std::numeric_limits<qint64>::min();
    bool seen = false;
};

/// One operator (major fragment, operator id) summed over the threads that ran it.
struct OpAcc
{
    int major = 0;
    int op = 0;
    int type = -1;
    int threads = 0;
    QVector<qint64> inRecords;
    QVector<qint64> inBytes;
    qint64 setup = 0;
    qint64 process = 0;
    qint64 wait = 0;
    qint64 peak = 0;
    qint64 outRecords = -1;
    qint64 outBytes = -1;
    std::vector<qint64> threadProcess;
    std::vector<qint64> threadRecords;
    std::vector<MetricAcc> metrics;
};

// The name points into the profile's simdjson document, which outlives the builder: most of the
// hundreds of definitions a profile carries are never used, so they are not copied into QStrings.
struct MetricDefinition
{
    std::string_view name;
    bool max = false;
};

struct DefinitionRange
{
    size_t offset = 0;
    size_t size = 0;
};

/// A field found by a single pass over an object's members (absent when !present).
struct Member
{
    element value;
    bool present = false;
};

/// The fields an object is read for, found by one pass over its members instead of one at_key
/// scan each (the first of a repeated key wins, as with at_key): operators, their metrics and the
/// metric definitions come by the hundreds. Candidates are picked by key length, so most members
/// cost one table lookup.
template <size_t N> class FieldSet
{
    static_assert(N <= 32);

public:
    constexpr explicit FieldSet(const std::array<std::string_view, N>& keys)
        : m_keys(keys)
    {
        for (size_t i = 0; i < N; ++i)
            m_byLength[slot(keys[i])] |= quint32(1) << i;
    }

    std::array<Member, N> find(object o) const
    {
        std::array<Member, N> found;
        for (const auto member : o) {
            const std::string_view key = member.key;
            for (quint32 candidates = m_byLength[slot(key)]; candidates; candidates &= candidates - 1) {
                const int i = __builtin_ctz(candidates);
                if (key == m_keys[i]) {
                    if (!found[i].present)
                        found[i] = {member.value, true};
                    break;
                }
            }
        }
        return found;
    }

private:
    static constexpr size_t kLongKeys = 32; // the one slot for keys of this length or longer
    static constexpr size_t slot(std::string_view key) { return std::min(key.size(), kLongKeys); }

    std::array<std::string_view, N> m_keys;
    std::array<quint32, kLongKeys + 1> m_byLength {};
};

ThreadSpread spreadOf(const std::vector<qint64>& values)
{
    ThreadSpread spread;
    if (values.empty())
        return spread;
    double total = 0;
    spread.min = spread.max = double(values.front());
    for (qint64 v : values) {
        total += double(v);
        spread.min = std::min(spread.min, double(v));
        spread.max = std::max(spread.max, double(v));
    }
    spread.avg = total / double(values.size());
    return spread;
}

/// Fills a ParsedProfile from a parsed QueryProfile document; collects warnings as it goes.
class ProfileBuilder
{
public:
    explicit ProfileBuilder(ParsedProfile* out)
        : m_out(out)
    { }

    void run(object top)
    {
        readJob(top);
        readMetricDefinitions(top);
        readFragments(top);
        readPlan(top);
        buildNodes();
        DremioPlanText::linkTree(&m_out->tree, m_plan);
        nameMetrics();
        deriveFigures();
    }

private:
    void warn(const QString& text)
    {
        if (!m_warned.contains(text)) {
            m_warned.insert(text);
            m_out->tree.warnings.append(text);
        }
    }

    void wrongType(const char* path, element v, const char* expected)
    {
        warn(QStringLiteral("%1: expected %2, found %3; ignored")
                 .arg(QLatin1String(path), QLatin1String(expected), QLatin1String(typeLabel(v))));
    }

    // Field getters: false when absent or null; a warning when present with the wrong type. The
    // Member forms read fields a FieldSet found, the object forms look one field up.
    bool field(object o, std::string_view key, element* v)
    {
        return o.at_key(key).get(*v) == simdjson::SUCCESS && !v->is_null();
    }
    static Member memberOf(object o, std::string_view key)
    {
        Member member;
        member.present = o.at_key(key).get(member.value) == simdjson::SUCCESS;
        return member;
    }
    template <typename Convert>
    bool typedValue(const Member& member, const char* path, const char* expected, Convert convert)
    {
        if (!member.present || member.value.is_null())
            return false;
        if (convert(member.value))
            return true;
        wrongType(path, member.value, expected);
        return false;
    }
    bool intField(const Member& member, qint64* out, const char* path)
    {
        return typedValue(member, path, "a number", [out](element v) { return toInt(v, out); });
    }
    bool doubleField(const Member& member, double* out, const char* path)
    {
        return typedValue(member, path, "a number", [out](element v) { return !v.get_double().get(*out); });
    }
    bool boolField(const Member& member, bool* out, const char* path)
    {
        return typedValue(member, path, "a boolean", [out](element v) { return !v.get_bool().get(*out); });
    }
    bool objectField(const Member& member, object* out, const char* path)
    {
        return typedValue(member, path, "an object", [out](element v) { return !v.get_object().get(*out); });
    }
    bool arrayField(const Member& member, array* out, const char* path)
    {
        return typedValue(member, path, "an array", [out](element v) { return !v.get_array().get(*out); });
    }
    bool stringViewField(const Member& member, std::string_view* out, const char* path)
    {
        return typedValue(member, path, "a string", [out](element v) { return !v.get_string().get(*out); });
    }
    bool stringField(const Member& member, QString* out, const char* path)
    {
        std::string_view s;
        if (!stringViewField(member, &s, path))
            return false;
        *out = fromUtf8(s);
        return true;
    }
    bool intField(object o, std::string_view key, qint64* out, const char* path)
    {
        return intField(memberOf(o, key), out, path);
    }
    bool doubleField(object o, std::string_view key, double* out, const char* path)
    {
        return doubleField(memberOf(o, key), out, path);
    }
    bool boolField(object o, std::string_view key, bool* out, const char* path)
    {
        return boolField(memberOf(o, key), out, path);
    }
    bool objectField(object o, std::string_view key, object* out, const char* path)
    {
        return objectField(memberOf(o, key), out, path);
    }
    bool arrayField(object o, std::string_view key, array* out, const char* path)
    {
        return arrayField(memberOf(o, key), out, path);
    }
    bool stringField(object o, std::string_view key, QString* out, const char* path)
    {
        return stringField(memberOf(o, key), out, path);
    }
    bool asObject(element e, object* out, const char* path)
    {
        if (e.get_object().get(*out) == simdjson::SUCCESS)
            return true;
        wrongType(path, e, "an object");
        return false;
    }

    void readJob(object top);
    void readPhases(object top);
    void readAcceleration(object top);
    void readMetricDefinitions(object top);
    void readFragments(object top);
    void readOperator(object o, int major, std::vector<int>& seenInThread);
    void readPlan(object top);
    void buildNodes();
    int chooseFallbackTable(QString* reason);
    void nameMetrics();
    void deriveFigures();

    ParsedProfile* m_out;
    QSet<QString> m_warned;
    std::vector<OpAcc> m_ops;
    std::unordered_map<qint64, int> m_opIndex; // opKey → m_ops index
    QVector<DremioPlanText::Entry> m_plan;
    std::unordered_map<qint64, int> m_planIndex; // opKey → m_plan index
    std::vector<int> m_opOfNode; // tree node → m_ops index
    // Metric definitions of every operator type in one array (one allocation, not one per type):
    // type t's metric id i is m_metricDefs[m_metricDefRanges[t].offset + i] when i < its size.
    std::vector<MetricDefinition> m_metricDefs;
    std::vector<DefinitionRange> m_metricDefRanges; // [operatorType]
    bool m_hasMetricDefs = false;
    int m_versionMajor = -1;
};

void ProfileBuilder::readJob(object top)
{
    Job& job = m_out->job;
    object id;
    if (objectField(top, "id", &id, "id")) {
        qint64 part1 = 0;
        qint64 part2 = 0;
        const bool has1 = intField(id, "part1", &part1, "id.part1");
        const bool has2 = intField(id, "part2", &part2, "id.part2");
        if (has1 || has2) {
            job.jobId = uuidString(part1, part2);
            job.attempt = int(quint64(part2) & 0xFF); // AttemptId: the low byte of part2
        }
    }
    stringField(top, "query", &job.sql, "query");
    stringField(top, "user", &job.user, "user");
    stringField(top, "error", &job.error, "error");
    qint64 value = 0;
    if (intField(top, "state", &value, "state"))
        job.state = queryStateName(value);
    if (intField(top, "start", &value, "start"))
        job.submittedMs = value;
    if (intField(top, "end", &value, "end") && value > 0)
        job.endedMs = value;
    if (job.submittedMs && job.endedMs && *job.endedMs >= *job.submittedMs)
        job.durationMs = *job.endedMs - *job.submittedMs;

    QString version;
    object foreman;
    if (!stringField(top, "dremioVersion", &version, "dremioVersion")
        && objectField(top, "foreman", &foreman, "foreman"))
        stringField(foreman, "dremioVersion", &version, "foreman.dremioVersion");
    m_out->engineVersion = version;
    bool ok = false;
    const int major = QStringView(version).left(version.indexOf(QLatin1Char('.'))).toInt(&ok); // "21" of "21.6.0-..."
    if (ok)
        m_versionMajor = major;

    object scheduling;
    if (objectField(top, "resourceSchedulingProfile", &scheduling, "resourceSchedulingProfile")) {
        stringField(scheduling, "queueName", &job.queue, "resourceSchedulingProfile.queueName");
        stringField(scheduling, "engineName", &job.engineName, "resourceSchedulingProfile.engineName");
        object properties;
        if (objectField(
                scheduling, "schedulingProperties", &properties, "resourceSchedulingProfile.schedulingProperties")) {
            double cost = 0;
            if (doubleField(properties, "queryCost", &cost, "schedulingProperties.queryCost"))
                job.plannerCost = cost;
            QString queryType; // "UI Run" → UI_RUN, the spelling of job.proto's QueryType
            if (stringField(properties, "queryType", &queryType, "schedulingProperties.queryType"))
                job.queryType = queryType.trimmed().toUpper().replace(QLatin1Char(' '), QLatin1Char('_'));
        }
    }

    array datasets;
    if (arrayField(top, "datasetProfile", &datasets, "datasetProfile")) {
        for (element e : datasets) {
            object dataset;
            QString path;
            if (asObject(e, &dataset, "datasetProfile[]")
                && stringField(dataset, "datasetPath", &path, "datasetProfile[].datasetPath")
                && !job.datasets.contains(path)) // profiles repeat a dataset read twice
                job.datasets.append(path);
        }
    }
    readPhases(top);
    readAcceleration(top);
}

void ProfileBuilder::readPhases(object top)
{
    array states;
    if (!arrayField(top, "stateList", &states, "stateList"))
        return;
    QVector<JobPhase> phases;
    for (element e : states) {
        object state;
        qint64 code = 0;
        qint64 start = 0;
        if (!asObject(e, &state, "stateList[]") || !intField(state, "state", &code, "stateList[].state")
            || !intField(state, "startTime", &start, "stateList[].startTime"))
            continue;
        phases.append({attemptStateName(code), start, 0});
    }
    std::stable_sort(
        phases.begin(), phases.end(), [](const JobPhase& a, const JobPhase& b) { return a.startMs < b.startMs; });
    for (qsizetype i = 0; i < phases.size(); ++i) {
        const qint64 next
            = i + 1 < phases.size() ? phases[i + 1].startMs : m_out->job.endedMs.value_or(phases[i].startMs);
        phases[i].durationMs = std::max<qint64>(0, next - phases[i].startMs);
        if (phases[i].name == QLatin1String("RUNNING"))
            m_out->job.startedMs = phases[i].startMs; // execution start, as sys.jobs_recent's execution_start_ts
    }
    m_out->job.phases = phases;
}

void ProfileBuilder::readAcceleration(object top)
{
    object acceleration;
    if (!objectField(top, "accelerationProfile", &acceleration, "accelerationProfile"))
        return;
    boolField(acceleration, "accelerated", &m_out->job.accelerated, "accelerationProfile.accelerated");
    array layouts;
    if (!arrayField(acceleration, "layoutProfiles", &layouts, "accelerationProfile.layoutProfiles"))
        return;
    for (element e : layouts) {
        object layout;
        if (!asObject(e, &layout, "accelerationProfile.layoutProfiles[]"))
            continue;
        ++m_out->reflectionsConsidered;
        qint64 substitutions = 0;
        qint64 used = 0;
        intField(layout, "numSubstitutions", &substitutions, "layoutProfiles[].numSubstitutions");
        intField(layout, "numUsed", &used, "layoutProfiles[].numUsed");
        if (substitutions > 0)
            ++m_out->reflectionsMatched;
        if (used > 0) {
            ++m_out->reflectionsChosen;
            QString layoutId;
            if (stringField(layout, "layoutId", &layoutId, "layoutProfiles[].layoutId"))
                m_out->chosenReflectionIds.append(layoutId);
        }
    }
}

void ProfileBuilder::readMetricDefinitions(object top)
{
    object map;
    array types;
    if (!objectField(top, "operatorTypeMetricsMap", &map, "operatorTypeMetricsMap")
        || !arrayField(map, "metricsDef", &types, "operatorTypeMetricsMap.metricsDef"))
        return;
    m_metricDefs.reserve(1024); // room for a real profile's (about 700): no regrowth
    int type = 0; // metricsDef is indexed by CoreOperatorType
    for (element e : types) {
        object def;
        array metrics;
        if (type < 1024 && asObject(e, &def, "metricsDef[]")
            && arrayField(def, "metricDef", &metrics, "metricsDef[].metricDef")) {
            const size_t offset = m_metricDefs.size();
            for (element m : metrics) {
                object metric;
                if (!asObject(m, &metric, "metricDef[]"))
                    continue;
                static constexpr FieldSet<3> fields({"id", "name", "aggregationType"});
                const auto [idMember, nameMember, aggregationMember] = fields.find(metric);
                qint64 id = -1;
                std::string_view name;
                if (!intField(idMember, &id, "metricDef[].id")
                    || !stringViewField(nameMember, &name, "metricDef[].name"))
                    continue;
                if (id < 0 || id > kMaxMetricId) {
                    warn(QStringLiteral("operatorTypeMetricsMap: metric id %1 out of range; ignored").arg(id));
                    continue;
                }
                qint64 aggregation = 0;
                intField(aggregationMember, &aggregation, "metricDef[].aggregationType");
                if (m_metricDefs.size() == offset + size_t(id))
                    m_metricDefs.push_back({name, aggregation == 1}); // the usual case: ids are the positions
                else {
                    if (m_metricDefs.size() < offset + size_t(id))
                        m_metricDefs.resize(offset + size_t(id) + 1);
                    m_metricDefs[offset + size_t(id)] = {name, aggregation == 1};
                }
                if (m_metricDefRanges.size() <= size_t(type))
                    m_metricDefRanges.resize(size_t(type) + 1);
                m_metricDefRanges[size_t(type)] = {offset, m_metricDefs.size() - offset};
                m_hasMetricDefs = true;
            }
        }
        ++type;
    }
}

void ProfileBuilder::readFragments(object top)
{
    array fragments;
    if (!arrayField(top, "fragmentProfile", &fragments, "fragmentProfile"))
        return;
    int position = 0;
    std::vector<int> seenInThread;
    for (element fe : fragments) {
        object fragment;
        if (!asObject(fe, &fragment, "fragmentProfile[]")) {
            ++position;
            continue;
        }
        qint64 major = position++;
        if (!intField(fragment, "majorFragmentId", &major, "fragmentProfile[].majorFragmentId"))
            warn(QStringLiteral("fragmentProfile[%1]: no majorFragmentId; its position is used").arg(major));
        if (major < 0 || major >= kMaxId) {
            warn(QStringLiteral("fragmentProfile: majorFragmentId %1 out of range; fragment ignored").arg(major));
            continue;
        }
        array minors;
        if (!arrayField(fragment, "minorFragmentProfile", &minors, "fragmentProfile[].minorFragmentProfile"))
            continue;
        for (element me : minors) {
            object minor;
            array operators;
            if (!asObject(me, &minor, "minorFragmentProfile[]")
                || !arrayField(minor, "operatorProfile", &operators, "minorFragmentProfile[].operatorProfile"))
                continue;
            seenInThread.clear();
            for (element oe : operators) {
                object op;
                if (asObject(oe, &op, "operatorProfile[]"))
                    readOperator(op, int(major), seenInThread);
            }
        }
    }
}

void ProfileBuilder::readOperator(object o, int major, std::vector<int>& seenInThread)
{
    static constexpr FieldSet<10> fields({"operatorId", "operatorType", "inputProfile", "setupNanos", "processNanos",
        "waitNanos", "peakLocalMemoryAllocated", "outputRecords", "outputBytes", "metric"});
    const auto [idMember, typeMember, inputsMember, setupMember, processMember, waitMember, peakMember,
        outRecordsMember, outBytesMember, metricsMember]
        = fields.find(o);
    qint64 opId = -1;
    if (!intField(idMember, &opId, "operatorProfile[].operatorId")) {
        warn(QStringLiteral("fragment %1: an operator without operatorId; ignored").arg(major));
        return;
    }
    if (opId < 0 || opId >= kMaxId) {
        warn(QStringLiteral("fragment %1: operatorId %2 out of range; ignored").arg(major).arg(opId));
        return;
    }
    qint64 type = -1;
    intField(typeMember, &type, "operatorProfile[].operatorType");
    type = std::clamp<qint64>(type, -1, std::numeric_limits<int>::max());

    const qint64 key = opKey(major, opId);
    auto [it, inserted] = m_opIndex.try_emplace(key, int(m_ops.size()));
    if (inserted) {
        m_ops.emplace_back();
        m_ops.back().major = major;
        m_ops.back().op = int(opId);
        m_ops.back().type = int(type);
    }
    OpAcc& acc = m_ops[it->second];
    if (std::find(seenInThread.begin(), seenInThread.end(), it->second) != seenInThread.end()) {
        warn(QStringLiteral("operator %1 appears twice in one thread; the repeat is ignored")
                 .arg(keyText(major, int(opId))));
        return;
    }
    seenInThread.push_back(it->second);
    if (acc.type != type)
        warn(QStringLiteral("operator %1 reports types %2 and %3; the first is kept")
                 .arg(keyText(major, int(opId)))
                 .arg(acc.type)
                 .arg(type));
    ++acc.threads;

    qint64 threadRecords = 0;
    array inputs;
    if (arrayField(inputsMember, &inputs, "operatorProfile[].inputProfile")) {
        int index = 0;
        for (element ie : inputs) {
            object input;
            if (index < 64 && asObject(ie, &input, "inputProfile[]")) {
                if (acc.inRecords.size() <= index) {
                    acc.inRecords.resize(index + 1);
                    acc.inBytes.resize(index + 1);
                }
                qint64 value = 0;
                if (intField(input, "records", &value, "inputProfile[].records")) {
                    addTo(acc.inRecords[index], value);
                    addTo(threadRecords, value);
                }
                if (intField(input, "size", &value, "inputProfile[].size"))
                    addTo(acc.inBytes[index], value);
            }
            ++index;
        }
    }
    acc.threadRecords.push_back(threadRecords);

    qint64 value = 0;
    if (intField(setupMember, &value, "operatorProfile[].setupNanos"))
        addTo(acc.setup, value);
    qint64 process = 0;
    intField(processMember, &process, "operatorProfile[].processNanos");
    addTo(acc.process, process);
    acc.threadProcess.push_back(process);
    if (intField(waitMember, &value, "operatorProfile[].waitNanos"))
        addTo(acc.wait, value);
    if (intField(peakMember, &value, "operatorProfile[].peakLocalMemoryAllocated"))
        acc.peak = std::max(acc.peak, value);
    if (intField(outRecordsMember, &value, "operatorProfile[].outputRecords")) {
        acc.outRecords = std::max<qint64>(acc.outRecords, 0); // -1 meant "not reported"
        addTo(acc.outRecords, value);
    }
    if (intField(outBytesMember, &value, "operatorProfile[].outputBytes")) {
        acc.outBytes = std::max<qint64>(acc.outBytes, 0);
        addTo(acc.outBytes, value);
    }

    array metrics;
    if (!arrayField(metricsMember, &metrics, "operatorProfile[].metric"))
        return;
    for (element me : metrics) {
        object metric;
        qint64 id = -1;
        if (!asObject(me, &metric, "metric[]") || !intField(metric, "metricId", &id, "metric[].metricId"))
            continue;
        if (id < 0 || id > kMaxMetricId) {
            warn(QStringLiteral("operator %1: metric id %2 out of range; ignored")
                     .arg(keyText(major, int(opId)))
                     .arg(id));
            continue;
        }
        qint64 metricValue = 0;
        if (!intField(metric, "longValue", &metricValue, "metric[].longValue")) {
            double d = 0;
            if (!doubleField(metric, "doubleValue", &d, "metric[].doubleValue") || !std::isfinite(d))
                continue;
            metricValue = roundToInt64(d);
        }
        if (acc.metrics.size() <= size_t(id))
            acc.metrics.resize(size_t(id) + 1);
        MetricAcc& m = acc.metrics[size_t(id)];
        addTo(m.sum, metricValue);
        m.max = std::max(m.max, metricValue);
        m.seen = true;
    }
}

void ProfileBuilder::readPlan(object top)
{
    element jsonPlan;
    std::string_view text;
    if (field(top, "jsonPlan", &jsonPlan)) {
        QString error;
        if (jsonPlan.get_string().get(text) != simdjson::SUCCESS)
            wrongType("jsonPlan", jsonPlan, "a string");
        else if (!text.empty() && !DremioPlanText::entriesFromJson(text, &m_plan, &error))
            warn(error + QLatin1String("; the plan text is used instead"));
    }
    element plan;
    if (m_plan.isEmpty() && field(top, "plan", &plan)) {
        if (plan.get_string().get(text) == simdjson::SUCCESS)
            m_plan = DremioPlanText::entriesFromText(fromUtf8(text));
        else
            wrongType("plan", plan, "a string");
    }
    for (qsizetype i = 0; i < m_plan.size(); ++i)
        m_planIndex.emplace(opKey(m_plan[i].majorFragment, m_plan[i].operatorId), int(i));
}

void ProfileBuilder::buildNodes()
{
    std::vector<int> order(m_ops.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = int(i);
    std::sort(order.begin(), order.end(),
        [this](int a, int b) { return opKey(m_ops[a].major, m_ops[a].op) < opKey(m_ops[b].major, m_ops[b].op); });
    PlanTree& tree = m_out->tree;
    tree.nodes.reserve(qsizetype(order.size()));
    for (int opIndex : order) {
        const OpAcc& acc = m_ops[opIndex];
        PlanNode node;
        node.index = int(tree.nodes.size());
        node.key = keyText(acc.major, acc.op);
        node.majorFragment = acc.major;
        node.operatorId = acc.op;
        node.operatorType = acc.type;
        node.typeName = DremioOperatorTypes::nameOrUnknown(acc.type);
        if (!DremioOperatorTypes::isKnown(acc.type))
            warn(QStringLiteral("operator %1: unknown operator type %2 (kept as %3)")
                     .arg(node.key)
                     .arg(acc.type)
                     .arg(node.typeName));
        node.inputRecordsPerInput = acc.inRecords;
        if (!acc.inRecords.isEmpty()) {
            node.inputRecords = node.inputBytes = 0;
            for (qsizetype i = 0; i < acc.inRecords.size(); ++i) {
                addTo(node.inputRecords, acc.inRecords[i]);
                addTo(node.inputBytes, acc.inBytes[i]);
            }
        }
        node.outputRecords = acc.outRecords;
        node.outputBytes = acc.outBytes;
        node.setupNs = acc.setup;
        node.processNs = acc.process;
        node.waitNs = acc.wait;
        node.peakMemoryBytes = acc.peak;
        node.threadCount = acc.threads;
        node.processNsSpread = spreadOf(acc.threadProcess);
        node.recordsSpread = spreadOf(acc.threadRecords);
        // Dremio's rule (QueryProfileUtil): > 3 threads, > 1 s processing, > 75 % of threads below average.
        if (acc.threads > 3 && acc.process > 1000000000LL) {
            const double average = node.processNsSpread.avg;
            const auto below = std::count_if(acc.threadProcess.begin(), acc.threadProcess.end(),
                [average](qint64 v) { return double(v) < average; });
            node.skewed = double(below) > 0.75 * double(acc.threads);
        }
        const auto plan = m_planIndex.find(opKey(acc.major, acc.op));
        if (plan != m_planIndex.end()) {
            node.estimatedRows = m_plan[plan->second].rowCount;
            node.detail = m_plan[plan->second].detail;
            node.attributes = m_plan[plan->second].attributes;
        }
        m_opOfNode.push_back(opIndex);
        tree.nodes.append(node);
    }
}

int ProfileBuilder::chooseFallbackTable(QString* reason)
{
    using Table = DremioMetricNames::Table;
    if (m_versionMajor >= 0) {
        *reason = QStringLiteral("Dremio %1").arg(m_out->engineVersion);
        return int(DremioMetricNames::tableForMajorVersion(m_versionMajor));
    }
    // No version recorded: let the data decide. A hash join's OUTPUT_RECORDS must equal what its
    // consumer received from it; the table whose id gives that figure is the right one.
    const PlanTree& tree = m_out->tree;
    for (const PlanNode& node : tree.nodes) {
        if (node.operatorType != 4 || node.parent < 0)
            continue;
        const PlanNode& consumer = tree.nodes[node.parent];
        const qsizetype position = consumer.children.indexOf(node.index);
        if (position < 0 || position >= consumer.inputRecordsPerInput.size())
            continue;
        const OpAcc& acc = m_ops[m_opOfNode[node.index]];
        for (Table table : {Table::Dremio25, Table::Dremio21}) {
            const int id = DremioMetricNames::idOf(table, 4, "OUTPUT_RECORDS");
            if (id >= 0 && size_t(id) < acc.metrics.size() && acc.metrics[id].seen
                && acc.metrics[id].sum == consumer.inputRecordsPerInput[position]) {
                *reason = QStringLiteral("no version recorded; %1 OUTPUT_RECORDS matches the rows %2 received")
                              .arg(node.key, consumer.key);
                return int(table);
            }
        }
    }
    *reason = QStringLiteral("no version recorded; assumed the newest table");
    return int(Table::Dremio25);
}

void ProfileBuilder::nameMetrics()
{
    // Names: the profile's own map first; the version's fallback table for what the map lacks
    // (all of it when the map is empty); METRIC_<id> last.
    using Table = DremioMetricNames::Table;
    QString reason;
    const Table table = Table(chooseFallbackTable(&reason));
    std::map<int, std::set<int>> unknown; // operator type → metric ids without a name
    std::set<int> fromTable; // operator types named (partly) by the fallback table
    for (PlanNode& node : m_out->tree.nodes) {
        const OpAcc& acc = m_ops[m_opOfNode[node.index]];
        for (size_t id = 0; id < acc.metrics.size(); ++id) {
            const MetricAcc& metric = acc.metrics[id];
            if (!metric.seen)
                continue;
            QString name;
            bool max = false;
            if (acc.type >= 0 && size_t(acc.type) < m_metricDefRanges.size() && id < m_metricDefRanges[acc.type].size) {
                const MetricDefinition& definition = m_metricDefs[m_metricDefRanges[acc.type].offset + id];
                name = fromUtf8(definition.name);
                max = definition.max;
            }
            if (name.isEmpty()) {
                if (const char* known = DremioMetricNames::name(table, acc.type, int(id), &max)) {
                    name = QString::fromLatin1(known);
                    fromTable.insert(acc.type);
                }
            }
            if (name.isEmpty()) {
                name = QStringLiteral("METRIC_%1").arg(id);
                unknown[acc.type].insert(int(id));
            }
            node.metrics.insert(name, max ? metric.max : metric.sum);
        }
    }
    if (!fromTable.empty() && !m_hasMetricDefs) {
        warn(QStringLiteral("operatorTypeMetricsMap is empty: metric names from the %1 table (%2)")
                 .arg(DremioMetricNames::tableLabel(table), reason));
    } else {
        for (int type : fromTable)
            warn(QStringLiteral("%1: metric names missing from the profile's map, taken from the %2 table")
                     .arg(DremioOperatorTypes::nameOrUnknown(type), DremioMetricNames::tableLabel(table)));
    }
    for (const auto& [type, ids] : unknown) {
        QStringList list;
        for (int id : ids)
            list.append(QString::number(id));
        warn(QStringLiteral("%1: metric ids %2 have no name (kept as METRIC_<id>)")
                 .arg(DremioOperatorTypes::nameOrUnknown(type), list.join(QLatin1String(", "))));
    }
}

void ProfileBuilder::deriveFigures()
{
    PlanTree& tree = m_out->tree;
    for (PlanNode& node : tree.nodes) {
        for (const char* spill : {"TOTAL_SPILLED_DATA_SIZE", "SPILL_WR_BUILD_BYTES", "SPILL_WR_PROBE_BYTES"})
            addTo(node.spilledBytes, std::max<qint64>(0, node.metrics.value(QLatin1String(spill))));
        if (node.outputRecords >= 0)
            continue;
        for (const char* name : {"OUTPUT_RECORDS", "RECORDS_SENT"}) {
            const auto it = node.metrics.constFind(QLatin1String(name));
            if (it != node.metrics.cend()) {
                node.outputRecords = it.value();
                break;
            }
        }
        if (node.outputRecords >= 0 || node.parent < 0)
            continue;
        // What the consumer received on the input this operator feeds. Readers (scans, table
        // functions) report the rows they produce as their input, so they tell nothing here.
        const PlanNode& consumer = tree.nodes[node.parent];
        if (DremioOperatorTypes::isScan(consumer.operatorType) || consumer.typeName == QLatin1String("TABLE_FUNCTION"))
            continue;
        const qsizetype position = consumer.children.indexOf(node.index);
        if (position >= 0 && position < consumer.inputRecordsPerInput.size())
            node.outputRecords = consumer.inputRecordsPerInput[position];
    }
    for (int root : std::as_const(tree.roots)) {
        if (tree.nodes[root].typeName == QLatin1String("SCREEN") && tree.nodes[root].inputRecords >= 0
            && !m_out->job.rowsReturned)
            m_out->job.rowsReturned = tree.nodes[root].inputRecords;
    }
}

bool onlyWhitespace(const QByteArray& json)
{
    for (char c : json) {
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            return false;
    }
    return true;
}

} // namespace

bool DremioProfileParser::parse(const QByteArray& json, ParsedProfile* out, QString* error)
{
    const auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    if (!out)
        return fail(QStringLiteral("Dremio profile: no output given"));
    *out = ParsedProfile();
    if (onlyWhitespace(json))
        return fail(QStringLiteral("Dremio profile: the input is empty"));

    thread_local simdjson::dom::parser parser;
    element root;
    const auto parseError = parser.parse(json.constData(), size_t(json.size())).get(root);
    if (parseError)
        return fail(QStringLiteral("Dremio profile: not valid JSON (%1)")
                        .arg(QLatin1String(simdjson::error_message(parseError))));
    object top;
    if (root.get_object().get(top))
        return fail(QStringLiteral("Dremio profile: expected a JSON object at the top level, found %1")
                        .arg(QLatin1String(typeLabel(root))));
    element probe;
    if (top.at_key("id").get(probe) && top.at_key("fragmentProfile").get(probe))
        return fail(
            QStringLiteral("Dremio profile: neither \"id\" nor \"fragmentProfile\" present: not a QueryProfile"));

    ProfileBuilder(out).run(top);
    if (parser.capacity() > kParserKeepBytes)
        parser = simdjson::dom::parser(); // do not keep a huge buffer alive for the thread's lifetime
    if (error)
        error->clear();
    return true;
}

} // namespace dopt
