#pragma once

#include "sql/sqldiff.h"

#include <QWidget>

class QLabel;

namespace dopt {

class SqlView;

/// A side-by-side SQL rewrite diff: before on the left, after on the right, both highlighted as
/// SQL; removed and added lines tinted, changed words inside paired lines marked, filler rows
/// shaded so the two sides stay aligned; the two sides scroll together.
class SqlDiffView : public QWidget
{
    Q_OBJECT
public:
    explicit SqlDiffView(QWidget* parent = nullptr);

    void setTexts(const QString& before, const QString& after);
    void clear();
    const SqlDiffResult& diff() const { return m_diff; }
    SqlView* leftView() const { return m_left; }
    SqlView* rightView() const { return m_right; }
    /// Number of marked stretches (changed words and whole added/removed lines) on each side.
    int markedSpans(bool rightSide) const;

private:
    void render();

    SqlDiffResult m_diff;
    QLabel* m_leftTitle;
    QLabel* m_rightTitle;
    SqlView* m_left;
    SqlView* m_right;
};

} // namespace dopt
