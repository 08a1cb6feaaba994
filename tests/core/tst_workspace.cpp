// Workspace: creation, migrations, refusal of foreign/newer/unwritable workspaces, per-thread
// connections. Data-driven over SQLite and a throwaway PostgreSQL server.
#include "store/migrations.h"
#include "store/sourcerepository.h"
#include "store/workspace.h"
#include "testdata.h"
#include "tst_storebackends.h"
#include "util/coreresources.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <QUrl>
#include <unistd.h>

using namespace dopt;

namespace {

/// A connection that bypasses Workspace, to prepare or inspect a database the way another program would.
class RawConnection
{
public:
    explicit RawConnection(const QString& location)
        : m_name(QStringLiteral("raw_%1").arg(++s_serial))
    {
        if (Workspace::isPostgresUrl(location)) {
            const QUrl url(location);
            m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
            m_db.setHostName(url.host());
            m_db.setPort(url.port());
            m_db.setUserName(url.userName());
            m_db.setDatabaseName(url.path().mid(1));
        } else {
            m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
            m_db.setDatabaseName(location);
        }
        if (!m_db.open())
            qWarning("raw connection failed: %s", qPrintable(m_db.lastError().text()));
    }
    ~RawConnection()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase& db() { return m_db; }
    /// Runs a statement; returns the first column of the first row (or an "error: ..." string).
    QString exec(const QString& sql)
    {
        QSqlQuery query(m_db);
        if (!query.exec(sql))
            return QStringLiteral("error: ") + query.lastError().text();
        return query.next() ? query.value(0).toString() : QString();
    }

private:
    static inline int s_serial = 0;
    QString m_name;
    QSqlDatabase m_db;
};

QByteArray folderFingerprint(const QString& folder)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const QDir dir(folder);
    for (const QString& name : dir.entryList(QDir::Files | QDir::Hidden, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            return QByteArray("unreadable ") + name.toUtf8();
        hash.addData(name.toUtf8());
        hash.addData(file.readAll());
    }
    return hash.result().toHex();
}

constexpr int NextVersion = Workspace::CurrentSchemaVersion + 1;

/// A migration folder holding the shipped migrations plus a test's script as the next version
/// (NNNN_<name>.sql); empty on failure.
QString migrationFolderWith(const QString& name, const QByteArray& script)
{
    initCoreResources();
    const QString folder = dopt::test::tempDir();
    const QDir shipped(QStringLiteral(":/dopt/migrations"));
    for (const QString& file : shipped.entryList(QDir::Files)) {
        if (!QFile::copy(shipped.filePath(file), folder + QLatin1Char('/') + file))
            return QString();
    }
    QFile next(folder + QStringLiteral("/%1_%2.sql").arg(NextVersion, 4, 10, QLatin1Char('0')).arg(name));
    const bool ok = next.open(QIODevice::WriteOnly) && next.write(script) == script.size();
    return ok ? folder : QString();
}

QString queryValue(QSqlDatabase db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return QStringLiteral("error: ") + query.lastError().text();
    return query.value(0).toString();
}

} // namespace

class tst_Workspace : public QObject
{
    Q_OBJECT

private:
    StoreBackends m_backends;

// Fetches the backend column and a fresh location for it; skips when PostgreSQL is unavailable.
#define FRESH_LOCATION(var)                                                                                            \
    QFETCH(QString, backend);                                                                                          \
    const QString var = m_backends.freshLocation(backend);                                                             \
    if (var.isEmpty())                                                                                                 \
    QSKIP(qPrintable(m_backends.skipReason()))

private Q_SLOTS:
    void initTestCase()
    {
        m_backends.start();
    }

