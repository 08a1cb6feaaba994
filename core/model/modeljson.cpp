#include "modeljson.h"

namespace dopt {

namespace {
template <typename T> QJsonValue optionalValue(const std::optional<T>& value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonValue countValue(qint64 value)
{
    return value < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

QJsonObject spread(const ThreadSpread& s)
{
    return {{QStringLiteral("min"), s.min}, {QStringLiteral("avg"), s.avg}, {QStringLiteral("max"), s.max}};
}
} // namespace

QJsonObject ModelJson::job(const Job& job)
{
    QJsonArray phases;
    for (const JobPhase& phase : job.phases) {
        phases.append(QJsonObject {{QStringLiteral("name"), phase.name}, {QStringLiteral("startMs"), phase.startMs},
            {QStringLiteral("durationMs"), phase.durationMs}});
    }
    return {
        {QStringLiteral("engine"), job.engine},
        {QStringLiteral("jobId"), job.jobId},
        {QStringLiteral("attempt"), job.attempt},
        {QStringLiteral("state"), job.state},
        {QStringLiteral("user"), job.user},
        {QStringLiteral("queue"), job.queue},
        {QStringLiteral("queryType"), job.queryType},
        {QStringLiteral("engineName"), job.engineName},
        {QStringLiteral("submittedMs"), optionalValue(job.submittedMs)},
        {QStringLiteral("startedMs"), optionalValue(job.startedMs)},
        {QStringLiteral("endedMs"), optionalValue(job.endedMs)},
        {QStringLiteral("durationMs"), optionalValue(job.durationMs)},
        {QStringLiteral("rowsScanned"), optionalValue(job.rowsScanned)},
        {QStringLiteral("bytesScanned"), optionalValue(job.bytesScanned)},
        {QStringLiteral("rowsReturned"), optionalValue(job.rowsReturned)},
        {QStringLiteral("bytesReturned"), optionalValue(job.bytesReturned)},
        {QStringLiteral("plannerCost"), job.plannerCost ? QJsonValue(*job.plannerCost) : QJsonValue()},
        {QStringLiteral("accelerated"), job.accelerated},
        {QStringLiteral("error"), job.error},
        {QStringLiteral("datasets"), QJsonArray::fromStringList(job.datasets)},
        {QStringLiteral("phases"), phases},
        {QStringLiteral("sql"), job.sql},
    };
}

QJsonObject ModelJson::planNode(const PlanNode& node, const PlanTree& tree)
{
    QJsonArray children;
    for (int child : node.children)
        children.append(tree.nodes.value(child).key);
    QJsonArray perInput;
    for (qint64 records : node.inputRecordsPerInput)
        perInput.append(records);
    QJsonObject metrics;
    for (auto it = node.metrics.cbegin(); it != node.metrics.cend(); ++it)
        metrics.insert(it.key(), it.value());
    QJsonArray attributes; // an array: plan order matters and a name may repeat
    for (const auto& [name, value] : node.attributes)
        attributes.append(QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("value"), value}});
    return {
        {QStringLiteral("key"), node.key},
        {QStringLiteral("type"), node.typeName},
        {QStringLiteral("operatorType"), node.operatorType},
        {QStringLiteral("detail"), node.detail},
        {QStringLiteral("attributes"), attributes},
        {QStringLiteral("parent"), node.parent < 0 ? QJsonValue() : QJsonValue(tree.nodes.value(node.parent).key)},
        {QStringLiteral("children"), children},
        {QStringLiteral("threads"), node.threadCount},
        {QStringLiteral("inputRecords"), countValue(node.inputRecords)},
        {QStringLiteral("inputRecordsPerInput"), perInput},
        {QStringLiteral("inputBytes"), countValue(node.inputBytes)},
        {QStringLiteral("outputRecords"), countValue(node.outputRecords)},
        {QStringLiteral("outputBytes"), countValue(node.outputBytes)},
        {QStringLiteral("estimatedRows"), node.estimatedRows < 0 ? QJsonValue() : QJsonValue(node.estimatedRows)},
        {QStringLiteral("setupNs"), node.setupNs},
        {QStringLiteral("processNs"), node.processNs},
        {QStringLiteral("waitNs"), node.waitNs},
        {QStringLiteral("peakMemoryBytes"), node.peakMemoryBytes},
        {QStringLiteral("spilledBytes"), node.spilledBytes},
        {QStringLiteral("processNsSpread"), spread(node.processNsSpread)},
        {QStringLiteral("recordsSpread"), spread(node.recordsSpread)},
        {QStringLiteral("skewed"), node.skewed},
        {QStringLiteral("metrics"), metrics},
    };
}

QJsonArray ModelJson::planTree(const PlanTree& tree)
{
    QJsonArray nodes;
    for (const auto& [index, depth] : tree.depthFirst()) {
        QJsonObject node = planNode(tree.nodes[index], tree);
        node.insert(QStringLiteral("depth"), depth);
        nodes.append(node);
    }
    return nodes;
}

} // namespace dopt
