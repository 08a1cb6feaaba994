// The desktop import of PostgreSQL server logs: a csvlog written by a real server and a malformed
// one dropped on the main window go through ImportController and FileImporter like Dremio files;
// the jobs show in the query browser with engine 'postgres', the summary dialog names FILE:LINE. A
// saved EXPLAIN plan of that server, dropped alike, is one job with its plan as profile.
#include "importcontroller.h"
#include "importsummarydialog.h"
#include "jobtablemodel.h"
#include "mainwindow.h"
#include "pgserverlogs.h"
#include "querybrowser.h"
#include "sources/postgres/pglogreader.h"
#include "store/jobrepository.h"
#include "testdata.h"

#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

using namespace dopt;

namespace {

QString writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return QString();
    return path;
}

} // namespace

class TestImportController : public QObject
{
    Q_OBJECT

private:
    test::PostgresServer m_server;
    test::ServerLogs m_logs;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // never the user's settings
        QCoreApplication::setOrganizationName(QStringLiteral("dopt-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_importcontroller"));
        QString reason;
        if (!test::writeServerLogs(m_server, &m_logs, &reason))
            QSKIP(qPrintable(reason));
        QVERIFY2(!m_logs.csv.isEmpty(), qPrintable(reason));
    }

    void droppedPostgresLogsAreImported()
    {
        const QString dir = test::tempDir();
        const QString csv
            = writeFile(dir + QStringLiteral("/postgresql-2026-12-07_120000.csv"), test::readFile(m_logs.csv));
        QVERIFY(!csv.isEmpty());
        // The same real csvlog with a line that is no log entry before its third entry: the file fails
        // at that line, whole. Its statements are renamed, so that anything kept of it would show.
        const QByteArray data = test::readFile(m_logs.csv);
        PgLogReader reader(data, PgLogReader::Format::CsvLog);
        PgLogRecord record;
        QString readError;
        int brokenLine = 0;
        for (int entry = 0; entry < 3 && reader.next(&record, &readError); ++entry)
            brokenLine = entry == 2 ? record.line : 0;
        QVERIFY2(brokenLine > 1, qPrintable(readError));
        QList<QByteArray> lines = data.split('\n');
        lines.insert(brokenLine - 1, "not a log line");
        QByteArray cut = lines.join('\n');
        cut.replace(m_logs.marker.toUtf8(), "other_marker");
        const QString broken = writeFile(dir + QStringLiteral("/broken.csv"), cut);
        QVERIFY(!broken.isEmpty());

        MainWindow window;
        window.show();
        QString error;
        QSignalSpy ready(&window, &MainWindow::readyForScreenshot);
        QVERIFY2(window.openWorkspace(dir + QStringLiteral("/logs.sqlite"), &error), qPrintable(error));
        QVERIFY(ready.wait());

        // Dropped on the window, as a user does.
        ImportController* import = window.importController();
        QSignalSpy finished(import, &ImportController::finished);
        QSignalSpy progress(import, &ImportController::progress);
        QMimeData files;
        files.setUrls({QUrl::fromLocalFile(broken), QUrl::fromLocalFile(csv)}); // the broken one first
        // Qt delivers the drop to the widget that accepted the drag's entry, as in a real drag.
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &files, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &files, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &drop);
        QVERIFY(drop.isAccepted());
        QVERIFY(import->isRunning());
        QVERIFY(finished.wait(120000));
        QVERIFY(progress.count() >= 1);

        const ImportReport report = import->lastReport();
        QCOMPARE(report.files.size(), 2);
        QCOMPARE(report.failedCount(), 1);
        const FileImportResult& good = report.files[1];
        QVERIFY2(good.ok, qPrintable(good.error));
        QCOMPARE(good.format, QStringLiteral("postgres-csvlog"));
        QVERIFY(good.jobs >= 4);
        QCOMPARE(report.files[0].format, QStringLiteral("postgres-csvlog"));
        const QString badError = report.files[0].error;
        QVERIFY2(badError.startsWith(broken + QStringLiteral(":%1: ").arg(brokenLine)), qPrintable(badError));
        QCOMPARE(report.jobCount(), good.jobs);
        QVERIFY(ImportSummaryDialog::summaryText(report).contains(QStringLiteral("jobs: %1").arg(good.jobs)));

        // The summary dialog lists the failed file with its FILE:LINE reason.
        ImportSummaryDialog* dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = window.findChild<ImportSummaryDialog*>()) != nullptr, 60000);
        const QTreeWidget* failures = dialog->findChild<QTreeWidget*>();
        QVERIFY(failures);
        QCOMPARE(failures->topLevelItemCount(), 1);
        QCOMPARE(failures->topLevelItem(0)->text(0), broken);
        QCOMPARE(failures->topLevelItem(0)->text(1), badError);
        dialog->accept();

        // The browser shows the good file's jobs, all of engine 'postgres', the broken file's none.
        JobTableModel* model = window.queryBrowser()->model();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), report.jobCount(), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(model->isFirstPageReady(), 60000); // the rows come after their count
        bool boundFound = false;
        for (int row = 0; row < model->rowCount(); ++row) {
            std::optional<JobRow> job;
            QTRY_VERIFY_WITH_TIMEOUT((job = model->jobAt(row)).has_value(), 60000);
            QCOMPARE(job->job.engine, QStringLiteral("postgres"));
            QVERIFY2(!job->job.sql.contains(QLatin1String("other_marker")), qPrintable(job->job.sql));
            if (job->job.sql.contains(m_logs.marker + QStringLiteral("' FROM orders"))) {
                boundFound = true;
                QVERIFY2(job->job.sql.contains(QLatin1String("customer_id = '42' AND amount > '100'")),
                    qPrintable(job->job.sql));
            }
        }
        QVERIFY(boundFound);
    }

    void droppedExplainPlanIsImported()
    {
        QString error;
        const QString plan = m_server.psql(QStringLiteral("shop"),
            QStringLiteral("EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM orders WHERE customer_id = 17"), &error);
        QVERIFY2(plan.contains(QLatin1String("Execution Time:")), qPrintable(error));
        const QString dir = test::tempDir() + QStringLiteral("/plan");
        QVERIFY(QDir().mkpath(dir));
        QString aligned = QStringLiteral("     QUERY PLAN\n%1\n").arg(QString(40, QLatin1Char('-')));
        for (const QString& line : plan.split(QLatin1Char('\n')))
            aligned += QLatin1Char(' ') + line + QLatin1Char('\n');
        const QString path = writeFile(dir + QStringLiteral("/plan.txt"), aligned.toUtf8());
        QVERIFY(!path.isEmpty());

        MainWindow window;
        window.show();
        QSignalSpy ready(&window, &MainWindow::readyForScreenshot);
        QVERIFY2(window.openWorkspace(dir + QStringLiteral("/plan.sqlite"), &error), qPrintable(error));
        QVERIFY(ready.wait());
        ImportController* import = window.importController();
        QSignalSpy finished(import, &ImportController::finished);
        QMimeData files;
        files.setUrls({QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &files, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &files, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &drop);
        QVERIFY(finished.wait(120000));

        const ImportReport report = import->lastReport();
        QCOMPARE(report.files.size(), 1);
        QVERIFY2(report.files[0].ok, qPrintable(report.files[0].error));
        QCOMPARE(report.files[0].format, QStringLiteral("postgres-plan-text"));
        QCOMPARE(report.jobCount(), 1);
        QCOMPARE(report.profileCount(), 1);
        ImportSummaryDialog* dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = window.findChild<ImportSummaryDialog*>()) != nullptr, 60000);
        dialog->accept();

        JobTableModel* model = window.queryBrowser()->model();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 60000);
        std::optional<JobRow> job;
        QTRY_VERIFY_WITH_TIMEOUT((job = model->jobAt(0)).has_value(), 60000);
        QCOMPARE(job->job.engine, QStringLiteral("postgres"));
        QVERIFY2(job->job.jobId.startsWith(QLatin1String("plan.txt@")), qPrintable(job->job.jobId));
        QCOMPARE(job->job.rowsReturned, std::optional<qint64>(1)); // count(*)
        QVERIFY(job->hasProfile);
    }
};

QTEST_MAIN(TestImportController)
#include "tst_importcontroller.moc"
