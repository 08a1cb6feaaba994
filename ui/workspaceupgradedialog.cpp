#include "workspaceupgradedialog.h"

#include "displayformat.h"
#include "workspacecontroller.h"

namespace dopt {

WorkspaceUpgradeDialog::WorkspaceUpgradeDialog(WorkspaceController* controller, QWidget* parent)
    : QProgressDialog(parent)
{
    setWindowTitle(tr("Upgrading Workspace"));
    setWindowModality(Qt::WindowModal);
    setAutoClose(false);
    setAutoReset(false);
    setMinimumDuration(0);
    setCancelButtonText(tr("Cancel"));
    reset(); // stops the timer QProgressDialog arms to show itself: only real progress shows it
    hide();
    connect(controller, &WorkspaceController::upgradeProgress, this, &WorkspaceUpgradeDialog::showProgress);
    connect(controller, &WorkspaceController::openingChanged, this, [this](bool opening) {
        if (!opening)
            finish();
    });
    // QProgressDialog hides itself on Cancel; the rollback that follows is quick.
    connect(this, &QProgressDialog::canceled, controller, &WorkspaceController::cancelOpening);
}

void WorkspaceUpgradeDialog::showProgress(const QString& step, int done, int total)
{
    if (total <= 0 || wasCanceled())
        return; // a step without rows is quick; after Cancel only the rollback remains
    if (!isVisible()) {
        m_updatesShown = 0;
        show();
    }
    ++m_updatesShown;
    setRange(0, total);
    setValue(done);
    setLabelText(tr("Upgrading the workspace (%1): %2 of %3 rows")
                     .arg(step, DisplayFormat::exactCount(done), DisplayFormat::exactCount(total)));
}

void WorkspaceUpgradeDialog::finish()
{
    hide();
    reset();
}

} // namespace dopt
