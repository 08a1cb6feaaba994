#include "reportcharts.h"

#include "pdfpagelayout.h"
#include "reportnumbers.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPainterPath>
#include <cmath>

namespace dopt {

const QColor ReportCharts::SeriesColor(0x2a, 0x6f, 0xdb);
const QColor ReportCharts::AfterColor(0x2e, 0x9d, 0x57);

namespace {

const QColor AxisColor(0x55, 0x5b, 0x63);
const QColor GridColor(0xe1, 0xe4, 0xe8);
constexpr double TitleHeight = 16;

/// A round axis maximum (1, 2 or 5 times a power of ten) at or above value.
double niceCeiling(double value)
{
    if (value <= 0)
        return 1;
    const double power = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 5.0, 10.0}) {
        if (step * power >= value)
            return step * power;
    }
    return 10 * power;
}

QString axisNumber(double value, const ReportNumbers& numbers)
{
    if (std::abs(value) >= 1e6)
        return numbers.significant(value / 1e6, 3) + QStringLiteral(" M");
    if (std::abs(value) >= 1e4)
        return numbers.significant(value / 1e3, 3) + QStringLiteral(" k");
    return numbers.significant(value, 4);
}

QRectF drawTitle(QPainter* painter, const QRectF& box, const QString& title)
{
    painter->setFont(PdfPageLayout::font(9.5, true));
    painter->setPen(Qt::black);
    painter->drawText(QRectF(box.left(), box.top(), box.width(), TitleHeight), Qt::AlignLeft | Qt::AlignTop, title);
    return box.adjusted(0, TitleHeight + 4, 0, 0);
}

/// Draws the y axis with grid lines; returns the plot area right of the labels.
QRectF drawValueAxis(
    QPainter* painter, const ReportNumbers& numbers, const QRectF& area, double maximum, const QString& unit)
{
    const QFont labelFont = PdfPageLayout::font(7);
    painter->setFont(labelFont);
    const double labelWidth = 42;
    const QRectF plot = area.adjusted(labelWidth, 4, 0, -16);
    for (int i = 0; i <= 4; ++i) {
        const double value = maximum * i / 4;
        const double y = plot.bottom() - plot.height() * i / 4;
        painter->setPen(QPen(GridColor, 0.5));
        painter->drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter->setPen(AxisColor);
        painter->drawText(QRectF(area.left(), y - 6, labelWidth - 4, 12), Qt::AlignRight | Qt::AlignVCenter,
            axisNumber(value, numbers) + (i == 4 ? QLatin1Char(' ') + unit : QString()));
    }
    painter->setPen(QPen(AxisColor, 0.8));
    painter->drawLine(plot.bottomLeft(), plot.bottomRight());
    painter->drawLine(plot.bottomLeft(), plot.topLeft());
    return plot;
}

} // namespace

void ReportCharts::bars(QPainter* painter, const ReportNumbers& numbers, const QRectF& box, const QString& title,
    const QStringList& labels, const QVector<double>& values, const QString& unit)
{
    painter->save();
    const QRectF area = drawTitle(painter, box, title);
    double maximum = 0;
    for (double value : values)
        maximum = qMax(maximum, value);
    maximum = niceCeiling(maximum);
    const QRectF plot = drawValueAxis(painter, numbers, area, maximum, unit);
    const int count = int(values.size());
    if (count > 0) {
        const double slot = plot.width() / count;
        const double barWidth = qMax(0.4, slot * 0.75);
        QPainterPath path;
        for (int i = 0; i < count; ++i) {
            const double height = plot.height() * values[i] / maximum;
            path.addRect(
                QRectF(plot.left() + i * slot + (slot - barWidth) / 2, plot.bottom() - height, barWidth, height));
        }
        painter->fillPath(path, SeriesColor);
        // At most about eight x labels, evenly spread.
        painter->setFont(PdfPageLayout::font(7));
        painter->setPen(AxisColor);
        const int every = qMax(1, int(std::ceil(count / 8.0)));
        for (int i = 0; i < count; i += every) {
            const double x = plot.left() + (i + 0.5) * slot;
            painter->drawText(
                QRectF(x - 40, plot.bottom() + 2, 80, 12), Qt::AlignHCenter | Qt::AlignTop, labels.value(i));
        }
    }
    painter->restore();
}

