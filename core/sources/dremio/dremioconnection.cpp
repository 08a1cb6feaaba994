#include "dremioconnection.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace dopt {

DremioConnection DremioConnection::fromUrl(const QString& url, const QString& projectId)
{
    DremioConnection connection;
    QUrl parsed(url.trimmed(), QUrl::StrictMode);
    // Keep only scheme://user@host:port; users often paste the API path or the UI URL.
    QUrl base;
    base.setScheme(parsed.scheme());
    base.setUserInfo(parsed.userInfo()); // kept so validate() can refuse credentials in the URL
    base.setHost(parsed.host());
    base.setPort(parsed.port());
    connection.baseUrl = base;
    connection.projectId = projectId.trimmed();
    if (connection.projectId.isEmpty()) {
        // A pasted Cloud API URL carries the project: /v0/projects/{id}/...
        static const QRegularExpression projectPath(QStringLiteral("^/v0/projects/([^/]+)"));
        const auto match = projectPath.match(parsed.path());
        if (match.hasMatch())
            connection.projectId = match.captured(1);
    }
    const QString host = parsed.host().toLower();
    const bool cloudHost = host.endsWith(QLatin1String(".dremio.cloud")) || host == QLatin1String("dremio.cloud");
    if (cloudHost || !connection.projectId.isEmpty())
        connection.flavor = Flavor::Cloud;
    return connection;
}

bool DremioConnection::validate(QString* error) const
{
    auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    if (!baseUrl.isValid() || baseUrl.host().isEmpty())
        return fail(QStringLiteral("Dremio URL: not a valid URL (expected e.g. https://dremio.example.com:9047)"));
    const QString scheme = baseUrl.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return fail(QStringLiteral("Dremio URL: the scheme must be http or https, not '%1'").arg(baseUrl.scheme()));
    if (!baseUrl.userInfo().isEmpty())
        return fail(QStringLiteral("Dremio URL: must not contain a user name or password; "
                                   "give the secret through the keychain or an environment variable"));
    if (flavor == Flavor::Cloud) {
        if (projectId.isEmpty())
            return fail(QStringLiteral("Dremio Cloud: the project id is missing (Project Settings in the Cloud UI)"));
        static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9-]+$"));
        if (!idPattern.match(projectId).hasMatch())
            return fail(QStringLiteral("Dremio Cloud: project id '%1' contains characters other than letters, "
                                       "digits and '-'")
                            .arg(projectId));
        if (authMode == AuthMode::Password)
            return fail(QStringLiteral("Dremio Cloud: only personal access tokens are accepted, not a password"));
    }
    if (authMode == AuthMode::Password && userName.isEmpty())
        return fail(QStringLiteral("Dremio login: the user name is missing"));
    if (!caFile.isEmpty() && !QFileInfo(caFile).isReadable())
        return fail(QStringLiteral("Dremio CA file: %1 cannot be read").arg(caFile));
    if (timeoutMs < 100)
        return fail(QStringLiteral("Dremio timeout: %1 ms is too short (at least 100 ms)").arg(timeoutMs));
    if (maxConcurrent < 1 || maxConcurrent > 16)
        return fail(QStringLiteral("Dremio concurrency: %1 is outside 1..16").arg(maxConcurrent));
    if (maxAttempts < 1)
        return fail(QStringLiteral("Dremio retries: at least one attempt is needed"));
    return true;
}

QString DremioConnection::apiRoot() const
{
    if (flavor == Flavor::Cloud)
        return QStringLiteral("/v0/projects/") + projectId;
    return QStringLiteral("/api/v3");
}

QString DremioConnection::apiPath(const QString& suffix) const
{
    return apiRoot() + QLatin1Char('/') + suffix;
}

QString DremioConnection::profileDownloadPath(const QString& jobId)
{
    return QStringLiteral("/apiv2/support/%1/download").arg(QString::fromLatin1(QUrl::toPercentEncoding(jobId)));
}

QUrl DremioConnection::url(const QString& path, const QUrlQuery& query) const
{
    QUrl result = baseUrl;
    result.setUserInfo(QString());
    result.setPath(path);
    if (!query.isEmpty())
        result.setQuery(query);
    return result;
}

QString DremioConnection::historyTable() const
{
    return flavor == Flavor::Cloud ? QStringLiteral("sys.project.history.jobs") : QStringLiteral("sys.jobs_recent");
}

QString DremioConnection::historySubmittedColumn() const
{
    return flavor == Flavor::Cloud ? QStringLiteral("submitted_epoch") : QStringLiteral("submitted_epoch_millis");
}

qint64 DremioConnection::historyEpochUnitsPerMs() const
{
    // Cloud *_epoch columns are nanoseconds (verified on the real sample), Software ones milliseconds.
    return flavor == Flavor::Cloud ? 1000000 : 1;
}

QString DremioConnection::sourceKind() const
{
    return flavor == Flavor::Cloud ? QStringLiteral("dremio-cloud") : QStringLiteral("dremio-software");
}

QString DremioConnection::displayName() const
{
    QString name = baseUrl.host();
    if (baseUrl.port() > 0)
        name += QLatin1Char(':') + QString::number(baseUrl.port());
    if (flavor == Flavor::Cloud)
        name += QLatin1Char('/') + projectId;
    return name;
}

QString DremioConnection::secretEnvironmentVariable() const
{
    return authMode == AuthMode::Password ? QStringLiteral("DREMIO_PASSWORD") : QStringLiteral("DREMIO_PAT");
}

QString DremioConnection::flavorName(Flavor flavor)
{
    return flavor == Flavor::Cloud ? QStringLiteral("cloud") : QStringLiteral("software");
}

QString DremioConnection::authModeName(AuthMode mode)
{
    return mode == AuthMode::Password ? QStringLiteral("password") : QStringLiteral("pat");
}

bool DremioConnection::parseAuthMode(const QString& name, AuthMode* mode)
{
    if (name == QLatin1String("pat")) {
        *mode = AuthMode::PersonalAccessToken;
        return true;
    }
    if (name == QLatin1String("password")) {
        *mode = AuthMode::Password;
        return true;
    }
    return false;
}

} // namespace dopt