    void createAndReopen_data()
    {
        StoreBackends::addRows();
    }
    void createAndReopen()
    {
        FRESH_LOCATION(location);
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.open(location, &error), qPrintable(error));
        QCOMPARE(workspace.isPostgres(), backend == QLatin1String("postgresql"));
        QCOMPARE(workspace.schemaVersion(), Workspace::CurrentSchemaVersion);
        QCOMPARE(queryValue(workspace.database(), QStringLiteral("SELECT MAX(version) FROM schema_meta")),
            QString::number(Workspace::CurrentSchemaVersion));
        const QString appliedMs
            = queryValue(workspace.database(), QStringLiteral("SELECT MAX(applied_ms) FROM schema_meta"));
        // pg_settings/pg_tables/pg_indexes are the workspace's copies of a monitored server's catalog: on a
        // PostgreSQL workspace they must not resolve to the server's own pg_catalog views.
        for (const char* table : {"sources", "import_runs", "import_files", "jobs", "profiles", "operators", "datasets",
                 "job_datasets", "reflections", "job_reflections", "pg_settings", "pg_tables", "pg_indexes"}) {
            QCOMPARE(
                queryValue(workspace.database(), QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table))),
                QStringLiteral("0"));
        }
        workspace.close();
        QVERIFY(!workspace.isOpen());

        // Reopening applies nothing: still one schema_meta row with the first open's timestamp.
        QVERIFY2(workspace.open(location, &error), qPrintable(error));
        QCOMPARE(queryValue(workspace.database(), QStringLiteral("SELECT COUNT(*) FROM schema_meta")),
            QString::number(Workspace::CurrentSchemaVersion));
        QCOMPARE(
            queryValue(workspace.database(), QStringLiteral("SELECT MAX(applied_ms) FROM schema_meta")), appliedMs);
    }

    void sqliteConnectionSettings()
    {
        const QString path = m_backends.freshLocation(QStringLiteral("sqlite"));
        Workspace workspace;
        workspace.setBusyTimeoutMs(1234);
        QString error;
        QVERIFY2(workspace.open(path, &error), qPrintable(error));
        QSqlDatabase db = workspace.database();
        QCOMPARE(queryValue(db, QStringLiteral("PRAGMA journal_mode")), QStringLiteral("wal"));
        QCOMPARE(queryValue(db, QStringLiteral("PRAGMA foreign_keys")), QStringLiteral("1"));
        QCOMPARE(queryValue(db, QStringLiteral("PRAGMA busy_timeout")), QStringLiteral("1234"));
        QCOMPARE(
            queryValue(db, QStringLiteral("PRAGMA user_version")), QString::number(Workspace::CurrentSchemaVersion));
        QCOMPARE(workspace.location(), QFileInfo(path).absoluteFilePath());
    }

    void foreignKeysEnforced_data()
    {
        StoreBackends::addRows();
    }
    void foreignKeysEnforced()
    {
        FRESH_LOCATION(location);
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.open(location, &error), qPrintable(error));
        QSqlQuery query(workspace.database());
        QVERIFY(!query.exec(QStringLiteral("INSERT INTO import_files (import_run_id, path, format, status) "
                                           "VALUES (4242, 'x', 'y', 'z')")));
        QVERIFY(query.exec(QStringLiteral("INSERT INTO import_runs (started_ms, status) VALUES (1, 'running')")));
        QVERIFY(query.exec(QStringLiteral("INSERT INTO import_files (import_run_id, path, format, status) "
                                          "SELECT MAX(id), 'x', 'y', 'z' FROM import_runs")));
        QVERIFY(query.exec(QStringLiteral("DELETE FROM import_runs")));
        QCOMPARE(queryValue(workspace.database(), QStringLiteral("SELECT COUNT(*) FROM import_files")),
            QStringLiteral("0")); // ON DELETE CASCADE ran
    }

    void migrateEmptyDatabase_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<bool>("zeroByteFile");
        QTest::newRow("sqlite empty database") << QStringLiteral("sqlite") << false;
        QTest::newRow("sqlite zero-byte file") << QStringLiteral("sqlite") << true;
        QTest::newRow("postgresql empty database") << QStringLiteral("postgresql") << false;
    }
    void migrateEmptyDatabase()
    {
        QFETCH(bool, zeroByteFile);
        FRESH_LOCATION(location);
        if (backend == QLatin1String("sqlite")) {
            if (zeroByteFile) {
                QFile file(location);
                QVERIFY(file.open(QIODevice::WriteOnly));
            } else {
                RawConnection raw(location); // a valid SQLite file without any table
                QCOMPARE(raw.exec(QStringLiteral("PRAGMA page_size = 4096")), QString());
                QCOMPARE(raw.exec(QStringLiteral("VACUUM")), QString());
            }
            QVERIFY(QFile::exists(location));
        }
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.open(location, &error), qPrintable(error));
        QCOMPARE(workspace.schemaVersion(), Workspace::CurrentSchemaVersion);
        QCOMPARE(queryValue(workspace.database(), QStringLiteral("SELECT COUNT(*) FROM jobs")), QStringLiteral("0"));
    }

    void upgradeFromEveryEarlierVersion_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<int>("fromVersion");
        for (int version = 1; version < Workspace::CurrentSchemaVersion; ++version) {
            QTest::addRow("sqlite from %d", version) << QStringLiteral("sqlite") << version;
            QTest::addRow("postgresql from %d", version) << QStringLiteral("postgresql") << version;
        }
        if (Workspace::CurrentSchemaVersion == 1)
            QTest::newRow("no earlier version") << QStringLiteral("sqlite") << 0;
    }
    void upgradeFromEveryEarlierVersion()
    {
        QFETCH(int, fromVersion);
        if (fromVersion == 0)
            QSKIP("schema version 1 is the only one: nothing to upgrade from");
        FRESH_LOCATION(location);
        QString error;
        {
            Workspace old; // a workspace as that earlier release left it
            old.setTargetSchemaVersion(fromVersion);
            QVERIFY2(old.open(location, &error), qPrintable(error));
            QCOMPARE(old.schemaVersion(), fromVersion);
            QSqlQuery query(old.database());
            QVERIFY(
                query.exec(QStringLiteral("INSERT INTO sources (kind, name, created_ms) VALUES ('demo', 'kept', 1)")));
        }
        Workspace workspace;
        QVERIFY2(workspace.open(location, &error), qPrintable(error));
        QCOMPARE(workspace.schemaVersion(), Workspace::CurrentSchemaVersion);
        QCOMPARE(queryValue(workspace.database(), QStringLiteral("SELECT name FROM sources")), QStringLiteral("kept"));
        QCOMPARE(queryValue(workspace.database(), QStringLiteral("SELECT COUNT(*) FROM schema_meta")),
            QString::number(Workspace::CurrentSchemaVersion));
    }

    void upgradeToNextVersion_data()
    {
        StoreBackends::addRows();
    }
    void upgradeToNextVersion()
    {
        FRESH_LOCATION(location);
        const QString migrations = migrationFolderWith(QStringLiteral("notes"),
            "-- a second step; the ';' in the string below must not split the statement\n"
            "CREATE TABLE notes (id @ID@, body TEXT NOT NULL DEFAULT 'a;b', payload @BLOB@);\n"
            "INSERT INTO notes (body) SELECT name FROM sources;\n");
        QVERIFY(!migrations.isEmpty());
        QString error;
        {
            Workspace workspace;
            QVERIFY2(workspace.open(location, &error), qPrintable(error));
            QSqlQuery query(workspace.database());
            QVERIFY(
                query.exec(QStringLiteral("INSERT INTO sources (kind, name, created_ms) VALUES ('demo', 'kept', 1)")));
        }

        Workspace workspace;
        workspace.setMigrationDirectory(migrations);
        workspace.setTargetSchemaVersion(NextVersion);
        QVERIFY2(workspace.open(location, &error), qPrintable(error));
        QCOMPARE(workspace.schemaVersion(), NextVersion);
        QCOMPARE(queryValue(workspace.database(), QStringLiteral("SELECT body FROM notes")), QStringLiteral("kept"));
        QCOMPARE(queryValue(workspace.database(), QStringLiteral("SELECT COUNT(*) FROM schema_meta")),
            QString::number(NextVersion));
        if (!workspace.isPostgres())
            QCOMPARE(
                queryValue(workspace.database(), QStringLiteral("PRAGMA user_version")), QString::number(NextVersion));
    }

    void failedMigrationRollsBack_data()
    {
        StoreBackends::addRows();
    }
    void failedMigrationRollsBack()
    {
        FRESH_LOCATION(location);
        const QString migrations = migrationFolderWith(
            QStringLiteral("broken"), "CREATE TABLE half_done (id @ID@);\nINSERT INTO no_such_table VALUES (1);\n");
        QVERIFY(!migrations.isEmpty());
        QString error;
        {
            Workspace workspace;
            QVERIFY2(workspace.open(location, &error), qPrintable(error));
        }
        Workspace workspace;
        workspace.setMigrationDirectory(migrations);
        workspace.setTargetSchemaVersion(NextVersion);
        QVERIFY(!workspace.open(location, &error));
        QVERIFY2(error.contains(QStringLiteral("%1_broken").arg(NextVersion, 4, 10, QLatin1Char('0')))
                && error.contains(QLatin1String("statement 2")),
            qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));

        Workspace reopened;
        QVERIFY2(reopened.open(location, &error), qPrintable(error));
        QCOMPARE(reopened.schemaVersion(), Workspace::CurrentSchemaVersion);
        QString tablesError;
        QSqlDatabase db = reopened.database();
        QVERIFY(!Migrations::tableNames(db, reopened.isPostgres(), &tablesError).contains(QLatin1String("half_done")));
    }

    void backendBlocksAndOptionalSteps_data()
    {
        StoreBackends::addRows();
    }
    void backendBlocksAndOptionalSteps()
    {
        FRESH_LOCATION(location);
        // Each backend runs its own block and the common ones; a failing optional block is undone
        // (its first table too) and the migration goes on; a trigger body keeps its semicolons.
        const QString migrations = migrationFolderWith(QStringLiteral("blocks"),
            "CREATE TABLE common_a (id @ID@, who TEXT);\n"
            "-- @sqlite\n"
            "CREATE TABLE only_sqlite (id INTEGER);\n"
            "CREATE TRIGGER common_a_count AFTER INSERT ON common_a BEGIN\n"
            "    INSERT INTO only_sqlite VALUES (1); INSERT INTO only_sqlite VALUES (2);\n"
            "END;\n"
            "-- @postgres\n"
            "CREATE TABLE only_postgres (id INTEGER);\n"
            "-- @all optional\n"
            "CREATE TABLE undone (id INTEGER);\n"
            "CREATE EXTENSION no_such_extension_here;\n"
            "-- @all optional\n"
            "CREATE TABLE optional_kept (id INTEGER);\n"
            "-- @all\n"
            "INSERT INTO common_a (who) VALUES ('after the blocks');\n");
        QVERIFY(!migrations.isEmpty());
        Workspace workspace;
        workspace.setMigrationDirectory(migrations);
        workspace.setTargetSchemaVersion(NextVersion);
        QString error;
        QVERIFY2(workspace.open(location, &error), qPrintable(error));
        QCOMPARE(workspace.schemaVersion(), NextVersion);
        QSqlDatabase db = workspace.database();
        const QStringList tables = Migrations::tableNames(db, workspace.isPostgres(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(tables.contains(QLatin1String("common_a")));
        QVERIFY(tables.contains(QLatin1String("optional_kept")));
        QVERIFY(!tables.contains(QLatin1String("undone")));
        QCOMPARE(tables.contains(QLatin1String("only_sqlite")), !workspace.isPostgres());
        QCOMPARE(tables.contains(QLatin1String("only_postgres")), workspace.isPostgres());
        QCOMPARE(queryValue(db, QStringLiteral("SELECT who FROM common_a")), QStringLiteral("after the blocks"));
        if (!workspace.isPostgres()) // the trigger ran both statements of its body
            QCOMPARE(queryValue(db, QStringLiteral("SELECT SUM(id) FROM only_sqlite")), QStringLiteral("3"));
    }

    void newerWorkspaceRefusedUntouched_data()
    {
        StoreBackends::addRows();
    }
    void newerWorkspaceRefusedUntouched()
    {
        FRESH_LOCATION(location);
        QString error;
        {
            Workspace workspace;
            QVERIFY2(workspace.open(location, &error), qPrintable(error));
            QSqlQuery query(workspace.database());
            QVERIFY(query.exec(QStringLiteral("INSERT INTO schema_meta (version, name, applied_ms, app_version) "
                                              "VALUES (99, '0099_future', 1, '9.9')")));
            if (!workspace.isPostgres())
                QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 99")));
        }
        const bool sqlite = backend == QLatin1String("sqlite");
        const QByteArray before = sqlite ? folderFingerprint(QFileInfo(location).absolutePath()) : QByteArray();
        const QString metaBefore = RawConnection(location).exec(QStringLiteral("SELECT COUNT(*) FROM schema_meta"));

        Workspace workspace;
        QVERIFY(!workspace.open(location, &error));
        QVERIFY2(error.contains(QLatin1String("newer")) && error.contains(QLatin1String("schema version 99")),
            qPrintable(error));
        QVERIFY(!workspace.isOpen());
        QVERIFY(!workspace.database().isValid());
        if (sqlite)
            QCOMPARE(folderFingerprint(QFileInfo(location).absolutePath()), before);
        QCOMPARE(RawConnection(location).exec(QStringLiteral("SELECT COUNT(*) FROM schema_meta")), metaBefore);
    }

    void foreignDatabaseRefused_data()
    {
        StoreBackends::addRows();
    }
    void foreignDatabaseRefused()
    {
        FRESH_LOCATION(location);
        {
            RawConnection raw(location);
            QCOMPARE(raw.exec(QStringLiteral("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")), QString());
        }
        Workspace workspace;
        QString error;
        QVERIFY(!workspace.open(location, &error));
        QVERIFY2(error.contains(QLatin1String("not a Dremio Optimizer workspace"))
                && error.contains(QLatin1String("customers")),
            qPrintable(error));
        RawConnection raw(location);
        QString tablesError;
        QCOMPARE(Migrations::tableNames(raw.db(), Workspace::isPostgresUrl(location), &tablesError),
            QStringList {QStringLiteral("customers")});
    }

    void notADatabaseRefused_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("text") << QByteArray("name,value\nalpha,1\n");
        QTest::newRow("json profile") << QByteArray(R"({"id":{"part1":1},"query":"SELECT 1"})");
        QTest::newRow("sqlite header then garbage") << (QByteArray("SQLite format 3\0", 16) + QByteArray(600, 'x'));
    }
    void notADatabaseRefused()
    {
        QFETCH(QByteArray, content);
        const QString path = dopt::test::tempDir() + QStringLiteral("/data.dopt");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        Workspace workspace;
        QString error;
        QVERIFY(!workspace.open(path, &error));
        QVERIFY2(error.contains(QLatin1String("not a SQLite database")) || error.contains(QLatin1String("damaged")),
            qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), content);
    }

    void uncreatablePathRefused_data()
    {
        QTest::addColumn<QString>("relativePath");
        QTest::addColumn<QString>("expected");
        QTest::newRow("parent is a file") << QStringLiteral("plain-file/ws.dopt") << QStringLiteral("is not a folder");
        QTest::newRow("parent missing") << QStringLiteral("missing/ws.dopt") << QStringLiteral("does not exist");
        QTest::newRow("path is a folder") << QStringLiteral("folder") << QStringLiteral("is a folder");
        QTest::newRow("empty") << QString() << QStringLiteral("no workspace file");
    }
    void uncreatablePathRefused()
    {
        QFETCH(QString, relativePath);
        QFETCH(QString, expected);
        const QString base = dopt::test::tempDir();
        QFile plain(base + QStringLiteral("/plain-file"));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        QVERIFY(QDir(base).mkdir(QStringLiteral("folder")));
        Workspace workspace;
        QString error;
        QVERIFY(!workspace.open(relativePath.isEmpty() ? QString() : base + QLatin1Char('/') + relativePath, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    // Root ignores permission bits, so as root the file is made immutable (chattr +i), which stops
    // root's writes too; unprivileged runs use chmod.
    void readOnlyFileRefused()
    {
        const QString path = m_backends.freshLocation(QStringLiteral("sqlite"));
        QString error;
        {
            Workspace workspace;
            QVERIFY2(workspace.open(path, &error), qPrintable(error));
        }
        const bool root = ::geteuid() == 0;
        if (root) {
            if (QProcess::execute(QStringLiteral("chattr"), {QStringLiteral("+i"), path}) != 0)
                QSKIP("running as root and chattr +i is not supported here: cannot make a file read-only for root");
        } else {
            QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup));
        }
        const auto restore = qScopeGuard([&] {
            if (root)
                QProcess::execute(QStringLiteral("chattr"), {QStringLiteral("-i"), path});
            QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        });
        QFile probe(path);
        QVERIFY2(!probe.open(QIODevice::ReadWrite), "the file is still writable: the test setup failed");
        Workspace workspace;
        QVERIFY(!workspace.open(path, &error));
        QVERIFY2(error.contains(QLatin1String("read-only")), qPrintable(error));
    }

    void lockedDatabaseRefused()
    {
        const QString path = m_backends.freshLocation(QStringLiteral("sqlite"));
        QString error;
        {
            Workspace workspace;
            QVERIFY2(workspace.open(path, &error), qPrintable(error));
        }
        RawConnection other(path);
        QCOMPARE(other.exec(QStringLiteral("BEGIN EXCLUSIVE")), QString());
        Workspace workspace;
        workspace.setBusyTimeoutMs(50);
        QVERIFY(!workspace.open(path, &error));
        QVERIFY2(error.contains(QLatin1String("locked by another program")), qPrintable(error));
        QCOMPARE(other.exec(QStringLiteral("ROLLBACK")), QString());
        QVERIFY2(workspace.open(path, &error), qPrintable(error));
    }

    void connectionPerThread_data()
    {
        StoreBackends::addRows();
    }
    void connectionPerThread()
    {
        FRESH_LOCATION(location);
        Workspace workspace;
        QString error;
        QVERIFY2(workspace.open(location, &error), qPrintable(error));
        const QString mainName = workspace.database().connectionName();
        QCOMPARE(workspace.connectionCount(), 1);

        QString workerName;
        QString workerForeignKeys;
        qint64 workerSourceId = -1;
        int countWhileRunning = 0;
        QThread* thread = QThread::create([&] {
            {
                QSqlDatabase db = workspace.database();
                workerName = db.connectionName();
                if (!workspace.isPostgres())
                    workerForeignKeys = queryValue(db, QStringLiteral("PRAGMA foreign_keys"));
                SourceRepository sources(db);
                workerSourceId = sources.findOrCreate(
                    QStringLiteral("dremio-files"), QStringLiteral("worker"), QString(), false, &error);
                countWhileRunning = workspace.connectionCount();
            }
            workspace.releaseThreadConnection();
        });
        thread->start();
        QVERIFY(thread->wait(60000));
        delete thread;

        QVERIFY2(workerSourceId > 0, qPrintable(error));
        QVERIFY(workerName != mainName);
        QVERIFY(workerName.startsWith(mainName.section(QLatin1Char('_'), 0, 1)));
        if (!workspace.isPostgres())
            QCOMPARE(workerForeignKeys, QStringLiteral("1"));
        QCOMPARE(countWhileRunning, 2);
        QCOMPARE(workspace.connectionCount(), 1);
        QVERIFY(!QSqlDatabase::contains(workerName));
        QCOMPARE(SourceRepository(workspace.database()).find(workerSourceId)->name, QStringLiteral("worker"));

        workspace.close();
        QVERIFY(!QSqlDatabase::contains(mainName));
        QCOMPARE(workspace.connectionCount(), 0);
    }

    void badPostgresUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no database") << QStringLiteral("postgresql://user:s3cret@127.0.0.1:5432")
                                     << QStringLiteral("expected postgresql://");
        QTest::newRow("unknown parameter") << QStringLiteral("postgresql://user:s3cret@127.0.0.1:5432/db?foo=bar")
                                           << QStringLiteral("unsupported parameter foo=bar");
        QTest::newRow("bad sslmode") << QStringLiteral("postgresql://user:s3cret@127.0.0.1:5432/db?sslmode=maybe")
                                     << QStringLiteral("unsupported parameter sslmode=maybe");
        QTest::newRow("nobody listening") << QStringLiteral("postgresql://user:s3cret@127.0.0.1:1/db?sslmode=disable")
                                          << QStringLiteral("cannot connect to PostgreSQL workspace");
    }
    void badPostgresUrls()
    {
        QFETCH(QString, url);
        QFETCH(QString, expected);
        Workspace workspace;
        QString error;
        QVERIFY(!workspace.open(url, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY2(!error.contains(QLatin1String("s3cret")), "the password leaked into the error message");
        QVERIFY(!workspace.location().contains(QLatin1String("s3cret")));
        QVERIFY(!error.contains(QLatin1Char('\n')));
    }

    void splitStatements()
    {
        const QStringList statements = Migrations::splitStatements(QStringLiteral(
            "-- leading comment; with a semicolon\nCREATE TABLE a (x TEXT DEFAULT 'it''s; fine'); /* block; */\n"
            "INSERT INTO \"odd;name\" VALUES (1) ;\n  \n"));
        QCOMPARE(statements.size(), 2);
        QCOMPARE(statements.at(0), QStringLiteral("CREATE TABLE a (x TEXT DEFAULT 'it''s; fine')"));
        QCOMPARE(statements.at(1), QStringLiteral("INSERT INTO \"odd;name\" VALUES (1)"));

        const QStringList withTrigger = Migrations::splitStatements(QStringLiteral(
            "create temp trigger t after insert on a begin\n  select 1; select 'end;';\nend;\nSELECT 2;"));
        QCOMPARE(withTrigger,
            (QStringList {
                QStringLiteral("create temp trigger t after insert on a begin\n  select 1; select 'end;';\nend"),
                QStringLiteral("SELECT 2")}));
    }
};

QTEST_GUILESS_MAIN(tst_Workspace)
#include "tst_workspace.moc"
