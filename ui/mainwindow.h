#pragma once

#include <QMainWindow>

namespace dopt {

/// The application window: query browser, SQL and profile views, import.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace dopt
