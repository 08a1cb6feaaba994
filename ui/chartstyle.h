#pragma once

#include <QPalette>

class QChart;
class QChartView;
class QValueAxis;

namespace dopt {

/// Makes Qt Charts follow the widget palette instead of a fixed chart theme: the background is the
/// palette's base, titles, legends and axis labels its text colour, axis lines and grid shades between
/// the two, and every series colour adjusted (from its original hue) until it stands out from the
/// background (WCAG 3:1 for graphics; text reaches 4.5:1 by using the palette's text colour). Axis
/// labels follow the application's locale too (decimal sign, digit grouping).
class ChartStyle
{
public:
    /// Styles everything the chart holds now; call again after adding series or axes.
    static void apply(QChart* chart, const QPalette& palette);
    /// apply() with the view's palette, on the view's chart.
    static void apply(QChartView* view);
    /// Restyles the view's chart (whatever chart it holds then) whenever its palette changes.
    static void follow(QChartView* view);
    /// An axis of counts (jobs, findings, runs): from 0 to the first round number (1, 2 or 5 times a
    /// power of ten per step) at or above maximum, with a tick on every step so every label is a
    /// whole number and no two labels read the same.
    static void setCountRange(QValueAxis* axis, double maximum);
};

} // namespace dopt
