#include "clicommands.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("dremio-optimizer-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DOPT_VERSION));
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    return dopt::cli::run(arguments);
}
