#include "demoworkspacebuilder.h"
#include "firstrundialog.h"
#include "importcontroller.h"
#include "importsummarydialog.h"
#include "jobdetailview.h"
#include "jobfilterbar.h"
#include "jobtablemodel.h"
#include "mainwindow.h"
#include "phasetimeline.h"
#include "plantreemodel.h"
#include "profileview.h"
#include "querybrowser.h"
#include "sqlview.h"
#include "store/workspace.h"
#include "testdata.h"
#include "workspacecontroller.h"

#include <QAbstractItemModelTester>
#include <QCommandLinkButton>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace dopt;

namespace {
bool waitForFirstPage(JobTableModel* model)
{
    if (model->isFirstPageReady())
        return true;
    QSignalSpy ready(model, &JobTableModel::firstPageReady);
    return ready.wait(60000);
}

QString writeFile(const QString& name, const QByteArray& bytes)
{
    const QString path = QDir(dopt::test::tempDir()).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QString();
    file.write(bytes);
    return path;
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // Never read or write the user's real settings.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("dopt-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    }

    void openImportFilterSelect()
    {
        DOPT_REQUIRE_SAMPLE(skew, "profile_25.x_hashjoin_skew.json");
        DOPT_REQUIRE_SAMPLE(agg, "profile_21.6_csv_agg_1.json");
        DOPT_REQUIRE_SAMPLE(log, "queries_log_21.x.json");
        const QString broken = writeFile(QStringLiteral("broken_profile.json"), QByteArrayLiteral("{\"id\": {"));

        MainWindow window;
        window.show();
        QAbstractItemModelTester tester(
            window.queryBrowser()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QString error;
        const QString path = QDir(dopt::test::tempDir()).filePath(QStringLiteral("window.sqlite"));
        QSignalSpy ready(&window, &MainWindow::readyForScreenshot);
        QVERIFY2(window.openWorkspace(path, &error), qPrintable(error));
        QVERIFY(ready.wait()); // an empty workspace is ready at once
        QCOMPARE(window.queryBrowser()->model()->rowCount(), 0);
        QCOMPARE(WorkspaceController::rememberedWorkspace(), window.workspaceController()->location());
        QVERIFY(!window.isShowingDemoData());

        // Import through the controller, as the menu and drag and drop do.
        ImportController* import = window.importController();
        QSignalSpy finished(import, &ImportController::finished);
        QSignalSpy progress(import, &ImportController::progress);
        QVERIFY2(import->start({skew, agg, log, broken}, &error), qPrintable(error));
        QVERIFY(import->isRunning());
        QString busy;
        QVERIFY(!import->start({skew}, &busy)); // one import at a time
        QVERIFY(!busy.isEmpty());
        QVERIFY(finished.wait(120000));
        QVERIFY(!import->isRunning());
        const ImportReport report = import->lastReport();
        QCOMPARE(report.files.size(), 4);
        QCOMPARE(report.failedCount(), 1);
        QVERIFY(report.profileCount() >= 2);
        QVERIFY(report.jobCount() >= 12);
        QVERIFY(progress.count() >= 1);
        for (const FileImportResult& file : report.files) {
            if (!file.ok) {
                QCOMPARE(file.path, broken);
                QVERIFY(!file.error.isEmpty());
                QVERIFY(!file.error.contains(QLatin1Char('\n')));
            }
        }
        QVERIFY(ImportSummaryDialog::summaryText(report).contains(QStringLiteral("failed: 1")));

        // The browser refreshes itself after the import.
        JobTableModel* model = window.queryBrowser()->model();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), report.jobCount(), 60000);
        QVERIFY(waitForFirstPage(model));
        QTRY_VERIFY_WITH_TIMEOUT(window.jobCountText().contains(QString::number(report.jobCount())), 60000);

        // Filter to the job of the skew profile by its SQL-less id: find it in the model first.
        QString skewJobId;
        QString aggJobId;
        for (int row = 0; row < model->rowCount(); ++row) {
            const auto job = model->jobAt(row);
            QVERIFY(job.has_value());
            if (job->hasProfile && job->job.sql.isEmpty())
                skewJobId = job->job.jobId;
            else if (job->hasProfile)
                aggJobId = job->job.jobId;
        }
        QVERIFY2(!aggJobId.isEmpty(), "the aggregate profile's job is not in the browser");
        QVERIFY2(!skewJobId.isEmpty(), "the skew profile's job (a profile without SQL text) is not in the browser");

        window.queryBrowser()->filterBar()->setText(aggJobId);
        // Debounced, then counted on a worker; the unfiltered count still in flight may land first.
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 30000);
        QSignalSpy counted(model, &JobTableModel::countChanged);
        QVERIFY(waitForFirstPage(model));

