#include "demogenerator.h"

#include "demoprofilewriter.h"
#include "demoqueryshapes.h"
#include "profile/dremioprofileparser.h"
#include "store/importrunrepository.h"
#include "store/jobrepository.h"
#include "store/profilerepository.h"
#include "store/sourcerepository.h"
#include "store/workspace.h"

#include <QDateTime>
#include <QSqlError>

namespace dopt {

namespace {

bool fail(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return false;
}

/// The job as the profile describes it, completed with what only the history record knows (as an
/// import of sys.jobs_recent next to the profile would).
Job mergeJob(Job fromProfile, const Job& history)
{
    const auto fillText = [](QString& target, const QString& source) {
        if (target.isEmpty())
            target = source;
    };
    const auto fillNumber = [](auto& target, const auto& source) {
        if (!target)
            target = source;
    };
    fillText(fromProfile.jobId, history.jobId);
    fillText(fromProfile.sql, history.sql);
    fillText(fromProfile.user, history.user);
    fillText(fromProfile.queue, history.queue);
    fillText(fromProfile.state, history.state);
    fillText(fromProfile.queryType, history.queryType);
    fillText(fromProfile.engineName, history.engineName);
    fillText(fromProfile.error, history.error);
    fillNumber(fromProfile.submittedMs, history.submittedMs);
    fillNumber(fromProfile.startedMs, history.startedMs);
    fillNumber(fromProfile.endedMs, history.endedMs);
    fillNumber(fromProfile.durationMs, history.durationMs);
    fillNumber(fromProfile.rowsScanned, history.rowsScanned);
    fillNumber(fromProfile.bytesScanned, history.bytesScanned);
    fillNumber(fromProfile.rowsReturned, history.rowsReturned);
    fillNumber(fromProfile.bytesReturned, history.bytesReturned);
    fillNumber(fromProfile.plannerCost, history.plannerCost);
    if (fromProfile.datasets.isEmpty())
        fromProfile.datasets = history.datasets;
    if (fromProfile.phases.isEmpty())
        fromProfile.phases = history.phases;
    fromProfile.accelerated = fromProfile.accelerated || history.accelerated;
    return fromProfile;
}

} // namespace

bool DemoGenerator::generate(const QString& workspaceLocation, QString* error)
{
    Workspace workspace;
    QString why;
    if (!workspace.open(workspaceLocation, &why))
        return fail(error, QStringLiteral("demo: cannot open the workspace %1: %2").arg(workspaceLocation, why));
    const bool ok = generate(workspace, error);
    workspace.close();
    return ok;
}

bool DemoGenerator::generate(Workspace& workspace, QString* error)
{
    m_jobsWritten = 0;
    m_profilesWritten = 0;
    if (m_options.jobs <= 0)
        return fail(error, QStringLiteral("demo: the number of jobs must be positive (got %1)").arg(m_options.jobs));
    if (!m_options.endDate.isValid())
        return fail(error, QStringLiteral("demo: the end date is not a valid date"));

    const DemoWorkload workload(m_options);
    QSqlDatabase db = workspace.database();
    QString why;
    SourceRepository sources(db);
    const qint64 sourceId = sources.findOrCreate(QString::fromLatin1(SourceKind), m_options.sourceName,
        QStringLiteral("generated: seed %1, %2 days to %3")
            .arg(m_options.seed)
            .arg(m_options.days)
            .arg(m_options.endDate.toString(Qt::ISODate)),
        true, &why);
    if (sourceId < 0)
        return fail(error, QStringLiteral("demo: cannot register the demo source: %1").arg(why));
    ImportRunRepository runs(db);
    ImportRunRow run;
    run.sourceId = sourceId;
    run.startedMs = QDateTime::currentMSecsSinceEpoch();
    run.id = runs.start(sourceId, &why);
    if (run.id < 0)
        return fail(error, QStringLiteral("demo: cannot record the import run: %1").arg(why));
    const auto finishRun = [&](const QString& status, const QString& message) {
        run.finishedMs = QDateTime::currentMSecsSinceEpoch();
        run.status = status;
        run.jobsAdded = m_jobsWritten;
        run.profilesAdded = m_profilesWritten;
        run.message = message;
        QString ignored; // the run row is bookkeeping; the outcome is already decided
        runs.finish(run, &ignored);
    };
    const auto abort = [&](const QString& message) {
        db.rollback();
        finishRun(QStringLiteral("failed"), message);
        return fail(error, message);
    };

    JobRepository jobs(db);
    ProfileRepository profiles(db);
    const QVector<DemoQueryShape>& shapes = DemoQueryShapes::shapes();
    const int total = workload.size();
    const int batch = std::max(1, m_options.batchSize);
    if (m_progress)
        m_progress(0, total, QStringLiteral("Generating the demo workspace"));
    for (int start = 0; start < total; start += batch) {
        if (m_cancelled && m_cancelled->load()) {
            const QString message
                = QStringLiteral("demo: generation cancelled after %1 of %2 jobs").arg(m_jobsWritten).arg(total);
            finishRun(QStringLiteral("cancelled"), message);
            return fail(error, message);
        }
        if (!db.transaction())
            return abort(QStringLiteral("demo: cannot start a transaction: %1").arg(db.lastError().text()));
        const int end = std::min(total, start + batch);
        int profilesInBatch = 0;
        for (int i = start; i < end; ++i) {
            const DemoJobSpec spec = workload.job(i);
            Job job = spec.job;
            QByteArray raw;
            ParsedProfile parsed;
            const bool withProfile = workload.hasProfile(i);
            if (withProfile) {
                raw = DemoProfileWriter::write(spec, shapes[spec.shape]);
                if (!DremioProfileParser::parse(raw, &parsed, &why))
                    return abort(QStringLiteral("demo: the generated profile of job %1 (%2) does not parse: %3")
                                     .arg(spec.job.jobId, shapes[spec.shape].name, why));
                job = mergeJob(parsed.job, spec.job);
            }
            const qint64 rowId = jobs.upsert(job, sourceId, run.id, &why);
            if (rowId < 0)
                return abort(QStringLiteral("demo: cannot store job %1: %2").arg(spec.job.jobId, why));
            if (withProfile) {
                if (profiles.store(rowId, raw, parsed, &why) < 0)
                    return abort(
                        QStringLiteral("demo: cannot store the profile of job %1: %2").arg(spec.job.jobId, why));
                ++profilesInBatch;
            }
        }
        if (!db.commit())
            return abort(QStringLiteral("demo: cannot commit jobs %1-%2: %3")
                             .arg(start)
                             .arg(end - 1)
                             .arg(db.lastError().text()));
        m_jobsWritten = end;
        m_profilesWritten += profilesInBatch;
        if (m_progress)
            m_progress(end, total, QStringLiteral("%1 jobs, %2 profiles").arg(m_jobsWritten).arg(m_profilesWritten));
    }
    finishRun(QStringLiteral("completed"),
        QStringLiteral("demo workload: %1 jobs, %2 profiles, seed %3")
            .arg(m_jobsWritten)
            .arg(m_profilesWritten)
            .arg(m_options.seed));
    return true;
}

} // namespace dopt
