#include "importprogresswidget.h"

#include "importcontroller.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace dopt {

ImportProgressWidget::ImportProgressWidget(ImportController* controller, QWidget* parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancel(new QToolButton(this))
{
    m_bar->setMaximumWidth(200);
    m_bar->setTextVisible(true);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the import after the current file"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    hide();

    connect(m_cancel, &QToolButton::clicked, controller, [this, controller] {
        m_cancel->setEnabled(false);
        m_label->setText(tr("Cancelling…"));
        controller->cancel();
    });
    connect(controller, &ImportController::started, this, [this] {
        m_label->setText(tr("Importing…"));
        m_bar->setRange(0, 0); // busy until the importer knows how many files there are
        m_cancel->setEnabled(true);
        show();
    });
    connect(controller, &ImportController::progress, this, [this](int done, int total, const QString& path) {
        if (total > 0) {
            m_bar->setRange(0, total);
            m_bar->setValue(done);
        }
        if (m_cancel->isEnabled())
            m_label->setText(tr("Importing %1").arg(QFileInfo(path).fileName()));
        m_label->setToolTip(path);
    });
    connect(controller, &ImportController::finished, this, &QWidget::hide);
    connect(controller, &ImportController::failed, this, &QWidget::hide);
}

} // namespace dopt
