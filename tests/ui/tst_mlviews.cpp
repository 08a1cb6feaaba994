// The Models and Workload pages under the offscreen platform on a real demo workspace: training
// runs in the background and fills the charts with the trainer's figures; the workload page shows
// the weekday x hour counts of the workspace and the patterns it stored.
#include "coretexts.h"
#include "dashboard/heatmapwidget.h"
#include "demo/demogenerator.h"
#include "demoworkspace.h"
#include "displayformat.h"
#include "interfacelanguage.h"
#include "ml/modelsview.h"
#include "ml/workloadview.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QAbstractBarSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QHeaderView>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTreeWidget>
#include <QtTest>

using namespace dopt;

class TestMlViews : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        const QString path = test::makeDemoWorkspace(QStringLiteral("mlviews.dopt"), 3000, 0, &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        m_workspace = std::make_shared<Workspace>();
        QVERIFY2(m_workspace->open(path, &error), qPrintable(error));
    }

    void modelsPageTrainsAndShowsTheModel()
    {
        ModelsView view;
        view.resize(1200, 700);
        view.show();
        QSignalSpy updated(&view, &ModelsView::updated);
        view.setWorkspace(m_workspace);
        QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty(), 60000);
        QVERIFY(view.data().family.isEmpty()); // nothing trained yet
        QVERIFY(view.metricsText().contains(QStringLiteral("Train one")));
        // The track record's headers are readable whole, not cut to the default column width.
        const QHeaderView* header = view.trackRecordTable()->horizontalHeader();
        for (int column = 0; column < header->count() - 1; ++column)
            QVERIFY2(header->sectionSize(column) >= header->sectionSizeHint(column),
                qPrintable(view.trackRecordTable()->horizontalHeaderItem(column)->text()));

        updated.clear();
        view.train();
        QVERIFY(view.isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty(), 300000);
        const ModelsPageData& data = view.data();
        QVERIFY(!data.family.isEmpty());
        QVERIFY(data.actualMs.size() > 100);
        QVERIFY(view.metricsText().contains(QStringLiteral("R² (log)")));
        // The repeatability reference beside "within 20%", from the new model's metrics.
        QVERIFY(data.metrics.contains(QStringLiteral("repeat_within_20pct")));
        QVERIFY2(
            view.metricsText().contains(
                QStringLiteral("For reference, %1 of held-out runs")
                    .arg(DisplayFormat::percent(data.metrics.value(QStringLiteral("repeat_within_20pct")).toDouble()))),
            qPrintable(view.metricsText()));
        auto* scatter = qobject_cast<QScatterSeries*>(view.scatterChart()->series().first());
        QVERIFY(scatter);
        QCOMPARE(scatter->count(), int(data.actualMs.size()));
        auto* bars = qobject_cast<QAbstractBarSeries*>(view.importanceChart()->series().first());
        QVERIFY(bars);
        QCOMPARE(bars->barSets().first()->count(), std::min(10, int(data.importance.size())));
        // The family and the features in words; the ids stay for the CLI and JSON.
        QVERIFY2(view.metricsText().contains(QStringLiteral("(%1)").arg(CoreTexts::modelFamily(data.family))),
            qPrintable(view.metricsText()));
        QVERIFY2(!view.metricsText().contains(QStringLiteral("(%1)").arg(data.family)), qPrintable(view.metricsText()));
        const auto categoryAxes = view.importanceChart()->axes(Qt::Vertical);
        QCOMPARE(categoryAxes.size(), 1);
        const QStringList features = qobject_cast<QBarCategoryAxis*>(categoryAxes.first())->categories();
        QVERIFY(!features.isEmpty());
        for (const QString& feature : features)
            QVERIFY2(!feature.contains(QLatin1Char('_')) && !feature.contains(QLatin1Char('=')), qPrintable(feature));
        QVERIFY(!view.importanceText(0).contains(QLatin1Char('_')));
        QVERIFY(!view.grab().isNull());

        // A fresh page loads the stored model: same model, its held-out jobs predicted again.
        ModelsView again;
        QSignalSpy loaded(&again, &ModelsView::updated);
        again.setWorkspace(m_workspace);
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 120000);
        QCOMPARE(again.data().modelId, data.modelId);
        QCOMPARE(again.data().family, data.family);
        QVERIFY(again.data().actualMs.size() >= data.actualMs.size() / 2);
    }

    void chartTitlesShowWhole()
    {
        // Three charts share the width: each title fits its chart, in French too (longer words).
        const test::InterfaceLanguage french(QLocale(QLocale::French, QLocale::France));
        QVERIFY(french.isReady());
        ModelsView view;
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        for (QChart* chart : {view.scatterChart(), view.residualChart(), view.importanceChart()}) {
            const qreal room = chart->size().width() - chart->margins().left() - chart->margins().right();
            QVERIFY(room > 100);
            QVERIFY2(QFontMetricsF(chart->titleFont()).horizontalAdvance(chart->title()) <= room,
                qPrintable(chart->title()));
        }
    }

    void workloadPageShowsCountsAndPatterns()
    {
        WorkloadView view;
        view.resize(1000, 700);
        view.show();
        QSignalSpy updated(&view, &WorkloadView::updated);
        view.setWorkspace(m_workspace);
        QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty() && !view.isLoading(), 120000);
        qint64 total = 0;
        for (const auto& row : view.heatmap()->counts())
            for (qint64 count : row)
                total += count;
        QCOMPARE(total, qint64(3000));
        QVERIFY(view.patternList()->topLevelItemCount() > 0);
        QCOMPARE(view.patternList()->topLevelItemCount(), int(view.analysis().patterns.size()));
        // Pattern types in words, not the stored ids (daily_cycle, batch_job...).
        for (int i = 0; i < view.patternList()->topLevelItemCount(); ++i) {
            const QString type = view.patternList()->topLevelItem(i)->text(0);
            QCOMPARE(type, CoreTexts::workloadPattern(view.analysis().patterns[i].type));
            QVERIFY2(!type.contains(QLatin1Char('_')), qPrintable(type));
        }
        QVERIFY(view.summaryText().contains(QStringLiteral("Peak hours")));
        QSqlQuery query(m_workspace->database());
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM workload_patterns")) && query.next());
        QCOMPARE(query.value(0).toInt(), view.patternList()->topLevelItemCount());
    }

private:
    std::shared_ptr<Workspace> m_workspace;
};

QTEST_MAIN(TestMlViews)
#include "tst_mlviews.moc"
