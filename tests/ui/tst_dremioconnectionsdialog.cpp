#include "fakedremioserver.h"
#include "sources/dremioconnectionsdialog.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QTest>

using namespace dopt;
using test::FakeDremioServer;

/// The Dremio connections dialog against the fake Dremio server: test, save (no secret in the
/// workspace), collect in the background with progress, cancel, and the last-collected time.
class TestDremioConnectionsDialog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeDremioServer> m_server;
    std::shared_ptr<Workspace> m_workspace;
    QString m_workspacePath;
    int m_serial = 0;

    template <typename T> static T* child(QWidget& dialog, const char* name)
    {
        T* widget = dialog.findChild<T*>(QLatin1String(name));
        if (!widget)
            qFatal("no child %s", name);
        return widget;
    }

    void fill(DremioConnectionsDialog& dialog, const QString& secret)
    {
        child<QLineEdit>(dialog, "urlEdit")->setText(m_server->baseUrl().toString());
        child<QComboBox>(dialog, "authCombo")->setCurrentIndex(0);
        child<QLineEdit>(dialog, "secretEdit")->setText(secret);
    }

    static bool clickAndWait(DremioConnectionsDialog& dialog, const char* button, bool* ok)
    {
        QSignalSpy finished(&dialog, &DremioConnectionsDialog::operationFinished);
        QTest::mouseClick(child<QPushButton>(dialog, button), Qt::LeftButton);
        if (!finished.wait(60000))
            return false;
        *ok = finished.first().first().toBool();
        return true;
    }

