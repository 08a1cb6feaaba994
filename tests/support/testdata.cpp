#include "testdata.h"

#include <QDir>
#include <QFileInfo>
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

qint64 queryScalar(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

} // namespace dopt::test
