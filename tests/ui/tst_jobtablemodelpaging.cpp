// The query browser's fetchMore path, step by step on conditions only (no sleeps, no timings):
// - scrolling past the rows the bounded count vouches for: each fetchMore() reads the next page and
//   appends its rows while the exact count is still to come (the test scrolls from inside the
//   bounded count's countChanged, before the model starts the exact count, so that order is fixed);
// - a page requested by fetchMore() is still running when a new filter is typed: another session
//   holds the jobs table locked on PostgreSQL so the page cannot end by itself; the filter change
//   drops it (and the stale count), no row or error of the old filter ever reaches the model, and
//   the new filter's pages and count arrive once the lock goes.
#include "jobtablemodel.h"
#include "pglockwaits.h"
#include "postgresserver.h"
#include "store/jobrepository.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace dopt;

namespace {

constexpr int JobCount = 1200;
constexpr qint64 CountBound = 200;
const QString Alpha = QStringLiteral("alpha_sales"); // every second job: 600
const QString Beta = QStringLiteral("beta_stock"); // one job in four: 300
constexpr int AlphaJobs = JobCount / 2;
constexpr int BetaJobs = JobCount / 4;

Job makeJob(int i)
{
    Job job;
    job.engine = QStringLiteral("dremio");
    job.jobId = QStringLiteral("job-%1").arg(i, 5, 10, QLatin1Char('0'));
    job.sql = i % 2 == 0 ? QStringLiteral("SELECT * FROM alpha_sales WHERE id = %1").arg(i)
        : i % 4 == 1     ? QStringLiteral("SELECT * FROM beta_stock WHERE id = %1").arg(i)
                         : QStringLiteral("SELECT * FROM gamma WHERE id = %1").arg(i);
    job.user = QStringLiteral("analyst");
    job.state = QStringLiteral("COMPLETED");
    job.submittedMs = 1'700'000'000'000 + qint64(i) * 1000;
    return job;
}

bool insertJobs(Workspace& workspace, QString* error)
{
    QSqlDatabase db = workspace.database();
    if (!db.transaction()) {
        *error = QStringLiteral("cannot begin a transaction");
        return false;
    }
    {
        JobRepository repository(db);
        for (int i = 0; i < JobCount; ++i)
            if (repository.upsert(makeJob(i), -1, -1, error) < 0)
                return false;
    }
    return db.commit();
}

/// The row ids of every job matching `text`, in the browser's default order.
QVector<qint64> expectedRowIds(Workspace& workspace, const QString& text)
{
    JobQuery query;
    query.text = text;
    QVector<qint64> ids;
    for (const JobRow& row : JobRepository(workspace.database()).page(query, 0, JobCount))
        ids.append(row.rowId);
    return ids;
}

/// Touches every row so its page is requested, then waits until all are loaded; their row ids.
QVector<qint64> loadAllRows(JobTableModel& model)
{
    auto allLoaded = [&model] {
        for (int row = 0; row < model.rowCount(); ++row)
            if (!model.jobAt(row))
                return false;
        return true;
    };
    QVector<qint64> ids;
    if (!QTest::qWaitFor(allLoaded, 60'000))
        return ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.jobAt(row)->rowId);
    return ids;
}

std::shared_ptr<const Workspace> unowned(Workspace& workspace)
{
    return std::shared_ptr<const Workspace>(&workspace, [](const Workspace*) {});
}

} // namespace

class tst_JobTableModelPaging : public QObject
{
    Q_OBJECT

private:
    Workspace m_sqlite;
    test::PostgresServer m_server;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(
            m_sqlite.open(QDir(test::tempDir()).filePath(QStringLiteral("paging.dopt")), &error), qPrintable(error));
        QVERIFY2(insertJobs(m_sqlite, &error), qPrintable(error));
    }

