// StatementInterrupter: a workspace statement running on a TaskRunner worker stops when its task is
// cancelled (sqlite3_interrupt / PQcancel), reports "cancelled", and the worker then runs the next
// statement. On SQLite and on a throwaway PostgreSQL server.
#include "store/jobrepository.h"
#include "store/statementinterrupter.h"
#include "store/workspace.h"
#include "tasks/taskrunner.h"
#include "tasks/workerconnection.h"
#include "testdata.h"
#include "tst_storebackends.h"

#include <QSignalSpy>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace dopt;

namespace {

struct Outcome
{
    bool delivered = false;
    bool interrupted = false;
    QString value; // the statement's result when it ran to its end
    QString error;
};

// Minutes of work on either backend when nothing stops it: a recursive count over ten billion
// generated rows (SQLite) or a sleep of an hour (PostgreSQL's pg_sleep blocks in the server).
QString endlessStatement(bool postgres)
{
    return postgres ? QStringLiteral("SELECT pg_sleep(3600)")
                    : QStringLiteral("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n "
                                     "WHERE x < 10000000000) SELECT COUNT(*) FROM n");
}

} // namespace

class tst_StatementInterrupter : public QObject
{
    Q_OBJECT

private:
    StoreBackends m_backends;

    /// Runs `sql` on a worker of `runner` under a StatementInterrupter; the task reports progress
    /// right before the statement starts. Returns the task id.
    quint64 startStatement(TaskRunner& runner, std::shared_ptr<const Workspace> workspace, const QString& sql,
        std::shared_ptr<Outcome> outcome)
    {
        return runner.start(
            [workspace, sql](TaskContext& context) {
                Outcome result;
                WorkerConnection connection(*workspace);
                const StatementInterrupter interrupter(connection.db(), context.cancelSignal());
                if (!interrupter.isActive()) {
                    result.error = QStringLiteral("no native handle: ")
                        + QString::fromLatin1(connection.db().driver()->handle().typeName());
                    return result;
                }
                QSqlQuery query(connection.db());
                context.progress(0, 1, QStringLiteral("running"));
                if (query.exec(sql) && query.next()) {
                    result.value = query.value(0).toString();
                } else {
                    result.interrupted = StatementInterrupter::isInterruption(query.lastError());
                    result.error = query.lastError().text();
                }
                return result;
            },
            [outcome](Outcome result) {
                *outcome = result;
                outcome->delivered = true;
            });
    }

private Q_SLOTS:
    void initTestCase() { m_backends.start(); }

