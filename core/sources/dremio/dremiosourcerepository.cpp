#include "dremiosourcerepository.h"

#include "store/sourcerepository.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

namespace dopt {

namespace {

QVariant optionalValue(const std::optional<qint64>& value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

std::optional<qint64> optionalOf(const QVariant& value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

// A null QString binds as SQL NULL; the text columns are NOT NULL DEFAULT ''.
QVariant text(const QString& value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

bool run(QSqlQuery& query, const QString& what, QString* error)
{
    if (query.exec())
        return true;
    if (error)
        *error = QStringLiteral("%1: %2").arg(what, query.lastError().text());
    return false;
}

} // namespace

qint64 DremioSourceRepository::save(const DremioSourceSettings& settings, QString* error)
{
    const DremioConnection& connection = settings.connection;
    SourceRepository sources(m_db);
    const qint64 sourceId = sources.findOrCreate(
        connection.sourceKind(), connection.displayName(), connection.url(QString()).toString(), false, error);
    if (sourceId < 0)
        return -1;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "INSERT INTO dremio_connections (source_id, base_url, flavor, project_id, auth_mode, user_name, "
        "secret_backend, secret_ref, ca_file, profiles_per_run, timeout_ms, max_concurrent, updated_ms) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_id) DO UPDATE SET "
        "base_url = excluded.base_url, flavor = excluded.flavor, project_id = excluded.project_id, "
        "auth_mode = excluded.auth_mode, user_name = excluded.user_name, secret_backend = excluded.secret_backend, "
        "secret_ref = excluded.secret_ref, ca_file = excluded.ca_file, profiles_per_run = excluded.profiles_per_run, "
        "timeout_ms = excluded.timeout_ms, max_concurrent = excluded.max_concurrent, updated_ms = "
        "excluded.updated_ms"));
    query.addBindValue(sourceId);
    query.addBindValue(connection.url(QString()).toString());
    query.addBindValue(DremioConnection::flavorName(connection.flavor));
    query.addBindValue(text(connection.projectId));
    query.addBindValue(DremioConnection::authModeName(connection.authMode));
    query.addBindValue(text(connection.userName));
    query.addBindValue(text(settings.secretBackend));
    query.addBindValue(text(settings.secretRef));
    query.addBindValue(text(connection.caFile));
    query.addBindValue(settings.profilesPerRun);
    query.addBindValue(connection.timeoutMs);
    query.addBindValue(connection.maxConcurrent);
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!run(query, QStringLiteral("saving Dremio connection %1").arg(connection.displayName()), error))
        return -1;
    return sourceId;
}

QVector<DremioSourceSettings> DremioSourceRepository::select(
    const QString& where, const QVariantList& values, QString* error)
{
    QVector<DremioSourceSettings> result;
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral(
            "SELECT c.source_id, c.base_url, c.flavor, c.project_id, c.auth_mode, c.user_name, "
            "c.secret_backend, c.secret_ref, c.ca_file, c.profiles_per_run, c.timeout_ms, c.max_concurrent, "
            "c.watermark_ms, c.last_collected_ms FROM dremio_connections c JOIN sources s ON s.id = c.source_id ")
        + where + QStringLiteral(" ORDER BY c.source_id"));
    for (const QVariant& value : values)
        query.addBindValue(value);
    if (!run(query, QStringLiteral("reading Dremio connections"), error))
        return result;
    while (query.next()) {
        DremioSourceSettings settings;
        settings.sourceId = query.value(0).toLongLong();
        settings.connection = DremioConnection::fromUrl(query.value(1).toString(), query.value(3).toString());
        settings.connection.flavor = query.value(2).toString() == QLatin1String("cloud")
            ? DremioConnection::Flavor::Cloud
            : DremioConnection::Flavor::Software;
        DremioConnection::parseAuthMode(query.value(4).toString(), &settings.connection.authMode);
        settings.connection.userName = query.value(5).toString();
        settings.secretBackend = query.value(6).toString();
        settings.secretRef = query.value(7).toString();
        settings.connection.caFile = query.value(8).toString();
        settings.profilesPerRun = query.value(9).toInt();
        settings.connection.timeoutMs = query.value(10).toInt();
        settings.connection.maxConcurrent = query.value(11).toInt();
        settings.watermarkMs = optionalOf(query.value(12));
        settings.lastCollectedMs = optionalOf(query.value(13));
        result.append(settings);
    }
    return result;
}

std::optional<DremioSourceSettings> DremioSourceRepository::load(qint64 sourceId, QString* error)
{
    const auto rows = select(QStringLiteral("WHERE c.source_id = ?"), {sourceId}, error);
    if (rows.isEmpty())
        return std::nullopt;
    return rows.first();
}

