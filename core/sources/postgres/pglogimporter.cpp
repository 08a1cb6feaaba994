#include "sources/postgres/pglogimporter.h"

#include "sources/postgres/pgloggedplan.h"
#include "sources/postgres/pglogreader.h"
#include "sources/postgres/pgplanpairing.h"
#include "sql/postgresfingerprint.h"
#include "store/importrunrepository.h"
#include "store/jobrepository.h"
#include "store/profilerepository.h"
#include "store/sourcerepository.h"
#include "store/workspace.h"
#include "util/saturatingcast.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>

namespace dopt {

namespace {

/// The statement part of a "duration: X ms  KIND: SQL" message.
struct DurationEntry
{
    double ms = 0;
    QString kind; // statement, execute
    QString sql;
};

// False for messages that are not durations of a statement or an execute (parse and bind steps,
// "duration: X ms" alone when log_duration logs the statement separately).
bool parseDurationMessage(const QString& message, DurationEntry* entry, bool* isDuration)
{
    *isDuration = message.startsWith(QLatin1String("duration: "));
    qsizetype restAt = 0;
    if (!*isDuration || !PgLoggedPlan::readDuration(message, &entry->ms, &restAt))
        return false;
    QStringView rest = QStringView(message).mid(restAt).trimmed();
    if (rest.startsWith(u"statement: ")) {
        entry->kind = QStringLiteral("statement");
        entry->sql = rest.mid(11).toString();
        return true;
    }
    if (rest.startsWith(u"execute ")) {
        const qsizetype colon = rest.indexOf(u": ");
        if (colon < 0)
            return false;
        entry->kind = QStringLiteral("execute");
        entry->sql = rest.mid(colon + 2).toString();
        return true;
    }
    return false;
}

// "$1 = '42', $2 = NULL" -> {1: "'42'", 2: "NULL"}.
QHash<int, QString> parseParameters(const QString& detail)
{
    QHash<int, QString> values;
    const qsizetype start = detail.indexOf(QLatin1String("parameters: "));
    if (start < 0)
        return values;
    qsizetype i = start + 12;
    const qsizetype size = detail.size();
    while (i < size) {
        while (i < size && (detail[i] == u' ' || detail[i] == u','))
            ++i;
        if (i >= size || detail[i] != u'$')
            break;
        qsizetype numberEnd = ++i;
        while (numberEnd < size && detail[numberEnd].isDigit())
            ++numberEnd;
        const int number = QStringView(detail).mid(i, numberEnd - i).toInt();
        i = numberEnd;
        if (QStringView(detail).mid(i, 3) != u" = ")
            break;
        i += 3;
        if (QStringView(detail).mid(i, 4) == u"NULL") {
            values.insert(number, QStringLiteral("NULL"));
            i += 4;
            continue;
        }
        if (i >= size || detail[i] != u'\'')
            break;
        qsizetype end = i + 1;
        while (end < size) {
            if (detail[end] == u'\'') {
                if (end + 1 < size && detail[end + 1] == u'\'') {
                    end += 2;
                    continue;
                }
                break;
            }
            ++end;
        }
        values.insert(number, detail.mid(i, end - i + 1));
        i = end + 1;
    }
    return values;
}

// The plan's figures are the run's own (a log entry has none of them): rows scanned and
// returned, cost, relations.
void takePlanFigures(Job* job, const Job& planned)
{
    job->rowsScanned = planned.rowsScanned;
    job->rowsReturned = planned.rowsReturned;
    job->plannerCost = planned.plannerCost;
    job->datasets = planned.datasets;
}

void addWarning(PgLogImportResult& result, const QString& warning)
{
    if (result.warnings.size() < PgLogImportResult::MaxWarnings)
        result.warnings.append(warning);
}

// The details columns are NOT NULL: an absent field is an empty string.
QString orEmpty(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

bool insertDetails(QSqlQuery& query, qint64 jobRef, const PgLogRecord& record, const PostgresFingerprintResult& print,
    const QString& parameters, const QString& path, QString* error)
{
    query.bindValue(0, jobRef);
    query.bindValue(1, orEmpty(record.database));
    query.bindValue(2, orEmpty(print.fingerprint));
    query.bindValue(3, orEmpty(print.normalized));
    query.bindValue(4, orEmpty(parameters));
    query.bindValue(5, path);
    query.bindValue(6, record.line);
    if (!query.exec()) {
        *error = QStringLiteral("cannot store the details of line %1: %2")
                     .arg(record.line)
                     .arg(query.lastError().text().simplified());
        return false;
    }
    return true;
}

} // namespace

QJsonObject PgLogImportResult::toJson() const
{
    return QJsonObject {{QStringLiteral("ok"), ok}, {QStringLiteral("path"), path}, {QStringLiteral("format"), format},
        {QStringLiteral("entries"), entries}, {QStringLiteral("jobs"), jobs}, {QStringLiteral("skipped"), skipped},
        {QStringLiteral("plans"), plans}, {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)},
        {QStringLiteral("error"), error}, {QStringLiteral("source_id"), sourceId}};
}

QString PgLogImporter::substituteParameters(const QString& sql, const QString& detail)
{
    const QHash<int, QString> values = parseParameters(detail);
    if (values.isEmpty())
        return sql;
    QString out;
    out.reserve(sql.size() + 16 * values.size());
    const qsizetype size = sql.size();
    qsizetype i = 0;
    while (i < size) {
        const QChar c = sql[i];
        if (c == u'\'' || c == u'"') { // literal or quoted identifier: copied as is
            qsizetype end = i + 1;
            while (end < size && sql[end] != c)
                ++end;
            out += QStringView(sql).mid(i, end - i + 1);
            i = end + 1;
        } else if (c == u'-' && i + 1 < size && sql[i + 1] == u'-') {
            qsizetype end = sql.indexOf(u'\n', i);
            end = end < 0 ? size : end;
            out += QStringView(sql).mid(i, end - i);
            i = end;
        } else if (c == u'/' && i + 1 < size && sql[i + 1] == u'*') {
            qsizetype end = sql.indexOf(QLatin1String("*/"), i + 2);
            end = end < 0 ? size : end + 2;
            out += QStringView(sql).mid(i, end - i);
            i = end;
        } else if (c == u'$' && i + 1 < size && sql[i + 1].isDigit()) {
            qsizetype end = i + 1;
            while (end < size && sql[end].isDigit())
                ++end;
            const int number = QStringView(sql).mid(i + 1, end - i - 1).toInt();
            out += values.contains(number) ? values.value(number) : QStringView(sql).mid(i, end - i).toString();
            i = end;
        } else if (c == u'$' && (i == 0 || !(sql[i - 1].isLetterOrNumber() || sql[i - 1] == u'_'))) {
            // Dollar quoting: $tag$ ... $tag$ copied as is.
            const qsizetype tagEnd = sql.indexOf(u'$', i + 1);
            if (tagEnd < 0) {
                out += c;
                ++i;
                continue;
            }
            const QStringView tag = QStringView(sql).mid(i, tagEnd - i + 1);
            const qsizetype close = sql.indexOf(tag, tagEnd + 1);
            const qsizetype end = close < 0 ? size : close + tag.size();
            out += QStringView(sql).mid(i, end - i);
            i = end;
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

PgLogImportResult PgLogImporter::importFile(Workspace& workspace, const QString& path, const std::atomic_bool* cancel)
{
    return importFileInRun(workspace, path, 0, cancel);
}

PgLogImportResult PgLogImporter::importFileInRun(
    Workspace& workspace, const QString& path, qint64 importRunId, const std::atomic_bool* cancel)
{
    PgLogImportResult result;
    result.path = path;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        return result;
    }
    const QByteArray data = file.readAll();
    file.close();
    const PgLogReader::Format format = PgLogReader::detect(data);
    result.format = PgLogReader::formatName(format);

    QSqlDatabase db = workspace.database();
    QString error;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    result.sourceId = SourceRepository(db).findOrCreate(
        QStringLiteral("postgres-logs"), QFileInfo(path).absolutePath(), QFileInfo(path).absolutePath(), false, &error);
    if (result.sourceId < 0) {
        result.error = QStringLiteral("%1: %2").arg(path, error);
        return result;
    }
    ImportRunRepository runs(db);
    ImportRunRow run;
    const bool ownRun = importRunId <= 0; // else the caller records the file and finishes its run
    run.id = ownRun ? runs.start(result.sourceId, &error) : importRunId;
    run.sourceId = result.sourceId;
    run.filesTotal = 1;

    auto finish = [&](bool ok) {
        result.ok = ok;
        if (ownRun && run.id > 0) {
            ImportFileRow fileRow;
            fileRow.importRunId = run.id;
            fileRow.path = absolute;
            fileRow.format = QStringLiteral("postgres-") + result.format;
            fileRow.status = ok ? QStringLiteral("imported") : QStringLiteral("failed");
            fileRow.jobs = ok ? result.jobs : 0;
            fileRow.error = result.error;
            QString ignored;
            runs.addFile(fileRow, &ignored);
            run.status = ok ? QStringLiteral("completed")
                            : (result.cancelled ? QStringLiteral("cancelled") : QStringLiteral("failed"));
            run.filesFailed = ok ? 0 : 1;
            run.jobsAdded = ok ? result.jobs : 0;
            run.message = result.error;
            runs.finish(run, &ignored);
        }
        return result;
    };

    if (!db.transaction()) {
        result.error
            = QStringLiteral("%1: cannot start a transaction: %2").arg(path, db.lastError().text().simplified());
        return finish(false);
    }
    auto fail = [&](const QString& message) {
        db.rollback();
        result.error = message;
        result.jobs = 0;
        return finish(false);
    };

    JobRepository jobs(db);
    QSqlQuery details(db);
    if (!details.prepare(QStringLiteral("INSERT INTO pg_job_details (job_ref, database_name, fingerprint, normalized, "
                                        "parameters, log_file, log_line) VALUES (?, ?, ?, ?, ?, ?, ?) "
                                        "ON CONFLICT (job_ref) DO NOTHING")))
        return fail(QStringLiteral("%1: %2").arg(path, details.lastError().text().simplified()));

    QHash<QString, PostgresFingerprintResult> fingerprints; // prepared statements repeat their text
    ProfileRepository profiles(db);
    // Stores one execution: its job, libpg_query fingerprint, the values it ran with and, from
    // auto_explain, its plan as profile; false with error set on a write error.
    auto store = [&](PgLoggedExecution* execution, const PgLoggedPlan* plan) {
        if (!execution) { // an unreadable plan nothing claimed
            ++result.skipped;
            addWarning(result,
                QStringLiteral("%1:%2: %3; no statement entry names it, so it is not imported")
                    .arg(path)
                    .arg(plan->record.line)
                    .arg(plan->problem));
            return true;
        }
        Job& job = execution->job;
        const PgLogRecord& record = execution->record;
        if (record.sessionId.isEmpty())
            job.jobId = QStringLiteral("%1:%2:%3").arg(QFileInfo(path).fileName()).arg(record.line).arg(record.timeMs);
        if (plan && plan->parsed)
            takePlanFigures(&job, plan->profile.job);
        auto found = fingerprints.constFind(execution->statement);
        if (found == fingerprints.constEnd())
            found = fingerprints.insert(execution->statement, PostgresFingerprint::compute(execution->statement));
        const qint64 rowId = jobs.upsert(job, result.sourceId, run.id, &error);
        if (rowId < 0) {
            error = QStringLiteral("%1:%2: %3").arg(path).arg(record.line).arg(error);
            return false;
        }
        const QString parameters
            = record.detail.startsWith(QLatin1String("parameters: ")) ? record.detail.mid(12) : QString();
        if (!insertDetails(details, rowId, record, *found, parameters, absolute, &error)) {
            error = QStringLiteral("%1:%2: %3").arg(path).arg(record.line).arg(error);
            return false;
        }
        if (plan && plan->parsed) {
            if (profiles.store(rowId, plan->json, plan->profile, &error) < 0) {
                error = QStringLiteral("%1:%2: %3").arg(path).arg(plan->record.line).arg(error);
                return false;
            }
            ++result.plans;
        } else if (plan) {
            addWarning(result, QStringLiteral("%1:%2: %3").arg(path).arg(plan->record.line).arg(plan->problem));
        }
        ++result.jobs;
        return true;
    };
    PgPlanPairing pairing(store);

    PgLogReader reader(data, format);
    PgLogRecord record;
    while (reader.next(&record, &error)) {
        ++result.entries;
        if (cancel && (result.entries & 255) == 0 && cancel->load(std::memory_order_relaxed)) {
            result.cancelled = true;
            return fail(QStringLiteral("%1: cancelled").arg(path));
        }
        PgLoggedPlan plan;
        if (PgLoggedPlan::fromMessage(record.message, &plan)) {
            plan.record = record;
            if (!pairing.addPlan(std::move(plan)))
                return fail(error);
            continue;
        }
        DurationEntry entry;
        bool isDuration = false;
        PgLoggedExecution execution = PgLoggedExecution::fromRecord(record);
        Job& job = execution.job;
        if (parseDurationMessage(record.message, &entry, &isDuration)) {
            execution.statement = entry.sql;
            job.sql = substituteParameters(entry.sql, record.detail);
            job.queryType = entry.kind;
            job.state = QStringLiteral("COMPLETED");
            job.durationMs = entry.ms;
            job.endedMs = record.timeMs;
            job.startedMs = record.timeMs - roundToInt64(entry.ms);
            job.submittedMs = job.startedMs;
        } else if ((record.severity == QLatin1String("ERROR") || record.severity == QLatin1String("FATAL"))
            && !record.query.isEmpty()) {
            execution.statement = record.query;
            job.sql = record.query;
            job.queryType = QStringLiteral("statement");
            job.state = QStringLiteral("FAILED");
            job.error
                = record.sqlState.isEmpty() ? record.message : record.sqlState + QStringLiteral(": ") + record.message;
            job.submittedMs = record.timeMs;
            job.endedMs = record.timeMs;
        } else {
            if (isDuration)
                ++result.skipped;
            if (!pairing.addOther(record))
                return fail(error);
            continue;
        }
        if (!pairing.addExecution(std::move(execution)))
            return fail(error);
    }
    if (error.isEmpty() && !pairing.finish())
        return fail(error);
    if (!error.isEmpty())
        return fail(QStringLiteral("%1:%2").arg(path, error.startsWith(QLatin1String("line ")) ? error.mid(5) : error));
    if (!db.commit())
        return fail(QStringLiteral("%1: cannot commit: %2").arg(path, db.lastError().text().simplified()));
    return finish(true);
}

} // namespace dopt
