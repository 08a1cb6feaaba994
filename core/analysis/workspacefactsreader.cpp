#include "workspacefactsreader.h"

#include "analysis/workmemadvice.h"
#include "util/saturatingcast.h"

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
        table.msReading = roundToInt64(reading.value(1).toDouble()); // REAL once a duration has a fraction
    }
    return true;
}

bool WorkspaceFactsReader::readCatalog(QSqlDatabase db, WorkspaceFacts* facts, QString* error)
{
    QSqlQuery query(db);
    // Several sources may list the same table: the one with most partitions wins (the fullest picture).
    if (!query.exec(QStringLiteral("SELECT dataset_path, partition_columns, partition_count, record_count, file_count, "
                                   "largest_partition_records FROM iceberg_partition_stats "
                                   "ORDER BY dataset_path, partition_count DESC"))) {
        *error = QStringLiteral("analysis: reading Iceberg partition statistics: %1").arg(query.lastError().text());
        return false;
    }
    facts->tablePartitions.clear();
    while (query.next()) {
        const QString path = query.value(0).toString();
        if (!facts->tablePartitions.isEmpty() && facts->tablePartitions.last().datasetPath == path)
            continue;
        TablePartitionFacts table;
        table.datasetPath = path;
        table.partitionColumns = query.value(1).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
        table.partitionCount = query.value(2).toLongLong();
        table.recordCount = query.value(3).toLongLong();
        table.fileCount = query.value(4).toLongLong();
        table.largestPartitionRecords = query.value(5).toLongLong();
        facts->tablePartitions.append(table);
    }
    if (!query.exec(QStringLiteral("SELECT path, MAX(field_count) FROM datasets WHERE catalog_status = 'found' "
                                   "AND field_count IS NOT NULL GROUP BY path"))) {
        *error = QStringLiteral("analysis: reading dataset catalog entries: %1").arg(query.lastError().text());
        return false;
    }
    facts->datasetFieldCounts.clear();
    while (query.next())
        facts->datasetFieldCounts.insert(
            WorkspaceFacts::normalizedTable(query.value(0).toString()), query.value(1).toInt());
    return readPostgresPartitions(db, facts, error);
}

QString WorkspaceFacts::normalizedTable(const QString& table)
{
    QString name = table.trimmed();
    if (name.startsWith(QLatin1Char('[')) && name.endsWith(QLatin1Char(']')))
        name = name.mid(1, name.size() - 2);
    name.replace(QLatin1String(", "), QLatin1String(".")).remove(QLatin1Char('"')).remove(QLatin1Char('`'));
    return name.toLower();
}

const TablePartitionFacts* WorkspaceFacts::partitionsOf(const QString& table) const
{
    const QString name = normalizedTable(table);
    if (name.isEmpty())
        return nullptr;
    for (const TablePartitionFacts& facts : tablePartitions) {
        if (normalizedTable(facts.datasetPath) == name)
            return &facts;
    }
    return nullptr;
}

int WorkspaceFacts::fieldCountOf(const QString& dataset) const
{
    return datasetFieldCounts.value(normalizedTable(dataset), -1);
}

bool WorkspaceFactsReader::readRunTimes(QSqlDatabase db, WorkspaceFacts* facts, QString* error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT f.fingerprint, SUM(j.duration_ms) FROM job_fingerprints f "
                                   "JOIN jobs j ON j.id = f.job_ref WHERE j.state = 'COMPLETED' AND "
                                   "j.duration_ms IS NOT NULL AND f.fingerprint <> '' GROUP BY f.fingerprint"))) {
        *error = QStringLiteral("analysis: reading run times: %1").arg(query.lastError().text());
        return false;
    }
    while (query.next())
        facts->completedDurationMs.insert(query.value(0).toString(), roundToInt64(query.value(1).toDouble()));
    return true;
}

bool WorkspaceFactsReader::readPostgresSettings(QSqlDatabase db, WorkspaceFacts* facts, QString* error)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT name, setting, unit FROM %1 WHERE name IN ('work_mem', "
                                   "'hash_mem_multiplier') ORDER BY collected_ms")
                        .arg(postgresSettingsTable(db)))) {
        *error = QStringLiteral("analysis: reading PostgreSQL settings: %1").arg(query.lastError().text());
        return false;
    }
    while (query.next()) { // the latest collection last
        if (query.value(0).toString() == QLatin1String("work_mem"))
            facts->postgresWorkMemKb = WorkMemAdvice::toKb(query.value(1).toString(), query.value(2).toString());
        else
            facts->postgresHashMemMultiplier = query.value(1).toDouble();
    }
    return true;
}

bool WorkspaceFactsReader::readPostgresPartitions(QSqlDatabase db, WorkspaceFacts* facts, QString* error)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT schema_name, table_name, parent_table, partition_count FROM %1 WHERE "
                                   "parent_table <> '' OR partition_count > 0")
                        .arg(postgresWorkspaceTable(db, QStringLiteral("pg_tables"))))) {
        *error = QStringLiteral("analysis: reading PostgreSQL partitions: %1").arg(query.lastError().text());
        return false;
    }
    while (query.next()) {
        const QString table = (query.value(0).toString() + QLatin1Char('.') + query.value(1).toString()).toLower();
        if (!query.value(2).toString().isEmpty())
            facts->postgresPartitionParents.insert(table, query.value(2).toString().toLower());
        if (query.value(3).toInt() > 0)
            facts->postgresPartitionCounts.insert(table, query.value(3).toInt());
    }
    return true;
}

QString WorkspaceFactsReader::postgresSettingsTable(QSqlDatabase db)
{
    return postgresWorkspaceTable(db, QStringLiteral("pg_settings"));
}

QString WorkspaceFactsReader::postgresWorkspaceTable(QSqlDatabase db, const QString& table)
{
    if (db.driverName() != QLatin1String("QPSQL"))
        return table;
    QSqlQuery schema(db);
    const QString name = schema.exec(QStringLiteral("SELECT current_schema()")) && schema.next()
        ? schema.value(0).toString()
        : QStringLiteral("public");
    return QLatin1Char('"') + QString(name).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QStringLiteral("\".")
        + table;
}

} // namespace dopt
