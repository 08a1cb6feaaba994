#include "sources/postgres/pgstatementscollector.h"

#include "sources/postgres/pgconnection.h"
#include "sql/postgresfingerprint.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace dopt {

namespace {

struct Counters
{
    qint64 calls = 0;
    double totalMs = 0;
    qint64 rows = 0;
    qint64 sharedHit = 0;
    qint64 sharedRead = 0;
    qint64 tempRead = 0;
    qint64 tempWritten = 0;

    Counters minus(const Counters& before) const
    {
        return {calls - before.calls, totalMs - before.totalMs, rows - before.rows, sharedHit - before.sharedHit,
            sharedRead - before.sharedRead, tempRead - before.tempRead, tempWritten - before.tempWritten};
    }
    bool wentDown(const Counters& before) const { return calls < before.calls || totalMs + 1e-6 < before.totalMs; }
};

QString keyOf(const QString& queryId, const QString& userId, const QString& dbId)
{
    return queryId + QLatin1Char('/') + userId + QLatin1Char('/') + dbId;
}

QString sqlError(const QString& what, const QSqlQuery& query)
{
    return QStringLiteral("%1: %2").arg(what, query.lastError().text().simplified());
}

} // namespace

bool PgStatementsCollector::collect(
    PgConnection& server, QSqlDatabase db, qint64 sourceId, qint64 nowMs, PgSnapshotResult* out, QString* error)
{
    *out = PgSnapshotResult {};
    const PgResult installed
        = server.exec(QStringLiteral("SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'"));
    if (!installed.ok) {
        *error = QStringLiteral("cannot read pg_extension: %1").arg(installed.error);
        return false;
    }
    if (installed.rows.isEmpty()) {
        *error = QStringLiteral("pg_stat_statements is not installed in this database: add it to "
                                "shared_preload_libraries and run CREATE EXTENSION pg_stat_statements");
        return false;
    }
    std::optional<qint64> statsResetMs;
    if (server.serverVersion() >= 140000) {
        const PgResult info = server.exec(
            QStringLiteral("SELECT (extract(epoch FROM stats_reset) * 1000)::bigint FROM pg_stat_statements_info"));
        if (info.ok && !info.rows.isEmpty() && !info.value(0, 0).isNull())
            statsResetMs = info.value(0, 0).toLongLong();
    }
    const QString totalColumn
        = server.serverVersion() >= 130000 ? QStringLiteral("total_exec_time") : QStringLiteral("total_time");
    const PgResult stats = server.exec(
        QStringLiteral("SELECT queryid::text, userid::text, dbid::text, query, calls, %1, rows, shared_blks_hit, "
                       "shared_blks_read, temp_blks_read, temp_blks_written FROM pg_stat_statements "
                       "WHERE queryid IS NOT NULL")
            .arg(totalColumn));
    if (!stats.ok) {
        *error = QStringLiteral("cannot read pg_stat_statements: %1").arg(stats.error);
        return false;
    }
    out->statements = int(stats.rows.size());

    // The previous snapshot's reset time, and the last counters stored for every entry.
    QSqlQuery previous(db);
    previous.prepare(
        QStringLiteral("SELECT stats_reset_ms FROM pg_snapshots WHERE source_id = ? ORDER BY id DESC LIMIT 1"));
    previous.addBindValue(sourceId);
    if (!previous.exec()) {
        *error = sqlError(QStringLiteral("cannot read the previous snapshot"), previous);
        return false;
    }
    const bool hasPrevious = previous.next();
    const QVariant previousReset = hasPrevious ? previous.value(0) : QVariant();
    out->statsReset
        = hasPrevious && statsResetMs && !previousReset.isNull() && previousReset.toLongLong() != *statsResetMs;
    QHash<QString, Counters> last;
    if (hasPrevious && !out->statsReset) {
        QSqlQuery latest(db);
        latest.prepare(QStringLiteral(
            "SELECT d.queryid, d.userid, d.dbid, d.cumulative_calls, d.cumulative_total_ms, d.cumulative_rows, "
            "d.cumulative_shared_blks_hit, d.cumulative_shared_blks_read, d.cumulative_temp_blks_read, "
            "d.cumulative_temp_blks_written FROM pg_statement_deltas d JOIN "
            "(SELECT x.queryid, x.userid, x.dbid, MAX(x.snapshot_id) AS snapshot_id FROM pg_statement_deltas x "
            " JOIN pg_snapshots s ON s.id = x.snapshot_id WHERE s.source_id = ? GROUP BY x.queryid, x.userid, x.dbid) "
            "m "
            "ON m.snapshot_id = d.snapshot_id AND m.queryid = d.queryid AND m.userid = d.userid AND m.dbid = d.dbid"));
        latest.addBindValue(sourceId);
        if (!latest.exec()) {
            *error = sqlError(QStringLiteral("cannot read the previous counters"), latest);
            return false;
        }
        while (latest.next())
            last.insert(keyOf(latest.value(0).toString(), latest.value(1).toString(), latest.value(2).toString()),
                Counters {latest.value(3).toLongLong(), latest.value(4).toDouble(), latest.value(5).toLongLong(),
                    latest.value(6).toLongLong(), latest.value(7).toLongLong(), latest.value(8).toLongLong(),
                    latest.value(9).toLongLong()});
    }

    if (!db.transaction()) {
        *error = QStringLiteral("cannot start a transaction: %1").arg(db.lastError().text().simplified());
        return false;
    }
    auto fail = [&](const QString& message) {
        db.rollback();
        *error = message;
        *out = PgSnapshotResult {};
        return false;
    };
    QSqlQuery snapshot(db);
    snapshot.prepare(
        QStringLiteral("INSERT INTO pg_snapshots (source_id, taken_ms, stats_reset_ms) VALUES (?, ?, ?) RETURNING id"));
    snapshot.addBindValue(sourceId);
    snapshot.addBindValue(nowMs);
    snapshot.addBindValue(statsResetMs ? QVariant(*statsResetMs) : QVariant(QMetaType(QMetaType::LongLong)));
    if (!snapshot.exec() || !snapshot.next())
        return fail(sqlError(QStringLiteral("cannot store the snapshot"), snapshot));
    out->snapshotId = snapshot.value(0).toLongLong();
    snapshot.finish();
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral(
        "INSERT INTO pg_statement_deltas (snapshot_id, queryid, userid, dbid, fingerprint, query, calls, total_ms, "
        "mean_ms, rows, shared_blks_hit, shared_blks_read, temp_blks_read, temp_blks_written, cumulative_calls, "
        "cumulative_total_ms, cumulative_rows, cumulative_shared_blks_hit, cumulative_shared_blks_read, "
        "cumulative_temp_blks_read, cumulative_temp_blks_written) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    QHash<QString, QString> fingerprints;
    for (const QStringList& row : stats.rows) {
        const Counters now {row.at(4).toLongLong(), row.at(5).toDouble(), row.at(6).toLongLong(),
            row.at(7).toLongLong(), row.at(8).toLongLong(), row.at(9).toLongLong(), row.at(10).toLongLong()};
        const QString key = keyOf(row.at(0), row.at(1), row.at(2));
        const auto before = last.constFind(key);
        // An entry evicted or reset on its own counts again from zero.
        const Counters delta = before == last.constEnd() || now.wentDown(*before) ? now : now.minus(*before);
        if (delta.calls <= 0)
            continue;
        QString& fingerprint = fingerprints[row.at(3)];
        if (fingerprint.isEmpty())
            fingerprint = PostgresFingerprint::compute(row.at(3)).fingerprint;
        const QVariantList values {out->snapshotId, row.at(0), row.at(1), row.at(2), fingerprint, row.at(3),
            delta.calls, delta.totalMs, delta.totalMs / double(delta.calls), delta.rows, delta.sharedHit,
            delta.sharedRead, delta.tempRead, delta.tempWritten, now.calls, now.totalMs, now.rows, now.sharedHit,
            now.sharedRead, now.tempRead, now.tempWritten};
        for (int i = 0; i < values.size(); ++i)
            insert.bindValue(i, values.at(i));
        if (!insert.exec())
            return fail(sqlError(QStringLiteral("cannot store statement %1").arg(row.at(0)), insert));
        ++out->changed;
    }
    if (!db.commit())
        return fail(QStringLiteral("cannot commit the snapshot: %1").arg(db.lastError().text().simplified()));
    return true;
}

} // namespace dopt
