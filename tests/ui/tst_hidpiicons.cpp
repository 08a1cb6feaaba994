// Menu and toolbar icons on a high-DPI screen: the test runs with QT_SCALE_FACTOR=2 (offscreen), so
// the main window's screen has a device pixel ratio of 2. Every action icon must give a 2x pixmap
// drawn from its SVG at 32 device pixels, not a 16-pixel bitmap scaled up (which would be blurred).
#include "actionicons.h"
#include "mainwindow.h"
#include "testdata.h"

#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QPainter>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QToolBar>
#include <QtTest>
#include <cmath>

using namespace dopt;

namespace {

constexpr int LogicalSize = 16;

QImage svgAt(const QString& name, int pixels)
{
    QImage image(pixels, pixels, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QSvgRenderer renderer(QStringLiteral(":/dopt/icons/actions/%1.svg").arg(name));
    QPainter painter(&image);
    renderer.render(&painter, QRectF(0, 0, pixels, pixels));
    return image;
}

/// Mean absolute difference per channel (0..255) of two images of the same size.
double difference(const QImage& a, const QImage& b)
{
    const QImage x = a.convertToFormat(QImage::Format_ARGB32_Premultiplied);
    const QImage y = b.convertToFormat(QImage::Format_ARGB32_Premultiplied);
    if (x.size() != y.size())
        return 255;
    double sum = 0;
    for (int row = 0; row < x.height(); ++row) {
        for (int column = 0; column < x.width(); ++column) {
            const QRgb p = x.pixel(column, row);
            const QRgb q = y.pixel(column, row);
            sum += std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q)) + std::abs(qBlue(p) - qBlue(q))
                + std::abs(qAlpha(p) - qAlpha(q));
        }
    }
    return sum / (4.0 * x.width() * x.height());
}

/// The icon name whose SVG drawn at `pixels` matches the pixmap, empty when none does.
QString matchingSvg(const QPixmap& pixmap, int pixels)
{
    for (const QString& name : ActionIcons::names()) {
        if (difference(pixmap.toImage(), svgAt(name, pixels)) < 1.0)
            return name;
    }
    return {};
}

} // namespace

class TestHiDpiIcons : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("dopt-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_hidpiicons"));
    }

    void screenIsHighDpi()
    {
        MainWindow window;
        window.show();
        QCOMPARE(window.devicePixelRatio(), 2.0);
    }

    void everySvgIsSharpAtRatioTwo()
    {
        const QStringList names = ActionIcons::names();
        QVERIFY(names.size() >= 8);
        for (const QString& name : names) {
            const QIcon icon = ActionIcons::icon(name);
            QVERIFY2(!icon.isNull(), qPrintable(name));
            const QPixmap pixmap = icon.pixmap(QSize(LogicalSize, LogicalSize), 2.0);
            QCOMPARE(pixmap.devicePixelRatio(), 2.0);
            QCOMPARE(pixmap.size(), QSize(2 * LogicalSize, 2 * LogicalSize)); // device pixels
            // Drawn from the vector source at 32 px...
            const double direct = difference(pixmap.toImage(), svgAt(name, 2 * LogicalSize));
            QVERIFY2(direct < 1.0, qPrintable(QStringLiteral("%1: %2").arg(name).arg(direct)));
            // ...which a 16 px bitmap blown up to 32 px is not (the blur this avoids).
            const QImage upscaled
                = svgAt(name, LogicalSize)
                      .scaled(2 * LogicalSize, 2 * LogicalSize, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
            const double blurred = difference(upscaled, svgAt(name, 2 * LogicalSize));
            QVERIFY2(blurred > 3 * std::max(direct, 0.5), qPrintable(QStringLiteral("%1: %2").arg(name).arg(blurred)));
        }
        QVERIFY(ActionIcons::icon(QStringLiteral("no-such-icon")).isNull());
    }

    void menuAndToolbarActionsUseTheSvgIcons()
    {
        MainWindow window;
        window.show();
        const qreal ratio = window.devicePixelRatio();
        QCOMPARE(ratio, 2.0);
        auto* toolBar = window.findChild<QToolBar*>(QStringLiteral("mainToolBar"));
        QVERIFY(toolBar);
        QVERIFY(!toolBar->actions().isEmpty());
        QSet<QString> used;
        const auto check = [&](QAction* action) {
            const QPixmap pixmap = action->icon().pixmap(toolBar->iconSize(), ratio);
            QCOMPARE(pixmap.devicePixelRatio(), ratio);
            QCOMPARE(pixmap.size(), toolBar->iconSize() * ratio);
            const QString name = matchingSvg(pixmap, pixmap.width());
            QVERIFY2(!name.isEmpty(), qPrintable(action->text()));
            used.insert(name);
        };
        for (QAction* action : toolBar->actions()) {
            if (action->isSeparator())
                continue;
            QVERIFY2(!action->icon().isNull(), qPrintable(action->text())); // every tool button has one
            check(action);
            if (QTest::currentTestFailed())
                return;
        }
        for (QAction* menu : window.menuBar()->actions()) {
            for (QAction* action : menu->menu()->actions()) {
                if (!action->icon().isNull())
                    check(action);
                if (QTest::currentTestFailed())
                    return;
            }
        }
        // Open, import, refresh in the toolbar; the report export and analysis in the menus.
        for (const QString& name :
            {QStringLiteral("open"), QStringLiteral("import-files"), QStringLiteral("import-folder"),
                QStringLiteral("refresh"), QStringLiteral("export-report"), QStringLiteral("analyze")})
            QVERIFY2(used.contains(name), qPrintable(name));
        // The window icon is the scalable app icon: sharp at 2x too.
        const QPixmap appIcon = window.windowIcon().pixmap(QSize(64, 64), ratio);
        QCOMPARE(appIcon.size(), QSize(128, 128));
        QCOMPARE(appIcon.devicePixelRatio(), ratio);
    }
};

int main(int argc, char** argv)
{
    // Before the application exists: the offscreen screen then reports a device pixel ratio of 2.
    qputenv("QT_SCALE_FACTOR", "2");
    QApplication app(argc, argv);
    TestHiDpiIcons test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_hidpiicons.moc"
