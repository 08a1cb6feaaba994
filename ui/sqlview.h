#pragma once

#include <QPlainTextEdit>

class QSyntaxHighlighter;

namespace dopt {

/// Read-only SQL text with syntax highlighting: KF6SyntaxHighlighting's SQL definition when the
/// build found it (DOPT_HAVE_KSYNTAXHIGHLIGHTING), else the built-in SqlHighlighter.
class SqlView : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit SqlView(QWidget* parent = nullptr);

    void setSql(const QString& sql);
    QString sql() const { return toPlainText(); }
    QSyntaxHighlighter* highlighter() const { return m_highlighter; }
    /// Which highlighter this build uses, for the About dialog and --version.
    static QString highlighterName();

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Highlighting colours for the current palette (a dark theme on a dark base).
    void followPalette();

    QSyntaxHighlighter* m_highlighter = nullptr;
};

} // namespace dopt
