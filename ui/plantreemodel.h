#pragma once

#include "model/plantree.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QStringList>

namespace dopt {

/// The profile tree: a read-only tree model over a dopt::PlanTree (consumers above producers, as
/// Dremio draws plans). Skewed operators carry a warning icon, a tint and a tooltip with the
/// per-thread min/avg/max spread; the "% of time" column exposes its fraction through FractionRole
/// for PercentBarDelegate.
class PlanTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column {
        OperatorColumn,
        DetailColumn,
        ThreadsColumn,
        InputRowsColumn,
        OutputRowsColumn,
        EstimatedRowsColumn,
        ProcessTimeColumn,
        WaitTimeColumn,
        PeakMemoryColumn,
        SpilledColumn,
        TimeShareColumn,
        ColumnCount
    };
    enum Role {
        FractionRole = Qt::UserRole + 1, // double 0..1: the operator's share of the process time
        SkewedRole, // bool
        NodeIndexRole, // int: index into PlanTree::nodes
        SortValueRole, // the raw number behind a cell
        FindingRole, // QString: titles of the findings that point at this operator, empty otherwise
    };

    explicit PlanTreeModel(QObject* parent = nullptr);

    /// Replaces the tree (model reset). Inconsistent links (a child listed by the wrong parent, a
    /// cycle) are repaired for display: such nodes are shown as extra roots instead of vanishing.
    void setTree(const PlanTree& tree);
    void clear();
    const PlanTree& tree() const { return m_tree; }
    /// Marks operators (by PlanNode::key) that findings point at: tinted, flagged and explained in the
    /// tooltip. `titles` maps a key to the findings' titles.
    void setFindingMarks(const QHash<QString, QStringList>& titles);
    /// The node whose key is `key`, -1 when absent.
    int nodeForKey(const QString& key) const;
    /// The index of node `nodeIndex` in column `column`, invalid when absent.
    QModelIndex indexForNode(int nodeIndex, int column = 0) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const QVector<int>& childrenOf(int node) const { return node < 0 ? m_roots : m_children[node]; }
    QVariant displayValue(const PlanNode& node, int column) const;
    QVariant toolTipValue(const PlanNode& node, int column) const;
    QVariant sortValue(const PlanNode& node, int column) const;
    double fraction(const PlanNode& node) const;

    PlanTree m_tree;
    QVector<int> m_roots;
    QVector<QVector<int>> m_children; // per node, as displayed
    QVector<int> m_parent; // per node, as displayed (-1 for roots)
    QVector<int> m_row; // per node: its row under its displayed parent
    qint64 m_totalProcessNs = 0;
    QHash<QString, QStringList> m_findingTitles; // operator key → findings pointing at it
};

} // namespace dopt
