#include "buildinfo.h"

namespace dopt {

bool BuildInfo::hasKSyntaxHighlighting()
{
#ifdef DOPT_BUILT_WITH_KSYNTAXHIGHLIGHTING
    return true;
#else
    return false;
#endif
}

QString BuildInfo::sqlHighlighter()
{
    return hasKSyntaxHighlighting() ? QStringLiteral("KDE Syntax-Highlighting (KF6)")
                                    : QStringLiteral("built-in SQL highlighter (KF6 Syntax-Highlighting not available "
                                                     "in this build)");
}

} // namespace dopt
