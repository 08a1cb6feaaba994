#include "translationloader.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace dopt {

bool TranslationLoader::install(QCoreApplication* app, const QLocale& locale)
{
    // Numbers, dates and sizes (QLocale() in DisplayFormat and the views) follow the chosen
    // language too, not only the texts: French gets comma decimals and narrow no-break spaces.
    QLocale::setDefault(locale);
    // Qt's dialogs and standard buttons come from qtbase_<lang>.qm of the Qt installation; it is
    // optional (Debian ships it in qt6-translations-l10n), so a missing file is not an error.
    auto* qtTranslator = new QTranslator(app);
    if (qtTranslator->load(
            locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
    else
        delete qtTranslator;

    // load(QLocale, ...) tries each of locale.uiLanguages() (fr_FR, fr, ...), so "fr_CA" finds the fr file.
    auto* appTranslator = new QTranslator(app);
    if (appTranslator->load(
            locale, QStringLiteral("dremio-optimizer"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(appTranslator);
        return true;
    }
    delete appTranslator;
    return false;
}

QLocale TranslationLoader::chooseLocale(const QString& code)
{
    if (!code.isEmpty())
        return QLocale(code);
    const QString fromEnv = qEnvironmentVariable("DOPT_LANGUAGE");
    if (!fromEnv.isEmpty())
        return QLocale(fromEnv);
    return QLocale::system();
}

} // namespace dopt
