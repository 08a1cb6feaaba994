#include "store/workspace.h"
#include "workspacetaskslot.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <atomic>

using namespace dopt;

// The bookkeeping the Analyze and Export Report controllers share: one task at a time, progress
// forwarded, results of a task started for another workspace never delivered.
class TestWorkspaceTaskSlot : public QObject
{
    Q_OBJECT

    std::shared_ptr<Workspace> openWorkspace(const QString& name)
    {
        auto workspace = std::make_shared<Workspace>();
        QString error;
        if (!workspace->open(m_dir.filePath(name), &error))
            qWarning("cannot open workspace: %s", qPrintable(error));
        return workspace;
    }

    QTemporaryDir m_dir;

private Q_SLOTS:
    void refusesWithoutWorkspace()
    {
        WorkspaceTaskSlot slot;
        QString error;
        QVERIFY(!slot.canStart(QStringLiteral("busy"), &error));
        QCOMPARE(error, QStringLiteral("Open a workspace first"));
        QVERIFY(!slot.setWorkspace(nullptr));
    }

    void runsOneTaskAtATimeAndForwardsProgress()
    {
        WorkspaceTaskSlot slot;
        slot.setWorkspace(openWorkspace(QStringLiteral("one.sqlite")));
        QString error;
        QVERIFY2(slot.canStart(QStringLiteral("busy"), &error), qPrintable(error));

        std::atomic_bool release {false};
        QSignalSpy progress(&slot, &WorkspaceTaskSlot::progress);
        int delivered = 0;
        bool freeWhenDelivered = false;
        slot.start(
            [&release](TaskContext& context) {
                context.progress(1, 2, QStringLiteral("half way"));
                while (!release.load())
                    QThread::msleep(1);
                return 42;
            },
            [&](int result) {
                delivered = result;
                freeWhenDelivered = !slot.isRunning();
            },
            [](const QString& failure) { QFAIL(qPrintable(failure)); });
        QVERIFY(slot.isRunning());
        QVERIFY(!slot.canStart(QStringLiteral("busy"), &error));
        QCOMPARE(error, QStringLiteral("busy"));
        QVERIFY(progress.wait());
        QCOMPARE(progress.first().at(2).toString(), QStringLiteral("half way"));
        release = true;
        QTRY_COMPARE(delivered, 42);
        QVERIFY(freeWhenDelivered);
        QVERIFY(slot.canStart(QStringLiteral("busy"), &error));
    }

    void anotherWorkspaceDropsTheRunningTask()
    {
        WorkspaceTaskSlot slot;
        slot.setWorkspace(openWorkspace(QStringLiteral("old.sqlite")));
        std::atomic_bool release {false};
        std::atomic_bool sawCancel {false};
        bool staleDelivered = false;
        slot.start(
            [&](TaskContext& context) {
                while (!release.load() && !context.isCancelled())
                    QThread::msleep(1);
                sawCancel = context.isCancelled();
                return 1;
            },
            [&staleDelivered](int) { staleDelivered = true; }, [](const QString&) {});
        auto next = openWorkspace(QStringLiteral("new.sqlite"));
        QVERIFY(slot.setWorkspace(next));
        QCOMPARE(slot.workspace(), next);
        QVERIFY(!slot.isRunning());

        int fresh = 0;
        slot.start([](TaskContext&) { return 7; }, [&fresh](int value) { fresh = value; }, [](const QString&) {});
        QTRY_COMPARE(fresh, 7);
        QVERIFY(sawCancel.load());
        QVERIFY(!staleDelivered);
    }

    void failureFreesTheSlot()
    {
        WorkspaceTaskSlot slot;
        slot.setWorkspace(openWorkspace(QStringLiteral("failing.sqlite")));
        QString failure;
        slot.start(
            [](TaskContext& context) {
                context.fail(QStringLiteral("disk full"));
                return 0;
            },
            [](int) { QFAIL("a failed task has no result"); }, [&failure](const QString& error) { failure = error; });
        QTRY_COMPARE(failure, QStringLiteral("disk full"));
        QVERIFY(!slot.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceTaskSlot)
#include "tst_workspacetaskslot.moc"
