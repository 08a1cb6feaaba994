#pragma once

class QHeaderView;
class QMenu;

namespace dopt {

/// Fills a menu with one checkable entry per header section to show or hide columns; shared by a
/// view's header context menu and the View menu. The last visible column cannot be hidden, nor
/// `fixedSection` (a tree's first column, which carries the branches) when one is given.
class ColumnChooser
{
public:
    static void populate(QMenu* menu, QHeaderView* header, int fixedSection = -1);
};

} // namespace dopt
