// The measured query in the GUI, against a real PostgreSQL server: after "Apply & Measure" the result
// panel shows the SQL it timed in the highlighted SQL view with its job, reason and chooser; the
// Recommendations page reads it back from the workspace; a measurement stored before schema 15 says
// "not recorded".
#include "analysis/recommendationstore.h"
#include "measure/applymeasuredialog.h"
#include "measure/measuredqueryview.h"
#include "ordersindexrecommendation.h"
#include "postgresserver.h"
#include "recommendations/recommendationsview.h"
#include "recommendations/recommendationtablemodel.h"
#include "report/reportcollector.h"
#include "report/reportpdfwriter.h"
#include "sqlview.h"
#include "store/sourcerepository.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QCheckBox>
#include <QComboBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace dopt;

class TestMeasuredQueryView : public QObject
{
    Q_OBJECT

private:
    test::PostgresServer m_server;
    QString m_url;
    std::shared_ptr<Workspace> m_workspace;
    Recommendation m_recommendation;

    Recommendation storeRecommendation(const QString& column, const QString& measureSql, QString* error)
    {
        Recommendation r = test::ordersIndexRecommendation(column, measureSql);
        r.score = column == QLatin1String("customer_id") ? 10 : 5;
        r.dataset = QStringLiteral("public.orders");
        r.jobIds = {QStringLiteral("pg-job-%1").arg(column)};
        r.id = RecommendationStore(m_workspace->database()).upsert(r, error);
        return r;
    }

    /// The details the Recommendations page shows for recommendation `id` (read from the workspace).
    QString detailsOf(qint64 id)
    {
        RecommendationsView view;
        QSignalSpy loaded(&view, &RecommendationsView::loaded);
        view.setWorkspace(m_workspace);
        if (!loaded.wait(30000))
            return QStringLiteral("(the page did not load)");
        for (int row = 0; row < view.model()->rowCount(); ++row) {
            if (view.model()->at(row)->id == id) {
                view.selectRow(row);
                return view.detailsText();
            }
        }
        return QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        if (!m_server.startWithDatabase(QStringLiteral("shop"),
                QStringLiteral("CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int NOT NULL, region int, "
                               "amount numeric); INSERT INTO orders (customer_id, region, amount) SELECT g % 5000, "
                               "g % 7, g * 0.5 FROM generate_series(1, 60000) g; ANALYZE orders;"),
                &m_url, &reason))
            QSKIP(qPrintable(QStringLiteral("PostgreSQL is not available: ") + reason));
        QVERIFY2(!m_url.isEmpty(), qPrintable(reason));
        m_workspace = std::make_shared<Workspace>();
        QVERIFY2(
            m_workspace->open(test::tempDir() + QStringLiteral("/measured-query.dopt"), &reason), qPrintable(reason));
        QVERIFY(SourceRepository(m_workspace->database())
                    .findOrCreate(QStringLiteral("postgres"), m_url, m_url, false, &reason)
            > 0);
        m_recommendation = storeRecommendation(QStringLiteral("customer_id"),
            QStringLiteral("SELECT id, amount FROM orders WHERE customer_id = 4242"), &reason);
        QVERIFY2(m_recommendation.id > 0, qPrintable(reason));
    }

