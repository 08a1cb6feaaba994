// File → Export Report in the main window: a real demo workspace, a real analysis, the export run on
// the worker thread behind the action, the PDF checked with pdftotext.
#include "analysis/analysisengine.h"
#include "dashboard/dashboardview.h"
#include "demo/demogenerator.h"
#include "demoworkspace.h"
#include "mainwindow.h"
#include "report/reportexportcontroller.h"
#include "report/reportexportflow.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QAction>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

using namespace dopt;

namespace {
/// The text of a PDF (pdftotext), empty when it cannot be read.
QString pdfText(const QString& pdf)
{
    QProcess text;
    text.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
    if (!text.waitForFinished(60000))
        return {};
    return QString::fromUtf8(text.readAllStandardOutput());
}
} // namespace

class TestReportExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("dopt-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_reportexport"));
        QString error;
        m_path = test::makeDemoWorkspace(QStringLiteral("export.dopt"), 800, 1, &error);
        QVERIFY2(!m_path.isEmpty(), qPrintable(error));
        Workspace workspace;
        QVERIFY2(workspace.open(m_path, &error), qPrintable(error));
        AnalysisEngine engine(workspace);
        AnalysisSummary summary;
        QVERIFY2(engine.run(&summary, &error), qPrintable(error));
    }

    void exportFromTheMainWindow()
    {
        MainWindow window;
        QAction* action = window.findChild<QAction*>(QStringLiteral("exportReportAction"));
        QVERIFY(action);
        QVERIFY(!action->isEnabled()); // nothing to report without a workspace
        QString error;
        QVERIFY2(window.openWorkspace(m_path, &error), qPrintable(error));
        QVERIFY(action->isEnabled());
        QCOMPARE(action->shortcut(), QKeySequence(QKeySequence::Print));

        const QString pdf = test::tempDir() + QStringLiteral("/export.pdf");
        ReportExportFlow* flow = window.reportExport();
        QSignalSpy finished(flow->controller(), &ReportExportController::finished);
        QSignalSpy failed(flow->controller(), &ReportExportController::failed);
        QSignalSpy progress(flow->controller(), &ReportExportController::progress);
        QVERIFY2(flow->exportTo(pdf, &error), qPrintable(error));
        QVERIFY(!action->isEnabled()); // one export at a time
        QVERIFY(!flow->exportTo(pdf, &error));
        QVERIFY(!error.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() || !failed.isEmpty(), 300000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QCOMPARE(finished.first().at(0).toString(), pdf);
        QVERIFY(finished.first().at(1).toInt() >= 5); // cover, contents, summary, regressions, workload...
        QVERIFY(!progress.isEmpty());
        QVERIFY(action->isEnabled());

        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed");
        const QString content = pdfText(pdf);
        QVERIFY(content.contains(QStringLiteral("Executive summary")));
        QVERIFY(content.contains(QStringLiteral("Jobs: 800")));
    }

    void exportFollowsTheDashboardRange()
    {
        MainWindow window;
        QString error;
        QVERIFY2(window.openWorkspace(m_path, &error), qPrintable(error));
        DashboardView* dashboard = window.dashboard();
        QVERIFY(QTest::qWaitFor([&] { return !dashboard->isLoading() && dashboard->data().jobCount > 0; }, 300000));
        QSignalSpy updated(dashboard, &DashboardView::updated);
        dashboard->setRange(DashboardView::Range::Week);
        QVERIFY(QTest::qWaitFor([&] { return !updated.isEmpty(); }, 300000));
        const qint64 weekJobs = dashboard->data().jobCount;
        QVERIFY(weekJobs > 0);

        const QString pdf = test::tempDir() + QStringLiteral("/week.pdf");
        QSignalSpy finished(window.reportExport()->controller(), &ReportExportController::finished);
        QVERIFY2(window.reportExport()->exportTo(pdf, &error), qPrintable(error));
        QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 300000));
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed");
        const QString content = pdfText(pdf);
        QVERIFY2(content.contains(QStringLiteral("Jobs: %1").arg(weekJobs)), qPrintable(QString::number(weekJobs)));
    }

    void figuresFollowTheInterfaceLanguage()
    {
        // TranslationLoader sets the default locale to the chosen language; the export takes it.
        const QLocale previous;
        QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
        MainWindow window;
        QString error;
        QVERIFY2(window.openWorkspace(m_path, &error), qPrintable(error));
        const QString pdf = test::tempDir() + QStringLiteral("/french.pdf");
        QSignalSpy finished(window.reportExport()->controller(), &ReportExportController::finished);
        QVERIFY2(window.reportExport()->exportTo(pdf, &error), qPrintable(error));
        QLocale::setDefault(previous); // the export captured the language when it started
        QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 300000));
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed");
        // pdftotext renders the narrow no-break group separator as a plain space.
        const QString content = pdfText(pdf).replace(QChar(0x202f), QLatin1Char(' '));
        Workspace workspace;
        QVERIFY2(workspace.open(m_path, &error), qPrintable(error));
        const qint64 totalMs
            = test::queryScalar(workspace.database(), QStringLiteral("SELECT SUM(duration_ms) FROM jobs"));
        QVERIFY(totalMs >= 1000);
        const QString french = QLocale(QLocale::French).toString(totalMs).replace(QChar(0x202f), QLatin1Char(' '));
        QVERIFY2(content.contains(french + QStringLiteral(" ms")), qPrintable(french));
        QVERIFY(!content.contains(QLocale(QLocale::English).toString(totalMs) + QStringLiteral(" ms")));
    }

    void unwritableFileFailsWithItsName()
    {
        MainWindow window;
        QString error;
        QVERIFY2(window.openWorkspace(m_path, &error), qPrintable(error));
        const QString pdf = test::tempDir() + QStringLiteral("/missing/dir/report.pdf");
        QSignalSpy failed(window.reportExport()->controller(), &ReportExportController::failed);
        QVERIFY2(window.reportExport()->exportTo(pdf, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 300000);
        QVERIFY2(failed.first().first().toString().contains(pdf), qPrintable(failed.first().first().toString()));
    }

private:
    QString m_path;
};

QTEST_MAIN(TestReportExport)
#include "tst_reportexport.moc"