private Q_SLOTS:
    void init()
    {
        DOPT_REQUIRE_SAMPLE(history, "sys_jobs_recent_results.json");
        Q_UNUSED(history);
        m_server = std::make_unique<FakeDremioServer>();
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        QVERIFY2(m_server->loadSampleHistory(&error), qPrintable(error));
        QVERIFY2(m_server->loadSampleProfiles(&error), qPrintable(error));
        m_workspacePath = QDir(test::tempDir()).filePath(QStringLiteral("connections-%1.dopt").arg(++m_serial));
        m_workspace = std::make_shared<Workspace>();
        QVERIFY2(m_workspace->open(m_workspacePath, &error), qPrintable(error));
        // Headless: the environment is the only secret store besides the session.
        qunsetenv("DREMIO_PAT");
    }

    void cleanup()
    {
        m_workspace.reset();
        m_server.reset();
    }

    void testSucceedsWithTheRightToken()
    {
        DremioConnectionsDialog dialog(m_workspace);
        fill(dialog, QLatin1String(FakeDremioServer::Pat));
        bool ok = false;
        QVERIFY(clickAndWait(dialog, "testButton", &ok));
        QVERIFY2(ok, qPrintable(dialog.statusText()));
        QVERIFY2(
            dialog.statusText().startsWith(QLatin1String("Connected to 127.0.0.1")), qPrintable(dialog.statusText()));
        QCOMPARE(m_server->countRequests(QStringLiteral("GET /api/v3/catalog")), 1);
    }

    void testVerifiesTlsWithTheCaFileField()
    {
        QString caFile;
        QString certificate;
        QString key;
        QString error;
        if (!FakeDremioServer::makeTestCertificates(test::tempDir(), &caFile, &certificate, &key, &error))
            QFAIL(qPrintable(error));
        m_server = std::make_unique<FakeDremioServer>();
        QVERIFY2(m_server->enableTls(certificate, key, &error), qPrintable(error));
        QVERIFY2(m_server->start(&error), qPrintable(error));
        DremioConnectionsDialog dialog(m_workspace);
        fill(dialog, QLatin1String(FakeDremioServer::Pat));
        QVERIFY(child<QLineEdit>(dialog, "urlEdit")->text().startsWith(QLatin1String("https://")));
        bool ok = true;
        QVERIFY(clickAndWait(dialog, "testButton", &ok));
        QVERIFY(!ok);
        QVERIFY2(dialog.statusText().contains(QLatin1String("TLS verification")), qPrintable(dialog.statusText()));
        QVERIFY2(dialog.statusText().contains(QLatin1String("CA certificate file")), qPrintable(dialog.statusText()));
        QCOMPARE(m_server->countRequests(QStringLiteral("/catalog")), 0);

        child<QLineEdit>(dialog, "caFileEdit")->setText(caFile);
        QVERIFY(clickAndWait(dialog, "testButton", &ok));
        QVERIFY2(ok, qPrintable(dialog.statusText()));
        QVERIFY2(
            dialog.statusText().startsWith(QLatin1String("Connected to 127.0.0.1")), qPrintable(dialog.statusText()));
    }

    void testReportsAWrongTokenWithoutRetrying()
    {
        DremioConnectionsDialog dialog(m_workspace);
        fill(dialog, QStringLiteral("not-the-token"));
        bool ok = true;
        QVERIFY(clickAndWait(dialog, "testButton", &ok));
        QVERIFY(!ok);
        QVERIFY2(dialog.statusText().contains(QLatin1String("401")), qPrintable(dialog.statusText()));
        QCOMPARE(m_server->countRequests(QStringLiteral("GET /api/v3/catalog")), 1); // 401 is never retried
    }

    void testNamesAMissingSecret()
    {
        DremioConnectionsDialog dialog(m_workspace);
        fill(dialog, QString());
        bool ok = true;
        QVERIFY(clickAndWait(dialog, "testButton", &ok));
        QVERIFY(!ok);
        QVERIFY2(dialog.statusText().contains(QLatin1String("DREMIO_PAT")), qPrintable(dialog.statusText()));
        QCOMPARE(m_server->countRequests(QStringLiteral("/api/v3/")), 0);
    }

    void saveKeepsTheSecretOutOfTheWorkspace()
    {
        const QString secret = QLatin1String(FakeDremioServer::Pat);
        {
            DremioConnectionsDialog dialog(m_workspace);
            QSignalSpy loaded(&dialog, &DremioConnectionsDialog::connectionsLoaded);
            fill(dialog, secret);
            bool ok = false;
            QVERIFY(clickAndWait(dialog, "saveButton", &ok));
            QVERIFY2(ok, qPrintable(dialog.statusText()));
            QVERIFY(loaded.wait(30000) || loaded.count() >= 2);
            auto* list = child<QListWidget>(dialog, "connectionList");
            QTRY_COMPARE(list->count(), 1);
            QVERIFY2(
                list->item(0)->text().contains(QLatin1String("never collected")), qPrintable(list->item(0)->text()));
            // The secret field is cleared and the session still knows it: a test needs no retyping.
            QVERIFY(child<QLineEdit>(dialog, "secretEdit")->text().isEmpty());
            QVERIFY(clickAndWait(dialog, "testButton", &ok));
            QVERIFY2(ok, qPrintable(dialog.statusText()));
        }
        m_workspace->close();
        QFile file(m_workspacePath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(secret.toUtf8()));
        QFile wal(m_workspacePath + QStringLiteral("-wal"));
        if (wal.open(QIODevice::ReadOnly))
            QVERIFY(!wal.readAll().contains(secret.toUtf8()));
    }

    void collectNowAddsJobsAndRecordsTheTime()
    {
        DremioConnectionsDialog dialog(m_workspace);
        fill(dialog, QLatin1String(FakeDremioServer::Pat));
        child<QSpinBox>(dialog, "profilesSpin")->setValue(2);
        QSignalSpy collected(&dialog, &DremioConnectionsDialog::collected);
        bool ok = false;
        QVERIFY(clickAndWait(dialog, "collectButton", &ok));
        QVERIFY2(ok, qPrintable(dialog.statusText()));
        QCOMPARE(collected.count(), 1);
        const qint64 added = collected.first().first().toLongLong();
        QCOMPARE(added, m_server->historySize());
        QVERIFY2(dialog.statusText().startsWith(QStringLiteral("Collected %1 new job").arg(added)),
            qPrintable(dialog.statusText()));
        QSqlQuery count(m_workspace->database());
        QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM jobs")) && count.next());
        QCOMPARE(count.value(0).toLongLong(), added);
        auto* list = child<QListWidget>(dialog, "connectionList");
        QTRY_COMPARE_WITH_TIMEOUT(list->count(), 1, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(list->item(0)->text().contains(QLatin1String("last collected")), 30000);
    }

    void cancelKeepsTheWorkspaceConsistent()
    {
        DremioConnectionsDialog dialog(m_workspace);
        fill(dialog, QLatin1String(FakeDremioServer::Pat));
        m_server->setPollsUntilDone(1000000); // the history job never finishes: only cancel ends the run
        QSignalSpy finished(&dialog, &DremioConnectionsDialog::operationFinished);
        QTest::mouseClick(child<QPushButton>(dialog, "collectButton"), Qt::LeftButton);
        QVERIFY(dialog.isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(m_server->countRequests(QStringLiteral("GET /api/v3/job/")) >= 2, 30000);
        QTest::mouseClick(child<QPushButton>(dialog, "cancelButton"), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY2(dialog.statusText().contains(QLatin1String("cancelled")), qPrintable(dialog.statusText()));
        QVERIFY(!dialog.isBusy());
        QSqlQuery count(m_workspace->database());
        QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM jobs")) && count.next());
        QCOMPARE(count.value(0).toLongLong(), 0);
    }
};

QTEST_MAIN(TestDremioConnectionsDialog)
#include "tst_dremioconnectionsdialog.moc"
