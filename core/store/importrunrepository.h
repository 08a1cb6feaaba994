#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QVector>
#include <optional>

namespace dopt {

/// One import (a batch of files or a collection from a server) as stored in import_runs.
struct ImportRunRow
{
    qint64 id = 0;
    qint64 sourceId = 0; // 0 when the source was deleted
    qint64 startedMs = 0;
    std::optional<qint64> finishedMs;
    QString status; // running, completed, failed, cancelled
    int filesTotal = 0;
    int filesFailed = 0;
    int jobsAdded = 0;
    int profilesAdded = 0;
    QString message;
};

/// The outcome of one file of an import run (import_files).
struct ImportFileRow
{
    qint64 id = 0;
    qint64 importRunId = 0;
    QString path;
    QString format;
    QString status; // imported, failed, skipped
    int jobs = 0;
    QString error;
};

/// Records import runs and their files. Runs are written outside the per-file transactions so a
/// failed file still leaves its trace. Works on the connection it is given.
class ImportRunRepository
{
public:
    explicit ImportRunRepository(QSqlDatabase db)
        : m_db(std::move(db))
    { }

    /// Starts a run with status "running". Returns its id, -1 with *error on failure.
    qint64 start(qint64 sourceId, QString* error);
    /// Sets the final status and totals of a run and its finish time.
    bool finish(const ImportRunRow& run, QString* error);
    /// Adds one file outcome to a run. Returns its id, -1 with *error on failure.
    qint64 addFile(const ImportFileRow& file, QString* error);
    std::optional<ImportRunRow> find(qint64 id);
    /// Most recent runs first.
    QVector<ImportRunRow> recent(int limit = 50);
    QVector<ImportFileRow> files(qint64 importRunId);

private:
    QSqlDatabase m_db;
};

} // namespace dopt
