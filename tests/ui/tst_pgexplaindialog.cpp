#include "jobtablemodel.h"
#include "mainwindow.h"
#include "pgstatements.h"
#include "postgresserver.h"
#include "querybrowser.h"
#include "sources/pgexplaindialog.h"
#include "sources/postgres/pgconnection.h"
#include "sources/postgres/postgrescollector.h"
#include "store/jobrepository.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>

using namespace dopt;

/// "Collect PostgreSQL Plans" from the main window's Sources menu against a real PostgreSQL server:
/// the statements and their pg_stats values are shown with the READ ONLY / statement_timeout /
/// ROLLBACK envelope before anything runs; nothing runs before the confirmation; the UPDATE of the
/// workload is never chosen; the profiles appear in the query browser; Stop cancels the EXPLAIN in
/// progress on the server.
class TestPgExplainDialog : public QObject
{
    Q_OBJECT

private:
    test::PostgresServer m_server;
    QString m_url;
    PgConnection m_connection;
    QString m_workspacePath;

    void run(const QString& sql, const QStringList& parameters = {})
    {
        test::execOrFail(m_connection, sql, parameters);
    }

    QString scalar(const QString& sql) { return test::scalarOrError(m_connection, sql); }

    static PgExplainDialog* openDialog(MainWindow& window)
    {
        auto* action = window.findChild<QAction*>(QStringLiteral("collectPostgresPlansAction"));
        if (!action)
            return nullptr;
        action->trigger();
        return window.findChild<PgExplainDialog*>();
    }

