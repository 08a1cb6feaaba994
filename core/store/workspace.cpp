#include "workspace.h"

#include "migrations.h"
#include "util/coreresources.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>
#include <atomic>

namespace dopt {

namespace {

// SQLite primary result codes (sqlite3.h); QtSql reports them as the native error code.
constexpr int SqliteBusy = 5;
constexpr int SqliteLocked = 6;
constexpr int SqliteReadOnly = 8;
constexpr int SqliteCorrupt = 11;
constexpr int SqliteFull = 13;
constexpr int SqliteCantOpen = 14;
constexpr int SqliteNotADatabase = 26;

const QString SqliteDriver = QStringLiteral("QSQLITE");
const QString PostgresDriver = QStringLiteral("QPSQL");

std::atomic_int g_workspaceSerial {0};
std::atomic<quint64> g_threadSerial {0};

QString oneLine(const QString& text)
{
    return text.simplified();
}

bool execQuery(QSqlDatabase& db, const QString& sql, QSqlError* sqlError, QString* firstValue = nullptr)
{
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        *sqlError = query.lastError();
        return false;
    }
    if (firstValue && query.next())
        *firstValue = query.value(0).toString();
    return true;
}

bool isSqliteHeader(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return file.read(16) == QByteArray("SQLite format 3\0", 16);
}

} // namespace

Workspace::~Workspace()
{
    close();
}

bool Workspace::isPostgresUrl(const QString& location)
{
    return location.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive)
        || location.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

QString Workspace::upsertIgnoreSuffix() const
{
    return QStringLiteral(" ON CONFLICT DO NOTHING");
}

bool Workspace::open(const QString& pathOrUrl, QString* error)
{
    QString localError;
    if (!error)
        error = &localError;
    close();
    m_connectionPrefix = QStringLiteral("dopt_ws%1").arg(++g_workspaceSerial);
    m_postgres = isPostgresUrl(pathOrUrl);
    const bool ok = m_postgres ? openPostgres(pathOrUrl, error) : openSqlite(pathOrUrl, error);
    if (!ok) {
        close();
        return false;
    }
    m_open = true;
    return true;
}

bool Workspace::openSqlite(const QString& path, QString* error)
{
    if (path.trimmed().isEmpty()) {
        *error = QStringLiteral("no workspace file given");
        return false;
    }
    const QFileInfo info(path);
    m_location = info.absoluteFilePath();
    const QFileInfo folder(info.absolutePath());
    if (!folder.exists()) {
        *error
            = QStringLiteral("cannot create workspace %1: folder %2 does not exist").arg(m_location, folder.filePath());
        return false;
    }
    if (!folder.isDir()) {
        *error = QStringLiteral("cannot create workspace %1: %2 is not a folder").arg(m_location, folder.filePath());
        return false;
    }
    if (info.exists()) {
        if (info.isDir()) {
            *error = QStringLiteral("%1 is a folder, not a workspace file").arg(m_location);
            return false;
        }
        if (!info.isReadable()) {
            *error = QStringLiteral("cannot read workspace %1: permission denied").arg(m_location);
            return false;
        }
        if (info.size() > 0 && !isSqliteHeader(m_location)) {
            *error = QStringLiteral("%1 is not a SQLite database, so not a Dremio Optimizer workspace").arg(m_location);
            return false;
        }
        // access(W_OK) also catches what permission bits do not show: immutable files, read-only mounts.
        if (!info.isWritable()) {
            *error = QStringLiteral("workspace %1 is read-only (no write permission, immutable or on a read-only "
                                    "file system); copy it to a writable place")
                         .arg(m_location);
            return false;
        }
        if (!folder.isWritable()) {
            *error = QStringLiteral("workspace %1 is in the read-only folder %2 (SQLite needs to create its -wal and "
                                    "-shm files there)")
                         .arg(m_location, folder.filePath());
            return false;
        }
    } else if (!folder.isWritable()) {
        *error
            = QStringLiteral("cannot create workspace %1: folder %2 is read-only").arg(m_location, folder.filePath());
        return false;
    }
    m_driver = SqliteDriver;
    m_databaseName = m_location;
    m_connectOptions = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_busyTimeoutMs);
    return inspectAndMigrate(error);
}

