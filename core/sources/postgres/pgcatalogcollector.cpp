#include "sources/postgres/pgcatalogcollector.h"

#include "sources/postgres/pgconnection.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace dopt {

namespace {

bool insertRows(QSqlDatabase& db, const QString& sql, const QVector<QVariantList>& rows, QString* error)
{
    QSqlQuery query(db);
    if (!query.prepare(sql)) {
        *error = query.lastError().text().simplified();
        return false;
    }
    for (const QVariantList& row : rows) {
        for (int i = 0; i < row.size(); ++i)
            query.bindValue(i, row.at(i));
        if (!query.exec()) {
            *error = query.lastError().text().simplified();
            return false;
        }
    }
    return true;
}

} // namespace

QStringList PgCatalogCollector::settingNames()
{
    return {QStringLiteral("work_mem"), QStringLiteral("hash_mem_multiplier"), QStringLiteral("maintenance_work_mem"),
        QStringLiteral("shared_buffers"), QStringLiteral("effective_cache_size"), QStringLiteral("random_page_cost"),
        QStringLiteral("seq_page_cost"), QStringLiteral("effective_io_concurrency"),
        QStringLiteral("max_parallel_workers_per_gather"), QStringLiteral("default_statistics_target"),
        QStringLiteral("jit"), QStringLiteral("enable_partition_pruning"), QStringLiteral("server_version_num")};
}

