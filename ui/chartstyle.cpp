#include "chartstyle.h"

#include "themecolors.h"

#include <QAbstractAxis>
#include <QAbstractBarSeries>
#include <QBarSet>
#include <QBoxPlotSeries>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLegend>
#include <QLocale>
#include <QLogValueAxis>
#include <QPieSeries>
#include <QRegularExpression>
#include <QScatterSeries>
#include <QValueAxis>
#include <QXYSeries>
#include <algorithm>
#include <cmath>

namespace dopt {

namespace {

/// The colour a series was given before any styling, so switching palettes back and forth starts
/// from the designer's hue each time instead of drifting.
const char* const OriginalColorProperty = "dopt_originalColor";

QColor original(QObject* object, const QColor& current)
{
    const QVariant stored = object->property(OriginalColorProperty);
    if (stored.isValid())
        return stored.value<QColor>();
    object->setProperty(OriginalColorProperty, current);
    return current;
}

void styleSeries(QAbstractSeries* series, const QColor& base, const QColor& text)
{
    if (auto* xy = qobject_cast<QXYSeries*>(series)) {
        const QColor colour = ThemeColors::visibleOn(original(xy, xy->color()), base);
        // setColor() replaces the pen's colour and keeps its style (dashes of a marker line).
        xy->setColor(colour);
        if (auto* scatter = qobject_cast<QScatterSeries*>(xy))
            scatter->setBorderColor(colour);
        xy->setPointLabelsColor(text);
    } else if (auto* bars = qobject_cast<QAbstractBarSeries*>(series)) {
        for (QBarSet* set : bars->barSets()) {
            const QColor colour = ThemeColors::visibleOn(original(set, set->color()), base);
            set->setColor(colour);
            set->setBorderColor(colour);
            set->setLabelColor(text);
        }
    } else if (auto* pie = qobject_cast<QPieSeries*>(series)) {
        for (QPieSlice* slice : pie->slices()) {
            slice->setColor(ThemeColors::visibleOn(original(slice, slice->color()), base));
            slice->setBorderColor(base);
            slice->setLabelColor(text);
        }
    } else if (auto* boxes = qobject_cast<QBoxPlotSeries*>(series)) {
        QPen pen = boxes->pen();
        pen.setColor(text); // whiskers and medians drawn in the text colour
        boxes->setPen(pen);
        QBrush brush = boxes->brush();
        brush.setColor(ThemeColors::mix(base, original(boxes, brush.color()), 0.6));
        if (brush.style() == Qt::NoBrush)
            brush.setStyle(Qt::SolidPattern);
        boxes->setBrush(brush);
    }
}

class PaletteFollower : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
            ChartStyle::apply(static_cast<QChartView*>(watched));
        return QObject::eventFilter(watched, event);
    }
};

/// Qt Charts 6.4 draws no label at all, once numbers are localized, for a conversion without an
/// explicit precision ("%d", "%g", "%f"): whole-number conversions become "%.0f" (the same digits,
/// in the locale) and the others get printf's default precision written out.
QString drawableWhenLocalized(QString format)
{
    static const QRegularExpression conversion(QStringLiteral("%([-+ #0']*)([0-9]*)(\\.[0-9]+)?([dicfFeEgG])"));
    QString result;
    qsizetype from = 0;
    QRegularExpressionMatchIterator matches = conversion.globalMatch(format);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        result += format.mid(from, match.capturedStart() - from);
        const QString conversionChar = match.captured(4);
        if (QStringLiteral("dic").contains(conversionChar))
            result += QStringLiteral("%") + match.captured(1) + match.captured(2) + QStringLiteral(".0f");
        else if (match.captured(3).isEmpty())
            result
                += QStringLiteral("%") + match.captured(1) + match.captured(2) + QStringLiteral(".6") + conversionChar;
        else
            result += match.captured(0);
        from = match.capturedEnd();
    }
    return result + format.mid(from);
}

} // namespace

void ChartStyle::apply(QChart* chart, const QPalette& palette)
{
    if (!chart)
        return;
    const QColor base = palette.color(QPalette::Active, QPalette::Base);
    const QColor text = ThemeColors::readableOn(palette.color(QPalette::Active, QPalette::Text), base);
    const QColor axisLine = ThemeColors::visibleOn(ThemeColors::mix(base, text, 0.55), base);
    const QColor grid = ThemeColors::mix(base, text, 0.2);

    // Axis and bar labels in the application's locale ("1 234,5" in French), like the rest of the views.
    chart->setLocale(QLocale());
    chart->setLocalizeNumbers(true);
    chart->setBackgroundBrush(base);
    chart->setBackgroundPen(Qt::NoPen);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(text);
    QLegend* legend = chart->legend();
    legend->setLabelColor(text);
    legend->setBrush(Qt::NoBrush);
    legend->setPen(Qt::NoPen);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(axisLine);
        axis->setGridLineColor(grid);
        axis->setMinorGridLineColor(ThemeColors::mix(base, text, 0.1));
        axis->setShadesVisible(false);
        if (auto* values = qobject_cast<QValueAxis*>(axis))
            values->setLabelFormat(drawableWhenLocalized(values->labelFormat()));
        else if (auto* logarithmic = qobject_cast<QLogValueAxis*>(axis))
            logarithmic->setLabelFormat(drawableWhenLocalized(logarithmic->labelFormat()));
    }
    for (QAbstractSeries* series : chart->series())
        styleSeries(series, base, text);
}

void ChartStyle::setCountRange(QValueAxis* axis, double maximum)
{
    maximum = qMax(maximum, 1.0);
    double step = 1;
    for (double magnitude = 1;; magnitude *= 10) {
        const double candidates[] = {magnitude, 2 * magnitude, 5 * magnitude};
        auto fits = [&](double candidate) { return std::ceil(maximum / candidate) <= 8; };
        const auto chosen = std::find_if(std::begin(candidates), std::end(candidates), fits);
        if (chosen != std::end(candidates)) {
            step = *chosen;
            break;
        }
    }
    const int steps = int(std::ceil(maximum / step));
    axis->setRange(0, steps * step);
    axis->setTickType(QValueAxis::TicksFixed);
    axis->setTickCount(steps + 1);
    axis->setMinorTickCount(0);
    axis->setLabelFormat(QStringLiteral("%.0f"));
}

void ChartStyle::apply(QChartView* view)
{
    view->setBackgroundBrush(view->palette().color(QPalette::Active, QPalette::Base));
    apply(view->chart(), view->palette());
}

void ChartStyle::follow(QChartView* view)
{
    view->installEventFilter(new PaletteFollower(view));
    apply(view);
}

} // namespace dopt