bool Workspace::openPostgres(const QString& url, QString* error)
{
    const QUrl parsed(url, QUrl::StrictMode);
    QUrl safe = parsed;
    safe.setPassword(QString());
    m_location = safe.toString(QUrl::RemovePassword);
    if (!parsed.isValid()) {
        *error = QStringLiteral("invalid PostgreSQL URL %1: %2").arg(m_location, parsed.errorString());
        return false;
    }
    m_host = parsed.host();
    m_port = parsed.port(5432);
    m_databaseName = parsed.path().mid(1);
    m_user = parsed.userName();
    m_password = parsed.password();
    if (m_password.isEmpty())
        m_password = qEnvironmentVariable("PGPASSWORD");
    if (m_host.isEmpty() || m_databaseName.isEmpty() || m_databaseName.contains(QLatin1Char('/'))) {
        *error = QStringLiteral("invalid PostgreSQL URL %1: expected postgresql://user[:password]@host:port/database")
                     .arg(m_location);
        return false;
    }
    QStringList options {QStringLiteral("application_name=dremio-optimizer"), QStringLiteral("connect_timeout=10")};
    static const QStringList sslModes {QStringLiteral("disable"), QStringLiteral("allow"), QStringLiteral("prefer"),
        QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    const QUrlQuery query(parsed);
    for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("sslmode") && sslModes.contains(value)) {
            options.append(QStringLiteral("sslmode=") + value);
        } else {
            *error = QStringLiteral("invalid PostgreSQL URL %1: unsupported parameter %2=%3 (supported: sslmode=%4)")
                         .arg(m_location, key, value, sslModes.join(QLatin1Char('|')));
            return false;
        }
    }
    m_driver = PostgresDriver;
    m_connectOptions = options.join(QLatin1Char(';'));
    return inspectAndMigrate(error);
}

QString Workspace::describeSqlError(const QString& what, const QSqlError& sqlError) const
{
    const QString text = oneLine(sqlError.text());
    if (m_postgres)
        return QStringLiteral("%1 %2: %3").arg(what, m_location, text);
    switch (sqlError.nativeErrorCode().toInt() & 0xff) { // extended codes carry the primary code in the low byte
    case SqliteBusy:
    case SqliteLocked:
        return QStringLiteral("workspace %1 is locked by another program (waited %2 ms); close it or try again")
            .arg(m_location)
            .arg(m_busyTimeoutMs);
    case SqliteReadOnly:
        return QStringLiteral("workspace %1 is read-only: %2").arg(m_location, text);
    case SqliteNotADatabase:
        return QStringLiteral("%1 is not a SQLite database, so not a Dremio Optimizer workspace").arg(m_location);
    case SqliteCorrupt:
        return QStringLiteral("workspace %1 is damaged (SQLite reports corruption): %2").arg(m_location, text);
    case SqliteFull:
        return QStringLiteral("workspace %1: the disk is full").arg(m_location);
    case SqliteCantOpen:
        return QStringLiteral("cannot open workspace %1: %2").arg(m_location, text);
    default:
        return QStringLiteral("%1 %2: %3").arg(what, m_location, text);
    }
}

bool Workspace::openConnection(QSqlDatabase& db, QString* error) const
{
    db.setDatabaseName(m_databaseName);
    db.setConnectOptions(m_connectOptions);
    if (m_postgres) {
        db.setHostName(m_host);
        db.setPort(m_port);
        db.setUserName(m_user);
        db.setPassword(m_password);
    }
    if (db.open())
        return true;
    *error = describeSqlError(
        m_postgres ? QStringLiteral("cannot connect to PostgreSQL workspace") : QStringLiteral("cannot open workspace"),
        db.lastError());
    return false;
}

