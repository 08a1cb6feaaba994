#include "migrations.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <libpq-fe.h>
#include <limits>
#include <poll.h>

namespace dopt {

namespace {

// Serialises concurrent openers of one PostgreSQL database: the second waits, then sees the
// version the first recorded and skips the step.
constexpr qint64 PostgresMigrationLock = 0x646f7074; // "dopt"
// The error of a step stopped by the progress callback.
constexpr const char* CancelledStep = "cancelled";

QString oneLine(const QString& text)
{
    return text.simplified();
}

bool exec(QSqlDatabase& db, const QString& sql, QString* error)
{
    QSqlQuery query(db);
    if (query.exec(sql))
        return true;
    *error = oneLine(query.lastError().text());
    return false;
}

// A trigger's body holds statements of its own: its semicolons end the CREATE TRIGGER only after END.
bool insideTriggerBody(const QString& statement)
{
    static const QRegularExpression trigger(
        QStringLiteral("^CREATE\\s+(TEMP\\s+|TEMPORARY\\s+)?TRIGGER\\b"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression begin(QStringLiteral("\\bBEGIN\\b"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression end(QStringLiteral("\\bEND\\s*$"), QRegularExpression::CaseInsensitiveOption);
    const QString trimmed = statement.trimmed();
    // PostgreSQL's CREATE TRIGGER ... EXECUTE FUNCTION f() has no body: its ';' ends it.
    return trigger.match(trimmed).hasMatch() && begin.match(trimmed).hasMatch() && !end.match(trimmed).hasMatch();
}

// SQLite's FTS5 `INSERT INTO t (t) VALUES ('rebuild')`: the table name, or empty for any other statement.
QString ftsRebuildTarget(const QString& statement)
{
    static const QRegularExpression rebuild(
        QStringLiteral("^INSERT\\s+INTO\\s+(\\w+)\\s*\\(\\s*(\\w+)\\s*\\)\\s*VALUES\\s*\\(\\s*'rebuild'\\s*\\)$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = rebuild.match(statement.trimmed());
    return match.hasMatch() && match.captured(1).compare(match.captured(2), Qt::CaseInsensitive) == 0
        ? match.captured(1)
        : QString();
}

QString quoted(const QString& identifier)
{
    return QLatin1Char('"') + QString(identifier).replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1Char('"');
}

/// The rebuild of an external-content FTS5 table done as what it is, delete-all then an insert of
/// every content row, but in batches of content rows (in rowid order) with progress after each.
/// Returns false with *error; *handled false means the table is not of that kind (run the
/// statement as written).
bool rebuildInBatches(QSqlDatabase& db, const QString& table, const QString& migrationName,
    const MigrationProgress& progress, bool* handled, QString* error)
{
    *handled = false;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?"));
    query.addBindValue(table);
    if (!query.exec() || !query.next())
        return true;
    static const QRegularExpression contentOption(QStringLiteral("\\bcontent\\s*=\\s*'([^']+)'"));
    static const QRegularExpression rowidOption(QStringLiteral("\\bcontent_rowid\\s*=\\s*'([^']+)'"));
    const QString definition = query.value(0).toString();
    const QRegularExpressionMatch content = contentOption.match(definition);
    if (!definition.contains(QLatin1String("fts5"), Qt::CaseInsensitive) || !content.hasMatch())
        return true;
    const QRegularExpressionMatch rowid = rowidOption.match(definition);
    const QString source = quoted(content.captured(1));
    const QString key = rowid.hasMatch() ? quoted(rowid.captured(1)) : QStringLiteral("rowid");
    QStringList columns;
    if (!query.exec(QStringLiteral("PRAGMA table_info(%1)").arg(quoted(table))))
        return true;
    while (query.next())
        columns.append(quoted(query.value(1).toString()));
    if (columns.isEmpty())
        return true;
    *handled = true;

    QString stepError;
    if (!exec(db, QStringLiteral("INSERT INTO %1 (%1) VALUES ('delete-all')").arg(quoted(table)), &stepError)
        || !query.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(source)) || !query.next()) {
        *error = stepError.isEmpty() ? oneLine(query.lastError().text()) : stepError;
        return false;
    }
    const qint64 total = query.value(0).toLongLong();
    QSqlQuery batchEnd(db);
    batchEnd.prepare(
        QStringLiteral("SELECT MAX(k), COUNT(*) FROM (SELECT %1 AS k FROM %2 WHERE %1 > ? ORDER BY %1 LIMIT %3)")
            .arg(key, source)
            .arg(Migrations::RebuildBatchRows));
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO %1 (rowid, %2) SELECT %3, %2 FROM %4 WHERE %3 > ? AND %3 <= ?")
                       .arg(quoted(table), columns.join(QStringLiteral(", ")), key, source));
    qint64 done = 0;
    QVariant after = std::numeric_limits<qint64>::min();
    if (progress && !progress(migrationName, 0, total)) {
        *error = QString::fromLatin1(CancelledStep);
        return false;
    }
    for (;;) {
        batchEnd.bindValue(0, after);
        if (!batchEnd.exec() || !batchEnd.next()) {
            *error = oneLine(batchEnd.lastError().text());
            return false;
        }
        const qint64 rows = batchEnd.value(1).toLongLong();
        const QVariant last = batchEnd.value(0);
        batchEnd.finish();
        if (rows == 0)
            return true;
        insert.bindValue(0, after);
        insert.bindValue(1, last);
        if (!insert.exec()) {
            *error = oneLine(insert.lastError().text());
            return false;
        }
        done += rows;
        after = last;
        if (progress && !progress(migrationName, done, qMax(total, done))) {
            *error = QString::fromLatin1(CancelledStep);
            return false;
        }
    }
}

// PostgreSQL's CREATE INDEX: the indexed table, or empty for any other statement.
QString indexBuildTable(const QString& statement)
{
    static const QRegularExpression createIndex(
        QStringLiteral("^CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(IF\\s+NOT\\s+EXISTS\\s+)?\\w+\\s+ON\\s+(\\w+)\\b"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = createIndex.match(statement.trimmed());
    return match.hasMatch() ? match.captured(3) : QString();
}

/// A second connection to the same PostgreSQL database that reads pg_stat_progress_create_index for
/// the migration's backend while its CREATE INDEX runs (the migration's own connection is busy).
class IndexBuildWatcher
{
public:
    IndexBuildWatcher(const QSqlDatabase& db, qint64 backendPid)
        : m_name(QStringLiteral("%1_index_watch").arg(db.connectionName()))
        , m_backendPid(backendPid)
    {
        m_db = QSqlDatabase::cloneDatabase(db, m_name);
        if (!m_db.open())
            qInfo("migration: index build progress unavailable: %s", qPrintable(oneLine(m_db.lastError().text())));
    }
    ~IndexBuildWatcher()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    /// Rows of `total` the build has read so far: the share of the table's blocks scanned (every
    /// index method reports those), or of the tuples loaded (B-tree's last phase) when that is further.
    qint64 rowsDone(qint64 total)
    {
        if (!m_db.isOpen())
            return 0;
        QSqlQuery query(m_db);
        query.prepare(QStringLiteral("SELECT blocks_total, blocks_done, tuples_total, tuples_done "
                                     "FROM pg_stat_progress_create_index WHERE pid = ?"));
        query.addBindValue(m_backendPid);
        if (!query.exec() || !query.next())
            return 0;
        auto share = [total](qint64 whole, qint64 part) { return whole > 0 ? total * qMin(part, whole) / whole : 0; };
        return qMax(share(query.value(0).toLongLong(), query.value(1).toLongLong()),
            share(query.value(2).toLongLong(), query.value(3).toLongLong()));
    }

private:
    QString m_name;
    qint64 m_backendPid = 0;
    QSqlDatabase m_db;
};

/// Runs a PostgreSQL CREATE INDEX that may take minutes (a trigram index over a million SQL texts)
/// without blocking its progress: sent asynchronously on the migration's connection, it is watched
/// in slices of IndexWatchIntervalMs, each reporting the rows the build has read (of the table's
/// row count); a progress callback that answers false cancels the statement on the server (PQcancel),
/// and the migration's transaction is rolled back by the caller. *handled false: no native handle,
/// run the statement as written.
bool buildIndexWatched(QSqlDatabase& db, const QString& statement, const QString& table, const QString& migrationName,
    const MigrationProgress& progress, bool* handled, QString* error)
{
    constexpr int IndexWatchIntervalMs = 200;
    *handled = false;
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || !handle.data()
        || (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0))
        return true;
    PGconn* connection = *static_cast<PGconn* const*>(handle.data());
    qint64 total = 0;
    qint64 backendPid = 0;
    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM %1), pg_backend_pid()").arg(quoted(table)))
            || !query.next()) {
            *error = oneLine(query.lastError().text());
            return false;
        }
        total = query.value(0).toLongLong();
        backendPid = query.value(1).toLongLong();
    } // the query is finished before the connection is used directly
    if (!connection || total == 0)
        return true;
    *handled = true;
    if (!progress(migrationName, 0, total)) {
        *error = QString::fromLatin1(CancelledStep);
        return false;
    }
    IndexBuildWatcher watcher(db, backendPid);
    if (!PQsendQuery(connection, statement.toUtf8().constData())) {
        *error = oneLine(QString::fromUtf8(PQerrorMessage(connection)));
        return false;
    }
    bool cancelled = false;
    QString failure;
    qint64 done = 0;
    for (;;) {
        if (!PQconsumeInput(connection)) {
            failure = oneLine(QString::fromUtf8(PQerrorMessage(connection)));
            break;
        }
        if (!PQisBusy(connection)) {
            PGresult* result = PQgetResult(connection);
            if (!result)
                break;
            if (PQresultStatus(result) != PGRES_COMMAND_OK && failure.isEmpty())
                failure = oneLine(QString::fromUtf8(PQresultErrorMessage(result)));
            PQclear(result);
            continue;
        }
        pollfd socket {PQsocket(connection), POLLIN, 0};
        if (::poll(&socket, 1, IndexWatchIntervalMs) != 0 || cancelled)
            continue;
        done = qMax(done, watcher.rowsDone(total));
        if (!progress(migrationName, done, total)) {
            cancelled = true;
            if (PGcancel* cancel = PQgetCancel(connection)) {
                char reason[256];
                PQcancel(cancel, reason, int(sizeof reason)); // the statement then fails with 57014
                PQfreeCancel(cancel);
            }
        }
    }
    if (cancelled || !failure.isEmpty()) {
        *error = cancelled ? QString::fromLatin1(CancelledStep) : failure;
        return false;
    }
    if (!progress(migrationName, total, total)) {
        *error = QString::fromLatin1(CancelledStep);
        return false;
    }
    return true;
}

/// Runs a block's statements; *cancelled tells a stop asked by the progress callback from a failure
/// (an optional block may fail and be skipped, but a cancel stops the whole migration).
bool runBlock(QSqlDatabase& db, const MigrationBlock& block, const QString& migrationName, bool postgres,
    const MigrationProgress& progress, QString* error, bool* cancelled)
{
    *cancelled = false;
    const QStringList& statements = block.statements;
    for (qsizetype i = 0; i < statements.size(); ++i) {
        QString stepError;
        if (const QString table = postgres ? QString() : ftsRebuildTarget(statements.at(i)); !table.isEmpty()) {
            bool handled = false;
            if (!rebuildInBatches(db, table, migrationName, progress, &handled, &stepError)) {
                *cancelled = stepError == QLatin1String(CancelledStep);
                *error = QStringLiteral("statement %1 (rebuild of %2): %3").arg(i + 1).arg(table, stepError);
                return false;
            }
            if (handled)
                continue;
        }
        if (const QString table = postgres && progress ? indexBuildTable(statements.at(i)) : QString();
            !table.isEmpty()) {
            bool handled = false;
            if (!buildIndexWatched(db, statements.at(i), table, migrationName, progress, &handled, &stepError)) {
                *cancelled = stepError == QLatin1String(CancelledStep);
                *error = QStringLiteral("statement %1 (index on %2): %3").arg(i + 1).arg(table, stepError);
                return false;
            }
            if (handled)
                continue;
        }
        if (!exec(db, statements.at(i), &stepError)) {
            *error = QStringLiteral("statement %1 (%2...): %3")
                         .arg(i + 1)
                         .arg(statements.at(i).simplified().left(60), stepError);
            return false;
        }
    }
    return true;
}

} // namespace

bool Migrations::load(const QString& directory, QVector<Migration>* out, QString* error)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})_([A-Za-z0-9_]+)\\.sql$"));
    const QDir dir(directory);
    if (!dir.exists()) {
        *error = QStringLiteral("migration folder %1 does not exist").arg(directory);
        return false;
    }
    out->clear();
    for (const QString& fileName : dir.entryList(QDir::Files, QDir::Name)) {
        const QRegularExpressionMatch match = pattern.match(fileName);
        if (!match.hasMatch())
            continue;
        QFile file(dir.filePath(fileName));
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read migration %1: %2").arg(file.fileName(), file.errorString());
            return false;
        }
        Migration migration;
        migration.version = match.captured(1).toInt();
        migration.name = fileName.chopped(4);
        migration.sql = QString::fromUtf8(file.readAll());
        const int expected = out->isEmpty() ? 1 : out->last().version + 1;
        if (migration.version != expected) {
            *error = QStringLiteral("migration %1 in %2: expected version %3 (versions must start at 1 without gaps)")
                         .arg(fileName, directory)
                         .arg(expected);
            return false;
        }
        out->append(migration);
    }
    if (out->isEmpty()) {
        *error = QStringLiteral("no NNNN_name.sql migrations in %1").arg(directory);
        return false;
    }
    return true;
}

