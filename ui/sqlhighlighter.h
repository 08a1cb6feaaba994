#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace dopt {

/// The built-in SQL highlighter, used when KF6SyntaxHighlighting is not available (Debian 12 ships
/// only KF5). A small lexer rather than regular expressions, so keywords inside strings, quoted
/// identifiers or comments are not coloured; strings, quoted identifiers and block comments may span
/// lines (carried in the block state).
class SqlHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    enum class Token { Keyword, Function, String, QuotedIdentifier, Number, Comment };

    explicit SqlHighlighter(QTextDocument* document);

    QTextCharFormat format(Token token) const;
    /// Adjusts the token colours (designed for a white background) until each reads with WCAG AA
    /// contrast on background, e.g. the dark base of a dark palette, and highlights again.
    void setBackground(const QColor& background);
    static bool isKeyword(const QString& word);

protected:
    void highlightBlock(const QString& text) override;

private:
    enum State { Normal = -1, InBlockComment = 1, InString = 2, InQuotedIdentifier = 3 };

    int scanDelimited(const QString& text, int from, QChar delimiter) const;
    QTextCharFormat m_formats[6];
    QColor m_background = Qt::white;
};

} // namespace dopt
