// The Dashboard page under the offscreen platform on a real analysed demo workspace: the charts hold
// the collector's figures, follow the range and the chosen query shape, and export as PNG and SVG.
#include "analysis/analysisengine.h"
#include "coretexts.h"
#include "dashboard/dashboardview.h"
#include "dashboard/heatmapwidget.h"
#include "dashboardupdate.h"
#include "demo/demogenerator.h"
#include "demoworkspace.h"
#include "mainwindow.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QFile>
#include <QHorizontalBarSeries>
#include <QImage>
#include <QLabel>
#include <QLineSeries>
#include <QPieSeries>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabWidget>
#include <QtTest>

using namespace dopt;

class TestDashboardView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("dopt-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_dashboardview"));
        QString error;
        const QString path = test::makeDemoWorkspace(QStringLiteral("dashboard.dopt"), 3000, 0, &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        m_workspace = std::make_shared<Workspace>();
        QVERIFY2(m_workspace->open(path, &error), qPrintable(error));
        AnalysisEngine engine(*m_workspace);
        AnalysisSummary summary;
        QVERIFY2(engine.run(&summary, &error), qPrintable(error));
        m_path = path;
    }

    void chartsShowTheWorkspace()
    {
        DashboardView view;
        view.resize(1100, 1400);
        view.show();
        view.setWorkspace(m_workspace);
        QVERIFY(test::waitForDashboardUpdate(view));
        const DashboardData& data = view.data();
        const QSqlDatabase db = m_workspace->database();
        QCOMPARE(data.jobCount, test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM jobs")));

        auto* perHour = qobject_cast<QLineSeries*>(view.chart(DashboardView::JobsPerHour)->series().value(0));
        QVERIFY(perHour);
        QCOMPARE(perHour->count(), data.jobsPerHour.size());
        qint64 plotted = 0;
        for (const QPointF& point : perHour->points())
            plotted += qRound64(point.y());
        QCOMPARE(plotted, data.jobCount);

        auto* pareto = qobject_cast<QBarSeries*>(view.chart(DashboardView::Pareto)->series().value(0));
        QVERIFY(pareto);
        QCOMPARE(pareto->barSets().first()->count(), data.topFingerprints.size());
        QVERIFY(view.paretoText(0).contains(QStringLiteral("#1 ")));
        auto* cumulative = qobject_cast<QLineSeries*>(view.chart(DashboardView::Pareto)->series().value(1));
        QVERIFY(cumulative && cumulative->count() == data.topFingerprints.size());
        for (int i = 1; i < cumulative->count(); ++i)
            QVERIFY(cumulative->at(i).y() >= cumulative->at(i - 1).y());

        auto* pie = qobject_cast<QPieSeries*>(view.chart(DashboardView::Accelerated)->series().value(0));
        QVERIFY(pie && pie->count() == 2);
        QCOMPARE(qRound64(pie->slices().first()->value()),
            test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE accelerated = 1")));

        auto* findings = qobject_cast<QHorizontalBarSeries*>(view.chart(DashboardView::Findings)->series().value(0));
        QVERIFY(findings);
        double findingCount = 0;
        for (int i = 0; i < findings->barSets().first()->count(); ++i)
            findingCount += findings->barSets().first()->at(i);
        QCOMPARE(qRound64(findingCount), test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM findings")));

        // Heatmap: the busiest cell's tooltip gives its exact count.
        int bestDay = 0;
        int bestHour = 0;
        for (int d = 0; d < 7; ++d)
            for (int h = 0; h < 24; ++h)
                if (data.weekdayHour[d][h] > data.weekdayHour[bestDay][bestHour]) {
                    bestDay = d;
                    bestHour = h;
                }
        QVERIFY(
            view.heatmap()->cellText(bestDay, bestHour).contains(QString::number(data.weekdayHour[bestDay][bestHour])));
        QVERIFY(view.savingsLabel()->text().contains(QStringLiteral("none yet")));
    }

    void trendFollowsTheChosenShapeAndMarksItsRegression()
    {
        QSqlQuery query(m_workspace->database());
        QVERIFY(query.exec(QStringLiteral("SELECT fingerprint FROM baselines WHERE regression_since_ms IS NOT NULL "
                                          "ORDER BY run_count DESC LIMIT 1")));
        QVERIFY(query.next());
        const QString regressed = query.value(0).toString();
        DashboardView view;
        view.setWorkspace(m_workspace);
        QVERIFY(test::waitForDashboardUpdate(view));
        view.setTrendFingerprint(regressed);
        QVERIFY(test::waitForDashboardUpdate(view));
        QCOMPARE(view.data().trendFingerprint, regressed);
        QVERIFY(view.data().regressionSinceMs.has_value());
        const QList<QAbstractSeries*> series = view.chart(DashboardView::Trend)->series();
        QCOMPARE(series.size(), 3); // P50, P95 and the regression marker
        auto* marker = qobject_cast<QLineSeries*>(series[2]);
        QCOMPARE(DashboardView::utcMs(marker->at(0).x()), *view.data().regressionSinceMs);
    }

    void trendKeepsP50VisibleOnDaysWithOneRun()
    {
        // The demo's largest shape runs once a day: P50 equals P95 on most days.
        DashboardView view;
        view.setWorkspace(m_workspace);
        QVERIFY(test::waitForDashboardUpdate(view));
        int singleRunDays = 0;
        for (const DashboardData::TrendPoint& point : view.data().trend)
            singleRunDays += point.runs == 1 ? 1 : 0;
        QVERIFY(singleRunDays > 0);
        const QList<QAbstractSeries*> series = view.chart(DashboardView::Trend)->series();
        qsizetype p50Index = -1;
        qsizetype p95Index = -1;
        for (qsizetype i = 0; i < series.size(); ++i) {
            if (series[i]->name().startsWith(QStringLiteral("P50")))
                p50Index = i;
            else if (series[i]->name() == QStringLiteral("P95"))
                p95Index = i;
        }
        QVERIFY(p50Index >= 0 && p95Index >= 0);
        QVERIFY2(p50Index > p95Index, "P50 must be drawn over P95, which hides it where they are equal");
        auto* p50 = qobject_cast<QLineSeries*>(series[p50Index]);
        QVERIFY(p50->pointsVisible());
        QVERIFY(p50->name().contains(QString::number(singleRunDays)));
        QVERIFY(p50->name().contains(QStringLiteral("P95")));
    }

    void findingsChartNamesDetectorsInWords()
    {
        DashboardView view;
        view.setWorkspace(m_workspace);
        QVERIFY(test::waitForDashboardUpdate(view));
        auto* findings = qobject_cast<QHorizontalBarSeries*>(view.chart(DashboardView::Findings)->series().value(0));
        QVERIFY(findings);
        const QList<QAbstractAxis*> axes = findings->attachedAxes();
        QBarCategoryAxis* categories = nullptr;
        for (QAbstractAxis* axis : axes)
            if (auto* c = qobject_cast<QBarCategoryAxis*>(axis))
                categories = c;
        QVERIFY(categories);
        QCOMPARE(categories->count(), view.data().findingsByDetector.size());
        for (int i = 0; i < categories->count(); ++i) {
            const QString& id = view.data().findingsByDetector[i].detector;
            QCOMPARE(categories->at(i), CoreTexts::detector(id));
            QVERIFY2(!categories->at(i).contains(QLatin1Char('_')), qPrintable(categories->at(i)));
        }
    }

    void rangeNarrowsTheFigures()
    {
        DashboardView view;
        view.setWorkspace(m_workspace);
        QVERIFY(test::waitForDashboardUpdate(view));
        const qint64 all = view.data().jobCount;
        const qint64 last = *view.data().workspaceLastMs;
        view.setRange(DashboardView::Range::Week);
        QVERIFY(test::waitForDashboardUpdate(view));
        const qint64 week = test::queryScalar(m_workspace->database(),
            QStringLiteral("SELECT COUNT(*) FROM jobs WHERE submitted_ms >= %1").arg(last + 1 - 7 * 86400000LL));
        QCOMPARE(view.data().jobCount, week);
        QVERIFY(week > 0 && week < all);
    }

    void exportsPngAndSvg()
    {
        DashboardView view;
        view.resize(1100, 1400);
        view.show();
        view.setWorkspace(m_workspace);
        QVERIFY(test::waitForDashboardUpdate(view));
        QString error;
        const QString png = test::tempDir() + QStringLiteral("/dashboard.png");
        QVERIFY2(view.exportImage(png, &error), qPrintable(error));
        const QImage image(png);
        QVERIFY(!image.isNull() && image.width() > 300 && image.height() > 300);
        // The axes are laid out before the grab: their labels are in the SVG below as text.
        const QString svg = test::tempDir() + QStringLiteral("/dashboard.svg");
        QVERIFY2(view.exportImage(svg, &error), qPrintable(error));
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY(content.contains("<svg") && content.contains("<path"));
        QVERIFY(content.contains("#15")); // the last Pareto category label
        QVERIFY(content.contains("hour (UTC)")); // a time axis title
        QVERIFY(!view.exportImage(test::tempDir() + QStringLiteral("/dashboard.bmp"), &error));
        QVERIFY(error.contains(QStringLiteral("dashboard.bmp")));
        // For reviewers: the PNG of the dashboard beside the test binary.
        QFile::remove(QCoreApplication::applicationDirPath() + QStringLiteral("/dashboard.png"));
        QFile::copy(png, QCoreApplication::applicationDirPath() + QStringLiteral("/dashboard.png"));
    }

    void mainWindowHasTheDashboardPage()
    {
        MainWindow window;
        QString error;
        QVERIFY2(window.openWorkspace(m_path, &error), qPrintable(error));
        QVERIFY(window.pages()->indexOf(window.dashboard()) >= 0);
        QVERIFY(test::waitForDashboardUpdate(*window.dashboard()) || window.dashboard()->data().jobCount > 0);
        QCOMPARE(window.dashboard()->data().jobCount,
            test::queryScalar(m_workspace->database(), QStringLiteral("SELECT COUNT(*) FROM jobs")));
    }

private:
    std::shared_ptr<Workspace> m_workspace;
    QString m_path;
};

QTEST_MAIN(TestDashboardView)
#include "tst_dashboardview.moc"
