#include "recentworkspaces.h"

#include "store/workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace dopt {

namespace {
const QString SettingsKey = QStringLiteral("workspace/recent");
}

QStringList RecentWorkspaces::list()
{
    return QSettings().value(SettingsKey).toStringList();
}

void RecentWorkspaces::add(const QString& location)
{
    if (location.isEmpty())
        return;
    QStringList recent = list();
    recent.removeAll(location);
    recent.prepend(location);
    while (recent.size() > MaxEntries)
        recent.removeLast();
    QSettings().setValue(SettingsKey, recent);
}

void RecentWorkspaces::clear()
{
    QSettings().remove(SettingsKey);
}

void RecentWorkspaces::populate(QMenu* menu, const std::function<void(const QString&)>& open)
{
    menu->clear();
    int number = 0;
    for (const QString& location : list()) {
        if (!Workspace::isPostgresUrl(location) && !QFileInfo::exists(location))
            continue;
        ++number;
        const QString label = Workspace::isPostgresUrl(location) ? location : QDir::toNativeSeparators(location);
        QAction* action = menu->addAction(QStringLiteral("&%1 %2").arg(number).arg(label));
        action->setData(location);
        QObject::connect(action, &QAction::triggered, menu, [open, location] { open(location); });
    }
    if (number == 0)
        menu->addAction(QCoreApplication::translate("dopt::RecentWorkspaces", "No recent workspaces"))
            ->setEnabled(false);
    menu->addSeparator();
    QAction* clearAction = menu->addAction(QCoreApplication::translate("dopt::RecentWorkspaces", "&Clear Menu"));
    clearAction->setEnabled(number > 0);
    QObject::connect(clearAction, &QAction::triggered, menu, [] { clear(); });
}

} // namespace dopt
