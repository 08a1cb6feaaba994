// Opening an older workspace in the GUI upgrades it on the worker thread with a progress dialog:
// the dialog appears with the rows of the text index built so far and goes away when the workspace
// is open; Cancel stops the upgrade, the open fails with the reason and the file keeps its version.
#include "oldworkspace.h"
#include "store/migrations.h"
#include "store/workspace.h"
#include "testdata.h"
#include "workspacecontroller.h"
#include "workspaceupgradedialog.h"

#include <QDir>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace dopt;

namespace {
constexpr int JobCount = 25000;

struct OpenResult
{
    bool delivered = false;
    bool ok = false;
    QString error;
};
} // namespace

class tst_WorkspaceUpgrade : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QCoreApplication::setOrganizationName(QStringLiteral("dopt-test-upgrade")); }

    void upgradeShowsProgress()
    {
        const QString path = QDir(test::tempDir()).filePath(QStringLiteral("old.dopt"));
        QString error;
        QVERIFY2(test::createOldWorkspace(path, 9, JobCount, &error), qPrintable(error));

        QWidget window;
        WorkspaceController controller;
        WorkspaceUpgradeDialog dialog(&controller, &window);
        QVERIFY(!dialog.isVisible());
        QVector<int> doneWhileShown;
        int total = 0;
        connect(&controller, &WorkspaceController::upgradeProgress, this, [&](const QString& step, int done, int rows) {
            if (rows <= 0)
                return;
            QCOMPARE(step, QStringLiteral("0010_job_text_search"));
            total = rows;
            if (dialog.isVisible() && dialog.value() == done)
                doneWhileShown.append(done);
        });
        OpenResult result;
        controller.openInBackground(path, [&](bool ok, const QString& message) { result = {true, ok, message}; });
        QTRY_VERIFY_WITH_TIMEOUT(result.delivered, 120'000);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(controller.workspace()->schemaVersion(), Workspace::CurrentSchemaVersion);
        QCOMPARE(total, JobCount);
        QVERIFY(!doneWhileShown.isEmpty());
        QCOMPARE(doneWhileShown.last(), JobCount); // the final figure always reaches the dialog
        QVERIFY(dialog.updatesShown() >= 2);
        QVERIFY(!dialog.isVisible()); // gone once the workspace is open
    }

    void cancelKeepsTheOldVersion()
    {
        const QString path = QDir(test::tempDir()).filePath(QStringLiteral("cancelled.dopt"));
        QString error;
        // Five batches: the click reaches the worker long before the last one is done.
        QVERIFY2(test::createOldWorkspace(path, 9, 5 * Migrations::RebuildBatchRows, &error), qPrintable(error));

        QWidget window;
        WorkspaceController controller;
        WorkspaceUpgradeDialog dialog(&controller, &window);
        OpenResult result;
        controller.openInBackground(path, [&](bool ok, const QString& message) { result = {true, ok, message}; });
        // The user cancels as soon as the dialog shows the first rows.
        connect(&controller, &WorkspaceController::upgradeProgress, &dialog, [&](const QString&, int, int rows) {
            if (rows > 0 && dialog.isVisible() && !dialog.wasCanceled())
                dialog.findChild<QPushButton*>()->click();
        });
        QTRY_VERIFY_WITH_TIMEOUT(result.delivered, 120'000);
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(QStringLiteral("cancelled")), qPrintable(result.error));
        QVERIFY(!controller.isOpen());
        QVERIFY(!dialog.isVisible());

        Workspace old;
        old.setTargetSchemaVersion(9);
        QVERIFY2(old.open(path, &error), qPrintable(error));
        QCOMPARE(old.schemaVersion(), 9);
    }
};

QTEST_MAIN(tst_WorkspaceUpgrade)
#include "tst_workspaceupgrade.moc"
