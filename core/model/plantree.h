#pragma once

#include "plannode.h"

#include <QStringList>

namespace dopt {

/// The operators of one query execution and their producer/consumer links, the same for every engine.
/// Detectors, the profile view and the ML features all read this one model.
class PlanTree
{
public:
    QVector<PlanNode> nodes;
    QVector<int> roots; // nodes without a consumer
    QStringList warnings; // what the parser could not interpret (unknown operator types, metric ids...)

    bool isEmpty() const { return nodes.isEmpty(); }
    int size() const { return nodes.size(); }
    const PlanNode* find(const QString& key) const;
    QVector<const PlanNode*> ofType(const QString& typeName) const;
    qint64 totalProcessNs() const;
    int operatorTypeCount() const;
    /// Depth-first order from the roots; each node's depth in the second member.
    QVector<QPair<int, int>> depthFirst() const;
    /// Compact one-line-per-node rendering, used by tests and the CLI.
    QString toText() const;
};

} // namespace dopt
