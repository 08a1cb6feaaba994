#include "translationloader.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

const QString catalogueName = QStringLiteral("dremio-optimizer_fr.ts");

// What a .ts file holds: how many messages, and "context: source" of each one without a finished translation.
struct CatalogueContents
{
    int messages = 0;
    QStringList untranslated;
    QString error;
};

CatalogueContents readCatalogue(const QString& path)
{
    CatalogueContents contents;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        contents.error = path + QStringLiteral(": ") + file.errorString();
        return contents;
    }
    QXmlStreamReader xml(&file);
    QString context;
    QString source;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
            ++contents.messages;
        } else if (xml.name() == QLatin1String("translation")) {
            const bool unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (unfinished || text.trimmed().isEmpty())
                contents.untranslated << context + QStringLiteral(": ") + source;
        }
    }
    if (xml.hasError())
        contents.error = path + QStringLiteral(": ") + xml.errorString();
    return contents;
}

QString findLupdate()
{
    const QStringList candidates {QLibraryInfo::path(QLibraryInfo::BinariesPath) + QStringLiteral("/lupdate"),
        QStringLiteral("/usr/lib/qt6/bin/lupdate")};
    for (const QString& candidate : candidates) {
        if (QFileInfo(candidate).isExecutable())
            return candidate;
    }
    return QString();
}

} // namespace

// Checks that the embedded French catalogue loads through the same code as the program, that the .ts
// source has no message left untranslated, and that every tr() in the code is in the .ts at all.
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
        // French plural rule: 0 and 1 take the singular form.
        const char* collected = "Collect cancelled; %n new job(s) kept.";
        QCOMPARE(QCoreApplication::translate("dopt::DremioConnectionsDialog", collected, nullptr, 1),
            QString::fromUtf8("Collecte annulée\u00a0; 1 nouveau job conservé."));
        QCOMPARE(QCoreApplication::translate("dopt::DremioConnectionsDialog", collected, nullptr, 3),
            QString::fromUtf8("Collecte annulée\u00a0; 3 nouveaux jobs conservés."));
    }

    void noCatalogueForEnglish()
    {
        QVERIFY(!dopt::TranslationLoader::install(QCoreApplication::instance(), QLocale(QLocale::English)));
    }

    void everyMessageTranslated()
    {
        const CatalogueContents contents = readCatalogue(QStringLiteral(DOPT_TRANSLATIONS_DIR "/") + catalogueName);
        QVERIFY2(contents.error.isEmpty(), qPrintable(contents.error));
        QVERIFY2(contents.messages > 100,
            qPrintable(QStringLiteral("only %1 messages in %2").arg(contents.messages).arg(catalogueName)));
        QVERIFY2(contents.untranslated.isEmpty(),
            qPrintable(QStringLiteral("untranslated: ") + contents.untranslated.join(QStringLiteral(" | "))));
    }

    // Runs lupdate over a copy of the catalogue: a tr() text that is not in the .ts yet comes out as a new,
    // unfinished message. core is scanned too because its task errors (TaskRunner) reach the GUI.
    void everySourceTextInCatalogue()
    {
        const QString lupdate = findLupdate();
        if (lupdate.isEmpty())
            QSKIP("lupdate not found (install the Debian package qt6-l10n-tools): cannot check that every tr() "
                  "text is in the French catalogue");
        QTemporaryDir dir;
        QVERIFY2(dir.isValid(), qPrintable(dir.errorString()));
        const QString copy = dir.filePath(catalogueName);
        QVERIFY2(QFile::copy(QStringLiteral(DOPT_TRANSLATIONS_DIR "/") + catalogueName, copy),
            qPrintable(QStringLiteral("cannot copy the catalogue to ") + copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);

        const QString sourceDir = QStringLiteral(DOPT_SOURCE_DIR);
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(lupdate,
            {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                sourceDir + QStringLiteral("/ui"), sourceDir + QStringLiteral("/app"),
                sourceDir + QStringLiteral("/core"), QStringLiteral("-ts"), copy});
        QVERIFY2(process.waitForStarted(), qPrintable(lupdate + QStringLiteral(": ") + process.errorString()));
        QVERIFY2(process.waitForFinished(300'000), qPrintable(lupdate + QStringLiteral(" did not finish")));
        const QString output = QString::fromLocal8Bit(process.readAll());
        QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
            qPrintable(lupdate + QStringLiteral(" failed: ") + output));

        const CatalogueContents contents = readCatalogue(copy);
        QVERIFY2(contents.error.isEmpty(), qPrintable(contents.error));
        QVERIFY2(contents.messages > 100,
            qPrintable(QStringLiteral("lupdate left only %1 messages: %2").arg(contents.messages).arg(output)));
        QVERIFY2(contents.untranslated.isEmpty(),
            qPrintable(QStringLiteral("%1 source text(s) missing from or unfinished in translations/%2 (run lupdate "
                                      "-no-obsolete -locations none ui app core -ts translations/%2 and translate "
                                      "them):\n  %3")
                           .arg(contents.untranslated.size())
                           .arg(catalogueName, contents.untranslated.join(QStringLiteral("\n  ")))));
    }
};

QTEST_MAIN(TstTranslations)
#include "tst_translations.moc"
