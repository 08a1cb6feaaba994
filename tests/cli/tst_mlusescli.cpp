// End-to-end tests of the run-time model's uses through the CLI: predict-all stores a prediction
// for every job (after train, which stores them too), jobs are listed with them.
#include "clirun.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace dopt;

class TestMlUsesCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_workspace = test::tempDir() + QStringLiteral("/mluses-demo.dopt");
        const test::CliRun demo
            = test::runCliProgram({QStringLiteral("demo"), QStringLiteral("--jobs"), QStringLiteral("800"),
                QStringLiteral("--profile-every"), QStringLiteral("2"), QStringLiteral("--out"), m_workspace});
        QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));
    }

    void predictAllNeedsAModel()
    {
        const test::CliRun result = run({QStringLiteral("predict-all")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QStringLiteral("run train first")), qPrintable(result.err));
        const test::CliRun bad = run({QStringLiteral("predict-all"), QStringLiteral("--batch"), QStringLiteral("0")});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(QStringLiteral("--batch")), qPrintable(bad.err));
    }

    void trainAndPredictAllStoreEveryJob()
    {
        const test::CliRun train = run(
            {QStringLiteral("train"), QStringLiteral("--json"), QStringLiteral("--family"), QStringLiteral("ridge")});
        QVERIFY2(train.exitCode == 0, qPrintable(train.err));
        const qint64 stored
            = QJsonDocument::fromJson(train.out).object().value(QStringLiteral("predictions_stored")).toInteger();
        QCOMPARE(stored, qint64(800));
        const test::CliRun all = run(
            {QStringLiteral("predict-all"), QStringLiteral("--json"), QStringLiteral("--batch"), QStringLiteral("64")});
        QVERIFY2(all.exitCode == 0, qPrintable(all.err));
        QCOMPARE(
            QJsonDocument::fromJson(all.out).object().value(QStringLiteral("predictions_stored")).toInteger(), stored);
        QVERIFY2(all.err.contains(QStringLiteral("Storing predictions")), qPrintable(all.err));
    }

private:
    test::CliRun run(QStringList arguments) const
    {
        arguments.prepend(m_workspace);
        arguments.prepend(QStringLiteral("--workspace"));
        return test::runCliProgram(arguments);
    }

    QString m_workspace;
};

QTEST_GUILESS_MAIN(TestMlUsesCli)
#include "tst_mlusescli.moc"
