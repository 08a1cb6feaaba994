// Opening an old workspace from the CLI upgrades it and says how far on stderr (rows of the text
// index build, then the version reached) while stdout keeps only the command's own output, so a
// script reading `jobs --json` still gets JSON.
#include "clirun.h"
#include "oldworkspace.h"
#include "store/migrations.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace dopt;

namespace {

constexpr int JobCount = 3 * Migrations::RebuildBatchRows + 500; // four batches

} // namespace

class tst_UpgradeCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void upgradeProgressGoesToStderrOnly()
    {
        const QString path = QDir(test::tempDir()).filePath(QStringLiteral("old.dopt"));
        QString error;
        QVERIFY2(test::createOldWorkspace(path, 9, JobCount, &error), qPrintable(error));

        const test::CliRun run = test::runCliProgram({QStringLiteral("--workspace"), path, QStringLiteral("jobs"),
            QStringLiteral("--json"), QStringLiteral("--limit"), QStringLiteral("3")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        // stdout: the JSON of the command and nothing else.
        QJsonParseError parseError;
        const QJsonDocument json = QJsonDocument::fromJson(run.out, &parseError);
        QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
        QCOMPARE(json.object().value(QStringLiteral("total")).toInteger(), qint64(JobCount));
        QCOMPARE(json.object().value(QStringLiteral("jobs")).toArray().size(), 3);
        QVERIFY(!run.out.contains("upgrad"));

        // stderr: the rows of the index build, increasing to all of them, then the version reached.
        static const QRegularExpression line(
            QStringLiteral("^upgrading workspace: 0010_job_text_search: (\\d+)/(\\d+) rows \\((\\d+)%\\)$"));
        QVector<qint64> done;
        const QStringList lines = run.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const QString& text : lines) {
            const QRegularExpressionMatch match = line.match(text);
            if (!match.hasMatch())
                continue;
            QCOMPARE(match.captured(2).toLongLong(), qint64(JobCount));
            QCOMPARE(match.captured(3).toLongLong(), match.captured(1).toLongLong() * 100 / JobCount);
            done.append(match.captured(1).toLongLong());
        }
        // 0, then after each batch of 10,000 rows (each at least 5% further), then all of them.
        QCOMPARE(done, (QVector<qint64> {0, 10000, 20000, 30000, JobCount}));
        QCOMPARE(lines.last(),
            QStringLiteral("upgraded workspace from schema version 9 to %1").arg(Workspace::CurrentSchemaVersion));

        // Opened again: nothing to upgrade, nothing said.
        const test::CliRun again = test::runCliProgram({QStringLiteral("--workspace"), path, QStringLiteral("jobs"),
            QStringLiteral("--json"), QStringLiteral("--limit"), QStringLiteral("3")});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(!again.err.contains(QStringLiteral("upgrad")), qPrintable(again.err));
        QCOMPARE(again.out, run.out);
    }
};

QTEST_GUILESS_MAIN(tst_UpgradeCli)
#include "tst_upgradecli.moc"
