// Every figure the views show follows the interface locale. On a real demo workspace, analysed after
// a run-time model was trained (so recommendations carry model estimates), the dashboard, the models
// and workload pages, the recommendations, a measurement verdict and a real profile's plan tree write
// "1 234,5 ms", "12,3 %", "2,40×" in French and "1,234.5 ms", "12.3%", "2.40×" in English, and no
// figure of the French views has an English decimal point.
#include "analysis/analysisengine.h"
#include "coretexts.h"
#include "dashboard/dashboardview.h"
#include "dashboard/heatmapwidget.h"
#include "demoworkspace.h"
#include "interfacelanguage.h"
#include "jobfilterbar.h"
#include "jobtablemodel.h"
#include "measure/applymeasuredialog.h"
#include "measure/measurementstatistics.h"
#include "ml/modelsview.h"
#include "ml/runtimemodelservice.h"
#include "ml/workloadview.h"
#include "plantreemodel.h"
#include "profile/dremioprofileparser.h"
#include "recommendations/recommendationsview.h"
#include "recommendations/recommendationtablemodel.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QChart>
#include <QComboBox>
#include <QFile>
#include <QJsonObject>
#include <QLabel>
#include <QLineSeries>
#include <QPieSeries>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTreeWidget>
#include <QtTest>

using namespace dopt;

namespace {

/// How one locale writes its figures, and the other locale's decimal that must not appear.
struct Notation
{
    QRegularExpression decimal; // "12,3" / "12.3"
    QRegularExpression percent; // "12 %" / "12%" (narrow no-break space in French)
    QRegularExpression plainPercent; // the same in a rich-text view's plain text: "12 %" with a space
    QRegularExpression ratio; // "2,40×" / "2.40×"
    QRegularExpression foreign; // French: "12.3"; English: "12,3" (not "1,234") or a space before "%"
};

Notation notationOf(const QLocale& locale)
{
    if (locale.language() == QLocale::French)
        return {QRegularExpression(QStringLiteral("\\d,\\d")), QRegularExpression(QStringLiteral("\\d\u202f%")),
            QRegularExpression(QStringLiteral("\\d[\\s\u202f]%")), QRegularExpression(QStringLiteral("\\d,\\d+×")),
            QRegularExpression(QStringLiteral("\\d\\.\\d"))};
    return {QRegularExpression(QStringLiteral("\\d\\.\\d")), QRegularExpression(QStringLiteral("\\d%")),
        QRegularExpression(QStringLiteral("\\d%")), QRegularExpression(QStringLiteral("\\d\\.\\d+×")),
        QRegularExpression(QStringLiteral("\\d,\\d(?!\\d\\d)|\\d[\\s\u202f\u00a0]%"))};
}

QLocale fetchedLocale()
{
    QFETCH(QLocale, locale);
    return locale;
}

/// One case's interface language (its "locale" test data) and how that language writes figures.
struct LocaleCase
{
    const QLocale locale = fetchedLocale();
    const test::InterfaceLanguage language {locale};
    const Notation notation = notationOf(locale);
};

bool waitForDashboard(DashboardView& view)
{
    QSignalSpy updated(&view, &DashboardView::updated);
    QSignalSpy failed(&view, &DashboardView::loadFailed);
    return QTest::qWaitFor([&] { return !updated.isEmpty() || !failed.isEmpty(); }, 300000) && failed.isEmpty();
}

/// The text nodes of an SVG (axis labels, titles): what a reader of the exported image sees.
QStringList svgTexts(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList texts;
    const QString content = QString::fromUtf8(file.readAll());
    static const QRegularExpression text(QStringLiteral("<text[^>]*>([^<]*)</text>"));
    for (auto it = text.globalMatch(content); it.hasNext();)
        texts << it.next().captured(1).trimmed();
    return texts;
}

} // namespace

