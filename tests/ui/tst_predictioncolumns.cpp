// The run-time model in the query browser (offscreen, real demo workspace): the optional Predicted,
// Interval and Actual/Predicted columns read the stored predictions with the page query, the
// Models page's Predict all stores them on a worker, and the job detail names the model.
#include "columnchooser.h"
#include "demoworkspace.h"
#include "displayformat.h"
#include "jobdetailview.h"
#include "jobtablemodel.h"
#include "ml/modelsview.h"
#include "ml/runtimemodelservice.h"
#include "querybrowser.h"
#include "store/workspace.h"

#include <QHeaderView>
#include <QMenu>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QtTest>
#include <cmath>

using namespace dopt;

namespace {

bool waitForFirstPage(JobTableModel& model)
{
    return QTest::qWaitFor([&model] { return model.isFirstPageReady() && model.isCountKnown(); }, 60000);
}

QString cell(const JobTableModel& model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

} // namespace

class TestPredictionColumns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        const QString path = test::makeDemoWorkspace(QStringLiteral("predictioncolumns.dopt"), 700, 4, &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        m_workspace = std::make_shared<Workspace>();
        QVERIFY2(m_workspace->open(path, &error), qPrintable(error));
        TrainingOptions options;
        options.families = {QStringLiteral("ridge")};
        TrainingResult result;
        QVERIFY2(
            RuntimeModelService::train(m_workspace->database(), options, nullptr, &result, &error), qPrintable(error));
        m_modelId = result.model.id;
    }

    void columnsShowTheStoredPrediction()
    {
        JobTableModel model;
        model.setWorkspace(m_workspace);
        QVERIFY(waitForFirstPage(model));
        QCOMPARE(
            model.headerData(JobTableModel::PredictedColumn, Qt::Horizontal).toString(), QStringLiteral("Predicted"));
        int checked = 0;
        for (int row = 0; row < 40; ++row) {
            const std::optional<JobRow> job = model.jobAt(row);
            QVERIFY(job && job->prediction);
            const JobPrediction& p = *job->prediction;
            QCOMPARE(p.modelId, m_modelId);
            QCOMPARE(cell(model, row, JobTableModel::PredictedColumn),
                DisplayFormat::duration(qint64(std::llround(p.predictedMs))));
            QCOMPARE(cell(model, row, JobTableModel::IntervalColumn),
                DisplayFormat::duration(qint64(std::llround(p.lowMs))) + QStringLiteral(" – ")
                    + DisplayFormat::duration(qint64(std::llround(p.highMs))));
            if (job->job.durationMs) {
                QCOMPARE(cell(model, row, JobTableModel::RatioColumn),
                    QLocale().toString(double(*job->job.durationMs) / p.predictedMs, 'f', 2) + QStringLiteral("×"));
                ++checked;
            }
            QVERIFY(model.data(model.index(row, JobTableModel::IntervalColumn), Qt::ToolTipRole)
                        .toString()
                        .contains(QStringLiteral("model %1").arg(m_modelId)));
        }
        QVERIFY(checked > 10);
    }

    void browserHidesThemUntilChosen()
    {
        QueryBrowser browser;
        browser.setWorkspace(m_workspace);
        QHeaderView* header = browser.view()->horizontalHeader();
        for (int column : {JobTableModel::PredictedColumn, JobTableModel::IntervalColumn, JobTableModel::RatioColumn})
            QVERIFY(header->isSectionHidden(column));
        QVERIFY(!header->isSectionHidden(JobTableModel::DurationColumn));
        QMenu menu;
        ColumnChooser::populate(&menu, header);
        QAction* predicted = nullptr;
        for (QAction* action : menu.actions())
            if (action->text() == QStringLiteral("Predicted"))
                predicted = action;
        QVERIFY(predicted);
        QVERIFY(!predicted->isChecked());
        predicted->setChecked(true);
        QVERIFY(!header->isSectionHidden(JobTableModel::PredictedColumn));
    }

    void predictAllFillsTheColumnsAgain()
    {
        QSqlDatabase db = m_workspace->database();
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("DELETE FROM predictions")));
        JobTableModel model;
        model.setWorkspace(m_workspace);
        QVERIFY(waitForFirstPage(model));
        QVERIFY(cell(model, 0, JobTableModel::PredictedColumn).isEmpty());
        QVERIFY(!model.jobAt(0)->prediction);

        ModelsView page;
        QSignalSpy updated(&page, &ModelsView::updated);
        page.setWorkspace(m_workspace);
        QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty() && !page.isBusy(), 120000);
        QCOMPARE(page.data().modelId, m_modelId);
        QSignalSpy stored(&page, &ModelsView::predictionsStored);
        connect(&page, &ModelsView::predictionsStored, &model, &JobTableModel::refresh); // as the main window does
        page.predictAll();
        QVERIFY(page.isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!stored.isEmpty(), 120000);
        QSqlQuery count(db);
        QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM predictions")) && count.next());
        QCOMPARE(stored.first().first().toLongLong(), count.value(0).toLongLong());
        QVERIFY(count.value(0).toLongLong() >= 700);
        QVERIFY(page.statusText().contains(QString::number(count.value(0).toLongLong())));
        QTRY_VERIFY_WITH_TIMEOUT(model.jobAt(0) && model.jobAt(0)->prediction, 60000);
        QVERIFY(!cell(model, 0, JobTableModel::PredictedColumn).isEmpty());
    }

    void detailNamesThePredictionAndItsModel()
    {
        JobTableModel model;
        model.setWorkspace(m_workspace);
        QVERIFY(waitForFirstPage(model));
        const std::optional<JobRow> row = model.jobAt(0);
        QVERIFY(row && row->prediction);
        JobDetailView detail;
        detail.setWorkspace(m_workspace);
        detail.showJob(*row);
        const QString summary = detail.summaryText();
        QVERIFY2(
            summary.contains(QStringLiteral("Predicted %1")
                                 .arg(DisplayFormat::duration(qint64(std::llround(row->prediction->predictedMs))))),
            qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("by model %1 (ridge)").arg(m_modelId)), qPrintable(summary));
    }

private:
    std::shared_ptr<Workspace> m_workspace;
    qint64 m_modelId = 0;
};

QTEST_MAIN(TestPredictionColumns)
#include "tst_predictioncolumns.moc"
