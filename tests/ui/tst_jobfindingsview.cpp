#include "analysis/analysiscontroller.h"
#include "analysis/analysisstore.h"
#include "analysis/jobfindingsview.h"
#include "demo/demogenerator.h"
#include "demoworkspace.h"
#include "jobdetailview.h"
#include "plantreemodel.h"
#include "profileview.h"
#include "store/jobrepository.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QSignalSpy>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace dopt;

/// Background analysis from the GUI and the findings shown beside a job's profile tree, with the
/// operator a finding points at marked and selectable.
class TestJobFindingsView : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<Workspace> m_workspace;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        const QString path = dopt::test::makeDemoWorkspace(QStringLiteral("findings-view.dopt"), 3000, 1, &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        m_workspace = std::make_shared<Workspace>();
        QVERIFY2(m_workspace->open(path, &error), qPrintable(error));
    }

    void analysisRunsInTheBackground()
    {
        AnalysisController controller;
        QString error;
        QVERIFY(!controller.start(&error)); // no workspace yet
        QVERIFY(!error.isEmpty());
        controller.setWorkspace(m_workspace);
        QSignalSpy finished(&controller, &AnalysisController::finished);
        QSignalSpy progress(&controller, &AnalysisController::progress);
        QVERIFY2(controller.start(&error), qPrintable(error));
        QVERIFY(controller.isRunning());
        QVERIFY(!controller.start(&error)); // one run at a time
        QVERIFY(error.contains(QLatin1String("already")));
        QVERIFY(finished.wait(120000));
        QVERIFY(!controller.isRunning());
        QVERIFY(progress.count() > 0);
        const auto summary = finished.first().first().value<AnalysisSummary>();
        QCOMPARE(summary.jobsAnalysed, 3000);
        QVERIFY(summary.findings > 0);
        QCOMPARE(AnalysisStore(m_workspace->database()).findings().size(), summary.findings);
    }

    void findingsMarkTheirOperatorInTheTree()
    {
        // A job of a shape with an operator-level finding (thread skew on the funnel's join).
        const QVector<Finding> skew = AnalysisStore(m_workspace->database()).findings(QStringLiteral("thread_skew"));
        QVERIFY(!skew.isEmpty());
        const Finding& expected = skew.first();
        QVERIFY(!expected.operatorKey.isEmpty());
        const std::optional<JobRow> row = JobRepository(m_workspace->database()).findByJobId(expected.jobIds.first());
        QVERIFY(row.has_value());

        JobDetailView detail;
        detail.setWorkspace(m_workspace);
        QSignalSpy findingsLoaded(detail.findingsView(), &JobFindingsView::loadFinished);
        QSignalSpy profileLoaded(detail.profileView(), &ProfileView::loadFinished);
        detail.showJob(*row);
        QVERIFY(findingsLoaded.wait(30000));
        QVERIFY(profileLoaded.count() > 0 || profileLoaded.wait(30000));
        QVERIFY(profileLoaded.first().first().toBool());

        const QVector<Finding>& shown = detail.findingsView()->findings();
        QVERIFY(findingsLoaded.first().first().toInt() == shown.size());
        int skewRow = -1;
        for (int i = 0; i < shown.size(); ++i) {
            QCOMPARE(shown[i].fingerprint, expected.fingerprint); // only this shape's findings
            if (shown[i].detectorId == QLatin1String("thread_skew") && shown[i].operatorKey == expected.operatorKey)
                skewRow = i;
        }
        QVERIFY(skewRow >= 0);

        PlanTreeModel* model = detail.profileView()->model();
        const int node = model->nodeForKey(expected.operatorKey);
        QVERIFY(node >= 0);
        const QModelIndex marked = model->indexForNode(node);
        QVERIFY(marked.data(PlanTreeModel::FindingRole).toString().contains(expected.title));
        QVERIFY(marked.data(Qt::ToolTipRole).toString().contains(expected.title));
        QVERIFY(marked.data(Qt::BackgroundRole).isValid());
        // An operator no finding points at carries no mark.
        for (int other = 0; other < model->tree().nodes.size(); ++other) {
            const QString key = model->tree().nodes[other].key;
            bool pointed = false;
            for (const Finding& f : shown)
                pointed = pointed || f.operatorKey == key;
            if (!pointed)
                QVERIFY(model->indexForNode(other).data(PlanTreeModel::FindingRole).toString().isEmpty());
        }

        // Choosing the finding selects its operator in the tree.
        QTreeWidget* list = detail.findingsView()->list();
        list->setCurrentItem(list->topLevelItem(skewRow));
        const QModelIndex current = detail.profileView()->view()->currentIndex();
        QVERIFY(current.isValid());
        QCOMPARE(current.data(PlanTreeModel::NodeIndexRole).toInt(), node);
    }

    void aShapeWithoutFindingsSaysSo()
    {
        JobDetailView detail;
        detail.setWorkspace(m_workspace);
        Job job;
        job.jobId = QStringLiteral("not-analysed");
        job.engine = QStringLiteral("dremio");
        job.sql = QStringLiteral("SELECT 42 AS answer FROM (VALUES (1)) AS t(x)");
        QSignalSpy loaded(detail.findingsView(), &JobFindingsView::loadFinished);
        detail.findingsView()->showJob(m_workspace, job);
        QVERIFY(loaded.wait(30000));
        QCOMPARE(loaded.first().first().toInt(), 0);
        QVERIFY(detail.findingsView()->statusText().contains(QLatin1String("No findings")));
    }
};

QTEST_MAIN(TestJobFindingsView)
#include "tst_jobfindingsview.moc"
