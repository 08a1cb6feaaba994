#include "mainwindow.h"

namespace dopt {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Dremio Optimizer"));
}

} // namespace dopt
