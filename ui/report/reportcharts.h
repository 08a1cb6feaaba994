#pragma once

#include <QColor>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <QVector>

class QPainter;

namespace dopt {

class ReportNumbers;

/// The report's charts (numbers in the report's language), drawn with QPainter paths and text so they stay vector
/// graphics in the PDF.
class ReportCharts
{
public:
    static const QColor SeriesColor; // every "before"/main series
    static const QColor AfterColor; // measured runs after a change

    /// Vertical bars, one per label (x labels thinned out to fit), y axis from 0 with its unit.
    static void bars(QPainter* painter, const ReportNumbers& numbers, const QRectF& box, const QString& title,
        const QStringList& labels, const QVector<double>& values, const QString& unit);
    /// Horizontal bars with their label on the left and the exact value at the end of the bar.
    static void horizontalBars(QPainter* painter, const QRectF& box, const QString& title, const QStringList& labels,
        const QVector<double>& values, const QStringList& valueTexts);
    /// Each measured run before and after a change as a dot, with the two medians as lines (ms).
    static void beforeAfter(QPainter* painter, const ReportNumbers& numbers, const QRectF& box, const QString& title,
        const QVector<double>& beforeMs, const QVector<double>& afterMs, double medianBeforeMs, double medianAfterMs);
};

} // namespace dopt
