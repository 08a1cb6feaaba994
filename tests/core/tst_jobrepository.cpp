// JobRepository (upsert/merge, filters, sorting, offset and keyset paging), SourceRepository and
// ImportRunRepository, on SQLite and on a throwaway PostgreSQL server.
#include "store/importrunrepository.h"
#include "store/jobrepository.h"
#include "store/sourcerepository.h"
#include "store/workspace.h"
#include "testdata.h"
#include "tst_storebackends.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace dopt;

namespace {

Job makeJob(const QString& id, qint64 submittedMs)
{
    Job job;
    job.jobId = id;
    job.submittedMs = submittedMs;
    return job;
}

QVector<qint64> rowIds(const QVector<JobRow>& rows)
{
    QVector<qint64> ids;
    for (const JobRow& row : rows)
        ids.append(row.rowId);
    return ids;
}

} // namespace

class tst_JobRepository : public QObject
{
    Q_OBJECT

private:
    StoreBackends m_backends;

    /// The workspace of the current data row (emptied before each test function), or null when skipped.
    Workspace* current() const { return m_backends.shared(); }

    /// Stores jobs in one transaction and returns their row ids.
    QVector<qint64> store(Workspace* workspace, const QVector<Job>& jobs, qint64 sourceId = 0)
    {
        QSqlDatabase db = workspace->database();
        JobRepository repository(db);
        QVector<qint64> ids;
        db.transaction();
        for (const Job& job : jobs) {
            QString error;
            const qint64 id = repository.upsert(job, sourceId, 0, &error);
            if (id < 0)
                qWarning("%s", qPrintable(error));
            ids.append(id);
        }
        db.commit();
        return ids;
    }

    /// 30 jobs with a mix of known and unknown durations, two users and states.
    QVector<qint64> storeSample(Workspace* workspace)
    {
        QVector<Job> jobs;
        for (int i = 0; i < 30; ++i) {
            Job job = makeJob(QStringLiteral("job-%1").arg(i, 2, 10, QLatin1Char('0')), 1'000'000 + i * 1000);
            job.user = i % 3 == 0 ? QStringLiteral("Alice") : QStringLiteral("bob");
            job.state = i % 4 == 0 ? QStringLiteral("FAILED") : QStringLiteral("COMPLETED");
            job.sql = i % 5 == 0 ? QStringLiteral("SELECT * FROM Sales.Orders WHERE id = %1").arg(i)
                                 : QStringLiteral("select count(*) from hr.people -- %1").arg(i);
            if (i % 6 != 0)
                job.durationMs = (i * 37) % 11 * 100; // duplicates on purpose: the row id breaks ties
            if (i == 7)
                job.submittedMs.reset();
            jobs.append(job);
        }
        return store(workspace, jobs);
    }

