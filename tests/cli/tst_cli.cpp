// End-to-end tests of dremio-optimizer-cli: the contract scripts rely on (JSON on stdout,
// one-line reasons on stderr, exit statuses 0 / 1 / 2).
#include "fakedremioserver.h"
#include "testdata.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QtTest>

using namespace dopt;

namespace {
struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

CliResult runCli(const QStringList& arguments)
{
    QProcess process;
    process.start(test::cliPath(), arguments);
    if (!process.waitForFinished(300000))
        qWarning("CLI did not finish: %s", qPrintable(arguments.join(QLatin1Char(' '))));
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
        QString::fromUtf8(process.readAllStandardError())};
}
/// Runs the CLI while this process keeps serving events (the fake Dremio server lives here).
CliResult runCliServing(const QStringList& arguments, const QProcessEnvironment& environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    process.start(test::cliPath(), arguments);
    loop.exec();
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
        QString::fromUtf8(process.readAllStandardError())};
}
} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionAndHelp()
    {
        const CliResult version = runCli({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("dremio-optimizer-cli "));
        const CliResult help = runCli({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("import FILE_OR_DIR"));
        QCOMPARE(runCli({}).exitCode, 1);
    }

    void unknownCommandAndMissingWorkspaceFail()
    {
        const CliResult unknown = runCli(
            {QStringLiteral("--workspace"), test::tempDir() + QStringLiteral("/w.dopt"), QStringLiteral("frobnicate")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.contains(QStringLiteral("unknown command 'frobnicate'")));
        const CliResult missing = runCli({QStringLiteral("jobs")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains(QStringLiteral("--workspace")));
    }

    void importJobsAndProfileOfRealSamples()
    {
        DOPT_REQUIRE_SAMPLE(zip, "profile_download_21.6.2.zip");
        DOPT_REQUIRE_SAMPLE(log, "queries_log_21.x.json");
        const QString workspace = test::tempDir() + QStringLiteral("/cli.dopt");
        const CliResult imported
            = runCli({QStringLiteral("--workspace"), workspace, QStringLiteral("import"), zip, log});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        QCOMPARE(imported.json().value(QStringLiteral("filesFailed")).toInt(), 0);
        QCOMPARE(imported.json().value(QStringLiteral("profiles")).toInt(), 1);

        const CliResult jobs = runCli({QStringLiteral("--workspace"), workspace, QStringLiteral("jobs"),
            QStringLiteral("--json"), QStringLiteral("--limit"), QStringLiteral("100")});
        QCOMPARE(jobs.exitCode, 0);
        const int total = jobs.json().value(QStringLiteral("total")).toInt();
        QCOMPARE(total, 12); // 11 log lines + the ZIP's job
        QCOMPARE(jobs.json().value(QStringLiteral("jobs")).toArray().size(), 12);

        // Importing again changes nothing: imports are idempotent.
        QCOMPARE(runCli({QStringLiteral("--workspace"), workspace, QStringLiteral("import"), zip, log}).exitCode, 0);
        const CliResult again
            = runCli({QStringLiteral("--workspace"), workspace, QStringLiteral("jobs"), QStringLiteral("--json")});
        QCOMPARE(again.json().value(QStringLiteral("total")).toInt(), total);

        const CliResult profile = runCli({QStringLiteral("--workspace"), workspace, QStringLiteral("profile"),
            QStringLiteral("1c8b17a9-bd20-faef-4866-9b8c0c873c00"), QStringLiteral("--json")});
        QVERIFY2(profile.exitCode == 0, qPrintable(profile.err));
        const QJsonArray operators = profile.json().value(QStringLiteral("operators")).toArray();
        QVERIFY(operators.size() >= 5);
        QCOMPARE(operators.first().toObject().value(QStringLiteral("type")).toString(), QStringLiteral("SCREEN"));

        const CliResult text = runCli({QStringLiteral("--workspace"), workspace, QStringLiteral("profile"),
            QStringLiteral("1c8b17a9-bd20-faef-4866-9b8c0c873c00")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("SCREEN"));

        const CliResult noProfile = runCli(
            {QStringLiteral("--workspace"), workspace, QStringLiteral("profile"), QStringLiteral("no-such-job")});
        QCOMPARE(noProfile.exitCode, 1);
        QVERIFY(noProfile.err.contains(QStringLiteral("no-such-job")));
    }

    void badFileIsReportedAndTheRestImported()
    {
        DOPT_REQUIRE_SAMPLE(profile, "profile_21.6_csv_agg_1.json");
        const QString dir = test::tempDir();
        QFile bad(dir + QStringLiteral("/broken.zip"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("PK\x03\x04 this is not really a zip archive");
        bad.close();
        const QString workspace = dir + QStringLiteral("/partial.dopt");
        const CliResult result
            = runCli({QStringLiteral("--workspace"), workspace, QStringLiteral("import"), bad.fileName(), profile});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QStringLiteral("broken.zip")), qPrintable(result.err));
        QCOMPARE(result.json().value(QStringLiteral("filesFailed")).toInt(), 1);
        const CliResult jobs
            = runCli({QStringLiteral("--workspace"), workspace, QStringLiteral("jobs"), QStringLiteral("--json")});
        QCOMPARE(jobs.json().value(QStringLiteral("total")).toInt(), 1);
    }

    void notAWorkspaceIsRefused()
    {
        const QString path = test::tempDir() + QStringLiteral("/notes.txt");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("these are my notes, not a database\n");
        file.close();
        const CliResult result = runCli({QStringLiteral("--workspace"), path, QStringLiteral("jobs")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY(!result.err.isEmpty());
        QFile check(path);
        QVERIFY(check.open(QIODevice::ReadOnly));
        QCOMPARE(check.readAll(), QByteArray("these are my notes, not a database\n")); // untouched
    }

    void fingerprintGroupsLiteralVariants()
    {
        const QString path = test::tempDir() + QStringLiteral("/statements.sql");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("SELECT * FROM \"Sales Space\".\"orders 2025\" WHERE id IN (1, 2, 3) -- first; not a split\n;\n"
                   "select *\n  from \"Sales Space\".\"orders 2025\" where id in (42);\n"
                   "SELECT * FROM \"Sales Space\".\"orders 2024\" WHERE id IN (1);\n");
        file.close();
        const CliResult result = runCli({QStringLiteral("fingerprint"), path});
        QCOMPARE(result.exitCode, 0);
        const QList<QByteArray> lines = result.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        const auto fingerprintOf = [&](int i) {
            return QJsonDocument::fromJson(lines[i]).object().value(QStringLiteral("fingerprint")).toString();
        };
        QCOMPARE(fingerprintOf(0), fingerprintOf(1));
        QVERIFY(fingerprintOf(0) != fingerprintOf(2));
        QVERIFY(QJsonDocument::fromJson(lines[0])
                    .object()
                    .value(QStringLiteral("normalized"))
                    .toString()
                    .contains(QStringLiteral("IN (?...)")));
        const CliResult badDialect
            = runCli({QStringLiteral("fingerprint"), QStringLiteral("--dialect"), QStringLiteral("oracle"), path});
        QCOMPARE(badDialect.exitCode, 1);
        QVERIFY(badDialect.err.contains(QStringLiteral("oracle")));
    }

    void demoWorkspaceIsDeterministicAndLabelled()
    {
        const QString dir = test::tempDir();
        const QString first = dir + QStringLiteral("/a.dopt");
        const QString second = dir + QStringLiteral("/b.dopt");
        const CliResult made = runCli(
            {QStringLiteral("demo"), QStringLiteral("--jobs"), QStringLiteral("400"), QStringLiteral("--out"), first});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        QCOMPARE(made.json().value(QStringLiteral("jobs")).toInt(), 400);
        QVERIFY(made.json().value(QStringLiteral("profiles")).toInt() > 0);
        QCOMPARE(runCli({QStringLiteral("demo"), QStringLiteral("--jobs"), QStringLiteral("400"),
                            QStringLiteral("--out"), second})
                     .exitCode,
            0);
        const CliResult a = runCli({QStringLiteral("--workspace"), first, QStringLiteral("jobs"),
            QStringLiteral("--json"), QStringLiteral("--limit"), QStringLiteral("400")});
        const CliResult b = runCli({QStringLiteral("--workspace"), second, QStringLiteral("jobs"),
            QStringLiteral("--json"), QStringLiteral("--limit"), QStringLiteral("400")});
        QCOMPARE(a.json().value(QStringLiteral("total")).toInt(), 400);
        QCOMPARE(a.out, b.out); // same options, same workspace content
        QVERIFY(
            a.json().value(QStringLiteral("jobs")).toArray().first().toObject().value(QStringLiteral("demo")).toBool());
        QCOMPARE(runCli({QStringLiteral("demo"), QStringLiteral("--jobs"), QStringLiteral("0"), QStringLiteral("--out"),
                            dir + QStringLiteral("/c.dopt")})
                     .exitCode,
            1);
    }

    void analyzeFindingsAndBaselines()
    {
        const QString workspace = test::tempDir() + QStringLiteral("/analysis.dopt");
        QCOMPARE(runCli({QStringLiteral("demo"), QStringLiteral("--jobs"), QStringLiteral("1500"),
                            QStringLiteral("--profile-every"), QStringLiteral("2"), QStringLiteral("--out"), workspace})
                     .exitCode,
            0);
        const CliResult bad = runCli({QStringLiteral("--workspace"), workspace, QStringLiteral("analyze"),
            QStringLiteral("--fail-on"), QStringLiteral("severe")});
        QCOMPARE(bad.exitCode, 1);
        const CliResult analyzed = runCli({QStringLiteral("--workspace"), workspace, QStringLiteral("analyze")});
        QVERIFY2(analyzed.exitCode == 0, qPrintable(analyzed.err));
        QCOMPARE(analyzed.json().value(QStringLiteral("jobsAnalysed")).toInt(), 1500);
        const int findingCount = analyzed.json().value(QStringLiteral("findings")).toInt();
        QVERIFY(findingCount > 0); // the demo plants skew, spills and small files
        const QString worst = analyzed.json().value(QStringLiteral("highestSeverity")).toString();
        const CliResult gate = runCli(
            {QStringLiteral("--workspace"), workspace, QStringLiteral("analyze"), QStringLiteral("--fail-on"), worst});
        QCOMPARE(gate.exitCode, 3);
        QCOMPARE(runCli({QStringLiteral("--workspace"), workspace, QStringLiteral("analyze"),
                            QStringLiteral("--fail-on"), QStringLiteral("critical")})
                     .exitCode,
            worst == QLatin1String("critical") ? 3 : 0);

        const CliResult findings
            = runCli({QStringLiteral("--workspace"), workspace, QStringLiteral("findings"), QStringLiteral("--json")});
        QCOMPARE(findings.exitCode, 0);
        QCOMPARE(findings.json().value(QStringLiteral("findings")).toArray().size(), findingCount); // re-run replaced
        const CliResult skew = runCli({QStringLiteral("--workspace"), workspace, QStringLiteral("findings"),
            QStringLiteral("--json"), QStringLiteral("--detector"), QStringLiteral("thread_skew")});
        for (const QJsonValue& finding : skew.json().value(QStringLiteral("findings")).toArray())
            QCOMPARE(finding.toObject().value(QStringLiteral("detector")).toString(), QStringLiteral("thread_skew"));
        QCOMPARE(runCli({QStringLiteral("--workspace"), workspace, QStringLiteral("findings"),
                            QStringLiteral("--detector"), QStringLiteral("no_such_detector")})
                     .exitCode,
            1);
        const CliResult baselines
            = runCli({QStringLiteral("--workspace"), workspace, QStringLiteral("baselines"), QStringLiteral("--json")});
        QCOMPARE(baselines.exitCode, 0);
        const QJsonArray list = baselines.json().value(QStringLiteral("baselines")).toArray();
        QVERIFY(!list.isEmpty());
        const QJsonObject first = list.first().toObject();
        QVERIFY(first.value(QStringLiteral("durationP50Ms")).toDouble()
            <= first.value(QStringLiteral("durationP95Ms")).toDouble());
        QVERIFY(first.value(QStringLiteral("durationP95Ms")).toDouble()
            <= first.value(QStringLiteral("durationP99Ms")).toDouble());
    }

    void collectFromFakeDremio()
    {
        test::FakeDremioServer server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        if (!server.loadSampleHistory(&error))
            QSKIP(qPrintable(error));
        const QString workspace = test::tempDir() + QStringLiteral("/collect.dopt");
        const QStringList arguments {QStringLiteral("--workspace"), workspace, QStringLiteral("collect"),
            QStringLiteral("--dremio"), server.baseUrl().toString(), QStringLiteral("--profiles"), QStringLiteral("0")};
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("DREMIO_PAT"));
        environment.remove(QStringLiteral("DREMIO_PASSWORD"));
        const CliResult noToken = runCliServing(arguments, environment);
        QCOMPARE(noToken.exitCode, 1);
        QVERIFY2(noToken.err.contains(QStringLiteral("DREMIO_PAT")), qPrintable(noToken.err));

        environment.insert(QStringLiteral("DREMIO_PAT"), QStringLiteral("wrong-token"));
        const CliResult refused = runCliServing(arguments, environment);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY(!refused.err.contains(QStringLiteral("wrong-token"))); // never echo a secret

        environment.insert(QStringLiteral("DREMIO_PAT"), QLatin1String(test::FakeDremioServer::Pat));
        const CliResult collected = runCliServing(arguments, environment);
        QVERIFY2(collected.exitCode == 0, qPrintable(collected.err));
        QVERIFY(!collected.out.contains(test::FakeDremioServer::Pat));
        const CliResult jobs
            = runCli({QStringLiteral("--workspace"), workspace, QStringLiteral("jobs"), QStringLiteral("--json")});
        QCOMPARE(
            jobs.json().value(QStringLiteral("total")).toInt(), 2); // the two rows of the real sys.jobs_recent sample
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
