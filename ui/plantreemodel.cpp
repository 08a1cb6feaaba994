#include "plantreemodel.h"

#include "displayformat.h"

#include <QApplication>
#include <QBrush>
#include <QColor>
#include <QIcon>
#include <QLocale>
#include <QStyle>

namespace dopt {

PlanTreeModel::PlanTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
{ }

void PlanTreeModel::clear()
{
    setTree(PlanTree());
}

void PlanTreeModel::setTree(const PlanTree& tree)
{
    beginResetModel();
    m_tree = tree;
    const int n = m_tree.nodes.size();
    m_roots.clear();
    m_children = QVector<QVector<int>>(n);
    m_parent = QVector<int>(n, -1);
    m_row = QVector<int>(n, 0);

    // A node hangs under its declared parent when that parent exists; children keep the parent's
    // order (probe before build) where the parent lists them.
    for (int i = 0; i < n; ++i) {
        const int p = m_tree.nodes[i].parent;
        if (p >= 0 && p < n && p != i)
            m_parent[i] = p;
    }
    // Break cycles: walking up from any node must reach a root within n steps.
    for (int i = 0; i < n; ++i) {
        int steps = 0;
        for (int p = m_parent[i]; p >= 0 && steps <= n; p = m_parent[p])
            ++steps;
        if (steps > n)
            m_parent[i] = -1;
    }
    QVector<bool> placed(n, false);
    for (int i = 0; i < n; ++i) {
        for (int c : m_tree.nodes[i].children) {
            if (c >= 0 && c < n && m_parent[c] == i && !placed[c]) {
                m_children[i].append(c);
                placed[c] = true;
            }
        }
    }
    for (int r : m_tree.roots) {
        if (r >= 0 && r < n && m_parent[r] < 0 && !placed[r]) {
            m_roots.append(r);
            placed[r] = true;
        }
    }
    for (int i = 0; i < n; ++i) {
        if (placed[i])
            continue;
        if (m_parent[i] >= 0)
            m_children[m_parent[i]].append(i);
        else
            m_roots.append(i);
        placed[i] = true;
    }
    for (int i = 0; i < m_roots.size(); ++i)
        m_row[m_roots[i]] = i;
    for (const auto& children : std::as_const(m_children))
        for (int i = 0; i < children.size(); ++i)
            m_row[children[i]] = i;

    m_totalProcessNs = 0;
    for (const PlanNode& node : std::as_const(m_tree.nodes))
        m_totalProcessNs += qMax<qint64>(0, node.processNs);
    endResetModel();
}

QModelIndex PlanTreeModel::indexForNode(int nodeIndex, int column) const
{
    if (nodeIndex < 0 || nodeIndex >= m_tree.nodes.size() || column < 0 || column >= ColumnCount)
        return QModelIndex();
    return createIndex(m_row[nodeIndex], column, quintptr(nodeIndex));
}

QModelIndex PlanTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return QModelIndex();
    if (parent.isValid() && parent.model() != this)
        return QModelIndex();
    const QVector<int>& children = childrenOf(parent.isValid() ? int(parent.internalId()) : -1);
    if (row >= children.size())
        return QModelIndex();
    return createIndex(row, column, quintptr(children[row]));
}

QModelIndex PlanTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return QModelIndex();
    const int p = m_parent.value(int(child.internalId()), -1);
    return p < 0 ? QModelIndex() : createIndex(m_row[p], 0, quintptr(p));
}

int PlanTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(childrenOf(parent.isValid() ? int(parent.internalId()) : -1).size());
}

int PlanTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

double PlanTreeModel::fraction(const PlanNode& node) const
{
    return m_totalProcessNs > 0 ? double(qMax<qint64>(0, node.processNs)) / double(m_totalProcessNs) : 0.0;
}

void PlanTreeModel::setFindingMarks(const QHash<QString, QStringList>& titles)
{
    m_findingTitles = titles;
    // Tint, icon and tooltip change on every row of a node, wherever it sits in the tree.
    for (int node = 0; node < m_tree.nodes.size(); ++node) {
        const QModelIndex first = indexForNode(node, 0);
        if (first.isValid())
            Q_EMIT dataChanged(first, indexForNode(node, ColumnCount - 1));
    }
}

int PlanTreeModel::nodeForKey(const QString& key) const
{
    for (int i = 0; i < m_tree.nodes.size(); ++i) {
        if (m_tree.nodes[i].key == key)
            return i;
    }
    return -1;
}

