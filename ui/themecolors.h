#pragma once

#include <QColor>

namespace dopt {

/// Accent colours (failed state, high severity) kept readable on light and dark palettes: the
/// views never hard-code a colour that only works on a white background.
class ThemeColors
{
public:
    /// WCAG 2 contrast ratio of two colours (1 = none, 21 = black on white).
    static double contrastRatio(const QColor& a, const QColor& b);
    /// `accent` blended toward white on dark backgrounds (toward black on light ones) until text in
    /// it reaches a contrast of 4.5 against `background` (WCAG AA for normal text).
    static QColor readableOn(const QColor& accent, const QColor& background);
    /// readableOn() against the application palette's base colour (item views' background).
    static QColor readable(const QColor& accent);
};

} // namespace dopt
