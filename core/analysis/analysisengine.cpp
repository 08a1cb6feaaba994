#include "analysisengine.h"

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

#include <QHash>
#include <QSqlError>
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
    QString sql;
};

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

bool AnalysisEngine::run(AnalysisSummary* summary, QString* error)
{
    AnalysisSummary result;
    QSqlDatabase db = m_workspace.database();
    if (!db.isValid() || !db.isOpen()) {
        *error = QStringLiteral("analysis: the workspace is not open");
        return false;
    }
    std::vector<const Detector*> detectors;
    for (const auto& detector : DetectorRegistry::all()) {
        if (m_options.detectorIds.isEmpty() || m_options.detectorIds.contains(detector->id()))
            detectors.push_back(detector.get());
    }
    for (const QString& id : m_options.detectorIds) {
        if (!DetectorRegistry::find(id)) {
            *error = QStringLiteral("analysis: unknown detector '%1' (known: %2)")
                         .arg(id, DetectorRegistry::ids().join(QStringLiteral(", ")));
            return false;
        }
    }

    JobRepository jobs(db);
    JobQuery query;
    query.sortColumn = QStringLiteral("submitted_ms");
    query.descending = false;
    const qint64 total = jobs.count(query);
    if (total < 0) {
        *error = QStringLiteral("analysis: cannot count jobs: %1").arg(jobs.lastError());
        return false;
    }
    const int progressTotal = int(std::min<qint64>(total * 2, std::numeric_limits<int>::max()));
    int progressDone = 0;

    // Reads every job in submission order, page by page, and hands each to visit().
    auto forEachJob = [&](const QString& phase, const std::function<void(const JobRow&)>& visit) -> bool {
        QVector<JobRow> page = jobs.page(query, 0, m_options.pageSize);
        while (!page.isEmpty()) {
            for (const JobRow& row : page) {
                if (cancelled())
                    return false;
                visit(row);
            }
            progressDone += int(page.size());
            if (m_progress)
                m_progress(progressDone, progressTotal, phase);
            if (page.size() < m_options.pageSize)
                break;
            page = jobs.pageAfter(query, JobRepository::cursorOf(page.last(), query.sortColumn), m_options.pageSize);
        }
        if (!jobs.lastError().isEmpty()) {
            *error = QStringLiteral("analysis: reading jobs: %1").arg(jobs.lastError());
            return false;
        }
        return !cancelled();
    };
    auto cancelledError = [&] {
        if (error->isEmpty())
            *error = QStringLiteral("analysis: cancelled, stored results unchanged");
        return false;
    };

    // Pass 1: fingerprints and the runs of each.
    QHash<qint64, int> fingerprintOfRow;
    QHash<QString, int> fingerprintIndex;
    QStringList fingerprints;
    QVector<FingerprintRuns> runs;
    WorkspaceFacts facts;
    if (!forEachJob(QStringLiteral("Fingerprinting jobs"), [&](const JobRow& row) {
            const Job& job = row.job;
            if (job.submittedMs) {
                facts.windowStartMs
                    = facts.windowStartMs == 0 ? *job.submittedMs : std::min(facts.windowStartMs, *job.submittedMs);
                facts.windowEndMs = std::max(facts.windowEndMs, *job.submittedMs);
            }
            if (job.sql.trimmed().isEmpty())
                return;
            const QString fingerprint = Fingerprinter::fingerprint(job.sql, dialectOf(job)).fingerprint;
            if (fingerprint.isEmpty())
                return;
            auto it = fingerprintIndex.constFind(fingerprint);
            if (it == fingerprintIndex.cend()) {
                it = fingerprintIndex.insert(fingerprint, int(fingerprints.size()));
                fingerprints.append(fingerprint);
                runs.append(FingerprintRuns {{}, {}, job.sql});
            }
            fingerprintOfRow.insert(row.rowId, *it);
            FingerprintRuns& r = runs[*it];
            r.all.append(BurstRun {job.submittedMs.value_or(0), job.rowsReturned.value_or(-1), job.user});
            // Only completed runs have comparable durations (failures stop early, cancels anywhere).
            if (job.state == QLatin1String("COMPLETED") && job.durationMs && job.submittedMs)
                r.completed.append(RunSample {
                    *job.submittedMs, double(*job.durationMs), job.bytesScanned ? double(*job.bytesScanned) : -1.0});
        }))
        return cancelledError();

    // Baselines, regressions and bursts per fingerprint.
    QVector<FingerprintContext> contexts(fingerprints.size());
    QVector<Baseline> baselines;
    for (qsizetype i = 0; i < fingerprints.size(); ++i) {
        FingerprintContext& context = contexts[i];
        context.runCount = int(runs[i].all.size());
        context.baseline = BaselineCalculator::compute(fingerprints[i], runs[i].completed, m_options.baseline);
        if (context.baseline) {
            context.baseline->sql = runs[i].sql;
            baselines.append(*context.baseline);
            result.regressions += context.baseline->regression ? 1 : 0;
        }
        context.burst = findBurst(runs[i].all, m_options.burstWindowMs);
        runs[i].completed.clear();
        runs[i].all.clear();
    }

    // Pass 2: every detector on every job, with the catalog and Iceberg facts collected for its tables.
    if (!WorkspaceFactsReader::readCatalog(db, &facts, error))
        return false;
    ProfileRepository profiles(db);
    const FingerprintContext emptyContext;
    const PlanTree emptyTree;
    QVector<Finding> raw;
    if (!forEachJob(QStringLiteral("Running detectors"), [&](const JobRow& row) {
            ++result.jobsAnalysed;
            DetectorInput input;
            input.job = &row.job;
            input.tree = &emptyTree;
            input.context = &emptyContext;
            input.workspace = &facts;
            const auto fp = fingerprintOfRow.constFind(row.rowId);
            if (fp != fingerprintOfRow.cend()) {
                input.fingerprint = fingerprints[*fp];
                input.context = &contexts[*fp];
            }
            std::optional<ParsedProfile> profile;
            if (row.hasProfile) {
                QString profileError;
                profile = profiles.loadForJob(row.rowId, &profileError);
                if (profile) {
                    input.tree = &profile->tree;
                    ++result.profilesAnalysed;
                } else if (!profileError.isEmpty()) {
                    ++result.profileErrors;
                    if (result.warnings.size() < kMaxWarnings)
                        result.warnings.append(
                            QStringLiteral("job %1: profile not analysed: %2").arg(row.job.jobId, profileError));
                }
            }
            for (const Detector* detector : detectors)
                raw += detector->detect(input);
            // Merge as we go so memory follows the distinct problems, not the jobs.
            if (raw.size() > 20000)
                raw = merge(raw, m_options.maxExampleJobs);
        }))
        return cancelledError();

    // Detectors about the workspace as a whole (reflections), once.
    facts.jobs = result.jobsAnalysed;
    if (!WorkspaceFactsReader::readReflections(db, &facts, error)
        || !WorkspaceFactsReader::readTableFiles(db, &facts, error)
        || !WorkspaceFactsReader::readPostgresSettings(db, &facts, error))
        return false;
    for (const Detector* detector : detectors)
        raw += detector->detectWorkspace(facts);

    const QVector<Finding> merged = merge(raw, m_options.maxExampleJobs);
    QVector<Recommendation> recommendations = RecommendationEngine::build(merged, baselines, facts);
    // With a trained run-time model, predicted savings replace the fixed shares in the scores.
    // ... and the measured track record of each kind adjusts its confidence (the learning loop).
    if (!WhatIfEstimator::apply(db, &recommendations, error) || !TrackRecord::apply(db, &recommendations, error))
        return false;
    // Findings and the recommendations built from them land together or not at all, so the
    // Recommendations page never shows advice whose evidence is from another run.
    if (!db.transaction()) {
        *error = QStringLiteral("analysis: cannot start a transaction: %1").arg(db.lastError().text());
        return false;
    }
    AnalysisStore store(db);
    store.useCallerTransaction();
    RecommendationStore recommendationStore(db);
    recommendationStore.useCallerTransaction();
    if (!store.replace(merged, baselines, error)
        || !recommendationStore.replace(recommendations, error, RecommendationEngine::producedDetectors())) {
        db.rollback();
        return false;
    }
    if (!db.commit()) {
        *error = QStringLiteral("analysis: commit failed: %1").arg(db.lastError().text());
        db.rollback();
        return false;
    }
    result.recommendations = int(recommendations.size());

    result.fingerprints = int(fingerprints.size());
    result.baselines = int(baselines.size());
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
