#include "fileimporter.h"

#include "fileformatdetector.h"
#include "historydumpreader.h"
#include "profile/dremioprofileparser.h"
#include "profile/postgresplanparser.h"
#include "profile/postgrestextplan.h"
#include "profilezipreader.h"
#include "querieslogreader.h"
#include "sources/postgres/pglogimporter.h"
#include "store/importrunrepository.h"
#include "store/jobrepository.h"
#include "store/profilerepository.h"
#include "store/sourcerepository.h"
#include "store/workspace.h"
#include "util/saturatingcast.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>
#include <QSqlError>
#include <algorithm>
#include <numeric>

namespace dopt {

namespace {

struct ProfileItem
{
    QByteArray raw;
    ParsedProfile parsed;
};

/// Everything one file yields, held in memory until the file's transaction.
struct ParsedFile
{
    QVector<Job> jobs;
    QVector<ProfileItem> profiles;
    QStringList warnings;
    QStringList skipped;
    int errorLine = 0; // when set, the error is reported as FILE:LINE: reason (EXPLAIN plans)
};

// The 1-based line of a byte offset.
int lineAt(const QByteArray& bytes, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, bytes.size());
    return int(std::count(bytes.constBegin(), bytes.constBegin() + offset, '\n')) + 1;
}

// simdjson does not say where JSON breaks; Qt's parser does, so ask it on the failure path only.
QString jsonPlace(const QByteArray& json)
{
    QJsonParseError parseError;
    QJsonDocument::fromJson(json, &parseError);
    if (parseError.error == QJsonParseError::NoError)
        return QStringLiteral("byte offset 0"); // valid JSON of the wrong shape
    const qsizetype offset = std::clamp<qsizetype>(parseError.offset, 0, json.size());
    return QStringLiteral("line %1, byte offset %2").arg(lineAt(json, offset)).arg(offset);
}

/// What a plan file is besides its bytes: the job gets its name and times from it.
struct FileFacts
{
    QString fileName;
    QDateTime modified;
};

// A saved EXPLAIN plan (FORMAT JSON, or TEXT as psql prints it) is one job of its own, its plan the
// profile, stored as JSON like auto_explain's plans. Its id comes from the content, so importing the
// file again finds the same job; the plan's figures (rows, cost, duration, relations) are the job's.
bool readExplainPlan(
    FileFormat format, const QByteArray& bytes, const FileFacts& facts, ParsedFile* out, QString* error)
{
    QJsonDocument document;
    if (format == FileFormat::PostgresPlanJson) {
        QJsonParseError parseError;
        document = QJsonDocument::fromJson(bytes, &parseError);
        if (document.isNull()) {
            out->errorLine = lineAt(bytes, parseError.offset);
            *error = QStringLiteral("the EXPLAIN plan is not valid JSON: %1").arg(parseError.errorString());
            return false;
        }
    } else {
        int unread = 0;
        int errorLine = 0;
        if (!PostgresTextPlan::toJson(QString::fromUtf8(bytes), &document, error, &unread, &errorLine)) {
            out->errorLine = std::max(1, errorLine);
            return false;
        }
        if (unread > 0)
            out->warnings.append(QStringLiteral("%1 line(s) of the plan were not understood; they are kept as "
                                                "they are in the plan's nodes")
                                     .arg(unread));
    }
    ProfileItem item;
    if (!PostgresPlanParser::parseDocument(document, &item.parsed, error)) {
        out->errorLine = 1;
        return false;
    }
    item.raw = format == FileFormat::PostgresPlanJson ? bytes : document.toJson(QJsonDocument::Compact);
    const QJsonObject top = document.isArray() ? document.array().at(0).toObject() : document.object();
    Job& job = item.parsed.job;
    const QByteArray hash = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(16);
    job.jobId = QStringLiteral("%1@%2").arg(facts.fileName, QString::fromLatin1(hash));
    job.sql = top.value(QLatin1String("Query Text")).toString();
    job.queryType = QStringLiteral("explain-file");
    if (facts.modified.isValid()) { // the plan was saved when the statement had run
        job.endedMs = facts.modified.toMSecsSinceEpoch();
        job.startedMs = *job.endedMs - roundToInt64(job.durationMs.value_or(0));
        job.submittedMs = job.startedMs;
    }
    out->profiles.append(std::move(item));
    return true;
}

bool parseProfile(const QByteArray& json, const QString& entry, ProfileItem* item, QString* error)
{
    const QString place = entry.isEmpty() ? QString() : QStringLiteral("entry %1, ").arg(entry);
    if (!DremioProfileParser::parse(json, &item->parsed, error)) {
        *error = QStringLiteral("%1 (%2%3)").arg(*error, place, jsonPlace(json));
        return false;
    }
    item->raw = json;
    return true;
}

bool readProfileJson(const QByteArray& bytes, ParsedFile* out, QString* error)
{
    ProfileItem item;
    if (!parseProfile(bytes, QString(), &item, error))
        return false;
    if (item.parsed.job.jobId.isEmpty()) {
        *error = QStringLiteral("the profile has no job id (id.part1 / id.part2 missing, byte offset 0)");
        return false;
    }
    out->profiles.append(std::move(item));
    return true;
}

// header.json describes the job (its last attempt); it completes what each attempt's profile lacks.
bool sameJob(const QString& a, const QString& b)
{
    return a == b || (a.size() == 36 && b.size() == 36 && QStringView(a).left(34) == QStringView(b).left(34));
}

bool readProfileZip(const QByteArray& bytes, ParsedFile* out, QString* error)
{
    ProfileZipContents contents;
    if (!ProfileZipReader::read(bytes, &contents, error))
        return false;
    out->skipped = contents.skipped;
    Job header;
    const bool hasHeader = !contents.header.isEmpty();
    if (hasHeader && !ProfileZipReader::readHeader(contents.header, &header, error)) {
        *error = QStringLiteral("%1 (entry %2)").arg(*error, contents.headerName);
        return false;
    }
    for (const ProfileZipEntry& entry : std::as_const(contents.profiles)) {
        ProfileItem item;
        if (!parseProfile(entry.json, entry.name, &item, error))
            return false;
        Job& job = item.parsed.job;
        if (job.jobId.isEmpty() && hasHeader) {
            job.jobId = header.jobId;
            job.attempt = entry.attempt;
        }
        if (job.jobId.isEmpty()) {
            *error
                = QStringLiteral("the profile has no job id and the archive no header.json (entry %1)").arg(entry.name);
            return false;
        }
        if (hasHeader && sameJob(job.jobId, header.jobId))
            HistoryDumpReader::fillMissing(&job, header);
        out->profiles.append(std::move(item));
    }
    return true;
}

bool parseFile(FileFormat format, const QByteArray& bytes, const FileFacts& facts, ParsedFile* out, QString* error)
{
    switch (format) {
    case FileFormat::PostgresPlanJson:
    case FileFormat::PostgresPlanText:
        return readExplainPlan(format, bytes, facts, out, error);
    case FileFormat::DremioProfileJson:
        return readProfileJson(bytes, out, error);
    case FileFormat::DremioProfileZip:
        return readProfileZip(bytes, out, error);
    case FileFormat::DremioQueriesLog: {
        QueriesLog log;
        if (!QueriesLogReader::read(bytes, &log, error))
            return false;
        out->jobs = std::move(log.jobs);
        out->warnings = log.warnings;
        return true;
    }
    case FileFormat::DremioHistoryJson:
    case FileFormat::DremioHistoryCsv: {
        HistoryDump dump;
        const bool ok = format == FileFormat::DremioHistoryJson ? HistoryDumpReader::readJson(bytes, &dump, error)
                                                                : HistoryDumpReader::readCsv(bytes, &dump, error);
        if (!ok)
            return false;
        out->jobs = std::move(dump.jobs);
        out->warnings = dump.warnings;
        return true;
    }
    case FileFormat::PostgresCsvLog:
    case FileFormat::PostgresJsonLog: // imported by PgLogImporter, never parsed here
    case FileFormat::Unknown:
        break;
    }
    *error = QStringLiteral("not a Dremio file or PostgreSQL log this importer knows: expected a profile JSON, a "
                            "profile ZIP, queries.json, a sys.jobs_recent / sys.project.history.jobs dump, a "
                            "PostgreSQL csvlog / jsonlog or an EXPLAIN plan (JSON or text) (byte offset 0)");
    return false;
}

/// The store side of one file: one transaction, all or nothing.
class FileWriter
{
public:
    FileWriter(QSqlDatabase db, qint64 sourceId, qint64 importRunId)
        : m_db(db)
        , m_jobs(db)
        , m_profiles(db)
        , m_sourceId(sourceId)
        , m_importRunId(importRunId)
    { }

