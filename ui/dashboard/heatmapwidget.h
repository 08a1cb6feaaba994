#pragma once

#include <QWidget>
#include <array>

namespace dopt {

/// Jobs by weekday (rows, Monday first) and UTC hour (columns), the darker the busier; the tooltip
/// of a cell gives its exact count.
class HeatmapWidget : public QWidget
{
    Q_OBJECT
public:
    using Counts = std::array<std::array<qint64, 24>, 7>;

    explicit HeatmapWidget(QWidget* parent = nullptr);

    void setCounts(const Counts& counts);
    const Counts& counts() const { return m_counts; }
    /// The cell under a point of the widget: {weekday, hour}, or {-1, -1} outside the grid.
    std::pair<int, int> cellAt(const QPoint& position) const;
    QString cellText(int weekday, int hour) const;
    QSize sizeHint() const override { return {520, 220}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    QRectF gridRect() const;

    Counts m_counts {};
    qint64 m_max = 0;
};

} // namespace dopt
