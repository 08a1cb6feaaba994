#pragma once

#include <QString>
#include <QVector>

namespace dopt {

/// A changed stretch inside one line, in UTF-16 code units of that line's text.
struct DiffSpan
{
    int start = 0;
    int length = 0;
};

/// One row of one side of a side-by-side diff. Both sides have the same number of rows, so row i
/// of the left and row i of the right are drawn next to each other.
struct DiffLine
{
    enum class Kind {
        Same, // identical on both sides
        Changed, // paired with a different line on the other side; changedSpans mark the words
        Removed, // only on the left (the right row is Filler)
        Added, // only on the right (the left row is Filler)
        Filler // nothing on this side (draw an empty, shaded row)
    };
    Kind kind = Kind::Same;
    int lineNumber = 0; // 1-based in its own text, 0 for Filler
    QString text;
    QVector<DiffSpan> changedSpans; // for Changed (words that differ) and Added/Removed (the whole line)
};

/// The diff of two SQL texts: a line diff, then a word diff inside each pair of changed lines
/// (both with dtl's shortest edit script).
struct SqlDiffResult
{
    QVector<DiffLine> left; // the "before" side
    QVector<DiffLine> right; // the "after" side, same size as left
    bool identical = true;

    /// A unified diff for terminals: " " same, "-" removed, "+" added lines, changed words marked
    /// inline as [-old-]{+new+} on a "~" line after each changed pair.
    QString unifiedText() const;
    /// The after text with word changes marked inline as [-old-]{+new+} (git --word-diff style).
    QString wordDiffText() const;
};

class SqlDiff
{
public:
    static SqlDiffResult compute(const QString& before, const QString& after);
    /// Splits a line into the units the word diff compares: quoted literals and identifiers, runs of
    /// word characters (letters, digits, '_' and '.'), single other characters, and runs of whitespace.
    static QStringList words(const QString& line);
};

} // namespace dopt
