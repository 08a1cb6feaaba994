#include "phasetimeline.h"

#include "coretexts.h"
#include "displayformat.h"
#include "themecolors.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace dopt {

namespace {
constexpr qreal MinSegmentWidth = 3.0; // a 0 ms phase still shows as a sliver with a tooltip
constexpr int Margin = 4;
} // namespace

PhaseTimeline::PhaseTimeline(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMouseTracking(true);
}

void PhaseTimeline::setPhases(const QVector<JobPhase>& phases)
{
    m_phases = phases;
    m_totalMs = 0;
    for (const JobPhase& phase : std::as_const(m_phases))
        m_totalMs += qMax<qint64>(0, phase.durationMs);
    update();
}

QSize PhaseTimeline::sizeHint() const
{
    return QSize(400, fontMetrics().height() * 2 + 2 * Margin);
}

QSize PhaseTimeline::minimumSizeHint() const
{
    return QSize(100, sizeHint().height());
}

QRectF PhaseTimeline::barRect() const
{
    return QRectF(rect().adjusted(Margin, Margin, -Margin, -Margin));
}

QVector<QRectF> PhaseTimeline::segmentRects() const
{
    QVector<QRectF> rects;
    const QRectF bar = barRect();
    const int n = m_phases.size();
    if (n == 0 || bar.width() <= 0)
        return rects;
    // Every phase gets at least MinSegmentWidth; the rest of the bar is shared by duration.
    const qreal spare = qMax<qreal>(0, bar.width() - MinSegmentWidth * n);
    qreal x = bar.left();
    for (const JobPhase& phase : m_phases) {
        const qreal share = m_totalMs > 0 ? qreal(qMax<qint64>(0, phase.durationMs)) / qreal(m_totalMs) : 1.0 / n;
        const qreal width = MinSegmentWidth + spare * share;
        rects.append(QRectF(x, bar.top(), width, bar.height()));
        x += width;
    }
    return rects;
}

int PhaseTimeline::phaseAt(const QPoint& position) const
{
    const auto rects = segmentRects();
    for (int i = 0; i < rects.size(); ++i)
        if (rects[i].contains(position))
            return i;
    return -1;
}

QString PhaseTimeline::phaseLabel(int index) const
{
    return index >= 0 && index < m_phases.size() ? CoreTexts::jobPhase(m_phases[index].name) : QString();
}

QColor PhaseTimeline::colorFor(const QString& phaseName)
{
    const QString name = phaseName.toLower();
    struct Known
    {
        const char* fragment;
        QColor colour;
    };
    static const Known known[] = {
        {"pending", QColor(0xb0, 0xb7, 0xc3)},
        {"metadata", QColor(0x9a, 0xc5, 0xe8)},
        {"planning", QColor(0x5b, 0x9b, 0xd5)},
        {"queue", QColor(0xf2, 0xb1, 0x34)},
        {"starting", QColor(0xc3, 0xa6, 0xe0)},
        {"engine", QColor(0xc3, 0xa6, 0xe0)},
        {"running", QColor(0x4c, 0xaf, 0x50)},
        {"execution", QColor(0x4c, 0xaf, 0x50)},
        {"executing", QColor(0x4c, 0xaf, 0x50)},
        {"complet", QColor(0x8b, 0xc3, 0x4a)},
        {"fail", QColor(0xe5, 0x39, 0x35)},
        {"cancel", QColor(0x90, 0x90, 0x90)},
    };
    for (const Known& k : known)
        if (name.contains(QLatin1String(k.fragment)))
            return k.colour;
    // Unknown phases get a stable colour of their own.
    return QColor::fromHsv(int(qHash(name) % 360), 90, 210);
}

void PhaseTimeline::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    if (m_phases.isEmpty()) {
        painter.setPen(palette().placeholderText().color());
        painter.drawText(rect(), Qt::AlignCenter, tr("No state durations recorded for this job"));
        return;
    }
    const auto rects = segmentRects();
    for (int i = 0; i < rects.size(); ++i) {
        const QColor colour = colorFor(m_phases[i].name);
        painter.setPen(QPen(palette().window().color(), 1));
        painter.setBrush(colour);
        painter.drawRect(rects[i]);
        const QString name = phaseLabel(i);
        const QString label = name + QLatin1Char(' ') + DisplayFormat::duration(m_phases[i].durationMs);
        const QRectF textRect = rects[i].adjusted(3, 0, -3, 0);
        if (fontMetrics().horizontalAdvance(label) <= textRect.width()) {
            painter.setPen(ThemeColors::textOn(colour));
            painter.drawText(textRect, Qt::AlignCenter, label);
        } else if (fontMetrics().horizontalAdvance(name) <= textRect.width()) {
            painter.setPen(ThemeColors::textOn(colour));
            painter.drawText(textRect, Qt::AlignCenter, name);
        }
    }
}

bool PhaseTimeline::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int i = phaseAt(help->pos());
        if (i < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const JobPhase& phase = m_phases[i];
        const double share = m_totalMs > 0 ? double(phase.durationMs) / double(m_totalMs) : 0.0;
        QToolTip::showText(help->globalPos(),
            tr("%1: %2 (%3, %4 of %5)\nstarts at +%6")
                .arg(phaseLabel(i), DisplayFormat::duration(phase.durationMs),
                    DisplayFormat::exactDurationMs(phase.durationMs), DisplayFormat::percent(share),
                    DisplayFormat::duration(m_totalMs),
                    DisplayFormat::duration(phase.startMs - m_phases.first().startMs)),
            this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace dopt