    void resultPanelShowsTheMeasuredQuery()
    {
        ApplyMeasureDialog dialog(m_workspace, m_recommendation);
        auto* target = dialog.findChild<QComboBox*>(QStringLiteral("targetCombo"));
        QTRY_COMPARE_WITH_TIMEOUT(target->currentText(), m_url, 30000);
        dialog.findChild<QSpinBox*>(QStringLiteral("runsSpin"))->setValue(3);
        dialog.findChild<QCheckBox*>(QStringLiteral("keepCheck"))->setChecked(false);
        dialog.findChild<QCheckBox*>(QStringLiteral("confirmCheck"))->setChecked(true);
        QSignalSpy finished(&dialog, &ApplyMeasureDialog::measurementFinished);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("applyButton")), Qt::LeftButton);
        QVERIFY(finished.wait(180000));
        const MeasurementResult result = dialog.result().value();
        QVERIFY2(result.state == QLatin1String("done"), qPrintable(result.error));

        // The panel: the SQL in the highlighted SQL view, then job, reason and who chose it.
        MeasuredQueryView* panel = dialog.measuredQuery();
        auto* tabs = dialog.findChild<QTabWidget*>(QStringLiteral("resultTabs"));
        QVERIFY(tabs->indexOf(panel) >= 0);
        dialog.show();
        tabs->setCurrentWidget(panel);
        SqlView* sql = panel->findChild<SqlView*>(QStringLiteral("measuredSqlView"));
        QVERIFY(sql != nullptr);
        QCOMPARE(sql, panel->sqlView());
        QCOMPARE(sql->sql(), m_recommendation.measureSql);
        QVERIFY(sql->highlighter() != nullptr);
        QVERIFY(sql->isVisible());
        const QString details = panel->detailsText();
        QVERIFY2(details.contains(QLatin1String("pg-job-customer_id")), qPrintable(details));
        QVERIFY2(details.contains(QLatin1String("sequential scan of public.orders")), qPrintable(details));
        QVERIFY2(details.contains(QLatin1String("Chosen by: the program")), qPrintable(details));

        // The Recommendations page reads the stored query back from the workspace.
        const QString text = detailsOf(m_recommendation.id);
        QVERIFY2(text.contains(QLatin1String("Last measurement")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("#%1").arg(result.id)), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("Query timed (chosen by the program)")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("Job pg-job-customer_id. Why: the statement whose sequential scan")),
            qPrintable(text));
    }

    void oldMeasurementSaysNotRecorded()
    {
        QString error;
        const Recommendation old = storeRecommendation(
            QStringLiteral("region"), QStringLiteral("SELECT count(*) FROM orders WHERE region = 3"), &error);
        QVERIFY2(old.id > 0, qPrintable(error));
        // As schema 14 left it: measured_query NULL (the upgrade adds the column empty).
        QSqlQuery insert(m_workspace->database());
        insert.prepare(QStringLiteral(
            "INSERT INTO measurements (recommendation_id, engine, target, state, verdict, runs, started_ms, ended_ms) "
            "VALUES (?, 'postgres', 'postgresql://old@host/db', 'done', 'no_change', 5, 1700000000000, "
            "1700000060000)"));
        insert.addBindValue(old.id);
        QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));

        const QString text = detailsOf(old.id);
        QVERIFY2(text.contains(QLatin1String("Query timed: not recorded")), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("Query timed (chosen by")), qPrintable(text));

        MeasuredQueryView panel;
        panel.setQuery(std::nullopt);
        QVERIFY(panel.sqlView()->sql().isEmpty());
        QVERIFY(panel.sqlView()->placeholderText().contains(QLatin1String("not recorded")));
        QVERIFY2(
            panel.detailsText().contains(QLatin1String("Chosen by: not recorded")), qPrintable(panel.detailsText()));
    }

    void reportShowsTheMeasuredQueries()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed");
        QString error;
        const std::optional<ReportData> data = ReportCollector(m_workspace->database()).collect({}, nullptr, &error);
        QVERIFY2(data.has_value(), qPrintable(error));
        const QString pdf = test::tempDir() + QStringLiteral("/measured-query.pdf");
        QVERIFY2(ReportPdfWriter(*data).write(pdf, &error), qPrintable(error));
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
        QVERIFY(text.waitForFinished(60000));
        const QString report = QString::fromUtf8(text.readAllStandardOutput());
        // The measured one (resultPanelShowsTheMeasuredQuery) with its SQL and origin; the old one honest.
        QVERIFY2(report.contains(QLatin1String("Query timed (chosen by the program):")), qPrintable(report));
        QVERIFY2(report.contains(QLatin1String("WHERE customer_id = 4242")), qPrintable(report));
        QVERIFY2(report.contains(QLatin1String("Job pg-job-customer_id. Why:")), qPrintable(report));
        QVERIFY2(report.contains(QLatin1String("Query timed: not recorded")), qPrintable(report));
    }
};

QTEST_MAIN(TestMeasuredQueryView)
#include "tst_measuredqueryview.moc"
