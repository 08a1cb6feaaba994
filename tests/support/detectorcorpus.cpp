#include "detectorcorpus.h"

#include "analysis/analysisengine.h"
#include "analysis/analysisstore.h"
#include "analysis/detectorregistry.h"
#include "sql/fingerprinter.h"
#include "store/jobrepository.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace dopt::test {

double DetectorScore::precision() const
{
    const int reported = truePositives + falsePositives;
    return reported == 0 ? 1.0 : double(truePositives) / reported;
}

double DetectorScore::recall() const
{
    const int expected = truePositives + falseNegatives;
    return expected == 0 ? 1.0 : double(truePositives) / expected;
}

double DetectorScore::falsePositiveRate() const
{
    const int negatives = falsePositives + trueNegatives;
    return negatives == 0 ? 0.0 : double(falsePositives) / negatives;
}

namespace {

QStringList strings(const QJsonValue& value)
{
    QStringList out;
    for (const QJsonValue& item : value.toArray())
        out << item.toString();
    return out;
}

void score(CorpusEvaluation& eval, const QString& caseId, const QStringList& evaluated, const QSet<QString>& expected,
    const QSet<QString>& found)
{
    ++eval.cases;
    for (const QString& detector : evaluated) {
        DetectorScore& s = eval.scores[detector];
        const bool e = expected.contains(detector);
        const bool f = found.contains(detector);
        s.truePositives += e && f;
        s.falsePositives += !e && f;
        s.falseNegatives += e && !f;
        s.trueNegatives += !e && !f;
        if (e != f)
            eval.mistakes << QStringLiteral("%1: %2 %3")
                                 .arg(
                                     caseId, detector, e ? QStringLiteral("missed") : QStringLiteral("false positive"));
    }
}

/// The SQL-level detectors on one statement run as a single job.
QSet<QString> sqlFindings(const Job& job, const QStringList& detectors)
{
    QSet<QString> found;
    for (const QString& id : detectors) {
        if (!detectStatement(*DetectorRegistry::find(id), job).isEmpty())
            found.insert(id);
    }
    return found;
}

Job sqlJob(const QString& sql, qint64 durationMs, std::optional<qint64> rows, std::optional<qint64> bytes)
{
    Job job;
    job.jobId = QStringLiteral("corpus");
    job.sql = sql;
    job.state = QStringLiteral("COMPLETED");
    job.durationMs = durationMs;
    job.submittedMs = 1'750'000'000'000LL;
    job.rowsReturned = rows;
    job.bytesScanned = bytes;
    return job;
}

/// The statements of a real sample with their rows returned, nothing when the samples are absent.
QVector<Job> realSampleJobs(const QString& file, const QString& format)
{
    QVector<Job> jobs;
    const QString path = dremioSample(file);
    QFile in(path);
    if (path.isEmpty() || !in.open(QIODevice::ReadOnly))
        return jobs;
    const QByteArray bytes = in.readAll();
    auto add = [&](const QJsonObject& o, const char* sqlKey, const char* rowsKey, const char* msKey) {
        const QString sql = o.value(QLatin1String(sqlKey)).toString();
        if (sql.isEmpty())
            return;
        const QJsonValue rows = o.value(QLatin1String(rowsKey));
        jobs.append(sqlJob(sql, qint64(o.value(QLatin1String(msKey)).toDouble()),
            rows.isDouble() ? std::optional<qint64>(qint64(rows.toDouble())) : std::nullopt, std::nullopt));
    };
    if (format == QLatin1String("queries_log")) {
        for (const QByteArray& line : bytes.split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (!o.isEmpty())
                add(o, "queryText", "outputRecords", "planningTime");
        }
    } else {
        for (const QJsonValue& row : QJsonDocument::fromJson(bytes).object().value(QStringLiteral("rows")).toArray())
            add(row.toObject(), "query", "rows_returned", "execution_cpu_time_ns");
    }
    return jobs;
}

bool evaluateHistories(CorpusEvaluation& eval, const QJsonObject& corpus, const QString& workDir, QString* error)
{
    const QStringList detectors = strings(corpus.value(QStringLiteral("historyDetectors")));
    Workspace workspace;
    if (!workspace.open(workDir + QStringLiteral("/corpus-histories.dopt"), error))
        return false;
    JobRepository jobs(workspace.database());
    workspace.database().transaction();
    const qint64 start = 1'750'000'000'000LL;
    QHash<QString, QString> caseOfFingerprint;
    const QJsonArray histories = corpus.value(QStringLiteral("histories")).toArray();
    for (const QJsonValue& value : histories) {
        const QJsonObject h = value.toObject();
        const QString id = h.value(QStringLiteral("id")).toString();
        const QString sql = h.value(QStringLiteral("sql")).toString();
        caseOfFingerprint.insert(Fingerprinter::fingerprint(sql, SqlDialect::Dremio).fingerprint, id);
        const int runs = h.value(QStringLiteral("runs")).toInt();
        const double median = h.value(QStringLiteral("medianMs")).toDouble();
        const double jitter = h.value(QStringLiteral("jitter")).toDouble();
        const int slowerFrom = h.value(QStringLiteral("slowerFrom")).toInt(-1);
        for (int i = 0; i < runs; ++i) {
            // A deterministic spread of +/- jitter around the median (no random numbers: reproducible).
            const double wave = double((i * 37) % 21 - 10) / 10.0;
            double duration = median * (1.0 + jitter * wave);
            if (slowerFrom >= 0 && i >= slowerFrom)
                duration *= h.value(QStringLiteral("slowerFactor")).toDouble(1);
            Job job = sqlJob(
                sql, qint64(duration), qint64(h.value(QStringLiteral("rowsReturned")).toDouble()), std::nullopt);
            job.jobId = QStringLiteral("%1-%2").arg(id).arg(i);
            job.user = h.value(QStringLiteral("user")).toString();
            job.accelerated = h.value(QStringLiteral("accelerated")).toBool();
            job.submittedMs = start + qint64(i) * qint64(h.value(QStringLiteral("intervalMs")).toDouble());
            if (jobs.upsert(job, 0, 0, error) <= 0) {
                workspace.database().rollback();
                return false;
            }
        }
    }
    if (!workspace.database().commit()) {
        *error = QStringLiteral("corpus: cannot commit the history jobs");
        return false;
    }
    AnalysisEngine engine(workspace);
    AnalysisEngine::Options options;
    options.detectorIds = detectors;
    engine.setOptions(options);
    AnalysisSummary summary;
    if (!engine.run(&summary, error))
        return false;
    QHash<QString, QSet<QString>> found;
    for (const Finding& f : AnalysisStore(workspace.database()).findings({}, error))
        found[caseOfFingerprint.value(f.fingerprint)].insert(f.detectorId);
    for (const QJsonValue& value : histories) {
        const QJsonObject h = value.toObject();
        const QStringList expected = strings(h.value(QStringLiteral("expect")));
        const QString id = h.value(QStringLiteral("id")).toString();
        score(eval, id, detectors, QSet<QString>(expected.begin(), expected.end()), found.value(id));
    }
    return true;
}

void evaluateReflections(CorpusEvaluation& eval, const QJsonObject& corpus)
{
    const QJsonObject r = corpus.value(QStringLiteral("reflections")).toObject();
    WorkspaceFacts facts;
    facts.jobs = r.value(QStringLiteral("jobs")).toInt();
    facts.jobsWithAcceleration = r.value(QStringLiteral("jobsWithAcceleration")).toInt();
    facts.windowEndMs = qint64(r.value(QStringLiteral("windowDays")).toDouble() * 86'400'000.0);
    for (const QJsonValue& value : r.value(QStringLiteral("items")).toArray()) {
        const QJsonObject item = value.toObject();
        ReflectionUsage usage;
        usage.reflectionId = item.value(QStringLiteral("id")).toString();
        usage.name = usage.reflectionId;
        usage.type = QStringLiteral("RAW");
        usage.datasetPath = QStringLiteral("corpus.table");
        usage.status = item.value(QStringLiteral("status")).toString();
        usage.chosenCount = qint64(item.value(QStringLiteral("chosenCount")).toDouble(-1));
        usage.jobsChosen = item.value(QStringLiteral("jobsChosen")).toInt();
        usage.jobsConsidered = item.value(QStringLiteral("jobsConsidered")).toInt();
        usage.footprintBytes = qint64(item.value(QStringLiteral("footprintBytes")).toDouble(-1));
        usage.lastRefreshDurationMs = qint64(item.value(QStringLiteral("refreshMs")).toDouble(-1));
        facts.reflections.append(usage);
    }
    QSet<QString> unused;
    for (const Finding& f : DetectorRegistry::find(QStringLiteral("reflection_unused"))->detectWorkspace(facts))
        unused.insert(f.operatorKey);
    for (const QJsonValue& value : r.value(QStringLiteral("items")).toArray()) {
        const QJsonObject item = value.toObject();
        const QString id = item.value(QStringLiteral("id")).toString();
        const QStringList expected = strings(item.value(QStringLiteral("expect")));
        score(eval, QStringLiteral("reflection ") + id, {QStringLiteral("reflection_unused")},
            QSet<QString>(expected.begin(), expected.end()),
            unused.contains(id) ? QSet<QString> {QStringLiteral("reflection_unused")} : QSet<QString> {});
    }
}

} // namespace

