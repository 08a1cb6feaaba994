#pragma once
// The interface language of one test case (header-only): the default locale the views format their
// figures with and, for a language the program is translated to, its catalogue from :/i18n, as
// TranslationLoader installs them at start-up. Both are undone when the scope ends.

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace dopt::test {

class InterfaceLanguage
{
public:
    explicit InterfaceLanguage(const QLocale& locale)
        : m_previous(QLocale())
    {
        QLocale::setDefault(locale);
        if (locale.language() != QLocale::English && locale.language() != QLocale::C) {
            m_installed = m_translator.load(
                              locale, QStringLiteral("dremio-optimizer"), QStringLiteral("_"), QStringLiteral(":/i18n"))
                && QCoreApplication::installTranslator(&m_translator);
            m_ready = m_installed;
        }
    }
    ~InterfaceLanguage()
    {
        if (m_installed)
            QCoreApplication::removeTranslator(&m_translator);
        QLocale::setDefault(m_previous);
    }
    InterfaceLanguage(const InterfaceLanguage&) = delete;
    InterfaceLanguage& operator=(const InterfaceLanguage&) = delete;

    /// False when the catalogue of a translated language could not be loaded.
    bool isReady() const { return m_ready; }

private:
    QLocale m_previous;
    QTranslator m_translator;
    bool m_installed = false;
    bool m_ready = true;
};

} // namespace dopt::test
