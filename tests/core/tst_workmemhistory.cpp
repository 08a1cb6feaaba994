#include "analysis/workmemadvice.h"
#include "ml/workmemhistory.h"
#include "postgresserver.h"
#include "sources/postgres/pgconnection.h"
#include "sources/postgres/pglogimporter.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QFile>
#include <QMap>
#include <QRegularExpression>
#include <QTest>

using namespace dopt;

/// The work_mem WorkMemHistory derives for each logged execution, checked against what a real
/// PostgreSQL server said it was: sessions on a throwaway server SET / SET LOCAL / RESET work_mem
/// inside and outside transaction blocks (failed ones, rolled back ones, savepoints) and run probes
/// `SELECT current_setting('work_mem') AS probe_N`; the server's csvlog is imported and every probe's
/// derived work_mem must equal the value the server returned for it.
class TestWorkMemHistory : public QObject
{
    Q_OBJECT

private:
    dopt::test::PostgresServer m_server;
    QString m_url;
    int m_probes = 0;
    QMap<int, qint64> m_serverKb; // probe -> work_mem the server reported (kB)
    QStringList m_failedProbes; // probes the server refused (in a failed transaction): no execution

    /// One session (a new connection, so a new session id in the log) running `statements`; "?"
    /// stands for a probe. Statements may fail: that is part of the scenario.
    void session(const QStringList& statements)
    {
        PgConnection connection;
        QString error;
        QVERIFY2(connection.open(m_url, &error), qPrintable(error));
        for (const QString& statement : statements) {
            if (statement != QLatin1String("?")) {
                connection.exec(statement);
                continue;
            }
            const int probe = ++m_probes;
            const PgResult result
                = connection.exec(QStringLiteral("SELECT current_setting('work_mem') AS probe_%1").arg(probe));
            if (result.ok)
                m_serverKb.insert(probe, WorkMemAdvice::toKb(result.value(0, 0)));
            else
                m_failedProbes << QStringLiteral("probe_%1").arg(probe);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        if (!m_server.startLogged(QStringLiteral("csvlog"), QStringLiteral("shop"), &m_url, &reason))
            QSKIP(qPrintable(reason));
        QVERIFY2(!m_url.isEmpty(), qPrintable(reason));
    }

    void effectiveWorkMemPerExecution()
    {
        // A COMMIT after an error inside the block rolls back: the SET made in it is gone.
        session({QStringLiteral("SET work_mem = '1MB'"), QStringLiteral("?"), QStringLiteral("BEGIN"),
            QStringLiteral("SET work_mem = '2MB'"), QStringLiteral("?"), QStringLiteral("SELECT 1 / 0"),
            QStringLiteral("?"), // refused: the transaction failed
            QStringLiteral("SET work_mem = '3MB'"), // refused as well
            QStringLiteral("COMMIT"), QStringLiteral("?")}); // 1MB
        // The same with END, and an error raised by a statement of the block's own.
        session({QStringLiteral("BEGIN"), QStringLiteral("SET work_mem = '5MB'"),
            QStringLiteral("SELECT * FROM no_such_table"), QStringLiteral("END"), QStringLiteral("?")}); // 4MB
        // ROLLBACK undoes a SET of its block; a SET outside any block stays.
        session({QStringLiteral("BEGIN"), QStringLiteral("SET work_mem = '6MB'"), QStringLiteral("?"),
            QStringLiteral("ROLLBACK"), QStringLiteral("?"), QStringLiteral("SET work_mem = '7MB'"),
            QStringLiteral("?"), QStringLiteral("BEGIN"), QStringLiteral("SET work_mem = '8MB'"),
            QStringLiteral("COMMIT"), QStringLiteral("?")}); // 8MB: a committed SET stays
        // Savepoints: ROLLBACK TO undoes what followed the savepoint (and clears an error), RELEASE keeps it.
        session({QStringLiteral("BEGIN"), QStringLiteral("SET work_mem = '2MB'"), QStringLiteral("SAVEPOINT a"),
            QStringLiteral("SET work_mem = '5MB'"), QStringLiteral("?"), // 5MB
            QStringLiteral("ROLLBACK TO SAVEPOINT a"), QStringLiteral("?"), // 2MB
            QStringLiteral("SAVEPOINT b"), QStringLiteral("SET work_mem = '6MB'"), QStringLiteral("RELEASE b"),
            QStringLiteral("?"), // 6MB
            QStringLiteral("SAVEPOINT c"), QStringLiteral("SET work_mem = '9MB'"), QStringLiteral("SELECT 1 / 0"),
            QStringLiteral("ROLLBACK TO c"), QStringLiteral("?"), // 6MB, and the block works again
            QStringLiteral("COMMIT"), QStringLiteral("?")}); // a real commit: 6MB
        // SET LOCAL: only inside a block, until its end whatever the end; RESET work_mem and RESET ALL.
        session({QStringLiteral("SET LOCAL work_mem = '9MB'"), QStringLiteral("?"), // outside a block: ignored
            QStringLiteral("SET work_mem = '3MB'"), QStringLiteral("BEGIN"),
            QStringLiteral("SET LOCAL work_mem = '10MB'"), QStringLiteral("?"), QStringLiteral("COMMIT"),
            QStringLiteral("?"), // 10MB then 3MB
            QStringLiteral("BEGIN"), QStringLiteral("SET LOCAL work_mem = '11MB'"), QStringLiteral("SELECT 1 / 0"),
            QStringLiteral("ROLLBACK"), QStringLiteral("?"), // 3MB
            QStringLiteral("RESET work_mem"), QStringLiteral("?"), // the server's 4MB
            QStringLiteral("SET work_mem = '12MB'"), QStringLiteral("?"), QStringLiteral("RESET ALL"),
            QStringLiteral("?"), // 4MB
            QStringLiteral("SET work_mem = '1kB'"), // below the minimum: an error, nothing changes
            QStringLiteral("?"), QStringLiteral("SELECT 'last session done'")});
        QCOMPARE(m_failedProbes, QStringList {QStringLiteral("probe_3")});

        const QString log = m_server.dataDirectory() + QStringLiteral("/log/server.csv");
        const auto logged = [&log] {
            QFile file(log);
            return file.open(QIODevice::ReadOnly) && file.readAll().contains("last session done");
        };
        QTRY_VERIFY_WITH_TIMEOUT(logged(), 20000);
        Workspace workspace;
        QString error;
        QVERIFY2(
            workspace.open(dopt::test::tempDir() + QStringLiteral("/workmemhistory.dopt"), &error), qPrintable(error));
        const PgLogImportResult imported = PgLogImporter::importFile(workspace, log);
        QVERIFY2(imported.ok, qPrintable(imported.error));

        std::vector<WorkMemHistory::Execution> executions;
        qint64 defaultKb = 0;
        QVERIFY2(WorkMemHistory::executions(workspace.database(), &executions, &defaultKb, &error), qPrintable(error));
        QCOMPARE(defaultKb, 4096);
        static const QRegularExpression probeName(QStringLiteral("probe_(\\d+)"));
        QMap<int, qint64> derivedKb;
        for (const WorkMemHistory::Execution& execution : executions) {
            const QRegularExpressionMatch match = probeName.match(execution.sql);
            if (match.hasMatch())
                derivedKb.insert(match.captured(1).toInt(), execution.kb);
        }
        QCOMPARE(derivedKb, m_serverKb);
        // The scenarios' expected values, so a server that behaved otherwise is noticed too.
        const QList<qint64> expectedMb {1, 2, 1, 4, 6, 4, 7, 8, 5, 2, 6, 6, 6, 4, 10, 3, 3, 4, 12, 4, 4};
        QList<qint64> serverMb;
        for (auto it = m_serverKb.cbegin(); it != m_serverKb.cend(); ++it)
            serverMb << it.value() / 1024;
        QCOMPARE(serverMb, expectedMb);
    }

    void savepointAndChainStatements()
    {
        using Control = WorkMemHistory::TransactionControl;
        QString name;
        bool chain = false;
        QCOMPARE(WorkMemHistory::transactionControl(QStringLiteral("SAVEPOINT Sp1"), &name), Control::Savepoint);
        QCOMPARE(name, QStringLiteral("sp1"));
        QCOMPARE(
            WorkMemHistory::transactionControl(QStringLiteral("release savepoint \"Sp1\""), &name), Control::Release);
        QCOMPARE(name, QStringLiteral("Sp1"));
        QCOMPARE(WorkMemHistory::transactionControl(QStringLiteral("RELEASE sp1"), &name), Control::Release);
        QCOMPARE(name, QStringLiteral("sp1"));
        QCOMPARE(WorkMemHistory::transactionControl(QStringLiteral("ROLLBACK WORK TO SAVEPOINT s"), &name),
            Control::RollbackToSavepoint);
        QCOMPARE(name, QStringLiteral("s"));
        QCOMPARE(
            WorkMemHistory::transactionControl(QStringLiteral("rollback to s2"), &name), Control::RollbackToSavepoint);
        QCOMPARE(name, QStringLiteral("s2"));
        QCOMPARE(WorkMemHistory::transactionControl(QStringLiteral("ROLLBACK TRANSACTION"), &name), Control::Rollback);
        QCOMPARE(
            WorkMemHistory::transactionControl(QStringLiteral("COMMIT AND CHAIN"), &name, &chain), Control::Commit);
        QVERIFY(chain);
        QCOMPARE(
            WorkMemHistory::transactionControl(QStringLiteral("COMMIT AND NO CHAIN"), &name, &chain), Control::Commit);
        QVERIFY(!chain);
        QCOMPARE(WorkMemHistory::transactionControl(QStringLiteral("PREPARE TRANSACTION 'x'")), Control::Commit);
        QCOMPARE(WorkMemHistory::transactionControl(QStringLiteral("PREPARE q AS SELECT 1")), Control::None);
        QCOMPARE(WorkMemHistory::transactionControl(QStringLiteral("ROLLBACK PREPARED 'x'")), Control::None);
        QCOMPARE(WorkMemHistory::settingKb(QStringLiteral("RESET ALL")), 0);
        QCOMPARE(WorkMemHistory::settingKb(QStringLiteral("discard all")), 0);
        QCOMPARE(WorkMemHistory::settingKb(QStringLiteral("RESET maintenance_work_mem")), -1);
    }
};

QTEST_GUILESS_MAIN(TestWorkMemHistory)
#include "tst_workmemhistory.moc"