        // Selecting the job shows its SQL, timeline and profile tree.
        ProfileView* profile = window.detailView()->profileView();
        QSignalSpy loaded(profile, &ProfileView::loadFinished);
        window.queryBrowser()->selectRow(0);
        if (loaded.isEmpty())
            QVERIFY(loaded.wait(60000));
        QCOMPARE(loaded.last().first().toBool(), true);
        QVERIFY(profile->model()->rowCount() > 0);
        const auto selected = window.queryBrowser()->currentJob();
        QVERIFY(selected.has_value());
        QCOMPARE(selected->job.jobId, aggJobId);
        QVERIFY(!window.detailView()->sqlView()->sql().isEmpty());
        QCOMPARE(window.detailView()->sqlView()->sql(), selected->job.sql);
        QCOMPARE(window.detailView()->timeline()->phases().size(), selected->job.phases.size());

        // The skew profile's operators are flagged in the window's tree.
        window.queryBrowser()->filterBar()->setText(skewJobId);
        QVERIFY(counted.wait());
        QVERIFY(waitForFirstPage(model));
        loaded.clear();
        window.queryBrowser()->selectRow(0);
        if (loaded.isEmpty())
            QVERIFY(loaded.wait(60000));
        int skewed = 0;
        PlanTreeModel* tree = profile->model();
        for (const PlanNode& node : tree->tree().nodes)
            skewed += tree->indexForNode(node.index).data(PlanTreeModel::SkewedRole).toBool() ? 1 : 0;
        QVERIFY(skewed > 0);
        QVERIFY(profile->statusText().contains(QStringLiteral("skewed")));

