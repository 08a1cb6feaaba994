#include "themecolors.h"

#include <QGuiApplication>
#include <QPalette>
#include <algorithm>
#include <cmath>

namespace dopt {

namespace {

constexpr double kMinimumContrast = 4.5;
constexpr double kMinimumGraphicsContrast = 3.0;

double relativeLuminance(const QColor& colour)
{
    auto channel
        = [](double value) { return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4); };
    const QColor rgb = colour.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) + 0.0722 * channel(rgb.blueF());
}

QColor blend(const QColor& from, const QColor& to, double share)
{
    const QColor a = from.toRgb();
    const QColor b = to.toRgb();
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * share),
        float(a.greenF() + (b.greenF() - a.greenF()) * share), float(a.blueF() + (b.blueF() - a.blueF()) * share));
}

} // namespace

double ThemeColors::contrastRatio(const QColor& a, const QColor& b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor ThemeColors::readableOn(const QColor& accent, const QColor& background)
{
    return towardContrast(accent, background, kMinimumContrast);
}

QColor ThemeColors::visibleOn(const QColor& accent, const QColor& background)
{
    return towardContrast(accent, background, kMinimumGraphicsContrast);
}

QColor ThemeColors::textOn(const QColor& background)
{
    const QColor black(Qt::black);
    const QColor white(Qt::white);
    return contrastRatio(black, background) >= contrastRatio(white, background) ? black : white;
}

QColor ThemeColors::mix(const QColor& background, const QColor& foreground, double share)
{
    return blend(background, foreground, share);
}

QColor ThemeColors::towardContrast(const QColor& accent, const QColor& background, double minimum)
{
    // Toward white on a dark background, toward black on a light one: the hue stays recognisable
    // and the end point (white or black) always reaches the contrast.
    const QColor target = relativeLuminance(background) < 0.18 ? QColor(Qt::white) : QColor(Qt::black);
    QColor colour = accent;
    for (int step = 1; step <= 10 && contrastRatio(colour, background) < minimum; ++step)
        colour = blend(accent, target, step / 10.0);
    return colour;
}

QColor ThemeColors::readable(const QColor& accent)
{
    return readableOn(accent, QGuiApplication::palette().color(QPalette::Active, QPalette::Base));
}

} // namespace dopt