QVariant PlanTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return QVariant();
    const PlanNode& node = m_tree.nodes[int(index.internalId())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(node, column);
    case Qt::ToolTipRole: {
        const QStringList titles = m_findingTitles.value(node.key);
        if (titles.isEmpty())
            return toolTipValue(node, column);
        const QString base = toolTipValue(node, column).toString();
        const QString findings = tr("Findings: %1").arg(titles.join(QStringLiteral("; ")));
        return base.isEmpty() ? findings : base + QLatin1Char('\n') + findings;
    }
    case FindingRole:
        return m_findingTitles.value(node.key).join(QStringLiteral("; "));
    case FractionRole:
        return fraction(node);
    case SkewedRole:
        return node.skewed;
    case NodeIndexRole:
        return int(index.internalId());
    case SortValueRole:
        return sortValue(node, column);
    case Qt::DecorationRole:
        if (column == OperatorColumn && m_findingTitles.contains(node.key))
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxCritical);
        if (column == OperatorColumn && node.skewed)
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        return QVariant();
    case Qt::BackgroundRole:
        if (m_findingTitles.contains(node.key))
            return QVariant(QBrush(QColor(220, 40, 40, 56)));
        return node.skewed ? QVariant(QBrush(QColor(255, 170, 0, 48))) : QVariant();
    case Qt::TextAlignmentRole:
        if (column >= ThreadsColumn && column <= SpilledColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant();
    default:
        return QVariant();
    }
}

QVariant PlanTreeModel::displayValue(const PlanNode& node, int column) const
{
    const auto rows = [](qint64 value) { return value < 0 ? QString() : DisplayFormat::count(value); };
    switch (column) {
    case OperatorColumn:
        return node.key.isEmpty() ? node.typeName : node.key + QLatin1Char(' ') + node.typeName;
    case DetailColumn:
        return DisplayFormat::firstLine(node.detail, 160);
    case ThreadsColumn:
        return node.threadCount;
    case InputRowsColumn:
        return rows(node.inputRecords);
    case OutputRowsColumn:
        return rows(node.outputRecords);
    case EstimatedRowsColumn:
        return node.estimatedRows < 0 ? QString() : DisplayFormat::count(qint64(node.estimatedRows));
    case ProcessTimeColumn:
        return DisplayFormat::durationNs(node.processNs);
    case WaitTimeColumn:
        return DisplayFormat::durationNs(node.waitNs);
    case PeakMemoryColumn:
        return DisplayFormat::bytes(node.peakMemoryBytes);
    case SpilledColumn:
        return node.spilledBytes > 0 ? DisplayFormat::bytes(node.spilledBytes) : QString();
    case TimeShareColumn:
        return DisplayFormat::percent(fraction(node));
    default:
        return QVariant();
    }
}

QVariant PlanTreeModel::toolTipValue(const PlanNode& node, int column) const
{
    QString tip;
    switch (column) {
    case OperatorColumn:
        tip = tr("%1 (operator %2 of major fragment %3, type code %4)")
                  .arg(node.typeName)
                  .arg(node.operatorId)
                  .arg(node.majorFragment)
                  .arg(node.operatorType);
        break;
    case DetailColumn:
        tip = node.detail.left(4000);
        break;
    case InputRowsColumn:
        tip = node.inputRecords < 0 ? tr("not reported") : DisplayFormat::exactCount(node.inputRecords);
        if (node.inputRecordsPerInput.size() > 1) {
            QStringList parts;
            for (int i = 0; i < node.inputRecordsPerInput.size(); ++i)
                parts << tr("input %1: %2").arg(i).arg(DisplayFormat::exactCount(node.inputRecordsPerInput[i]));
            tip += QLatin1Char('\n') + parts.join(QLatin1Char('\n'));
        }
        break;
    case OutputRowsColumn:
        tip = node.outputRecords < 0 ? tr("not reported") : DisplayFormat::exactCount(node.outputRecords);
        break;
    case EstimatedRowsColumn:
        tip = node.estimatedRows < 0 ? tr("no planner estimate") : QLocale().toString(node.estimatedRows, 'f', 0);
        break;
    case ProcessTimeColumn:
        tip = tr("%1 summed over %2 threads (setup %3)")
                  .arg(DisplayFormat::exactDurationNs(node.processNs))
                  .arg(node.threadCount)
                  .arg(DisplayFormat::exactDurationNs(node.setupNs));
        break;
    case WaitTimeColumn:
        tip = DisplayFormat::exactDurationNs(node.waitNs);
        break;
    case PeakMemoryColumn:
        tip = DisplayFormat::exactBytes(node.peakMemoryBytes);
        break;
    case SpilledColumn:
        tip = DisplayFormat::exactBytes(node.spilledBytes);
        break;
    case TimeShareColumn:
        tip = tr("%1 of %2 total process time")
                  .arg(
                      DisplayFormat::exactDurationNs(node.processNs), DisplayFormat::exactDurationNs(m_totalProcessNs));
        break;
    default:
        break;
    }
    if (node.skewed) {
        const auto& t = node.processNsSpread;
        const auto& r = node.recordsSpread;
        tip += QStringLiteral("\n\n")
            + tr("Skewed: the work is unevenly spread over %1 threads.\n"
                 "Process time per thread: min %2, avg %3, max %4\n"
                 "Input records per thread: min %5, avg %6, max %7")
                  .arg(node.threadCount)
                  .arg(DisplayFormat::durationNs(qint64(t.min)), DisplayFormat::durationNs(qint64(t.avg)),
                      DisplayFormat::durationNs(qint64(t.max)))
                  .arg(DisplayFormat::exactCount(qint64(r.min)), DisplayFormat::exactCount(qint64(r.avg)),
                      DisplayFormat::exactCount(qint64(r.max)));
    }
    return tip.isEmpty() ? QVariant() : QVariant(tip);
}