QString Migrations::expand(const QString& sql, bool postgres)
{
    QString result = sql;
    result.replace(QLatin1String("@ID@"),
        postgres ? QLatin1String("BIGSERIAL PRIMARY KEY") : QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT"));
    result.replace(QLatin1String("@BLOB@"), postgres ? QLatin1String("BYTEA") : QLatin1String("BLOB"));
    return result;
}

QStringList Migrations::splitStatements(const QString& sql)
{
    QStringList statements;
    QString current;
    const qsizetype size = sql.size();
    for (qsizetype i = 0; i < size; ++i) {
        const QChar c = sql.at(i);
        const QChar next = i + 1 < size ? sql.at(i + 1) : QChar();
        if (c == QLatin1Char('-') && next == QLatin1Char('-')) { // line comment: skip to end of line
            while (i < size && sql.at(i) != QLatin1Char('\n'))
                ++i;
            current += QLatin1Char('\n');
        } else if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
            const qsizetype end = sql.indexOf(QLatin1String("*/"), i + 2);
            i = end < 0 ? size : end + 1;
            current += QLatin1Char(' ');
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            // Quoted text or identifier, doubled quotes included; copied verbatim.
            qsizetype end = i + 1;
            while (end < size) {
                if (sql.at(end) == c) {
                    if (end + 1 < size && sql.at(end + 1) == c) {
                        end += 2;
                        continue;
                    }
                    break;
                }
                ++end;
            }
            current += QStringView(sql).mid(i, qMin(end, size - 1) - i + 1);
            i = end;
        } else if (c == QLatin1Char(';') && insideTriggerBody(current)) {
            current += c;
        } else if (c == QLatin1Char(';')) {
            if (!current.trimmed().isEmpty())
                statements.append(current.trimmed());
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.trimmed().isEmpty())
        statements.append(current.trimmed());
    return statements;
}

QVector<MigrationBlock> Migrations::blocksFor(const QString& sql, bool postgres)
{
    static const QRegularExpression marker(QStringLiteral("^\\s*--\\s*@(sqlite|postgres|all)(\\s+optional)?\\s*$"));
    QVector<MigrationBlock> blocks;
    QString text;
    bool runs = true;
    bool optional = false;
    auto flush = [&] {
        const QStringList statements = splitStatements(text);
        if (runs && !statements.isEmpty())
            blocks.append(MigrationBlock {statements, optional});
        text.clear();
    };
    for (const QString& line : sql.split(QLatin1Char('\n'))) {
        const QRegularExpressionMatch match = marker.match(line);
        if (!match.hasMatch()) {
            text += line + QLatin1Char('\n');
            continue;
        }
        flush();
        const QString backend = match.captured(1);
        runs = backend == QLatin1String("all") || (backend == QLatin1String("postgres")) == postgres;
        optional = !match.captured(2).isEmpty();
    }
    flush();
    return blocks;
}

QStringList Migrations::tableNames(QSqlDatabase& db, bool postgres, QString* error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    const QString sql = postgres ? QStringLiteral("SELECT table_name FROM information_schema.tables "
                                                  "WHERE table_schema = current_schema() ORDER BY table_name")
                                 : QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                                                  "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
    QStringList names;
    if (!query.exec(sql)) {
        *error = oneLine(query.lastError().text());
        return names;
    }
    while (query.next())
        names.append(query.value(0).toString());
    return names;
}

int Migrations::recordedVersion(QSqlDatabase& db, bool postgres, QString* error)
{
    QString tablesError;
    const QStringList tables = tableNames(db, postgres, &tablesError);
    if (!tablesError.isEmpty()) {
        *error = tablesError;
        return -1;
    }
    if (!tables.contains(QLatin1String("schema_meta")))
        return 0;
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT MAX(version) FROM schema_meta")) || !query.next()) {
        *error = QStringLiteral("cannot read schema_meta: ") + oneLine(query.lastError().text());
        return -1;
    }
    return query.value(0).toInt();
}

