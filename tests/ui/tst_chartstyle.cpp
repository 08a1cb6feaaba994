// Axis labels the charts really draw (offscreen), in English and in French: count axes read as whole
// numbers on round steps, and an integer label format still draws once numbers follow the locale
// (Qt Charts 6.4 draws nothing for "%d" on a localized chart).
#include "chartstyle.h"

#include <QChart>
#include <QChartView>
#include <QGraphicsTextItem>
#include <QLineSeries>
#include <QLocale>
#include <QLogValueAxis>
#include <QValueAxis>
#include <QtTest>

using namespace dopt;

namespace {

/// Digit groups as the label item gives them back: QTextDocument returns a space for the no-break
/// spaces French puts between groups.
QString spaced(QString text)
{
    return text.replace(QChar(0x202F), QLatin1Char(' ')).replace(QChar::Nbsp, QLatin1Char(' '));
}

/// The texts of the labels the axis's chart view draws, read from its scene, for the labels that
/// belong to the vertical axis (left of the plot area).
QStringList drawnLeftAxisLabels(QChartView& view)
{
    view.show();
    QCoreApplication::processEvents();
    const QRectF plot = view.chart()->plotArea();
    QList<QPair<double, QString>> labels;
    for (QGraphicsItem* item : view.scene()->items()) {
        auto* text = qgraphicsitem_cast<QGraphicsTextItem*>(item);
        if (!text || !text->isVisible())
            continue;
        const QRectF box = text->sceneBoundingRect();
        if (box.right() <= plot.left() + 1 && box.center().y() >= plot.top() - box.height()
            && box.center().y() <= plot.bottom() + box.height())
            labels.append({box.center().y(), spaced(text->toPlainText())});
    }
    std::sort(labels.begin(), labels.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    QStringList texts;
    for (const auto& label : labels)
        texts.append(label.second);
    return texts;
}

QChart* chartWithVerticalAxis(QAbstractAxis* vertical, double maximum)
{
    auto* chart = new QChart;
    auto* series = new QLineSeries;
    series->append(0, 1);
    series->append(1, maximum);
    chart->addSeries(series);
    auto* horizontal = new QValueAxis;
    chart->addAxis(horizontal, Qt::AlignBottom);
    chart->addAxis(vertical, Qt::AlignLeft);
    series->attachAxis(horizontal);
    series->attachAxis(vertical);
    return chart;
}

QStringList localized(std::initializer_list<qint64> values)
{
    QStringList texts;
    for (qint64 value : values)
        texts.append(spaced(QLocale().toString(value)));
    return texts;
}

} // namespace

class TestChartStyle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void cleanup() { QLocale::setDefault(QLocale::c()); }

    void countAxisDrawsWholeNumbersOnRoundSteps_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<double>("maximum");
        QTest::addColumn<QList<qint64>>("expected");
        for (const QString& locale : {QStringLiteral("en_US"), QStringLiteral("fr_FR")}) {
            QTest::addRow("%s, one", qPrintable(locale)) << locale << 1.0 << QList<qint64> {0, 1};
            QTest::addRow("%s, 13 jobs", qPrintable(locale))
                << locale << 13.0 << QList<qint64> {0, 2, 4, 6, 8, 10, 12, 14};
            QTest::addRow("%s, 12,000 jobs", qPrintable(locale))
                << locale << 12000.0 << QList<qint64> {0, 2000, 4000, 6000, 8000, 10000, 12000};
            QTest::addRow("%s, 7 runs", qPrintable(locale)) << locale << 7.0 << QList<qint64> {0, 1, 2, 3, 4, 5, 6, 7};
            QTest::addRow("%s, none", qPrintable(locale)) << locale << 0.0 << QList<qint64> {0, 1};
        }
    }

    void countAxisDrawsWholeNumbersOnRoundSteps()
    {
        QFETCH(QString, locale);
        QFETCH(double, maximum);
        QFETCH(QList<qint64>, expected);
        QLocale::setDefault(QLocale(locale));
        auto* vertical = new QValueAxis;
        QChartView view(chartWithVerticalAxis(vertical, maximum));
        view.resize(500, 500);
        ChartStyle::setCountRange(vertical, maximum);
        ChartStyle::apply(&view);
        QStringList wanted;
        for (qint64 value : expected)
            wanted.append(spaced(QLocale().toString(value)));
        QCOMPARE(drawnLeftAxisLabels(view), wanted);
    }

    void integerFormatStillDrawsOnALocalizedChart()
    {
        QLocale::setDefault(QLocale(QStringLiteral("fr_FR")));
        auto* vertical = new QValueAxis;
        vertical->setRange(0, 4000);
        vertical->setTickCount(5);
        vertical->setLabelFormat(QStringLiteral("%d"));
        QChartView view(chartWithVerticalAxis(vertical, 4000));
        view.resize(500, 500);
        ChartStyle::apply(&view);
        QVERIFY(view.chart()->localizeNumbers());
        QCOMPARE(drawnLeftAxisLabels(view), localized({0, 1000, 2000, 3000, 4000}));
    }

    void logarithmicAxisWithoutPrecisionStillDraws()
    {
        // The models page's predicted-vs-actual axes: "%g" drew nothing once numbers were localized.
        QLocale::setDefault(QLocale(QStringLiteral("fr_FR")));
        auto* vertical = new QLogValueAxis;
        vertical->setRange(10, 100000);
        vertical->setLabelFormat(QStringLiteral("%g"));
        QChartView view(chartWithVerticalAxis(vertical, 100000));
        view.resize(500, 500);
        ChartStyle::apply(&view);
        QCOMPARE(drawnLeftAxisLabels(view), localized({10, 100, 1000, 10000, 100000}));
    }

    void formatsKeepTheirPrecisionAndText()
    {
        auto* axis = new QValueAxis;
        QChartView view(chartWithVerticalAxis(axis, 10));
        for (const auto& [given, drawn] : {std::pair {"%.1f s", "%.1f s"}, {"%d runs", "%.0f runs"}, {"%5.2e", "%5.2e"},
                 {"%g%%", "%.6g%%"}, {"~%+i", "~%+.0f"}}) {
            axis->setLabelFormat(QString::fromLatin1(given));
            ChartStyle::apply(&view);
            QCOMPARE(axis->labelFormat(), QString::fromLatin1(drawn));
        }
    }
};

QTEST_MAIN(TestChartStyle)
#include "tst_chartstyle.moc"
