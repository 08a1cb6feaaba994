#include "jobtablemodel.h"
#include "store/jobrepository.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QSignalSpy>
#include <QTest>

using namespace dopt;

namespace {
constexpr int JobCount = 20000;
constexpr qint64 BaseMs = 1'700'000'000'000;

// Deterministic synthetic jobs, so every expectation below is computed, not copied.
Job syntheticJob(int i)
{
    Job job;
    job.jobId = QStringLiteral("job-%1").arg(i, 5, 10, QLatin1Char('0'));
    job.user = QStringLiteral("user%1").arg(i % 50);
    job.state = i % 10 == 0 ? QStringLiteral("FAILED") : QStringLiteral("COMPLETED");
    job.sql = i % 4 == 0 ? QStringLiteral("SELECT * FROM sales WHERE id = %1").arg(i)
                         : QStringLiteral("SELECT count(*) FROM orders -- %1").arg(i);
    job.submittedMs = BaseMs + qint64(i) * 1000;
    job.durationMs = (qint64(i) * 7919) % 100000;
    job.rowsScanned = qint64(i) * 10;
    job.bytesScanned = qint64(i) * 4096;
    job.queue = QStringLiteral("default");
    job.accelerated = i % 3 == 0;
    return job;
}

bool insertJobs(Workspace& workspace, int from, int to, QString* error)
{
    QSqlDatabase db = workspace.database();
    if (!db.transaction()) {
        *error = QStringLiteral("cannot begin a transaction");
        return false;
    }
    {
        JobRepository repository(db);
        for (int i = from; i < to; ++i)
            if (repository.upsert(syntheticJob(i), -1, -1, error) < 0)
                return false;
    }
    return db.commit();
}

QString cell(const QAbstractItemModel& model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role).toString();
}

// Waits until the count and the first page of the current query are in.
/// Waits for the first page and for the count of matching jobs (the first page may come first).
bool waitForFirstPage(JobTableModel& model)
{
    if (!model.isFirstPageReady()) {
        QSignalSpy ready(&model, &JobTableModel::firstPageReady);
        if (!ready.wait(60000))
            return false;
    }
    return QTest::qWaitFor([&model] { return model.isCountKnown(); }, 60000);
}
} // namespace

