#pragma once

#include <QColor>
#include <QFont>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <QVector>

class QPainter;
class QPdfWriter;

namespace dopt {

/// Flows headings, paragraphs, tables and reserved boxes (charts, code) down A4 pages of a QPdfWriter,
/// starting a page when the next block does not fit and numbering the pages in the footer.
/// Coordinates are in points (1/72 inch) whatever the writer's resolution.
class PdfPageLayout
{
public:
    struct Section
    {
        QString title;
        int level = 1;
        int page = 1;
    };
    struct Column
    {
        QString header;
        double widthShare = 1; // of the content width, relative to the other columns
        bool alignRight = false;
    };

    static constexpr double PageWidth = 595.0; // A4 in points
    static constexpr double PageHeight = 842.0;
    static constexpr double Margin = 50.0;

    /// Sets the writer to A4 without margins and begins painting on it.
    explicit PdfPageLayout(QPdfWriter* writer);
    ~PdfPageLayout();
    PdfPageLayout(const PdfPageLayout&) = delete;
    PdfPageLayout& operator=(const PdfPageLayout&) = delete;

    bool isActive() const;
    QPainter* painter() const { return m_painter; }
    double contentWidth() const { return PageWidth - 2 * Margin; }
    double left() const { return Margin; }
    double y() const { return m_y; }
    int page() const { return m_page; }
    /// Footer text on every page: "title · page N of M" (M left out while unknown).
    void setFooter(const QString& title, int totalPages);

    static QFont font(double pixelSize, bool bold = false, bool monospace = false);

    void newPage();
    /// Starts a page unless height points fit below the cursor.
    void ensureSpace(double height);
    void space(double points) { m_y += points; }
    /// A section heading (level 1 starts a page); remembered with its page for the table of contents.
    void heading(const QString& title, int level = 1);
    void paragraph(const QString& text, const QFont& font, const QColor& color = Qt::black);
    /// A table with a shaded header row; cells wrap; the header repeats on a new page.
    void table(const QVector<Column>& columns, const QVector<QStringList>& rows);
    /// Reserves a box of the given height at the cursor (on a new page when needed) and moves past it.
    QRectF reserve(double height);
    /// Ends the last page (draws its footer) and closes the painter.
    void finish();

    const QVector<Section>& sections() const { return m_sections; }
    /// Text height when wrapped to width.
    double textHeight(const QString& text, const QFont& font, double width) const;

private:
    void drawFooter();
    QVector<double> columnWidths(const QVector<Column>& columns) const;
    double rowHeight(const QVector<double>& widths, const QStringList& cells, const QFont& font) const;
    void drawRow(const QVector<Column>& columns, const QVector<double>& widths, const QStringList& cells,
        const QFont& font, bool header);

    QPdfWriter* m_writer;
    QPainter* m_painter;
    double m_y = Margin;
    int m_page = 1;
    int m_totalPages = 0;
    QString m_footerTitle;
    QVector<Section> m_sections;
};

} // namespace dopt
