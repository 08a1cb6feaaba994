#pragma once

#include "model/job.h"

#include <QWidget>

namespace dopt {

/// The state-duration timeline of a job (pending, planning, queued, running...): one bar split into
/// segments proportional to each phase's duration, coloured per phase, labelled where the label
/// fits and explained by a tooltip everywhere.
class PhaseTimeline : public QWidget
{
    Q_OBJECT
public:
    explicit PhaseTimeline(QWidget* parent = nullptr);

    void setPhases(const QVector<JobPhase>& phases);
    QVector<JobPhase> phases() const { return m_phases; }
    /// Segment rectangles in widget coordinates, one per phase (for painting, tooltips and tests).
    QVector<QRectF> segmentRects() const;
    int phaseAt(const QPoint& position) const;
    /// A phase's name as shown (in the interface language), for painting, tooltips and tests.
    QString phaseLabel(int index) const;
    static QColor colorFor(const QString& phaseName);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    QRectF barRect() const;

    QVector<JobPhase> m_phases;
    qint64 m_totalMs = 0;
};

} // namespace dopt
