#include "historydumpreader.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QTimeZone>
#include <algorithm>
#include <cmath>
#include <limits>

namespace dopt {

namespace {

QString typeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Null:
        return QStringLiteral("null");
    default:
        return QStringLiteral("missing");
    }
}

int lineOfOffset(const QByteArray& bytes, qsizetype offset)
{
    const qsizetype end = std::clamp<qsizetype>(offset, 0, bytes.size());
    return int(std::count(bytes.constBegin(), bytes.constBegin() + end, '\n')) + 1;
}

QString text(const QJsonObject& row, QLatin1String name)
{
    const QJsonValue value = row.value(name);
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    return QString();
}

std::optional<double> realOf(const QJsonValue& value)
{
    double result = 0;
    bool ok = false;
    if (value.isDouble()) {
        result = value.toDouble();
        ok = true;
    } else if (value.isString()) {
        result = value.toString().trimmed().toDouble(&ok);
    }
    if (!ok || !std::isfinite(result))
        return std::nullopt;
    return result;
}

std::optional<qint64> countOf(const QJsonValue& value)
{
    const std::optional<qint64> number = HistoryDumpReader::integerOf(value);
    if (number && *number < 0)
        return std::nullopt; // Dremio writes -1 for "not measured"
    return number;
}

bool boolOf(const QJsonValue& value)
{
    if (value.isBool())
        return value.toBool();
    if (value.isDouble())
        return value.toDouble() != 0;
    const QString text = value.toString().trimmed();
    return text.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 || text == QLatin1String("1");
}

