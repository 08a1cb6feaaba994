#include "analysis/analysisengine.h"
#include "analysis/analysisstore.h"
#include "demo/demogenerator.h"
#include "demoworkspace.h"
#include "postgresserver.h"
#include "store/jobrepository.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace dopt;

namespace {

/// Stored rows by fingerprint: "id|detector|...|job_ids" per finding, every baseline column per
/// baseline. The row id is part of a job finding's text: a row kept in place keeps it, a rewritten
/// one gets a new one (findings about the workspace as a whole are rewritten by every run).
QMultiMap<QString, QString> findingRows(QSqlDatabase db, bool withIds)
{
    QMultiMap<QString, QString> rows;
    QSqlQuery query(db);
    const bool ok
        = query.exec(QStringLiteral("SELECT CASE WHEN scope = 'job' THEN id ELSE 0 END, fingerprint, detector, "
                                    "severity, confidence, title, evidence, improvement_ms, "
                                    "occurrences, job_ids, operator_key, recommendation, scope FROM findings"));
    if (!ok)
        qFatal("reading findings: %s", qPrintable(query.lastError().text()));
    while (query.next()) {
        QStringList values;
        for (int i = withIds ? 0 : 1; i < 13; ++i)
            values << query.value(i).toString();
        rows.insert(query.value(1).toString(), values.join(QLatin1Char('|')));
    }
    return rows;
}

QMap<QString, QString> baselineRows(QSqlDatabase db)
{
    QMap<QString, QString> rows;
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT * FROM baselines")))
        qFatal("reading baselines: %s", qPrintable(query.lastError().text()));
    while (query.next()) {
        QStringList values;
        for (int i = 0; i < query.record().count(); ++i)
            values << query.value(i).toString();
        rows.insert(query.value(0).toString(), values.join(QLatin1Char('|')));
    }
    return rows;
}

/// The fingerprints whose rows differ between two snapshots (present in either).
QSet<QString> changedKeys(const QMultiMap<QString, QString>& a, const QMultiMap<QString, QString>& b)
{
    QSet<QString> keys;
    for (const QString& key : a.uniqueKeys() + b.uniqueKeys()) {
        QStringList left = a.values(key);
        QStringList right = b.values(key);
        left.sort();
        right.sort();
        if (left != right)
            keys.insert(key);
    }
    return keys;
}

QSet<QString> changedKeys(const QMap<QString, QString>& a, const QMap<QString, QString>& b)
{
    QSet<QString> keys;
    for (const QString& key : a.keys() + b.keys()) {
        if (a.value(key) != b.value(key))
            keys.insert(key);
    }
    return keys;
}

} // namespace