std::optional<DremioSourceSettings> DremioSourceRepository::find(const DremioConnection& connection, QString* error)
{
    const auto rows = select(
        QStringLiteral("WHERE s.kind = ? AND s.name = ?"), {connection.sourceKind(), connection.displayName()}, error);
    if (rows.isEmpty())
        return std::nullopt;
    return rows.first();
}

QVector<DremioSourceSettings> DremioSourceRepository::all(QString* error)
{
    return select(QString(), {}, error);
}

bool DremioSourceRepository::advanceWatermark(qint64 sourceId, qint64 submittedMs, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE dremio_connections SET watermark_ms = ? WHERE source_id = ? AND "
                                 "(watermark_ms IS NULL OR watermark_ms < ?)"));
    query.addBindValue(submittedMs);
    query.addBindValue(sourceId);
    query.addBindValue(submittedMs);
    return run(query, QStringLiteral("advancing the watermark of source %1").arg(sourceId), error);
}

bool DremioSourceRepository::setLastCollected(qint64 sourceId, qint64 whenMs, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE dremio_connections SET last_collected_ms = ? WHERE source_id = ?"));
    query.addBindValue(whenMs);
    query.addBindValue(sourceId);
    return run(query, QStringLiteral("recording the collect time of source %1").arg(sourceId), error);
}

bool DremioSourceRepository::recordCollectRun(const CollectRunRecord& record, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "INSERT INTO collect_runs (import_run_id, source_id, watermark_before_ms, watermark_after_ms, history_pages, "
        "history_rows, profiles_tried, profiles_failed, reflections, elapsed_ms, server_wait_ms, warnings) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(record.importRunId);
    query.addBindValue(record.sourceId);
    query.addBindValue(optionalValue(record.watermarkBeforeMs));
    query.addBindValue(optionalValue(record.watermarkAfterMs));
    query.addBindValue(record.historyPages);
    query.addBindValue(record.historyRows);
    query.addBindValue(record.profilesTried);
    query.addBindValue(record.profilesFailed);
    query.addBindValue(record.reflections);
    query.addBindValue(record.elapsedMs);
    query.addBindValue(record.serverWaitMs);
    query.addBindValue(text(record.warnings.join(QLatin1Char('\n'))));
    return run(query, QStringLiteral("recording collect run %1").arg(record.importRunId), error);
}

std::optional<CollectRunRecord> DremioSourceRepository::collectRun(qint64 importRunId, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT source_id, watermark_before_ms, watermark_after_ms, history_pages, "
                                 "history_rows, profiles_tried, profiles_failed, reflections, elapsed_ms, "
                                 "server_wait_ms, warnings FROM collect_runs WHERE import_run_id = ?"));
    query.addBindValue(importRunId);
    if (!run(query, QStringLiteral("reading collect run %1").arg(importRunId), error) || !query.next())
        return std::nullopt;
    CollectRunRecord record;
    record.importRunId = importRunId;
    record.sourceId = query.value(0).toLongLong();
    record.watermarkBeforeMs = optionalOf(query.value(1));
    record.watermarkAfterMs = optionalOf(query.value(2));
    record.historyPages = query.value(3).toInt();
    record.historyRows = query.value(4).toInt();
    record.profilesTried = query.value(5).toInt();
    record.profilesFailed = query.value(6).toInt();
    record.reflections = query.value(7).toInt();
    record.elapsedMs = query.value(8).toLongLong();
    record.serverWaitMs = query.value(9).toLongLong();
    const QString warnings = query.value(10).toString();
    if (!warnings.isEmpty())
        record.warnings = warnings.split(QLatin1Char('\n'));
    return record;
}

bool DremioSourceRepository::upsertReflection(
    qint64 sourceId, const DremioReflection& reflection, qint64 nowMs, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "INSERT INTO reflections (source_id, reflection_id, name, type, dataset_path, status, considered_count, "
        "matched_count, chosen_count, footprint_bytes, last_refresh_duration_ms, dataset_id, refresh_status, "
        "record_count, collected_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (source_id, reflection_id) DO UPDATE SET name = excluded.name, type = excluded.type, "
        "dataset_path = excluded.dataset_path, status = excluded.status, considered_count = excluded.considered_count, "
        "matched_count = excluded.matched_count, chosen_count = excluded.chosen_count, "
        "footprint_bytes = excluded.footprint_bytes, last_refresh_duration_ms = excluded.last_refresh_duration_ms, "
        "dataset_id = excluded.dataset_id, refresh_status = excluded.refresh_status, "
        "record_count = excluded.record_count, collected_ms = excluded.collected_ms"));
    query.addBindValue(sourceId);
    query.addBindValue(reflection.reflectionId);
    query.addBindValue(text(reflection.name));
    query.addBindValue(text(reflection.type));
    query.addBindValue(text(reflection.datasetPath));
    query.addBindValue(text(reflection.status));
    query.addBindValue(optionalValue(reflection.consideredCount));
    query.addBindValue(optionalValue(reflection.matchedCount));
    query.addBindValue(optionalValue(reflection.chosenCount));
    query.addBindValue(optionalValue(reflection.footprintBytes));
    query.addBindValue(optionalValue(reflection.lastRefreshDurationMs));
    query.addBindValue(text(reflection.datasetId));
    query.addBindValue(text(reflection.refreshStatus));
    query.addBindValue(optionalValue(reflection.recordCount));
    query.addBindValue(nowMs);
    return run(query, QStringLiteral("storing reflection %1").arg(reflection.reflectionId), error);
}