QVector<Finding> detectStatement(const Detector& detector, const Job& job)
{
    const PlanTree tree;
    const FingerprintContext context;
    DetectorInput input;
    input.job = &job;
    input.tree = &tree;
    input.context = &context;
    input.fingerprint = Fingerprinter::fingerprint(job.sql, SqlDialect::Dremio).fingerprint;
    return detector.detect(input);
}

std::optional<CorpusEvaluation> evaluateDetectorCorpus(
    const QString& corpusPath, const QString& workDir, QString* error)
{
    QFile file(corpusPath);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(corpusPath, file.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonObject corpus = QJsonDocument::fromJson(file.readAll(), &parseError).object();
    if (parseError.error != QJsonParseError::NoError) {
        *error
            = QStringLiteral("%1: offset %2: %3").arg(corpusPath).arg(parseError.offset).arg(parseError.errorString());
        return std::nullopt;
    }
    CorpusEvaluation eval;
    const QStringList sqlDetectors = strings(corpus.value(QStringLiteral("sqlDetectors")));
    for (const QString& id : sqlDetectors + strings(corpus.value(QStringLiteral("historyDetectors")))) {
        if (!DetectorRegistry::find(id)) {
            *error = QStringLiteral("%1: unknown detector '%2'").arg(corpusPath, id);
            return std::nullopt;
        }
    }
    for (const QJsonValue& value : corpus.value(QStringLiteral("sql")).toArray()) {
        const QJsonObject c = value.toObject();
        const Job job = sqlJob(c.value(QStringLiteral("sql")).toString(),
            qint64(c.value(QStringLiteral("durationMs")).toDouble()),
            qint64(c.value(QStringLiteral("rowsReturned")).toDouble()),
            qint64(c.value(QStringLiteral("bytesScanned")).toDouble()));
        const QStringList expected = strings(c.value(QStringLiteral("expect")));
        score(eval, c.value(QStringLiteral("id")).toString(), sqlDetectors,
            QSet<QString>(expected.begin(), expected.end()), sqlFindings(job, sqlDetectors));
    }
    for (const QJsonValue& value : corpus.value(QStringLiteral("realSamples")).toArray()) {
        const QJsonObject sample = value.toObject();
        const QString name = sample.value(QStringLiteral("file")).toString();
        const QVector<Job> jobs = realSampleJobs(name, sample.value(QStringLiteral("format")).toString());
        const QJsonObject expectByIndex = sample.value(QStringLiteral("expect")).toObject();
        for (qsizetype i = 0; i < jobs.size(); ++i) {
            const QStringList expected = strings(expectByIndex.value(QString::number(i)));
            score(eval, QStringLiteral("%1 #%2").arg(name).arg(i), sqlDetectors,
                QSet<QString>(expected.begin(), expected.end()), sqlFindings(jobs[i], sqlDetectors));
            ++eval.realStatements;
        }
    }
    if (!evaluateHistories(eval, corpus, workDir, error))
        return std::nullopt;
    evaluateReflections(eval, corpus);
    return eval;
}

} // namespace dopt::test
