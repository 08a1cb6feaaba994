// Upgrading an old workspace reports progress: migration 0010 builds the text index of the existing
// jobs in batches of rows, each reported with rows done and rows to do; a progress callback that
// answers false stops the upgrade, which is rolled back (the file keeps its version and opens
// normally afterwards). On PostgreSQL the same migration builds a trigram index, which cannot be
// split: it is watched while it runs, reported in rows of the table, and cancelled on the server.
#include "oldworkspace.h"
#include "postgresserver.h"
#include "sources/postgres/pgconnection.h"
#include "store/jobrepository.h"
#include "store/migrations.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QDir>
#include <QSqlQuery>
#include <QTest>

using namespace dopt;

namespace {

constexpr int JobCount = 25000; // three batches of Migrations::RebuildBatchRows
constexpr int PostgresJobCount = 4000;

struct Report
{
    QString name;
    qint64 done;
    qint64 total;
};

bool hasTable(QSqlDatabase db, const QString& name)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT 1 FROM sqlite_master WHERE name = ?"));
    query.addBindValue(name);
    return query.exec() && query.next();
}

/// Upgrades to version 10 only, keeping the reports with a row count; the answer is false from
/// the `stopAt`-th of them on (0: never).
void recordRowReports(Workspace& workspace, QVector<Report>* rows, qsizetype stopAt)
{
    workspace.setTargetSchemaVersion(10);
    workspace.setMigrationProgress([rows, stopAt](const QString& name, qint64 done, qint64 total) {
        if (total > 0)
            rows->append({name, done, total});
        return stopAt == 0 || rows->size() < stopAt;
    });
}

bool hasIndex(QSqlDatabase db, const QString& name)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT 1 FROM pg_catalog.pg_indexes WHERE indexname = ?"));
    query.addBindValue(name);
    return query.exec() && query.next();
}

} // namespace

class tst_MigrationProgress : public QObject
{
    Q_OBJECT

    test::PostgresServer m_server;
    bool m_postgres = false;
    QString m_postgresProblem;
    int m_databases = 0;

    /// A PostgreSQL workspace at schema 9 with `jobs` jobs, or empty when the server is unavailable.
    QString oldPostgresWorkspace(int jobs)
    {
        if (!m_postgres)
            return QString();
        QString error;
        const QString url = m_server.createDatabase(QStringLiteral("old_%1").arg(++m_databases), &error);
        if (url.isEmpty() || !test::createOldWorkspace(url, 9, jobs, &error)) {
            m_postgresProblem = error;
            return QString();
        }
        return url;
    }

private Q_SLOTS:
    void initTestCase() { m_postgres = m_server.start(&m_postgresProblem); }

    void textIndexBuildReportsRows()
    {
        const QString path = QDir(test::tempDir()).filePath(QStringLiteral("old.dopt"));
        QString error;
        QVERIFY2(test::createOldWorkspace(path, 9, JobCount, &error), qPrintable(error));

        QVector<Report> reports;
        Workspace workspace;
        workspace.setTargetSchemaVersion(10); // migration 10 alone (later ones report their own way)
        workspace.setMigrationProgress([&](const QString& name, qint64 done, qint64 total) {
            reports.append({name, done, total});
            return true;
        });
        QVERIFY2(workspace.open(path, &error), qPrintable(error));
        QCOMPARE(workspace.schemaVersion(), 10);

        QVector<Report> rows;
        for (const Report& report : std::as_const(reports)) {
            QCOMPARE(report.name, QStringLiteral("0010_job_text_search")); // the only pending migration
            if (report.total > 0)
                rows.append(report);
        }
        // 0, then after each batch: 10,000, 20,000, 25,000 of 25,000.
        QCOMPARE(rows.size(), JobCount / Migrations::RebuildBatchRows + 2);
        QCOMPARE(rows.first().done, qint64(0));
        for (qsizetype i = 0; i < rows.size(); ++i) {
            QCOMPARE(rows[i].total, qint64(JobCount));
            if (i > 0)
                QVERIFY(rows[i].done > rows[i - 1].done);
        }
        QCOMPARE(rows.last().done, qint64(JobCount));

        // The batches built the same index a single rebuild would: the index agrees with a scan.
        JobRepository indexed(workspace.database());
        JobRepository scanning(workspace.database());
        scanning.setTextIndexEnabled(false);
        for (const QString& text : {QStringLiteral("web_events"), QStringLiteral("orders -- 2499"),
                 QStringLiteral("old-job-24999"), QStringLiteral("USER3")}) {
            JobQuery query;
            query.text = text;
            QCOMPARE(indexed.count(query), scanning.count(query));
        }
        JobQuery common;
        common.text = QStringLiteral("web_events");
        QCOMPARE(indexed.count(common), qint64((JobCount + 2) / 3));
        QSqlQuery integrity(workspace.database());
        QVERIFY(integrity.exec(QStringLiteral("INSERT INTO jobs_fts (jobs_fts) VALUES ('integrity-check')")));
    }