class TestLocaleFigures : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<Workspace> m_workspace;

    static void addLocales()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::newRow("French") << QLocale(QLocale::French, QLocale::France);
        QTest::newRow("English") << QLocale(QLocale::English, QLocale::UnitedStates);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        const QString path = test::makeDemoWorkspace(QStringLiteral("localefigures.dopt"), 3000, 0, &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        m_workspace = std::make_shared<Workspace>();
        QVERIFY2(m_workspace->open(path, &error), qPrintable(error));
        TrainingResult trained;
        QVERIFY2(RuntimeModelService::train(m_workspace->database(), {}, nullptr, &trained, &error), qPrintable(error));
        AnalysisEngine engine(*m_workspace);
        AnalysisSummary summary;
        QVERIFY2(engine.run(&summary, &error), qPrintable(error));
    }

    void dashboardFigures_data() { addLocales(); }
    void dashboardFigures()
    {
        const LocaleCase current;
        QVERIFY(current.language.isReady());
        const QLocale& locale = current.locale;
        const Notation& notation = current.notation;
        QSqlQuery query(m_workspace->database());
        QVERIFY(query.exec(QStringLiteral("SELECT fingerprint FROM baselines WHERE regression_since_ms IS NOT NULL "
                                          "ORDER BY run_count DESC LIMIT 1")));
        QVERIFY(query.next());

        DashboardView view;
        view.resize(1100, 1400);
        view.show();
        view.setWorkspace(m_workspace);
        QVERIFY(waitForDashboard(view));
        view.setTrendFingerprint(query.value(0).toString());
        QVERIFY(waitForDashboard(view));

        auto* pie = qobject_cast<QPieSeries*>(view.chart(DashboardView::Accelerated)->series().value(0));
        QVERIFY(pie && pie->count() == 2);
        for (const QPieSlice* slice : pie->slices()) {
            QVERIFY2(slice->label().contains(notation.percent) && slice->label().contains(notation.decimal),
                qPrintable(slice->label()));
            QVERIFY2(!slice->label().contains(notation.foreign), qPrintable(slice->label()));
        }
        // The Pareto tooltip: its second line holds the figures (the first is the statement).
        const QString pareto = view.paretoText(1).section(QLatin1Char('\n'), 1);
        QVERIFY2(pareto.contains(notation.percent) && !pareto.contains(notation.foreign), qPrintable(pareto));
        // The regression marker's legend: the median slowdown as a ratio.
        const QString marker = view.chart(DashboardView::Trend)->series().value(2)->name();
        QVERIFY2(marker.contains(notation.ratio), qPrintable(marker));
        QVERIFY2(!marker.section(QLatin1String("UTC"), 1).contains(notation.foreign), qPrintable(marker));
        for (const QString& text : {view.savingsLabel()->text(), view.heatmap()->cellText(2, 10)})
            QVERIFY2(!text.contains(notation.foreign), qPrintable(text));

        // Axis labels: the charts format their numbers in the interface locale.
        for (int id = 0; id < DashboardView::ChartCount; ++id) {
            QVERIFY(view.chart(DashboardView::ChartId(id))->localizeNumbers());
            QCOMPARE(view.chart(DashboardView::ChartId(id))->locale(), locale);
        }
        QString error;
        const QString svg = test::tempDir() + QStringLiteral("/localefigures-%1.svg").arg(locale.name());
        QVERIFY2(view.exportImage(svg, &error), qPrintable(error));
        const QStringList texts = svgTexts(svg);
        static const QRegularExpression number(QStringLiteral("^-?[\\d.,\u202f\u00a0]*\\d$"));
        int decimals = 0;
        for (const QString& text : texts) {
            if (!number.match(text).hasMatch())
                continue;
            QVERIFY2(!text.contains(notation.foreign), qPrintable(text));
            decimals += text.contains(notation.decimal) ? 1 : 0;
        }
        QVERIFY2(decimals > 0, qPrintable(texts.join(QLatin1Char('|')))); // the hours and seconds axes
    }

    void modelsAndWorkloadFigures_data() { addLocales(); }
    void modelsAndWorkloadFigures()
    {
        const LocaleCase current;
        QVERIFY(current.language.isReady());
        const QLocale& locale = current.locale;
        const Notation& notation = current.notation;

        ModelsView models;
        QSignalSpy updated(&models, &ModelsView::updated);
        models.setWorkspace(m_workspace);
        QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty(), 120000);
        QVERIFY(!models.data().family.isEmpty());
        // R², MAE, q-error, within 20%, coverage: decimals and percentages of the locale.
        const QString metrics = models.metricsText();
        QVERIFY2(metrics.contains(notation.decimal) && metrics.contains(notation.percent), qPrintable(metrics));
        QVERIFY2(!metrics.contains(notation.foreign), qPrintable(metrics));
        const QString importance = models.importanceText(0);
        QVERIFY2(importance.contains(QRegularExpression(notation.decimal.pattern() + QStringLiteral("\\d\\d$"))),
            qPrintable(importance));
        QVERIFY(models.importanceText(-1).isEmpty());
        for (QChart* chart : {models.scatterChart(), models.residualChart(), models.importanceChart()})
            QVERIFY(chart->localizeNumbers() && chart->locale() == locale);

        WorkloadView workload;
        QSignalSpy loaded(&workload, &WorkloadView::updated);
        workload.setWorkspace(m_workspace);
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty() && !workload.isLoading(), 120000);
        const QString summary = workload.summaryText();
        QVERIFY2(summary.contains(notation.decimal) && !summary.contains(notation.foreign), qPrintable(summary));
        QVERIFY(workload.patternList()->topLevelItemCount() > 0);
        for (int i = 0; i < workload.patternList()->topLevelItemCount(); ++i) {
            const QString confidence = workload.patternList()->topLevelItem(i)->text(1);
            QVERIFY2(confidence.contains(notation.percent) && !confidence.contains(notation.foreign),
                qPrintable(confidence));
        }
    }

    void recommendationFigures_data() { addLocales(); }
    void recommendationFigures()
    {
        const LocaleCase current;
        QVERIFY(current.language.isReady());
        const Notation& notation = current.notation;

        RecommendationsView view;
        QSignalSpy loaded(&view, &RecommendationsView::loaded);
        view.setWorkspace(m_workspace);
        QVERIFY(loaded.wait(60000));
        RecommendationTableModel* model = view.model();
        QVERIFY(model->rowCount() > 0);
        int modelEstimates = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString confidence = model->index(row, RecommendationTableModel::ConfidenceColumn).data().toString();
            QVERIFY2(confidence.contains(notation.percent), qPrintable(confidence));
            for (int column : {int(RecommendationTableModel::SavingColumn),
                     int(RecommendationTableModel::FrequencyColumn), int(RecommendationTableModel::ConfidenceColumn)})
                for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)}) {
                    const QString text = model->index(row, column).data(role).toString();
                    QVERIFY2(!text.contains(notation.foreign), qPrintable(text));
                }

            // Details: the figures line under the title, and the model's estimate when there is one. The
            // rich-text view's plain text has ordinary spaces where French puts no-break ones.
            view.selectRow(row);
            const QStringList lines = view.detailsText().split(QLatin1Char('\n'));
            QVERIFY(lines.size() > 2);
            QVERIFY2(
                lines[1].contains(notation.plainPercent) && !lines[1].contains(notation.foreign), qPrintable(lines[1]));
            const Recommendation* r = model->at(row);
            const QJsonObject estimate = r->definition.value(QStringLiteral("estimate")).toObject();
            if (estimate.value(QStringLiteral("source")).toString() == QLatin1String("model")) {
                ++modelEstimates;
                QVERIFY2(lines[2].contains(notation.plainPercent) && !lines[2].contains(notation.foreign),
                    qPrintable(lines[2]));
            }
        }
        QVERIFY(modelEstimates > 0);
    }

    void measurementVerdict_data() { addLocales(); }
    void measurementVerdict()
    {
        const LocaleCase current;
        QVERIFY(current.language.isReady());
        const QLocale& locale = current.locale;
        const Notation& notation = current.notation;
        MeasurementResult result;
        result.state = QStringLiteral("done");
        result.summary = MeasurementStatistics::summarize({1230.5, 1234.5, 1238.5, 1232.5, 1236.5, 1240.5, 1228.5},
            {610.5, 612.5, 608.5, 611.5, 609.5, 613.5, 607.5});
        result.verdict = result.summary->verdict;
        result.predictedImprovementShare = 0.42;
        const QString text = ApplyMeasureDialog::verdictSentence(result);
        QCOMPARE(result.verdict, QStringLiteral("improved"));
        const QString before = locale.toString(1234.5, 'f', 1);
        QVERIFY2(text.contains(before) && text.contains(locale.toString(610.5, 'f', 1)), qPrintable(text));
        QVERIFY2(text.contains(locale.language() == QLocale::French ? QStringLiteral("1\u202f234,5")
                                                                    : QStringLiteral("1,234.5 ms")),
            qPrintable(text));
        QVERIFY2(text.contains(notation.ratio) && text.contains(notation.percent), qPrintable(text));
        QVERIFY2(text.contains(locale.toString(result.summary->pValue, 'g', 3)), qPrintable(text));
        QVERIFY2(!text.contains(notation.foreign), qPrintable(text));
    }

    void jobStatesInTheInterfaceLanguage_data() { addLocales(); }
    void jobStatesInTheInterfaceLanguage()
    {
        const LocaleCase current;
        QVERIFY(current.language.isReady());
        const bool french = current.locale.language() == QLocale::French;
        // The state filter: Dremio's word in English, the interface language's otherwise.
        JobFilterBar filter;
        const int completedItem = filter.stateCombo()->findData(QStringLiteral("COMPLETED"));
        QVERIFY(completedItem > 0);
        QCOMPARE(filter.stateCombo()->itemText(completedItem),
            french ? QStringLiteral("TERMINÉ") : QStringLiteral("COMPLETED"));
        // The job list's State column and its tooltip.
        JobTableModel model;
        QSignalSpy ready(&model, &JobTableModel::firstPageReady);
        model.setWorkspace(m_workspace);
        QVERIFY(ready.wait(60000));
        QVERIFY(model.rowCount() > 0);
        int completedRows = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const std::optional<JobRow> job = model.jobAt(row);
            if (!job || job->job.state != QLatin1String("COMPLETED"))
                continue;
            const QModelIndex state = model.index(row, JobTableModel::StateColumn);
            QCOMPARE(state.data().toString(), CoreTexts::jobState(QStringLiteral("COMPLETED")));
            QVERIFY(state.data(Qt::ToolTipRole).toString().startsWith(state.data().toString()));
            if (french)
                QVERIFY2(!state.data().toString().contains(QStringLiteral("COMPLETED")),
                    qPrintable(state.data().toString()));
            ++completedRows;
        }
        QVERIFY(completedRows > 0);
    }

    void planTreeFigures_data() { addLocales(); }
    void planTreeFigures()
    {
        DOPT_REQUIRE_SAMPLE(path, "profile_25.x_hashjoin_skew.json");
        const LocaleCase current;
        QVERIFY(current.language.isReady());
        const Notation& notation = current.notation;
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        ParsedProfile profile;
        QString error;
        QVERIFY2(DremioProfileParser::parse(file.readAll(), &profile, &error), qPrintable(error));
        PlanTreeModel model;
        model.setTree(profile.tree);
        int shares = 0;
        for (int node = 0; node < profile.tree.size(); ++node) {
            // Every column but the operator's name and its plan detail (expressions, literals) is a figure.
            for (int column = PlanTreeModel::ThreadsColumn; column < PlanTreeModel::ColumnCount; ++column)
                for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)}) {
                    const QString text = model.indexForNode(node, column).data(role).toString();
                    QVERIFY2(!text.contains(notation.foreign), qPrintable(text));
                }
            const QString share = model.indexForNode(node, PlanTreeModel::TimeShareColumn).data().toString();
            QVERIFY2(share.contains(notation.percent) && share.contains(notation.decimal), qPrintable(share));
            ++shares;
        }
        QVERIFY(shares > 1);
    }
};

QTEST_MAIN(TestLocaleFigures)
#include "tst_localefigures.moc"