        // State filter: the queries log has FAILED jobs.
        window.queryBrowser()->filterBar()->setText(QString());
        QVERIFY(counted.wait());
        counted.clear();
        window.queryBrowser()->filterBar()->setState(QStringLiteral("FAILED"));
        QVERIFY(counted.wait());
        QVERIFY(model->rowCount() > 0);
        QVERIFY(model->rowCount() < report.jobCount());
        QVERIFY(waitForFirstPage(model));
        for (int row = 0; row < model->rowCount(); ++row)
            QCOMPARE(model->jobAt(row)->job.state, QStringLiteral("FAILED"));
    }

    void demoWorkspaceIsMarked()
    {
        // A small demo workspace through the same builder the File menu and first run use.
        MainWindow window;
        DemoWorkspaceBuilder builder;
        QSignalSpy built(&builder, &DemoWorkspaceBuilder::finished);
        QSignalSpy failed(&builder, &DemoWorkspaceBuilder::failed);
        const QString path = QDir(dopt::test::tempDir()).filePath(QStringLiteral("demo/demo.sqlite"));
        QVERIFY(builder.start(path, 120));
        QVERIFY(!builder.start(path, 120)); // one generation at a time
        QTRY_VERIFY_WITH_TIMEOUT(!built.isEmpty() || !failed.isEmpty(), 300000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
        QCOMPARE(built.first().first().toString(), path);
        QVERIFY(!QFile::exists(path + QStringLiteral(".partial")));

        QSignalSpy stats(window.workspaceController(), &WorkspaceController::statsChanged);
        QString error;
        QVERIFY2(window.openWorkspace(path, &error), qPrintable(error));
        QVERIFY(stats.wait(60000));
        QCOMPARE(window.workspaceController()->totalJobs(), qint64(120));
        QCOMPARE(window.workspaceController()->demoJobs(), qint64(120));
        QVERIFY(window.isShowingDemoData());
        QVERIFY(waitForFirstPage(window.queryBrowser()->model()));
        QCOMPARE(window.queryBrowser()->model()->rowCount(), 120);
        QVERIFY(window.queryBrowser()->model()->jobAt(0)->isDemo);
    }

    void firstRunDialogReportsTheChoice_data()
    {
        QTest::addColumn<int>("button");
        QTest::addColumn<int>("expected");
        QTest::newRow("demo") << 0 << int(FirstRunDialog::Choice::Demo);
        QTest::newRow("open") << 1 << int(FirstRunDialog::Choice::OpenExisting);
        QTest::newRow("create") << 2 << int(FirstRunDialog::Choice::CreateEmpty);
    }

    void firstRunDialogReportsTheChoice()
    {
        QFETCH(int, button);
        QFETCH(int, expected);
        FirstRunDialog dialog;
        const auto buttons = dialog.findChildren<QCommandLinkButton*>();
        QCOMPARE(buttons.size(), 3);
        QCOMPARE(dialog.choice(), FirstRunDialog::Choice::None);
        buttons[button]->click();
        QCOMPARE(int(dialog.choice()), expected);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void dropAcceptsLocalFilesOnly()
    {
        MainWindow window;
        QMimeData remote;
        remote.setUrls({QUrl(QStringLiteral("https://example.com/profile.json"))});
        QDragEnterEvent rejected(QPoint(10, 10), Qt::CopyAction, &remote, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &rejected);
        QVERIFY(!rejected.isAccepted());
        QMimeData local;
        local.setUrls({QUrl::fromLocalFile(QDir::tempPath())});
        QDragEnterEvent accepted(QPoint(10, 10), Qt::CopyAction, &local, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &accepted);
        QVERIFY(accepted.isAccepted());
    }

    void importWithoutWorkspaceIsRefused()
    {
        ImportController controller;
        QString error;
        QVERIFY(!controller.start({QDir::tempPath()}, &error));
        QVERIFY(error.contains(QStringLiteral("workspace")));
    }

    void openingAnUnusablePathFailsClearly()
    {
        MainWindow window;
        QString error;
        QVERIFY(!window.openWorkspace(QStringLiteral("/proc/no-such-dir/ws.sqlite"), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!error.contains(QLatin1Char('\n')));
        QCOMPARE(window.jobCountText(), QStringLiteral("No workspace"));
    }

    void startUpOpensTheWorkspaceOffTheGuiThread()
    {
        const QString path = QDir(dopt::test::tempDir()).filePath(QStringLiteral("background.sqlite"));
        MainWindow window;
        window.show();
        QSignalSpy opening(window.workspaceController(), &WorkspaceController::openingChanged);
        window.startUp(path);
        // The open (with its migrations) runs on a worker: nothing has changed before the event loop ran.
        QVERIFY(window.workspaceController()->isOpening());
        QVERIFY(!window.workspaceController()->isOpen());
        QTRY_VERIFY_WITH_TIMEOUT(window.workspaceController()->isOpen(), 30000);
        QVERIFY(!window.workspaceController()->isOpening());
        QCOMPARE(opening.count(), 2);
        QCOMPARE(window.workspaceController()->workspace()->schemaVersion(), Workspace::CurrentSchemaVersion);
        // The window's own thread gets a working connection to the workspace opened elsewhere.
        QSqlQuery query(window.workspaceController()->workspace()->database());
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM jobs")) && query.next());
        QCOMPARE(query.value(0).toInt(), 0);
    }

    void aFailedBackgroundOpenKeepsTheCurrentWorkspace()
    {
        const QString good = QDir(dopt::test::tempDir()).filePath(QStringLiteral("kept.sqlite"));
        MainWindow window;
        QString error;
        QVERIFY2(window.openWorkspace(good, &error), qPrintable(error));
        bool finished = false;
        bool succeeded = true;
        QString reason;
        window.openWorkspaceInBackground(QStringLiteral("/proc/no-such-dir/ws.sqlite"), [&](bool ok, const QString& e) {
            finished = true;
            succeeded = ok;
            reason = e;
        });
        QTRY_VERIFY_WITH_TIMEOUT(finished, 30000);
        QVERIFY(!succeeded);
        QVERIFY(reason.contains(QLatin1String("/proc/no-such-dir")));
        QCOMPARE(window.workspaceController()->location(), good);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
