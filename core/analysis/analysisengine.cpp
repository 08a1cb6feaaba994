#include "analysisengine.h"

#include "analysisstatestore.h"
#include "analysisstore.h"
#include "detectorregistry.h"
#include "ml/trackrecord.h"
#include "ml/whatifestimator.h"
#include "recommendationengine.h"
#include "recommendationstore.h"
#include "sql/fingerprinter.h"
#include "store/jobrepository.h"
#include "store/profilerepository.h"
#include "store/workspace.h"
#include "workspacefactsreader.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>

namespace dopt {

namespace {

constexpr int kMaxWarnings = 5;

/// One run of a fingerprint as n_plus_one's burst search needs it.
struct BurstRun
{
    qint64 submittedMs = 0;
    qint64 rowsReturned = -1;
    QString user;
};

/// Per fingerprint: what pass 1 collects.
struct FingerprintRuns
{
    QVector<RunSample> completed;
    QVector<BurstRun> all;
    // The statement shown for the shape: its first run's (submission time, unknown last, then row id),
    // whatever order the jobs are read in.
    QString sql;
    qint64 sqlSubmittedMs = std::numeric_limits<qint64>::max();
    qint64 sqlRowId = std::numeric_limits<qint64>::max();
};

// Bump when a change of the engine or of a detector makes stored findings stale: the next run is full.
constexpr int kEngineVersion = 1;

bool worse(const Finding& a, const Finding& b)
{
    if (a.severity != b.severity)
        return a.severity > b.severity;
    if (a.improvementMs != b.improvementMs)
        return a.improvementMs > b.improvementMs;
    return a.confidence > b.confidence;
}

RunBurst findBurst(QVector<BurstRun> runs, qint64 windowMs)
{
    RunBurst burst;
    std::sort(
        runs.begin(), runs.end(), [](const BurstRun& a, const BurstRun& b) { return a.submittedMs < b.submittedMs; });
    qsizetype bestFrom = 0;
    qsizetype bestTo = 0;
    for (qsizetype from = 0, to = 0; to < runs.size(); ++to) {
        while (runs[to].submittedMs - runs[from].submittedMs > windowMs)
            ++from;
        if (to + 1 - from > bestTo - bestFrom) {
            bestFrom = from;
            bestTo = to + 1;
        }
    }
    if (bestTo == bestFrom)
        return burst;
    burst.runs = int(bestTo - bestFrom);
    burst.startMs = runs[bestFrom].submittedMs;
    burst.endMs = runs[bestTo - 1].submittedMs;
    QVector<double> rows;
    QHash<QString, int> users;
    for (qsizetype i = bestFrom; i < bestTo; ++i) {
        if (runs[i].rowsReturned >= 0)
            rows.append(double(runs[i].rowsReturned));
        ++users[runs[i].user];
    }
    burst.medianRowsReturned = rows.isEmpty() ? -1 : BaselineCalculator::percentile(rows, 0.5);
    for (auto it = users.cbegin(); it != users.cend(); ++it) {
        if (it.value() > burst.topUserShare * burst.runs || (burst.topUser.isEmpty() && it.value() > 0)) {
            burst.topUser = it.key();
            burst.topUserShare = double(it.value()) / double(burst.runs);
        }
    }
    return burst;
}

SqlDialect dialectOf(const Job& job)
{
    return job.engine.startsWith(QLatin1String("postgres"), Qt::CaseInsensitive) ? SqlDialect::Postgres
                                                                                 : SqlDialect::Dremio;
}

} // namespace

QVector<Finding> AnalysisEngine::merge(const QVector<Finding>& findings, int maxExamples)
{
    QVector<Finding> merged;
    QHash<QString, qsizetype> index;
    for (const Finding& finding : findings) {
        if (finding.fingerprint.isEmpty()) {
            merged.append(finding);
            continue;
        }
        const QString key = finding.detectorId + QLatin1Char('\x1f') + finding.fingerprint + QLatin1Char('\x1f')
            + finding.operatorKey;
        const auto it = index.constFind(key);
        if (it == index.cend()) {
            index.insert(key, merged.size());
            merged.append(finding);
            continue;
        }
        Finding& target = merged[*it];
        const int occurrences = target.occurrences + finding.occurrences;
        const qint64 improvement = target.improvementMs + finding.improvementMs;
        QStringList examples;
        if (worse(finding, target)) {
            examples = finding.jobIds + target.jobIds;
            target = finding;
        } else {
            examples = target.jobIds + finding.jobIds;
        }
        examples.removeDuplicates();
        target.jobIds = examples.mid(0, maxExamples);
        target.occurrences = occurrences;
        target.improvementMs = improvement;
    }
    std::stable_sort(merged.begin(), merged.end(), worse);
    return merged;
}

/// Fingerprints interned as indexes: a million jobs share a few thousand shapes.
struct AnalysisEngine::Pass
{
    QHash<QString, int> index;
    QStringList fingerprints;
    QHash<qint64, int> ofRow; // job row id → fingerprint index, -1 for a job without a statement

