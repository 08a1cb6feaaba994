#include "mainwindow.h"
#include "sqlview.h"
#include "translationloader.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QImage>
#include <QPixmap>
#include <QTimer>
#include <cstdio>

namespace {

// The help text is translated, so the language must be known before the real parser is built:
// pick --language CODE / --language=CODE out of the arguments by hand.
QString languageArgument(const QStringList& arguments)
{
    const QString name = QStringLiteral("--language");
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments.at(i) == name && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (arguments.at(i).startsWith(name + QLatin1Char('=')))
            return arguments.at(i).mid(name.size() + 1);
    }
    return {};
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("dremio-optimizer"));
    QApplication::setOrganizationName(QStringLiteral("DremioOptimizer"));
    QApplication::setApplicationVersion(QStringLiteral(DOPT_VERSION));

    const QString languageCode = languageArgument(QApplication::arguments());
    const QLocale locale = dopt::TranslationLoader::chooseLocale(languageCode);
    if (locale == QLocale::c() && !languageCode.isEmpty() && languageCode != QLatin1String("C"))
        std::fprintf(stderr, "dremio-optimizer: unknown language %s, using English\n", qUtf8Printable(languageCode));
    dopt::TranslationLoader::install(&app, locale);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Finds why Dremio and PostgreSQL queries are slow."));
    parser.addHelpOption();
    const QCommandLineOption versionOption(QStringList {QStringLiteral("v"), QStringLiteral("version")},
        QApplication::translate("main", "Print the version and the SQL highlighter."));
    const QCommandLineOption workspaceOption(QStringLiteral("workspace"),
        QApplication::translate("main", "Open this workspace (SQLite file or postgresql:// URL)."),
        QStringLiteral("path"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
        QApplication::translate("main", "Render the window to this PNG once the first jobs are shown, then quit."),
        QStringLiteral("file"));
    const QCommandLineOption languageOption(QStringLiteral("language"),
        QApplication::translate(
            "main", "Use this language (e.g. fr or en) instead of the system one or $DOPT_LANGUAGE."),
        QStringLiteral("code"));
    parser.addOption(versionOption);
    parser.addOption(languageOption);
    parser.addOption(workspaceOption);
    parser.addOption(screenshotOption);
    parser.process(app);

    if (parser.isSet(versionOption)) {
        std::printf("dremio-optimizer %s\nSQL highlighting: %s\nQt %s\n", DOPT_VERSION,
            qUtf8Printable(dopt::SqlView::highlighterName()), qVersion());
        return 0;
    }

    dopt::MainWindow window;
    const QString screenshot = parser.value(screenshotOption);
    if (!screenshot.isEmpty()) {
        // Screenshots are for the README and CI: a fixed size, independent of saved window state.
        window.resize(1400, 860);
        QObject::connect(&window, &dopt::MainWindow::readyForScreenshot, &app, [&window, screenshot] {
            // One more turn of the event loop so the arrived rows are painted.
            QTimer::singleShot(0, &window, [&window, screenshot] {
                const bool saved = window.grab().save(screenshot, "PNG");
                if (!saved)
                    std::fprintf(
                        stderr, "dremio-optimizer: cannot write the screenshot to %s\n", qUtf8Printable(screenshot));
                QApplication::exit(saved ? 0 : 1);
            });
        });
        // A workspace that never answers must not hang CI.
        QTimer::singleShot(120000, &app, [screenshot] {
            std::fprintf(stderr, "dremio-optimizer: no jobs shown after 120 s, no screenshot written to %s\n",
                qUtf8Printable(screenshot));
            QApplication::exit(2);
        });
    }
    const QString workspace = parser.value(workspaceOption);
    if (!screenshot.isEmpty()) {
        // Non-interactive: no first-run dialog, no message box, a clear error and exit status instead.
        QString error;
        if (workspace.isEmpty())
            error = QStringLiteral("--screenshot needs --workspace");
        else if (!window.openWorkspace(workspace, &error))
            error = QStringLiteral("cannot open workspace %1: %2").arg(workspace, error);
        if (!error.isEmpty()) {
            std::fprintf(stderr, "dremio-optimizer: %s\n", qUtf8Printable(error));
            return 2;
        }
        window.show();
    } else {
        window.show();
        window.startUp(workspace);
    }
    return app.exec();
}