    /// Predictions for most of the stored jobs: an older inactive model and the active one (the
    /// listing must use the active one). Some jobs get none, values repeat (row id breaks ties) and
    /// one prediction is 0 (no ratio).
    void storePredictions(Workspace* workspace, const QVector<qint64>& jobIds)
    {
        QSqlQuery query(workspace->database());
        const QString model = QStringLiteral(
            "INSERT INTO models (family, features, job_count, app_version, format_version, payload, active, "
            "trained_ms) VALUES ('ridge', '[]', 30, 'test', 1, ?, ?, 0)");
        qint64 modelIds[2] = {0, 0};
        for (int active : {0, 1}) {
            QVERIFY(query.prepare(model));
            query.addBindValue(QByteArray("x"));
            query.addBindValue(active);
            QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
            QVERIFY(query.exec(QStringLiteral("SELECT MAX(id) FROM models")) && query.next());
            modelIds[active] = query.value(0).toLongLong();
        }
        for (qsizetype i = 0; i < jobIds.size(); ++i) {
            if (i % 7 == 3)
                continue; // no prediction
            const double predicted = i == 11 ? 0.0 : double((i * 13) % 9) * 50.0 + 25.0;
            const double width = double((i * 5) % 4) * 40.0;
            for (int active : {0, 1}) {
                QVERIFY(query.prepare(QStringLiteral("INSERT INTO predictions (job_row_id, model_id, predicted_ms, "
                                                     "low_ms, high_ms) VALUES (?, ?, ?, ?, ?)")));
                query.addBindValue(jobIds.at(i));
                query.addBindValue(modelIds[active]);
                // The inactive model's values run the other way: a listing that used them would fail the order.
                query.addBindValue(active ? predicted : 1000.0 - predicted);
                query.addBindValue(active ? predicted / 2 : 0.0);
                query.addBindValue(active ? predicted / 2 + width : 1000.0 - width);
                QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
            }
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_backends.start();
        QVERIFY2(m_backends.openShared(), qPrintable(m_backends.skipReason()));
    }

    void initTestCase_data() { StoreBackends::addRows(); }

    void init()
    {
        Workspace* workspace = current();
        if (!workspace)
            QSKIP(qPrintable(m_backends.skipReason()));
        QSqlQuery query(workspace->database());
        for (const char* table : {"predictions", "models", "jobs", "import_runs", "sources"})
            QVERIFY(query.exec(QStringLiteral("DELETE FROM %1").arg(QLatin1String(table))));
    }

    void cleanupTestCase() { m_backends.closeShared(); }

    void roundTripsEveryField()
    {
        Job job = makeJob(QStringLiteral("1f2e3d4c-0000-1111-2222-333344445555"), 1'700'000'000'123);
        job.attempt = 2;
        job.sql = QStringLiteral("SELECT 'ünïcode', 42 FROM \"space\".\"t\"\nWHERE x LIKE '%_'");
        job.user = QStringLiteral("analyst@example.com");
        job.queue = QStringLiteral("High Cost User Queries");
        job.state = QStringLiteral("COMPLETED");
        job.queryType = QStringLiteral("UI_RUN");
        job.engineName = QStringLiteral("default");
        job.error = QStringLiteral("none");
        job.startedMs = 1'700'000'000'200;
        job.endedMs = 1'700'000'009'000;
        job.durationMs = 8877;
        job.rowsScanned = 5'000'000'000LL;
        job.bytesScanned = 1LL << 40;
        job.rowsReturned = 0; // zero must stay distinguishable from unknown
        job.plannerCost = 1234.5;
        job.accelerated = true;
        job.datasets = QStringList {QStringLiteral("space.t"), QStringLiteral("@user.scratch")};
        job.phases = {
            {QStringLiteral("PLANNING"), 1'700'000'000'123, 50}, {QStringLiteral("RUNNING"), 1'700'000'000'200, 8800}};
        const qint64 id = store(current(), {job}).first();
        QVERIFY(id > 0);

        JobRepository repository(current()->database());
        const std::optional<JobRow> row = repository.findByRowId(id);
        QVERIFY(row);
        const Job& stored = row->job;
        QCOMPARE(stored.engine, QStringLiteral("dremio"));
        QCOMPARE(stored.jobId, job.jobId);
        QCOMPARE(stored.attempt, 2);
        QCOMPARE(stored.sql, job.sql);
        QCOMPARE(stored.user, job.user);
        QCOMPARE(stored.queue, job.queue);
        QCOMPARE(stored.state, job.state);
        QCOMPARE(stored.queryType, job.queryType);
        QCOMPARE(stored.engineName, job.engineName);
        QCOMPARE(stored.error, job.error);
        QCOMPARE(stored.submittedMs, job.submittedMs);
        QCOMPARE(stored.startedMs, job.startedMs);
        QCOMPARE(stored.endedMs, job.endedMs);
        QCOMPARE(stored.durationMs, job.durationMs);
        QCOMPARE(stored.rowsScanned, job.rowsScanned);
        QCOMPARE(stored.bytesScanned, job.bytesScanned);
        QCOMPARE(stored.rowsReturned, std::optional<qint64>(0));
        QCOMPARE(stored.bytesReturned, std::optional<qint64>());
        QCOMPARE(stored.plannerCost, job.plannerCost);
        QCOMPARE(stored.accelerated, true);
        QCOMPARE(stored.datasets, job.datasets);
        QCOMPARE(stored.phases.size(), 2);
        QCOMPARE(stored.phases.at(1).name, QStringLiteral("RUNNING"));
        QCOMPARE(stored.phases.at(1).startMs, 1'700'000'000'200);
        QCOMPARE(stored.phases.at(1).durationMs, 8800);
        QCOMPARE(row->hasProfile, false);
        QCOMPARE(row->isDemo, false);

        QCOMPARE(repository.findByJobId(job.jobId)->rowId, id);
        QCOMPARE(repository.findByJobId(job.jobId, 2)->rowId, id);
        QVERIFY(!repository.findByJobId(job.jobId, 0));
        QVERIFY(!repository.findByJobId(QStringLiteral("missing")));
        QVERIFY(!repository.findByRowId(id + 1000));
    }

    void subMillisecondDurationKeepsItsFraction()
    {
        // PostgreSQL statements under a millisecond next to whole (Dremio) milliseconds.
        const QVector<double> durations {0.231, 2, 0.5, 1.75, 1000, 0.004, 2};
        QVector<Job> jobs;
        for (qsizetype i = 0; i < durations.size(); ++i) {
            Job job = makeJob(QStringLiteral("fraction-%1").arg(i), 1'000'000 + i);
            job.durationMs = durations.at(i);
            jobs.append(job);
        }
        const QVector<qint64> ids = store(current(), jobs);
        JobRepository repository(current()->database());
        const bool postgres = current()->isPostgres();
        for (qsizetype i = 0; i < durations.size(); ++i) {
            const std::optional<JobRow> row = repository.findByRowId(ids.at(i));
            QVERIFY(row && row->job.durationMs);
            // A PostgreSQL workspace's BIGINT column holds whole milliseconds (rounded).
            QCOMPARE(*row->job.durationMs, postgres ? double(qRound64(durations.at(i))) : durations.at(i));
        }
        if (!postgres) {
            // No schema change: the INTEGER-affinity column stores the fraction as REAL, whole values as INTEGER.
            QSqlQuery query(current()->database());
            QVERIFY(query.exec(QStringLiteral("SELECT job_id, typeof(duration_ms) FROM jobs ORDER BY id")));
            QStringList types;
            while (query.next())
                types.append(query.value(1).toString());
            QCOMPARE(types,
                QStringList(
                    {QStringLiteral("real"), QStringLiteral("integer"), QStringLiteral("real"), QStringLiteral("real"),
                        QStringLiteral("integer"), QStringLiteral("real"), QStringLiteral("integer")}));
        }

        // Sorted by duration: numeric across both storage classes, in one page and walked by keyset.
        JobQuery query;
        query.sortColumn = QStringLiteral("duration_ms");
        query.descending = false;
        QVector<std::pair<double, qint64>> expected;
        for (qsizetype i = 0; i < durations.size(); ++i)
            expected.append({postgres ? double(qRound64(durations.at(i))) : durations.at(i), ids.at(i)});
        std::sort(expected.begin(), expected.end());
        QVector<qint64> expectedIds;
        for (const auto& [duration, id] : expected)
            expectedIds.append(id);
        QCOMPARE(rowIds(repository.page(query, 0, 100)), expectedIds);
        QVector<qint64> walked;
        JobCursor cursor;
        for (int guard = 0; guard < 10; ++guard) {
            const QVector<JobRow> rows = repository.pageAfter(query, cursor, 2);
            QVERIFY2(repository.lastError().isEmpty(), qPrintable(repository.lastError()));
            if (rows.isEmpty())
                break;
            walked += rowIds(rows);
            cursor = JobRepository::cursorOf(rows.last(), query.sortColumn);
        }
        QCOMPARE(walked, expectedIds);
    }

    void upsertIsIdempotent()
    {
        Job job = makeJob(QStringLiteral("same"), 5000);
        job.sql = QStringLiteral("SELECT 1");
        const QVector<qint64> ids = store(current(), {job, job, job});
        QVERIFY(ids.first() > 0);
        QCOMPARE(ids, QVector<qint64>(3, ids.first()));
        JobRepository repository(current()->database());
        QCOMPARE(repository.count(JobQuery()), 1);

        // Attempt and engine are part of the identity.
        Job retry = job;
        retry.attempt = 1;
        Job postgres = job;
        postgres.engine = QStringLiteral("postgres");
        const QVector<qint64> more = store(current(), {retry, postgres});
        QVERIFY(more.at(0) != ids.first() && more.at(1) != ids.first() && more.at(0) != more.at(1));
        QCOMPARE(repository.count(JobQuery()), 3);
    }

    void upsertFillsOnlyMissingFields()
    {
        // A history dump knows the user, the state and the duration...
        Job fromHistory = makeJob(QStringLiteral("merge-me"), 10'000);
        fromHistory.sql = QStringLiteral("SELECT a FROM t");
        fromHistory.user = QStringLiteral("carol");
        fromHistory.state = QStringLiteral("COMPLETED");
        fromHistory.durationMs = 700;
        // ...the profile of the same job knows rows, datasets and phases, and says other things too.
        Job fromProfile = makeJob(QStringLiteral("merge-me"), 99'999);
        fromProfile.sql = QStringLiteral("SELECT a FROM t /* reformatted */");
        fromProfile.rowsScanned = 123;
        fromProfile.durationMs = 701;
        fromProfile.datasets = QStringList {QStringLiteral("t")};
        fromProfile.phases = {{QStringLiteral("RUNNING"), 10'100, 600}};
        fromProfile.accelerated = true;

        const QVector<qint64> ids = store(current(), {fromHistory, fromProfile});
        QCOMPARE(ids.at(0), ids.at(1));
        JobRepository repository(current()->database());
        const Job merged = repository.findByRowId(ids.first())->job;
        QCOMPARE(merged.sql, fromHistory.sql); // stored values win
        QCOMPARE(merged.submittedMs, std::optional<qint64>(10'000));
        QCOMPARE(merged.durationMs, std::optional<qint64>(700));
        QCOMPARE(merged.user, QStringLiteral("carol"));
        QCOMPARE(merged.rowsScanned, std::optional<qint64>(123)); // gaps are filled
        QCOMPARE(merged.datasets, fromProfile.datasets);
        QCOMPARE(merged.phases.size(), 1);
        QCOMPARE(merged.accelerated, true);
        QCOMPARE(repository.count(JobQuery()), 1);
    }

    void upsertReportsErrors()
    {
        JobRepository repository(current()->database());
        QString error;
        QCOMPARE(repository.upsert(Job(), 0, 0, &error), -1);
        QVERIFY2(error.contains(QLatin1String("without engine and job id")), qPrintable(error));
        error.clear();
        QCOMPARE(repository.upsert(makeJob(QStringLiteral("orphan"), 1), 987654, 0, &error), -1); // no such source
        QVERIFY2(error.startsWith(QLatin1String("cannot store job orphan:")), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
        // The cached statement still works after a failure.
        QVERIFY(repository.upsert(makeJob(QStringLiteral("fine"), 1), 0, 0, &error) > 0);
    }

    void offsetPaging()
    {
        const QVector<qint64> ids = storeSample(current());
        JobRepository repository(current()->database());
        JobQuery query;
        QCOMPARE(repository.count(query), 30);
        const QVector<JobRow> first = repository.page(query, 0, 10);
        QCOMPARE(first.size(), 10);
        QCOMPARE(first.first().job.jobId, QStringLiteral("job-29")); // newest first
        QCOMPARE(repository.page(query, 25, 10).size(), 5);
        QCOMPARE(repository.page(query, 29, 10).last().job.jobId, QStringLiteral("job-07")); // unknown time last
        QVERIFY(repository.page(query, 30, 10).isEmpty());
        query.descending = false;
        QCOMPARE(repository.page(query, 0, 1).first().job.jobId, QStringLiteral("job-00"));
        QCOMPARE(repository.page(query, 29, 1).first().job.jobId, QStringLiteral("job-07")); // still last
        QVERIFY(ids.first() > 0);
    }

    void filters_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("user");
        QTest::addColumn<qint64>("fromMs");
        QTest::addColumn<qint64>("untilMs");
        QTest::addColumn<int>("expected");
        // Sample: i in 0..29; Alice when i%3==0 (10); FAILED when i%4==0 (8); Sales.Orders when i%5==0 (6).
        QTest::newRow("none") << QString() << QString() << QString() << qint64(-1) << qint64(-1) << 30;
        QTest::newRow("text in sql, any case")
            << QStringLiteral("sales.ORDERS") << QString() << QString() << qint64(-1) << qint64(-1) << 6;
        QTest::newRow("text in job id") << QStringLiteral("JOB-1") << QString() << QString() << qint64(-1) << qint64(-1)
                                        << 10;
        QTest::newRow("text in user") << QStringLiteral("alic") << QString() << QString() << qint64(-1) << qint64(-1)
                                      << 10;
        QTest::newRow("wildcards are literal")
            << QStringLiteral("count(_)") << QString() << QString() << qint64(-1) << qint64(-1) << 0;
        QTest::newRow("percent is literal")
            << QStringLiteral("%") << QString() << QString() << qint64(-1) << qint64(-1) << 0;
        QTest::newRow("state") << QString() << QStringLiteral("FAILED") << QString() << qint64(-1) << qint64(-1) << 8;
        QTest::newRow("user is exact") << QString() << QString() << QStringLiteral("Alice") << qint64(-1) << qint64(-1)
                                       << 10;
        QTest::newRow("user exact case") << QString() << QString() << QStringLiteral("alice") << qint64(-1)
                                         << qint64(-1) << 0;
        QTest::newRow("from inclusive") << QString() << QString() << QString() << qint64(1'020'000) << qint64(-1) << 10;
        QTest::newRow("until exclusive") << QString() << QString() << QString() << qint64(-1) << qint64(1'005'000) << 5;
        QTest::newRow("combined") << QStringLiteral("hr.people") << QStringLiteral("FAILED") << QStringLiteral("Alice")
                                  << qint64(1'000'000) << qint64(1'030'000) << 2; // i = 12, 24 (0 is Sales)
    }
    void filters()
    {
        QFETCH(QString, text);
        QFETCH(QString, state);
        QFETCH(QString, user);
        QFETCH(qint64, fromMs);
        QFETCH(qint64, untilMs);
        QFETCH(int, expected);
        storeSample(current());
        JobQuery query;
        query.text = text;
        query.state = state;
        query.user = user;
        if (fromMs >= 0)
            query.fromMs = fromMs;
        if (untilMs >= 0)
            query.untilMs = untilMs;
        JobRepository repository(current()->database());
        QCOMPARE(repository.count(query), expected);
        // The bounded count: exact below its limit, the limit itself ("at least") at or above it.
        for (const qint64 limit : {qint64(1), qint64(5), qint64(expected), qint64(expected) + 1, qint64(1000)})
            QCOMPARE(repository.countUpTo(query, limit), qMin(limit, qint64(expected)));
        QCOMPARE(repository.countUpTo(query, 0), qint64(0));
        const QVector<JobRow> rows = repository.page(query, 0, 100);
        QCOMPARE(rows.size(), expected);
        for (const JobRow& row : rows) {
            if (!state.isEmpty())
                QCOMPARE(row.job.state, state);
            if (!user.isEmpty())
                QCOMPARE(row.job.user, user);
        }
        QVERIFY(repository.lastError().isEmpty());
    }

    /// The text filter through the repository (index on SQLite from 3 characters) against a plain
    /// scan of the same columns, after inserts, a merge that fills in SQL text, an update and a delete.
    void textIndexFollowsChanges()
    {
        Workspace* workspace = current();
        const QVector<qint64> ids = storeSample(workspace);
        QSqlDatabase db = workspace->database();
        if (!workspace->isPostgres()) {
            QSqlQuery fts(db);
            QVERIFY(fts.exec(QStringLiteral("SELECT COUNT(*) FROM jobs_fts WHERE jobs_fts MATCH '\"sales.orders\"'")));
            QVERIFY(fts.next());
            QCOMPARE(fts.value(0).toInt(), 6);
        }
        const QStringList needles {QStringLiteral("sales.ORDERS"), QStringLiteral("People --"), QStringLiteral("job-2"),
            QStringLiteral("ALICE"), QStringLiteral("ob"), QStringLiteral("ünï"), QStringLiteral("say \"hi\""),
            QStringLiteral("zzz")};
        auto check = [&](const char* step) {
            const QString like = workspace->isPostgres() ? QStringLiteral("ILIKE") : QStringLiteral("LIKE");
            JobRepository repository(db);
            for (const QString& needle : needles) {
                QSqlQuery scan(db);
                scan.prepare(
                    QStringLiteral("SELECT COUNT(*) FROM jobs WHERE sql_text %1 ? OR job_id %1 ? OR user_name %1 ?")
                        .arg(like));
                const QString pattern = QLatin1Char('%') + needle + QLatin1Char('%');
                for (int i = 0; i < 3; ++i)
                    scan.bindValue(i, pattern);
                QVERIFY2(scan.exec() && scan.next(), qPrintable(scan.lastError().text()));
                JobQuery query;
                query.text = needle;
                QVERIFY2(repository.count(query) == scan.value(0).toLongLong(),
                    qPrintable(QStringLiteral("%1, \"%2\": %3 by the repository, %4 by a scan")
                                   .arg(QLatin1String(step), needle)
                                   .arg(repository.count(query))
                                   .arg(scan.value(0).toLongLong())));
                QCOMPARE(repository.page(query, 0, 100).size(), scan.value(0).toInt());
                JobRepository scanning(db); // the old path agrees
                scanning.setTextIndexEnabled(false);
                QCOMPARE(scanning.count(query), scan.value(0).toLongLong());
            }
        };
        check("after inserts");

        Job filled = makeJob(QStringLiteral("job-new"), 2'000'000);
        QVERIFY(store(workspace, {filled}).first() > 0); // no SQL text yet
        filled.sql = QStringLiteral("SELECT 'ünïcode' AS say \"hi\" FROM sales.orders");
        QVERIFY(store(workspace, {filled}).first() > 0); // the merge fills it in
        check("after a merge");

        QSqlQuery change(db);
        QVERIFY(change.exec(
            QStringLiteral("UPDATE jobs SET sql_text = 'select 1', user_name = 'carol' WHERE id = %1").arg(ids.at(0))));
        QVERIFY(change.exec(QStringLiteral("DELETE FROM jobs WHERE id = %1").arg(ids.at(5))));
        check("after an update and a delete");
        JobQuery orders;
        orders.text = QStringLiteral("sales.orders");
        QCOMPARE(JobRepository(db).count(orders), 5); // 6 - 2 changed away + 1 filled in
    }

    /// A workspace written before the index existed gets it, with its jobs, when it is opened.
    void migrationIndexesExistingJobs()
    {
        QFETCH_GLOBAL(QString, backend);
        const QString location = m_backends.freshLocation(backend);
        if (location.isEmpty())
            QSKIP(qPrintable(m_backends.skipReason()));
        QString error;
        {
            Workspace old;
            old.setTargetSchemaVersion(8);
            QVERIFY2(old.open(location, &error), qPrintable(error));
            storeSample(&old);
        }
        Workspace upgraded;
        QVERIFY2(upgraded.open(location, &error), qPrintable(error));
        QCOMPARE(upgraded.schemaVersion(), Workspace::CurrentSchemaVersion);
        QSqlDatabase db = upgraded.database();
        JobQuery query;
        query.text = QStringLiteral("hr.PEOPLE");
        QCOMPARE(JobRepository(db).count(query), 24);
        QSqlQuery index(db);
        if (upgraded.isPostgres()) {
            // The GIN index exists whenever the server offers pg_trgm (Debian's postgresql-15 does).
            QVERIFY(index.exec(QStringLiteral(
                "SELECT (SELECT COUNT(*) FROM pg_catalog.pg_available_extensions WHERE name = 'pg_trgm'), "
                "(SELECT COUNT(*) FROM pg_catalog.pg_indexes WHERE indexname = 'jobs_text_trgm')")));
            QVERIFY(index.next());
            QCOMPARE(index.value(1).toInt(), index.value(0).toInt());
        } else {
            QVERIFY(index.exec(QStringLiteral("SELECT COUNT(*) FROM jobs_fts WHERE jobs_fts MATCH '\"hr.people\"'")));
            QVERIFY(index.next());
            QCOMPARE(index.value(0).toInt(), 24);
        }
    }

    void sorting_data()
    {
        QTest::addColumn<QString>("column");
        QTest::addColumn<bool>("descending");
        for (const char* column : {"duration_ms", "submitted_ms", "user_name", "job_id", "state", "predicted_ms",
                 "prediction_interval", "actual_to_predicted"}) {
            QTest::addRow("%s desc", column) << QString::fromLatin1(column) << true;
            QTest::addRow("%s asc", column) << QString::fromLatin1(column) << false;
        }
    }
    void sorting()
    {
        QFETCH(QString, column);
        QFETCH(bool, descending);
        const QVector<qint64> ids = storeSample(current());
        storePredictions(current(), ids);
        if (QTest::currentTestFailed())
            return;
        JobRepository repository(current()->database());
        JobQuery query;
        query.sortColumn = column;
        query.descending = descending;
        const QVector<JobRow> all = repository.page(query, 0, 100);
        QVERIFY2(repository.lastError().isEmpty(), qPrintable(repository.lastError()));
        QCOMPARE(all.size(), 30);
        int known = 0;
        for (const JobRow& row : all)
            known += JobRepository::cursorOf(row, column).sortValue.isNull() ? 0 : 1;
        if (column != QLatin1String("user_name") && column != QLatin1String("job_id")
            && column != QLatin1String("state"))
            QVERIFY2(known >= 15 && known < 30, "both known and unknown values take part");
        // Independent check of the order: compare neighbours by the cursor values (unknown last, then row id).
        for (qsizetype i = 1; i < all.size(); ++i) {
            const JobCursor a = JobRepository::cursorOf(all.at(i - 1), column);
            const JobCursor b = JobRepository::cursorOf(all.at(i), column);
            if (a.sortValue.isNull()) {
                QVERIFY2(b.sortValue.isNull(), "a known value after an unknown one");
            } else if (!b.sortValue.isNull()) {
                const auto order = QVariant::compare(a.sortValue, b.sortValue);
                QVERIFY(order == QPartialOrdering::Less || order == QPartialOrdering::Greater
                    || order == QPartialOrdering::Equivalent);
                if (order == QPartialOrdering::Equivalent)
                    QVERIFY(descending ? a.rowId > b.rowId : a.rowId < b.rowId);
                else
                    QCOMPARE(order, descending ? QPartialOrdering::Greater : QPartialOrdering::Less);
                continue;
            }
            if (a.sortValue.isNull() && b.sortValue.isNull())
                QVERIFY(descending ? a.rowId > b.rowId : a.rowId < b.rowId);
        }

        // Keyset paging walks the same order, page by page.
        QVector<qint64> walked;
        JobCursor cursor;
        for (int guard = 0; guard < 20; ++guard) {
            const QVector<JobRow> rows = repository.pageAfter(query, cursor, 7);
            QVERIFY2(repository.lastError().isEmpty(), qPrintable(repository.lastError()));
            if (rows.isEmpty())
                break;
            walked += rowIds(rows);
            cursor = JobRepository::cursorOf(rows.last(), column);
        }
        QCOMPARE(walked, rowIds(all));
        // Offset paging too (pages that end inside and start beyond the known values).
        QVector<qint64> paged;
        for (qint64 offset = 0; offset < 35; offset += 7)
            paged += rowIds(repository.page(query, offset, 7));
        QVERIFY2(repository.lastError().isEmpty(), qPrintable(repository.lastError()));
        QCOMPARE(paged, rowIds(all));
        // With a filter, from the middle: the filtered rows that follow the cursor row in the full order.
        query.user = QStringLiteral("bob");
        QVector<qint64> expected;
        for (qsizetype i = 4; i < all.size(); ++i) {
            if (all.at(i).job.user == QLatin1String("bob"))
                expected.append(all.at(i).rowId);
        }
        QCOMPARE(rowIds(repository.pageAfter(query, JobRepository::cursorOf(all.at(3), column), 100)), expected);
    }

    void unknownSortColumnIsAnError()
    {
        storeSample(current());
        JobRepository repository(current()->database());
        JobQuery query;
        query.sortColumn = QStringLiteral("duration_ms; DROP TABLE jobs");
        QVERIFY(repository.page(query, 0, 10).isEmpty());
        QVERIFY2(
            repository.lastError().contains(QLatin1String("cannot sort jobs by")), qPrintable(repository.lastError()));
        QCOMPARE(repository.count(query), -1);
        QVERIFY(repository.pageAfter(query, JobCursor {QVariant(1), 5}, 10).isEmpty());
        query.sortColumn = QStringLiteral("duration_ms");
        QCOMPARE(repository.count(query), 30);
        QVERIFY(repository.lastError().isEmpty());
    }

    void demoFlagComesFromSource()
    {
        SourceRepository sources(current()->database());
        QString error;
        const qint64 demo
            = sources.findOrCreate(QStringLiteral("demo"), QStringLiteral("demo"), QString(), true, &error);
        const qint64 real = sources.findOrCreate(
            QStringLiteral("dremio-files"), QStringLiteral("files"), QStringLiteral("/data"), false, &error);
        QVERIFY2(demo > 0 && real > 0, qPrintable(error));
        store(current(), {makeJob(QStringLiteral("d1"), 1)}, demo);
        store(current(), {makeJob(QStringLiteral("r1"), 2)}, real);
        JobRepository repository(current()->database());
        QCOMPARE(repository.findByJobId(QStringLiteral("d1"))->isDemo, true);
        QCOMPARE(repository.findByJobId(QStringLiteral("r1"))->isDemo, false);
        const QVector<JobRow> rows = repository.page(JobQuery(), 0, 10);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).isDemo, false); // r1 is newer
        QCOMPARE(rows.at(1).isDemo, true);

        // Deleting the source keeps its jobs (source_id becomes NULL).
        QVERIFY2(sources.remove(demo, &error), qPrintable(error));
        QCOMPARE(repository.findByJobId(QStringLiteral("d1"))->isDemo, false);
    }

    void distinctUsers()
    {
        storeSample(current());
        store(current(), {makeJob(QStringLiteral("anonymous"), 1)});
        JobRepository repository(current()->database());
        QCOMPARE(repository.distinctUsers(), (QStringList {QStringLiteral("Alice"), QStringLiteral("bob")}));
        QCOMPARE(repository.distinctUsers(1).size(), 1);
    }

    void sourcesFindOrCreate()
    {
        SourceRepository sources(current()->database());
        QString error;
        const qint64 id
            = sources.findOrCreate(QStringLiteral("dremio-files"), QStringLiteral("files"), QString(), false, &error);
        QVERIFY2(id > 0, qPrintable(error));
        QCOMPARE(sources.findOrCreate(
                     QStringLiteral("dremio-files"), QStringLiteral("files"), QStringLiteral("/x"), true, &error),
            id);
        const std::optional<SourceRow> row = sources.find(QStringLiteral("dremio-files"), QStringLiteral("files"));
        QVERIFY(row);
        QCOMPARE(row->location, QStringLiteral("/x")); // an empty location is filled in
        QCOMPARE(row->isDemo, false); // the stored flag stays
        QVERIFY(row->createdMs > 0);
        QVERIFY(sources.findOrCreate(QStringLiteral("dremio-files"), QStringLiteral("other"), QString(), false, &error)
            != id);
        QCOMPARE(sources.all().size(), 2);
        QCOMPARE(sources.findOrCreate(QString(), QStringLiteral("x"), QString(), false, &error), -1);
        QVERIFY(!sources.find(id + 100));
    }

    void importRuns()
    {
        SourceRepository sources(current()->database());
        ImportRunRepository runs(current()->database());
        QString error;
        const qint64 sourceId
            = sources.findOrCreate(QStringLiteral("dremio-files"), QStringLiteral("files"), QString(), false, &error);
        const qint64 runId = runs.start(sourceId, &error);
        QVERIFY2(runId > 0, qPrintable(error));
        QCOMPARE(runs.find(runId)->status, QStringLiteral("running"));
        QVERIFY(!runs.find(runId)->finishedMs);

        QVERIFY(runs.addFile({0, runId, QStringLiteral("/a.json"), QStringLiteral("dremio-profile-json"),
                                 QStringLiteral("imported"), 1, QString()},
                    &error)
            > 0);
        QVERIFY(runs.addFile({0, runId, QStringLiteral("/b.csv"), QStringLiteral("dremio-history-csv"),
                                 QStringLiteral("failed"), 0, QStringLiteral("/b.csv: line 3: bad number")},
                    &error)
            > 0);
        QCOMPARE(runs.addFile({0, runId + 1000, QStringLiteral("/c"), QStringLiteral("x"), QStringLiteral("failed"), 0,
                                  QString()},
                     &error),
            -1); // no such run

        ImportRunRow finished = *runs.find(runId);
        finished.status = QStringLiteral("completed");
        finished.filesTotal = 2;
        finished.filesFailed = 1;
        finished.jobsAdded = 1;
        finished.profilesAdded = 1;
        QVERIFY2(runs.finish(finished, &error), qPrintable(error));
        const ImportRunRow stored = *runs.find(runId);
        QCOMPARE(stored.status, QStringLiteral("completed"));
        QCOMPARE(stored.sourceId, sourceId);
        QVERIFY(stored.finishedMs && *stored.finishedMs >= stored.startedMs);
        QCOMPARE(stored.filesFailed, 1);
        const QVector<ImportFileRow> files = runs.files(runId);
        QCOMPARE(files.size(), 2);
        QCOMPARE(files.at(1).error, QStringLiteral("/b.csv: line 3: bad number"));
        QCOMPARE(runs.recent().first().id, runId);

        finished.id = runId + 1000;
        QVERIFY(!runs.finish(finished, &error));
        QVERIFY2(error.contains(QLatin1String("no such run")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(tst_JobRepository)
#include "tst_jobrepository.moc"