    int intern(const QString& fingerprint)
    {
        if (fingerprint.isEmpty())
            return -1;
        auto it = index.constFind(fingerprint);
        if (it == index.cend()) {
            it = index.insert(fingerprint, int(fingerprints.size()));
            fingerprints.append(fingerprint);
        }
        return *it;
    }
};

/// What analyseJobs() produced, accumulated over the groups of an incremental run.
struct AnalysisEngine::Outcome
{
    QVector<Finding> findings; // merged per fingerprint
    QVector<Baseline> baselines;
    int fingerprintsComputed = 0; // jobs not found in the cache (written to it after pass 1)
    int fingerprints = 0;
    int jobsAnalysed = 0;
    int profilesAnalysed = 0;
    int profileErrors = 0;
    QStringList warnings;
};

bool AnalysisEngine::forEachJob(
    const JobQuery& query, const QString& phase, const std::function<void(const JobRow&)>& visit, QString* error)
{
    JobRepository jobs(m_workspace.database());
    QVector<JobRow> page = jobs.page(query, 0, m_options.pageSize);
    while (!page.isEmpty()) {
        for (const JobRow& row : page) {
            if (cancelled())
                return false;
            visit(row);
        }
        m_progressDone = std::min(m_progressTotal, m_progressDone + int(page.size()));
        if (m_progress)
            m_progress(m_progressDone, m_progressTotal, phase);
        if (page.size() < m_options.pageSize)
            break;
        page = jobs.pageAfter(query, JobRepository::cursorOf(page.last(), query.sortColumn), m_options.pageSize);
    }
    if (!jobs.lastError().isEmpty()) {
        *error = QStringLiteral("analysis: reading jobs: %1").arg(jobs.lastError());
        return false;
    }
    return !cancelled();
}

bool AnalysisEngine::analyseJobs(Pass& pass, const JobQuery& query, Outcome* outcome, QString* error)
{
    // Pass 1: fingerprints (cached ones reused) and the runs of each.
    QVector<FingerprintRuns> runs;
    QVector<QPair<qint64, int>> computed; // (job, interned fingerprint): a few bytes a job, not a string
    if (!forEachJob(
            query, QStringLiteral("Fingerprinting jobs"),
            [&](const JobRow& row) {
                const Job& job = row.job;
                int fp = -1;
                const auto cached = pass.ofRow.constFind(row.rowId);
                if (cached != pass.ofRow.cend()) {
                    fp = *cached;
                } else {
                    const QString fingerprint = job.sql.trimmed().isEmpty()
                        ? QString()
                        : Fingerprinter::fingerprint(job.sql, dialectOf(job)).fingerprint;
                    fp = pass.intern(fingerprint);
                    pass.ofRow.insert(row.rowId, fp);
                    computed.append({row.rowId, fp});
                }
                if (fp < 0)
                    return;
                if (fp >= runs.size())
                    runs.resize(pass.fingerprints.size());
                FingerprintRuns& r = runs[fp];
                const qint64 submitted = job.submittedMs.value_or(std::numeric_limits<qint64>::max());
                if (submitted < r.sqlSubmittedMs || (submitted == r.sqlSubmittedMs && row.rowId < r.sqlRowId)) {
                    r.sql = job.sql;
                    r.sqlSubmittedMs = submitted;
                    r.sqlRowId = row.rowId;
                }
                r.all.append(BurstRun {job.submittedMs.value_or(0), job.rowsReturned.value_or(-1), job.user});
                // Only completed runs have comparable durations (failures stop early, cancels anywhere).
                if (job.state == QLatin1String("COMPLETED") && job.durationMs && job.submittedMs)
                    r.completed.append(RunSample {
                        *job.submittedMs, *job.durationMs, job.bytesScanned ? double(*job.bytesScanned) : -1.0});
            },
            error))
        return false;

    // The new fingerprints go to the cache now, in their own transaction: it is keyed by job and
    // its rows follow from the job alone, so a run that stops later leaves nothing wrong behind.
    if (!computed.isEmpty()) {
        QSqlDatabase db = m_workspace.database();
        AnalysisStateStore state(db);
        QString stateError;
        constexpr qsizetype kBatch = 10000;
        bool stored = db.transaction();
        for (qsizetype from = 0; stored && from < computed.size(); from += kBatch) {
            QVector<QPair<qint64, QString>> rows;
            for (qsizetype i = from; i < std::min(computed.size(), from + kBatch); ++i)
                rows.append({computed[i].first,
                    computed[i].second < 0 ? QStringLiteral("") : pass.fingerprints[computed[i].second]});
            stored = state.storeFingerprints(rows, &stateError);
        }
        if (!stored || !db.commit()) {
            db.rollback();
            *error = QStringLiteral("analysis: %1").arg(stateError.isEmpty() ? db.lastError().text() : stateError);
            return false;
        }
        outcome->fingerprintsComputed += int(computed.size());
        computed = {};
    }

    // Baselines, regressions and bursts per fingerprint.
    QVector<FingerprintContext> contexts(runs.size());
    for (qsizetype i = 0; i < runs.size(); ++i) {
        if (runs[i].all.isEmpty())
            continue;
        ++outcome->fingerprints;
        FingerprintContext& context = contexts[i];
        context.runCount = int(runs[i].all.size());
        context.baseline = BaselineCalculator::compute(pass.fingerprints[i], runs[i].completed, m_options.baseline);
        if (context.baseline) {
            context.baseline->sql = runs[i].sql;
            outcome->baselines.append(*context.baseline);
        }
        context.burst = findBurst(runs[i].all, m_options.burstWindowMs);
        runs[i] = FingerprintRuns {};
    }

    // Pass 2: every detector on every job, with the catalog and Iceberg facts collected for its tables.
    ProfileRepository profiles(m_workspace.database());
    const FingerprintContext emptyContext;
    const PlanTree emptyTree;
    QVector<Finding> raw;
    if (!forEachJob(
            query, QStringLiteral("Running detectors"),
            [&](const JobRow& row) {
                ++outcome->jobsAnalysed;
                DetectorInput input;
                input.job = &row.job;
                input.tree = &emptyTree;
                input.context = &emptyContext;
                input.workspace = m_facts;
                const int fp = pass.ofRow.value(row.rowId, -1);
                if (fp >= 0 && fp < contexts.size()) {
                    input.fingerprint = pass.fingerprints[fp];
                    input.context = &contexts[fp];
                }
                std::optional<ParsedProfile> profile;
                if (row.hasProfile) {
                    QString profileError;
                    profile = profiles.loadForJob(row.rowId, &profileError);
                    if (profile) {
                        input.tree = &profile->tree;
                        ++outcome->profilesAnalysed;
                    } else if (!profileError.isEmpty()) {
                        ++outcome->profileErrors;
                        if (outcome->warnings.size() < kMaxWarnings)
                            outcome->warnings.append(
                                QStringLiteral("job %1: profile not analysed: %2").arg(row.job.jobId, profileError));
                    }
                }
                for (const Detector* detector : m_detectors)
                    raw += detector->detect(input);
                // Merge as we go so memory follows the distinct problems, not the jobs.
                if (raw.size() > 20000)
                    raw = merge(raw, m_options.maxExampleJobs);
            },
            error))
        return false;
    outcome->findings += merge(raw, m_options.maxExampleJobs);
    return true;
}

QString AnalysisEngine::settingsSignature(const WorkspaceFacts& facts) const
{
    QStringList lines;
    const BaselineCalculator::Options& b = m_options.baseline;
    lines << QStringLiteral("engine %1").arg(kEngineVersion)
          << QStringLiteral("baseline %1 %2 %3 %4 %5 %6 %7")
                 .arg(b.minSamples)
                 .arg(b.minRecentSamples)
                 .arg(b.windowDays)
                 .arg(b.alpha)
                 .arg(b.minMedianRatio)
                 .arg(b.highP95Ratio)
                 .arg(b.maxCandidateSplits)
          << QStringLiteral("burst %1 examples %2").arg(m_options.burstWindowMs).arg(m_options.maxExampleJobs);
    QStringList detectorIds;
    for (const Detector* detector : m_detectors)
        detectorIds << detector->id();
    detectorIds.sort();
    lines << QStringLiteral("detectors ") + detectorIds.join(QLatin1Char(','));
    // Per-job detectors read the partition layout and the catalog field counts.
    for (const TablePartitionFacts& t : facts.tablePartitions)
        lines << QStringLiteral("partitions %1 %2 %3 %4 %5 %6")
                     .arg(t.datasetPath, t.partitionColumns.join(QLatin1Char(',')))
                     .arg(t.partitionCount)
                     .arg(t.recordCount)
                     .arg(t.fileCount)
                     .arg(t.largestPartitionRecords);
    QStringList fields;
    for (auto it = facts.datasetFieldCounts.cbegin(); it != facts.datasetFieldCounts.cend(); ++it)
        fields << QStringLiteral("fields %1 %2").arg(it.key()).arg(it.value());
    fields.sort();
    lines += fields;
    return QString::fromLatin1(
        QCryptographicHash::hash(lines.join(QLatin1Char('\n')).toUtf8(), QCryptographicHash::Sha1).toHex());
}

bool AnalysisEngine::run(AnalysisSummary* summary, QString* error)
{
    AnalysisSummary result;
    QSqlDatabase db = m_workspace.database();
    if (!db.isValid() || !db.isOpen()) {
        *error = QStringLiteral("analysis: the workspace is not open");
        return false;
    }
    m_detectors.clear();
    for (const auto& detector : DetectorRegistry::all()) {
        if (m_options.detectorIds.isEmpty() || m_options.detectorIds.contains(detector->id()))
            m_detectors.push_back(detector.get());
    }
    for (const QString& id : m_options.detectorIds) {
        if (!DetectorRegistry::find(id)) {
            *error = QStringLiteral("analysis: unknown detector '%1' (known: %2)")
                         .arg(id, DetectorRegistry::ids().join(QStringLiteral(", ")));
            return false;
        }
    }
    auto cancelledError = [&] {
        if (error->isEmpty())
            *error = QStringLiteral("analysis: cancelled, stored results unchanged");
        return false;
    };

    WorkspaceFacts facts;
    m_facts = &facts;
    if (!WorkspaceFactsReader::readCatalog(db, &facts, error))
        return false;
    const QString settings = settingsSignature(facts);
    AnalysisStateStore state(db);
    QString stateError;
    const std::optional<AnalysisWatermark> watermark = state.read(&stateError);
    qint64 maxJobRef = 0;
    qint64 maxProfileRef = 0;
    QVector<qint64> changedJobs;
    if (!stateError.isEmpty() || !state.maxRefs(&maxJobRef, &maxProfileRef, &stateError)
        || !state.changedJobs(&changedJobs, &stateError)) {
        *error = QStringLiteral("analysis: %1").arg(stateError);
        return false;
    }
    qint64 total = 0;
    {
        QSqlQuery window(db);
        if (!window.exec(QStringLiteral("SELECT COUNT(*), MIN(submitted_ms), MAX(submitted_ms) FROM jobs"))
            || !window.next()) {
            *error = QStringLiteral("analysis: cannot count jobs: %1").arg(window.lastError().text());
            return false;
        }
        total = window.value(0).toLongLong();
        facts.windowStartMs = window.value(1).toLongLong();
        facts.windowEndMs = window.value(2).toLongLong();
    }
    m_progressDone = 0;
    m_progressTotal = int(std::min<qint64>(total * 2, std::numeric_limits<int>::max()));
    if (m_progress)
        m_progress(0, m_progressTotal, QStringLiteral("Reading the workspace"));
    if (cancelled())
        return cancelledError();

    QString fullReason;
    if (!m_options.incremental)
        fullReason = QStringLiteral("a full analysis was asked for");
    else if (!watermark)
        fullReason = QStringLiteral("first analysis of this workspace");
    else if (watermark->settings != settings)
        fullReason = QStringLiteral("the options, the detectors or the catalog facts they use changed");
    else if (state.jobsUpTo(watermark->lastJobRef, &stateError) != watermark->jobsUpToWatermark)
        fullReason = stateError.isEmpty() ? QStringLiteral("jobs were deleted since the last analysis") : stateError;

    Outcome outcome;
    QStringList touched; // incremental: the fingerprints recomputed ('' = the jobs without one)
    if (fullReason.isEmpty()) {
        // The jobs added or changed since the watermark, fingerprinted now; with the old fingerprints
        // of changed jobs and of jobs with new profiles, they name the shapes to recompute.
        QSet<QString> shapes;
        QVector<qint64> profiled;
        QHash<qint64, QString> before;
        if (!state.jobsWithProfilesAfter(watermark->lastProfileRef, &profiled, &stateError)
            || !state.fingerprintsOf(changedJobs + profiled, &before, &stateError)) {
            *error = QStringLiteral("analysis: %1").arg(stateError);
            return false;
        }
        for (const QString& fingerprint : std::as_const(before))
            shapes.insert(fingerprint);
        JobQuery added;
        added.sortColumn = QStringLiteral("id");
        added.descending = false;
        added.condition = QStringLiteral("j.id > ? OR j.id IN (SELECT job_ref FROM analysis_changed_jobs)");
        added.conditionValues = {watermark->lastJobRef};
        QVector<QPair<qint64, QString>> fingerprinted;
        if (!forEachJob(
                added, QStringLiteral("Fingerprinting new jobs"),
                [&](const JobRow& row) {
                    ++result.newJobs;
                    const QString fingerprint = row.job.sql.trimmed().isEmpty()
                        ? QStringLiteral("")
                        : Fingerprinter::fingerprint(row.job.sql, dialectOf(row.job)).fingerprint;
                    fingerprinted.append({row.rowId, fingerprint});
                    shapes.insert(fingerprint);
                },
                error))
            return cancelledError();
        // Stored now (the group queries below find runs through it); harmless if the run stops later.
        if (!db.transaction() || !state.storeFingerprints(fingerprinted, &stateError) || !db.commit()) {
            db.rollback();
            *error = QStringLiteral("analysis: %1").arg(stateError.isEmpty() ? db.lastError().text() : stateError);
            return false;
        }
        touched = QStringList(shapes.cbegin(), shapes.cend());
        touched.sort();
        const qint64 runs = state.runsOf(touched, &stateError);
        if (runs < 0) {
            *error = QStringLiteral("analysis: %1").arg(stateError);
            return false;
        }
        if (double(runs) > m_options.maxIncrementalShare * double(total)) {
            fullReason = QStringLiteral("the changed shapes hold %1 of the %2 jobs").arg(runs).arg(total);
        } else {
            m_progressTotal = int(std::min<qint64>(result.newJobs + 2 * runs, std::numeric_limits<int>::max()));
            for (qsizetype from = 0; from < touched.size(); from += AnalysisStateStore::MaxListSize) {
                const QStringList group = touched.mid(from, AnalysisStateStore::MaxListSize);
                Pass pass;
                if (!state.forEachFingerprint(
                        group, [&](qint64 job, const QString& fp) { pass.ofRow.insert(job, pass.intern(fp)); },
                        &stateError)) {
                    *error = QStringLiteral("analysis: %1").arg(stateError);
                    return false;
                }
                JobQuery ofShapes;
                ofShapes.sortColumn = QStringLiteral("submitted_ms");
                ofShapes.descending = false;
                QStringList marks;
                marks.fill(QStringLiteral("?"), group.size());
                ofShapes.condition
                    = QStringLiteral("j.id IN (SELECT job_ref FROM job_fingerprints WHERE fingerprint IN (%1))")
                          .arg(marks.join(QLatin1Char(',')));
                for (const QString& fingerprint : group)
                    ofShapes.conditionValues.append(fingerprint);
                if (!analyseJobs(pass, ofShapes, &outcome, error))
                    return cancelledError();
            }
            result.incremental = true;
            result.fingerprintsRecomputed = int(touched.size());
        }
    }
    if (!fullReason.isEmpty()) {
        // Every job; fingerprints come from the cache except for jobs added or changed since.
        Pass pass;
        const QSet<qint64> stale(changedJobs.cbegin(), changedJobs.cend());
        if (!state.forEachFingerprint(
                {},
                [&](qint64 job, const QString& fp) {
                    if (!stale.contains(job))
                        pass.ofRow.insert(job, pass.intern(fp));
                },
                &stateError)) {
            *error = QStringLiteral("analysis: %1").arg(stateError);
            return false;
        }
        m_progressTotal = int(std::min<qint64>(m_progressDone + total * 2, std::numeric_limits<int>::max()));
        JobQuery all;
        all.sortColumn = QStringLiteral("submitted_ms");
        all.descending = false;
        outcome = Outcome {};
        if (!analyseJobs(pass, all, &outcome, error))
            return cancelledError();
        result.newJobs = int(total);
        result.fingerprintsRecomputed = outcome.fingerprints;
        result.fullReason = fullReason;
    }
    result.jobsAnalysed = outcome.jobsAnalysed;
    result.profilesAnalysed = outcome.profilesAnalysed;
    result.profileErrors = outcome.profileErrors;
    result.warnings = outcome.warnings;

    // Findings and baselines of the shapes not recomputed stay as stored.
    QVector<Finding> jobFindings = outcome.findings;
    QVector<Baseline> baselines = outcome.baselines;
    AnalysisStore store(db);
    if (result.incremental) {
        const QSet<QString> recomputed(touched.cbegin(), touched.cend());
        QString readError;
        for (const Finding& finding : store.jobFindings(&readError)) {
            if (!recomputed.contains(finding.fingerprint))
                jobFindings.append(finding);
        }
        for (const Baseline& baseline : store.baselines(&readError)) {
            if (!recomputed.contains(baseline.fingerprint))
                baselines.append(baseline);
        }
        if (!readError.isEmpty()) {
            *error = QStringLiteral("analysis: %1").arg(readError);
            return false;
        }
        std::stable_sort(jobFindings.begin(), jobFindings.end(), worse);
        QSqlQuery distinct(db);
        if (distinct.exec(QStringLiteral("SELECT COUNT(DISTINCT fingerprint) FROM job_fingerprints "
                                         "WHERE fingerprint <> ''"))
            && distinct.next())
            result.fingerprints = distinct.value(0).toInt();
    } else {
        result.fingerprints = outcome.fingerprints;
    }

    // Detectors about the workspace as a whole (reflections, table files), once per run.
    facts.jobs = int(total);
    if (!WorkspaceFactsReader::readReflections(db, &facts, error)
        || !WorkspaceFactsReader::readTableFiles(db, &facts, error)
        || !WorkspaceFactsReader::readPostgresSettings(db, &facts, error)
        || !WorkspaceFactsReader::readRunTimes(db, &facts, error))
        return false;
    QVector<Finding> workspaceRaw;
    for (const Detector* detector : m_detectors)
        workspaceRaw += detector->detectWorkspace(facts);
    const QVector<Finding> workspaceFindings = merge(workspaceRaw, m_options.maxExampleJobs);

    QVector<Finding> merged = jobFindings + workspaceFindings;
    std::stable_sort(merged.begin(), merged.end(), worse);
    QVector<Recommendation> recommendations = RecommendationEngine::build(merged, baselines, facts);
    // With a trained run-time model, predicted savings replace the fixed shares in the scores.
    // ... and the measured track record of each kind adjusts its confidence (the learning loop).
    if (!WhatIfEstimator::apply(db, &recommendations, error) || !TrackRecord::apply(db, &recommendations, error))
        return false;
    if (cancelled())
        return cancelledError();
    // Findings, the recommendations built from them and the watermark land together or not at all,
    // so the Recommendations page never shows advice whose evidence is from another run.
    if (!db.transaction()) {
        *error = QStringLiteral("analysis: cannot start a transaction: %1").arg(db.lastError().text());
        return false;
    }
    store.useCallerTransaction();
    RecommendationStore recommendationStore(db);
    recommendationStore.useCallerTransaction();
    AnalysisWatermark next;
    next.lastJobRef = maxJobRef;
    next.lastProfileRef = maxProfileRef;
    next.settings = settings;
    next.analysedMs = QDateTime::currentMSecsSinceEpoch();
    next.jobsUpToWatermark = state.jobsUpTo(maxJobRef, &stateError);
    const bool stored
        = next.jobsUpToWatermark >= 0 && state.clearChangedJobs(&stateError) && state.write(next, &stateError);
    if (!stored) {
        *error = QStringLiteral("analysis: %1").arg(stateError);
        db.rollback();
        return false;
    }
    const bool written = result.incremental
        ? store.replaceShapes(touched, outcome.findings, workspaceFindings, outcome.baselines, error)
        : store.replace(jobFindings, workspaceFindings, baselines, error);
    if (!written || !recommendationStore.replace(recommendations, error, RecommendationEngine::producedDetectors())) {
        db.rollback();
        return false;
    }
    if (!db.commit()) {
        *error = QStringLiteral("analysis: commit failed: %1").arg(db.lastError().text());
        db.rollback();
        return false;
    }
    result.recommendations = int(recommendations.size());
    result.baselines = int(baselines.size());
    for (const Baseline& baseline : baselines)
        result.regressions += baseline.regression ? 1 : 0;
    result.findings = int(merged.size());
    for (const Finding& finding : merged) {
        ++result.findingsPerDetector[finding.detectorId];
        ++result.findingsPerSeverity[finding.severity];
    }
    if (summary)
        *summary = result;
    return true;
}

} // namespace dopt
