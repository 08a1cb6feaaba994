#include "jobfilterbar.h"

#include "coretexts.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>

namespace dopt {

JobFilterBar::JobFilterBar(QWidget* parent)
    : QWidget(parent)
    , m_text(new QLineEdit(this))
    , m_state(new QComboBox(this))
    , m_debounce(new QTimer(this))
{
    m_text->setPlaceholderText(tr("Filter by SQL text, job id or user…"));
    m_text->setClearButtonEnabled(true);
    m_state->addItem(tr("All states"), QString());
    // The states Dremio reports in sys.jobs / profiles (CANCELED is Dremio's spelling).
    for (const char* state : {"COMPLETED", "FAILED", "CANCELED", "RUNNING", "ENQUEUED", "PLANNING"})
        m_state->addItem(CoreTexts::jobState(QString::fromLatin1(state)), QString::fromLatin1(state));
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(DebounceMs);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text, 1);
    auto* label = new QLabel(tr("&State:"), this);
    label->setBuddy(m_state);
    layout->addWidget(label);
    layout->addWidget(m_state);

    connect(m_text, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_text, &QLineEdit::returnPressed, this, &JobFilterBar::emitNow);
    connect(m_debounce, &QTimer::timeout, this, &JobFilterBar::emitNow);
    connect(m_state, &QComboBox::currentIndexChanged, this, &JobFilterBar::emitNow);
}

QString JobFilterBar::text() const
{
    return m_text->text().trimmed();
}

QString JobFilterBar::state() const
{
    return m_state->currentData().toString();
}

void JobFilterBar::setText(const QString& text)
{
    m_text->setText(text);
}

void JobFilterBar::setState(const QString& state)
{
    int index = m_state->findData(state);
    if (index < 0 && !state.isEmpty()) {
        m_state->addItem(state, state);
        index = m_state->count() - 1;
    }
    m_state->setCurrentIndex(qMax(0, index));
}

void JobFilterBar::emitNow()
{
    m_debounce->stop();
    Q_EMIT filterChanged(text(), state());
}

} // namespace dopt
