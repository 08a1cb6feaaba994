#include "profilezipreader.h"

#include "historydumpreader.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <algorithm>
#include <memory>
#include <zip.h>

namespace dopt {

namespace {

constexpr qint64 ReadChunkBytes = 64 * 1024;
constexpr int MaxListedEntries = 10;

struct ArchiveCloser
{
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct EntryCloser
{
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};

QString describeOpenError(zip_error_t* error)
{
    switch (zip_error_code_zip(error)) {
    case ZIP_ER_NOZIP:
        return QStringLiteral("not a ZIP archive, or a truncated one: its central directory is missing");
    case ZIP_ER_INCONS:
        return QStringLiteral("the ZIP archive is inconsistent or truncated");
    default:
        return QStringLiteral("cannot open the ZIP archive: %1").arg(QString::fromUtf8(zip_error_strerror(error)));
    }
}

QString listed(const QStringList& names)
{
    if (names.size() <= MaxListedEntries)
        return names.join(QStringLiteral(", "));
    return names.mid(0, MaxListedEntries).join(QStringLiteral(", "))
        + QStringLiteral(" and %1 more").arg(names.size() - MaxListedEntries);
}

QString mib(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1) + QStringLiteral(" MiB");
}

// Reads one entry, refusing more than `budget` bytes or more than it declared (a lying header).
bool readEntry(zip_t* archive, zip_uint64_t index, const QString& name, qint64 declared, qint64 budget,
    QByteArray* data, QString* error)
{
    std::unique_ptr<zip_file_t, EntryCloser> file(zip_fopen_index(archive, index, 0));
    if (!file) {
        *error = QStringLiteral("cannot read the entry: %1 (entry %2)")
                     .arg(QString::fromUtf8(zip_strerror(archive)), name);
        return false;
    }
    data->clear();
    data->reserve(qsizetype(std::min(declared, budget)));
    QByteArray chunk(ReadChunkBytes, Qt::Uninitialized);
    for (;;) {
        const zip_int64_t got = zip_fread(file.get(), chunk.data(), zip_uint64_t(chunk.size()));
        if (got < 0) {
            *error = QStringLiteral("the entry is damaged: %1 (entry %2)")
                         .arg(QString::fromUtf8(zip_file_strerror(file.get())), name);
            return false;
        }
        if (got == 0)
            break;
        if (data->size() + got > declared || data->size() + got > budget) {
            *error = QStringLiteral("the entry inflates beyond its declared size or the %1 limit (entry %2)")
                         .arg(mib(budget), name);
            return false;
        }
        data->append(chunk.constData(), qsizetype(got));
    }
    return true;
}

QString jobStateName(const QJsonValue& value)
{
    static const char* const names[] = {"NOT_SUBMITTED", "STARTING", "RUNNING", "COMPLETED", "CANCELED", "FAILED",
        "CANCELLATION_REQUESTED", "ENQUEUED", "PLANNING", "PENDING", "METADATA_RETRIEVAL", "QUEUED", "ENGINE_START",
        "EXECUTION_PLANNING", "INVALID_STATE"};
    if (value.isString())
        return value.toString();
    const qint64 code = value.toInteger(-1);
    if (code >= 0 && code < qint64(std::size(names)))
        return QString::fromLatin1(names[code]);
    return value.isDouble() ? QStringLiteral("STATE_%1").arg(code) : QString();
}

QString queryTypeName(const QJsonValue& value)
{
    // job.proto QueryType, values 1..20.
    static const char* const names[] = {"UI_RUN", "UI_PREVIEW", "UI_INTERNAL_PREVIEW", "UI_INTERNAL_RUN", "UI_EXPORT",
        "ODBC", "JDBC", "REST", "ACCELERATOR_CREATE", "ACCELERATOR_DROP", "UNKNOWN", "PREPARE_INTERNAL",
        "ACCELERATOR_EXPLAIN", "UI_INITIAL_PREVIEW", "FLIGHT", "METADATA_REFRESH", "INTERNAL_ICEBERG_METADATA_DROP",
        "D2D", "ACCELERATOR_OPTIMIZE", "COPY_ERRORS_PLAN"};
    if (value.isString())
        return value.toString();
    const qint64 code = value.toInteger(0);
    if (code >= 1 && code <= qint64(std::size(names)))
        return QString::fromLatin1(names[code - 1]);
    return value.isDouble() ? QStringLiteral("QUERY_TYPE_%1").arg(code) : QString();
}

const char* attemptStateName(qint64 state)
{
    // AttemptEvent.State, the codes of stateList[].state (as in the profile's own stateList).
    static const char* const names[] = {"INVALID_STATE", "PENDING", "METADATA_RETRIEVAL", "PLANNING", "QUEUED",
        "ENGINE_START", "EXECUTION_PLANNING", "STARTING", "RUNNING", "COMPLETED", "CANCELED", "FAILED"};
    return state >= 0 && state < qint64(std::size(names)) ? names[state] : nullptr;
}

QString joinedPath(const QJsonValue& parts)
{
    QStringList names;
    for (const QJsonValue& part : parts.toArray())
        names.append(part.toString());
    return names.join(QLatin1Char('.'));
}

} // namespace

bool ProfileZipReader::looksLikeZip(const QByteArray& head)
{
    return head.startsWith("PK\x03\x04") || head.startsWith("PK\x05\x06") || head.startsWith("PK\x07\x08");
}

bool ProfileZipReader::read(const QByteArray& zip, ProfileZipContents* out, QString* error, qint64 maxUncompressedBytes)
{
    *out = ProfileZipContents();
    if (zip.isEmpty()) {
        *error = QStringLiteral("the file is empty, not a ZIP archive (byte offset 0)");
        return false;
    }
    if (!looksLikeZip(zip)) {
        *error = QStringLiteral("not a ZIP archive: it does not start with the ZIP signature \"PK\" (byte offset 0)");
        return false;
    }
    zip_error_t zipError;
    zip_error_init(&zipError);
    zip_source_t* source = zip_source_buffer_create(zip.constData(), zip_uint64_t(zip.size()), 0, &zipError);
    if (!source) {
        *error = QStringLiteral("cannot read the archive: %1 (byte offset 0)")
                     .arg(QString::fromUtf8(zip_error_strerror(&zipError)));
        zip_error_fini(&zipError);
        return false;
    }
    std::unique_ptr<zip_t, ArchiveCloser> archive(zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &zipError));
    if (!archive) {
        zip_source_free(source); // not taken over by a failed open
        *error = describeOpenError(&zipError) + QStringLiteral(" (central directory)");
        zip_error_fini(&zipError);
        return false;
    }
    zip_error_fini(&zipError);

