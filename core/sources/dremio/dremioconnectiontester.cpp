#include "dremioconnectiontester.h"

#include "dremioclient.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>
#include <QUrlQuery>

namespace dopt {

DremioConnectionTestResult DremioConnectionTester::test(
    const DremioConnection& connection, const QString& secret, const std::atomic_bool* cancelled)
{
    DremioConnectionTestResult result;
    QElapsedTimer clock;
    clock.start();
    // A test answers quickly or says why not: two attempts, short waits.
    DremioConnection quick = connection;
    quick.maxAttempts = qMin(connection.maxAttempts, 2);
    quick.maxRetryWaitMs = qMin(connection.maxRetryWaitMs, 2000);

    if (secret.isEmpty()) {
        result.message = connection.authMode == DremioConnection::AuthMode::Password
            ? QStringLiteral("enter the password of %1").arg(connection.userName)
            : QStringLiteral("enter a personal access token");
        return result;
    }
    DremioClient client(quick);
    client.setSecret(secret);
    QString error;
    if (!client.prepare(&error)) {
        result.message = error;
        return result;
    }

    QEventLoop loop;
    DremioResponse response;
    bool done = false;
    client.get(quick.apiPath(QStringLiteral("catalog")), QUrlQuery(), [&](const DremioResponse& answer) {
        response = answer;
        done = true;
        loop.quit();
    });
    QTimer cancelPoll;
    if (cancelled) {
        QObject::connect(&cancelPoll, &QTimer::timeout, &loop, [&] {
            if (cancelled->load())
                client.cancelAll();
        });
        cancelPoll.start(50);
    }
    if (!done)
        loop.exec();
    result.elapsedMs = clock.elapsed();

    if (!response.ok()) {
        result.message = response.message.isEmpty() ? QStringLiteral("%1 failed").arg(response.what) : response.message;
        return result;
    }
    QJsonObject body;
    if (!response.parseObject(&body, &error)) {
        result.message = error;
        return result;
    }
    result.catalogEntries = int(body.value(QLatin1String("data")).toArray().size());
    result.ok = true;
    result.message = QStringLiteral("Connected to %1 (%2): %3 top-level catalog entries visible, %4 ms")
                         .arg(connection.displayName(), DremioConnection::flavorName(connection.flavor))
                         .arg(result.catalogEntries)
                         .arg(result.elapsedMs);
    return result;
}

} // namespace dopt
