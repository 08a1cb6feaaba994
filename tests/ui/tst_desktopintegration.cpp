// Desktop finish of the main window under the offscreen platform: recent workspaces in File → Open
// Recent, window geometry remembered through QSettings, standard keyboard shortcuts.
#include "jobfilterbar.h"
#include "mainwindow.h"
#include "querybrowser.h"
#include "recentworkspaces.h"
#include "store/workspace.h"
#include "testdata.h"
#include "workspacecontroller.h"

#include <QAction>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

using namespace dopt;

namespace {
QAction* actionWithShortcut(QWidget* window, const QKeySequence& shortcut)
{
    for (QAction* action : window->findChildren<QAction*>()) {
        if (action->shortcuts().contains(shortcut))
            return action;
    }
    return nullptr;
}
} // namespace

class TestDesktopIntegration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("dopt-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_desktopintegration"));
    }

    void init() { QSettings().clear(); }

    void recentListIsNewestFirstWithoutDuplicates()
    {
        for (int i = 0; i < RecentWorkspaces::MaxEntries + 3; ++i)
            RecentWorkspaces::add(QStringLiteral("/w/%1.dopt").arg(i));
        RecentWorkspaces::add(QStringLiteral("/w/5.dopt"));
        const QStringList recent = RecentWorkspaces::list();
        QCOMPARE(recent.size(), RecentWorkspaces::MaxEntries);
        QCOMPARE(recent.first(), QStringLiteral("/w/5.dopt"));
        QCOMPARE(recent.count(QStringLiteral("/w/5.dopt")), 1);
        QCOMPARE(recent.at(1), QStringLiteral("/w/%1.dopt").arg(RecentWorkspaces::MaxEntries + 2));
        RecentWorkspaces::clear();
        QVERIFY(RecentWorkspaces::list().isEmpty());
    }

    void openedWorkspacesAppearInOpenRecent()
    {
        const QString first = test::tempDir() + QStringLiteral("/first.dopt");
        const QString second = test::tempDir() + QStringLiteral("/second.dopt");
        MainWindow window;
        QString error;
        QVERIFY2(window.openWorkspace(first, &error), qPrintable(error));
        QVERIFY2(window.openWorkspace(second, &error), qPrintable(error));
        QCOMPARE(RecentWorkspaces::list().mid(0, 2), (QStringList {second, first}));
        RecentWorkspaces::add(test::tempDir() + QStringLiteral("/deleted-meanwhile.dopt"));

        auto* menu = window.findChild<QMenu*>(QStringLiteral("recentWorkspacesMenu"));
        QVERIFY(menu);
        Q_EMIT menu->aboutToShow();
        QStringList shown;
        for (QAction* action : menu->actions()) {
            if (action->data().isValid())
                shown.append(action->data().toString());
        }
        QCOMPARE(shown, (QStringList {second, first})); // the missing file is left out
        // Choosing an entry opens that workspace (on a worker thread).
        for (QAction* action : menu->actions()) {
            if (action->data().toString() == first)
                action->trigger();
        }
        QTRY_COMPARE_WITH_TIMEOUT(window.workspaceController()->location(), first, 60000);
    }

    void geometryIsRememberedAcrossWindows()
    {
        QSize saved;
        {
            MainWindow window;
            window.show();
            window.resize(913, 677);
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            // A 1366x768 laptop screen must fit the window: its pages may not demand more.
            QVERIFY2(window.minimumSizeHint().height() <= 677,
                qPrintable(QStringLiteral("minimum height %1").arg(window.minimumSizeHint().height())));
            QCOMPARE(window.size(), QSize(913, 677));
            saved = window.size();
            window.close(); // closeEvent saves the layout
        }
        QVERIFY(!QSettings().value(QStringLiteral("mainWindow/geometry")).toByteArray().isEmpty());
        MainWindow again;
        QCOMPARE(again.size(), saved);
    }

    void standardShortcutsReachTheCommonActions()
    {
        MainWindow window;
        for (const QKeySequence::StandardKey key : {QKeySequence::Open, QKeySequence::New, QKeySequence::Quit,
                 QKeySequence::Refresh, QKeySequence::Find, QKeySequence::Print}) {
            if (QKeySequence(key).isEmpty())
                continue; // the platform defines no key for it
            QVERIFY2(actionWithShortcut(&window, QKeySequence(key)), qPrintable(QKeySequence(key).toString()));
        }
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        actionWithShortcut(&window, QKeySequence(QKeySequence::Find))->trigger();
        QTRY_VERIFY(window.queryBrowser()->filterBar()->lineEdit()->hasFocus());
    }
};

QTEST_MAIN(TestDesktopIntegration)
#include "tst_desktopintegration.moc"
