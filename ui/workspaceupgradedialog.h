#pragma once

#include <QProgressDialog>

namespace dopt {

class WorkspaceController;

/// Shown while opening an older workspace runs a long upgrade (building the text index of a
/// million jobs takes minutes): the step, rows done of rows to do, and Cancel, which rolls the
/// upgrade back and leaves the file at its version. Short steps without a row count (creating a
/// new workspace) never show it.
class WorkspaceUpgradeDialog : public QProgressDialog
{
    Q_OBJECT
public:
    WorkspaceUpgradeDialog(WorkspaceController* controller, QWidget* parent = nullptr);

    /// How many progress updates with a row count it showed since it last appeared (tests).
    int updatesShown() const { return m_updatesShown; }

private:
    void showProgress(const QString& step, int done, int total);
    void finish();

    int m_updatesShown = 0;
};

} // namespace dopt
