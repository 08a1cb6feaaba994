#include "testdata.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlQuery>
#include <QTemporaryDir>

namespace dopt::test {

QString dremioSample(const QString& fileName)
{
    QString base = qEnvironmentVariable("DOPT_SHARED_DIR", QStringLiteral(DOPT_SHARED_DIR));
    const QFileInfo info(QDir(base).filePath(QStringLiteral("data/dremio/") + fileName));
    return info.exists() ? info.absoluteFilePath() : QString();
}

QString projectTestData(const QString& relativePath)
{
    return QStringLiteral(DOPT_TEST_DATA_DIR "/") + relativePath;
}

QString cliPath()
{
    return QStringLiteral(DOPT_CLI_PATH);
}

QString tempDir()
{
    static QList<QTemporaryDir*> dirs; // live until exit so paths stay valid for the whole test
    auto* dir = new QTemporaryDir();
    dirs.append(dir);
    return dir->path();
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

qint64 queryScalar(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

ProgramRun runProgram(const QString& program, const QStringList& arguments)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "DOPT_LANGUAGE"})
        environment.remove(QString::fromLatin1(name));
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(600000))
        qWarning("%s did not finish", qPrintable(program));
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
        QString::fromUtf8(process.readAllStandardError())};
}

} // namespace dopt::test