void ReportCharts::horizontalBars(QPainter* painter, const QRectF& box, const QString& title, const QStringList& labels,
    const QVector<double>& values, const QStringList& valueTexts)
{
    painter->save();
    const QRectF area = drawTitle(painter, box, title);
    double maximum = 0;
    for (double value : values)
        maximum = qMax(maximum, value);
    const int count = int(values.size());
    if (count > 0 && maximum > 0) {
        const double labelWidth = area.width() * 0.3;
        const double valueWidth = area.width() * 0.22;
        const double rowHeight = area.height() / count;
        const double barMax = area.width() - labelWidth - valueWidth;
        painter->setFont(PdfPageLayout::font(7.5));
        QPainterPath path;
        for (int i = 0; i < count; ++i) {
            const double y = area.top() + i * rowHeight;
            const double width = barMax * values[i] / maximum;
            path.addRect(QRectF(area.left() + labelWidth, y + rowHeight * 0.15, qMax(width, 0.5), rowHeight * 0.7));
            painter->setPen(Qt::black);
            painter->drawText(
                QRectF(area.left(), y, labelWidth - 4, rowHeight), Qt::AlignRight | Qt::AlignVCenter, labels.value(i));
            painter->setPen(AxisColor);
            painter->drawText(QRectF(area.left() + labelWidth + width + 3, y, valueWidth, rowHeight),
                Qt::AlignLeft | Qt::AlignVCenter, valueTexts.value(i));
        }
        painter->fillPath(path, SeriesColor);
    }
    painter->restore();
}

void ReportCharts::beforeAfter(QPainter* painter, const ReportNumbers& numbers, const QRectF& box, const QString& title,
    const QVector<double>& beforeMs, const QVector<double>& afterMs, double medianBeforeMs, double medianAfterMs)
{
    painter->save();
    const QRectF area = drawTitle(painter, box, title);
    double maximum = qMax(medianBeforeMs, medianAfterMs);
    for (double value : beforeMs + afterMs)
        maximum = qMax(maximum, value);
    maximum = niceCeiling(maximum);
    const QRectF plot = drawValueAxis(painter, numbers, area, maximum, QStringLiteral("ms"));
    const auto column = [&](const QVector<double>& runs, double median, int slot, const QColor& color,
                            const QString& label) {
        const double slotWidth = plot.width() / 2;
        const double centre = plot.left() + slotWidth * (slot + 0.5);
        QPainterPath dots;
        for (int i = 0; i < runs.size(); ++i) {
            const double jitter = runs.size() > 1 ? (double(i) / (runs.size() - 1) - 0.5) * slotWidth * 0.5 : 0;
            const double y = plot.bottom() - plot.height() * runs[i] / maximum;
            dots.addEllipse(QPointF(centre + jitter, y), 2.2, 2.2);
        }
        painter->fillPath(dots, color);
        const double medianY = plot.bottom() - plot.height() * median / maximum;
        painter->setPen(QPen(color.darker(130), 1.6));
        painter->drawLine(QPointF(centre - slotWidth * 0.35, medianY), QPointF(centre + slotWidth * 0.35, medianY));
        painter->setFont(PdfPageLayout::font(7.5));
        painter->setPen(Qt::black);
        painter->drawText(QRectF(centre - slotWidth / 2, plot.bottom() + 2, slotWidth, 12), Qt::AlignHCenter,
            QCoreApplication::translate("dopt::ReportCharts", "%1 (median %2)").arg(label, numbers.duration(median)));
    };
    column(beforeMs, medianBeforeMs, 0, SeriesColor, QCoreApplication::translate("dopt::ReportCharts", "Before"));
    column(afterMs, medianAfterMs, 1, AfterColor, QCoreApplication::translate("dopt::ReportCharts", "After"));
    painter->restore();
}

} // namespace dopt
