// File → Export Report in the main window: a real demo workspace, a real analysis, the export run on
// the worker thread behind the action, the PDF checked with pdftotext.
#include "analysis/analysisengine.h"
#include "demo/demogenerator.h"
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

class TestReportExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("dopt-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_reportexport"));
        m_path = test::tempDir() + QStringLiteral("/export.dopt");
        DemoOptions options;
        options.jobs = 800;
        options.profileEvery = 1;
        QString error;
        QVERIFY2(DemoGenerator(options).generate(m_path, &error), qPrintable(error));
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
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
        QVERIFY(text.waitForFinished(60000));
        const QString content = QString::fromUtf8(text.readAllStandardOutput());
        QVERIFY(content.contains(QStringLiteral("Executive summary")));
        QVERIFY(content.contains(QStringLiteral("Jobs: 800")));
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
