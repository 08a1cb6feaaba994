#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace dopt {

class AnalysisController;

/// The status-bar strip shown while an analysis runs: the current step, a progress bar and Cancel.
class AnalysisProgressWidget : public QWidget
{
    Q_OBJECT
public:
    explicit AnalysisProgressWidget(AnalysisController* controller, QWidget* parent = nullptr);

    QToolButton* cancelButton() const { return m_cancel; }

private:
    QLabel* m_label;
    QProgressBar* m_bar;
    QToolButton* m_cancel;
};

} // namespace dopt