    bool write(const ParsedFile& file, FileImportResult* result, QString* error)
    {
        if (!m_db.transaction()) {
            *error = QStringLiteral("cannot start a transaction: %1").arg(m_db.lastError().text().simplified());
            return false;
        }
        QSet<qint64> rows;
        int profiles = 0;
        bool ok = true;
        for (const Job& job : file.jobs) {
            const qint64 row = m_jobs.upsert(job, m_sourceId, m_importRunId, error);
            if (row < 0) {
                ok = false;
                break;
            }
            rows.insert(row);
        }
        for (qsizetype i = 0; ok && i < file.profiles.size(); ++i) {
            const ProfileItem& item = file.profiles[i];
            const qint64 row = m_jobs.upsert(item.parsed.job, m_sourceId, m_importRunId, error);
            ok = row >= 0 && m_profiles.store(row, item.raw, item.parsed, error) >= 0;
            if (ok) {
                rows.insert(row);
                ++profiles;
            } else {
                *error = QStringLiteral("%1 (job %2)").arg(*error, item.parsed.job.jobId);
            }
        }
        if (ok && !m_db.commit()) {
            *error = QStringLiteral("cannot commit: %1").arg(m_db.lastError().text().simplified());
            ok = false;
        }
        if (!ok) {
            m_db.rollback();
            *error += QStringLiteral("; nothing of this file was kept");
            return false;
        }
        result->jobs = int(rows.size());
        result->profiles = profiles;
        return true;
    }

private:
    QSqlDatabase m_db;
    JobRepository m_jobs; // one per run: its upsert statement is prepared once
    ProfileRepository m_profiles;
    qint64 m_sourceId;
    qint64 m_importRunId;
};

/// What one import run shares between its files.
struct RunContext
{
    Workspace& workspace;
    FileWriter& writer;
    qint64 importRunId;
    const std::atomic_bool* cancelled;
};

// A PostgreSQL server log goes through PgLogImporter (its own transaction, FILE:LINE errors) inside
// this run; its jobs belong to the log folder's "postgres-logs" source, as with the CLI's import-log.
FileImportResult importPostgresLog(const QString& path, FileFormat format, const RunContext& run)
{
    const PgLogImportResult imported
        = PgLogImporter::importFileInRun(run.workspace, path, run.importRunId, run.cancelled);
    FileImportResult result;
    result.path = path;
    result.format = FileFormatDetector::formatName(format);
    result.ok = imported.ok;
    result.cancelled = imported.cancelled;
    result.jobs = imported.ok ? imported.jobs : 0;
    result.profiles = imported.ok ? imported.plans : 0; // auto_explain plans stored as profiles
    result.warnings = imported.warnings;
    result.error = imported.error;
    return result;
}

FileImportResult importOne(const QString& path, const RunContext& run)
{
    FileImportResult result;
    result.path = path;
    const auto failed = [&result](const QString& what) {
        result.ok = false;
        result.error = result.path + QStringLiteral(": ") + what;
        return result;
    };
    QFile file(path);
    if (QFileInfo(path).isDir())
        return failed(QStringLiteral("is a folder, not a file"));
    if (!file.open(QIODevice::ReadOnly))
        return failed(QStringLiteral("cannot open the file: %1").arg(file.errorString()));
    const QByteArray head = file.read(FileFormatDetector::SniffBytes);
    const FileFormat format = FileFormatDetector::detect(path, head);
    if (format == FileFormat::PostgresCsvLog || format == FileFormat::PostgresJsonLog) {
        file.close(); // PgLogImporter reads it
        return importPostgresLog(path, format, run);
    }
    // Read again from the start rather than appending to the head: one copy of a large file in memory.
    const bool rewound = !file.isSequential() && file.seek(0);
    const QByteArray bytes = rewound ? file.readAll() : head + file.readAll();
    if (file.error() != QFileDevice::NoError)
        return failed(QStringLiteral("cannot read the file: %1").arg(file.errorString()));
    file.close();

    result.format = FileFormatDetector::formatName(format);
    ParsedFile parsed;
    QString error;
    const QFileInfo info(path);
    if (!parseFile(format, bytes, {info.fileName(), info.lastModified()}, &parsed, &error)) {
        if (parsed.errorLine <= 0)
            return failed(error);
        result.error = QStringLiteral("%1:%2: %3").arg(path).arg(parsed.errorLine).arg(error);
        return result;
    }
    result.warnings = parsed.warnings;
    result.skipped = parsed.skipped;
    if (!run.writer.write(parsed, &result, &error))
        return failed(error);
    result.ok = true;
    return result;
}

} // namespace

