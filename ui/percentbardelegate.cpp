#include "percentbardelegate.h"

#include <QApplication>
#include <QPainter>

namespace dopt {

PercentBarDelegate::PercentBarDelegate(int fractionRole, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_fractionRole(fractionRole)
{ }

void PercentBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    // Background (selection, tint) first, then the bar, then the text on top.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const double fraction = qBound(0.0, index.data(m_fractionRole).toDouble(), 1.0);
    const QRect area = option.rect.adjusted(2, 3, -2, -3);
    if (fraction > 0 && area.width() > 0) {
        QRect bar = area;
        bar.setWidth(qMax(1, int(area.width() * fraction)));
        QColor colour = QColor::fromHsv(int(120 * (1.0 - fraction)), 170, 230); // green → red
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(colour);
        painter->drawRoundedRect(bar, 2, 2);
        painter->restore();
    }
    painter->save();
    painter->setPen(option.state & QStyle::State_Selected ? option.palette.highlightedText().color()
                                                          : option.palette.text().color());
    painter->drawText(area.adjusted(3, 0, -3, 0), Qt::AlignRight | Qt::AlignVCenter, text);
    painter->restore();
}

} // namespace dopt