bool PgCatalogCollector::collect(
    PgConnection& server, QSqlDatabase db, qint64 sourceId, qint64 nowMs, PgCatalogResult* out, QString* error)
{
    *out = PgCatalogResult {};
    // A partitioned table has no storage of its own: its size, rows and partition count are those of its
    // leaf partitions, found through every level of pg_inherits (a sub-partitioned table's partitions
    // are partitioned tables themselves, which would otherwise be counted instead of their leaves).
    // PostgreSQL counts scans and row changes on the leaves too (the parent's own counters stay at zero),
    // so the activity counters are summed over the same leaves.
    const PgResult tables = server.exec(QStringLiteral(
        "WITH RECURSIVE tree(root, relid) AS (SELECT pt.partrelid, pt.partrelid FROM pg_partitioned_table pt "
        "UNION ALL SELECT tree.root, i.inhrelid FROM tree JOIN pg_inherits i ON i.inhparent = tree.relid), "
        "leaves AS (SELECT tree.root, count(*) AS partitions, sum(pg_total_relation_size(l.oid)) AS bytes, "
        "sum(greatest(l.reltuples, 0)::float8) AS tuples, sum(coalesce(ls.seq_scan, 0)) AS seq_scan, "
        "sum(coalesce(ls.seq_tup_read, 0)) AS seq_tup_read, sum(coalesce(ls.idx_scan, 0)) AS idx_scan, "
        "sum(coalesce(ls.n_tup_ins, 0)) AS n_tup_ins, sum(coalesce(ls.n_tup_upd, 0)) AS n_tup_upd, "
        "sum(coalesce(ls.n_tup_del, 0)) AS n_tup_del FROM tree JOIN pg_class l ON l.oid = tree.relid "
        "LEFT JOIN pg_stat_user_tables ls ON ls.relid = l.oid "
        "WHERE tree.relid <> tree.root AND l.relkind <> 'p' GROUP BY tree.root) "
        "SELECT n.nspname, c.relname, "
        "CASE WHEN c.relkind = 'p' THEN coalesce(lv.bytes, 0) ELSE pg_total_relation_size(c.oid) END, "
        "CASE WHEN c.relkind = 'p' THEN coalesce(lv.tuples, 0) ELSE c.reltuples END, "
        "CASE WHEN c.relkind = 'p' THEN coalesce(lv.seq_scan, 0) ELSE coalesce(s.seq_scan, 0) END, "
        "CASE WHEN c.relkind = 'p' THEN coalesce(lv.seq_tup_read, 0) ELSE coalesce(s.seq_tup_read, 0) END, "
        "CASE WHEN c.relkind = 'p' THEN coalesce(lv.idx_scan, 0) ELSE coalesce(s.idx_scan, 0) END, "
        "CASE WHEN c.relkind = 'p' THEN coalesce(lv.n_tup_ins, 0) ELSE coalesce(s.n_tup_ins, 0) END, "
        "CASE WHEN c.relkind = 'p' THEN coalesce(lv.n_tup_upd, 0) ELSE coalesce(s.n_tup_upd, 0) END, "
        "CASE WHEN c.relkind = 'p' THEN coalesce(lv.n_tup_del, 0) ELSE coalesce(s.n_tup_del, 0) END, "
        "(c.relkind = 'p')::int, CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) ELSE '' END, "
        // A partition's direct parent (an intermediate level for a leaf of a sub-partitioned table).
        "coalesce((SELECT pn.nspname || '.' || pc.relname FROM pg_inherits i JOIN pg_partitioned_table pt ON "
        "pt.partrelid = i.inhparent JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = "
        "pc.relnamespace WHERE i.inhrelid = c.oid LIMIT 1), ''), "
        "CASE WHEN c.relkind = 'p' THEN coalesce(lv.partitions, 0) ELSE 0 END "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid LEFT JOIN leaves lv ON lv.root = c.oid "
        "WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
        "AND n.nspname NOT LIKE 'pg_toast%'"));
    if (!tables.ok) {
        *error = QStringLiteral("cannot read the tables: %1").arg(tables.error);
        return false;
    }
    // pg_stat_user_indexes lists only indexes with storage. An index on a partitioned table is added from
    // pg_class, with the size and scans of its leaf indexes at every level (each partition's index is
    // attached to its parent's through pg_inherits, like the tables).
    const PgResult indexes = server.exec(QStringLiteral(
        "WITH RECURSIVE tree(root, relid) AS (SELECT x.oid, x.oid FROM pg_class x WHERE x.relkind = 'I' "
        "UNION ALL SELECT tree.root, i.inhrelid FROM tree JOIN pg_inherits i ON i.inhparent = tree.relid), "
        "leaves AS (SELECT tree.root, sum(pg_relation_size(l.oid)) AS bytes, sum(coalesce(ls.idx_scan, 0)) "
        "AS idx_scan FROM tree JOIN pg_class l ON l.oid = tree.relid LEFT JOIN pg_stat_user_indexes ls ON "
        "ls.indexrelid = l.oid WHERE tree.relid <> tree.root AND l.relkind = 'i' GROUP BY tree.root) "
        "SELECT s.schemaname, s.relname, s.indexrelname, pg_get_indexdef(s.indexrelid), "
        "pg_relation_size(s.indexrelid), coalesce(s.idx_scan, 0), i.indisunique::int, i.indisprimary::int, "
        "i.indisvalid::int FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid "
        "UNION ALL SELECT n.nspname, t.relname, x.relname, pg_get_indexdef(x.oid), coalesce(lv.bytes, 0), "
        "coalesce(lv.idx_scan, 0), i.indisunique::int, i.indisprimary::int, i.indisvalid::int "
        "FROM pg_class x JOIN pg_index i ON i.indexrelid = x.oid JOIN pg_class t ON t.oid = i.indrelid "
        "JOIN pg_namespace n ON n.oid = t.relnamespace LEFT JOIN leaves lv ON lv.root = x.oid "
        "WHERE x.relkind = 'I' AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
        "AND n.nspname NOT LIKE 'pg_toast%'"));
    if (!indexes.ok) {
        *error = QStringLiteral("cannot read the indexes: %1").arg(indexes.error);
        return false;
    }
    const PgResult settings = server.execParams(
        QStringLiteral("SELECT name, setting, coalesce(unit, '') FROM pg_settings WHERE name = ANY($1::text[])"),
        {QLatin1Char('{') + settingNames().join(QLatin1Char(',')) + QLatin1Char('}')});
    if (!settings.ok) {
        *error = QStringLiteral("cannot read the settings: %1").arg(settings.error);
        return false;
    }

    QVector<QVariantList> tableRows;
    for (const QStringList& row : tables.rows)
        tableRows.append({sourceId, row.at(0), row.at(1), row.at(2).toLongLong(), std::max(0.0, row.at(3).toDouble()),
            row.at(4).toLongLong(), row.at(5).toLongLong(), row.at(6).toLongLong(), row.at(7).toLongLong(),
            row.at(8).toLongLong(), row.at(9).toLongLong(), row.at(10).toInt(), row.at(11), row.at(12),
            row.at(13).toInt(), nowMs});
    QVector<QVariantList> indexRows;
    for (const QStringList& row : indexes.rows)
        indexRows.append({sourceId, row.at(0), row.at(1), row.at(2), row.at(3), row.at(4).toLongLong(),
            row.at(5).toLongLong(), row.at(6).toInt(), row.at(7).toInt(), row.at(8).toInt(), nowMs});
    QVector<QVariantList> settingRows;
    for (const QStringList& row : settings.rows)
        settingRows.append({sourceId, row.at(0), row.at(1), row.at(2), nowMs});

    if (!db.transaction()) {
        *error = QStringLiteral("cannot start a transaction: %1").arg(db.lastError().text().simplified());
        return false;
    }
    QString storeError;
    bool ok = true;
    for (const char* table : {"pg_tables", "pg_indexes", "pg_settings"}) {
        QSqlQuery clear(db);
        clear.prepare(QStringLiteral("DELETE FROM %1 WHERE source_id = ?").arg(QLatin1String(table)));
        clear.addBindValue(sourceId);
        if (ok && !clear.exec()) {
            storeError = clear.lastError().text().simplified();
            ok = false;
        }
    }
    ok = ok
        && insertRows(db,
            QStringLiteral("INSERT INTO pg_tables (source_id, schema_name, table_name, size_bytes, row_estimate, "
                           "seq_scan, seq_tup_read, idx_scan, n_tup_ins, n_tup_upd, n_tup_del, partitioned, "
                           "partition_key, parent_table, partition_count, collected_ms) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            tableRows, &storeError)
        && insertRows(db,
            QStringLiteral("INSERT INTO pg_indexes (source_id, schema_name, table_name, index_name, definition, "
                           "size_bytes, idx_scan, is_unique, is_primary, is_valid, collected_ms) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            indexRows, &storeError)
        && insertRows(db,
            QStringLiteral("INSERT INTO pg_settings (source_id, name, setting, unit, collected_ms) "
                           "VALUES (?, ?, ?, ?, ?)"),
            settingRows, &storeError);
    if (!ok || !db.commit()) {
        db.rollback();
        *error = QStringLiteral("cannot store the catalog: %1")
                     .arg(storeError.isEmpty() ? db.lastError().text().simplified() : storeError);
        return false;
    }
    out->tables = int(tableRows.size());
    out->indexes = int(indexRows.size());
    out->settings = int(settingRows.size());
    return true;
}

} // namespace dopt
