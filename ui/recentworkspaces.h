#pragma once

#include <QString>
#include <QStringList>
#include <functional>

class QMenu;

namespace dopt {

/// The workspaces opened lately (QSettings), newest first, for File → Open Recent. Locations are
/// Workspace::location() values, which never carry a password.
class RecentWorkspaces
{
public:
    static constexpr int MaxEntries = 8;

    static QStringList list();
    /// Moves location to the front (adding it when new) and keeps at most MaxEntries.
    static void add(const QString& location);
    static void clear();
    /// Refills a menu: one action per workspace (files that no longer exist are left out), then
    /// "Clear Menu"; choosing an entry calls open(location).
    static void populate(QMenu* menu, const std::function<void(const QString&)>& open);
};

} // namespace dopt
