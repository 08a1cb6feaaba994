// Tests of the Dremio REST client, the SQL runner and the secret store against the fake Dremio
// server (tests/support/fakedremioserver.h), which serves the real sample payloads.
#include "fakedremioserver.h"
#include "sources/dremio/dremioclient.h"
#include "sources/dremio/dremioconnection.h"
#include "sources/dremio/dremiosqlrunner.h"
#include "sources/dremio/secretstore.h"
#include "testdata.h"

#include <QDir>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace dopt;
using dopt::test::FakeDremioServer;

namespace {

// Runs the event loop until `done` is true (or a generous safety limit passes).
template <typename Predicate> bool waitUntil(Predicate done)
{
    return QTest::qWaitFor(done, 60000);
}

} // namespace

class TestDremioClient : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeDremioServer> m_server;

    DremioConnection connectionFor(const FakeDremioServer& server)
    {
        DremioConnection connection = DremioConnection::fromUrl(server.baseUrl().toString(),
            server.flavor() == FakeDremioServer::Flavor::Cloud ? QLatin1String(FakeDremioServer::ProjectId)
                                                               : QString());
        connection.retryBaseMs = 10;
        connection.pollIntervalMs = 5;
        connection.pollMaxIntervalMs = 20;
        connection.timeoutMs = 5000;
        return connection;
    }

    DremioResponse getOnce(DremioClient& client, const QString& path)
    {
        DremioResponse result;
        bool done = false;
        client.get(path, QUrlQuery(), [&](const DremioResponse& response) {
            result = response;
            done = true;
        });
        waitUntil([&] { return done; });
        return result;
    }

    DremioSqlOutcome runSql(DremioClient& client, const QString& sql, int pageSize, QVector<DremioResultPage>* pages)
    {
        DremioSqlRunner runner(&client);
        runner.setPageSize(pageSize);
        DremioSqlOutcome outcome;
        bool done = false;
        connect(&runner, &DremioSqlRunner::pageReady, this, [&](const DremioResultPage& page) {
            if (pages)
                pages->append(page);
        });
        connect(&runner, &DremioSqlRunner::finished, this, [&](const DremioSqlOutcome& result) {
            outcome = result;
            done = true;
        });
        runner.start(sql);
        waitUntil([&] { return done; });
        return outcome;
    }

    // A job id the fake knows: submit a history query and take its id.
    QString historyJobPath(DremioClient& client)
    {
        QVector<DremioResultPage> pages;
        const DremioSqlOutcome outcome = runSql(client, QStringLiteral("SELECT * FROM sys.jobs_recent"), 500, &pages);
        return client.connection().apiPath(QStringLiteral("job/") + outcome.jobId);
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeDremioServer>();
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        DOPT_REQUIRE_SAMPLE(history, "sys_jobs_recent_results.json");
        QVERIFY2(m_server->loadSampleHistory(&error), qPrintable(error));
    }

    void cleanup() { m_server.reset(); }

    void connectionFromUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("project");
        QTest::addColumn<bool>("cloud");
        QTest::addColumn<QString>("apiRoot");
        QTest::addColumn<QString>("error"); // substring of the validation error, empty = valid
        QTest::newRow("software with api path") << "http://dremio.local:9047/api/v3/catalog"
                                                << "" << false << "/api/v3"
                                                << "";
        QTest::newRow("cloud us") << "https://api.dremio.cloud"
                                  << "abc-123" << true << "/v0/projects/abc-123"
                                  << "";
        QTest::newRow("cloud eu from api url") << "https://api.eu.dremio.cloud/v0/projects/p-9/sql"
                                               << "" << true << "/v0/projects/p-9"
                                               << "";
        QTest::newRow("cloud without project") << "https://api.dremio.cloud"
                                               << "" << true << "/v0/projects/"
                                               << "project id is missing";
        QTest::newRow("credentials in url") << "https://bob:pw@dremio.local"
                                            << "" << false << "/api/v3"
                                            << "must not contain a user name or password";
        QTest::newRow("ftp") << "ftp://dremio.local"
                             << "" << false << "/api/v3"
                             << "scheme must be http or https";
        QTest::newRow("no host") << "dremio"
                                 << "" << false << "/api/v3"
                                 << "not a valid URL";
    }

    void connectionFromUrl()
    {
        QFETCH(QString, url);
        QFETCH(QString, project);
        QFETCH(bool, cloud);
        QFETCH(QString, apiRoot);
        QFETCH(QString, error);
        const DremioConnection connection = DremioConnection::fromUrl(url, project);
        QCOMPARE(connection.isCloud(), cloud);
        QCOMPARE(connection.apiRoot(), apiRoot);
        QString message;
        QCOMPARE(connection.validate(&message), error.isEmpty());
        if (!error.isEmpty())
            QVERIFY2(message.contains(error), qPrintable(message));
        QVERIFY(!connection.url(QStringLiteral("/x")).toString().contains(QLatin1String("pw")));
    }

    void patIsSentAsBearerAndNeverInUrl()
    {
        DremioClient client(connectionFor(*m_server));
        client.setSecret(QLatin1String(FakeDremioServer::Pat));
        QString error;
        QVERIFY2(client.prepare(&error), qPrintable(error));
        QVector<DremioResultPage> pages;
        const DremioSqlOutcome outcome = runSql(client, QStringLiteral("SELECT * FROM sys.jobs_recent"), 500, &pages);
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QCOMPARE(outcome.rowCount, 2);
        QCOMPARE(pages.size(), 1);
        // number-as-string: the epochs arrive as strings.
        QCOMPARE(pages[0].rows[1].toObject().value(QLatin1String("submitted_epoch_millis")).toString(),
            QStringLiteral("1714033458006"));
        for (const QByteArray& header : m_server->authorizationHeaders())
            QCOMPARE(header, QByteArray("Bearer ") + FakeDremioServer::Pat);
        for (const QString& line : m_server->requestLog())
            QVERIFY2(!line.contains(QLatin1String(FakeDremioServer::Pat)), qPrintable(line));
    }

    void resultsArePagedWithAtMost500Rows()
    {
        DremioClient client(connectionFor(*m_server));
        client.setSecret(QLatin1String(FakeDremioServer::Pat));
        QVector<DremioResultPage> pages;
        DremioSqlOutcome outcome = runSql(client, QStringLiteral("SELECT * FROM sys.jobs_recent"), 1, &pages);
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QCOMPARE(pages.size(), 2);
        QCOMPARE(pages[1].pageNumber, 2);
        QCOMPARE(pages[1].pageCount, 2);
        QCOMPARE(pages[1].rows[0].toObject().value(QLatin1String("job_id")).toString(), QStringLiteral("Query2"));
        // A page size above Dremio's maximum is clamped (the fake rejects limit > 500 like Dremio).
        outcome = runSql(client, QStringLiteral("SELECT * FROM sys.jobs_recent"), 5000, nullptr);
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QCOMPARE(m_server->countRequests(QStringLiteral("limit=500")), 1);
        QCOMPARE(m_server->countRequests(QStringLiteral("limit=5000")), 0);
    }

    void passwordLoginAndRenewal()
    {
        DremioConnection connection = connectionFor(*m_server);
        connection.authMode = DremioConnection::AuthMode::Password;
        connection.userName = QLatin1String(FakeDremioServer::UserName);
        DremioClient client(connection);
        client.setSecret(QLatin1String(FakeDremioServer::Password));
        QString error;
        QVERIFY2(client.prepare(&error), qPrintable(error));
        const QString path = historyJobPath(client);
        QVERIFY(getOnce(client, path).ok());
        QCOMPARE(m_server->loginCount(), 1);
        QCOMPARE(client.loginCount(), 1);
        QVERIFY(client.tokenExpiresMs() > 0);
        for (const QByteArray& header : m_server->authorizationHeaders())
            QVERIFY2(header.startsWith("_dremiotok-"), header.constData());
        // A token about to expire (here: within the margin) is renewed before the next request.
        client.setTokenRenewalMarginMs(31LL * 3600 * 1000);
        QVERIFY(getOnce(client, path).ok());
        QVERIFY(getOnce(client, path).ok());
        QCOMPARE(m_server->loginCount(), 3);
        for (const QString& line : m_server->requestLog())
            QVERIFY2(!line.contains(QLatin1String(FakeDremioServer::Password)), qPrintable(line));
    }

    void wrongPasswordIsReportedOnce()
    {
        DremioConnection connection = connectionFor(*m_server);
        connection.authMode = DremioConnection::AuthMode::Password;
        connection.userName = QLatin1String(FakeDremioServer::UserName);
        DremioClient client(connection);
        client.setSecret(QStringLiteral("wrong"));
        const DremioResponse response = getOnce(client, connection.apiPath(QStringLiteral("job/x")));
        QCOMPARE(response.error, DremioResponse::Error::Unauthorized);
        QVERIFY2(response.message.contains(QLatin1String("rejected the user name or password of 'analyst'")),
            qPrintable(response.message));
        QVERIFY(!response.message.contains(QLatin1String("wrong")));
        QCOMPARE(m_server->countRequests(QStringLiteral("/apiv2/login")), 1);
    }

    void statusFaults_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<int>("times");
        QTest::addColumn<int>("error");
        QTest::addColumn<int>("requests");
        QTest::addColumn<QString>("message");
        using F = FakeDremioServer::Fault;
        using E = DremioResponse::Error;
        QTest::newRow("401 never retried") << int(F::Unauthorized) << -1 << int(E::Unauthorized) << 1
                                           << "refused the personal access token (HTTP 401)";
        QTest::newRow("403 never retried") << int(F::Forbidden) << -1 << int(E::Forbidden) << 1
                                           << "denied access (HTTP 403): the user lacks the permission for this: "
                                              "User does not have permission to view jobs of other users";
        QTest::newRow("500 not retried") << int(F::ServerError) << -1 << int(E::ServerError) << 1
                                         << "failed (HTTP 500): Unexpected error occurred";
        QTest::newRow("503 retried then ok") << int(F::ServiceUnavailable) << 2 << int(E::None) << 3 << "";
        QTest::newRow("429 retried then ok") << int(F::TooManyRequests) << 1 << int(E::None) << 2 << "";
        QTest::newRow("429 gives up") << int(F::TooManyRequests) << -1 << int(E::RateLimited) << 3
                                      << "rate-limiting requests (HTTP 429) (gave up after 3 attempts)";
        QTest::newRow("dropped mid-body, retried") << int(F::DropMidBody) << 1 << int(E::None) << 2 << "";
        QTest::newRow("dropped mid-body, gives up")
            << int(F::DropMidBody) << -1 << int(E::ConnectionLost) << 3 << "was lost before the response was complete";
    }

    void statusFaults()
    {
        QFETCH(int, fault);
        QFETCH(int, times);
        QFETCH(int, error);
        QFETCH(int, requests);
        QFETCH(QString, message);
        DremioConnection connection = connectionFor(*m_server);
        connection.maxAttempts = 3;
        DremioClient client(connection);
        client.setSecret(QLatin1String(FakeDremioServer::Pat));
        const QString path = historyJobPath(client);
        FakeDremioServer::FaultRule rule;
        rule.match = QStringLiteral("GET ") + path;
        rule.fault = FakeDremioServer::Fault(fault);
        rule.times = times;
        rule.retryAfterSeconds = 0;
        m_server->addFault(rule);
        const int before = m_server->countRequests(QStringLiteral("GET ") + path);
        const DremioResponse response = getOnce(client, path);
        QCOMPARE(int(response.error), error);
        QCOMPARE(m_server->countRequests(QStringLiteral("GET ") + path) - before, requests);
        QCOMPARE(response.attempts, requests);
        if (!message.isEmpty())
            QVERIFY2(response.message.contains(message), qPrintable(response.message));
        QVERIFY2(response.message.contains(path) || response.ok(), qPrintable(response.message));
    }

    void retryAfterIsHonoured()
    {
        DremioClient client(connectionFor(*m_server));
        client.setSecret(QLatin1String(FakeDremioServer::Pat));
        const QString path = historyJobPath(client);
        m_server->addFault({QStringLiteral("GET ") + path, FakeDremioServer::Fault::TooManyRequests, 1, 2, 0});
        QSignalSpy retrying(&client, &DremioClient::retrying);
        const DremioResponse response = getOnce(client, path);
        QVERIFY2(response.ok(), qPrintable(response.message));
        QCOMPARE(retrying.size(), 1);
        QCOMPARE(retrying[0][2].toInt(), 2000); // Retry-After: 2 → 2000 ms, not the 10 ms backoff
        QVERIFY(retrying[0][3].toString().contains(QLatin1String("HTTP 429")));
    }

    void slowResponseTimesOut()
    {
        DremioConnection connection = connectionFor(*m_server);
        connection.timeoutMs = 300;
        connection.maxAttempts = 2;
        DremioClient client(connection);
        client.setSecret(QLatin1String(FakeDremioServer::Pat));
        const QString path = historyJobPath(client);
        m_server->addFault({QStringLiteral("GET ") + path, FakeDremioServer::Fault::Slow, -1, 0, 3000});
        const DremioResponse response = getOnce(client, path);
        QCOMPARE(response.error, DremioResponse::Error::Timeout);
        QCOMPARE(response.attempts, 2);
        QVERIFY2(
            response.message.contains(QLatin1String("sent nothing for 0.3 s (timeout) (gave up after 2 attempts)")),
            qPrintable(response.message));
    }

    void sqlRunnerFaults_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("job failed") << "FAILED"
                                    << "Dremio job 1f000001-0e4c-6b0a-c3d2-9a8b7c6d5e00 failed: Query "
                                       "was cancelled because planning time exceeded";
        QTest::newRow("job canceled") << "CANCELED"
                                      << "was cancelled on the server: Query was cancelled because "
                                         "planning time exceeded";
        QTest::newRow("malformed json") << "malformed"
                                        << "Dremio sent malformed JSON";
        QTest::newRow("pages change") << "pages"
                                      << "changed between pages: 2 rows at offset 0, 3 rows at offset 1; "
                                         "collect again";
    }

    void sqlRunnerFaults()
    {
        QFETCH(QString, kind);
        QFETCH(QString, message);
        DremioClient client(connectionFor(*m_server));
        client.setSecret(QLatin1String(FakeDremioServer::Pat));
        if (kind == QLatin1String("malformed"))
            m_server->addFault({QStringLiteral("/results"), FakeDremioServer::Fault::MalformedJson, -1, 0, 0});
        else if (kind == QLatin1String("pages"))
            m_server->setPagesChangeBetweenCalls(1);
        else
            m_server->failNextSqlJobs(kind, QStringLiteral("Query was cancelled because planning time exceeded"));
        QVector<DremioResultPage> pages;
        const DremioSqlOutcome outcome = runSql(client, QStringLiteral("SELECT * FROM sys.jobs_recent"), 1, &pages);
        QVERIFY(!outcome.ok);
        QVERIFY(!outcome.cancelled);
        QVERIFY2(outcome.error.contains(message), qPrintable(outcome.error));
        QCOMPARE(pages.size(), kind == QLatin1String("pages") ? 1 : 0);
    }

    void concurrencyIsBounded_data()
    {
        QTest::addColumn<int>("limit");
        QTest::newRow("1") << 1;
        QTest::newRow("2") << 2;
        QTest::newRow("4") << 4;
    }

    void concurrencyIsBounded()
    {
        QFETCH(int, limit);
        DremioConnection connection = connectionFor(*m_server);
        connection.maxConcurrent = limit;
        DremioClient client(connection);
        client.setSecret(QLatin1String(FakeDremioServer::Pat));
        const QString path = historyJobPath(client);
        m_server->setResponseDelayMs(50);
        int done = 0;
        int maxInFlight = 0;
        for (int i = 0; i < 12; ++i) {
            client.get(path, QUrlQuery(), [&](const DremioResponse& response) {
                QVERIFY(response.ok());
                ++done;
            });
            maxInFlight = qMax(maxInFlight, client.inFlight());
        }
        QVERIFY(waitUntil([&] { return done == 12; }));
        QVERIFY(maxInFlight <= limit);
        QVERIFY2(
            m_server->maxConcurrentRequests() <= limit, qPrintable(QString::number(m_server->maxConcurrentRequests())));
    }

    void cancelAllEndsEveryRequest()
    {
        DremioClient client(connectionFor(*m_server));
        client.setSecret(QLatin1String(FakeDremioServer::Pat));
        const QString path = historyJobPath(client);
        m_server->setResponseDelayMs(2000);
        QList<DremioResponse::Error> errors;
        for (int i = 0; i < 6; ++i)
            client.get(path, QUrlQuery(), [&](const DremioResponse& response) { errors.append(response.error); });
        QTest::qWait(20);
        client.cancelAll();
        QVERIFY(waitUntil([&] { return errors.size() == 6; }));
        for (DremioResponse::Error error : std::as_const(errors))
            QCOMPARE(error, DremioResponse::Error::Cancelled);
        QCOMPARE(client.pending(), 0);
    }

    void tlsIsVerified()
    {
        // https against the plain-HTTP fake: the handshake fails and nothing is ignored.
        DremioConnection connection = connectionFor(*m_server);
        QUrl url = connection.baseUrl;
        url.setScheme(QStringLiteral("https"));
        connection.baseUrl = url;
        connection.maxAttempts = 1;
        DremioClient client(connection);
        client.setSecret(QLatin1String(FakeDremioServer::Pat));
        const DremioResponse response = getOnce(client, connection.apiPath(QStringLiteral("job/x")));
        QVERIFY(!response.ok());
        QVERIFY2(response.error == DremioResponse::Error::Tls || response.error == DremioResponse::Error::ConnectionLost
                || response.error == DremioResponse::Error::Network,
            qPrintable(response.message));
        // A CA file that holds no certificate is refused up front.
        connection.caFile = dopt::test::dremioSample(QStringLiteral("sys_jobs_recent_results.json"));
        DremioClient withCa(connection);
        withCa.setSecret(QLatin1String(FakeDremioServer::Pat));
        QString error;
        QVERIFY(!withCa.prepare(&error));
        QVERIFY2(error.contains(QLatin1String("holds no PEM certificate")), qPrintable(error));
    }

    void tlsIsVerifiedAgainstTheConfiguredCa()
    {
        // A private CA and a server certificate it signed, generated now (no key in the repository).
        QString caFile;
        QString certificate;
        QString key;
        QString error;
        const QString directory = dopt::test::tempDir();
        if (!FakeDremioServer::makeTestCertificates(directory, &caFile, &certificate, &key, &error))
            QFAIL(qPrintable(error));
        FakeDremioServer https;
        QVERIFY2(https.enableTls(certificate, key, &error), qPrintable(error));
        QVERIFY2(https.start(&error), qPrintable(error));
        QCOMPARE(https.baseUrl().scheme(), QStringLiteral("https"));
        DremioConnection connection = connectionFor(https);
        connection.maxAttempts = 3;

        // Without the CA: a certificate error naming the server and what to do, never retried, nothing served.
        DremioClient untrusting(connection);
        untrusting.setSecret(QLatin1String(FakeDremioServer::Pat));
        QVERIFY2(untrusting.prepare(&error), qPrintable(error));
        const DremioResponse refused = getOnce(untrusting, connection.apiPath(QStringLiteral("catalog")));
        QCOMPARE(int(refused.error), int(DremioResponse::Error::Tls));
        QCOMPARE(refused.attempts, 1);
        QVERIFY2(refused.message.contains(QLatin1String("TLS verification of 127.0.0.1")), qPrintable(refused.message));
        QVERIFY2(refused.message.contains(QLatin1String("certificate")), qPrintable(refused.message));
        QVERIFY2(refused.message.contains(QLatin1String("CA certificate file")), qPrintable(refused.message));
        QCOMPARE(https.countRequests(QStringLiteral("/catalog")), 0);

        // With the CA file configured: verified and served.
        connection.caFile = caFile;
        DremioClient trusting(connection);
        trusting.setSecret(QLatin1String(FakeDremioServer::Pat));
        QVERIFY2(trusting.prepare(&error), qPrintable(error));
        const DremioResponse served = getOnce(trusting, connection.apiPath(QStringLiteral("catalog")));
        QVERIFY2(served.ok(), qPrintable(served.message));
        QCOMPARE(https.countRequests(QStringLiteral("GET /api/v3/catalog")), 1);

        // A certificate signed by another CA is still refused even with a CA file configured.
        QString otherCa;
        QString otherCertificate;
        QString otherKey;
        const QString otherDirectory = directory + QStringLiteral("/other");
        QVERIFY(QDir().mkpath(otherDirectory));
        QVERIFY2(FakeDremioServer::makeTestCertificates(otherDirectory, &otherCa, &otherCertificate, &otherKey, &error),
            qPrintable(error));
        connection.caFile = otherCa;
        DremioClient wrongCa(connection);
        wrongCa.setSecret(QLatin1String(FakeDremioServer::Pat));
        QVERIFY2(wrongCa.prepare(&error), qPrintable(error));
        QCOMPARE(int(getOnce(wrongCa, connection.apiPath(QStringLiteral("catalog"))).error),
            int(DremioResponse::Error::Tls));
    }

    void cloudEuHostUsesTheProjectPaths()
    {
        const DremioConnection eu
            = DremioConnection::fromUrl(QStringLiteral("https://api.eu.dremio.cloud"), QStringLiteral("p-42"));
        QVERIFY(eu.isCloud());
        QString error;
        QVERIFY2(eu.validate(&error), qPrintable(error));
        QCOMPARE(eu.url(eu.apiPath(QStringLiteral("sql"))).toString(),
            QStringLiteral("https://api.eu.dremio.cloud/v0/projects/p-42/sql"));
        QCOMPARE(eu.historyTable(), QStringLiteral("sys.project.history.jobs"));
        QCOMPARE(eu.historySubmittedColumn(), QStringLiteral("submitted_epoch"));
        QVERIFY(!eu.offersProfileDownload());
        QCOMPARE(eu.displayName(), QStringLiteral("api.eu.dremio.cloud/p-42"));
        const DremioConnection us
            = DremioConnection::fromUrl(QStringLiteral("https://api.dremio.cloud/"), QStringLiteral("p-42"));
        QCOMPARE(us.url(us.apiPath(QStringLiteral("job/1"))).toString(),
            QStringLiteral("https://api.dremio.cloud/v0/projects/p-42/job/1"));
        // Cloud takes tokens only.
        DremioConnection password = eu;
        password.authMode = DremioConnection::AuthMode::Password;
        password.userName = QStringLiteral("analyst");
        QVERIFY(!password.validate(&error));
        QVERIFY2(error.contains(QLatin1String("only personal access tokens")), qPrintable(error));
    }

    void missingSecretIsRefused()
    {
        DremioClient client(connectionFor(*m_server));
        QString error;
        QVERIFY(!client.prepare(&error));
        QVERIFY2(error.contains(QLatin1String("DREMIO_PAT")), qPrintable(error));
    }

    void secretStoreFallsBackToEnvironment()
    {
        SecretStore store(2000);
        QString reason;
        const bool keychain = store.keychainAvailable(&reason);
        const QString key = SecretStore::keyFor(QStringLiteral("test.invalid:9047"), QStringLiteral("pat"));
        qputenv("DOPT_TEST_DREMIO_SECRET", "from-env-1234");
        if (!keychain) {
            QVERIFY(!reason.isEmpty());
            QString error;
            QVERIFY(!store.store(key, QStringLiteral("never-stored"), &error));
            QVERIFY2(error.contains(QLatin1String("environment variable")), qPrintable(error));
        }
        SecretStore::Backend backend = SecretStore::Backend::None;
        QString error;
        const auto secret
            = store.read(keychain ? QString() : key, QStringLiteral("DOPT_TEST_DREMIO_SECRET"), &error, &backend);
        QVERIFY2(secret.has_value(), qPrintable(error));
        QCOMPARE(*secret, QStringLiteral("from-env-1234"));
        QCOMPARE(backend, SecretStore::Backend::Environment);
        qunsetenv("DOPT_TEST_DREMIO_SECRET");
        QVERIFY(!store.read(keychain ? QString() : key, QStringLiteral("DOPT_TEST_DREMIO_SECRET"), &error).has_value());
        QVERIFY2(error.contains(QLatin1String("DOPT_TEST_DREMIO_SECRET is not set")), qPrintable(error));
        if (keychain) {
            // A real Secret Service answered: the round trip must work too.
            QVERIFY2(store.store(key, QStringLiteral("kc-secret"), &error), qPrintable(error));
            QCOMPARE(store.read(key, QString(), &error, &backend).value_or(QString()), QStringLiteral("kc-secret"));
            QCOMPARE(backend, SecretStore::Backend::Keychain);
            QVERIFY(store.remove(key, &error));
        }
    }
};

QTEST_GUILESS_MAIN(TestDremioClient)
#include "tst_dremioclient.moc"
