#include "clirun.h"
#include "postgresserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace dopt;

/// `explain` through the command-line program against a real server: the most expensive SELECTs of
/// pg_stat_statements get EXPLAIN ANALYZE profiles with pg_stats values, shown and stored (then read
/// back by `profile`); the analysis turns a spill at 64 kB into a work_mem recommendation; bad options
/// and a workspace without a PostgreSQL source fail clearly.
class TestPgExplainCli : public QObject
{
    Q_OBJECT

private:
    dopt::test::PostgresServer m_server;
    QString m_url;
    QString m_workspacePath;

    test::CliRun cli(const QStringList& arguments)
    {
        return test::runCliProgram(QStringList {QStringLiteral("--workspace"), m_workspacePath} + arguments);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        const QString schema
            = QStringLiteral("CREATE EXTENSION pg_stat_statements;"
                             "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int, note text);"
                             "INSERT INTO orders SELECT g, g % 500, md5(g::text) FROM generate_series(1, 60000) g;"
                             "ANALYZE orders; ALTER DATABASE shop SET work_mem = '64kB';"
                             "SELECT pg_stat_statements_reset();");
        if (!m_server.startWithDatabase(QStringLiteral("shop"), schema, &m_url, &reason))
            QSKIP(qPrintable(reason));
        QVERIFY2(!m_url.isEmpty(), qPrintable(reason));
        QString error;
        for (int i = 0; i < 5; ++i) {
            m_server.psql(QStringLiteral("shop"),
                QStringLiteral("SELECT count(*) FROM orders WHERE customer_id = %1;"
                               "SELECT max(n) FROM (SELECT row_number() OVER (ORDER BY note) n FROM orders) s;")
                    .arg(i),
                &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
        m_workspacePath = dopt::test::tempDir() + QStringLiteral("/pgexplaincli.dopt");
    }

    void refusals()
    {
        const test::CliRun noSource = cli({QStringLiteral("explain")});
        QCOMPARE(noSource.exitCode, 1);
        QVERIFY2(noSource.err.contains(QLatin1String("no PostgreSQL source")), qPrintable(noSource.err));
        const test::CliRun badTop = cli({QStringLiteral("explain"), QStringLiteral("--postgres"), m_url,
            QStringLiteral("--top"), QStringLiteral("0")});
        QCOMPARE(badTop.exitCode, 1);
        QVERIFY2(badTop.err.contains(QLatin1String("--top must be a positive number")), qPrintable(badTop.err));
        const test::CliRun badSetting = cli({QStringLiteral("explain"), QStringLiteral("--postgres"), m_url,
            QStringLiteral("--set"), QStringLiteral("work_mem = '1MB'; DROP TABLE orders")});
        QCOMPARE(badSetting.exitCode, 1);
        QVERIFY2(badSetting.err.contains(QLatin1String("not a setting")), qPrintable(badSetting.err));
    }

    void explainStoresProfiles()
    {
        QCOMPARE(cli({QStringLiteral("collect"), QStringLiteral("--postgres"), m_url, QStringLiteral("--no-advice")})
                     .exitCode,
            0);
        QElapsedTimer timer;
        timer.start();
        const test::CliRun run = cli({QStringLiteral("explain"), QStringLiteral("--top"), QStringLiteral("5")});
        const qint64 elapsed = timer.elapsed();
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString text = QString::fromUtf8(run.out);
        // The values used are shown with where they came from.
        QVERIFY2(text.contains(QRegularExpression(
                     QStringLiteral(R"(\$1 = '\d+'  \(most common value of public\.orders\.customer_id\))"))),
            qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("profiles stored")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("kB spilled")), qPrintable(text));

        const test::CliRun json = cli({QStringLiteral("explain"), QStringLiteral("--json")});
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        const QJsonObject result = QJsonDocument::fromJson(json.out).object();
        const int explained = result.value(QStringLiteral("explained")).toInt();
        QVERIFY(explained >= 2);
        qInfo("explain: %d statements in %lld ms including the program's start (%.0f ms per statement)", explained,
            elapsed, double(elapsed) / explained);
        QString jobId;
        for (const QJsonValue& value : result.value(QStringLiteral("statements")).toArray())
            if (value.toObject().value(QStringLiteral("sql")).toString().contains(QLatin1String("customer_id")))
                jobId = value.toObject().value(QStringLiteral("job_id")).toString();
        QVERIFY(jobId.startsWith(QLatin1String("explain:")));
        const test::CliRun profile = cli({QStringLiteral("profile"), jobId, QStringLiteral("--json")});
        QVERIFY2(profile.exitCode == 0, qPrintable(profile.err));
        QVERIFY2(profile.out.contains("Seq Scan"), profile.out.constData());

        // The spilled sort becomes a work_mem recommendation for that statement.
        QCOMPARE(cli({QStringLiteral("analyze")}).exitCode, 0);
        const test::CliRun recommended = cli({QStringLiteral("recommend"), QStringLiteral("--json"),
            QStringLiteral("--detector"), QStringLiteral("memory_spill")});
        QVERIFY2(recommended.exitCode == 0, qPrintable(recommended.err));
        QVERIFY2(recommended.out.contains("work_mem = '"), recommended.out.constData());
        QVERIFY2(recommended.out.contains("postgresql"), recommended.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestPgExplainCli)
#include "tst_pgexplaincli.moc"
