// Accent colours of the item views under a light and a dark palette (offscreen): the failed state
// and high-severity marks stay readable (WCAG AA contrast) on either background.
#include "recommendations/recommendationtablemodel.h"
#include "themecolors.h"

#include <QApplication>
#include <QBrush>
#include <QPalette>
#include <QTest>

using namespace dopt;

namespace {

QPalette paletteWithBase(const QColor& base, const QColor& text)
{
    QPalette palette = QApplication::palette();
    for (QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
        palette.setColor(group, QPalette::Base, base);
        palette.setColor(group, QPalette::Window, base);
        palette.setColor(group, QPalette::Text, text);
        palette.setColor(group, QPalette::WindowText, text);
    }
    return palette;
}

} // namespace

class TestThemeColors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void contrastOfTheExtremes()
    {
        QCOMPARE(qRound(ThemeColors::contrastRatio(Qt::black, Qt::white)), 21);
        QCOMPARE(ThemeColors::contrastRatio(Qt::red, Qt::red), 1.0);
    }

    void accentsStayReadable_data()
    {
        QTest::addColumn<QColor>("background");
        QTest::newRow("light") << QColor(Qt::white);
        QTest::newRow("dark (Fusion dark base)") << QColor(0x2a, 0x2a, 0x2a);
        QTest::newRow("black") << QColor(Qt::black);
    }
    void accentsStayReadable()
    {
        QFETCH(QColor, background);
        for (const QColor& accent : {QColor(200, 40, 40), QColor(0xc0, 0x1c, 0x28), QColor(0x80, 0x80, 0x80)}) {
            const QColor readable = ThemeColors::readableOn(accent, background);
            QVERIFY2(ThemeColors::contrastRatio(readable, background) >= 4.5,
                qPrintable(QStringLiteral("%1 on %2").arg(readable.name(), background.name())));
            // Still the same hue family (red stays red), only lighter or darker.
            if (accent.saturation() > 100)
                QVERIFY2(readable.red() > readable.green(), qPrintable(readable.name()));
        }
    }

    void highSeverityUnderADarkPalette()
    {
        // The raw red is too dark for a dark background: the model must not hand it out as it is.
        const QColor base(0x2a, 0x2a, 0x2a);
        QVERIFY(ThemeColors::contrastRatio(QColor(200, 40, 40), base) < 4.5);
        QApplication::setPalette(paletteWithBase(base, Qt::white));
        RecommendationTableModel model;
        Recommendation high;
        high.rank = 1;
        high.severity = Severity::High;
        high.detector = QStringLiteral("partition_pruning");
        high.title = QStringLiteral("t");
        model.setRecommendations({high});
        const QModelIndex severity = model.index(0, RecommendationTableModel::SeverityColumn);
        const QColor dark = model.data(severity, Qt::ForegroundRole).value<QBrush>().color();
        QVERIFY2(ThemeColors::contrastRatio(dark, base) >= 4.5, qPrintable(dark.name()));

        QApplication::setPalette(paletteWithBase(Qt::white, Qt::black));
        const QColor light = model.data(severity, Qt::ForegroundRole).value<QBrush>().color();
        QVERIFY2(ThemeColors::contrastRatio(light, Qt::white) >= 4.5, qPrintable(light.name()));
        QVERIFY(light != dark);
    }
};

QTEST_MAIN(TestThemeColors)
#include "tst_themecolors.moc"
