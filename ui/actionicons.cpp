#include "actionicons.h"

#include <QDir>
#include <QFileInfo>

// Resources of a static library must be registered explicitly, outside any namespace (the main
// window does it too; registering twice is harmless).
static void initActionIconResources()
{
    Q_INIT_RESOURCE(ui_resources);
}

namespace dopt {

namespace {
const QString Folder = QStringLiteral(":/dopt/icons/actions/");
}

QIcon ActionIcons::icon(const QString& name)
{
    static const bool registered = (initActionIconResources(), true);
    Q_UNUSED(registered)
    const QString path = Folder + name + QStringLiteral(".svg");
    return QFileInfo::exists(path) ? QIcon(path) : QIcon();
}

QStringList ActionIcons::names()
{
    icon(QString()); // registers the resources
    QStringList names;
    for (const QFileInfo& file : QDir(Folder).entryInfoList({QStringLiteral("*.svg")}, QDir::Files, QDir::Name))
        names.append(file.completeBaseName());
    return names;
}

} // namespace dopt
