#include "clisupport.h"

#include "sources/dremio/dremioconnection.h"
#include "store/workspace.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace dopt::cli {

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

int fail(const QString& message)
{
    err() << "dremio-optimizer-cli: " << message << Qt::endl;
    return ExitError;
}

void printJson(const QJsonValue& value)
{
    const QByteArray bytes = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented)
                                             : QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented);
    out() << QString::fromUtf8(bytes);
    out().flush();
}

bool openWorkspace(Workspace& workspace, const QString& location, QString* error)
{
    if (location.isEmpty()) {
        *error = QStringLiteral("this command needs --workspace PATH or a postgresql:// URL");
        return false;
    }
    // Upgrading an old workspace can take minutes (the text index of a million jobs): say how far
    // in steps of 5%. Short steps (total 0: no row count), e.g. creating a new workspace, stay quiet.
    QString lastStep;
    qint64 lastPercent = -1;
    workspace.setMigrationProgress([&](const QString& name, qint64 done, qint64 total) {
        if (total <= 0)
            return true;
        if (name != lastStep) {
            lastStep = name;
            lastPercent = -1;
        }
        const qint64 percent = done * 100 / total;
        if ((lastPercent < 0 || percent >= lastPercent + 5 || done == total) && percent != lastPercent) {
            lastPercent = percent;
            err() << "upgrading workspace: " << name << ": " << done << "/" << total << " rows (" << percent << "%)"
                  << Qt::endl;
        }
        return true;
    });
    const bool opened = workspace.open(location, error);
    workspace.setMigrationProgress({});
    if (opened && workspace.foundSchemaVersion() > 0 && workspace.foundSchemaVersion() < workspace.schemaVersion())
        err() << "upgraded workspace from schema version " << workspace.foundSchemaVersion() << " to "
              << workspace.schemaVersion() << Qt::endl;
    return opened;
}

bool dremioSecretFromEnvironment(DremioConnection* connection, QString* secret, QString* error)
{
    *secret = qEnvironmentVariable("DREMIO_PAT");
    if (secret->isEmpty() && qEnvironmentVariableIsSet("DREMIO_PASSWORD")) {
        connection->authMode = DremioConnection::AuthMode::Password;
        connection->userName = qEnvironmentVariable("DREMIO_USER");
        *secret = qEnvironmentVariable("DREMIO_PASSWORD");
        if (connection->userName.isEmpty()) {
            *error = QStringLiteral("DREMIO_PASSWORD is set but DREMIO_USER is not");
            return false;
        }
    }
    if (secret->isEmpty()) {
        *error = QStringLiteral("no credentials: set DREMIO_PAT (a personal access token) or DREMIO_USER and "
                                "DREMIO_PASSWORD");
        return false;
    }
    return true;
}

QString formatTime(const std::optional<qint64>& ms)
{
    return ms ? QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC).toString(Qt::ISODate) : QStringLiteral("-");
}

std::function<void(int done, int total, const QString& message)> tenthsProgress()
{
    return [lastPercent = -1](int done, int total, const QString& message) mutable {
        const int percent = total > 0 ? 100 * done / total : 0;
        if (percent / 10 != lastPercent / 10)
            err() << percent << "% " << message << Qt::endl;
        lastPercent = percent;
    };
}

} // namespace dopt::cli
