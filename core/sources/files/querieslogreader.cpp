#include "querieslogreader.h"

#include "historydumpreader.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <cmath>

namespace dopt {

namespace {

std::optional<qint64> epochField(const QJsonObject& object, QLatin1String name)
{
    return HistoryDumpReader::epochMs(object.value(name));
}

std::optional<qint64> countField(const QJsonObject& object, QLatin1String name)
{
    const std::optional<qint64> value = HistoryDumpReader::integerOf(object.value(name));
    return value && *value >= 0 ? value : std::nullopt;
}

} // namespace

Job QueriesLogReader::jobFromObject(const QJsonObject& object)
{
    Job job;
    job.jobId = object.value(QLatin1String("queryId")).toString().trimmed();
    job.attempt = HistoryDumpReader::attemptOfJobId(job.jobId);
    job.sql = object.value(QLatin1String("queryText")).toString();
    job.user = object.value(QLatin1String("username")).toString();
    job.state = object.value(QLatin1String("outcome")).toString();
    job.error = object.value(QLatin1String("outcomeReason")).toString();
    job.queryType = object.value(QLatin1String("queryType")).toString();
    job.queue = object.value(QLatin1String("queueName")).toString();
    job.engineName = object.value(QLatin1String("engineName")).toString();
    job.accelerated = object.value(QLatin1String("accelerated")).toBool();
    const QJsonValue cost = object.value(QLatin1String("queryCost"));
    if (cost.isDouble() && std::isfinite(cost.toDouble()))
        job.plannerCost = cost.toDouble();

    const std::optional<qint64> start = epochField(object, QLatin1String("start"));
    job.submittedMs = epochField(object, QLatin1String("submitted"));
    if (!job.submittedMs)
        job.submittedMs = start;
    job.endedMs = epochField(object, QLatin1String("finish"));
    job.startedMs = epochField(object, QLatin1String("executionStart"));
    if (start && job.endedMs && *job.endedMs >= *start)
        job.durationMs = *job.endedMs - *start;

    job.rowsScanned = countField(object, QLatin1String("inputRecords"));
    job.bytesScanned = countField(object, QLatin1String("inputBytes"));
    job.rowsReturned = countField(object, QLatin1String("outputRecords"));
    job.bytesReturned = countField(object, QLatin1String("outputBytes"));

    job.datasets = HistoryDumpReader::datasetsFromValue(object.value(QLatin1String("parentsList")));
    if (job.datasets.isEmpty())
        job.datasets = HistoryDumpReader::datasetsFromValue(object.value(QLatin1String("scannedDatasets")));

    // The *Time fields hold durations in some versions and timestamps in others (21.x writes
    // metadataRetrievalTime as an epoch): the phase start timestamps are the reliable source.
    job.phases = HistoryDumpReader::phasesFromMarks(
        {
            {"METADATA_RETRIEVAL", epochField(object, QLatin1String("metadataRetrieval"))},
            {"PLANNING", epochField(object, QLatin1String("planningStart"))},
            {"QUEUED", epochField(object, QLatin1String("queryEnqueued"))},
            {"ENGINE_START", epochField(object, QLatin1String("engineStart"))},
            {"EXECUTION_PLANNING", epochField(object, QLatin1String("executionPlanningStart"))},
            {"RUNNING", job.startedMs},
        },
        job.submittedMs, job.endedMs);
    return job;
}

bool QueriesLogReader::read(const QByteArray& bytes, QueriesLog* out, QString* error)
{
    *out = QueriesLog();
    QVector<Job> jobs;
    qsizetype position = bytes.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    int lineNumber = 0;
    while (position < bytes.size()) {
        qsizetype newline = bytes.indexOf('\n', position);
        if (newline < 0)
            newline = bytes.size();
        QByteArrayView line(bytes.constData() + position, newline - position);
        position = newline + 1;
        ++lineNumber;
        line = line.trimmed();
        if (line.isEmpty())
            continue;
        ++out->lines;
        QJsonParseError parseError;
        const QJsonDocument document
            = QJsonDocument::fromJson(QByteArray::fromRawData(line.data(), line.size()), &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            *error = QStringLiteral("malformed JSON: %1 (line %2, column %3)")
                         .arg(parseError.errorString())
                         .arg(lineNumber)
                         .arg(parseError.offset + 1);
            *out = QueriesLog();
            return false;
        }
        if (!document.isObject()) {
            *error = QStringLiteral("expected one JSON object per line, found %1 (line %2)")
                         .arg(document.isArray() ? QStringLiteral("an array") : QStringLiteral("a value"))
                         .arg(lineNumber);
            *out = QueriesLog();
            return false;
        }
        Job job = jobFromObject(document.object());
        if (job.jobId.isEmpty()) {
            *error = QStringLiteral("the object has no queryId (line %1)").arg(lineNumber);
            *out = QueriesLog();
            return false;
        }
        jobs.append(std::move(job));
    }
    HistoryDumpReader::mergeDuplicates(&jobs, &out->warnings);
    out->jobs = std::move(jobs);
    return true;
}

} // namespace dopt