    const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
    if (count <= 0) {
        *error = QStringLiteral("the ZIP archive has no entries; expected header.json and profile_attempt_N.json "
                                "(central directory)");
        return false;
    }
    static const QRegularExpression profileName(
        QStringLiteral("^profile_attempt_(\\d+)\\.json$"), QRegularExpression::CaseInsensitiveOption);
    qint64 budget = maxUncompressedBytes;
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat_index(archive.get(), zip_uint64_t(i), 0, &stat) != 0 || !(stat.valid & ZIP_STAT_NAME)) {
            *error = QStringLiteral("cannot read the directory record: %1 (entry #%2)")
                         .arg(QString::fromUtf8(zip_strerror(archive.get())))
                         .arg(i);
            return false;
        }
        const QString name = QString::fromUtf8(stat.name);
        if (name.endsWith(QLatin1Char('/')))
            continue; // a folder record
        const QString base = name.section(QLatin1Char('/'), -1);
        const QRegularExpressionMatch match = profileName.match(base);
        const bool isHeader = base.compare(QLatin1String("header.json"), Qt::CaseInsensitive) == 0;
        if (!match.hasMatch() && !isHeader) {
            out->skipped.append(name);
            continue;
        }
        const qint64 declared
            = (stat.valid & ZIP_STAT_SIZE) ? qint64(std::min<zip_uint64_t>(stat.size, INT64_MAX)) : budget;
        if (declared > budget) {
            *error = QStringLiteral("the entry declares %1 uncompressed, above the %2 left of the %3 limit for one "
                                    "archive (entry %4)")
                         .arg(mib(declared), mib(budget), mib(maxUncompressedBytes), name);
            return false;
        }
        QByteArray data;
        if (!readEntry(archive.get(), zip_uint64_t(i), name, declared, budget, &data, error))
            return false;
        budget -= data.size();
        if (isHeader) {
            out->header = data;
            out->headerName = name;
        } else {
            out->profiles.append({name, match.captured(1).toInt(), data});
        }
    }
    if (out->profiles.isEmpty()) {
        *error
            = QStringLiteral("the archive holds no profile_attempt_N.json (entries: %1)")
                  .arg(listed(out->headerName.isEmpty() ? out->skipped : QStringList(out->headerName) + out->skipped));
        *out = ProfileZipContents();
        return false;
    }
    std::stable_sort(out->profiles.begin(), out->profiles.end(),
        [](const ProfileZipEntry& a, const ProfileZipEntry& b) { return a.attempt < b.attempt; });
    return true;
}

