#include "heatmapwidget.h"

#include "themecolors.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

namespace dopt {

namespace {
constexpr double LabelWidth = 40;
constexpr double LabelHeight = 18;
constexpr double TitleHeight = 22;

QString weekdayName(int weekday)
{
    return QLocale().dayName(weekday + 1, QLocale::ShortFormat);
}
} // namespace

HeatmapWidget::HeatmapWidget(QWidget* parent)
    : QWidget(parent)
{
    setMinimumHeight(200);
    setMouseTracking(true);
}

void HeatmapWidget::setCounts(const Counts& counts)
{
    m_counts = counts;
    m_max = 0;
    for (const auto& day : m_counts)
        for (qint64 count : day)
            m_max = qMax(m_max, count);
    update();
}

QRectF HeatmapWidget::gridRect() const
{
    return QRectF(LabelWidth, TitleHeight, width() - LabelWidth - 8, height() - TitleHeight - LabelHeight);
}

std::pair<int, int> HeatmapWidget::cellAt(const QPoint& position) const
{
    const QRectF grid = gridRect();
    if (!grid.contains(position))
        return {-1, -1};
    const int hour = qBound(0, int((position.x() - grid.left()) / grid.width() * 24), 23);
    const int weekday = qBound(0, int((position.y() - grid.top()) / grid.height() * 7), 6);
    return {weekday, hour};
}

QString HeatmapWidget::cellText(int weekday, int hour) const
{
    return tr("%1 %2:00–%3:59 UTC: %Ln job(s)", nullptr, int(m_counts[weekday][hour]))
        .arg(weekdayName(weekday))
        .arg(hour, 2, 10, QLatin1Char('0'))
        .arg(hour, 2, 10, QLatin1Char('0'));
}

void HeatmapWidget::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    painter.setPen(palette().text().color());
    QFont title = font();
    title.setBold(true);
    painter.setFont(title);
    painter.drawText(QRectF(0, 0, width(), TitleHeight), Qt::AlignCenter, tr("Jobs by weekday and hour (UTC)"));
    painter.setFont(font());
    const QRectF grid = gridRect();
    const double cellWidth = grid.width() / 24;
    const double cellHeight = grid.height() / 7;
    const QColor cold = palette().base().color();
    // The busiest cell stands out from the base on light and dark palettes alike (3:1 for graphics).
    const QColor hot = ThemeColors::visibleOn(QColor(0x2a, 0x6f, 0xdb), cold);
    for (int weekday = 0; weekday < 7; ++weekday) {
        painter.setPen(palette().text().color());
        painter.drawText(QRectF(0, grid.top() + weekday * cellHeight, LabelWidth - 4, cellHeight),
            Qt::AlignRight | Qt::AlignVCenter, weekdayName(weekday));
        for (int hour = 0; hour < 24; ++hour) {
            const double share = m_max > 0 ? double(m_counts[weekday][hour]) / double(m_max) : 0;
            const QColor color = QColor::fromRgbF(cold.redF() + (hot.redF() - cold.redF()) * share,
                cold.greenF() + (hot.greenF() - cold.greenF()) * share,
                cold.blueF() + (hot.blueF() - cold.blueF()) * share);
            painter.fillRect(QRectF(grid.left() + hour * cellWidth, grid.top() + weekday * cellHeight, cellWidth - 1,
                                 cellHeight - 1),
                color);
        }
    }
    painter.setPen(palette().text().color());
    for (int hour = 0; hour < 24; hour += 3)
        painter.drawText(QRectF(grid.left() + hour * cellWidth, grid.bottom(), cellWidth * 3, LabelHeight),
            Qt::AlignLeft | Qt::AlignVCenter, QString::number(hour));
}

bool HeatmapWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const auto [weekday, hour] = cellAt(help->pos());
        if (weekday >= 0)
            QToolTip::showText(help->globalPos(), cellText(weekday, hour), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace dopt
