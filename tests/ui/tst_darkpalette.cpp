// Charts (dashboard, measured runs, model residuals), the phase timeline and the SQL highlighter
// under a dark palette (offscreen): backgrounds follow the palette, text and axis labels reach WCAG AA
// contrast (4.5:1) against them, axis lines and series the 3:1 of graphics, and the views switch
// back when the palette turns light again. Real widgets on a real demo workspace; the chart pages
// are rendered so the dark background is checked in pixels too.
#include "dashboard/dashboardview.h"
#include "dashboard/heatmapwidget.h"
#include "demoworkspace.h"
#include "measure/measurementchart.h"
#include "ml/modelsview.h"
#include "phasetimeline.h"
#include "sqlhighlighter.h"
#include "sqlview.h"
#include "store/workspace.h"
#include "testdata.h"
#include "themecolors.h"

#include <QAbstractAxis>
#include <QAbstractBarSeries>
#include <QApplication>
#include <QBarSet>
#include <QBoxPlotSeries>
#include <QChart>
#include <QChartView>
#include <QImage>
#include <QLegend>
#include <QPieSeries>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QXYSeries>
#include <QtTest>

using namespace dopt;

namespace {

constexpr double TextContrast = 4.5; // WCAG AA, normal text
constexpr double GraphicsContrast = 3.0; // WCAG 1.4.11, graphical objects

/// Breeze Dark's colours: what a KDE or GNOME dark session hands the application.
QPalette darkPalette()
{
    QPalette palette;
    const QColor window(0x31, 0x36, 0x3b);
    const QColor base(0x23, 0x26, 0x29);
    const QColor text(0xef, 0xf0, 0xf1);
    for (QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        palette.setColor(group, QPalette::Window, window);
        palette.setColor(group, QPalette::Base, base);
        palette.setColor(group, QPalette::AlternateBase, window);
        palette.setColor(group, QPalette::Text, text);
        palette.setColor(group, QPalette::WindowText, text);
        palette.setColor(group, QPalette::ButtonText, text);
        palette.setColor(group, QPalette::Button, window);
    }
    return palette;
}

QPalette lightPalette()
{
    QPalette palette;
    for (QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        palette.setColor(group, QPalette::Window, QColor(0xef, 0xf0, 0xf1));
        palette.setColor(group, QPalette::Base, Qt::white);
        palette.setColor(group, QPalette::Text, QColor(0x23, 0x26, 0x29));
        palette.setColor(group, QPalette::WindowText, QColor(0x23, 0x26, 0x29));
    }
    return palette;
}

QString describe(const QString& what, const QColor& colour, const QColor& background)
{
    return QStringLiteral("%1: %2 on %3 (contrast %4)")
        .arg(what, colour.name(), background.name())
        .arg(ThemeColors::contrastRatio(colour, background), 0, 'f', 2);
}

/// Every text and mark of a chart against its background; the failures as readable lines.
QStringList contrastProblems(const QChart* chart)
{
    QStringList problems;
    const QColor background = chart->backgroundBrush().color();
    const auto need = [&](const QString& what, const QColor& colour, double minimum) {
        if (ThemeColors::contrastRatio(colour, background) < minimum)
            problems.append(describe(chart->title() + QStringLiteral(" / ") + what, colour, background));
    };
    if (!chart->title().isEmpty())
        need(QStringLiteral("title"), chart->titleBrush().color(), TextContrast);
    if (chart->legend()->isVisible())
        need(QStringLiteral("legend"), chart->legend()->labelColor(), TextContrast);
    for (const QAbstractAxis* axis : chart->axes()) {
        need(QStringLiteral("axis labels"), axis->labelsBrush().color(), TextContrast);
        if (!axis->titleText().isEmpty())
            need(QStringLiteral("axis title ") + axis->titleText(), axis->titleBrush().color(), TextContrast);
        need(QStringLiteral("axis line"), axis->linePenColor(), GraphicsContrast);
    }
    for (QAbstractSeries* series : chart->series()) {
        if (auto* xy = qobject_cast<QXYSeries*>(series)) {
            need(QStringLiteral("series ") + xy->name(), xy->color(), GraphicsContrast);
        } else if (auto* bars = qobject_cast<QAbstractBarSeries*>(series)) {
            for (QBarSet* set : bars->barSets())
                need(QStringLiteral("bars ") + set->label(), set->color(), GraphicsContrast);
        } else if (auto* pie = qobject_cast<QPieSeries*>(series)) {
            for (QPieSlice* slice : pie->slices()) {
                need(QStringLiteral("slice ") + slice->label(), slice->color(), GraphicsContrast);
                need(QStringLiteral("slice label ") + slice->label(), slice->labelColor(), TextContrast);
            }
        } else if (auto* boxes = qobject_cast<QBoxPlotSeries*>(series)) {
            need(QStringLiteral("box outline"), boxes->pen().color(), GraphicsContrast);
        }
    }
    return problems;
}

/// The chart as drawn: its corner is the palette's base and some pixels are light (the text).
QString renderProblem(QChartView* view, const QColor& base)
{
    view->resize(520, 340);
    QCoreApplication::sendPostedEvents(); // axes lay out on posted events
    const QImage image = view->grab().toImage();
    if (image.isNull())
        return QStringLiteral("nothing rendered");
    const QColor corner = image.pixelColor(3, 3);
    if (ThemeColors::contrastRatio(corner, base) > 1.1)
        return describe(QStringLiteral("corner pixel"), corner, base);
    int readable = 0;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            if (ThemeColors::contrastRatio(image.pixelColor(x, y), base) >= TextContrast)
                ++readable;
        }
    }
    return readable > 50 ? QString() : QStringLiteral("only %1 readable pixels").arg(readable);
}

} // namespace