    void cancelStopsRunningStatement_data() { StoreBackends::addRows(); }
    void cancelStopsRunningStatement()
    {
        QFETCH(QString, backend);
        std::shared_ptr<Workspace> workspace = m_backends.openFresh(backend);
        if (!workspace)
            QSKIP(qPrintable(m_backends.skipReason()));
        TaskRunner runner(1); // one worker: the next statement can only run once the first let go
        QSignalSpy progress(&runner, &TaskRunner::progress);
        auto slow = std::make_shared<Outcome>();
        const quint64 id = startStatement(runner, workspace, endlessStatement(workspace->isPostgres()), slow);
        QTRY_VERIFY_WITH_TIMEOUT(progress.size() > 0 || slow->delivered, 30'000);
        QVERIFY2(progress.size() > 0, qPrintable(slow->error)); // the statement is about to run (or running)
        runner.cancel(id); // cancel, not discard: its outcome is still delivered
        auto next = std::make_shared<Outcome>();
        startStatement(runner, workspace, QStringLiteral("SELECT 42"), next);
        // Generous bound against a hang only; the checks are on what came back, not on how fast.
        QTRY_VERIFY_WITH_TIMEOUT(slow->delivered && next->delivered, 120'000);
        QVERIFY2(slow->interrupted, qPrintable(QStringLiteral("value '%1', error '%2'").arg(slow->value, slow->error)));
        QVERIFY(slow->value.isEmpty());
        QCOMPARE(next->value, QStringLiteral("42"));
        QVERIFY2(next->error.isEmpty(), qPrintable(next->error));
    }

    /// A cancel that arrives before the statement starts still stops it (SQLite's progress
    /// handler reads the flag), and the repository reports it as cancelled, not as a broken store.
    void repositoryReportsCancelled()
    {
        std::shared_ptr<Workspace> workspace = m_backends.openFresh(QStringLiteral("sqlite"));
        QVERIFY2(workspace, qPrintable(m_backends.skipReason()));
        QSqlDatabase db = workspace->database();
        {
            JobRepository jobs(db);
            db.transaction();
            for (int i = 0; i < 2000; ++i) {
                Job job;
                job.engine = QStringLiteral("dremio");
                job.jobId = QStringLiteral("job-%1").arg(i);
                job.sql = QStringLiteral("SELECT * FROM space.table_%1").arg(i % 7);
                job.submittedMs = 1'000'000 + i;
                QString error;
                QVERIFY2(jobs.upsert(job, 0, 0, &error) > 0, qPrintable(error));
            }
            QVERIFY(db.commit());
        }
        JobQuery query;
        query.text = QStringLiteral("_3"); // two characters: a scan of every job, long enough to be stopped
        {
            CancelSignal cancelled;
            cancelled.cancel();
            const StatementInterrupter interrupter(db, cancelled);
            QVERIFY(interrupter.isActive());
            JobRepository jobs(db);
            QCOMPARE(jobs.count(query), qint64(-1));
            QVERIFY(jobs.wasCancelled());
            QCOMPARE(jobs.lastError(), QStringLiteral("cannot count jobs: cancelled"));
            QVERIFY(jobs.page(query, 0, 300).isEmpty());
            QVERIFY(jobs.wasCancelled());
        }
        CancelSignal fresh; // the connection is usable again once the interrupter is gone, and under a new one
        const StatementInterrupter interrupter(db, fresh);
        JobRepository jobs(db);
        QCOMPARE(jobs.count(query), qint64(286)); // i % 7 == 3 for i < 2000
        QVERIFY(!jobs.wasCancelled());
        QCOMPARE(jobs.page(query, 0, 300).size(), 286);
    }

    /// A cancel that arrives between two statements of a task: on PostgreSQL PQcancel finds no
    /// statement to abort, so the interrupter keeps it pending and the task's next statement is not
    /// started (reported as cancelled); a new interrupter on the connection starts clean.
    void cancelBetweenStatementsStopsTheNext_data() { StoreBackends::addRows(); }
    void cancelBetweenStatementsStopsTheNext()
    {
        QFETCH(QString, backend);
        std::shared_ptr<Workspace> workspace = m_backends.openFresh(backend);
        if (!workspace)
            QSKIP(qPrintable(m_backends.skipReason()));
        QSqlDatabase db = workspace->database();
        {
            JobRepository jobs(db);
            for (int i = 0; i < 5; ++i) {
                Job job;
                job.engine = QStringLiteral("dremio");
                job.jobId = QStringLiteral("job-%1").arg(i);
                job.sql = QStringLiteral("SELECT %1").arg(i);
                QString error;
                QVERIFY2(jobs.upsert(job, 0, 0, &error) > 0, qPrintable(error));
            }
        }
        JobQuery query;
        query.text = QStringLiteral("job-");
        {
            CancelSignal signal;
            const StatementInterrupter interrupter(db, signal);
            QVERIFY(interrupter.isActive());
            JobRepository jobs(db);
            QCOMPARE(jobs.count(query), qint64(5)); // the task's first statement ran to its end
            QVERIFY(!StatementInterrupter::cancelPending(db));
            signal.cancel(); // nothing runs now: PostgreSQL's cancel request has nothing to stop
            QVERIFY(StatementInterrupter::cancelPending(db));
            QCOMPARE(jobs.count(query), qint64(-1));
            QVERIFY(jobs.wasCancelled());
            QCOMPARE(jobs.lastError(), QStringLiteral("cannot count jobs: cancelled"));
            QVERIFY(jobs.page(query, 0, 10).isEmpty());
            QVERIFY(jobs.wasCancelled());
            QVERIFY(!jobs.findByJobId(QStringLiteral("job-1")).has_value());
            QVERIFY(jobs.wasCancelled());
            {
                CancelSignal inner; // a nested interrupter watches its own task, then gives the outer back
                const StatementInterrupter nested(db, inner);
                QVERIFY(!StatementInterrupter::cancelPending(db));
            }
            QVERIFY(StatementInterrupter::cancelPending(db));
        }
        QVERIFY(!StatementInterrupter::cancelPending(db));
        QSqlDatabase other = QSqlDatabase::database(QStringLiteral("no such connection"), false);
        QVERIFY(!StatementInterrupter::cancelPending(other));
    }

    /// Registering on an already cancelled signal runs the interrupt at once; clearing waits for
    /// it and no later cancel reaches it.
    void cancelSignalRunsInterrupt()
    {
        CancelSignal signal;
        int calls = 0;
        signal.setInterrupt([&calls] { ++calls; });
        QVERIFY(!signal.isCancelled());
        signal.cancel();
        QVERIFY(signal.isCancelled());
        QCOMPARE(calls, 1);
        signal.clearInterrupt();
        signal.cancel();
        QCOMPARE(calls, 1);
        signal.setInterrupt([&calls] { calls += 10; });
        QCOMPARE(calls, 11);
    }
};

QTEST_GUILESS_MAIN(tst_StatementInterrupter)
#include "tst_statementinterrupter.moc"
