#include "plancomparisonview.h"

#include "displayformat.h"

#include <QGridLayout>
#include <QHash>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QTreeWidget>

namespace dopt {

namespace {

// What identifies an operator across two plans of one query: its type and what it works on.
QString signatureOf(const QJsonObject& node)
{
    return node.value(QLatin1String("type")).toString() + QLatin1Char('|')
        + node.value(QLatin1String("detail")).toString();
}

QHash<QString, int> signatures(const QJsonArray& nodes)
{
    QHash<QString, int> counts;
    for (const QJsonValue& value : nodes)
        ++counts[signatureOf(value.toObject())];
    return counts;
}

QTreeWidget* makeTree(QWidget* parent, const QString& name)
{
    auto* tree = new QTreeWidget(parent);
    tree->setObjectName(name);
    tree->setHeaderLabels({PlanComparisonView::tr("Operator"), PlanComparisonView::tr("Detail"),
        PlanComparisonView::tr("Rows"), PlanComparisonView::tr("Time")});
    tree->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    tree->header()->setStretchLastSection(false);
    tree->setUniformRowHeights(true);
    return tree;
}

} // namespace

PlanComparisonView::PlanComparisonView(QWidget* parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_before(makeTree(this, QStringLiteral("planBefore")))
    , m_after(makeTree(this, QStringLiteral("planAfter")))
{
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary, 0, 0, 1, 2);
    layout->addWidget(new QLabel(tr("Plan before"), this), 1, 0);
    layout->addWidget(new QLabel(tr("Plan after"), this), 1, 1);
    layout->addWidget(m_before, 2, 0);
    layout->addWidget(m_after, 2, 1);
}

void PlanComparisonView::clear()
{
    m_before->clear();
    m_after->clear();
    m_removed = m_added = 0;
    m_summary->clear();
}

void PlanComparisonView::setPlans(const QJsonArray& before, const QJsonArray& after)
{
    clear();
    m_removed = 0;
    m_added = 0;
    fill(m_before, before, signatures(after), false);
    fill(m_after, after, signatures(before), true);
    if (before.isEmpty() && after.isEmpty())
        m_summary->setText(tr("No plans were captured."));
    else if (m_removed == 0 && m_added == 0)
        m_summary->setText(tr("Same operators before and after."));
    else
        m_summary->setText(tr("%1 operator(s) only before (red), %2 only after (green).").arg(m_removed).arg(m_added));
}

void PlanComparisonView::setProblems(const QString& before, const QString& after)
{
    QStringList lines;
    if (!before.isEmpty() && before == after) {
        lines.append(tr("Plans not captured: %1").arg(before));
    } else {
        if (!before.isEmpty())
            lines.append(tr("Plan before not captured: %1").arg(before));
        if (!after.isEmpty())
            lines.append(tr("Plan after not captured: %1").arg(after));
    }
    if (lines.isEmpty())
        return;
    // With no plan at all, the reason replaces "No plans were captured."
    if (m_before->topLevelItemCount() > 0 || m_after->topLevelItemCount() > 0)
        lines.prepend(m_summary->text());
    m_summary->setText(lines.join(QLatin1Char('\n')));
}

QString PlanComparisonView::summaryText() const
{
    return m_summary->text();
}

void PlanComparisonView::fill(
    QTreeWidget* tree, const QJsonArray& nodes, const QHash<QString, int>& otherSide, bool afterSide)
{
    QHash<QString, QTreeWidgetItem*> byKey;
    QHash<QString, int> remaining = otherSide; // each operator on the other side matches once
    const QColor onlyHere = afterSide ? QColor(40, 170, 70, 70) : QColor(220, 50, 50, 70);
    // Parents come before children in the JSON (tree order), so one pass builds the tree.
    for (const QJsonValue& value : nodes) {
        const QJsonObject node = value.toObject();
        const QString parentKey = node.value(QLatin1String("parent")).toString();
        QTreeWidgetItem* parent = byKey.value(parentKey);
        auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(tree);
        item->setText(0, node.value(QLatin1String("type")).toString());
        item->setText(1, node.value(QLatin1String("detail")).toString());
        item->setToolTip(1, node.value(QLatin1String("detail")).toString());
        const QJsonValue rows = node.value(QLatin1String("outputRecords"));
        item->setText(2, rows.isNull() ? QString() : DisplayFormat::exactCount(qint64(rows.toDouble())));
        const double ns
            = node.value(QLatin1String("processNs")).toDouble() + node.value(QLatin1String("waitNs")).toDouble();
        item->setText(3, DisplayFormat::durationNs(qint64(ns)));
        const QString signature = signatureOf(node);
        if (remaining.value(signature) > 0) {
            --remaining[signature];
        } else {
            for (int column = 0; column < 4; ++column)
                item->setBackground(column, onlyHere);
            item->setToolTip(
                0, afterSide ? tr("Only in the plan after the change") : tr("Only in the plan before the change"));
            (afterSide ? m_added : m_removed) += 1;
        }
        byKey.insert(node.value(QLatin1String("key")).toString(), item);
    }
    tree->expandAll();
    tree->resizeColumnToContents(0);
}

} // namespace dopt
