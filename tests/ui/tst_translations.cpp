#include "translationloader.h"

#include <QCoreApplication>
#include <QFile>
#include <QStringList>
#include <QTest>
#include <QXmlStreamReader>

// Checks that the embedded French catalogue loads through the same code as the program, and
// that the .ts source has no message left untranslated.
class TstTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsFrench()
    {
        QVERIFY2(dopt::TranslationLoader::install(QCoreApplication::instance(), QLocale(QStringLiteral("fr_FR"))),
            "cannot load :/i18n/dremio-optimizer_fr.qm (is the resource linked in?)");
        QCOMPARE(QCoreApplication::translate("dopt::MainWindow", "&File"), QStringLiteral("&Fichier"));
        QCOMPARE(QCoreApplication::translate("dopt::MainWindow", "%1 of %2 jobs").arg(3).arg(10),
            QStringLiteral("3 jobs sur 10"));
        QCOMPARE(QCoreApplication::translate("main", "Finds why Dremio and PostgreSQL queries are slow."),
            QString::fromUtf8("Trouve pourquoi les requêtes Dremio et PostgreSQL sont lentes."));
    }

    void noCatalogueForEnglish()
    {
        QVERIFY(!dopt::TranslationLoader::install(QCoreApplication::instance(), QLocale(QLocale::English)));
    }

    void everyMessageTranslated()
    {
        QFile file(QStringLiteral(DOPT_TRANSLATIONS_DIR "/dremio-optimizer_fr.ts"));
        QVERIFY2(
            file.open(QIODevice::ReadOnly), qPrintable(file.fileName() + QStringLiteral(": ") + file.errorString()));
        QXmlStreamReader xml(&file);
        QString context;
        QString source;
        int messages = 0;
        QStringList untranslated;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (xml.name() == QLatin1String("source")) {
                source = xml.readElementText();
                ++messages;
            } else if (xml.name() == QLatin1String("translation")) {
                const bool unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (unfinished || text.trimmed().isEmpty())
                    untranslated << context + QStringLiteral(": ") + source;
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(file.fileName() + QStringLiteral(": ") + xml.errorString()));
        QVERIFY2(
            messages > 100, qPrintable(QStringLiteral("only %1 messages in %2").arg(messages).arg(file.fileName())));
        QVERIFY2(untranslated.isEmpty(),
            qPrintable(QStringLiteral("untranslated: ") + untranslated.join(QStringLiteral(" | "))));
    }
};

QTEST_MAIN(TstTranslations)
#include "tst_translations.moc"
