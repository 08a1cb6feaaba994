#pragma once

#include <QIcon>
#include <QString>

namespace dopt {

/// The menu and toolbar icons: SVGs embedded under :/dopt/icons/actions, drawn by Qt's SVG icon
/// engine at whatever size and device pixel ratio the screen asks for, so they stay sharp on
/// high-DPI screens instead of being scaled up from a small bitmap.
class ActionIcons
{
public:
    /// The icon named name ("open", "import-files", "refresh"...); a null icon for an unknown name.
    static QIcon icon(const QString& name);
    /// Every name there is an icon for.
    static QStringList names();
};

} // namespace dopt