bool Workspace::configureConnection(QSqlDatabase& db, QString* error) const
{
    QSqlError sqlError;
    if (m_postgres) {
        // libpq prints NOTICEs (e.g. "already exists, skipping") to stderr otherwise. pg_catalog goes
        // last: the workspace has tables named like catalog views (pg_settings, pg_tables, pg_indexes:
        // what it collected from a monitored server), and PostgreSQL searches pg_catalog first unless
        // the path names it.
        if (execQuery(db, QStringLiteral("SET client_min_messages TO warning"), &sqlError)
            && execQuery(db, QStringLiteral("SET search_path TO \"$user\", public, pg_catalog"), &sqlError))
            return true;
        *error = describeSqlError(QStringLiteral("cannot configure the connection to"), sqlError);
        return false;
    }
    QString mode;
    if (!execQuery(db, QStringLiteral("PRAGMA journal_mode = WAL"), &sqlError, &mode)) {
        *error = describeSqlError(QStringLiteral("cannot switch to WAL mode:"), sqlError);
        return false;
    }
    if (mode.compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
        *error = QStringLiteral("workspace %1: SQLite refused WAL mode (journal mode is %2)").arg(m_location, mode);
        return false;
    }
    // Per connection, not stored in the file: every thread's connection needs them.
    QString foreignKeys;
    if (!execQuery(db, QStringLiteral("PRAGMA foreign_keys = ON"), &sqlError)
        || !execQuery(db, QStringLiteral("PRAGMA busy_timeout = %1").arg(m_busyTimeoutMs), &sqlError)
        || !execQuery(db, QStringLiteral("PRAGMA synchronous = NORMAL"), &sqlError) // safe with WAL, much faster
        || !execQuery(db, QStringLiteral("PRAGMA foreign_keys"), &sqlError, &foreignKeys)) {
        *error = describeSqlError(QStringLiteral("cannot configure"), sqlError);
        return false;
    }
    if (foreignKeys != QLatin1String("1")) {
        *error = QStringLiteral("workspace %1: this SQLite build cannot enforce foreign keys").arg(m_location);
        return false;
    }
    return true;
}

bool Workspace::inspectAndMigrate(QString* error)
{
    const QString name = threadConnectionName();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(m_driver, name);
        QMutexLocker lock(&m_mutex);
        m_connections.insert(name, QThread::currentThread());
    }
    QSqlDatabase db = QSqlDatabase::database(name, false);
    if (!db.isValid()) {
        *error = QStringLiteral("the Qt %1 driver is not available (install the QtSql %2 plugin)")
                     .arg(m_driver, m_postgres ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite"));
        return false;
    }
    if (!openConnection(db, error))
        return false;

    // Read-only look first: nothing is written before we know the workspace is ours and not newer.
    QSqlError sqlError;
    const QString probe
        = m_postgres ? QStringLiteral("SELECT 1") : QStringLiteral("SELECT COUNT(*) FROM sqlite_master");
    if (!execQuery(db, probe, &sqlError)) {
        *error = describeSqlError(QStringLiteral("cannot read workspace"), sqlError);
        return false;
    }
    QString stepError;
    const QStringList tables = Migrations::tableNames(db, m_postgres, &stepError);
    const int version = stepError.isEmpty() ? Migrations::recordedVersion(db, m_postgres, &stepError) : -1;
    if (version < 0) {
        *error = QStringLiteral("cannot read the schema of workspace %1: %2").arg(m_location, stepError);
        return false;
    }
    if (version > CurrentSchemaVersion) {
        *error = QStringLiteral("workspace %1 was written by a newer Dremio Optimizer (schema version %2, this version "
                                "reads up to %3); open it with a newer version")
                     .arg(m_location)
                     .arg(version)
                     .arg(CurrentSchemaVersion);
        return false;
    }
    if (version == 0 && !tables.isEmpty()) {
        const QStringList shown = tables.mid(0, 5);
        *error = QStringLiteral("%1 is not a Dremio Optimizer workspace: it already holds other tables (%2%3)")
                     .arg(m_location, shown.join(QStringLiteral(", ")),
                         tables.size() > shown.size() ? QStringLiteral(", ...") : QString());
        return false;
    }
    if (!configureConnection(db, error))
        return false;
    if (!m_postgres) {
        // Take and drop the write lock now, so a workspace another program is writing fails here with a
        // clear message instead of at the first import.
        if (!execQuery(db, QStringLiteral("BEGIN IMMEDIATE"), &sqlError)
            || !execQuery(db, QStringLiteral("ROLLBACK"), &sqlError)) {
            *error = describeSqlError(QStringLiteral("cannot write workspace"), sqlError);
            return false;
        }
    }
    m_schemaVersion = version;
    m_foundSchemaVersion = version;
    return migrate(error);
}