class TestJobTableModel : public QObject
{
    Q_OBJECT
private:
    Workspace m_workspace;

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale::c());
        QString error;
        const QString path = QDir(dopt::test::tempDir()).filePath(QStringLiteral("jobs.sqlite"));
        QVERIFY2(m_workspace.open(path, &error), qPrintable(error));
        QVERIFY2(insertJobs(m_workspace, 0, JobCount, &error), qPrintable(error));
    }

    void emptyWithoutWorkspace()
    {
        JobTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy ready(&model, &JobTableModel::firstPageReady);
        model.setWorkspace(nullptr);
        QVERIFY(model.isFirstPageReady());
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(JobTableModel::ColumnCount));
        QVERIFY(!model.headerData(JobTableModel::SqlColumn, Qt::Horizontal).toString().isEmpty());
    }

    void rowsAppearPageByPage()
    {
        JobTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy counted(&model, &JobTableModel::countChanged);
        model.setWorkspace(std::shared_ptr<const Workspace>(&m_workspace, [](const Workspace*) {}));
        QVERIFY(waitForFirstPage(model));
        QCOMPARE(counted.last().first().toLongLong(), qint64(JobCount));
        QCOMPARE(model.rowCount(), JobCount);
        // Default order: newest first.
        QCOMPARE(cell(model, 0, JobTableModel::JobIdColumn), syntheticJob(JobCount - 1).jobId);
        QCOMPARE(model.jobAt(0)->job.user, syntheticJob(JobCount - 1).user);

        // A row far down is a placeholder until its page arrives.
        const int deep = 15123;
        QCOMPARE(model.data(model.index(deep, JobTableModel::JobIdColumn), JobTableModel::LoadedRole).toBool(), false);
        QCOMPARE(cell(model, deep, JobTableModel::JobIdColumn), QStringLiteral("…"));
        QSignalSpy pages(&model, &JobTableModel::pageLoaded);
        QTRY_VERIFY_WITH_TIMEOUT(model.jobAt(deep).has_value(), 60000);
        QCOMPARE(cell(model, deep, JobTableModel::JobIdColumn), syntheticJob(JobCount - 1 - deep).jobId);
        QVERIFY(pages.count() >= 1);
    }

    void sequentialPagesMatchOffsetPaging()
    {
        // Page 1 is read after page 0 with keyset paging; it must be the same rows OFFSET gives.
        JobTableModel model;
        model.setWorkspace(std::shared_ptr<const Workspace>(&m_workspace, [](const Workspace*) {}));
        model.sort(JobTableModel::DurationColumn, Qt::AscendingOrder);
        QVERIFY(waitForFirstPage(model));
        const int row = JobTableModel::PageSize + 17;
        QTRY_VERIFY_WITH_TIMEOUT(model.jobAt(row).has_value(), 60000);
        JobRepository repository(m_workspace.database());
        const QVector<JobRow> expected = repository.page(model.query(), row, 1);
        QCOMPARE(expected.size(), 1);
        QCOMPARE(model.jobAt(row)->job.jobId, expected.first().job.jobId);
    }

    void sortingChangesOrder_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("order");
        QTest::newRow("duration ascending") << int(JobTableModel::DurationColumn) << int(Qt::AscendingOrder);
        QTest::newRow("duration descending") << int(JobTableModel::DurationColumn) << int(Qt::DescendingOrder);
        QTest::newRow("job id ascending") << int(JobTableModel::JobIdColumn) << int(Qt::AscendingOrder);
        QTest::newRow("rows scanned descending") << int(JobTableModel::RowsScannedColumn) << int(Qt::DescendingOrder);
    }

    void sortingChangesOrder()
    {
        QFETCH(int, column);
        QFETCH(int, order);
        JobTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setWorkspace(std::shared_ptr<const Workspace>(&m_workspace, [](const Workspace*) {}));
        QVERIFY(waitForFirstPage(model));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.sort(column, Qt::SortOrder(order));
        QCOMPARE(reset.count(), 1);
        QVERIFY(waitForFirstPage(model));
        QCOMPARE(model.rowCount(), JobCount);

        // Expected first rows, computed from the generator.
        QVector<Job> all;
        for (int i = 0; i < JobCount; ++i)
            all << syntheticJob(i);
        const auto key = [column](const Job& job) -> qint64 {
            switch (column) {
            case JobTableModel::DurationColumn:
                return *job.durationMs;
            case JobTableModel::RowsScannedColumn:
                return *job.rowsScanned;
            default:
                return job.jobId.mid(4).toLongLong();
            }
        };
        std::stable_sort(all.begin(), all.end(), [&](const Job& a, const Job& b) {
            return order == Qt::AscendingOrder ? key(a) < key(b) : key(a) > key(b);
        });
        for (int row = 0; row < 50; ++row) {
            const auto job = model.jobAt(row);
            QVERIFY(job.has_value());
            QCOMPARE(key(job->job), key(all[row]));
        }
    }

    void filteringChangesResults_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("state");
        QTest::newRow("state FAILED") << QString() << QStringLiteral("FAILED");
        QTest::newRow("text in SQL") << QStringLiteral("from SALES") << QString();
        QTest::newRow("user") << QStringLiteral("user7") << QString();
        QTest::newRow("text and state") << QStringLiteral("sales") << QStringLiteral("FAILED");
        QTest::newRow("no match") << QStringLiteral("no such thing") << QString();
    }

    void filteringChangesResults()
    {
        QFETCH(QString, text);
        QFETCH(QString, state);
        qint64 expected = 0;
        for (int i = 0; i < JobCount; ++i) {
            const Job job = syntheticJob(i);
            const bool textMatches = text.isEmpty() || job.sql.contains(text, Qt::CaseInsensitive)
                || job.jobId.contains(text, Qt::CaseInsensitive) || job.user.contains(text, Qt::CaseInsensitive);
            expected += (textMatches && (state.isEmpty() || job.state == state)) ? 1 : 0;
        }
        JobTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setWorkspace(std::shared_ptr<const Workspace>(&m_workspace, [](const Workspace*) {}));
        QVERIFY(waitForFirstPage(model));
        model.setFilter(text, state);
        QVERIFY(waitForFirstPage(model));
        QCOMPARE(qint64(model.rowCount()), expected);
        for (int row = 0; row < qMin(model.rowCount(), 100); ++row) {
            const auto job = model.jobAt(row);
            QVERIFY(job.has_value());
            if (!state.isEmpty())
                QCOMPARE(job->job.state, state);
        }
    }

    /// Many matches: the bounded count comes first, flagged as a lower bound with rows that really
    /// exist, then the exact count replaces it; few matches: the bounded count is already exact.
    void boundedCountIsReplacedByExactCount()
    {
        constexpr qint64 Bound = 1000;
        const QString text = QStringLiteral("orders"); // 3 jobs in 4
        qint64 expected = 0;
        for (int i = 0; i < JobCount; ++i)
            expected += syntheticJob(i).sql.contains(text) ? 1 : 0;
        QCOMPARE(expected, qint64(JobCount * 3 / 4));
        JobTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCountBound(Bound);
        model.setWorkspace(std::shared_ptr<const Workspace>(&m_workspace, [](const Workspace*) {}));
        QVERIFY(waitForFirstPage(model));

        struct Seen
        {
            qint64 count;
            bool exact;
            bool lowerBound;
            int rows;
            bool canFetchMore;
        };
        QVector<Seen> seen;
        connect(&model, &JobTableModel::countChanged, this, [&](qint64 count, bool exact) {
            seen.append({count, exact, model.isCountLowerBound(), model.rowCount(), model.canFetchMore({})});
            if (!exact)
                model.fetchMore({}); // the view reached the end of the known rows
        });
        model.setFilter(text, QString());
        QVERIFY(waitForFirstPage(model));
        QCOMPARE(seen.size(), 2);
        QCOMPARE(seen[0].exact, false);
        QVERIFY(seen[0].lowerBound);
        QVERIFY(seen[0].canFetchMore);
        QVERIFY2(seen[0].count >= Bound && seen[0].count < expected, qPrintable(QString::number(seen[0].count)));
        QCOMPARE(qint64(seen[0].rows), seen[0].count); // the scroll range covers only rows known to exist
        QCOMPARE(seen[1].exact, true);
        QCOMPARE(seen[1].count, expected);
        QVERIFY(!seen[1].lowerBound);
        QVERIFY(!seen[1].canFetchMore);
        QCOMPARE(model.rowCount(), int(expected));
        QVERIFY(model.isCountKnown());
        const auto deepest = int(expected) - 1; // rows past the bound are real jobs
        QTRY_VERIFY_WITH_TIMEOUT(model.jobAt(deepest).has_value(), 60000);
        QVERIFY(model.jobAt(deepest)->job.sql.contains(text));

        seen.clear();
        model.setFilter(QStringLiteral("from sales"), QString()); // 5,000 matches: bound, then exact
        QVERIFY(waitForFirstPage(model));
        QCOMPARE(seen.last().count, qint64(JobCount / 4));
        QVERIFY(seen.last().exact);
        model.setCountBound(JobCount); // more than match: one count, already exact
        seen.clear();
        model.setFilter(QStringLiteral("sales where"), QString());
        QVERIFY(waitForFirstPage(model));
        QCOMPARE(seen.size(), 1);
        QCOMPARE(seen[0].count, qint64(JobCount / 4));
        QVERIFY(seen[0].exact);
    }

    void displayIsHumanReadableWithExactTooltips()
    {
        JobTableModel model;
        model.setWorkspace(std::shared_ptr<const Workspace>(&m_workspace, [](const Workspace*) {}));
        model.setFilter(syntheticJob(12345).jobId, QString());
        QVERIFY(waitForFirstPage(model));
        QCOMPARE(model.rowCount(), 1);
        const Job job = syntheticJob(12345);
        QCOMPARE(*job.bytesScanned, qint64(50565120));
        QCOMPARE(cell(model, 0, JobTableModel::BytesScannedColumn), QStringLiteral("48.2 MiB"));
        QVERIFY(cell(model, 0, JobTableModel::BytesScannedColumn, Qt::ToolTipRole).contains(QStringLiteral("bytes")));
        QCOMPARE(cell(model, 0, JobTableModel::DurationColumn), QStringLiteral("1 min 00 s")); // 60,055 ms
        QVERIFY(cell(model, 0, JobTableModel::DurationColumn, Qt::ToolTipRole).contains(QStringLiteral("ms")));
        QCOMPARE(cell(model, 0, JobTableModel::AcceleratedColumn), QStringLiteral("✓"));
        QCOMPARE(cell(model, 0, JobTableModel::SqlColumn), QStringLiteral("SELECT count(*) FROM orders -- 12345"));
    }

    void subMillisecondDurationShowsItsFraction()
    {
        // PostgreSQL statements under a millisecond and a Dremio job: the fraction is shown below 10 ms,
        // the tooltip has it to the microsecond, and sorting by duration stays numeric.
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.open(QDir(dopt::test::tempDir()).filePath(QStringLiteral("fractions.sqlite")), &error),
            qPrintable(error));
        {
            JobRepository repository(workspace.database());
            const std::pair<const char*, double> jobs[]
                = {{"pg-fast", 0.231}, {"pg-short", 4.12}, {"dremio", 850}, {"pg-half", 0.5}};
            for (const auto& [id, duration] : jobs) {
                Job job = syntheticJob(0);
                job.jobId = QString::fromLatin1(id);
                job.durationMs = duration;
                QVERIFY2(repository.upsert(job, -1, -1, &error) > 0, qPrintable(error));
            }
        }
        JobTableModel model;
        model.setWorkspace(std::shared_ptr<const Workspace>(&workspace, [](const Workspace*) {}));
        QVERIFY(waitForFirstPage(model));
        model.sort(JobTableModel::DurationColumn, Qt::AscendingOrder);
        QVERIFY(waitForFirstPage(model));
        QCOMPARE(model.rowCount(), 4);
        QStringList shown;
        for (int row = 0; row < model.rowCount(); ++row)
            shown << cell(model, row, JobTableModel::JobIdColumn) + QLatin1Char(' ')
                    + cell(model, row, JobTableModel::DurationColumn);
        QCOMPARE(shown,
            QStringList({QStringLiteral("pg-fast 0.23 ms"), QStringLiteral("pg-half 0.50 ms"),
                QStringLiteral("pg-short 4.1 ms"), QStringLiteral("dremio 850 ms")}));
        QCOMPARE(cell(model, 0, JobTableModel::DurationColumn, Qt::ToolTipRole), QStringLiteral("0.231 ms"));
        QCOMPARE(model.jobAt(0)->job.durationMs.value_or(-1), 0.231);
    }

    void refreshPicksUpNewJobsWithoutReset()
    {
        JobTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setWorkspace(std::shared_ptr<const Workspace>(&m_workspace, [](const Workspace*) {}));
        QVERIFY(waitForFirstPage(model));
        QString error;
        QVERIFY2(insertJobs(m_workspace, JobCount, JobCount + 10, &error), qPrintable(error));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.refresh();
        QVERIFY(waitForFirstPage(model));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), JobCount + 10);
        QCOMPARE(cell(model, 0, JobTableModel::JobIdColumn), syntheticJob(JobCount + 9).jobId);
    }
};

QTEST_MAIN(TestJobTableModel)
#include "tst_jobtablemodel.moc"
