#include "sqlview.h"

#include "sqlhighlighter.h"

#include <QEvent>
#include <QFontDatabase>

#ifdef DOPT_HAVE_KSYNTAXHIGHLIGHTING
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#endif

namespace dopt {

#ifdef DOPT_HAVE_KSYNTAXHIGHLIGHTING
namespace {
KSyntaxHighlighting::Repository& repository()
{
    // Loading the definitions is costly: once per process.
    static KSyntaxHighlighting::Repository instance;
    return instance;
}
} // namespace
#endif

SqlView::SqlView(QWidget* parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setPlaceholderText(tr("Select a job to see its SQL"));
#ifdef DOPT_HAVE_KSYNTAXHIGHLIGHTING
    const auto definition = repository().definitionForName(QStringLiteral("SQL"));
    if (definition.isValid()) {
        auto* highlighter = new KSyntaxHighlighting::SyntaxHighlighter(document());
        highlighter->setDefinition(definition);
        m_highlighter = highlighter;
    }
#endif
    if (!m_highlighter)
        m_highlighter = new SqlHighlighter(document());
    followPalette();
}

void SqlView::followPalette()
{
    const QColor base = palette().color(QPalette::Active, QPalette::Base);
    if (auto* builtIn = qobject_cast<SqlHighlighter*>(m_highlighter)) {
        builtIn->setBackground(base);
        return;
    }
#ifdef DOPT_HAVE_KSYNTAXHIGHLIGHTING
    // KDE's themes by the base's lightness: Breeze Dark on a dark palette, Breeze Light otherwise.
    if (auto* highlighter = qobject_cast<KSyntaxHighlighting::SyntaxHighlighter*>(m_highlighter)) {
        highlighter->setTheme(
            repository().defaultTheme(base.lightness() < 128 ? KSyntaxHighlighting::Repository::DarkTheme
                                                             : KSyntaxHighlighting::Repository::LightTheme));
        highlighter->rehighlight();
    }
#endif
}

void SqlView::changeEvent(QEvent* event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        followPalette();
}

void SqlView::setSql(const QString& sql)
{
    setPlainText(sql);
}

QString SqlView::highlighterName()
{
#ifdef DOPT_HAVE_KSYNTAXHIGHLIGHTING
    if (repository().definitionForName(QStringLiteral("SQL")).isValid())
        return tr("KDE Syntax-Highlighting (KF6)");
    return tr("built-in SQL highlighter (KF6 Syntax-Highlighting has no SQL definition)");
#else
    return tr("built-in SQL highlighter (KF6 Syntax-Highlighting not available in this build)");
#endif
}

} // namespace dopt
