#include "operatordetailview.h"

#include "displayformat.h"
#include "model/plannode.h"

namespace dopt {

namespace {

// Plan attributes can be long (column lists, expressions): wrap anywhere, keep them whole.
QString row(const QString& name, const QString& value)
{
    return QStringLiteral("<tr><td style=\"padding-right:12px; white-space:nowrap\"><b>%1</b></td>"
                          "<td style=\"font-family:monospace\">%2</td></tr>")
        .arg(name.toHtmlEscaped(), value.toHtmlEscaped());
}

} // namespace

OperatorDetailView::OperatorDetailView(QWidget* parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    showNothing();
}

void OperatorDetailView::showNothing()
{
    setHtml(QStringLiteral("<p>%1</p>")
                .arg(tr("Select an operator to see its plan attributes and metrics.").toHtmlEscaped()));
}

void OperatorDetailView::showNode(const PlanNode& node)
{
    QString html = QStringLiteral("<h3>%1</h3>")
                       .arg(tr("Operator %1: %2 (type code %3)")
                                .arg(node.key, node.typeName)
                                .arg(node.operatorType)
                                .toHtmlEscaped());
    html += QStringLiteral("<h4>%1</h4>").arg(tr("Plan attributes").toHtmlEscaped());
    if (node.attributes.isEmpty()) {
        html += QStringLiteral("<p>%1</p>")
                    .arg(tr("The profile's plan gives no attributes for this operator.").toHtmlEscaped());
    } else {
        html += QStringLiteral("<table>");
        for (const auto& [name, value] : node.attributes)
            html += row(name, value);
        html += QStringLiteral("</table>");
    }
    html += QStringLiteral("<h4>%1</h4>").arg(tr("Metrics").toHtmlEscaped());
    if (node.metrics.isEmpty()) {
        html += QStringLiteral("<p>%1</p>").arg(tr("No metrics reported for this operator.").toHtmlEscaped());
    } else {
        html += QStringLiteral("<table>");
        for (auto it = node.metrics.cbegin(); it != node.metrics.cend(); ++it)
            html += row(it.key(), DisplayFormat::exactCount(it.value()));
        html += QStringLiteral("</table>");
    }
    setHtml(html);
}

} // namespace dopt
