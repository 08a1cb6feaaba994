// The query browser interrupts a stale count: on a PostgreSQL workspace whose jobs table another
// session holds locked, a typed filter's count waits in the server (seen in pg_stat_activity); the
// user types another filter, the first count is stopped there (reported cancelled, while the lock
// is still held, so it cannot have finished), and once the lock goes the second filter's rows and
// count arrive. Conditions only, no timings.
#include "jobfilterbar.h"
#include "jobtablemodel.h"
#include "pglockwaits.h"
#include "postgresserver.h"
#include "querybrowser.h"
#include "store/jobrepository.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace dopt;

namespace {

constexpr int JobCount = 40;

Job makeJob(int i)
{
    Job job;
    job.engine = QStringLiteral("dremio");
    job.jobId = QStringLiteral("job-%1").arg(i);
    // 1 in 4 reads alpha_sales, 1 in 8 beta_stock, the rest gamma.
    job.sql = i % 4 == 0 ? QStringLiteral("SELECT * FROM alpha_sales WHERE id = %1").arg(i)
        : i % 8 == 1     ? QStringLiteral("SELECT * FROM beta_stock WHERE id = %1").arg(i)
                         : QStringLiteral("SELECT * FROM gamma WHERE id = %1").arg(i);
    job.user = QStringLiteral("analyst");
    job.state = QStringLiteral("COMPLETED");
    job.submittedMs = 1'700'000'000'000 + i * 1000;
    return job;
}

void typeFilter(QueryBrowser& browser, const QString& text)
{
    QLineEdit* edit = browser.filterBar()->lineEdit();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

} // namespace

class tst_BrowserInterruption : public QObject
{
    Q_OBJECT

private:
    test::PostgresServer m_server;

private Q_SLOTS:
    void secondFilterInterruptsTheFirstCount()
    {
        QString problem;
        QString url;
        if (!m_server.startWithDatabase(QStringLiteral("browser"), QString(), &url, &problem))
            QSKIP(qPrintable(QStringLiteral("PostgreSQL unavailable: ") + problem));
        QVERIFY2(!url.isEmpty(), qPrintable(problem));
        auto workspace = std::make_shared<Workspace>();
        QVERIFY2(workspace->open(url, &problem), qPrintable(problem));
        {
            JobRepository jobs(workspace->database());
            for (int i = 0; i < JobCount; ++i)
                QVERIFY2(jobs.upsert(makeJob(i), 0, 0, &problem) > 0, qPrintable(problem));
        }

        QueryBrowser browser;
        JobTableModel* model = browser.model();
        browser.setWorkspace(workspace);
        QTRY_VERIFY_WITH_TIMEOUT(model->isFirstPageReady() && model->isCountKnown(), 60'000);
        QCOMPARE(model->rowCount(), JobCount);
        QSignalSpy cancelled(model, &JobTableModel::staleCountCancelled);

        // Another session locks the jobs table: every read of the browser now waits in the server.
        Workspace lockHolder;
        QVERIFY2(lockHolder.open(url, &problem), qPrintable(problem));
        QSqlDatabase lockDb = lockHolder.database();
        QVERIFY(lockDb.transaction());
        QSqlQuery lock(lockDb);
        QVERIFY2(
            lock.exec(QStringLiteral("LOCK TABLE jobs IN ACCESS EXCLUSIVE MODE")), qPrintable(lock.lastError().text()));

        typeFilter(browser, QStringLiteral("alpha_sales"));
        // Its count and first page are running: blocked on the lock, they cannot end by themselves.
        QTRY_VERIFY_WITH_TIMEOUT(test::lockWaitingStatements(lockDb) >= 1, 60'000);
        QCOMPARE(model->query().text, QStringLiteral("alpha_sales"));
        QVERIFY(!model->isCountKnown());
        QVERIFY(cancelled.isEmpty());

        typeFilter(browser, QStringLiteral("beta_stock"));
        // The first count is stopped in the server although the lock is still held.
        QTRY_VERIFY_WITH_TIMEOUT(!cancelled.isEmpty(), 60'000);
        QCOMPARE(cancelled.first().first().toString(), QStringLiteral("alpha_sales"));
        QCOMPARE(model->query().text, QStringLiteral("beta_stock"));
        QVERIFY(!model->isCountKnown()); // the second waits for the lock like the first did
        QTRY_VERIFY_WITH_TIMEOUT(test::lockWaitingStatements(lockDb) >= 1, 60'000);

        QVERIFY(lockDb.rollback());
        QTRY_VERIFY_WITH_TIMEOUT(model->isFirstPageReady() && model->isCountKnown(), 60'000);
        QCOMPARE(model->rowCount(), JobCount / 8);
        for (int row = 0; row < model->rowCount(); ++row) {
            const auto job = model->jobAt(row);
            QVERIFY(job.has_value());
            QVERIFY2(job->job.sql.contains(QStringLiteral("beta_stock")), qPrintable(job->job.sql));
        }
        QCOMPARE(cancelled.size(), 1); // the current filter's count was not cancelled
    }
};

QTEST_MAIN(tst_BrowserInterruption)
#include "tst_browserinterruption.moc"
