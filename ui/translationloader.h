#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;

namespace dopt {

/** Installs the application's embedded translation and Qt's own qtbase translation for a locale. */
class TranslationLoader
{
public:
    /**
     * Installs both translators on @p app (they are owned by it). Returns true when the
     * application's catalogue for @p locale was found; English needs none and returns false.
     */
    static bool install(QCoreApplication* app, const QLocale& locale);

    /** The locale to use: @p code when given (e.g. "fr"), else $DOPT_LANGUAGE, else the system locale. */
    static QLocale chooseLocale(const QString& code);
};

} // namespace dopt