/// Incremental analysis on a real demo workspace: a re-run reads only the jobs added or changed
/// since the last one and rewrites only the rows of their query shapes, with the same results a full
/// run gives. Checked through the stored rows, never through timings.
class TestIncrementalAnalysis : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        const QString path = dopt::test::makeDemoWorkspace(QStringLiteral("incremental.dopt"), 2500, 5, &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        QVERIFY2(m_workspace.open(path, &error), qPrintable(error));
    }

    void firstRunIsFull()
    {
        AnalysisSummary summary;
        QVERIFY(run(&summary));
        QVERIFY(!summary.incremental);
        QVERIFY2(summary.fullReason.contains(QLatin1String("first analysis")), qPrintable(summary.fullReason));
        QCOMPARE(summary.jobsAnalysed, 2500);
        QSqlQuery cached(m_workspace.database());
        QVERIFY(cached.exec(QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT fingerprint) FROM job_fingerprints "
                                           "WHERE fingerprint <> ''"))
            && cached.next());
        QCOMPARE(cached.value(0).toInt(), 2500); // every demo job has a statement
        QCOMPARE(cached.value(1).toInt(), summary.fingerprints);
        QVERIFY(summary.findings > 0);
    }

    void rerunWithoutNewJobsChangesNothing()
    {
        const auto findingsBefore = findingRows(m_workspace.database(), true);
        const auto baselinesBefore = baselineRows(m_workspace.database());
        AnalysisSummary summary;
        QVERIFY(run(&summary));
        QVERIFY(summary.incremental);
        QCOMPARE(summary.newJobs, 0);
        QCOMPARE(summary.fingerprintsRecomputed, 0);
        QCOMPARE(summary.jobsAnalysed, 0);
        QCOMPARE(findingRows(m_workspace.database(), true), findingsBefore); // same rows, same ids
        QCOMPARE(baselineRows(m_workspace.database()), baselinesBefore);
    }

    // New runs of one shape, three times slower: only that shape's baseline and findings are
    // rewritten; the others keep their rows (and row ids). A full run then gives the same results.
    void newJobsOfOneShapeTouchOnlyThatShape()
    {
        QSqlDatabase db = m_workspace.database();
        QSqlQuery pick(db);
        // The most frequent shape with a baseline and findings.
        QVERIFY(pick.exec(QStringLiteral("SELECT b.fingerprint FROM baselines b WHERE EXISTS (SELECT 1 FROM findings "
                                         "f WHERE f.fingerprint = b.fingerprint) ORDER BY b.run_count DESC LIMIT 1"))
            && pick.next());
        const QString shape = pick.value(0).toString();
        QVERIFY(pick.exec(QStringLiteral("SELECT MAX(j.id) FROM jobs j JOIN job_fingerprints f ON f.job_ref = j.id "
                                         "WHERE f.fingerprint = '%1' AND j.state = 'COMPLETED'")
                              .arg(shape))
            && pick.next());
        JobRepository jobs(db);
        const std::optional<JobRow> model = jobs.findByRowId(pick.value(0).toLongLong());
        QVERIFY(model);
        pick.finish();

        const auto findingsBefore = findingRows(db, true);
        const auto baselinesBefore = baselineRows(db);
        const int completedBefore = baselineRun(shape); // run_count: completed runs
        QVERIFY(pick.exec(QStringLiteral("SELECT COUNT(*) FROM job_fingerprints WHERE fingerprint = '%1'").arg(shape))
            && pick.next());
        const int jobsOfShape = pick.value(0).toInt();
        pick.finish();

        QVERIFY(db.transaction());
        QString error;
        for (int i = 0; i < 30; ++i) {
            Job job = model->job;
            job.jobId = QStringLiteral("incremental-%1").arg(i);
            job.submittedMs = *model->job.submittedMs + (i + 1) * 60'000LL;
            job.durationMs = *model->job.durationMs * 3;
            QVERIFY2(jobs.upsert(job, 0, 0, &error) > 0, qPrintable(error));
        }
        QVERIFY(db.commit());

        AnalysisSummary summary;
        QVERIFY(run(&summary));
        QVERIFY2(summary.incremental, qPrintable(summary.fullReason));
        QCOMPARE(summary.newJobs, 30);
        QCOMPARE(summary.fingerprintsRecomputed, 1);
        QCOMPARE(summary.jobsAnalysed, jobsOfShape + 30); // every run of the shape, none other

        const auto findingsAfter = findingRows(db, true);
        const auto baselinesAfter = baselineRows(db);
        QCOMPARE(changedKeys(baselinesBefore, baselinesAfter), QSet<QString> {shape});
        QCOMPARE(baselineRun(shape), completedBefore + 30);
        const QSet<QString> changedFindings = changedKeys(findingsBefore, findingsAfter);
        QVERIFY2(changedFindings.contains(shape), "the shape's findings are rewritten (new row ids at least)");
        QCOMPARE(changedFindings, QSet<QString> {shape});

        // The same results as a full analysis of the same jobs (row ids aside).
        const auto incrementalFindings = findingRows(db, false);
        AnalysisEngine::Options full;
        full.incremental = false;
        QVERIFY(run(&summary, full));
        QVERIFY(!summary.incremental);
        QCOMPARE(findingRows(db, false), incrementalFindings);
        QCOMPARE(baselineRows(db), baselinesAfter);
    }

    // An import that changes an analysed job (here its duration) marks it through the trigger of
    // migration 12: the next run recomputes its shape only.
    void changedOldJobRecomputesItsShape()
    {
        QSqlDatabase db = m_workspace.database();
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("SELECT j.id, f.fingerprint FROM jobs j JOIN job_fingerprints f ON f.job_ref "
                                          "= j.id JOIN baselines b ON b.fingerprint = f.fingerprint "
                                          "WHERE j.state = 'COMPLETED' ORDER BY b.run_count, j.submitted_ms DESC "
                                          "LIMIT 1"))
            && query.next());
        const qint64 jobRef = query.value(0).toLongLong();
        const QString shape = query.value(1).toString();
        const auto baselinesBefore = baselineRows(db);
        QVERIFY(query.exec(QStringLiteral("UPDATE jobs SET duration_ms = duration_ms * 20 WHERE id = %1").arg(jobRef)));
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM analysis_changed_jobs")) && query.next());
        QCOMPARE(query.value(0).toInt(), 1);
        query.finish();

        AnalysisSummary summary;
        QVERIFY(run(&summary));
        QVERIFY2(summary.incremental, qPrintable(summary.fullReason));
        QCOMPARE(summary.newJobs, 1);
        QCOMPARE(summary.fingerprintsRecomputed, 1);
        QCOMPARE(changedKeys(baselinesBefore, baselineRows(db)), QSet<QString> {shape});
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM analysis_changed_jobs")) && query.next());
        QCOMPARE(query.value(0).toInt(), 0);
    }

    void deletedJobsForceAFullRun()
    {
        QSqlQuery query(m_workspace.database());
        QVERIFY(query.exec(QStringLiteral("DELETE FROM jobs WHERE job_id = 'incremental-0'")));
        AnalysisSummary summary;
        QVERIFY(run(&summary));
        QVERIFY(!summary.incremental);
        QVERIFY2(summary.fullReason.contains(QLatin1String("deleted")), qPrintable(summary.fullReason));
        QCOMPARE(summary.jobsAnalysed, 2529);
    }

    void changedOptionsForceAFullRun()
    {
        AnalysisEngine::Options options;
        options.baseline.minSamples = 25;
        AnalysisSummary summary;
        QVERIFY(run(&summary, options));
        QVERIFY(!summary.incremental);
        QVERIFY2(summary.fullReason.contains(QLatin1String("options")), qPrintable(summary.fullReason));
        QVERIFY(run(&summary, options));
        QVERIFY(summary.incremental);
    }

    void cancelledIncrementalRunKeepsTheStoredResults()
    {
        QSqlDatabase db = m_workspace.database();
        JobRepository jobs(db);
        QString error;
        const std::optional<JobRow> model = jobs.findByJobId(QStringLiteral("incremental-1"));
        QVERIFY(model);
        Job job = model->job;
        job.jobId = QStringLiteral("incremental-late");
        QVERIFY2(jobs.upsert(job, 0, 0, &error) > 0, qPrintable(error));
        const auto findingsBefore = findingRows(db, true);

        AnalysisEngine::Options options;
        options.baseline.minSamples = 25; // as the last run, so this one is incremental
        std::atomic_bool cancel {false};
        AnalysisEngine engine(m_workspace);
        engine.setOptions(options);
        engine.setCancelFlag(&cancel);
        engine.setProgress([&](int done, int, const QString&) { cancel = done > 0; });
        AnalysisSummary summary;
        QVERIFY(!engine.run(&summary, &error));
        QVERIFY2(error.contains(QLatin1String("cancelled")), qPrintable(error));
        QCOMPARE(findingRows(db, true), findingsBefore);

        // The job is still new for the next run.
        QVERIFY(run(&summary, options));
        QVERIFY(summary.incremental);
        QCOMPARE(summary.newJobs, 1);
    }

    // The same on a PostgreSQL workspace: migration 12's trigger function, the upsert into the
    // fingerprint cache and the shape queries on the other backend.
    void postgresWorkspace()
    {
        test::PostgresServer server;
        QString error;
        QString url;
        if (!server.startWithDatabase(QStringLiteral("incremental"), QString(), &url, &error))
            QSKIP(qPrintable(error));
        QVERIFY2(!url.isEmpty(), qPrintable(error));
        DemoOptions options;
        options.jobs = 800;
        options.profileEvery = 10;
        QVERIFY2(DemoGenerator(options).generate(url, &error), qPrintable(error));
        Workspace workspace;
        QVERIFY2(workspace.open(url, &error), qPrintable(error));
        QVERIFY(workspace.isPostgres());
        QSqlDatabase db = workspace.database();
        auto analyse = [&](AnalysisSummary* summary) {
            AnalysisEngine engine(workspace);
            QString runError;
            const bool ok = engine.run(summary, &runError);
            if (!ok)
                qWarning("analysis failed: %s", qPrintable(runError));
            return ok;
        };
        AnalysisSummary summary;
        QVERIFY(analyse(&summary));
        QVERIFY(!summary.incremental);
        QCOMPARE(summary.jobsAnalysed, 800);

        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("SELECT b.fingerprint, MAX(f.job_ref) FROM baselines b JOIN job_fingerprints "
                                          "f ON f.fingerprint = b.fingerprint GROUP BY b.fingerprint, b.run_count "
                                          "ORDER BY b.run_count DESC LIMIT 1"))
            && query.next());
        const QString shape = query.value(0).toString();
        JobRepository jobs(db);
        const std::optional<JobRow> model = jobs.findByRowId(query.value(1).toLongLong());
        QVERIFY(model);
        const auto baselinesBefore = baselineRows(db);
        for (int i = 0; i < 5; ++i) {
            Job job = model->job;
            job.jobId = QStringLiteral("pg-incremental-%1").arg(i);
            job.submittedMs = model->job.submittedMs.value_or(0) + (i + 1) * 1000;
            job.durationMs = model->job.durationMs.value_or(1000) * 4;
            QVERIFY2(jobs.upsert(job, 0, 0, &error) > 0, qPrintable(error));
        }
        QVERIFY(analyse(&summary));
        QVERIFY2(summary.incremental, qPrintable(summary.fullReason));
        QCOMPARE(summary.newJobs, 5);
        QCOMPARE(summary.fingerprintsRecomputed, 1);
        QCOMPARE(changedKeys(baselinesBefore, baselineRows(db)), QSet<QString> {shape});

        // The trigger function marks a changed analysed job; a re-import of equal values does not.
        QVERIFY(
            query.exec(QStringLiteral("UPDATE jobs SET duration_ms = duration_ms WHERE job_id = 'pg-incremental-0'")));
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM analysis_changed_jobs")) && query.next());
        QCOMPARE(query.value(0).toInt(), 0);
        QVERIFY(query.exec(
            QStringLiteral("UPDATE jobs SET duration_ms = duration_ms + 1 WHERE job_id = 'pg-incremental-0'")));
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM analysis_changed_jobs")) && query.next());
        QCOMPARE(query.value(0).toInt(), 1);
        query.finish();
        QVERIFY(analyse(&summary));
        QVERIFY2(summary.incremental, qPrintable(summary.fullReason));
        QCOMPARE(summary.newJobs, 1);
        QCOMPARE(summary.fingerprintsRecomputed, 1);
    }

private:
    bool run(AnalysisSummary* summary, const AnalysisEngine::Options& options = {})
    {
        AnalysisEngine engine(m_workspace);
        engine.setOptions(options);
        QString error;
        const bool ok = engine.run(summary, &error);
        if (!ok)
            qWarning("analysis failed: %s", qPrintable(error));
        return ok;
    }

    int baselineRun(const QString& fingerprint)
    {
        QSqlQuery query(m_workspace.database());
        query.prepare(QStringLiteral("SELECT run_count FROM baselines WHERE fingerprint = ?"));
        query.addBindValue(fingerprint);
        return query.exec() && query.next() ? query.value(0).toInt() : -1;
    }

    Workspace m_workspace;
};

QTEST_GUILESS_MAIN(TestIncrementalAnalysis)
#include "tst_incrementalanalysis.moc"
