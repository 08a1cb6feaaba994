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
    /// Like readableOn() for lines, marks and areas: WCAG's 3:1 for graphical objects.
    static QColor visibleOn(const QColor& accent, const QColor& background);
    /// Black or white, whichever contrasts more with background (at least 4.58 for any colour).
    static QColor textOn(const QColor& background);
    /// A colour between background and foreground (share 0..1 of the way), e.g. for grid lines.
    static QColor mix(const QColor& background, const QColor& foreground, double share);
    /// readableOn() against the application palette's base colour (item views' background).
    static QColor readable(const QColor& accent);

private:
    static QColor towardContrast(const QColor& accent, const QColor& background, double minimum);
};

} // namespace dopt
