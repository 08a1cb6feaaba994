// Severity, detector and verdict ids from core shown translated in the GUI (French catalogue
// embedded in the application), with every detector of the registry covered, and numbers in the
// chosen language's format.
#include "analysis/analysistextmatcher.h"
#include "analysis/detectorregistry.h"
#include "analysis/recommendation.h"
#include "coretexts.h"
#include "displayformat.h"
#include "phasetimeline.h"
#include "translationloader.h"

#include <QApplication>
#include <QTest>

using namespace dopt;

class TestCoreTexts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void englishNamesAreReadable()
    {
        QCOMPARE(CoreTexts::severity(Severity::High), QStringLiteral("high"));
        QCOMPARE(CoreTexts::detector(QStringLiteral("thread_skew")), QStringLiteral("thread skew"));
        QCOMPARE(CoreTexts::detector(QStringLiteral("n_plus_one")), QStringLiteral("N+1 queries"));
        QCOMPARE(CoreTexts::verdict(QStringLiteral("no_change")), QStringLiteral("no change"));
        // An id the GUI does not know yet is shown as it is, never dropped.
        QCOMPARE(CoreTexts::detector(QStringLiteral("future_detector")), QStringLiteral("future_detector"));
        QCOMPARE(CoreTexts::verdict(QStringLiteral("odd")), QStringLiteral("odd"));
        // The phase timeline keeps Dremio's phase names in English.
        PhaseTimeline timeline;
        timeline.setPhases(dremioPhases());
        QCOMPARE(timeline.phaseLabel(0), QStringLiteral("PLANNING"));
        QCOMPARE(timeline.phaseLabel(1), QStringLiteral("QUEUED"));
        QCOMPARE(timeline.phaseLabel(2), QStringLiteral("RUNNING"));
        QCOMPARE(timeline.phaseLabel(3), QStringLiteral("FUTURE_PHASE"));
        // Run-time model families and features in words (the CLI and JSON keep the ids).
        QCOMPARE(CoreTexts::modelFamily(QStringLiteral("random_forest")), QStringLiteral("random forest"));
        QCOMPARE(CoreTexts::modelFeature(QStringLiteral("log_bytes_scanned")), QStringLiteral("bytes scanned"));
        QCOMPARE(CoreTexts::modelFeature(QStringLiteral("queue=ETL Batch")), QStringLiteral("queue ETL Batch"));
        QCOMPARE(CoreTexts::modelFeature(QStringLiteral("future_feature")), QStringLiteral("future_feature"));
    }

    void everyRegisteredDetectorHasAName()
    {
        const QStringList ids = DetectorRegistry::ids();
        QVERIFY(ids.size() >= 10);
        // A raw id would still carry its underscores (the French test below checks every name differs).
        for (const QString& id : ids)
            QVERIFY2(!CoreTexts::detector(id).contains(QLatin1Char('_')), qPrintable(id));
        // Without a translator the description is the English core prints (CLI, JSON).
        for (const QString& id : ids) {
            const QString english = DetectorRegistry::find(id)->description().toString();
            QVERIFY2(!english.isEmpty(), qPrintable(id));
            QCOMPARE(CoreTexts::detectorDescription(id), english);
        }
        QCOMPARE(CoreTexts::detectorDescription(QStringLiteral("future_detector")), QStringLiteral("future_detector"));
    }

    void frenchCatalogueTranslatesThem()
    {
        QVERIFY(TranslationLoader::install(qApp, QLocale(QLocale::French, QLocale::France)));
        QCOMPARE(CoreTexts::severity(Severity::High), QStringLiteral("élevée"));
        QCOMPARE(CoreTexts::severity(Severity::Critical), QStringLiteral("critique"));
        QCOMPARE(CoreTexts::detector(QStringLiteral("partition_pruning")), QStringLiteral("élagage de partitions"));
        QCOMPARE(CoreTexts::verdict(QStringLiteral("improved")), QStringLiteral("amélioré"));
        for (const QString& status : Recommendation::statuses())
            QVERIFY2(CoreTexts::recommendationStatus(status) != status, qPrintable(status));
        for (const QString& id : DetectorRegistry::ids()) {
            QVERIFY2(CoreTexts::detector(id) != id, qPrintable(id));
            // Every description has its French text; core's English stays English.
            const AnalysisText description = DetectorRegistry::find(id)->description();
            QVERIFY2(CoreTexts::detectorDescription(id) != description.toString(), qPrintable(id));
            QVERIFY(description.toString().contains(QLatin1Char(' ')));
        }
        QCOMPARE(CoreTexts::detectorDescription(QStringLiteral("unbounded_result")),
            QStringLiteral("Résultat volumineux sans LIMIT"));
        // A text stored before schema 14, read back by the matcher: its row count is a French figure,
        // a number in SQL (LIMIT 1000) stays as written.
        const QString rows = QStringLiteral("Query returned 5000 rows without LIMIT");
        QCOMPARE(CoreTexts::analysisText(AnalysisTextMatcher::instance().match(rows), rows),
            QStringLiteral("La requête a renvoyé 5\u202f000 lignes sans LIMIT"));
        const QString limit = QStringLiteral("LIMIT 1000 added");
        QCOMPARE(CoreTexts::analysisText(AnalysisTextMatcher::instance().match(limit), limit),
            QStringLiteral("LIMIT 1000 ajouté"));
        // Numbers follow the chosen language: narrow no-break space grouping, comma decimals.
        QCOMPARE(DisplayFormat::exactCount(1234567), QStringLiteral("1\u202f234\u202f567"));
        QVERIFY2(DisplayFormat::bytes(1536).startsWith(QStringLiteral("1,5")), qPrintable(DisplayFormat::bytes(1536)));
    }

    void phaseTimelineInTheInterfaceLanguage()
    {
        QVERIFY(TranslationLoader::install(qApp, QLocale(QLocale::French, QLocale::France)));
        PhaseTimeline timeline;
        timeline.setPhases(dremioPhases());
        QCOMPARE(timeline.phaseLabel(0), QStringLiteral("PLANIFICATION"));
        QCOMPARE(timeline.phaseLabel(1), QStringLiteral("EN FILE D'ATTENTE"));
        QCOMPARE(timeline.phaseLabel(2), QStringLiteral("EN COURS"));
        QCOMPARE(timeline.phaseLabel(3), QStringLiteral("FUTURE_PHASE")); // unknown: shown as it is
        // Every phase Dremio reports reads in French (no English word left).
        for (const char* phase : {"PENDING", "METADATA_RETRIEVAL", "PLANNING", "QUEUED", "ENGINE_START",
                 "EXECUTION_PLANNING", "STARTING", "RUNNING", "COMPLETED", "CANCELED", "FAILED"})
            QVERIFY2(CoreTexts::jobPhase(QLatin1String(phase)) != QLatin1String(phase), phase);
        QCOMPARE(CoreTexts::modelFamily(QStringLiteral("random_forest")), QStringLiteral("forêt aléatoire"));
        QCOMPARE(CoreTexts::modelFeature(QStringLiteral("hour_of_day")), QStringLiteral("heure de la journée"));
        QCOMPARE(
            CoreTexts::modelFeature(QStringLiteral("queue=ETL Batch")), QStringLiteral("file d'attente ETL Batch"));
    }

private:
    static QVector<JobPhase> dremioPhases()
    {
        return {{QStringLiteral("PLANNING"), 0, 90}, {QStringLiteral("QUEUED"), 90, 5},
            {QStringLiteral("RUNNING"), 95, 871}, {QStringLiteral("FUTURE_PHASE"), 966, 1}};
    }
};

QTEST_MAIN(TestCoreTexts)
#include "tst_coretexts.moc"
