// Upgrading an old workspace reports progress: migration 0010 builds the text index of the existing
// jobs in batches of rows, each reported with rows done and rows to do; a progress callback that
// answers false stops the upgrade, which is rolled back (the file keeps its version and opens
// normally afterwards). On PostgreSQL the same migration builds a trigram index, which cannot be
// split: it is watched while it runs, reported in rows of the table, and cancelled on the server.
#include "oldworkspace.h"
#include "postgresserver.h"
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
};

QTEST_GUILESS_MAIN(tst_MigrationProgress)
#include "tst_migrationprogress.moc"