    void fetchMoreAppendsPagesBeforeTheExactCount()
    {
        JobTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCountBound(CountBound);
        model.setWorkspace(unowned(m_sqlite));
        QVERIFY(QTest::qWaitFor([&] { return model.isFirstPageReady() && model.isCountKnown(); }, 60'000));

        struct Step
        {
            int rows;
            bool lowerBound;
            bool canFetchMore;
        };
        QVector<Step> steps; // the model as the view sees it after each page
        int boundedCounts = 0;
        connect(&model, &JobTableModel::countChanged, this, [&](qint64 count, bool exact) {
            if (exact || boundedCounts++ > 0)
                return;
            QCOMPARE(count, CountBound);
            // The view scrolls to the end of the known rows, page after page, until the model
            // has no more to fetch. The exact count starts only when this returns.
            QVERIFY(QTest::qWaitFor([&] { return model.jobAt(0).has_value(); }, 60'000));
            steps.append({model.rowCount(), model.isCountLowerBound(), model.canFetchMore({})});
            while (model.canFetchMore({})) {
                const int before = model.rowCount();
                model.fetchMore({});
                QVERIFY(QTest::qWaitFor([&] { return model.rowCount() > before || !model.canFetchMore({}); }, 60'000));
                steps.append({model.rowCount(), model.isCountLowerBound(), model.canFetchMore({})});
            }
        });
        model.setFilter(Alpha, QString());
        QVERIFY(QTest::qWaitFor([&] { return model.isFirstPageReady() && model.isCountKnown(); }, 60'000));

        // Page 0 (256 rows, more than the bound of 200), then pages 1 and 2 (a short one: 600 in all).
        QCOMPARE(boundedCounts, 1);
        QCOMPARE(steps.size(), 3);
        const int pageSize = JobTableModel::PageSize;
        QCOMPARE(steps[0].rows, pageSize);
        QCOMPARE(steps[1].rows, 2 * pageSize);
        QCOMPARE(steps[2].rows, AlphaJobs);
        for (const Step& step : std::as_const(steps))
            QVERIFY(step.lowerBound);
        QVERIFY(steps[0].canFetchMore && steps[1].canFetchMore && !steps[2].canFetchMore);

        // The exact count confirms the rows fetched, which are the filter's jobs in order.
        QCOMPARE(model.rowCount(), AlphaJobs);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(loadAllRows(model), expectedRowIds(m_sqlite, Alpha));
    }

    void pageOfAnOldFilterIsDiscarded()
    {
        QString problem;
        QString url;
        if (!m_server.startWithDatabase(QStringLiteral("paging"), QString(), &url, &problem))
            QSKIP(qPrintable(QStringLiteral("PostgreSQL unavailable: ") + problem));
        QVERIFY2(!url.isEmpty(), qPrintable(problem));
        Workspace workspace;
        QVERIFY2(workspace.open(url, &problem), qPrintable(problem));
        QVERIFY2(insertJobs(workspace, &problem), qPrintable(problem));
        Workspace lockHolder;
        QVERIFY2(lockHolder.open(url, &problem), qPrintable(problem));
        QSqlDatabase lockDb = lockHolder.database();

        JobTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCountBound(CountBound);
        model.setWorkspace(unowned(workspace));
        QVERIFY(QTest::qWaitFor([&] { return model.isFirstPageReady() && model.isCountKnown(); }, 60'000));
        QSignalSpy failures(&model, &JobTableModel::loadFailed);
        QSignalSpy staleCounts(&model, &JobTableModel::staleCountCancelled);

        // Every row the model shows is checked against the filter it had when the row appeared.
        QStringList wrongRows;
        auto checkRows = [&](int first, int last) {
            for (int row = first; row <= last && row < model.rowCount(); ++row) {
                if (!model.data(model.index(row, 0), JobTableModel::LoadedRole).toBool())
                    continue;
                const auto job = model.jobAt(row);
                if (!job || !job->job.sql.contains(model.query().text))
                    wrongRows.append(QStringLiteral("row %1 under filter %2: %3")
                                         .arg(row)
                                         .arg(model.query().text, job ? job->job.sql : QStringLiteral("(none)")));
            }
        };
        connect(&model, &QAbstractItemModel::dataChanged, this,
            [&](const QModelIndex& from, const QModelIndex& to) { checkRows(from.row(), to.row()); });
        connect(&model, &QAbstractItemModel::rowsInserted, this,
            [&](const QModelIndex&, int first, int last) { checkRows(first, last); });

        // Alpha's bounded count is in: with page 0 shown, lock the jobs table before the model
        // starts the exact count, then scroll past the known rows. The exact count and the
        // fetched page now wait in the server and cannot end by themselves.
        bool locked = false;
        connect(&model, &JobTableModel::countChanged, this, [&](qint64, bool exact) {
            if (exact || locked || model.query().text != Alpha)
                return;
            QVERIFY(QTest::qWaitFor([&] { return model.jobAt(0).has_value(); }, 60'000));
            QVERIFY(lockDb.transaction());
            QSqlQuery lock(lockDb);
            QVERIFY2(lock.exec(QStringLiteral("LOCK TABLE jobs IN ACCESS EXCLUSIVE MODE")),
                qPrintable(lock.lastError().text()));
            locked = true;
            QVERIFY(model.canFetchMore({}));
            model.fetchMore({});
        });
        model.setFilter(Alpha, QString());
        QVERIFY(QTest::qWaitFor([&] { return locked && test::lockWaitingStatements(lockDb) >= 2; }, 60'000));
        QVERIFY(model.isCountLowerBound());
        QCOMPARE(model.rowCount(), JobTableModel::PageSize);
        QVERIFY(model.canFetchMore({})); // page 1 is on its way, not in

        // A new filter while alpha's page 1 and exact count run: both are dropped (the count is
        // stopped in the server although the lock is still held), beta's statements wait instead.
        model.setFilter(Beta, QString());
        QVERIFY(QTest::qWaitFor([&] { return !staleCounts.isEmpty(); }, 60'000));
        QCOMPARE(staleCounts.first().first().toString(), Alpha);
        QCOMPARE(model.query().text, Beta);
        QVERIFY(!model.isFirstPageReady());
        QCOMPARE(model.rowCount(), 0);

        QVERIFY(lockDb.rollback());
        QVERIFY(QTest::qWaitFor([&] { return model.isFirstPageReady() && model.isCountKnown(); }, 60'000));
        QCOMPARE(model.rowCount(), BetaJobs);
        QCOMPARE(loadAllRows(model), expectedRowIds(workspace, Beta));
        QVERIFY2(wrongRows.isEmpty(), qPrintable(wrongRows.join(QLatin1Char('\n'))));
        QVERIFY2(failures.isEmpty(), qPrintable(failures.value(0).value(0).toString())); // nor its error
        QCOMPARE(staleCounts.size(), 1);
    }
};

QTEST_MAIN(tst_JobTableModelPaging)
#include "tst_jobtablemodelpaging.moc"
