#include "importrunrepository.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace dopt {

namespace {

const QString RunColumns = QStringLiteral("id, source_id, started_ms, finished_ms, status, files_total, files_failed, "
                                          "jobs_added, profiles_added, message");

QVector<ImportRunRow> readRuns(QSqlQuery& query)
{
    QVector<ImportRunRow> runs;
    while (query.next()) {
        ImportRunRow run;
        run.id = query.value(0).toLongLong();
        run.sourceId = query.value(1).toLongLong();
        run.startedMs = query.value(2).toLongLong();
        if (!query.value(3).isNull())
            run.finishedMs = query.value(3).toLongLong();
        run.status = query.value(4).toString();
        run.filesTotal = query.value(5).toInt();
        run.filesFailed = query.value(6).toInt();
        run.jobsAdded = query.value(7).toInt();
        run.profilesAdded = query.value(8).toInt();
        run.message = query.value(9).toString();
        runs.append(run);
    }
    return runs;
}

QString nonNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

} // namespace

qint64 ImportRunRepository::start(qint64 sourceId, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO import_runs (source_id, started_ms, status) VALUES (?, ?, 'running') "
                                 "RETURNING id"));
    query.addBindValue(sourceId > 0 ? QVariant(sourceId) : QVariant(QMetaType::fromType<qint64>()));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec() || !query.next()) {
        if (error)
            *error = QStringLiteral("cannot record the import run: ") + query.lastError().text().simplified();
        return -1;
    }
    return query.value(0).toLongLong();
}

bool ImportRunRepository::finish(const ImportRunRow& run, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE import_runs SET finished_ms = ?, status = ?, files_total = ?, "
                                 "files_failed = ?, jobs_added = ?, profiles_added = ?, message = ? WHERE id = ?"));
    query.addBindValue(run.finishedMs.value_or(QDateTime::currentMSecsSinceEpoch()));
    query.addBindValue(nonNull(run.status));
    query.addBindValue(run.filesTotal);
    query.addBindValue(run.filesFailed);
    query.addBindValue(run.jobsAdded);
    query.addBindValue(run.profilesAdded);
    query.addBindValue(nonNull(run.message));
    query.addBindValue(run.id);
    if (!query.exec()) {
        if (error)
            *error = QStringLiteral("cannot finish import run %1: %2")
                         .arg(run.id)
                         .arg(query.lastError().text().simplified());
        return false;
    }
    if (query.numRowsAffected() == 0) {
        if (error)
            *error = QStringLiteral("cannot finish import run %1: no such run").arg(run.id);
        return false;
    }
    return true;
}

qint64 ImportRunRepository::addFile(const ImportFileRow& file, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO import_files (import_run_id, path, format, status, jobs, error) "
                                 "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
    query.addBindValue(file.importRunId);
    query.addBindValue(nonNull(file.path));
    query.addBindValue(nonNull(file.format));
    query.addBindValue(nonNull(file.status));
    query.addBindValue(file.jobs);
    query.addBindValue(nonNull(file.error));
    if (!query.exec() || !query.next()) {
        if (error)
            *error = QStringLiteral("cannot record imported file %1: %2")
                         .arg(file.path, query.lastError().text().simplified());
        return -1;
    }
    return query.value(0).toLongLong();
}

std::optional<ImportRunRow> ImportRunRepository::find(qint64 id)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM import_runs WHERE id = ?").arg(RunColumns));
    query.addBindValue(id);
    if (!query.exec())
        return std::nullopt;
    const QVector<ImportRunRow> runs = readRuns(query);
    return runs.isEmpty() ? std::nullopt : std::optional<ImportRunRow>(runs.first());
}

QVector<ImportRunRow> ImportRunRepository::recent(int limit)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM import_runs ORDER BY id DESC LIMIT ?").arg(RunColumns));
    query.addBindValue(qMax(0, limit));
    if (!query.exec())
        return {};
    return readRuns(query);
}

QVector<ImportFileRow> ImportRunRepository::files(qint64 importRunId)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id, import_run_id, path, format, status, jobs, error FROM import_files "
                                 "WHERE import_run_id = ? ORDER BY id"));
    query.addBindValue(importRunId);
    QVector<ImportFileRow> rows;
    if (!query.exec())
        return rows;
    while (query.next()) {
        rows.append(ImportFileRow {query.value(0).toLongLong(), query.value(1).toLongLong(), query.value(2).toString(),
            query.value(3).toString(), query.value(4).toString(), query.value(5).toInt(), query.value(6).toString()});
    }
    return rows;
}

} // namespace dopt
