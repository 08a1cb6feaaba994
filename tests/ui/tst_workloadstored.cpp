// The Workload page reads the stored patterns when a workspace opens and recomputes them only when
// none are stored, when an import started after they were computed, or on the Recompute button.
#include "demoworkspace.h"
#include "ml/workloadview.h"
#include "store/workspace.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTreeWidget>
#include <QtTest>

using namespace dopt;

namespace {

qint64 scalar(QSqlDatabase db, const QString& sql)
{
    QSqlQuery query(db);
    return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
}

} // namespace

class TestWorkloadStored : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        const QString path = test::makeDemoWorkspace(QStringLiteral("workloadstored.dopt"), 2000, 0, &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        m_workspace = std::make_shared<Workspace>();
        QVERIFY2(m_workspace->open(path, &error), qPrintable(error));
    }

    void opensFromStoredPatternsAndRecomputesOnDemand()
    {
        QSqlDatabase db = m_workspace->database();
        // Nothing stored yet: the first open computes and stores.
        load();
        QVERIFY(m_view->lastLoadRecomputed());
        const qint64 stored = scalar(db, QStringLiteral("SELECT COUNT(*) FROM workload_patterns"));
        QVERIFY(stored > 0);
        QCOMPARE(qint64(m_view->patternList()->topLevelItemCount()), stored);
        const qint64 computed = scalar(db, QStringLiteral("SELECT MIN(computed_ms) FROM workload_patterns"));

        // Mark the stored rows: a fresh page shows them as stored, without rewriting them.
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("UPDATE workload_patterns SET confidence = 0.123")));
        load();
        QVERIFY(!m_view->lastLoadRecomputed());
        QCOMPARE(m_view->patternList()->topLevelItem(0)->text(1), QStringLiteral("12%"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT MIN(computed_ms) FROM workload_patterns")), computed);

        // The button recomputes and replaces them.
        QSignalSpy updated(m_view.get(), &WorkloadView::updated);
        m_view->recompute();
        QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty() && !m_view->isLoading(), 120000);
        QVERIFY(m_view->lastLoadRecomputed());
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM workload_patterns WHERE confidence = 0.123")), 0);
        QVERIFY(m_view->patternList()->topLevelItem(0)->text(1) != QStringLiteral("12%"));
    }

    void anImportAfterTheComputationMakesThemStale()
    {
        QSqlDatabase db = m_workspace->database();
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("UPDATE workload_patterns SET confidence = 0.123")));
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral("INSERT INTO import_runs (started_ms, status) VALUES (?, 'completed')"));
        insert.addBindValue(QDateTime::currentMSecsSinceEpoch() + 60000);
        QVERIFY(insert.exec());
        load();
        QVERIFY(m_view->lastLoadRecomputed());
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM workload_patterns WHERE confidence = 0.123")), 0);
    }

private:
    void load()
    {
        m_view = std::make_unique<WorkloadView>();
        QSignalSpy updated(m_view.get(), &WorkloadView::updated);
        m_view->setWorkspace(m_workspace);
        QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty() && !m_view->isLoading(), 120000);
    }

    std::shared_ptr<Workspace> m_workspace;
    std::unique_ptr<WorkloadView> m_view;
};

QTEST_MAIN(TestWorkloadStored)
#include "tst_workloadstored.moc"
