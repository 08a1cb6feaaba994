#include "plantree.h"

#include <QSet>

namespace dopt {

const PlanNode* PlanTree::find(const QString& key) const
{
    for (const PlanNode& node : nodes) {
        if (node.key == key)
            return &node;
    }
    return nullptr;
}

QVector<const PlanNode*> PlanTree::ofType(const QString& typeName) const
{
    QVector<const PlanNode*> found;
    for (const PlanNode& node : nodes) {
        if (node.typeName == typeName)
            found.append(&node);
    }
    return found;
}

qint64 PlanTree::totalProcessNs() const
{
    qint64 total = 0;
    for (const PlanNode& node : nodes)
        total += node.processNs;
    return total;
}

int PlanTree::operatorTypeCount() const
{
    QSet<QString> types;
    for (const PlanNode& node : nodes)
        types.insert(node.typeName);
    return types.size();
}

QVector<QPair<int, int>> PlanTree::depthFirst() const
{
    QVector<QPair<int, int>> order;
    QVector<bool> seen(nodes.size(), false);
    QVector<QPair<int, int>> stack;
    for (auto it = roots.crbegin(); it != roots.crend(); ++it)
        stack.append({*it, 0});
    while (!stack.isEmpty()) {
        const auto [index, depth] = stack.takeLast();
        if (index < 0 || index >= nodes.size() || seen[index])
            continue; // guards against cycles in malformed plans
        seen[index] = true;
        order.append({index, depth});
        const auto& children = nodes[index].children;
        for (auto it = children.crbegin(); it != children.crend(); ++it)
            stack.append({*it, depth + 1});
    }
    return order;
}

QString PlanTree::toText() const
{
    QString text;
    for (const auto& [index, depth] : depthFirst()) {
        const PlanNode& node = nodes[index];
        text += QString(depth * 2, QLatin1Char(' '))
            + QStringLiteral("%1 %2 threads=%3 in=%4 out=%5\n")
                  .arg(node.key, node.typeName)
                  .arg(node.threadCount)
                  .arg(node.inputRecords)
                  .arg(node.outputRecords);
    }
    return text;
}

} // namespace dopt
