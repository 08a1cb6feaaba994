// End-to-end tests of train / predict / patterns on a demo workspace made by the CLI itself.
#include "clirun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace dopt;

namespace {
QJsonDocument jsonOf(const test::CliRun& run)
{
    return QJsonDocument::fromJson(run.out);
}
} // namespace

class TestMlCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_workspace = test::tempDir() + QStringLiteral("/ml-demo.dopt");
        const test::CliRun demo
            = test::runCliProgram({QStringLiteral("demo"), QStringLiteral("--jobs"), QStringLiteral("3000"),
                QStringLiteral("--profile-every"), QStringLiteral("1"), QStringLiteral("--out"), m_workspace});
        QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));
    }

    void predictBeforeTrainingSaysSo()
    {
        const test::CliRun result = ml({QStringLiteral("predict"), QStringLiteral("any-job")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QStringLiteral("run train first")), qPrintable(result.err));
    }

    void trainPrintsHeldOutMetrics()
    {
        const test::CliRun result = ml({QStringLiteral("train"), QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonObject json = jsonOf(result).object();
        QVERIFY(json.value(QStringLiteral("model_id")).toInt() > 0);
        QVERIFY(
            QStringList({QStringLiteral("ridge"), QStringLiteral("kernel_ridge_rbf"), QStringLiteral("random_forest")})
                .contains(json.value(QStringLiteral("family")).toString()));
        const QJsonObject metrics = json.value(QStringLiteral("metrics")).toObject();
        QVERIFY(metrics.value(QStringLiteral("r2_log")).toDouble() > 0.7);
        const double coverage = metrics.value(QStringLiteral("coverage_80")).toDouble();
        QVERIFY2(coverage > 0.68 && coverage < 0.92, qPrintable(QString::number(coverage)));
        for (const char* key : {"mae_ms", "median_q_error", "within_20pct"})
            QVERIFY2(metrics.contains(QLatin1String(key)), key);
        QCOMPARE(json.value(QStringLiteral("candidates")).toArray().size(), 6);
        QCOMPARE(json.value(QStringLiteral("importance")).toArray().size(),
            json.value(QStringLiteral("features")).toArray().size());
        QCOMPARE(json.value(QStringLiteral("test_rows")).toInt(), metrics.value(QStringLiteral("test_rows")).toInt());

        // Nothing new since: --if-needed keeps the model.
        const test::CliRun again
            = ml({QStringLiteral("train"), QStringLiteral("--if-needed"), QStringLiteral("--json")});
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QCOMPARE(jsonOf(again).object().value(QStringLiteral("retrained")).toBool(true), false);
        QVERIFY(again.err.contains(QStringLiteral("not retrained")));

        const test::CliRun bad
            = ml({QStringLiteral("train"), QStringLiteral("--family"), QStringLiteral("neural_net")});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(QStringLiteral("no known model family")), qPrintable(bad.err));
    }

    void predictGivesAnInterval()
    {
        const test::CliRun jobs
            = ml({QStringLiteral("jobs"), QStringLiteral("--json"), QStringLiteral("--limit"), QStringLiteral("5")});
        QVERIFY2(jobs.exitCode == 0, qPrintable(jobs.err));
        const QJsonArray rows = jsonOf(jobs).object().value(QStringLiteral("jobs")).toArray();
        QVERIFY(!rows.isEmpty());
        const QString jobId = rows.first().toObject().value(QStringLiteral("jobId")).toString();
        QVERIFY(!jobId.isEmpty());
        const test::CliRun result = ml({QStringLiteral("predict"), jobId, QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonObject json = jsonOf(result).object();
        const double predicted = json.value(QStringLiteral("predicted_ms")).toDouble();
        QVERIFY(predicted > 0);
        QVERIFY(json.value(QStringLiteral("low_ms")).toDouble() < predicted);
        QVERIFY(json.value(QStringLiteral("high_ms")).toDouble() > predicted);

        const test::CliRun missing = ml({QStringLiteral("predict"), QStringLiteral("no-such-job")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains(QStringLiteral("no job 'no-such-job'")));
        QCOMPARE(ml({QStringLiteral("predict")}).exitCode, 1);
    }

    void patternsFindTheDemoRhythm()
    {
        const test::CliRun result = ml({QStringLiteral("patterns"), QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY(jsonOf(result).isArray());
        QStringList types;
        for (const QJsonValue& value : jsonOf(result).array()) {
            const QJsonObject pattern = value.toObject();
            types.append(pattern.value(QStringLiteral("type")).toString());
            const double confidence = pattern.value(QStringLiteral("confidence")).toDouble();
            QVERIFY(confidence > 0 && confidence < 1);
            if (types.last() == QLatin1String("batch_job")) {
                QCOMPARE(pattern.value(QStringLiteral("fingerprint")).toString().size(), 16);
                QVERIFY(!pattern.value(QStringLiteral("sql")).toString().isEmpty());
            }
        }
        QVERIFY(types.contains(QStringLiteral("daily_cycle")));
        QVERIFY(types.contains(QStringLiteral("weekly_pattern")));
        QVERIFY(types.contains(QStringLiteral("batch_job")));
        const test::CliRun text = ml({QStringLiteral("patterns")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("peak hours (UTC)"));
    }

    void adviseListsConsistentParameters()
    {
        const test::CliRun result = ml({QStringLiteral("advise"), QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY(jsonOf(result).isArray());
        for (const QJsonValue& value : jsonOf(result).array()) {
            const QJsonObject advice = value.toObject();
            QVERIFY(QStringList({QStringLiteral("limit"), QStringLiteral("queue"), QStringLiteral("engine")})
                        .contains(advice.value(QStringLiteral("parameter")).toString()));
            QVERIFY(!advice.value(QStringLiteral("recommended")).toString().isEmpty());
            const double confidence = advice.value(QStringLiteral("confidence")).toDouble();
            QVERIFY(confidence > 0 && confidence < 1);
        }
    }

private:
    test::CliRun ml(QStringList arguments)
    {
        return test::runCliProgram(QStringList {QStringLiteral("--workspace"), m_workspace} + arguments);
    }

    QString m_workspace;
};

QTEST_GUILESS_MAIN(TestMlCli)
#include "tst_mlcli.moc"