bool Migrations::apply(
    QSqlDatabase& db, const Migration& migration, bool postgres, QString* error, const MigrationProgress& progress)
{
    if (progress && !progress(migration.name, 0, 0)) {
        *error = QStringLiteral("migration %1 cancelled before it started").arg(migration.name);
        return false;
    }
    if (!db.transaction()) {
        *error = QStringLiteral("cannot start the transaction of migration %1: %2")
                     .arg(migration.name, oneLine(db.lastError().text()));
        return false;
    }
    auto fail = [&](const QString& message) {
        db.rollback();
        *error = QStringLiteral("migration %1 failed: %2").arg(migration.name, message);
        return false;
    };
    QString stepError;
    if (postgres) {
        if (!exec(db, QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(PostgresMigrationLock), &stepError))
            return fail(stepError);
        const int version = recordedVersion(db, postgres, &stepError);
        if (version < 0)
            return fail(stepError);
        if (version >= migration.version) // applied meanwhile by another process
            return db.commit() || fail(oneLine(db.lastError().text()));
    }
    if (!exec(db,
            QStringLiteral("CREATE TABLE IF NOT EXISTS schema_meta (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                           "applied_ms BIGINT NOT NULL, app_version TEXT NOT NULL)"),
            &stepError))
        return fail(stepError);
    for (const MigrationBlock& block : blocksFor(expand(migration.sql, postgres), postgres)) {
        bool cancelled = false;
        if (!block.optional) {
            if (!runBlock(db, block, migration.name, postgres, progress, &stepError, &cancelled))
                return fail(stepError);
            continue;
        }
        // A failed optional block leaves nothing behind, and the transaction stays usable.
        if (!exec(db, QStringLiteral("SAVEPOINT optional_block"), &stepError))
            return fail(stepError);
        QString blockError;
        const bool done = runBlock(db, block, migration.name, postgres, progress, &blockError, &cancelled);
        if (cancelled)
            return fail(blockError);
        if ((!done && !exec(db, QStringLiteral("ROLLBACK TO SAVEPOINT optional_block"), &stepError))
            || !exec(db, QStringLiteral("RELEASE SAVEPOINT optional_block"), &stepError))
            return fail(stepError);
        if (!done)
            qInfo("migration %s: optional step skipped: %s", qPrintable(migration.name), qPrintable(blockError));
    }
    QSqlQuery record(db);
    record.prepare(
        QStringLiteral("INSERT INTO schema_meta (version, name, applied_ms, app_version) VALUES (?, ?, ?, ?)"));
    record.addBindValue(migration.version);
    record.addBindValue(migration.name);
    record.addBindValue(QDateTime::currentMSecsSinceEpoch());
    record.addBindValue(QStringLiteral(DOPT_VERSION));
    if (!record.exec())
        return fail(oneLine(record.lastError().text()));
    // user_version lets sqlite3 users see the version without knowing our table; it is transactional.
    if (!postgres && !exec(db, QStringLiteral("PRAGMA user_version = %1").arg(migration.version), &stepError))
        return fail(stepError);
    if (!db.commit())
        return fail(oneLine(db.lastError().text()));
    return true;
}

} // namespace dopt