    void stoppedUpgradeIsRolledBack()
    {
        const QString path = QDir(test::tempDir()).filePath(QStringLiteral("stopped.dopt"));
        QString error;
        QVERIFY2(test::createOldWorkspace(path, 9, JobCount, &error), qPrintable(error));
        {
            Workspace workspace;
            qint64 lastDone = -1;
            workspace.setMigrationProgress([&](const QString&, qint64 done, qint64 total) {
                if (total > 0)
                    lastDone = done;
                return done < Migrations::RebuildBatchRows; // stop after the first batch
            });
            QVERIFY(!workspace.open(path, &error));
            QVERIFY2(error.contains(QStringLiteral("cancelled")), qPrintable(error));
            QVERIFY2(error.contains(QStringLiteral("version 10")), qPrintable(error));
            QCOMPARE(lastDone, qint64(Migrations::RebuildBatchRows));
        }
        {
            Workspace old; // still at 9: no index, every job there
            old.setTargetSchemaVersion(9);
            QVERIFY2(old.open(path, &error), qPrintable(error));
            QCOMPARE(old.schemaVersion(), 9);
            QVERIFY(!hasTable(old.database(), QStringLiteral("jobs_fts")));
            QCOMPARE(JobRepository(old.database()).count(JobQuery()), qint64(JobCount));
        }
        Workspace upgraded; // and a later open upgrades it normally
        upgraded.setTargetSchemaVersion(10);
        QVERIFY2(upgraded.open(path, &error), qPrintable(error));
        QCOMPARE(upgraded.schemaVersion(), 10);
        JobQuery query;
        query.text = QStringLiteral("web_events");
        QCOMPARE(JobRepository(upgraded.database()).count(query), qint64((JobCount + 2) / 3));
    }

    void postgresIndexBuildReportsRows()
    {
        const QString url = oldPostgresWorkspace(PostgresJobCount);
        if (url.isEmpty())
            QSKIP(qPrintable(QStringLiteral("PostgreSQL unavailable: ") + m_postgresProblem));
        QVector<Report> rows;
        Workspace workspace;
        recordRowReports(workspace, &rows, 0);
        QString error;
        QVERIFY2(workspace.open(url, &error), qPrintable(error));
        QCOMPARE(workspace.schemaVersion(), 10);
        QVERIFY(hasIndex(workspace.database(), QStringLiteral("jobs_text_trgm")));

        // 0 before the build, the rows read while it runs (as often as it is watched), all at the end.
        QVERIFY(rows.size() >= 2);
        QCOMPARE(rows.first().done, qint64(0));
        QCOMPARE(rows.last().done, qint64(PostgresJobCount));
        for (qsizetype i = 0; i < rows.size(); ++i) {
            QCOMPARE(rows[i].name, QStringLiteral("0010_job_text_search"));
            QCOMPARE(rows[i].total, qint64(PostgresJobCount));
            if (i > 0)
                QVERIFY(rows[i].done >= rows[i - 1].done);
        }
    }

    void postgresCancelledIndexBuildIsRolledBack()
    {
        const QString url = oldPostgresWorkspace(500);
        if (url.isEmpty())
            QSKIP(qPrintable(QStringLiteral("PostgreSQL unavailable: ") + m_postgresProblem));
        // Another session writing jobs holds the build at its start (CREATE INDEX waits for the
        // table's SHARE lock), so the cancel deterministically lands while the statement runs.
        Workspace writer;
        writer.setTargetSchemaVersion(9);
        QString error;
        QVERIFY2(writer.open(url, &error), qPrintable(error));
        QSqlDatabase writing = writer.database();
        QVERIFY(writing.transaction());
        QSqlQuery lock(writing);
        QVERIFY(lock.exec(QStringLiteral("LOCK TABLE jobs IN ROW EXCLUSIVE MODE")));

        QVector<Report> rows;
        {
            Workspace workspace;
            recordRowReports(workspace, &rows, 2); // the first report while the build waits says stop
            QVERIFY(!workspace.open(url, &error));
            QVERIFY2(error.contains(QStringLiteral("cancelled")), qPrintable(error));
            QVERIFY2(error.contains(QStringLiteral("version 10")), qPrintable(error));
        }
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[1].done, qint64(0));
        QCOMPARE(rows[1].total, qint64(500));
        QVERIFY(writing.rollback());

