// --version of the command-line program names the SQL highlighter of this build, the same answer
// the build information gives in process (KF6 Syntax-Highlighting or the built-in one).
#include "testdata.h"
#include "util/buildinfo.h"

#include <QProcess>
#include <QtTest>

using namespace dopt;

class TestVersionCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionNamesTheHighlighter()
    {
        QProcess process;
        process.start(test::cliPath(), {QStringLiteral("--version")});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        const QString text = QString::fromUtf8(process.readAllStandardOutput());
        QVERIFY2(text.startsWith(QStringLiteral("dremio-optimizer-cli %1\n").arg(QStringLiteral(DOPT_VERSION))),
            qPrintable(text));
        QVERIFY2(
            text.contains(QStringLiteral("SQL highlighting (GUI): ") + BuildInfo::sqlHighlighter()), qPrintable(text));
        QVERIFY(
            text.contains(BuildInfo::hasKSyntaxHighlighting() ? QStringLiteral("KF6") : QStringLiteral("built-in")));
    }
};

QTEST_GUILESS_MAIN(TestVersionCli)
#include "tst_versioncli.moc"
