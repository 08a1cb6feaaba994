#pragma once

#include <QColor>
#include <QString>
#include <QVector>
#include <utility>

namespace dopt {

class PdfPageLayout;

/// Monospace code for the report: SQL coloured like the GUI's highlighter, SQL before/after diffs
/// (core's SqlDiff, as on the Recommendations page: changed lines, then the changed words inside them,
/// removed on red, added on green) and plain lines; wrapped to the page and broken across pages.
class SqlCodeBlock
{
public:
    struct Run
    {
        Run(QString runText = {}, QColor runColor = Qt::black)
            : text(std::move(runText))
            , color(std::move(runColor))
        { }
        QString text;
        QColor color;
        bool bold = false;
        QColor background; // invalid: none
    };
    using Line = QVector<Run>;

    static const QColor RemovedBackground;
    static const QColor AddedBackground;

    static QVector<Run> highlighted(const QString& sql);
    /// The two statements, highlighted, with what SqlDiff marks as changed on each side shaded.
    static std::pair<QVector<Run>, QVector<Run>> diff(const QString& before, const QString& after);
    /// Breaks runs into lines at newlines and at `columns` characters (before a token when it fits).
    static QVector<Line> wrap(const QVector<Run>& runs, int columns);
    /// Draws the runs in a framed monospace block at the layout's cursor, at most maxLines lines
    /// (the rest is summarised on one line).
    static void draw(PdfPageLayout& layout, const QVector<Run>& runs, int maxLines = 60);
};

} // namespace dopt