        {
            Workspace old;
            old.setTargetSchemaVersion(9);
            QVERIFY2(old.open(url, &error), qPrintable(error));
            QCOMPARE(old.schemaVersion(), 9);
            QVERIFY(!hasIndex(old.database(), QStringLiteral("jobs_text_trgm")));
            QCOMPARE(JobRepository(old.database()).count(JobQuery()), qint64(500));
        }
        Workspace upgraded;
        upgraded.setTargetSchemaVersion(10);
        QVERIFY2(upgraded.open(url, &error), qPrintable(error));
        QCOMPARE(upgraded.schemaVersion(), 10);
        QVERIFY(hasIndex(upgraded.database(), QStringLiteral("jobs_text_trgm")));
    }

    /// Cancel while the index build is partway through its table scan, with part of the index already
    /// written: 200,000 jobs, the 100,000th with a SQL text stored out of line (TOAST). Another session
    /// holds the TOAST index's lock (REINDEX in an open transaction), so the scan reads the first
    /// half of the table and then waits at that row: the test sees the build scanning (GIN's phase
    /// "building index", its blocks counted),
    /// blocks done between a third and two thirds of the total, and says stop then; no timing involved.
    void postgresIndexBuildCancelledMidScanIsRolledBack()
    {
        constexpr int Jobs = 200000;
        constexpr int ToastedJob = Jobs / 2;
        const QString url = oldPostgresWorkspace(0);
        if (url.isEmpty())
            QSKIP(qPrintable(QStringLiteral("PostgreSQL unavailable: ") + m_postgresProblem));
        QString error;
        PgConnection setup;
        QVERIFY2(setup.open(url, &error), qPrintable(error));
        const auto run = [&setup](const QString& sql) {
            const PgResult result = setup.exec(sql);
            if (!result.ok)
                qWarning("%s: %s", qPrintable(sql.left(80)), qPrintable(result.error));
            return result;
        };
        // Heap order is insertion order: the out-of-line text sits in the middle of the table. 300 MD5s
        // (9,600 characters) do not compress enough to stay in the row, so they go to the TOAST table.
        QVERIFY(run(QStringLiteral("INSERT INTO jobs (engine, job_id, sql_text, user_name, submitted_ms) "
                                   "SELECT 'dremio', 'gen-' || g, CASE WHEN g = %1 THEN (SELECT "
                                   "string_agg(md5(i::text), '') FROM generate_series(1, 300) i) ELSE "
                                   "'SELECT count(*) FROM orders -- ' || g END, 'user' || (g % 7), "
                                   "1700000000000 + g * 1000 FROM generate_series(1, %2) g")
                        .arg(ToastedJob)
                        .arg(Jobs))
                    .ok);
        const QString toastTable
            = run(QStringLiteral("SELECT reltoastrelid::regclass::text FROM pg_class WHERE oid = 'jobs'::regclass"))
                  .value(0, 0);
        QVERIFY(run(QStringLiteral("SELECT count(*) FROM %1").arg(toastTable)).value(0, 0).toInt() > 0);
        // A small maintenance_work_mem makes the GIN build write index pages before it reaches that
        // row; a lock_timeout turns a build that would wait forever into a failure.
        QVERIFY(run(QStringLiteral("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET maintenance_work_mem = "
                                   "''1MB''', current_database()); EXECUTE format('ALTER DATABASE %I SET "
                                   "lock_timeout = ''120s''', current_database()); END $$"))
                    .ok);
        const QString toastIndex
            = run(QStringLiteral("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = '%1'::regclass")
                      .arg(toastTable))
                  .value(0, 0);
        PgConnection toastLock;
        QVERIFY2(toastLock.open(url, &error), qPrintable(error));
        QVERIFY(toastLock.exec(QStringLiteral("BEGIN")).ok);
        const PgResult reindex = toastLock.exec(QStringLiteral("REINDEX INDEX %1").arg(toastIndex));
        QVERIFY2(reindex.ok, qPrintable(reindex.error));

        // Each report of the build looks at it from a third session; stop once it waits mid-scan.
        PgConnection observer;
        QVERIFY2(observer.open(url, &error), qPrintable(error));
        QStringList seen; // phase, blocks done, blocks total, wait event type when stopped
        Report stoppedAt {};
        {
            Workspace workspace;
            workspace.setTargetSchemaVersion(10);
            workspace.setMigrationProgress([&](const QString& name, qint64 done, qint64 total) {
                if (total == 0 || !seen.isEmpty())
                    return seen.isEmpty();
                const PgResult build = observer.exec(
                    QStringLiteral("SELECT p.phase, p.blocks_done, p.blocks_total, coalesce(a.wait_event_type, '') "
                                   "FROM pg_stat_progress_create_index p JOIN pg_stat_activity a ON a.pid = p.pid "
                                   "WHERE p.datname = current_database() AND p.relid = 'jobs'::regclass"));
                if (!build.ok || build.rows.isEmpty() || build.value(0, 3) != QLatin1String("Lock"))
                    return true;
                seen = build.rows.first();
                stoppedAt = {name, done, total};
                return false;
            });
            QVERIFY(!workspace.open(url, &error));
            QVERIFY2(error.contains(QStringLiteral("cancelled")), qPrintable(error));
            QVERIFY2(error.contains(QStringLiteral("version 10")), qPrintable(error));
        }
        // GIN reports no sub-phase: its table scan is the part of "building index" that counts blocks.
        qInfo("stopped at: %s", qPrintable(seen.join(QStringLiteral(", "))));
        QCOMPARE(seen.value(0), QStringLiteral("building index"));
        const qint64 blocksDone = seen.value(1).toLongLong();
        const qint64 blocksTotal = seen.value(2).toLongLong();
        QVERIFY2(
            blocksDone > blocksTotal / 3 && blocksDone < blocksTotal * 2 / 3, qPrintable(seen.join(QLatin1Char(' '))));
        QCOMPARE(stoppedAt.name, QStringLiteral("0010_job_text_search"));
        QCOMPARE(stoppedAt.total, qint64(Jobs));
        QVERIFY2(stoppedAt.done > 0 && stoppedAt.done < Jobs, qPrintable(QString::number(stoppedAt.done)));
        // The cancelled build no longer runs.
        QCOMPARE(observer
                     .exec(QStringLiteral(
                         "SELECT count(*) FROM pg_stat_progress_create_index WHERE datname = current_database()"))
                     .value(0, 0),
            QStringLiteral("0"));
        QVERIFY(toastLock.exec(QStringLiteral("ROLLBACK")).ok);

        {
            Workspace old; // still at 9, every job there, the out-of-line text intact, no index left over
            old.setTargetSchemaVersion(9);
            QVERIFY2(old.open(url, &error), qPrintable(error));
            QCOMPARE(old.schemaVersion(), 9);
            QVERIFY(!hasIndex(old.database(), QStringLiteral("jobs_text_trgm")));
            QCOMPARE(JobRepository(old.database()).count(JobQuery()), qint64(Jobs));
            QCOMPARE(run(QStringLiteral("SELECT count(*) FROM pg_class WHERE relname = 'jobs_text_trgm'")).value(0, 0),
                QStringLiteral("0"));
            QCOMPARE(run(QStringLiteral("SELECT length(sql_text) FROM jobs WHERE job_id = 'gen-%1'").arg(ToastedJob))
                         .value(0, 0),
                QStringLiteral("9600"));
        }
        Workspace upgraded; // and a later open upgrades it
        upgraded.setTargetSchemaVersion(10);
        QVERIFY2(upgraded.open(url, &error), qPrintable(error));
        QCOMPARE(upgraded.schemaVersion(), 10);
        QVERIFY(hasIndex(upgraded.database(), QStringLiteral("jobs_text_trgm")));
        JobQuery query;
        query.text = QStringLiteral("orders -- 19999"); // job 19999 and jobs 199990 to 199999
        QCOMPARE(JobRepository(upgraded.database()).count(query), qint64(11));
    }
};

QTEST_GUILESS_MAIN(tst_MigrationProgress)
#include "tst_migrationprogress.moc"
