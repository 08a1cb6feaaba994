#include "analysis/recommendationstore.h"
#include "measure/applymeasuredialog.h"
#include "measure/measurementchart.h"
#include "measure/plancomparisonview.h"
#include "ordersindexrecommendation.h"
#include "postgresserver.h"
#include "store/sourcerepository.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace dopt;

/// "Apply & Measure" against a real PostgreSQL server: nothing runs before the user confirms the
/// statements; the index that helps is measured as an improvement with a live chart, the plans
/// differ where they should, and Revert removes the index again.
class TestApplyMeasureDialog : public QObject
{
    Q_OBJECT

private:
    test::PostgresServer m_server;
    QString m_url;
    std::shared_ptr<Workspace> m_workspace;
    Recommendation m_recommendation;

    QString indexCount()
    {
        QString error;
        return m_server
            .psql(QStringLiteral("shop"),
                QStringLiteral("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'orders_customer_id_idx'"), &error)
            .trimmed();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        // A planted problem: a selective filter on an unindexed column of a 300,000-row table.
        const QString schema
            = QStringLiteral("CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int NOT NULL, amount numeric, "
                             "note text); INSERT INTO orders (customer_id, amount, note) SELECT g % 20000, g * 0.5, "
                             "repeat('x', 80) FROM generate_series(1, 300000) g; ANALYZE orders;");
        if (!m_server.startWithDatabase(QStringLiteral("shop"), schema, &m_url, &reason))
            QSKIP(qPrintable(QStringLiteral("PostgreSQL is not available: ") + reason));
        QVERIFY2(!m_url.isEmpty(), qPrintable(reason));

        m_workspace = std::make_shared<Workspace>();
        QVERIFY2(m_workspace->open(dopt::test::tempDir() + QStringLiteral("/measure-gui.dopt"), &reason),
            qPrintable(reason));
        QVERIFY(SourceRepository(m_workspace->database())
                    .findOrCreate(QStringLiteral("postgres"), m_url, m_url, false, &reason)
            > 0);
        Recommendation r = test::ordersIndexRecommendation(
            QStringLiteral("customer_id"), QStringLiteral("SELECT id, amount FROM orders WHERE customer_id = 4242"));
        r.confidence = 0.9;
        r.score = 10;
        r.improvementShare = 0.8;
        RecommendationStore store(m_workspace->database());
        r.id = store.upsert(r, &reason);
        QVERIFY2(r.id > 0, qPrintable(reason));
        m_recommendation = r;
    }

    void nothingRunsBeforeConfirmation()
    {
        ApplyMeasureDialog dialog(m_workspace, m_recommendation);
        auto* apply = dialog.findChild<QPushButton*>(QStringLiteral("applyButton"));
        auto* target = dialog.findChild<QComboBox*>(QStringLiteral("targetCombo"));
        QTRY_COMPARE_WITH_TIMEOUT(target->currentText(), m_url, 30000); // prefilled from the workspace's sources
        QVERIFY(dialog.statementsText().contains(m_recommendation.applyStatements.first()));
        QVERIFY(dialog.statementsText().contains(m_recommendation.undoStatements.first()));
        QVERIFY(dialog.statementsText().contains(m_recommendation.measureSql));
        QVERIFY(!apply->isEnabled());
        dialog.findChild<QCheckBox*>(QStringLiteral("confirmCheck"))->setChecked(true);
        QVERIFY(apply->isEnabled());
        QCOMPARE(indexCount(), QStringLiteral("0"));
    }

    void measuresKeepsAndReverts()
    {
        ApplyMeasureDialog dialog(m_workspace, m_recommendation);
        auto* target = dialog.findChild<QComboBox*>(QStringLiteral("targetCombo"));
        QTRY_COMPARE_WITH_TIMEOUT(target->currentText(), m_url, 30000);
        dialog.findChild<QSpinBox*>(QStringLiteral("runsSpin"))->setValue(5);
        dialog.findChild<QCheckBox*>(QStringLiteral("confirmCheck"))->setChecked(true);
        QSignalSpy runs(&dialog, &ApplyMeasureDialog::runAdded);
        QSignalSpy finished(&dialog, &ApplyMeasureDialog::measurementFinished);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("applyButton")), Qt::LeftButton);
        QVERIFY(dialog.isRunning());
        QVERIFY(finished.wait(180000));
        const MeasurementResult result = dialog.result().value();
        QVERIFY2(result.state == QLatin1String("done"), qPrintable(result.error));
        QCOMPARE(result.verdict, QStringLiteral("improved"));
        QVERIFY2(dialog.verdictText().startsWith(QLatin1String("Improved")), qPrintable(dialog.verdictText()));
        // Every run reached the live chart before the distributions replaced it.
        QCOMPARE(runs.count(), int(result.runList.size()));
        QVERIFY(runs.count() >= 10);
        QVERIFY(dialog.chart()->showsDistribution());
        // For reviewers: the finished dialog as the user sees it.
        dialog.resize(1000, 820);
        QVERIFY(dialog.grab().save(QDir::current().filePath(QStringLiteral("apply-measure-dialog.png"))));
        // The plans differ: the sequential scan is gone, an index is used.
        QVERIFY(dialog.plans()->removedCount() >= 1);
        QVERIFY(dialog.plans()->addedCount() >= 1);

        // Kept in place by default: the index exists until Revert.
        QVERIFY(result.applied);
        QCOMPARE(indexCount(), QStringLiteral("1"));
        QSignalSpy decided(&dialog, &ApplyMeasureDialog::decisionFinished);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("revertButton")), Qt::LeftButton);
        QVERIFY(decided.wait(60000));
        QVERIFY2(decided.first().first().toBool(), qPrintable(decided.first().at(1).toString()));
        QCOMPARE(indexCount(), QStringLiteral("0"));
        const auto stored = RecommendationStore(m_workspace->database()).get(m_recommendation.id);
        QCOMPARE(stored->status, QString::fromLatin1(Recommendation::StatusReverted));
    }

    void dremioRecommendationsSayWhyNot()
    {
        Recommendation dremio = m_recommendation;
        dremio.engine = QStringLiteral("dremio");
        ApplyMeasureDialog dialog(m_workspace, dremio);
        dialog.findChild<QCheckBox*>(QStringLiteral("confirmCheck"))->setChecked(true);
        QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("applyButton"))->isEnabled());
        QVERIFY(
            dialog.findChild<QLabel*>(QStringLiteral("messageLabel"))->text().contains(QLatin1String("PostgreSQL")));
    }
};

QTEST_MAIN(TestApplyMeasureDialog)
#include "tst_applymeasuredialog.moc"