bool DremioSourceRepository::replaceJobRelationships(
    qint64 jobRowId, const QVector<QPair<QString, QString>>& relationships, QString* error)
{
    QSqlQuery remove(m_db);
    remove.prepare(QStringLiteral("DELETE FROM job_reflections WHERE job_ref = ?"));
    remove.addBindValue(jobRowId);
    if (!run(remove, QStringLiteral("replacing reflection relationships of job row %1").arg(jobRowId), error))
        return false;
    // One row per reflection: the strongest relationship wins (CHOSEN > MATCHED > CONSIDERED).
    const QStringList strength = {QStringLiteral("CONSIDERED"), QStringLiteral("MATCHED"), QStringLiteral("CHOSEN")};
    QHash<QString, QString> strongest;
    for (const auto& [reflectionId, relationship] : relationships) {
        const QString current = strongest.value(reflectionId);
        if (current.isEmpty() || strength.indexOf(relationship) > strength.indexOf(current))
            strongest.insert(reflectionId, relationship);
    }
    QSqlQuery insert(m_db);
    insert.prepare(
        QStringLiteral("INSERT INTO job_reflections (job_ref, reflection_id, relationship) VALUES (?, ?, ?)"));
    for (auto it = strongest.begin(); it != strongest.end(); ++it) {
        insert.bindValue(0, jobRowId);
        insert.bindValue(1, it.key());
        insert.bindValue(2, it.value());
        if (!run(insert, QStringLiteral("storing reflection relationship of job row %1").arg(jobRowId), error))
            return false;
    }
    return true;
}

bool DremioSourceRepository::recordProfileAttempt(qint64 jobRowId, const QString& outcome, qint64 nowMs, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("INSERT INTO dremio_profile_attempts (job_ref, attempted_ms, outcome) VALUES (?, ?, ?) "
                       "ON CONFLICT (job_ref) DO UPDATE SET attempted_ms = excluded.attempted_ms, "
                       "outcome = excluded.outcome"));
    query.addBindValue(jobRowId);
    query.addBindValue(nowMs);
    query.addBindValue(outcome);
    return run(query, QStringLiteral("recording the profile attempt of job row %1").arg(jobRowId), error);
}

QVector<ProfileCandidate> DremioSourceRepository::profileCandidates(qint64 sourceId, int limit, QString* error)
{
    QVector<ProfileCandidate> result;
    if (limit <= 0)
        return result;
    const QString eligible = QStringLiteral(
        "j.source_id = ? AND j.has_profile = 0 AND NOT EXISTS (SELECT 1 FROM dremio_profile_attempts a "
        "WHERE a.job_ref = j.id)");
    const QString perList = QString::number(limit);
    const QList<QPair<QString, QString>> lists = {
        {QStringLiteral("slowest"),
            QStringLiteral("SELECT j.id, j.job_id FROM jobs j WHERE ") + eligible
                + QStringLiteral(" AND j.duration_ms IS NOT NULL ORDER BY j.duration_ms DESC, j.id LIMIT ") + perList},
        {QStringLiteral("most-expensive"),
            QStringLiteral("SELECT j.id, j.job_id FROM jobs j WHERE ") + eligible
                + QStringLiteral(" AND j.planner_cost IS NOT NULL ORDER BY j.planner_cost DESC, j.id LIMIT ")
                + perList},
        {QStringLiteral("failed"),
            QStringLiteral("SELECT j.id, j.job_id FROM jobs j WHERE ") + eligible
                + QStringLiteral(" AND j.state = 'FAILED' ORDER BY j.submitted_ms DESC, j.id LIMIT ") + perList},
        {QStringLiteral("regressed"),
            QStringLiteral(
                "SELECT j.id, j.job_id FROM jobs j JOIN (SELECT sql_text, AVG(duration_ms) AS mean FROM jobs "
                "WHERE source_id = ? AND duration_ms IS NOT NULL GROUP BY sql_text HAVING COUNT(*) >= 3) g "
                "ON g.sql_text = j.sql_text WHERE ")
                + eligible
                + QStringLiteral(" AND j.duration_ms > 2 * g.mean ORDER BY j.duration_ms - g.mean DESC, j.id LIMIT ")
                + perList},
    };
    QVector<QVector<ProfileCandidate>> ranked;
    for (const auto& [reason, sql] : lists) {
        QSqlQuery query(m_db);
        query.prepare(sql);
        query.addBindValue(sourceId);
        if (reason == QLatin1String("regressed"))
            query.addBindValue(sourceId);
        if (!run(query, QStringLiteral("choosing jobs to fetch profiles for (%1)").arg(reason), error))
            return {};
        QVector<ProfileCandidate> list;
        while (query.next())
            list.append({query.value(0).toLongLong(), query.value(1).toString(), reason});
        ranked.append(list);
    }
    // Take the lists in turn so each kind of interesting job gets its share of the budget.
    QSet<qint64> taken;
    for (int rank = 0; result.size() < limit; ++rank) {
        bool any = false;
        for (const auto& list : std::as_const(ranked)) {
            if (rank >= list.size())
                continue;
            any = true;
            if (result.size() < limit && !taken.contains(list[rank].jobRowId)) {
                taken.insert(list[rank].jobRowId);
                result.append(list[rank]);
            }
        }
        if (!any)
            break;
    }
    return result;
}

