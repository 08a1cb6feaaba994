#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace dopt {

class ImportController;

/// The status-bar strip shown while an import runs: current file, a progress bar and Cancel.
class ImportProgressWidget : public QWidget
{
    Q_OBJECT
public:
    explicit ImportProgressWidget(ImportController* controller, QWidget* parent = nullptr);

    QProgressBar* progressBar() const { return m_bar; }
    QToolButton* cancelButton() const { return m_cancel; }

private:
    QLabel* m_label;
    QProgressBar* m_bar;
    QToolButton* m_cancel;
};

} // namespace dopt