bool ProfileZipReader::readLastAttempt(const QByteArray& zip, QByteArray* json, QString* error)
{
    ProfileZipContents contents;
    if (!read(zip, &contents, error))
        return false;
    *json = contents.profiles.last().json; // read() fails on an archive without a profile
    return true;
}

bool ProfileZipReader::readHeader(const QByteArray& json, Job* job, QString* error)
{
    QJsonObject top;
    if (!HistoryDumpReader::parseJsonObject(json, &top, error))
        return false;
    const QJsonObject attempt = top.value(QLatin1String("job")).toObject();
    const QJsonObject info = attempt.value(QLatin1String("info")).toObject();
    const QJsonValue idValue = info.value(QLatin1String("jobId"));
    const QString jobId = (idValue.isObject() ? idValue.toObject().value(QLatin1String("id")) : idValue).toString();
    if (jobId.isEmpty()) {
        *error = QStringLiteral("the header has no job.info.jobId.id");
        return false;
    }
    *job = Job();
    job->jobId = jobId;
    job->attempt = HistoryDumpReader::attemptOfJobId(jobId);
    job->state = jobStateName(attempt.value(QLatin1String("state")));
    job->sql = info.value(QLatin1String("sql")).toString();
    job->user = info.value(QLatin1String("user")).toString();
    job->queryType = queryTypeName(info.value(QLatin1String("queryType")));
    job->submittedMs = HistoryDumpReader::epochMs(info.value(QLatin1String("startTime")));
    job->endedMs = HistoryDumpReader::epochMs(info.value(QLatin1String("finishTime")));
    if (job->submittedMs && job->endedMs && *job->endedMs >= *job->submittedMs)
        job->durationMs = *job->endedMs - *job->submittedMs;

    const QJsonObject scheduling = info.value(QLatin1String("resourceSchedulingInfo")).toObject();
    job->queue = scheduling.value(QLatin1String("queueName")).toString();
    job->engineName = scheduling.value(QLatin1String("engineName")).toString();
    for (const QJsonValue& cost :
        {scheduling.value(QLatin1String("queryCost")), info.value(QLatin1String("originalCost"))}) {
        if (cost.isDouble()) {
            job->plannerCost = cost.toDouble();
            break;
        }
    }
    for (const QJsonValue& parent : info.value(QLatin1String("parents")).toArray()) {
        const QString path = joinedPath(parent.toObject().value(QLatin1String("datasetPath")));
        if (!path.isEmpty())
            job->datasets.append(path);
    }
    const QJsonObject stats = attempt.value(QLatin1String("stats")).toObject();
    job->rowsScanned = HistoryDumpReader::integerOf(stats.value(QLatin1String("inputRecords")));
    job->bytesScanned = HistoryDumpReader::integerOf(stats.value(QLatin1String("inputBytes")));
    job->rowsReturned = HistoryDumpReader::integerOf(stats.value(QLatin1String("outputRecords")));
    job->bytesReturned = HistoryDumpReader::integerOf(stats.value(QLatin1String("outputBytes")));

    QVector<HistoryDumpReader::PhaseMark> marks;
    for (const QJsonValue& entry : attempt.value(QLatin1String("stateList")).toArray()) {
        const QJsonObject state = entry.toObject();
        const char* name = attemptStateName(state.value(QLatin1String("state")).toInteger(-1));
        const std::optional<qint64> start = HistoryDumpReader::epochMs(state.value(QLatin1String("startTime")));
        if (name && start)
            marks.append({name, start});
    }
    job->phases = HistoryDumpReader::phasesFromMarks(marks, std::nullopt, job->endedMs);
    for (const JobPhase& phase : std::as_const(job->phases)) {
        if (phase.name == QLatin1String("RUNNING"))
            job->startedMs = phase.startMs;
    }
    return true;
}

} // namespace dopt
