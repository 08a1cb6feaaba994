#pragma once

#include <QTextBrowser>

namespace dopt {

struct PlanNode;

/// The detail pane under the profile tree: everything known about the selected operator that does
/// not fit a column — its type (with the engine's numeric code, so unknown types stay
/// identifiable), every plan attribute (table, columns, splits, filters, join type and condition,
/// aggregate keys...) and every metric by name (spill, records, bytes, wait...).
class OperatorDetailView : public QTextBrowser
{
    Q_OBJECT
public:
    explicit OperatorDetailView(QWidget* parent = nullptr);

    void showNode(const PlanNode& node);
    void showNothing();
};

} // namespace dopt