QStringList DremioSourceRepository::topDatasets(qint64 sourceId, int limit, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT datasets FROM jobs WHERE source_id = ? AND datasets <> '' "
                                 "ORDER BY submitted_ms DESC LIMIT 5000"));
    query.addBindValue(sourceId);
    if (!run(query, QStringLiteral("reading the datasets of source %1").arg(sourceId), error))
        return {};
    QHash<QString, int> counts;
    while (query.next()) {
        const QStringList paths = query.value(0).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const QString& path : paths)
            ++counts[path];
    }
    QStringList paths = counts.keys();
    std::sort(paths.begin(), paths.end(), [&](const QString& a, const QString& b) {
        return counts.value(a) != counts.value(b) ? counts.value(a) > counts.value(b) : a < b;
    });
    return paths.mid(0, limit);
}

bool DremioSourceRepository::upsertFileStats(qint64 sourceId, const IcebergFileStats& stats, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "INSERT INTO iceberg_file_stats (source_id, dataset_path, file_count, total_bytes, record_count, small_files, "
        "small_threshold_bytes, min_file_bytes, max_file_bytes, collected_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (source_id, dataset_path) DO UPDATE SET file_count = excluded.file_count, "
        "total_bytes = excluded.total_bytes, record_count = excluded.record_count, small_files = excluded.small_files, "
        "small_threshold_bytes = excluded.small_threshold_bytes, min_file_bytes = excluded.min_file_bytes, "
        "max_file_bytes = excluded.max_file_bytes, collected_ms = excluded.collected_ms"));
    query.addBindValue(sourceId);
    query.addBindValue(stats.datasetPath);
    query.addBindValue(stats.fileCount);
    query.addBindValue(stats.totalBytes);
    query.addBindValue(stats.recordCount);
    query.addBindValue(stats.smallFiles);
    query.addBindValue(stats.smallThresholdBytes);
    query.addBindValue(stats.minFileBytes ? QVariant(*stats.minFileBytes) : QVariant(QMetaType(QMetaType::LongLong)));
    query.addBindValue(stats.maxFileBytes ? QVariant(*stats.maxFileBytes) : QVariant(QMetaType(QMetaType::LongLong)));
    query.addBindValue(stats.collectedMs);
    return run(query, QStringLiteral("storing the file statistics of %1").arg(stats.datasetPath), error);
}

QVector<IcebergFileStats> DremioSourceRepository::fileStats(qint64 sourceId, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral(
        "SELECT dataset_path, file_count, total_bytes, record_count, small_files, small_threshold_bytes, "
        "min_file_bytes, max_file_bytes, collected_ms FROM iceberg_file_stats WHERE source_id = ? "
        "ORDER BY small_files DESC, dataset_path"));
    query.addBindValue(sourceId);
    QVector<IcebergFileStats> out;
    if (!run(query, QStringLiteral("reading file statistics of source %1").arg(sourceId), error))
        return out;
    while (query.next()) {
        IcebergFileStats stats;
        stats.datasetPath = query.value(0).toString();
        stats.fileCount = query.value(1).toLongLong();
        stats.totalBytes = query.value(2).toLongLong();
        stats.recordCount = query.value(3).toLongLong();
        stats.smallFiles = query.value(4).toLongLong();
        stats.smallThresholdBytes = query.value(5).toLongLong();
        if (!query.value(6).isNull())
            stats.minFileBytes = query.value(6).toLongLong();
        if (!query.value(7).isNull())
            stats.maxFileBytes = query.value(7).toLongLong();
        stats.collectedMs = query.value(8).toLongLong();
        out.append(stats);
    }
    return out;
}

} // namespace dopt
