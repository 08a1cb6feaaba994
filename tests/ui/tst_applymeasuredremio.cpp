// "Apply & Measure" of Dremio recommendations in the dialog, against the fake Dremio (its speed-ups
// are its own: the dialog's protocol, confirmation, live chart, verdict and revert are tested).
#include "analysis/recommendationstore.h"
#include "coretexts.h"
#include "dremiomeasurefixtures.h"
#include "fakedremioserver.h"
#include "measure/applymeasuredialog.h"
#include "measure/measurementchart.h"
#include "measure/plancomparisonview.h"
#include "sources/dremio/dremiosourcerepository.h"
#include "sources/files/profilezipreader.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QTreeWidget>

using namespace dopt;
using dopt::test::FakeDremioServer;

namespace {
const QString OrdersQuery = QStringLiteral("SELECT region, SUM(amount) FROM Sales.orders GROUP BY region");
const char* const TokenVariable = "DOPT_TEST_APPLY_DREMIO_PAT";
} // namespace

class TestApplyMeasureDremio : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeDremioServer> m_server;
    std::shared_ptr<Workspace> m_workspace;
    QString m_displayName;

    Recommendation createReflection()
    {
        Recommendation r = test::reflectionRecommendation(OrdersQuery, QStringLiteral("dopt_ui"));
        QString error;
        r.id = RecommendationStore(m_workspace->database()).upsert(r, &error);
        return r;
    }

    static QByteArray readSample(const QString& path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    /// Runs the dialog's measurement without keeping the change; the finished result.
    std::optional<MeasurementResult> measureOnce(ApplyMeasureDialog& dialog)
    {
        auto* target = dialog.findChild<QComboBox*>(QStringLiteral("targetCombo"));
        if (!QTest::qWaitFor([&] { return target->currentText() == m_displayName; }, 30000))
            return std::nullopt;
        dialog.findChild<QSpinBox*>(QStringLiteral("runsSpin"))->setValue(4);
        dialog.findChild<QCheckBox*>(QStringLiteral("keepCheck"))->setChecked(false);
        dialog.findChild<QCheckBox*>(QStringLiteral("confirmCheck"))->setChecked(true);
        QSignalSpy finished(&dialog, &ApplyMeasureDialog::measurementFinished);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("applyButton")), Qt::LeftButton);
        if (!finished.wait(120000))
            return std::nullopt;
        return dialog.result();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<FakeDremioServer>();
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        m_server->setPollsUntilDone(0);
        m_server->workload().setRefreshPolls(1);
        m_server->workload().addDataset(QStringLiteral("Sales.orders"), QStringLiteral("ds-orders"));
        m_server->workload().addQuery(
            {QStringLiteral("FROM Sales.orders"), QStringLiteral("Sales.orders"), 800, 100, 300, 12, 1});
        m_workspace = std::make_shared<Workspace>();
        QVERIFY2(m_workspace->open(test::tempDir() + QStringLiteral("/apply-dremio.dopt"), &error), qPrintable(error));
        // A saved connection whose token lives in an environment variable (no keychain in CI).
        qputenv(TokenVariable, FakeDremioServer::Pat);
        DremioSourceSettings settings;
        settings.connection = DremioConnection::fromUrl(m_server->baseUrl().toString());
        settings.secretBackend = QStringLiteral("environment");
        settings.secretRef = QLatin1String(TokenVariable);
        QVERIFY2(DremioSourceRepository(m_workspace->database()).save(settings, &error) > 0, qPrintable(error));
        m_displayName = settings.connection.displayName();
    }

    void showsTheRestCallsAndWaitsForConfirmation()
    {
        ApplyMeasureDialog dialog(m_workspace, createReflection());
        auto* target = dialog.findChild<QComboBox*>(QStringLiteral("targetCombo"));
        QTRY_COMPARE_WITH_TIMEOUT(target->currentText(), m_displayName, 30000); // the saved connection
        QVERIFY2(dialog.statementsText().contains(QStringLiteral("POST /api/v3/reflection {")),
            qPrintable(dialog.statementsText()));
        QVERIFY(dialog.statementsText().contains(QStringLiteral("DELETE /api/v3/reflection/<new id>")));
        QVERIFY(dialog.statementsText().contains(OrdersQuery));
        auto* apply = dialog.findChild<QPushButton*>(QStringLiteral("applyButton"));
        QVERIFY(!apply->isEnabled());
        dialog.findChild<QCheckBox*>(QStringLiteral("confirmCheck"))->setChecked(true);
        QVERIFY(apply->isEnabled());
        QCOMPARE(m_server->countRequests(QStringLiteral("POST /api/v3/reflection")), 0);
    }

    void measuresThenRevertsTheReflection()
    {
        const Recommendation recommendation = createReflection();
        ApplyMeasureDialog dialog(m_workspace, recommendation);
        auto* target = dialog.findChild<QComboBox*>(QStringLiteral("targetCombo"));
        QTRY_COMPARE_WITH_TIMEOUT(target->currentText(), m_displayName, 30000);
        dialog.findChild<QSpinBox*>(QStringLiteral("runsSpin"))->setValue(4);
        dialog.findChild<QCheckBox*>(QStringLiteral("confirmCheck"))->setChecked(true);
        QSignalSpy runs(&dialog, &ApplyMeasureDialog::runAdded);
        QSignalSpy finished(&dialog, &ApplyMeasureDialog::measurementFinished);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("applyButton")), Qt::LeftButton);
        QVERIFY(finished.wait(120000));
        const MeasurementResult result = dialog.result().value();
        QVERIFY2(result.state == QLatin1String("done"), qPrintable(result.error));
        QCOMPARE(result.verdict, QStringLiteral("improved"));
        QVERIFY2(dialog.verdictText().startsWith(QLatin1String("Improved")), qPrintable(dialog.verdictText()));
        QCOMPARE(runs.count(), int(result.runList.size())); // the live chart saw every run
        QVERIFY(dialog.chart()->showsDistribution());
        // Kept by default: the reflection exists until Revert.
        QVERIFY(result.applied);
        QCOMPARE(m_server->workload().reflectionIds().size(), 1);
        QSignalSpy decided(&dialog, &ApplyMeasureDialog::decisionFinished);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("revertButton")), Qt::LeftButton);
        QVERIFY(decided.wait(60000));
        QVERIFY2(decided.first().first().toBool(), qPrintable(decided.first().at(1).toString()));
        QVERIFY(m_server->workload().reflectionIds().isEmpty());
        QCOMPARE(RecommendationStore(m_workspace->database()).get(recommendation.id)->status,
            QString::fromLatin1(Recommendation::StatusReverted));
    }

    void failedRefreshIsShownAndNothingStays()
    {
        m_server->workload().failNextRefresh(QStringLiteral("disk full"));
        ApplyMeasureDialog dialog(m_workspace, createReflection());
        auto* target = dialog.findChild<QComboBox*>(QStringLiteral("targetCombo"));
        QTRY_COMPARE_WITH_TIMEOUT(target->currentText(), m_displayName, 30000);
        dialog.findChild<QCheckBox*>(QStringLiteral("confirmCheck"))->setChecked(true);
        QSignalSpy finished(&dialog, &ApplyMeasureDialog::measurementFinished);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("applyButton")), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QVERIFY2(dialog.verdictText().contains(QStringLiteral("disk full")), qPrintable(dialog.verdictText()));
        QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("revertButton"))->isEnabled());
        QVERIFY(m_server->workload().reflectionIds().isEmpty());
    }

    void notUsedVerdictHasAName()
    {
        // The list and the report show the verdict by its name (French in the French catalogue).
        QCOMPARE(CoreTexts::verdict(QStringLiteral("not_used")), QStringLiteral("not used"));
    }

    void droppingAReflectionNeedsAQuery()
    {
        Recommendation drop = test::dropRecommendation(QStringLiteral("refl-1"));
        QString error;
        drop.id = RecommendationStore(m_workspace->database()).upsert(drop, &error);
        ApplyMeasureDialog dialog(m_workspace, drop);
        QSignalSpy picked(&dialog, &ApplyMeasureDialog::queryPicked);
        auto* target = dialog.findChild<QComboBox*>(QStringLiteral("targetCombo"));
        QTRY_COMPARE_WITH_TIMEOUT(target->currentText(), m_displayName, 30000);
        // No job of the workspace used refl-1: nothing to prefill, the user is told to type one.
        QTRY_COMPARE_WITH_TIMEOUT(picked.count(), 1, 30000);
        QVERIFY(!picked.first().first().toBool());
        QVERIFY(
            dialog.findChild<QLabel*>(QStringLiteral("queryOriginLabel"))->text().startsWith(QLatin1String("No job")));
        dialog.findChild<QCheckBox*>(QStringLiteral("confirmCheck"))->setChecked(true);
        auto* apply = dialog.findChild<QPushButton*>(QStringLiteral("applyButton"));
        QVERIFY(!apply->isEnabled());
        QVERIFY(
            dialog.findChild<QLabel*>(QStringLiteral("messageLabel"))->text().contains(QStringLiteral("no statement")));
        dialog.findChild<QLineEdit*>(QStringLiteral("queryEdit"))->setText(OrdersQuery);
        QVERIFY(apply->isEnabled());
        QVERIFY(dialog.statementsText().contains(QStringLiteral("exclude_reflections(\"refl-1\")")));
    }

    void droppingAReflectionPicksTheQueryItServed()
    {
        QString error;
        const QString otherQuery = QStringLiteral("SELECT COUNT(*) FROM Sales.orders");
        QVERIFY2(test::addReflectionJobs(m_workspace->database(), QStringLiteral("refl-2"), OrdersQuery,
                     QStringLiteral("CHOSEN"), 3, 1700000000000LL, &error),
            qPrintable(error));
        QVERIFY2(test::addReflectionJobs(m_workspace->database(), QStringLiteral("refl-2"), otherQuery,
                     QStringLiteral("MATCHED"), 8, 1700005000000LL, &error),
            qPrintable(error));
        Recommendation drop = test::dropRecommendation(QStringLiteral("refl-2"));
        drop.id = RecommendationStore(m_workspace->database()).upsert(drop, &error);
        QVERIFY2(drop.id > 0, qPrintable(error));
        ApplyMeasureDialog dialog(m_workspace, drop);
        QSignalSpy picked(&dialog, &ApplyMeasureDialog::queryPicked);
        QVERIFY(picked.wait(30000));
        QVERIFY(picked.first().first().toBool());
        // The statement where the reflection was CHOSEN, shown with where it comes from.
        auto* query = dialog.findChild<QLineEdit*>(QStringLiteral("queryEdit"));
        QCOMPARE(query->text(), OrdersQuery);
        const QString origin = dialog.findChild<QLabel*>(QStringLiteral("queryOriginLabel"))->text();
        QVERIFY2(origin.contains(QLatin1String("job refl-2-CHOSEN-1700000000002")), qPrintable(origin));
        QVERIFY2(origin.contains(QLatin1String("chosen in 3 runs")), qPrintable(origin));
        QVERIFY2(dialog.statementsText().contains(OrdersQuery), qPrintable(dialog.statementsText()));
        QVERIFY(dialog.statementsText().contains(QStringLiteral("exclude_reflections(\"refl-2\")")));
        // The user may measure another query instead.
        query->setText(otherQuery);
        QVERIFY(dialog.statementsText().contains(otherQuery));
        QVERIFY(!dialog.statementsText().contains(OrdersQuery));
    }

    /// The plans of a before and an after job (downloaded profiles) side by side, differences marked.
    void showsTheDremioPlansSideBySide()
    {
        DOPT_REQUIRE_SAMPLE(aggregatePath, "profile_21.6_csv_agg_1.json");
        DOPT_REQUIRE_SAMPLE(downloadPath, "profile_download_21.6.2.zip");
        QByteArray afterProfile;
        QString error;
        QVERIFY2(ProfileZipReader::readLastAttempt(readSample(downloadPath), &afterProfile, &error), qPrintable(error));
        QVERIFY(m_server->setProfileForSql(QStringLiteral("exclude_reflections("), readSample(aggregatePath)));
        QVERIFY(m_server->setProfileForSql(QStringLiteral("consider_reflections("), afterProfile));
        ApplyMeasureDialog dialog(m_workspace, createReflection());
        const std::optional<MeasurementResult> result = measureOnce(dialog);
        m_server->clearJobProfiles();
        QVERIFY(result);
        QVERIFY2(result->state == QLatin1String("done"), qPrintable(result->error));
        QCOMPARE(result->verdict, QStringLiteral("improved"));
        PlanComparisonView* plans = dialog.plans();
        // Trees hold parents and children: count every operator shown.
        const auto operators = [](QTreeWidget* tree) {
            int count = 0;
            for (QTreeWidgetItemIterator it(tree); *it; ++it)
                ++count;
            return count;
        };
        QCOMPARE(operators(plans->beforeTree()), 9);
        QCOMPARE(operators(plans->afterTree()), 8);
        QVERIFY(plans->removedCount() > 0);
        QVERIFY2(plans->summaryText().contains(QLatin1String("only before")), qPrintable(plans->summaryText()));
        QVERIFY(m_server->workload().reflectionIds().isEmpty()); // not kept
    }

    void showsWhyADremioPlanIsMissing()
    {
        DOPT_REQUIRE_SAMPLE(aggregatePath, "profile_21.6_csv_agg_1.json");
        // The before job's download (the first) answers 500; the after job's profile arrives.
        m_server->addFault({QStringLiteral("POST /apiv2/support/"), FakeDremioServer::Fault::ServerError, 1});
        QVERIFY(m_server->setProfileForSql(QStringLiteral("consider_reflections("), readSample(aggregatePath)));
        ApplyMeasureDialog dialog(m_workspace, createReflection());
        const std::optional<MeasurementResult> result = measureOnce(dialog);
        m_server->clearFaults();
        m_server->clearJobProfiles();
        QVERIFY(result);
        QCOMPARE(result->verdict, QStringLiteral("improved")); // the verdict stands
        const QString summary = dialog.plans()->summaryText();
        QVERIFY2(summary.contains(QLatin1String("Plan before not captured: the profile download failed")),
            qPrintable(summary));
        QVERIFY2(summary.contains(QLatin1String("HTTP 500")), qPrintable(summary));
        QVERIFY(!summary.contains(QLatin1String("Plan after not captured")));
        QCOMPARE(dialog.plans()->beforeTree()->topLevelItemCount(), 0);
        QVERIFY(dialog.plans()->afterTree()->topLevelItemCount() > 0);
        QCOMPARE(dialog.plans()->removedCount(), 0);
    }
};

QTEST_MAIN(TestApplyMeasureDremio)
#include "tst_applymeasuredremio.moc"
