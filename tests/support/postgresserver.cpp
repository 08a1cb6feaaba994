#include "postgresserver.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>
#include <QVersionNumber>
#include <unistd.h>

namespace dopt::test {

namespace {
QString newestPostgresBinDir()
{
    QDir lib(QStringLiteral("/usr/lib/postgresql"));
    QString best;
    QVersionNumber bestVersion;
    for (const QString& entry : lib.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QVersionNumber version = QVersionNumber::fromString(entry);
        if (QFile::exists(lib.filePath(entry + QStringLiteral("/bin/initdb"))) && version > bestVersion) {
            bestVersion = version;
            best = lib.filePath(entry + QStringLiteral("/bin"));
        }
    }
    return best;
}

int freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}
} // namespace

PostgresServer::~PostgresServer()
{
    stop();
}

bool PostgresServer::run(const QStringList& command, QString* output) const
{
    QStringList args = command;
    QString program = args.takeFirst();
    if (::geteuid() == 0) { // as root, run as the postgres user
        args = QStringList {QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program} + args;
        program = QStringLiteral("runuser");
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, args);
    const bool finished = process.waitForFinished(120000);
    if (output)
        *output = QString::fromLocal8Bit(process.readAll());
    return finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

bool PostgresServer::start(QString* reason)
{
    m_binDir = newestPostgresBinDir();
    if (m_binDir.isEmpty()) {
        *reason = QStringLiteral("PostgreSQL server binaries not found under /usr/lib/postgresql (install the "
                                 "'postgresql' package)");
        return false;
    }
    QTemporaryDir temp(QDir::tempPath() + QStringLiteral("/dopt-pg-XXXXXX"));
    temp.setAutoRemove(false);
    m_dir = temp.path();
    QFile::setPermissions(m_dir,
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther
            | QFileDevice::WriteOther | QFileDevice::ExeOther);
    if (::geteuid() == 0)
        QProcess::execute(QStringLiteral("chown"), {QStringLiteral("postgres"), m_dir});
    QString output;
    if (!run({m_binDir + QStringLiteral("/initdb"), QStringLiteral("-D"), m_dir + QStringLiteral("/data"),
                 QStringLiteral("-A"), QStringLiteral("trust"), QStringLiteral("-U"), QStringLiteral("postgres")},
            &output)) {
        *reason = QStringLiteral("initdb failed: ") + output.trimmed().section(QLatin1Char('\n'), -1);
        return false;
    }
    for (int attempt = 0; attempt < 3 && !m_running; ++attempt) {
        m_port = freePort();
        m_running = startServer(&output);
    }
    if (!m_running)
        *reason = QStringLiteral("pg_ctl start failed: ") + output.trimmed();
    return m_running;
}

bool PostgresServer::startServer(QString* output)
{
    QString options = QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off "
                                     "-c shared_preload_libraries=pg_stat_statements")
                          .arg(m_port)
                          .arg(m_dir);
    for (const QString& setting : m_settings)
        options += QStringLiteral(" -c ") + setting;
    return run({m_binDir + QStringLiteral("/pg_ctl"), QStringLiteral("-D"), m_dir + QStringLiteral("/data"),
                   QStringLiteral("-l"), m_dir + QStringLiteral("/log"), QStringLiteral("-w"), QStringLiteral("-o"),
                   options, QStringLiteral("start")},
        output);
}

void PostgresServer::addSetting(const QString& name, const QString& value)
{
    m_settings.append(name + QLatin1Char('=') + value);
}

void PostgresServer::logAllStatements(const QString& destinations)
{
    addSetting(QStringLiteral("logging_collector"), QStringLiteral("on"));
    addSetting(QStringLiteral("log_destination"), destinations);
    addSetting(QStringLiteral("log_filename"), QStringLiteral("server"));
    addSetting(QStringLiteral("log_min_duration_statement"), QStringLiteral("0"));
    addSetting(QStringLiteral("log_timezone"), QStringLiteral("UTC"));
}

