#include "sqlcodeblock.h"

#include "pdfpagelayout.h"
#include "sql/sqldiff.h"
#include "sql/sqltokenizer.h"
#include "sqlhighlighter.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>

namespace dopt {

const QColor SqlCodeBlock::RemovedBackground(0xfb, 0xd5, 0xd5);
const QColor SqlCodeBlock::AddedBackground(0xd3, 0xf5, 0xdc);

namespace {

constexpr double CodePixelSize = 8;
constexpr double LineSpacing = 1.25;
const QColor CodeFill(0xf6, 0xf8, 0xfa);

SqlCodeBlock::Run styled(const QString& text, SqlTokenKind kind)
{
    SqlCodeBlock::Run run(text);
    switch (kind) {
    case SqlTokenKind::Word:
        if (SqlHighlighter::isKeyword(text)) {
            run.color = QColor(0x1f, 0x4e, 0xa8);
            run.bold = true;
        }
        break;
    case SqlTokenKind::String:
        run.color = QColor(0xa3, 0x15, 0x15);
        break;
    case SqlTokenKind::QuotedIdentifier:
        run.color = QColor(0x0b, 0x7a, 0x75);
        break;
    case SqlTokenKind::Number:
        run.color = QColor(0xb3, 0x5c, 0x00);
        break;
    case SqlTokenKind::Comment:
        run.color = QColor(0x6a, 0x73, 0x7d);
        break;
    default:
        break;
    }
    return run;
}

/// Runs of a statement: one per token, whitespace between tokens in runs of its own.
QVector<SqlCodeBlock::Run> tokenRuns(const QString& sql)
{
    QVector<SqlCodeBlock::Run> runs;
    const QVector<SqlToken> tokens = SqlTokenizer::tokenize(sql, SqlDialect::Dremio);
    qsizetype position = 0;
    for (const SqlToken& token : tokens) {
        if (token.offset > position)
            runs.append(SqlCodeBlock::Run(sql.mid(position, token.offset - position)));
        runs.append(styled(token.text(sql).toString(), token.kind));
        position = token.end();
    }
    if (position < sql.size())
        runs.append(SqlCodeBlock::Run(sql.mid(position)));
    return runs;
}

/// Which characters of `text` one side of a SqlDiff marks as changed (its rows are text's lines in order).
QVector<bool> changedCharacters(const QString& text, const QVector<DiffLine>& side)
{
    QVector<bool> changed(text.size(), false);
    qsizetype lineStart = 0;
    for (const DiffLine& line : side) {
        if (line.kind == DiffLine::Kind::Filler)
            continue;
        for (const DiffSpan& span : line.changedSpans) {
            const qsizetype from = qBound<qsizetype>(0, lineStart + span.start, text.size());
            const qsizetype to = qBound<qsizetype>(from, from + span.length, text.size());
            std::fill(changed.begin() + from, changed.begin() + to, true);
        }
        lineStart += line.text.size() + 1; // the newline
    }
    return changed;
}

/// Splits the highlighted runs where the changed mask flips and gives the changed pieces a background.
QVector<SqlCodeBlock::Run> markChanges(
    const QVector<SqlCodeBlock::Run>& runs, const QVector<bool>& changed, const QColor& background)
{
    QVector<SqlCodeBlock::Run> marked;
    qsizetype position = 0;
    for (const SqlCodeBlock::Run& run : runs) {
        qsizetype pieceStart = 0;
        while (pieceStart < run.text.size()) {
            const bool pieceChanged = changed.value(position + pieceStart, false);
            qsizetype pieceEnd = pieceStart + 1;
            while (pieceEnd < run.text.size() && changed.value(position + pieceEnd, false) == pieceChanged)
                ++pieceEnd;
            SqlCodeBlock::Run piece = run;
            piece.text = run.text.mid(pieceStart, pieceEnd - pieceStart);
            if (pieceChanged && !piece.text.trimmed().isEmpty())
                piece.background = background;
            marked.append(piece);
            pieceStart = pieceEnd;
        }
        position += run.text.size();
    }
    return marked;
}

} // namespace

QVector<SqlCodeBlock::Run> SqlCodeBlock::highlighted(const QString& sql)
{
    return tokenRuns(sql);
}

std::pair<QVector<SqlCodeBlock::Run>, QVector<SqlCodeBlock::Run>> SqlCodeBlock::diff(
    const QString& before, const QString& after)
{
    // The same line-then-word diff as the Recommendations page, so the report marks what the GUI marks.
    const SqlDiffResult difference = SqlDiff::compute(before, after);
    return {markChanges(highlighted(before), changedCharacters(before, difference.left), RemovedBackground),
        markChanges(highlighted(after), changedCharacters(after, difference.right), AddedBackground)};
}

QVector<SqlCodeBlock::Line> SqlCodeBlock::wrap(const QVector<Run>& runs, int columns)
{
    columns = qMax(columns, 8);
    QVector<Line> lines(1);
    int column = 0;
    const auto newLine = [&] {
        lines.append(Line());
        column = 0;
    };
    for (const Run& run : runs) {
        const QStringList parts = run.text.split(QLatin1Char('\n'));
        for (int p = 0; p < parts.size(); ++p) {
            if (p > 0)
                newLine();
            QString text = parts[p];
            text.replace(QLatin1Char('\t'), QStringLiteral("    "));
            if (text.isEmpty())
                continue;
            const bool blank = text.trimmed().isEmpty();
            if (column > 0 && column + text.size() > columns && text.size() <= columns)
                newLine(); // move the whole token to the next line
            if (blank && column == 0 && lines.size() > 1 && p == 0)
                continue; // no leading blanks on a wrapped line
            while (!text.isEmpty()) {
                const int room = columns - column;
                Run piece = run;
                piece.text = text.left(room);
                lines.last().append(piece);
                column += int(piece.text.size());
                text = text.mid(room);
                if (!text.isEmpty())
                    newLine();
            }
        }
    }
    return lines;
}

void SqlCodeBlock::draw(PdfPageLayout& layout, const QVector<Run>& runs, int maxLines)
{
    QPainter* painter = layout.painter();
    const QFont regular = PdfPageLayout::font(CodePixelSize, false, true);
    const QFont bold = PdfPageLayout::font(CodePixelSize, true, true);
    painter->setFont(regular);
    // Pixel-sized fonts measure in the painter's user units (points here), whatever the device.
    const QFontMetricsF metrics(regular);
    const double charWidth = metrics.horizontalAdvance(QLatin1Char('M'));
    const double lineHeight = CodePixelSize * LineSpacing;
    const double padding = 4;
    const int columns = int((layout.contentWidth() - 2 * padding) / qMax(charWidth, 1.0));
    QVector<Line> lines = wrap(runs, columns);
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    if (lines.size() > maxLines) {
        const int hidden = int(lines.size()) - maxLines;
        lines.resize(maxLines);
        lines.append({Run(QCoreApplication::translate("dopt::SqlCodeBlock", "… %n more line(s)", nullptr, hidden),
            QColor(0x6a, 0x73, 0x7d))});
    }
    for (const Line& line : lines) {
        const QRectF box = layout.reserve(lineHeight);
        painter->fillRect(box, CodeFill);
        double x = box.left() + padding;
        for (const Run& run : line) {
            const double width = charWidth * run.text.size();
            if (run.background.isValid())
                painter->fillRect(QRectF(x, box.top(), width, lineHeight), run.background);
            painter->setFont(run.bold ? bold : regular);
            painter->setPen(run.color);
            painter->drawText(
                QRectF(x, box.top(), width + charWidth, lineHeight), Qt::AlignLeft | Qt::AlignVCenter, run.text);
            x += width;
        }
    }
    layout.space(8);
}

} // namespace dopt