class TestDarkPalette : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setPalette(darkPalette());
        QString error;
        const QString path = test::makeDemoWorkspace(QStringLiteral("darkpalette.dopt"), 1500, 0, &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        m_workspace = std::make_shared<Workspace>();
        QVERIFY2(m_workspace->open(path, &error), qPrintable(error));
    }

    void dashboardChartsFollowTheDarkPalette()
    {
        DashboardView view;
        view.resize(1100, 1400);
        view.show();
        QSignalSpy updated(&view, &DashboardView::updated);
        view.setWorkspace(m_workspace);
        QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty(), 300000);
        const QColor base = darkPalette().color(QPalette::Base);
        const QList<QChartView*> views = view.findChildren<QChartView*>();
        QVERIFY(views.size() >= 5);
        for (QChartView* chartView : views) {
            QCOMPARE(chartView->chart()->backgroundBrush().color(), base);
            QVERIFY(!chartView->chart()->series().isEmpty());
            const QStringList problems = contrastProblems(chartView->chart());
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        }
        const QString rendered = renderProblem(views.first(), base);
        QVERIFY2(rendered.isEmpty(), qPrintable(rendered));

        // The weekday × hour heatmap: drawn on the base, its busiest cells stand out from it.
        auto* heatmap = view.findChild<HeatmapWidget*>();
        QVERIFY(heatmap);
        const QImage map = heatmap->grab().toImage();
        QCOMPARE(map.pixelColor(1, 1), base);
        double strongest = 1;
        for (int y = 0; y < map.height(); y += 2) {
            for (int x = 0; x < map.width(); x += 2)
                strongest = std::max(strongest, ThemeColors::contrastRatio(map.pixelColor(x, y), base));
        }
        QVERIFY2(strongest >= GraphicsContrast, qPrintable(QString::number(strongest)));
    }

    void measuredRunsFollowAPaletteChange()
    {
        MeasurementChart chart;
        chart.setPalette(lightPalette());
        chart.resize(520, 340);
        chart.show();
        for (int seq = 1; seq <= 6; ++seq)
            chart.addRun({seq, seq % 2 ? QStringLiteral("before") : QStringLiteral("after"), seq == 1, 100.0 + seq});
        QChart* live = chart.view()->chart();
        QCOMPARE(live->backgroundBrush().color(), QColor(Qt::white));
        QStringList problems = contrastProblems(live);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));

        // The session switches to a dark theme while the dialog is open.
        chart.setPalette(darkPalette());
        const QColor base = darkPalette().color(QPalette::Base);
        QCOMPARE(live->backgroundBrush().color(), base);
        problems = contrastProblems(live);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        const QString rendered = renderProblem(chart.view(), base);
        QVERIFY2(rendered.isEmpty(), qPrintable(rendered));

        // The box plots that replace the live chart at the end, and back to light.
        chart.showDistribution({{1, QStringLiteral("before"), false, 120}, {2, QStringLiteral("before"), false, 130},
            {3, QStringLiteral("after"), false, 60}, {4, QStringLiteral("after"), false, 70}});
        problems = contrastProblems(chart.view()->chart());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        chart.setPalette(lightPalette());
        QCOMPARE(chart.view()->chart()->backgroundBrush().color(), QColor(Qt::white));
        problems = contrastProblems(chart.view()->chart());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void residualChartsFollowTheDarkPalette()
    {
        ModelsView view;
        view.resize(1200, 700);
        view.show();
        QSignalSpy updated(&view, &ModelsView::updated);
        view.setWorkspace(m_workspace);
        QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty(), 60000);
        updated.clear();
        view.train();
        QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty(), 300000);
        QVERIFY2(!view.data().family.isEmpty(), qPrintable(view.metricsText()));
        const QColor base = darkPalette().color(QPalette::Base);
        for (QChart* chart : {view.scatterChart(), view.residualChart(), view.importanceChart()}) {
            QVERIFY(!chart->series().isEmpty());
            QCOMPARE(chart->backgroundBrush().color(), base);
            const QStringList problems = contrastProblems(chart);
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        }
    }

    void timelineLabelsReadOnEveryPhaseColour()
    {
        const QStringList phases {QStringLiteral("pending"), QStringLiteral("metadata"), QStringLiteral("planning"),
            QStringLiteral("queue"), QStringLiteral("starting"), QStringLiteral("running"), QStringLiteral("completed"),
            QStringLiteral("failed"), QStringLiteral("cancelled"), QStringLiteral("some_future_phase")};
        QVector<JobPhase> timeline;
        qint64 start = 0;
        for (const QString& phase : phases) {
            const QColor fill = PhaseTimeline::colorFor(phase);
            const QColor text = ThemeColors::textOn(fill);
            QVERIFY2(ThemeColors::contrastRatio(text, fill) >= TextContrast, qPrintable(describe(phase, text, fill)));
            timeline.append({phase, start, 1000});
            start += 1000;
        }
        // The widget draws on the dark window without a light box of its own.
        PhaseTimeline widget;
        widget.setPhases(timeline);
        widget.resize(1200, 40);
        const QImage image = widget.grab().toImage();
        const QColor window = darkPalette().color(QPalette::Window);
        QVERIFY(!image.isNull());
        QVERIFY2(ThemeColors::contrastRatio(image.pixelColor(0, 0), window) < 1.5,
            qPrintable(describe(QStringLiteral("edge"), image.pixelColor(0, 0), window)));
    }

    void sqlHighlightingReadsOnDarkAndLight()
    {
        SqlView view;
        view.setSql(QStringLiteral("SELECT COUNT(*), 'EU' AS \"region\" FROM sales.orders -- 42 rows\nWHERE id > 42"));
        auto* highlighter = qobject_cast<SqlHighlighter*>(view.highlighter());
        if (!highlighter)
            QSKIP("this build uses KF6 Syntax-Highlighting, which picks Breeze Dark itself");
        const auto check = [&](const QColor& base) {
            QStringList problems;
            for (SqlHighlighter::Token token : {SqlHighlighter::Token::Keyword, SqlHighlighter::Token::Function,
                     SqlHighlighter::Token::String, SqlHighlighter::Token::QuotedIdentifier,
                     SqlHighlighter::Token::Number, SqlHighlighter::Token::Comment}) {
                const QColor colour = highlighter->format(token).foreground().color();
                if (ThemeColors::contrastRatio(colour, base) < TextContrast)
                    problems.append(describe(QString::number(int(token)), colour, base));
            }
            // The colours really reach the text: the first block's formats carry them.
            const QList<QTextLayout::FormatRange> ranges = view.document()->firstBlock().layout()->formats();
            if (ranges.isEmpty())
                problems.append(QStringLiteral("no highlighting applied"));
            for (const QTextLayout::FormatRange& range : ranges) {
                if (range.format.hasProperty(QTextFormat::ForegroundBrush)
                    && ThemeColors::contrastRatio(range.format.foreground().color(), base) < TextContrast)
                    problems.append(describe(QStringLiteral("applied"), range.format.foreground().color(), base));
            }
            return problems;
        };
        const QColor darkBase = darkPalette().color(QPalette::Base);
        QStringList problems = check(darkBase);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        const QColor keywordOnDark = highlighter->format(SqlHighlighter::Token::Keyword).foreground().color();

        view.setPalette(lightPalette());
        problems = check(Qt::white);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        // Lighter keywords on dark, darker on white: the same blue adjusted, not one compromise.
        QVERIFY(keywordOnDark.lightness()
            > highlighter->format(SqlHighlighter::Token::Keyword).foreground().color().lightness());
    }

private:
    std::shared_ptr<Workspace> m_workspace;
};

QTEST_MAIN(TestDarkPalette)
#include "tst_darkpalette.moc"
