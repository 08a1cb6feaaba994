#include "analysisprogresswidget.h"

#include "analysiscontroller.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace dopt {

AnalysisProgressWidget::AnalysisProgressWidget(AnalysisController* controller, QWidget* parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancel(new QToolButton(this))
{
    m_bar->setMaximumWidth(180);
    m_bar->setTextVisible(false);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the analysis; the previous results stay"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    setVisible(false);

    connect(m_cancel, &QToolButton::clicked, controller, &AnalysisController::cancel);
    connect(controller, &AnalysisController::started, this, [this] {
        m_label->setText(tr("Analysing…"));
        m_bar->setRange(0, 0);
        setVisible(true);
    });
    connect(controller, &AnalysisController::progress, this, [this](int done, int total, const QString& message) {
        m_bar->setRange(0, qMax(0, total));
        m_bar->setValue(done);
        if (!message.isEmpty())
            m_label->setText(message);
    });
    connect(controller, &AnalysisController::finished, this, [this] { setVisible(false); });
    connect(controller, &AnalysisController::failed, this, [this] { setVisible(false); });
}

} // namespace dopt