int ImportReport::failedCount() const
{
    return int(std::count_if(files.cbegin(), files.cend(), [](const FileImportResult& f) { return !f.ok; }));
}

int ImportReport::jobCount() const
{
    return std::accumulate(
        files.cbegin(), files.cend(), 0, [](int sum, const FileImportResult& f) { return sum + f.jobs; });
}

int ImportReport::profileCount() const
{
    return std::accumulate(
        files.cbegin(), files.cend(), 0, [](int sum, const FileImportResult& f) { return sum + f.profiles; });
}

FileImporter::FileImporter(Workspace& workspace)
    : m_workspace(workspace)
{ }

void FileImporter::setSource(const QString& kind, const QString& name, bool isDemo)
{
    m_sourceKind = kind;
    m_sourceName = name;
    m_sourceIsDemo = isDemo;
}

QStringList FileImporter::expandPaths(const QStringList& paths)
{
    QStringList result;
    QSet<QString> seen;
    const auto add = [&](const QString& path) {
        const QFileInfo info(path);
        const QString key = info.exists() ? info.canonicalFilePath() : info.absoluteFilePath();
        if (!seen.contains(key)) {
            seen.insert(key);
            result.append(path);
        }
    };
    for (const QString& path : paths) {
        if (!QFileInfo(path).isDir()) {
            add(path);
            continue;
        }
        QStringList found;
        QDirIterator it(path, QDir::Files | QDir::Readable, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            if (FileFormatDetector::hasCandidateSuffix(file)
                && FileFormatDetector::detectFile(file) != FileFormat::Unknown)
                found.append(file);
        }
        found.sort();
        for (const QString& file : std::as_const(found))
            add(file);
    }
    return result;
}

