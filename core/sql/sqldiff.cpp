#include "sqldiff.h"

#include <QStringList>
#include <dtl/dtl.hpp>
#include <vector>

namespace dopt {

namespace {

enum class Step { Common, Delete, Add };

struct EditStep
{
    Step step;
    qsizetype index; // in a for Common and Delete, in b for Add
    qsizetype afterIndex; // in b for Common
};

/// dtl's shortest edit script between two sequences.
std::vector<EditStep> editScript(const std::vector<QString>& a, const std::vector<QString>& b)
{
    dtl::Diff<QString, std::vector<QString>> diff(a, b);
    diff.compose();
    std::vector<EditStep> steps;
    for (const auto& [element, info] : diff.getSes().getSequence()) {
        Q_UNUSED(element);
        if (info.type == dtl::SES_COMMON)
            steps.push_back({Step::Common, qsizetype(info.beforeIdx - 1), qsizetype(info.afterIdx - 1)});
        else if (info.type == dtl::SES_DELETE)
            steps.push_back({Step::Delete, qsizetype(info.beforeIdx - 1), -1});
        else
            steps.push_back({Step::Add, qsizetype(info.afterIdx - 1), -1});
    }
    return steps;
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('.');
}

/// Word diff of one pair of lines: the changed spans on each side and the inline markup.
void diffWords(DiffLine& left, DiffLine& right, QString* markup)
{
    const QStringList a = SqlDiff::words(left.text);
    const QStringList b = SqlDiff::words(right.text);
    const auto steps = editScript(std::vector<QString>(a.begin(), a.end()), std::vector<QString>(b.begin(), b.end()));
    std::vector<int> aStart(a.size() + 1, 0);
    std::vector<int> bStart(b.size() + 1, 0);
    for (qsizetype i = 0; i < a.size(); ++i)
        aStart[i + 1] = aStart[i] + int(a[i].size());
    for (qsizetype i = 0; i < b.size(); ++i)
        bStart[i + 1] = bStart[i] + int(b[i].size());
    auto addSpan = [](QVector<DiffSpan>& spans, int start, int length) {
        // Adjacent changed words form one span.
        if (!spans.isEmpty() && spans.last().start + spans.last().length == start)
            spans.last().length += length;
        else
            spans.append({start, length});
    };
    QString removed;
    QString added;
    auto flush = [&] {
        if (!removed.isEmpty())
            *markup += QStringLiteral("[-") + removed + QStringLiteral("-]");
        if (!added.isEmpty())
            *markup += QStringLiteral("{+") + added + QStringLiteral("+}");
        removed.clear();
        added.clear();
    };
    // Whitespace common to both sides between two changes belongs to the change, so a rewritten
    // phrase reads as one replacement instead of word-by-word fragments.
    auto absorbed = [&](size_t i) {
        if (steps[i].step != Step::Common || !a[steps[i].index].trimmed().isEmpty())
            return false;
        return i > 0 && i + 1 < steps.size() && steps[i - 1].step != Step::Common && steps[i + 1].step != Step::Common;
    };
    for (size_t i = 0; i < steps.size(); ++i) {
        const auto& [step, index, afterIndex] = steps[i];
        if (absorbed(i)) {
            const QString& space = a[index];
            addSpan(left.changedSpans, aStart[index], int(space.size()));
            addSpan(right.changedSpans, bStart[afterIndex], int(space.size()));
            removed += space;
            added += space;
        } else if (step == Step::Common) {
            flush();
            *markup += a[index];
        } else if (step == Step::Delete) {
            addSpan(left.changedSpans, aStart[index], int(a[index].size()));
            removed += a[index];
        } else {
            addSpan(right.changedSpans, bStart[index], int(b[index].size()));
            added += b[index];
        }
    }
    flush();
}

DiffLine line(DiffLine::Kind kind, int number, const QString& text)
{
    DiffLine l;
    l.kind = kind;
    l.lineNumber = number;
    l.text = text;
    if (kind == DiffLine::Kind::Added || kind == DiffLine::Kind::Removed)
        l.changedSpans.append({0, int(text.size())});
    return l;
}

} // namespace

QStringList SqlDiff::words(const QString& line)
{
    QStringList out;
    qsizetype i = 0;
    while (i < line.size()) {
        qsizetype j = i + 1;
        if (line[i].isSpace()) {
            while (j < line.size() && line[j].isSpace())
                ++j;
        } else if (line[i] == QLatin1Char('\'') || line[i] == QLatin1Char('"')) {
            // A literal or quoted identifier is one unit ('2025-05-01', "orders 2025"); doubled quotes stay inside.
            const QChar quote = line[i];
            while (j < line.size()) {
                if (line[j] == quote && !(j + 1 < line.size() && line[j + 1] == quote))
                    break;
                j += line[j] == quote ? 2 : 1;
            }
            j = std::min(line.size(), j + 1);
        } else if (isWordChar(line[i])) {
            while (j < line.size() && isWordChar(line[j]))
                ++j;
        }
        out.append(line.mid(i, j - i));
        i = j;
    }
    return out;
}

SqlDiffResult SqlDiff::compute(const QString& before, const QString& after)
{
    SqlDiffResult result;
    const QStringList a = before.split(QLatin1Char('\n'));
    const QStringList b = after.split(QLatin1Char('\n'));
    const auto steps = editScript(std::vector<QString>(a.begin(), a.end()), std::vector<QString>(b.begin(), b.end()));
    QVector<qsizetype> deleted;
    QVector<qsizetype> addedLines;
    // A run of deletions and additions becomes rows: changed pairs first, then the surplus.
    auto flushHunk = [&] {
        const qsizetype pairs = std::min(deleted.size(), addedLines.size());
        for (qsizetype i = 0; i < std::max(deleted.size(), addedLines.size()); ++i) {
            if (i < pairs) {
                DiffLine l = line(DiffLine::Kind::Changed, int(deleted[i] + 1), a[deleted[i]]);
                DiffLine r = line(DiffLine::Kind::Changed, int(addedLines[i] + 1), b[addedLines[i]]);
                QString ignored;
                diffWords(l, r, &ignored);
                result.left.append(l);
                result.right.append(r);
            } else if (i < deleted.size()) {
                result.left.append(line(DiffLine::Kind::Removed, int(deleted[i] + 1), a[deleted[i]]));
                result.right.append(line(DiffLine::Kind::Filler, 0, QString()));
            } else {
                result.left.append(line(DiffLine::Kind::Filler, 0, QString()));
                result.right.append(line(DiffLine::Kind::Added, int(addedLines[i] + 1), b[addedLines[i]]));
            }
        }
        deleted.clear();
        addedLines.clear();
    };
    for (const auto& [step, index, afterIndex] : steps) {
        if (step == Step::Common) {
            flushHunk();
            result.left.append(line(DiffLine::Kind::Same, int(index + 1), a[index]));
            result.right.append(line(DiffLine::Kind::Same, int(afterIndex + 1), b[afterIndex]));
        } else if (step == Step::Delete) {
            result.identical = false;
            deleted.append(index);
        } else {
            result.identical = false;
            addedLines.append(index);
        }
    }
    flushHunk();
    return result;
}

QString SqlDiffResult::unifiedText() const
{
    QString out = QStringLiteral("--- before\n+++ after\n");
    for (qsizetype i = 0; i < left.size(); ++i) {
        const DiffLine& l = left[i];
        const DiffLine& r = right[i];
        switch (l.kind) {
        case DiffLine::Kind::Same:
            out += QLatin1Char(' ') + l.text + QLatin1Char('\n');
            break;
        case DiffLine::Kind::Changed: {
            DiffLine a = l;
            DiffLine b = r;
            a.changedSpans.clear();
            b.changedSpans.clear();
            QString markup;
            diffWords(a, b, &markup);
            out += QLatin1Char('-') + l.text + QLatin1Char('\n') + QLatin1Char('+') + r.text + QLatin1Char('\n')
                + QLatin1Char('~') + markup + QLatin1Char('\n');
            break;
        }
        case DiffLine::Kind::Removed:
            out += QLatin1Char('-') + l.text + QLatin1Char('\n');
            break;
        case DiffLine::Kind::Filler:
        case DiffLine::Kind::Added:
            out += QLatin1Char('+') + r.text + QLatin1Char('\n');
            break;
        }
    }
    return out;
}

QString SqlDiffResult::wordDiffText() const
{
    QStringList lines;
    for (qsizetype i = 0; i < left.size(); ++i) {
        const DiffLine& l = left[i];
        const DiffLine& r = right[i];
        if (l.kind == DiffLine::Kind::Same) {
            lines << l.text;
        } else if (l.kind == DiffLine::Kind::Changed) {
            DiffLine a = l;
            DiffLine b = r;
            QString markup;
            diffWords(a, b, &markup);
            lines << markup;
        } else if (l.kind == DiffLine::Kind::Removed) {
            lines << QStringLiteral("[-") + l.text + QStringLiteral("-]");
        } else {
            lines << QStringLiteral("{+") + r.text + QStringLiteral("+}");
        }
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace dopt
