#include "mainwindow.h"

#include <QApplication>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("dremio-optimizer"));
    QApplication::setOrganizationName(QStringLiteral("DremioOptimizer"));
    QApplication::setApplicationVersion(QStringLiteral(DOPT_VERSION));
    dopt::MainWindow window;
    window.show();
    return app.exec();
}