ImportReport FileImporter::importPaths(const QStringList& paths)
{
    ImportReport report;
    const QStringList files = expandPaths(paths);
    const auto failAll = [&](const QString& what) {
        for (const QString& path : files) {
            FileImportResult result;
            result.path = path;
            result.error = path + QStringLiteral(": ") + what;
            report.files.append(result);
        }
        return report;
    };
    QSqlDatabase db = m_workspace.database();
    if (!db.isValid() || !db.isOpen())
        return failAll(QStringLiteral("the workspace is not open"));
    QString error;
    SourceRepository sources(db);
    const qint64 sourceId = sources.findOrCreate(m_sourceKind, m_sourceName, QString(), m_sourceIsDemo, &error);
    if (sourceId < 0)
        return failAll(error);
    ImportRunRepository runs(db);
    report.importRunId = runs.start(sourceId, &error);
    if (report.importRunId < 0)
        return failAll(error);

    FileWriter writer(db, sourceId, report.importRunId);
    const RunContext context {m_workspace, writer, report.importRunId, m_cancelled};
    QStringList problems;
    for (qsizetype i = 0; i < files.size(); ++i) {
        if (m_cancelled && m_cancelled->load()) {
            report.cancelled = true;
            break;
        }
        const FileImportResult result = importOne(files[i], context);
        if (result.cancelled) { // stopped inside the file, which kept nothing: as if not started
            report.cancelled = true;
            break;
        }
        ImportFileRow row;
        row.importRunId = report.importRunId;
        row.path = result.path;
        row.format = result.format;
        row.status = result.ok ? QStringLiteral("imported") : QStringLiteral("failed");
        row.jobs = result.jobs;
        row.error = result.error;
        if (runs.addFile(row, &error) < 0)
            problems.append(error); // the file's own outcome stands; only its trace is missing
        report.files.append(result);
        if (m_progress)
            m_progress(int(i + 1), int(files.size()), files[i]);
    }

    ImportRunRow run;
    run.id = report.importRunId;
    run.sourceId = sourceId;
    run.filesTotal = int(files.size());
    run.filesFailed = report.failedCount();
    run.jobsAdded = report.jobCount();
    run.profilesAdded = report.profileCount();
    if (report.cancelled)
        run.status = QStringLiteral("cancelled");
    else if (!report.files.isEmpty() && run.filesFailed == report.files.size())
        run.status = QStringLiteral("failed");
    else
        run.status = QStringLiteral("completed");
    run.message = QStringLiteral("%1 of %2 files imported, %3 jobs, %4 profiles")
                      .arg(report.files.size() - run.filesFailed)
                      .arg(files.size())
                      .arg(run.jobsAdded)
                      .arg(run.profilesAdded);
    if (!problems.isEmpty())
        run.message += QStringLiteral("; ") + problems.first();
    runs.finish(run, &error);
    return report;
}

} // namespace dopt