// "2024-04-24 14:26:23.248" (UTC, as the REST results and CSV downloads write timestamps).
std::optional<qint64> timestampMs(const QJsonValue& value)
{
    if (value.isDouble())
        return HistoryDumpReader::epochMs(value);
    const QString text = value.toString().trimmed();
    if (text.isEmpty())
        return std::nullopt;
    QDateTime time = QDateTime::fromString(text, QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    if (!time.isValid())
        time = QDateTime::fromString(text, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeZone(QTimeZone::utc());
    const qint64 ms = time.toMSecsSinceEpoch();
    return ms > 0 ? std::optional<qint64>(ms) : std::nullopt;
}

// One lifecycle timestamp under every name the two products use: Software <base>_epoch_millis,
// Cloud <base>_epoch (and starting_ts_epoch in the docs), both with a <base>_ts text twin.
std::optional<qint64> momentOf(const QJsonObject& row, const char* base)
{
    const QString name = QString::fromLatin1(base);
    const QString columns[]
        = {name + QLatin1String("_epoch_millis"), name + QLatin1String("_epoch"), name + QLatin1String("_ts_epoch")};
    for (const QString& column : columns) {
        const auto it = row.constFind(column);
        if (it != row.constEnd() && !it->isNull() && !(it->isString() && it->toString().trimmed().isEmpty()))
            return HistoryDumpReader::epochMs(*it);
    }
    return timestampMs(row.value(name + QLatin1String("_ts")));
}

std::optional<qint64> firstMoment(const QJsonObject& row, std::initializer_list<const char*> bases)
{
    for (const char* base : bases) {
        if (const std::optional<qint64> moment = momentOf(row, base))
            return moment;
    }
    return std::nullopt;
}

// Splits "[a.b, "x, y".c]" at commas that are not inside double quotes.
QStringList splitDatasetList(QString text)
{
    text = text.trimmed();
    if (text.startsWith(QLatin1Char('[')) && text.endsWith(QLatin1Char(']')))
        text = text.mid(1, text.size() - 2);
    QStringList result;
    QString current;
    bool quoted = false;
    for (const QChar c : std::as_const(text)) {
        if (c == QLatin1Char('"'))
            quoted = !quoted;
        if (c == QLatin1Char(',') && !quoted) {
            if (!current.trimmed().isEmpty())
                result.append(current.trimmed());
            current.clear();
        } else {
            current.append(c);
        }
    }
    if (!current.trimmed().isEmpty())
        result.append(current.trimmed());
    return result;
}

QString datasetName(const QJsonValue& entry)
{
    if (entry.isString())
        return entry.toString().trimmed();
    const QJsonObject object = entry.toObject();
    for (const QLatin1String key : {QLatin1String("name"), QLatin1String("path")}) {
        if (object.value(key).isString())
            return object.value(key).toString();
    }
    for (const QLatin1String key : {QLatin1String("datasetpath"), QLatin1String("datasetPath")}) {
        const QJsonArray parts = object.value(key).toArray();
        if (!parts.isEmpty()) {
            QStringList names;
            for (const QJsonValue& part : parts)
                names.append(part.toString());
            return names.join(QLatin1Char('.'));
        }
    }
    return QString();
}

void setRecord(QVector<QStringList>* records, QVector<int>* lines, QStringList* record, int line)
{
    // A line holding nothing is not a record (blank lines between rows, the final newline).
    if (!(record->size() == 1 && record->first().isEmpty())) {
        records->append(*record);
        if (lines)
            lines->append(line);
    }
    record->clear();
}

QString rowPlace(qsizetype index)
{
    return QStringLiteral("entry rows[%1]").arg(index);
}

} // namespace

std::optional<qint64> HistoryDumpReader::integerOf(const QJsonValue& value)
{
    if (value.isDouble()) {
        constexpr qint64 none = std::numeric_limits<qint64>::min();
        const qint64 exact = value.toInteger(none); // keeps ns epochs exact (no double round trip)
        if (exact != none)
            return exact;
    }
    if (value.isString()) {
        bool ok = false;
        const QString text = value.toString().trimmed();
        const qint64 exact = text.toLongLong(&ok);
        if (ok)
            return exact;
    }
    const std::optional<double> real = realOf(value);
    if (!real || std::fabs(*real) >= 9.2e18)
        return std::nullopt;
    return qint64(std::llround(*real));
}

std::optional<qint64> HistoryDumpReader::epochMs(const QJsonValue& value)
{
    std::optional<qint64> number = integerOf(value);
    if (!number && value.isString())
        number = timestampMs(value);
    if (!number || *number <= 0)
        return std::nullopt;
    qint64 ms = *number;
    // ms since 1970 stay below 1e14 until the year 5138; µs and ns are 1e3 / 1e6 times larger.
    if (ms >= 100'000'000'000'000'000LL)
        ms /= 1'000'000;
    else if (ms >= 100'000'000'000'000LL)
        ms /= 1'000;
    return ms;
}

int HistoryDumpReader::attemptOfJobId(const QString& jobId)
{
    // 8-4-4-4-12 hex digits; the attempt is the last byte (AttemptId.MASK = 0xFF).
    if (jobId.size() != 36 || jobId.at(8) != QLatin1Char('-') || jobId.at(23) != QLatin1Char('-'))
        return 0;
    bool ok = false;
    const int attempt = QStringView(jobId).right(2).toInt(&ok, 16);
    return ok ? attempt : 0;
}

QStringList HistoryDumpReader::datasetsFromValue(const QJsonValue& value)
{
    QStringList result;
    if (value.isArray()) {
        for (const QJsonValue& entry : value.toArray()) {
            const QString name = datasetName(entry);
            if (!name.isEmpty())
                result.append(name);
        }
        return result;
    }
    if (!value.isString())
        return result;
    const QString text = value.toString().trimmed();
    if (text.startsWith(QLatin1String("[{"))) { // a Cloud array written into a CSV cell as JSON
        const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
        if (document.isArray())
            return datasetsFromValue(document.array());
    }
    return splitDatasetList(text);
}

QVector<JobPhase> HistoryDumpReader::phasesFromMarks(
    const QVector<PhaseMark>& marks, std::optional<qint64> submittedMs, std::optional<qint64> endMs)
{
    QVector<JobPhase> phases;
    for (const PhaseMark& mark : marks) {
        if (mark.startMs)
            phases.append({QString::fromLatin1(mark.name), *mark.startMs, 0});
    }
    if (phases.isEmpty())
        return phases;
    std::stable_sort(
        phases.begin(), phases.end(), [](const JobPhase& a, const JobPhase& b) { return a.startMs < b.startMs; });
    if (submittedMs && *submittedMs <= phases.first().startMs)
        phases.prepend({QStringLiteral("PENDING"), *submittedMs, 0});
    for (qsizetype i = 0; i < phases.size(); ++i) {
        const qint64 next = i + 1 < phases.size() ? phases[i + 1].startMs : endMs.value_or(phases[i].startMs);
        phases[i].durationMs = std::max<qint64>(0, next - phases[i].startMs);
    }
    return phases;
}

Job HistoryDumpReader::jobFromRow(const QJsonObject& row)
{
    Job job;
    job.jobId = text(row, QLatin1String("job_id")).trimmed();
    job.attempt = attemptOfJobId(job.jobId);
    job.state = text(row, QLatin1String("status"));
    job.queryType = text(row, QLatin1String("query_type"));
    job.user = text(row, QLatin1String("user_name"));
    job.queue = text(row, QLatin1String("queue_name"));
    job.engineName = text(row, QLatin1String("engine"));
    job.error = text(row, QLatin1String("error_msg"));
    job.sql = text(row, QLatin1String("query"));
    if (job.sql.isEmpty()) {
        // Cloud splits long statements into query_chunks.
        QString joined;
        for (const QJsonValue& chunk : row.value(QLatin1String("query_chunks")).toArray())
            joined += chunk.toString();
        job.sql = joined;
    }
    job.datasets = datasetsFromValue(row.value(QLatin1String("queried_datasets")));
    if (job.datasets.isEmpty())
        job.datasets = datasetsFromValue(row.value(QLatin1String("scanned_datasets")));

    job.submittedMs = momentOf(row, "submitted");
    job.startedMs = momentOf(row, "execution_start");
    job.endedMs = momentOf(row, "final_state");
    if (job.submittedMs && job.endedMs && *job.endedMs >= *job.submittedMs)
        job.durationMs = *job.endedMs - *job.submittedMs;
    job.phases = phasesFromMarks(
        {
            {"METADATA_RETRIEVAL", momentOf(row, "metadata_retrieval")},
            {"PLANNING", momentOf(row, "planning_start")},
            {"QUEUED", momentOf(row, "query_enqueued")},
            {"ENGINE_START", momentOf(row, "engine_start")},
            {"EXECUTION_PLANNING", firstMoment(row, {"execution_planning", "execution_planning_start"})},
            {"STARTING", momentOf(row, "starting")},
            {"RUNNING", job.startedMs},
        },
        job.submittedMs, job.endedMs);

    job.rowsScanned = countOf(row.value(QLatin1String("rows_scanned")));
    job.bytesScanned = countOf(row.value(QLatin1String("bytes_scanned")));
    job.rowsReturned = countOf(row.value(QLatin1String("rows_returned")));
    job.bytesReturned = countOf(row.value(QLatin1String("bytes_returned")));
    job.plannerCost = realOf(row.value(QLatin1String("planner_estimated_cost")));
    job.accelerated = boolOf(row.value(QLatin1String("accelerated")));
    return job;
}

void HistoryDumpReader::fillMissing(Job* target, const Job& from)
{
    for (auto field : {&Job::jobId, &Job::sql, &Job::user, &Job::queue, &Job::state, &Job::queryType, &Job::engineName,
             &Job::error}) {
        if ((target->*field).isEmpty())
            target->*field = from.*field;
    }
    for (auto field : {&Job::submittedMs, &Job::startedMs, &Job::endedMs, &Job::rowsScanned, &Job::bytesScanned,
             &Job::rowsReturned, &Job::bytesReturned}) {
        if (!(target->*field))
            target->*field = from.*field;
    }
    if (!target->durationMs)
        target->durationMs = from.durationMs;
    if (!target->plannerCost)
        target->plannerCost = from.plannerCost;
    target->accelerated = target->accelerated || from.accelerated;
    if (target->datasets.isEmpty())
        target->datasets = from.datasets;
    if (target->phases.isEmpty())
        target->phases = from.phases;
}

int HistoryDumpReader::mergeDuplicates(QVector<Job>* jobs, QStringList* warnings)
{
    QHash<QString, qsizetype> firstIndex;
    QHash<QString, int> repeats;
    QVector<Job> unique;
    unique.reserve(jobs->size());
    for (Job& job : *jobs) {
        const QString key
            = job.engine + QLatin1Char('\n') + job.jobId + QLatin1Char('\n') + QString::number(job.attempt);
        const auto it = firstIndex.constFind(key);
        if (it == firstIndex.constEnd()) {
            firstIndex.insert(key, unique.size());
            unique.append(std::move(job));
            continue;
        }
        fillMissing(&job, unique[*it]); // the later row (a newer snapshot of the job) wins
        unique[*it] = std::move(job);
        ++repeats[key];
    }
    int merged = 0;
    for (auto it = repeats.constBegin(); it != repeats.constEnd(); ++it) {
        merged += it.value();
        if (warnings)
            warnings->append(QStringLiteral("job %1 appears %2 times; its rows were merged")
                                 .arg(it.key().section(QLatin1Char('\n'), 1, 1))
                                 .arg(it.value() + 1));
    }
    if (warnings)
        warnings->sort(); // QHash order is random: keep reports reproducible
    *jobs = std::move(unique);
    return merged;
}

bool HistoryDumpReader::parseCsv(
    const QByteArray& bytes, QVector<QStringList>* records, QString* error, QVector<int>* recordLines)
{
    records->clear();
    if (recordLines)
        recordLines->clear();
    const char* p = bytes.constData();
    const char* const end = p + bytes.size();
    if (bytes.startsWith("\xEF\xBB\xBF"))
        p += 3;
    QStringList record;
    QByteArray field;
    int line = 1;
    int recordLine = 1;
    while (p <= end) {
        field.clear();
        if (p < end && *p == '"') {
            const int quoteLine = line;
            ++p;
            for (;;) {
                const char* quote = static_cast<const char*>(memchr(p, '"', size_t(end - p)));
                if (!quote) {
                    *error = QStringLiteral("unterminated quoted field (line %1)").arg(quoteLine);
                    return false;
                }
                field.append(p, quote - p);
                line += int(std::count(p, quote, '\n'));
                p = quote + 1;
                if (p < end && *p == '"') { // "" is one quote character
                    field.append('"');
                    ++p;
                    continue;
                }
                break;
            }
            if (p < end && *p != ',' && *p != '\n' && *p != '\r') {
                *error = QStringLiteral("unexpected character after a closing quote (line %1)").arg(line);
                return false;
            }
        } else {
            const char* start = p;
            while (p < end && *p != ',' && *p != '\n' && *p != '\r')
                ++p;
            field.append(start, p - start);
        }
        record.append(QString::fromUtf8(field));
        if (p >= end) {
            setRecord(records, recordLines, &record, recordLine);
            break;
        }
        if (*p == ',') {
            ++p;
            continue;
        }
        // End of record: \n, \r\n or a lone \r.
        if (*p == '\r' && p + 1 < end && p[1] == '\n')
            ++p;
        ++p;
        setRecord(records, recordLines, &record, recordLine);
        ++line;
        recordLine = line;
        if (p == end)
            break;
    }
    return true;
}

bool HistoryDumpReader::readCsv(const QByteArray& bytes, HistoryDump* out, QString* error)
{
    *out = HistoryDump();
    QVector<QStringList> records;
    QVector<int> lines;
    if (!parseCsv(bytes, &records, error, &lines))
        return false;
    if (records.isEmpty()) {
        *error = QStringLiteral("the CSV file is empty (line 1)");
        return false;
    }
    QStringList header;
    for (const QString& name : records.first())
        header.append(name.trimmed().toLower());
    if (!header.contains(QLatin1String("job_id"))) {
        *error = QStringLiteral("the CSV header has no job_id column, so this is not a Dremio jobs dump (line %1)")
                     .arg(lines.first());
        return false;
    }
    QVector<Job> jobs;
    jobs.reserve(records.size() - 1);
    for (qsizetype r = 1; r < records.size(); ++r) {
        const QStringList& fields = records[r];
        if (fields.size() != header.size()) {
            *error = QStringLiteral("row has %1 fields but the header has %2 (line %3)")
                         .arg(fields.size())
                         .arg(header.size())
                         .arg(lines[r]);
            return false;
        }
        QJsonObject row;
        for (qsizetype c = 0; c < header.size(); ++c)
            row.insert(header[c], fields[c]);
        Job job = jobFromRow(row);
        if (job.jobId.isEmpty()) {
            *error = QStringLiteral("row has an empty job_id (line %1)").arg(lines[r]);
            return false;
        }
        jobs.append(std::move(job));
    }
    out->columns = header;
    out->cloud = header.contains(QLatin1String("submitted_epoch"));
    mergeDuplicates(&jobs, &out->warnings);
    out->jobs = std::move(jobs);
    return true;
}

bool HistoryDumpReader::parseJsonObject(
    const QByteArray& bytes, QJsonObject* out, QString* error, const QString& expected)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("malformed JSON: %1 (line %2, byte offset %3)")
                     .arg(parseError.errorString())
                     .arg(lineOfOffset(bytes, parseError.offset))
                     .arg(parseError.offset);
        return false;
    }
    if (!document.isObject()) {
        *error = QStringLiteral("expected %1, found %2 (byte offset 0)")
                     .arg(expected, document.isArray() ? QStringLiteral("an array") : QStringLiteral("a value"));
        return false;
    }
    *out = document.object();
    return true;
}

