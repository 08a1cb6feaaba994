// Upgrading an old workspace reports progress: migration 0010 builds the text index of the existing
// jobs in batches of rows, each reported with rows done and rows to do; a progress callback that
// answers false stops the upgrade, which is rolled back (the file keeps its version and opens
// normally afterwards).
#include "oldworkspace.h"
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

} // namespace

class tst_MigrationProgress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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
};

QTEST_GUILESS_MAIN(tst_MigrationProgress)
#include "tst_migrationprogress.moc"
