#include "columnchooser.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QHeaderView>
#include <QMenu>

namespace dopt {

void ColumnChooser::populate(QMenu* menu, QHeaderView* header, int fixedSection)
{
    menu->clear();
    const QAbstractItemModel* model = header->model();
    if (!model)
        return;
    const int count = header->count();
    int visible = 0;
    for (int section = 0; section < count; ++section)
        visible += header->isSectionHidden(section) ? 0 : 1;
    for (int logical = 0; logical < count; ++logical) {
        const QString name = model->headerData(logical, header->orientation(), Qt::DisplayRole).toString();
        QAction* action = menu->addAction(name);
        action->setCheckable(true);
        const bool shown = !header->isSectionHidden(logical);
        action->setChecked(shown);
        action->setEnabled(!(shown && (visible == 1 || logical == fixedSection)));
        QObject::connect(action, &QAction::toggled, header,
            [header, logical](bool checked) { header->setSectionHidden(logical, !checked); });
    }
    menu->addSeparator();
    QAction* all = menu->addAction(QCoreApplication::translate("dopt::ColumnChooser", "Show all columns"));
    QObject::connect(all, &QAction::triggered, header, [header] {
        for (int section = 0; section < header->count(); ++section)
            header->showSection(section);
    });
}

} // namespace dopt