    static bool browserHasProfileOf(JobTableModel* model, const QString& jobIdPrefix)
    {
        for (int row = 0; row < model->rowCount(); ++row) {
            const auto job = model->jobAt(row);
            if (job && job->hasProfile && job->job.jobId.startsWith(jobIdPrefix))
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        if (!m_server.startWithDatabase(QStringLiteral("shop"), QString(), &m_url, &reason))
            QSKIP(qPrintable(QStringLiteral("PostgreSQL is not available: ") + reason));
        QVERIFY2(!m_url.isEmpty(), qPrintable(reason));
        QVERIFY2(m_connection.open(m_url, &reason), qPrintable(reason));
        run(QStringLiteral("CREATE EXTENSION pg_stat_statements"));
        run(QStringLiteral("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL, total numeric)"));
        run(QStringLiteral("INSERT INTO orders SELECT g, g % 2000, g % 500 FROM generate_series(1, 100000) g"));
        // A self-join that is quick on 3,000 rows and very slow once the table has grown: for Stop.
        run(QStringLiteral("CREATE TABLE pairs (v int, g int)"));
        run(QStringLiteral("INSERT INTO pairs SELECT g, g % 3 FROM generate_series(1, 3000) g"));
        run(QStringLiteral("ANALYZE"));
        run(QStringLiteral("SELECT pg_stat_statements_reset()"));
        for (int i = 0; i < 4; ++i) {
            run(QStringLiteral("SELECT count(*) FROM pairs a, pairs b WHERE a.v < b.v AND a.g = $1"),
                {QString::number(i % 3)});
            run(QStringLiteral("SELECT count(*), sum(total) FROM orders WHERE customer_id = $1"),
                {QString::number(i * 37)});
            run(QStringLiteral("UPDATE orders SET total = total WHERE id = $1"), {QString::number(i + 1)});
        }
        m_workspacePath = dopt::test::tempDir() + QStringLiteral("/pgexplain-gui.dopt");
        QFile::remove(m_workspacePath);
        Workspace workspace;
        QVERIFY2(workspace.open(m_workspacePath, &reason), qPrintable(reason));
        const PgCollectResult collected = PostgresCollector::collect(workspace, m_url, false);
        QVERIFY2(collected.ok, qPrintable(collected.error));
    }

    void showsConfirmsRunsAndRefreshesTheBrowser()
    {
        MainWindow window;
        QString error;
        QVERIFY2(window.openWorkspace(m_workspacePath, &error), qPrintable(error));
        PgExplainDialog* dialog = openDialog(window);
        QVERIFY(dialog);
        auto* target = dialog->findChild<QComboBox*>(QStringLiteral("targetCombo"));
        auto* preview = dialog->findChild<QPushButton*>(QStringLiteral("previewButton"));
        auto* confirm = dialog->findChild<QCheckBox*>(QStringLiteral("confirmCheck"));
        auto* runButton = dialog->findChild<QPushButton*>(QStringLiteral("runButton"));
        // The saved source (its URL without password) is offered.
        QTRY_COMPARE_WITH_TIMEOUT(target->currentText(), PgConnection::redactUrl(m_url), 30000);
        QVERIFY(!runButton->isEnabled());
        QVERIFY(!confirm->isEnabled());
        const QString explainsBefore
            = scalar(QStringLiteral("SELECT calls FROM pg_stat_statements WHERE query LIKE 'EXPLAIN%'"));

        QSignalSpy planned(dialog, &PgExplainDialog::planReady);
        QTest::mouseClick(preview, Qt::LeftButton);
        QVERIFY(planned.wait(60000));
        QVERIFY2(planned.first().first().toBool(),
            qPrintable(dialog->findChild<QLabel*>(QStringLiteral("messageLabel"))->text()));
        const QString text = dialog->planText();
        QVERIFY2(text.contains(QLatin1String("BEGIN TRANSACTION READ ONLY;")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("SET LOCAL statement_timeout = 30000;")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("ROLLBACK;")), qPrintable(text));
        // The statement with the value pg_stats gave for $1 and where it came from.
        const std::optional<PgExplainPlan> plan = dialog->plan();
        QVERIFY(plan && plan->ok);
        const PgExplainedStatement* customer = nullptr;
        for (const PgExplainedStatement& statement : plan->statements) {
            QVERIFY2(!statement.sql.contains(QLatin1String("UPDATE")), qPrintable(statement.sql));
            if (statement.sql.contains(QLatin1String("customer_id = ")))
                customer = &statement;
        }
        QVERIFY(customer);
        QCOMPARE(customer->parameterSource, QStringLiteral("pg_stats"));
        QVERIFY(text.contains(customer->sql.simplified()));
        QVERIFY2(text.contains(QStringLiteral("$1 = %1 (%2)")
                                   .arg(customer->parameters.value(0).literal, customer->parameters.value(0).origin)),
            qPrintable(text));
        QVERIFY(customer->parameters.value(0).origin.contains(QLatin1String("public.orders.customer_id")));
        // Nothing ran yet: no EXPLAIN reached the server.
        QCOMPARE(
            scalar(QStringLiteral("SELECT calls FROM pg_stat_statements WHERE query LIKE 'EXPLAIN%'")), explainsBefore);
        QVERIFY(!runButton->isEnabled());
        QVERIFY(confirm->isEnabled());

        // A changed setting makes the shown statements stale.
        dialog->findChild<QSpinBox*>(QStringLiteral("statementsSpin"))->setValue(5);
        QVERIFY(!dialog->plan());
        QVERIFY(dialog->planText().isEmpty());
        QVERIFY(!confirm->isEnabled());
        planned.clear();
        QTest::mouseClick(preview, Qt::LeftButton);
        QVERIFY(planned.wait(60000));
        confirm->setChecked(true);
        QVERIFY(runButton->isEnabled());
        const std::optional<PgExplainPlan> confirmed = dialog->plan();
        QVERIFY(confirmed);

        QSignalSpy finished(dialog, &PgExplainDialog::finished);
        QTest::mouseClick(runButton, Qt::LeftButton);
        QVERIFY(dialog->isBusy());
        QVERIFY(finished.wait(120000));
        const int stored = finished.first().first().toInt();
        QVERIFY2(stored >= 2, qPrintable(dialog->summaryText()));
        QVERIFY2(dialog->summaryText().startsWith(QStringLiteral("Profiles stored: %1,").arg(stored)),
            qPrintable(dialog->summaryText()));
        QCOMPARE(dialog->results()->rowCount(), int(confirmed->statements.size()));
        bool customerStored = false;
        for (int row = 0; row < dialog->results()->rowCount(); ++row)
            customerStored = customerStored
                || (dialog->results()->item(row, 0)->text().contains(QLatin1String("customer_id = "))
                    && dialog->results()->item(row, 1)->text().startsWith(QLatin1String("stored with job explain:")));
        QVERIFY(customerStored);
        // What ran is done: showing the statements again is needed before another run.
        QVERIFY(!runButton->isEnabled());
        dialog->resize(960, 720);
        QVERIFY(dialog->grab().save(QDir::current().filePath(QStringLiteral("pgexplain-dialog.png"))));

        // The browser shows the new profiles without a manual refresh.
        JobTableModel* model = window.queryBrowser()->model();
        QTRY_VERIFY_WITH_TIMEOUT(browserHasProfileOf(model, QStringLiteral("explain:")), 60000);
        // The profiles are in the workspace itself.
        Workspace check;
        QVERIFY2(check.open(m_workspacePath, &error), qPrintable(error));
        const std::optional<JobRow> row
            = JobRepository(check.database()).findByJobId(QStringLiteral("explain:") + customer->fingerprint);
        QVERIFY(row && row->hasProfile);
    }

    void stopCancelsTheExplainOnTheServer()
    {
        // pairs grows after the workload ran: its self-join now takes far longer than the test waits.
        run(QStringLiteral("INSERT INTO pairs SELECT g, g % 3 FROM generate_series(3001, 300000) g"));
        run(QStringLiteral("ANALYZE pairs"));
        auto workspace = std::make_shared<Workspace>();
        QString error;
        QVERIFY2(workspace->open(m_workspacePath, &error), qPrintable(error));
        PgExplainDialog dialog(workspace);
        auto* target = dialog.findChild<QComboBox*>(QStringLiteral("targetCombo"));
        QTRY_COMPARE_WITH_TIMEOUT(target->currentText(), PgConnection::redactUrl(m_url), 30000);
        dialog.findChild<QSpinBox*>(QStringLiteral("statementsSpin"))->setValue(1); // the most expensive: the self-join
        dialog.findChild<QSpinBox*>(QStringLiteral("timeoutSpin"))->setValue(600);
        QSignalSpy planned(&dialog, &PgExplainDialog::planReady);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("previewButton")), Qt::LeftButton);
        QVERIFY(planned.wait(60000));
        QVERIFY2(dialog.planText().contains(QLatin1String("pairs a, pairs b")), qPrintable(dialog.planText()));
        QVERIFY(dialog.planText().contains(QLatin1String("statement_timeout = 600000")));
        dialog.findChild<QCheckBox*>(QStringLiteral("confirmCheck"))->setChecked(true);
        QSignalSpy finished(&dialog, &PgExplainDialog::finished);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("runButton")), Qt::LeftButton);
        // Stop once the EXPLAIN is running on the server.
        const auto explaining = [this] {
            return scalar(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query "
                                         "LIKE 'EXPLAIN (ANALYZE%pairs a, pairs b%'"))
                == QLatin1String("1");
        };
        QTRY_VERIFY_WITH_TIMEOUT(explaining(), 60000);
        auto* stop = dialog.findChild<QPushButton*>(QStringLiteral("stopButton"));
        QVERIFY(stop->isEnabled());
        QTest::mouseClick(stop, Qt::LeftButton);
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().first().toInt(), 0);
        QVERIFY2(
            dialog.summaryText().contains(QLatin1String("stopped before the end")), qPrintable(dialog.summaryText()));
        QTRY_VERIFY_WITH_TIMEOUT(!explaining(), 30000);
        QCOMPARE(dialog.results()->rowCount(), 1);
        QVERIFY2(dialog.results()->item(0, 1)->text().startsWith(QLatin1String("none:")),
            qPrintable(dialog.results()->item(0, 1)->text()));
    }
};

QTEST_MAIN(TestPgExplainDialog)
#include "tst_pgexplaindialog.moc"
