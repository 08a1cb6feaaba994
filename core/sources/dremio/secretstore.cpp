#include "secretstore.h"

#include <QEventLoop>
#include <QTimer>
#include <QUuid>

#ifdef DOPT_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace dopt {

namespace {
enum JobKind { ReadJob, WriteJob, DeleteJob };
}

SecretStore::SecretStore(int timeoutMs)
    : m_timeoutMs(timeoutMs)
{ }

bool SecretStore::keychainCompiledIn()
{
#ifdef DOPT_HAVE_QTKEYCHAIN
    return true;
#else
    return false;
#endif
}

QString SecretStore::serviceName()
{
    return QStringLiteral("dremio-optimizer");
}

QString SecretStore::keyFor(const QString& displayName, const QString& authMode)
{
    return QStringLiteral("dremio:") + displayName + QLatin1Char(':') + authMode;
}

bool SecretStore::runJob(int kind, const QString& key, const QString& data, QString* readBack, QString* error)
{
#ifdef DOPT_HAVE_QTKEYCHAIN
    QKeychain::Job* job = nullptr;
    if (kind == ReadJob)
        job = new QKeychain::ReadPasswordJob(serviceName());
    else if (kind == WriteJob) {
        auto* write = new QKeychain::WritePasswordJob(serviceName());
        write->setTextData(data);
        job = write;
    } else {
        job = new QKeychain::DeletePasswordJob(serviceName());
    }
    job->setKey(key);
    job->setInsecureFallback(false); // never a clear-text settings file
    job->setAutoDelete(true);
    QEventLoop loop;
    bool finished = false;
    bool ok = false;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&](QKeychain::Job* done) {
        finished = true;
        ok = done->error() == QKeychain::NoError;
        if (!ok && error)
            *error = done->errorString().isEmpty() ? QStringLiteral("keychain error %1").arg(int(done->error()))
                                                   : done->errorString();
        if (ok && readBack)
            *readBack = static_cast<QKeychain::ReadPasswordJob*>(done)->textData();
        loop.quit();
    });
    QTimer::singleShot(m_timeoutMs, &loop, &QEventLoop::quit);
    job->start();
    if (!finished)
        loop.exec();
    if (!finished) {
        // The job may still complete later; autoDelete cleans it up. We just stop waiting.
        QObject::disconnect(job, nullptr, &loop, nullptr);
        if (error)
            *error = QStringLiteral("the keychain did not answer within %1 s").arg(m_timeoutMs / 1000);
        return false;
    }
    return ok;
#else
    Q_UNUSED(kind)
    Q_UNUSED(key)
    Q_UNUSED(data)
    Q_UNUSED(readBack)
    if (error)
        *error = QStringLiteral("this build has no keychain support (QtKeychain was not found)");
    return false;
#endif
}

bool SecretStore::keychainAvailable(QString* reason)
{
    if (!m_available) {
        if (!keychainCompiledIn()) {
            m_available = false;
            m_unavailableReason = QStringLiteral("this build has no keychain support (QtKeychain was not found)");
        }
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
        // Without a session bus libsecret/KWallet would try to autolaunch D-Bus and fail or hang.
        else if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
            m_available = false;
            m_unavailableReason = QStringLiteral("no D-Bus session bus, so no Secret Service (headless session)");
        }
#endif
        else {
            // isAvailable() is optimistic on Linux (true when libsecret merely loads): probe for real.
            const QString probeKey = QStringLiteral("probe-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
            const QString probeValue = QUuid::createUuid().toString(QUuid::WithoutBraces);
            QString readBack;
            QString error;
            bool ok = runJob(WriteJob, probeKey, probeValue, nullptr, &error)
                && runJob(ReadJob, probeKey, QString(), &readBack, &error);
            if (ok && readBack != probeValue) {
                ok = false;
                error = QStringLiteral("the keychain returned another value than it was given");
            }
            runJob(DeleteJob, probeKey, QString(), nullptr, nullptr);
            m_available = ok;
            if (!ok)
                m_unavailableReason = QStringLiteral("the keychain does not work: ") + error;
        }
    }
    if (reason)
        *reason = m_available.value() ? QString() : m_unavailableReason;
    return m_available.value();
}

bool SecretStore::store(const QString& key, const QString& secret, QString* error)
{
    QString reason;
    if (!keychainAvailable(&reason)) {
        if (error)
            *error = QStringLiteral("cannot save the secret: %1; set it in an environment variable instead "
                                    "(it is never written to disk in clear text)")
                         .arg(reason);
        return false;
    }
    QString jobError;
    if (!runJob(WriteJob, key, secret, nullptr, &jobError)) {
        if (error)
            *error = QStringLiteral("cannot save the secret in the keychain: ") + jobError;
        return false;
    }
    return true;
}

std::optional<QString> SecretStore::read(
    const QString& key, const QString& environmentVariable, QString* error, Backend* usedBackend)
{
    QString keychainProblem;
    if (!key.isEmpty() && keychainAvailable(&keychainProblem)) {
        QString value;
        if (runJob(ReadJob, key, QString(), &value, &keychainProblem) && !value.isEmpty()) {
            if (usedBackend)
                *usedBackend = Backend::Keychain;
            return value;
        }
        keychainProblem = QStringLiteral("no keychain entry '%1' (%2)").arg(key, keychainProblem);
    }
    if (!environmentVariable.isEmpty()) {
        const QString value = qEnvironmentVariable(environmentVariable.toLatin1().constData());
        if (!value.isEmpty()) {
            if (usedBackend)
                *usedBackend = Backend::Environment;
            return value;
        }
    }
    if (usedBackend)
        *usedBackend = Backend::None;
    if (error)
        *error = QStringLiteral("no secret found: %1; environment variable %2 is not set")
                     .arg(keychainProblem.isEmpty() ? QStringLiteral("no keychain entry") : keychainProblem,
                         environmentVariable.isEmpty() ? QStringLiteral("(none)") : environmentVariable);
    return std::nullopt;
}

bool SecretStore::remove(const QString& key, QString* error)
{
    QString reason;
    if (!keychainAvailable(&reason)) {
        if (error)
            *error = reason;
        return false;
    }
    return runJob(DeleteJob, key, QString(), nullptr, error);
}

} // namespace dopt
