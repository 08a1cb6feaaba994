// "Apply & Measure" of Dremio recommendations in the dialog, against the fake Dremio (its speed-ups
// are its own: the dialog's protocol, confirmation, live chart, verdict and revert are tested).
#include "analysis/recommendationstore.h"
#include "coretexts.h"
#include "dremiomeasurefixtures.h"
#include "fakedremioserver.h"
#include "measure/applymeasuredialog.h"
#include "measure/measurementchart.h"
#include "sources/dremio/dremiosourcerepository.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

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
        Recommendation drop;
        drop.key = QStringLiteral("reflection_unused||refl-1");
        drop.detector = QStringLiteral("reflection_unused");
        drop.action = ActionKind::DropReflection;
        drop.title = QStringLiteral("Drop unused reflection");
        drop.definition = QJsonObject {{QStringLiteral("reflectionId"), QStringLiteral("refl-1")}};
        QString error;
        drop.id = RecommendationStore(m_workspace->database()).upsert(drop, &error);
        ApplyMeasureDialog dialog(m_workspace, drop);
        auto* target = dialog.findChild<QComboBox*>(QStringLiteral("targetCombo"));
        QTRY_COMPARE_WITH_TIMEOUT(target->currentText(), m_displayName, 30000);
        dialog.findChild<QCheckBox*>(QStringLiteral("confirmCheck"))->setChecked(true);
        auto* apply = dialog.findChild<QPushButton*>(QStringLiteral("applyButton"));
        QVERIFY(!apply->isEnabled());
        QVERIFY(
            dialog.findChild<QLabel*>(QStringLiteral("messageLabel"))->text().contains(QStringLiteral("no statement")));
        dialog.findChild<QLineEdit*>(QStringLiteral("queryEdit"))->setText(OrdersQuery);
        QVERIFY(apply->isEnabled());
        QVERIFY(dialog.statementsText().contains(QStringLiteral("exclude_reflections(\"refl-1\")")));
    }
};

QTEST_MAIN(TestApplyMeasureDremio)
#include "tst_applymeasuredremio.moc"