bool HistoryDumpReader::readJson(const QByteArray& bytes, HistoryDump* out, QString* error)
{
    *out = HistoryDump();
    QJsonObject top;
    if (!parseJsonObject(bytes, &top, error, QStringLiteral("a results object {rowCount, schema, rows}")))
        return false;
    const QJsonValue rowsValue = top.value(QLatin1String("rows"));
    if (!rowsValue.isArray()) {
        *error = QStringLiteral("the results object has no rows array (entry rows is %1)").arg(typeName(rowsValue));
        return false;
    }
    const QJsonArray rows = rowsValue.toArray();
    for (const QJsonValue& column : top.value(QLatin1String("schema")).toArray()) {
        const QString name = column.toObject().value(QLatin1String("name")).toString();
        if (!name.isEmpty())
            out->columns.append(name);
    }
    if (out->columns.isEmpty() && !rows.isEmpty())
        out->columns = rows.first().toObject().keys(); // sorted by Qt; the schema was empty
    QVector<Job> jobs;
    jobs.reserve(rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QJsonValue value = rows.at(i);
        if (!value.isObject()) {
            *error = QStringLiteral("expected an object per row, found %1 (%2)").arg(typeName(value), rowPlace(i));
            return false;
        }
        Job job = jobFromRow(value.toObject());
        if (job.jobId.isEmpty()) {
            *error = QStringLiteral("row has no job_id (%1)").arg(rowPlace(i));
            return false;
        }
        jobs.append(std::move(job));
    }
    const std::optional<qint64> rowCount = integerOf(top.value(QLatin1String("rowCount")));
    if (rowCount && *rowCount != rows.size())
        out->warnings.append(QStringLiteral("rowCount says %1 rows but the file holds %2 (a partial page of results)")
                                 .arg(*rowCount)
                                 .arg(rows.size()));
    out->cloud = out->columns.contains(QLatin1String("submitted_epoch"));
    mergeDuplicates(&jobs, &out->warnings);
    out->jobs = std::move(jobs);
    return true;
}

} // namespace dopt
