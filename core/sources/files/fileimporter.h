#pragma once

#include <QString>
#include <QStringList>
#include <QVector>
#include <atomic>
#include <functional>

namespace dopt {

class Workspace;

/// Outcome for one input file.
struct FileImportResult
{
    QString path;
    QString format; // FileFormatDetector::formatName: dremio-profile-json... postgres-csvlog, postgres-jsonlog
    bool ok = false;
    bool cancelled = false; // a PostgreSQL log stopped by the cancel flag half-way (nothing of it kept)
    int jobs = 0; // jobs added or updated
    int profiles = 0;
    QString error; // one line naming the file and what was wrong where
    QStringList warnings; // non-fatal notes (merged duplicate rows, partial result pages)
    QStringList skipped; // archive entries read past (prepare_/log_ attempts, unrelated files)
};

/// Summary of one import run (stored in import_runs / import_files).
struct ImportReport
{
    qint64 importRunId = -1;
    QVector<FileImportResult> files;
    bool cancelled = false;
    int failedCount() const;
    int jobCount() const;
    int profileCount() const;
};

/// Imports Dremio files users already have: profile JSON, "Download Profile" ZIPs, queries.json
/// logs, sys.jobs_recent / sys.project.history.jobs dumps (REST results JSON or CSV), and folders of
/// them; and PostgreSQL server logs (csvlog, jsonlog), which PgLogImporter::importFileInRun imports
/// within this run (jobs of engine 'postgres' attributed to the log folder's "postgres-logs"
/// source, errors as "FILE:LINE: reason"); and saved PostgreSQL EXPLAIN plans (FORMAT JSON, or TEXT as
/// psql prints it), each one job of engine 'postgres' with its plan as profile, its id the file name
/// and a hash of its content, its times from the file's modification time, a plan that cannot be read
/// an error "FILE:LINE: reason". Each file is one transaction: a bad file imports nothing
/// and the run goes on. Importing the same job twice keeps one job. Safe to call from a worker
/// thread (uses that thread's connection).
///
/// Every file is read and parsed completely before anything is written, then written in one
/// transaction (jobs through JobRepository::upsert, profiles through ProfileRepository::store).
/// Files are atomic: a queries.json with one malformed line, a ZIP with one unreadable profile or a
/// write error half-way all leave nothing of that file in the workspace, and the file's error says
/// "<path>: <what> (<where>)" with a line, entry or byte offset. The run is recorded in import_runs
/// and import_files (outside the file transactions, so failures leave a trace); a cancelled run
/// keeps the files committed before the flag was seen and is marked "cancelled" (a PostgreSQL log
/// also sees the flag between its entries: stopped half-way, it keeps nothing and is not listed).
class FileImporter
{
public:
    /// Called after each file with the number of files finished, the total and the file's path.
    using Progress = std::function<void(int done, int total, const QString& currentPath)>;

    explicit FileImporter(Workspace& workspace);

    void setProgress(Progress progress) { m_progress = std::move(progress); }
    void setCancelFlag(const std::atomic_bool* cancelled) { m_cancelled = cancelled; }
    /// Name of the source the jobs are attributed to (default "files"); demo imports mark it as demo.
    void setSource(const QString& kind, const QString& name, bool isDemo = false);

    ImportReport importPaths(const QStringList& paths);
    /// Expands folders (recursively) into the files the importer recognises, sorted; files named
    /// explicitly are kept as given (an unreadable or unknown one then fails with its reason).
    static QStringList expandPaths(const QStringList& paths);

private:
    Workspace& m_workspace;
    Progress m_progress;
    const std::atomic_bool* m_cancelled = nullptr;
    QString m_sourceKind = QStringLiteral("dremio-files");
    QString m_sourceName = QStringLiteral("files");
    bool m_sourceIsDemo = false;
};

} // namespace dopt
