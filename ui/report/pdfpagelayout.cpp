#include "pdfpagelayout.h"

#include <QCoreApplication>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>

namespace dopt {

namespace {
constexpr int Resolution = 300; // dots per inch of the writer; text and vectors stay vectors
constexpr double CellPadding = 3.0;
const QColor RuleColor(0xc8, 0xcd, 0xd3);
const QColor HeaderFill(0xe8, 0xee, 0xf6);
} // namespace

PdfPageLayout::PdfPageLayout(QPdfWriter* writer)
    : m_writer(writer)
    , m_painter(new QPainter)
{
    m_writer->setResolution(Resolution);
    m_writer->setPageLayout(
        QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(0, 0, 0, 0), QPageLayout::Point));
    if (m_painter->begin(m_writer)) {
        m_painter->scale(Resolution / 72.0, Resolution / 72.0);
        m_painter->setRenderHint(QPainter::Antialiasing);
    }
}

PdfPageLayout::~PdfPageLayout()
{
    if (m_painter->isActive())
        m_painter->end();
    delete m_painter;
}

bool PdfPageLayout::isActive() const
{
    return m_painter->isActive();
}

void PdfPageLayout::setFooter(const QString& title, int totalPages)
{
    m_footerTitle = title;
    m_totalPages = totalPages;
}

QFont PdfPageLayout::font(double pixelSize, bool bold, bool monospace)
{
    // DejaVu is on every Debian desktop; the writer embeds the glyphs it uses.
    QFont font(monospace ? QStringLiteral("DejaVu Sans Mono") : QStringLiteral("DejaVu Sans"));
    font.setStyleHint(monospace ? QFont::Monospace : QFont::SansSerif);
    font.setPixelSize(qMax(1, qRound(pixelSize)));
    font.setBold(bold);
    return font;
}

void PdfPageLayout::newPage()
{
    drawFooter();
    m_writer->newPage();
    ++m_page;
    m_y = Margin;
}

void PdfPageLayout::ensureSpace(double height)
{
    if (m_y + height > PageHeight - Margin && m_y > Margin)
        newPage();
}

void PdfPageLayout::heading(const QString& title, int level)
{
    if (level == 1 && m_y > Margin)
        newPage();
    const QFont headingFont = font(level == 1 ? 18 : 13, true);
    const double height = textHeight(title, headingFont, contentWidth());
    ensureSpace(height + 60); // keep a heading with the start of its content
    m_sections.append({title, level, m_page});
    m_painter->setFont(headingFont);
    m_painter->setPen(QColor(0x1f, 0x3a, 0x5f));
    m_painter->drawText(QRectF(left(), m_y, contentWidth(), height), Qt::TextWordWrap, title);
    m_y += height + (level == 1 ? 4 : 2);
    if (level == 1) {
        m_painter->setPen(QPen(QColor(0x1f, 0x3a, 0x5f), 1.2));
        m_painter->drawLine(QPointF(left(), m_y), QPointF(left() + contentWidth(), m_y));
        m_y += 10;
    } else {
        m_y += 4;
    }
}

double PdfPageLayout::textHeight(const QString& text, const QFont& font, double width) const
{
    m_painter->setFont(font);
    return m_painter->boundingRect(QRectF(0, 0, width, 100000), Qt::TextWordWrap, text).height();
}

void PdfPageLayout::paragraph(const QString& text, const QFont& font, const QColor& color)
{
    // Paragraph by paragraph so a long text breaks across pages between lines of its own.
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        const double height = textHeight(line.isEmpty() ? QStringLiteral(" ") : line, font, contentWidth());
        ensureSpace(height);
        m_painter->setFont(font);
        m_painter->setPen(color);
        m_painter->drawText(QRectF(left(), m_y, contentWidth(), height), Qt::TextWordWrap, line);
        m_y += height;
    }
    m_y += 6;
}

QVector<double> PdfPageLayout::columnWidths(const QVector<Column>& columns) const
{
    double total = 0;
    for (const Column& column : columns)
        total += column.widthShare;
    QVector<double> widths;
    for (const Column& column : columns)
        widths.append(contentWidth() * column.widthShare / qMax(total, 1e-9));
    return widths;
}

double PdfPageLayout::rowHeight(const QVector<double>& widths, const QStringList& cells, const QFont& font) const
{
    double height = 0;
    for (int i = 0; i < widths.size(); ++i)
        height = qMax(height, textHeight(cells.value(i), font, widths[i] - 2 * CellPadding));
    return height + 2 * CellPadding;
}

void PdfPageLayout::drawRow(const QVector<Column>& columns, const QVector<double>& widths, const QStringList& cells,
    const QFont& font, bool header)
{
    const double height = rowHeight(widths, cells, font);
    if (header)
        m_painter->fillRect(QRectF(left(), m_y, contentWidth(), height), HeaderFill);
    double x = left();
    m_painter->setFont(font);
    for (int i = 0; i < widths.size(); ++i) {
        m_painter->setPen(Qt::black);
        const Qt::Alignment align = columns[i].alignRight ? Qt::AlignRight : Qt::AlignLeft;
        m_painter->drawText(QRectF(x + CellPadding, m_y + CellPadding, widths[i] - 2 * CellPadding, height),
            int(align) | Qt::TextWordWrap, cells.value(i));
        x += widths[i];
    }
    m_y += height;
    m_painter->setPen(QPen(RuleColor, 0.5));
    m_painter->drawLine(QPointF(left(), m_y), QPointF(left() + contentWidth(), m_y));
}

void PdfPageLayout::table(const QVector<Column>& columns, const QVector<QStringList>& rows)
{
    const QVector<double> widths = columnWidths(columns);
    const QFont headerFont = font(8.5, true);
    const QFont cellFont = font(8.5);
    QStringList headers;
    for (const Column& column : columns)
        headers.append(column.header);
    const double headerHeight = rowHeight(widths, headers, headerFont);
    ensureSpace(headerHeight + (rows.isEmpty() ? 0 : rowHeight(widths, rows.first(), cellFont)));
    drawRow(columns, widths, headers, headerFont, true);
    for (const QStringList& row : rows) {
        const double height = rowHeight(widths, row, cellFont);
        if (m_y + height > PageHeight - Margin) {
            newPage();
            drawRow(columns, widths, headers, headerFont, true);
        }
        drawRow(columns, widths, row, cellFont, false);
    }
    m_y += 10;
}

QRectF PdfPageLayout::reserve(double height)
{
    ensureSpace(height);
    const QRectF box(left(), m_y, contentWidth(), height);
    m_y += height;
    return box;
}

void PdfPageLayout::drawFooter()
{
    if (!m_painter->isActive())
        return;
    const QString pageText = m_totalPages > 0
        ? QCoreApplication::translate("dopt::PdfPageLayout", "Page %1 of %2").arg(m_page).arg(m_totalPages)
        : QCoreApplication::translate("dopt::PdfPageLayout", "Page %1").arg(m_page);
    m_painter->setFont(font(8));
    m_painter->setPen(QColor(0x55, 0x5b, 0x63));
    const QRectF footer(left(), PageHeight - Margin + 14, contentWidth(), 14);
    m_painter->drawText(footer, Qt::AlignLeft | Qt::AlignVCenter, m_footerTitle);
    m_painter->drawText(footer, Qt::AlignRight | Qt::AlignVCenter, pageText);
}

void PdfPageLayout::finish()
{
    drawFooter();
    if (m_painter->isActive())
        m_painter->end();
}

} // namespace dopt
