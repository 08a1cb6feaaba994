#include "workspacefactsreader.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace dopt {

namespace {

qint64 orUnknown(const QVariant& value)
{
    return value.isNull() ? -1 : value.toLongLong();
}

} // namespace

bool WorkspaceFactsReader::readReflections(QSqlDatabase db, WorkspaceFacts* facts, QString* error)
{
    QSqlQuery query(db);
    auto failed = [&](const char* what) {
        *error = QStringLiteral("analysis: reading %1: %2").arg(QLatin1String(what), query.lastError().text());
        return false;
    };
    if (!query.exec(QStringLiteral("SELECT reflection_id, relationship, COUNT(*) FROM job_reflections "
                                   "GROUP BY reflection_id, relationship")))
        return failed("job reflections");
    QHash<QString, QHash<QString, int>> counts;
    while (query.next())
        counts[query.value(0).toString()][query.value(1).toString().toUpper()] = query.value(2).toInt();
    if (!query.exec(QStringLiteral("SELECT COUNT(DISTINCT job_ref) FROM job_reflections")) || !query.next())
        return failed("job reflections");
    facts->jobsWithAcceleration = query.value(0).toInt();
    // One row per reflection id (several sources may list the same one): the latest row wins.
    if (!query.exec(QStringLiteral(
            "SELECT reflection_id, name, type, dataset_path, status, considered_count, matched_count, chosen_count, "
            "footprint_bytes, last_refresh_duration_ms FROM reflections ORDER BY id")))
        return failed("reflections");
    QHash<QString, qsizetype> index;
    while (query.next()) {
        ReflectionUsage r;
        r.reflectionId = query.value(0).toString();
        r.name = query.value(1).toString();
        r.type = query.value(2).toString();
        r.datasetPath = query.value(3).toString();
        r.status = query.value(4).toString();
        r.consideredCount = orUnknown(query.value(5));
        r.matchedCount = orUnknown(query.value(6));
        r.chosenCount = orUnknown(query.value(7));
        r.footprintBytes = orUnknown(query.value(8));
        r.lastRefreshDurationMs = orUnknown(query.value(9));
        const QHash<QString, int> c = counts.value(r.reflectionId);
        r.jobsConsidered = c.value(QStringLiteral("CONSIDERED")) + c.value(QStringLiteral("MATCHED"))
            + c.value(QStringLiteral("CHOSEN"));
        r.jobsMatched = c.value(QStringLiteral("MATCHED")) + c.value(QStringLiteral("CHOSEN"));
        r.jobsChosen = c.value(QStringLiteral("CHOSEN"));
        const auto it = index.constFind(r.reflectionId);
        if (it != index.cend()) {
            facts->reflections[*it] = r;
        } else {
            index.insert(r.reflectionId, facts->reflections.size());
            facts->reflections.append(r);
        }
    }
    return true;
}

bool WorkspaceFactsReader::readTableFiles(QSqlDatabase db, WorkspaceFacts* facts, QString* error)
{
    QSqlQuery query(db);
    if (!query.exec(
            QStringLiteral("SELECT dataset_path, MAX(file_count), MAX(small_files), MAX(small_threshold_bytes), "
                           "MAX(total_bytes) FROM iceberg_file_stats GROUP BY dataset_path"))) {
        *error = QStringLiteral("analysis: reading Iceberg file statistics: %1").arg(query.lastError().text());
        return false;
    }
    facts->tableFiles.clear();
    while (query.next()) {
        TableFileFacts table;
        table.datasetPath = query.value(0).toString();
        table.fileCount = query.value(1).toLongLong();
        table.smallFiles = query.value(2).toLongLong();
        table.smallThresholdBytes = query.value(3).toLongLong();
        table.totalBytes = query.value(4).toLongLong();
        facts->tableFiles.append(table);
    }
    // Few tables have statistics (the collector reads the most scanned ones): one scan each is fine.
    QSqlQuery reading(db);
    reading.prepare(QStringLiteral("SELECT COUNT(*), COALESCE(SUM(duration_ms), 0) FROM jobs WHERE submitted_ms >= ? "
                                   "AND submitted_ms <= ? AND ('\n' || datasets || '\n') LIKE ? ESCAPE '!'"));
    for (TableFileFacts& table : facts->tableFiles) {
        QString pattern = table.datasetPath; // LIKE's wildcards in a path are literal characters
        pattern.replace(QLatin1Char('!'), QStringLiteral("!!"))
            .replace(QLatin1Char('%'), QStringLiteral("!%"))
            .replace(QLatin1Char('_'), QStringLiteral("!_"));
        reading.addBindValue(facts->windowStartMs);
        reading.addBindValue(facts->windowEndMs);
        reading.addBindValue(QStringLiteral("%\n%1\n%").arg(pattern));
        if (!reading.exec() || !reading.next()) {
            *error = QStringLiteral("analysis: counting the jobs reading %1: %2")
                         .arg(table.datasetPath, reading.lastError().text());
            return false;
        }
        table.jobsReading = reading.value(0).toInt();
        table.msReading = reading.value(1).toLongLong();
    }
    return true;
}

} // namespace dopt