QVariant PlanTreeModel::sortValue(const PlanNode& node, int column) const
{
    switch (column) {
    case OperatorColumn:
        return node.key;
    case DetailColumn:
        return node.detail;
    case ThreadsColumn:
        return node.threadCount;
    case InputRowsColumn:
        return node.inputRecords;
    case OutputRowsColumn:
        return node.outputRecords;
    case EstimatedRowsColumn:
        return node.estimatedRows;
    case ProcessTimeColumn:
        return node.processNs;
    case WaitTimeColumn:
        return node.waitNs;
    case PeakMemoryColumn:
        return node.peakMemoryBytes;
    case SpilledColumn:
        return node.spilledBytes;
    case TimeShareColumn:
        return fraction(node);
    default:
        return QVariant();
    }
}

QVariant PlanTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QVariant();
    if (role == Qt::DisplayRole) {
        // Short: the numeric columns are sized to their header; the tooltip says it in full.
        static const char* const names[ColumnCount] = {
            QT_TR_NOOP("Operator"),
            QT_TR_NOOP("Detail"),
            QT_TR_NOOP("Threads"),
            QT_TR_NOOP("Rows in"),
            QT_TR_NOOP("Rows out"),
            QT_TR_NOOP("Est. rows"),
            QT_TR_NOOP("Process time"),
            QT_TR_NOOP("Wait time"),
            QT_TR_NOOP("Peak memory"),
            QT_TR_NOOP("Spilled"),
            QT_TR_NOOP("% of time"),
        };
        return tr(names[section]);
    }
    if (role == Qt::ToolTipRole) {
        static const char* const meanings[ColumnCount] = {
            QT_TR_NOOP("Operator: major fragment and operator id, then its type (flagged when its threads are "
                       "skewed or a finding points at it)"),
            QT_TR_NOOP("Detail: the operator's main plan attribute (table, condition, keys…); the pane below "
                       "shows all of them"),
            QT_TR_NOOP("Threads: how many threads (minor fragments) ran the operator"),
            QT_TR_NOOP("Input rows: records the operator read from its inputs, summed over its threads"),
            QT_TR_NOOP("Output rows: records the operator produced, summed over its threads"),
            QT_TR_NOOP("Estimated rows: the planner's estimate of the operator's output rows"),
            QT_TR_NOOP("Process time: time the operator spent working, summed over its threads"),
            QT_TR_NOOP("Wait time: time the operator spent waiting (for data, disk or network), summed over "
                       "its threads"),
            QT_TR_NOOP("Peak memory: the most memory one thread of the operator held at once"),
            QT_TR_NOOP("Spilled: bytes the operator wrote to disk because its data did not fit in memory"),
            QT_TR_NOOP("% of time: the operator's share of the process time of all operators"),
        };
        return tr(meanings[section]);
    }
    return QVariant();
}

} // namespace dopt
