#pragma once

#include <QString>

namespace dopt {

/// What this build was made with, for --version of both programs (the CLI does not link the GUI
/// layer, so the answer comes from a compile definition rather than from the highlighter itself).
class BuildInfo
{
public:
    /// True when the GUI was built against KF6 SyntaxHighlighting (KDE's syntax definitions).
    static bool hasKSyntaxHighlighting();
    /// "KDE Syntax-Highlighting (KF6)" or "built-in SQL highlighter".
    static QString sqlHighlighter();
};

} // namespace dopt