void PostgresServer::logPlans()
{
    addSetting(QStringLiteral("session_preload_libraries"), QStringLiteral("auto_explain"));
    addSetting(QStringLiteral("auto_explain.log_min_duration"), QStringLiteral("0"));
    addSetting(QStringLiteral("auto_explain.log_analyze"), QStringLiteral("on"));
    addSetting(QStringLiteral("auto_explain.log_buffers"), QStringLiteral("on"));
    addSetting(QStringLiteral("auto_explain.log_format"), QStringLiteral("json"));
}

QString PostgresServer::waitForLog(const QString& suffix, const QString& marker, int timeoutMs) const
{
    const QString path = dataDirectory() + QStringLiteral("/log/server.") + suffix;
    const QByteArray wanted = marker.toUtf8();
    for (int waited = 0; waited <= timeoutMs; waited += 100) {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(wanted))
            return path;
        QThread::msleep(100);
    }
    return {};
}

bool PostgresServer::startWithDatabase(const QString& database, const QString& schemaSql, QString* url, QString* reason)
{
    if (!start(reason))
        return false;
    *url = createDatabase(database, reason);
    if (url->isEmpty() || schemaSql.isEmpty())
        return true;
    QString error;
    psql(database, schemaSql, &error);
    if (!error.isEmpty()) {
        url->clear();
        *reason = error;
    }
    return true;
}

bool PostgresServer::startLogged(
    const QString& destinations, const QString& database, QString* url, QString* reason, const QString& schemaSql)
{
    logAllStatements(destinations);
    return startWithDatabase(database, schemaSql, url, reason);
}

bool PostgresServer::shutdown()
{
    if (!m_running)
        return false;
    m_running
        = !run({m_binDir + QStringLiteral("/pg_ctl"), QStringLiteral("-D"), m_dir + QStringLiteral("/data"),
                   QStringLiteral("-m"), QStringLiteral("immediate"), QStringLiteral("-w"), QStringLiteral("stop")},
            nullptr);
    return !m_running;
}

bool PostgresServer::resume(QString* reason)
{
    QString output;
    m_running = startServer(&output);
    if (!m_running && reason)
        *reason = QStringLiteral("pg_ctl start failed: ") + output.trimmed();
    return m_running;
}

QString PostgresServer::psql(const QString& database, const QString& sql, QString* error, const QString& user) const
{
    QProcess psql;
    psql.setProcessChannelMode(QProcess::SeparateChannels);
    psql.start(QStringLiteral("psql"),
        {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(m_port),
            QStringLiteral("-U"), user.isEmpty() ? QStringLiteral("postgres") : user, QStringLiteral("-d"), database,
            QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-A"), QStringLiteral("-t"),
            QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-c"), sql});
    if (!psql.waitForFinished(300000) || psql.exitCode() != 0) {
        if (error)
            *error = QString::fromLocal8Bit(psql.readAllStandardError()).trimmed();
        return {};
    }
    return QString::fromLocal8Bit(psql.readAllStandardOutput()).trimmed();
}

void PostgresServer::stop()
{
    if (m_running) {
        run({m_binDir + QStringLiteral("/pg_ctl"), QStringLiteral("-D"), m_dir + QStringLiteral("/data"),
                QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("-w"), QStringLiteral("stop")},
            nullptr);
        m_running = false;
    }
    if (!m_dir.isEmpty()) {
        QDir(m_dir).removeRecursively();
        m_dir.clear();
    }
}

QString PostgresServer::createDatabase(const QString& name, QString* error)
{
    QProcess psql;
    psql.setProcessChannelMode(QProcess::MergedChannels);
    psql.start(QStringLiteral("psql"),
        {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(m_port),
            QStringLiteral("-U"), QStringLiteral("postgres"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
            QStringLiteral("-c"), QStringLiteral("CREATE DATABASE \"%1\"").arg(name)});
    psql.waitForFinished(60000);
    if (psql.exitCode() != 0) {
        if (error)
            *error = QString::fromLocal8Bit(psql.readAll()).trimmed();
        return {};
    }
    return QStringLiteral("postgresql://postgres@127.0.0.1:%1/%2").arg(m_port).arg(name);
}

} // namespace dopt::test
