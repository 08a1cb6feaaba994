#include "clicommands.h"

#include <QCoreApplication>
#include <memory>
#ifdef DOPT_CLI_HAS_REPORT
#include <QGuiApplication>
#endif

namespace {

/// True when the command (the first argument that is neither an option nor --workspace's value)
/// draws with QPainter: the PDF report needs fonts, hence a QGuiApplication.
bool needsGui(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "--workspace") {
            ++i;
            continue;
        }
        if (argument.startsWith('-'))
            continue;
        return argument == "report";
    }
    return false;
}

} // namespace

int main(int argc, char** argv)
{
    std::unique_ptr<QCoreApplication> app;
#ifdef DOPT_CLI_HAS_REPORT
    if (needsGui(argc, argv)) {
        // No display needed: render on the offscreen platform unless one was chosen or is available.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
            && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    }
#else
    Q_UNUSED(needsGui);
#endif
    if (!app)
        app = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("dremio-optimizer-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DOPT_VERSION));
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    return dopt::cli::run(arguments);
}
