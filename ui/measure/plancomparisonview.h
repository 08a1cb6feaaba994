#pragma once

#include <QJsonArray>
#include <QWidget>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace dopt {

/// The plans before and after a change side by side (from the plan trees' JSON), with the operators
/// that appear on one side only (same type and detail matched once each) marked.
class PlanComparisonView : public QWidget
{
    Q_OBJECT
public:
    explicit PlanComparisonView(QWidget* parent = nullptr);

    void setPlans(const QJsonArray& before, const QJsonArray& after);
    /// Why a side has no plan (e.g. the profile download failed), shown after the summary; call
    /// after setPlans. Empty texts: that side was captured.
    void setProblems(const QString& before, const QString& after);
    void clear();
    /// Operators marked as only-before / only-after (for tests and the summary line).
    int removedCount() const { return m_removed; }
    int addedCount() const { return m_added; }
    QString summaryText() const;
    QTreeWidget* beforeTree() const { return m_before; }
    QTreeWidget* afterTree() const { return m_after; }

private:
    void fill(QTreeWidget* tree, const QJsonArray& nodes, const QHash<QString, int>& otherSide, bool afterSide);

    QLabel* m_summary;
    QTreeWidget* m_before;
    QTreeWidget* m_after;
    int m_removed = 0;
    int m_added = 0;
};

} // namespace dopt
