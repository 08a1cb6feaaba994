#include "sqldiffview.h"

#include "sqlview.h"

#include <QGridLayout>
#include <QLabel>
#include <QScrollBar>
#include <QTextBlock>

namespace dopt {

namespace {

// Tints readable on light and dark palettes: translucent over the base colour.
const QColor RemovedLine(220, 50, 50, 40);
const QColor AddedLine(40, 170, 70, 40);
const QColor RemovedWords(220, 50, 50, 110);
const QColor AddedWords(40, 170, 70, 110);
const QColor FillerLine(128, 128, 128, 45);

QList<QTextEdit::ExtraSelection> selectionsFor(SqlView* view, const QVector<DiffLine>& lines, bool rightSide)
{
    QList<QTextEdit::ExtraSelection> selections;
    QTextDocument* document = view->document();
    for (int row = 0; row < lines.size(); ++row) {
        const DiffLine& line = lines[row];
        const QTextBlock block = document->findBlockByNumber(row);
        if (!block.isValid())
            continue;
        QColor lineColor;
        if (line.kind == DiffLine::Kind::Filler)
            lineColor = FillerLine;
        else if (line.kind == DiffLine::Kind::Removed || (line.kind == DiffLine::Kind::Changed && !rightSide))
            lineColor = RemovedLine;
        else if (line.kind == DiffLine::Kind::Added || (line.kind == DiffLine::Kind::Changed && rightSide))
            lineColor = AddedLine;
        if (lineColor.isValid()) {
            QTextEdit::ExtraSelection whole;
            whole.cursor = QTextCursor(block);
            whole.format.setBackground(lineColor);
            whole.format.setProperty(QTextFormat::FullWidthSelection, true);
            selections.append(whole);
        }
        if (line.kind != DiffLine::Kind::Changed)
            continue;
        for (const DiffSpan& span : line.changedSpans) {
            QTextEdit::ExtraSelection word;
            word.cursor = QTextCursor(block);
            word.cursor.setPosition(block.position() + span.start);
            word.cursor.setPosition(block.position() + span.start + span.length, QTextCursor::KeepAnchor);
            word.format.setBackground(rightSide ? AddedWords : RemovedWords);
            selections.append(word);
        }
    }
    return selections;
}

QString sideText(const QVector<DiffLine>& lines)
{
    QStringList rows;
    rows.reserve(lines.size());
    for (const DiffLine& line : lines)
        rows.append(line.kind == DiffLine::Kind::Filler ? QString() : line.text);
    return rows.join(QLatin1Char('\n'));
}

} // namespace

SqlDiffView::SqlDiffView(QWidget* parent)
    : QWidget(parent)
    , m_leftTitle(new QLabel(tr("Before"), this))
    , m_rightTitle(new QLabel(tr("After"), this))
    , m_left(new SqlView(this))
    , m_right(new SqlView(this))
{
    m_left->setObjectName(QStringLiteral("diffBefore"));
    m_right->setObjectName(QStringLiteral("diffAfter"));
    for (SqlView* view : {m_left, m_right})
        view->setLineWrapMode(QPlainTextEdit::NoWrap); // wrapping would break the row alignment
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_leftTitle, 0, 0);
    layout->addWidget(m_rightTitle, 0, 1);
    layout->addWidget(m_left, 1, 0);
    layout->addWidget(m_right, 1, 1);
    // One scroll position for both sides.
    connect(
        m_left->verticalScrollBar(), &QScrollBar::valueChanged, m_right->verticalScrollBar(), &QScrollBar::setValue);
    connect(
        m_right->verticalScrollBar(), &QScrollBar::valueChanged, m_left->verticalScrollBar(), &QScrollBar::setValue);
    connect(m_left->horizontalScrollBar(), &QScrollBar::valueChanged, m_right->horizontalScrollBar(),
        &QScrollBar::setValue);
    connect(m_right->horizontalScrollBar(), &QScrollBar::valueChanged, m_left->horizontalScrollBar(),
        &QScrollBar::setValue);
}

void SqlDiffView::setTexts(const QString& before, const QString& after)
{
    m_diff = SqlDiff::compute(before, after);
    render();
}

void SqlDiffView::clear()
{
    m_diff = SqlDiffResult();
    render();
}

void SqlDiffView::render()
{
    m_left->setSql(sideText(m_diff.left));
    m_right->setSql(sideText(m_diff.right));
    m_left->setExtraSelections(selectionsFor(m_left, m_diff.left, false));
    m_right->setExtraSelections(selectionsFor(m_right, m_diff.right, true));
    m_rightTitle->setText(m_diff.identical ? tr("After (identical)") : tr("After"));
}

int SqlDiffView::markedSpans(bool rightSide) const
{
    int count = 0;
    for (const DiffLine& line : rightSide ? m_diff.right : m_diff.left) {
        if (line.kind == DiffLine::Kind::Changed)
            count += int(line.changedSpans.size());
        else if (line.kind == DiffLine::Kind::Added || line.kind == DiffLine::Kind::Removed)
            ++count;
    }
    return count;
}

} // namespace dopt