bool Workspace::migrate(QString* error)
{
    if (m_schemaVersion >= m_targetVersion)
        return true;
    initCoreResources();
    const QString directory
        = m_migrationDirectory.isEmpty() ? QString::fromLatin1(Migrations::DefaultDirectory) : m_migrationDirectory;
    QVector<Migration> migrations;
    QString stepError;
    if (!Migrations::load(directory, &migrations, &stepError)) {
        *error = QStringLiteral("cannot upgrade workspace %1: %2").arg(m_location, stepError);
        return false;
    }
    if (migrations.last().version < m_targetVersion) {
        *error = QStringLiteral("cannot upgrade workspace %1: migrations in %2 stop at version %3, %4 is needed")
                     .arg(m_location, directory)
                     .arg(migrations.last().version)
                     .arg(m_targetVersion);
        return false;
    }
    QSqlDatabase db = QSqlDatabase::database(threadConnectionName(), false);
    for (const Migration& migration : std::as_const(migrations)) {
        if (migration.version <= m_schemaVersion || migration.version > m_targetVersion)
            continue;
        if (!Migrations::apply(db, migration, m_postgres, &stepError, m_migrationProgress)) {
            *error = QStringLiteral("cannot upgrade workspace %1 to version %2: %3")
                         .arg(m_location)
                         .arg(migration.version)
                         .arg(stepError);
            return false;
        }
        m_schemaVersion = migration.version;
    }
    return true;
}

QString Workspace::threadConnectionName() const
{
    // The serial keeps names unique even when the OS reuses the id of a finished thread.
    thread_local const quint64 threadSerial = ++g_threadSerial;
    return QStringLiteral("%1_thread%2_%3")
        .arg(m_connectionPrefix)
        .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()), 0, 16)
        .arg(threadSerial);
}

QSqlDatabase Workspace::database() const
{
    if (!m_open)
        return QSqlDatabase();
    const QString name = threadConnectionName();
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name, false);
    QSqlDatabase db = QSqlDatabase::addDatabase(m_driver, name);
    {
        QMutexLocker lock(&m_mutex);
        m_connections.insert(name, QThread::currentThread());
    }
    QString error;
    if (!openConnection(db, &error) || !configureConnection(db, &error))
        qWarning("%s", qUtf8Printable(error)); // queries on it fail with the driver's error as well
    return db;
}

void Workspace::releaseThreadConnection() const
{
    const QString name = threadConnectionName();
    {
        QMutexLocker lock(&m_mutex);
        m_connections.remove(name);
    }
    if (!QSqlDatabase::contains(name))
        return;
    QSqlDatabase::database(name, false).close();
    QSqlDatabase::removeDatabase(name);
}

int Workspace::connectionCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_connections.size());
}

void Workspace::close()
{
    QHash<QString, QThread*> connections;
    {
        QMutexLocker lock(&m_mutex);
        connections.swap(m_connections);
    }
    for (auto it = connections.cbegin(); it != connections.cend(); ++it) {
        // Another thread's connection can only be closed by that thread; removing it here just drops
        // the registry entry (Qt closes it when the last copy goes).
        if (it.value() == QThread::currentThread())
            QSqlDatabase::database(it.key(), false).close();
        QSqlDatabase::removeDatabase(it.key());
    }
    m_open = false;
    m_schemaVersion = 0;
    m_foundSchemaVersion = 0;
    m_driver.clear();
    m_password.clear();
    m_host.clear();
    m_user.clear();
    m_databaseName.clear();
    m_connectOptions.clear();
    m_port = -1;
}

} // namespace dopt
