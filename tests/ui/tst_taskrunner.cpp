// TaskRunner lives in core/tasks; its tests sit with the UI tests because the UI is its main user.
#include "tasks/taskrunner.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <stdexcept>

using namespace dopt;

class TestTaskRunner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void deliversResultOnOwnerThread()
    {
        TaskRunner runner(2);
        QThread* worker = nullptr;
        QThread* receiver = nullptr;
        int value = 0;
        QSignalSpy finished(&runner, &TaskRunner::finished);
        const quint64 id = runner.start(
            [&worker](TaskContext&) {
                worker = QThread::currentThread();
                return 6 * 7;
            },
            [&](int result) {
                receiver = QThread::currentThread();
                value = result;
            });
        QVERIFY(runner.isActive(id));
        QVERIFY(finished.wait());
        QCOMPARE(finished.first().first().toULongLong(), id);
        QCOMPARE(value, 42);
        QCOMPARE(receiver, QThread::currentThread());
        QVERIFY(worker != QThread::currentThread());
        QVERIFY(!runner.isActive(id));
    }

    void idsIncrease()
    {
        TaskRunner runner;
        const quint64 a = runner.start([](TaskContext&) { return 1; }, [](int) {});
        const quint64 b = runner.start([](TaskContext&) { return 2; }, [](int) {});
        QVERIFY(b > a);
        QSignalSpy idle(&runner, &TaskRunner::idle);
        QVERIFY(idle.wait());
    }

    void discardedResultIsDropped()
    {
        TaskRunner runner(1);
        std::atomic_bool release {false};
        std::atomic_bool sawCancel {false};
        bool staleDelivered = false;
        const quint64 stale = runner.start(
            [&](TaskContext& context) {
                while (!release.load())
                    QThread::msleep(1);
                sawCancel = context.isCancelled();
                return QStringLiteral("old answer");
            },
            [&](const QString&) { staleDelivered = true; });
        runner.discard(stale);
        QString fresh;
        QSignalSpy finished(&runner, &TaskRunner::finished);
        const quint64 current
            = runner.start([](TaskContext&) { return QStringLiteral("new answer"); }, [&](QString r) { fresh = r; });
        release = true;
        QVERIFY(finished.wait());
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toULongLong(), current);
        QCOMPARE(fresh, QStringLiteral("new answer"));
        QVERIFY(runner.waitForWorkers());
        QCoreApplication::processEvents();
        QVERIFY(!staleDelivered);
        QVERIFY(sawCancel.load());
    }

    void cancelledTaskStillDeliversItsPartialResult()
    {
        TaskRunner runner;
        std::atomic_bool started {false};
        int processed = -1;
        QSignalSpy finished(&runner, &TaskRunner::finished);
        const quint64 id = runner.start(
            [&started](TaskContext& context) {
                started = true;
                int done = 0;
                while (!context.cancelFlag()->load()) {
                    QThread::msleep(1);
                    ++done;
                }
                return done >= 0 ? 7 : -7;
            },
            [&](int result) { processed = result; });
        QTRY_VERIFY(started.load());
        runner.cancel(id);
        QVERIFY(finished.wait());
        QCOMPARE(processed, 7);
    }

    void failuresAreReported_data()
    {
        QTest::addColumn<bool>("throwException");
        QTest::addColumn<QString>("expected");
        QTest::newRow("context.fail") << false << QStringLiteral("file x.json: bad header");
        QTest::newRow("exception") << true << QStringLiteral("unexpected error: boom");
    }

    void failuresAreReported()
    {
        QFETCH(bool, throwException);
        QFETCH(QString, expected);
        TaskRunner runner;
        bool delivered = false;
        QString callbackError;
        QSignalSpy failed(&runner, &TaskRunner::failed);
        runner.start(
            [throwException](TaskContext& context) {
                if (throwException)
                    throw std::runtime_error("boom");
                context.fail(QStringLiteral("file x.json: bad header"));
                return 1;
            },
            [&](int) { delivered = true; }, [&](const QString& error) { callbackError = error; });
        QVERIFY(failed.wait());
        QCOMPARE(failed.first().at(1).toString(), expected);
        QCOMPARE(callbackError, expected);
        QVERIFY(!delivered);
    }

    void progressIsThrottledButKeepsTheFinalValue()
    {
        TaskRunner runner;
        QSignalSpy progress(&runner, &TaskRunner::progress);
        QSignalSpy finished(&runner, &TaskRunner::finished);
        constexpr int total = 100000;
        runner.start(
            [](TaskContext& context) {
                for (int i = 1; i <= total; ++i)
                    context.progress(i, total, QStringLiteral("item"));
            },
            [] {});
        QVERIFY(finished.wait());
        QVERIFY(progress.count() >= 1);
        QVERIFY2(progress.count() < total / 10, qPrintable(QString::number(progress.count())));
        const auto last = progress.last();
        QCOMPARE(last.at(1).toInt(), total);
        QCOMPARE(last.at(2).toInt(), total);
    }

    void destructionWaitsAndDropsEverything()
    {
        bool delivered = false;
        {
            TaskRunner runner;
            runner.start(
                [](TaskContext& context) {
                    while (!context.isCancelled())
                        QThread::msleep(1);
                    return 1;
                },
                [&](int) { delivered = true; });
        }
        QCoreApplication::processEvents();
        QVERIFY(!delivered);
    }
};

QTEST_GUILESS_MAIN(TestTaskRunner)
#include "tst_taskrunner.moc"
