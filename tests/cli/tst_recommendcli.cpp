// dremio-optimizer-cli recommend end to end: a generated demo workspace, analyze, then recommend in
// JSON (every field the apply/measure step needs, ranks, diffs) and text, filters and bad options.
#include "clirun.h"
#include "testdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace dopt;

namespace {

struct CliResult : test::CliRun
{
    QJsonArray recommendations() const
    {
        return QJsonDocument::fromJson(out).object().value(QStringLiteral("recommendations")).toArray();
    }
};

CliResult runCli(const QStringList& arguments)
{
    return {test::runCliProgram(arguments)};
}

} // namespace

class TestRecommendCli : public QObject
{
    Q_OBJECT

    QString m_workspace;

    QStringList with(const QStringList& arguments) const
    {
        return QStringList {QStringLiteral("--workspace"), m_workspace} + arguments;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_workspace = test::tempDir() + QStringLiteral("/demo.dopt");
        const CliResult demo = runCli({QStringLiteral("demo"), QStringLiteral("--jobs"), QStringLiteral("3000"),
            QStringLiteral("--out"), m_workspace});
        QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));
        const CliResult analyze = runCli(with({QStringLiteral("analyze")}));
        QVERIFY2(analyze.exitCode == 0, qPrintable(analyze.err));
    }

    void json()
    {
        const CliResult result = runCli(with({QStringLiteral("recommend"), QStringLiteral("--json")}));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonArray recs = result.recommendations();
        QVERIFY(recs.size() >= 10);
        QSet<QString> actions;
        QSet<qint64> ids;
        int diffs = 0;
        double previousScore = std::numeric_limits<double>::max();
        for (int i = 0; i < recs.size(); ++i) {
            const QJsonObject r = recs[i].toObject();
            for (const char* key : {"id", "action", "applyStatements", "undoStatements", "measureSql", "score", "diff"})
                QVERIFY2(r.contains(QLatin1String(key)), key);
            QCOMPARE(r.value(QStringLiteral("rank")).toInt(), i + 1);
            QVERIFY(r.value(QStringLiteral("score")).toDouble() <= previousScore);
            previousScore = r.value(QStringLiteral("score")).toDouble();
            ids.insert(qint64(r.value(QStringLiteral("id")).toDouble()));
            const QString action = r.value(QStringLiteral("action")).toString();
            actions.insert(action);
            if (action == QLatin1String("create_reflection")) {
                const QString apply = r.value(QStringLiteral("applyStatements")).toArray().first().toString();
                QVERIFY2(apply.startsWith(QLatin1String("ALTER TABLE ")) && apply.contains(QLatin1String("REFLECTION")),
                    qPrintable(apply));
                QVERIFY(r.value(QStringLiteral("undoStatements"))
                            .toArray()
                            .first()
                            .toString()
                            .contains(QLatin1String("DROP REFLECTION")));
                QVERIFY(!r.value(QStringLiteral("measureSql")).toString().isEmpty());
            }
            const QString diff = r.value(QStringLiteral("diff")).toString();
            if (!r.value(QStringLiteral("sqlAfter")).toString().isEmpty()) {
                ++diffs;
                QVERIFY(diff.startsWith(QLatin1String("--- before\n+++ after\n")));
                // At least one changed line after the header (an added LIMIT only adds one).
                const QString body = diff.mid(QStringLiteral("--- before\n+++ after\n").size());
                QVERIFY(body.startsWith(QLatin1Char('+')) || body.startsWith(QLatin1Char('-'))
                    || body.contains(QLatin1String("\n+")) || body.contains(QLatin1String("\n-")));
            } else {
                QVERIFY(diff.isEmpty());
            }
        }
        QCOMPARE(ids.size(), recs.size());
        QVERIFY(actions.contains(QStringLiteral("create_reflection")));
        QVERIFY(actions.contains(QStringLiteral("optimize_table")));
        QVERIFY(diffs >= 1);
    }

    void filtersAndText()
    {
        const CliResult filtered = runCli(with({QStringLiteral("recommend"), QStringLiteral("--json"),
            QStringLiteral("--detector"), QStringLiteral("small_files")}));
        QCOMPARE(filtered.exitCode, 0);
        QVERIFY(!filtered.recommendations().isEmpty());
        for (const QJsonValue& value : filtered.recommendations())
            QCOMPARE(value.toObject().value(QStringLiteral("detector")).toString(), QStringLiteral("small_files"));
        const CliResult high = runCli(with({QStringLiteral("recommend"), QStringLiteral("--json"),
            QStringLiteral("--severity"), QStringLiteral("high"), QStringLiteral("--limit"), QStringLiteral("2")}));
        QCOMPARE(high.exitCode, 0);
        QVERIFY(high.recommendations().size() <= 2);
        for (const QJsonValue& value : high.recommendations())
            QVERIFY(value.toObject().value(QStringLiteral("severity")).toString() != QLatin1String("medium"));

        const CliResult text = runCli(with({QStringLiteral("recommend")}));
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.startsWith("#1 ["));
        QVERIFY(text.out.contains("    apply: "));
        QVERIFY(text.out.contains("    | --- before"));
    }

    void badOptions()
    {
        const CliResult severity
            = runCli(with({QStringLiteral("recommend"), QStringLiteral("--severity"), QStringLiteral("urgent")}));
        QCOMPARE(severity.exitCode, 1);
        QVERIFY2(severity.err.contains(QLatin1String("urgent")), qPrintable(severity.err));
        const CliResult status
            = runCli(with({QStringLiteral("recommend"), QStringLiteral("--status"), QStringLiteral("maybe")}));
        QCOMPARE(status.exitCode, 1);
        const CliResult extra = runCli(with({QStringLiteral("recommend"), QStringLiteral("--bogus")}));
        QCOMPARE(extra.exitCode, 1);
        QVERIFY2(extra.err.contains(QLatin1String("--bogus")), qPrintable(extra.err));
        // A workspace never analysed: no recommendations, said on stderr, still success.
        const QString empty = test::tempDir() + QStringLiteral("/empty.dopt");
        const CliResult none = runCli({QStringLiteral("--workspace"), empty, QStringLiteral("recommend")});
        QCOMPARE(none.exitCode, 0);
        QVERIFY(none.out.isEmpty());
        QVERIFY(none.err.contains(QLatin1String("analyze")));
    }
};

QTEST_GUILESS_MAIN(TestRecommendCli)
#include "tst_recommendcli.moc"
