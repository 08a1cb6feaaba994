#include "analysis/recommendationstore.h"
#include "interfacelanguage.h"
#include "recommendations/recommendationsview.h"
#include "recommendations/recommendationtablemodel.h"
#include "recommendations/sqldiffview.h"
#include "sqlview.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QComboBox>
#include <QHeaderView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTextBlock>

using namespace dopt;

namespace {

Recommendation make(const QString& detector, Severity severity, double score, const QString& dataset)
{
    Recommendation r;
    r.detector = detector;
    r.key = Recommendation::makeKey(detector, QStringLiteral("fp-") + detector, dataset);
    r.action = ActionKind::SqlRewrite;
    r.severity = severity;
    r.confidence = 0.8;
    r.score = score;
    r.title = QStringLiteral("%1 on %2").arg(detector, dataset);
    r.rationale = QStringLiteral("because");
    r.fingerprint = QStringLiteral("fp-") + detector;
    r.dataset = dataset;
    r.frequency = 120;
    r.currentCostMs = 360000;
    r.improvementMs = 90000;
    r.jobIds = {QStringLiteral("job-1")};
    r.evidence = {{QStringLiteral("files_read"), 4200, QStringLiteral("files")}};
    r.sqlBefore = QStringLiteral("SELECT id\nFROM sales.orders\nWHERE id NOT IN (SELECT order_id FROM sales.returns)");
    r.sqlAfter = QStringLiteral("SELECT id\nFROM sales.orders o\nWHERE NOT EXISTS (SELECT 1 FROM sales.returns r WHERE "
                                "r.order_id = o.id)");
    r.applyStatements = {};
    r.measureSql = r.sqlAfter;
    return r;
}

} // namespace

/// The recommendations page on a real workspace: ranked list, filters, details with the side-by-side
/// rewrite diff, and dismissing one (written to the store from a worker).
class TestRecommendationsView : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<Workspace> m_workspace;

    static bool reloadAndWait(RecommendationsView& view)
    {
        QSignalSpy loaded(&view, &RecommendationsView::loaded);
        view.reload();
        return loaded.wait(30000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_workspace = std::make_shared<Workspace>();
        QString error;
        QVERIFY2(m_workspace->open(dopt::test::tempDir() + QStringLiteral("/recommendations.dopt"), &error),
            qPrintable(error));
        RecommendationStore store(m_workspace->database());
        QVERIFY2(
            store.replace(
                {make(QStringLiteral("subquery_rewrite"), Severity::High, 50, QStringLiteral("sales.orders")),
                    make(QStringLiteral("partition_pruning"), Severity::Medium, 80, QStringLiteral("sales.events")),
                    make(QStringLiteral("select_star"), Severity::Low, 10, QStringLiteral("sales.orders"))},
                &error),
            qPrintable(error));
    }

    void listsByRankAndFilters()
    {
        RecommendationsView view;
        QSignalSpy loaded(&view, &RecommendationsView::loaded);
        view.setWorkspace(m_workspace);
        QVERIFY(loaded.wait(30000));
        QCOMPARE(view.model()->rowCount(), 3);
        QCOMPARE(view.model()->at(0)->detector, QStringLiteral("partition_pruning")); // best score first
        QCOMPARE(view.model()->at(0)->rank, 1);
        QCOMPARE(view.statusText(), QStringLiteral("3 of 3 shown"));

        auto* severity = view.findChild<QComboBox*>(QStringLiteral("severityFilter"));
        loaded.clear();
        severity->setCurrentIndex(severity->findData(int(Severity::Medium)));
        QVERIFY(loaded.wait(30000));
        QCOMPARE(view.model()->rowCount(), 2);
        for (const Recommendation& r : view.model()->recommendations())
            QVERIFY(r.severity >= Severity::Medium);

        auto* detector = view.findChild<QComboBox*>(QStringLiteral("detectorFilter"));
        loaded.clear();
        detector->setCurrentIndex(detector->findData(QStringLiteral("subquery_rewrite")));
        QVERIFY(loaded.wait(30000));
        QCOMPARE(view.model()->rowCount(), 1);
        QCOMPARE(view.statusText(), QStringLiteral("1 of 3 shown"));
    }

    void showsTheRewriteSideBySide()
    {
        RecommendationsView view;
        QSignalSpy loaded(&view, &RecommendationsView::loaded);
        view.setWorkspace(m_workspace);
        QVERIFY(loaded.wait(30000));
        view.selectRow(0);
        QVERIFY(view.current());
        SqlDiffView* diff = view.diffView();
        QVERIFY(!diff->diff().identical);
        // Both sides have the same number of rows, so they line up.
        QCOMPARE(diff->leftView()->document()->blockCount(), diff->rightView()->document()->blockCount());
        QCOMPARE(diff->leftView()->document()->findBlockByNumber(0).text(), QStringLiteral("SELECT id"));
        QVERIFY(diff->markedSpans(false) > 0);
        QVERIFY(diff->markedSpans(true) > 0);
        QVERIFY(diff->rightView()->toPlainText().contains(QLatin1String("NOT EXISTS")));
        QVERIFY(!diff->rightView()->extraSelections().isEmpty());
        // Nothing here can apply the change: the button stays hidden.
        QVERIFY(!view.findChild<QPushButton*>(QStringLiteral("applyButton"))->isVisible());
    }

    void headersAreReadableWhole()
    {
        // French headers are longer ("Jeu de données"): no column but the stretched title cuts its header.
        const test::InterfaceLanguage french(QLocale(QLocale::French, QLocale::France));
        QVERIFY(french.isReady());
        RecommendationsView view;
        const QHeaderView* header = view.table()->horizontalHeader();
        QCOMPARE(header->model()->headerData(RecommendationTableModel::DatasetColumn, Qt::Horizontal).toString(),
            QStringLiteral("Jeu de données"));
        for (int column = 0; column < header->count(); ++column) {
            if (column != RecommendationTableModel::TitleColumn)
                QVERIFY2(header->sectionSize(column) >= header->sectionSizeHint(column),
                    qPrintable(header->model()->headerData(column, Qt::Horizontal).toString()));
        }
    }

    void actionIsShownInWords()
    {
        RecommendationsView view;
        QSignalSpy loaded(&view, &RecommendationsView::loaded);
        view.setWorkspace(m_workspace);
        QVERIFY(loaded.wait(30000));
        const QModelIndex action = view.model()->index(0, RecommendationTableModel::ActionColumn);
        QCOMPARE(action.data().toString(), QStringLiteral("rewrite the SQL")); // not the stored id sql_rewrite
        view.selectRow(0);
        QVERIFY(view.detailsText().contains(QStringLiteral("rewrite the SQL")));
        QVERIFY(!view.detailsText().contains(QStringLiteral("sql_rewrite")));
    }

    void dismissIsStored()
    {
        RecommendationsView view;
        QSignalSpy loaded(&view, &RecommendationsView::loaded);
        view.setWorkspace(m_workspace);
        QVERIFY(loaded.wait(30000));
        view.selectRow(1);
        const qint64 id = view.current()->id;
        loaded.clear();
        QTest::mouseClick(view.findChild<QPushButton*>(QStringLiteral("dismissButton")), Qt::LeftButton);
        QVERIFY(loaded.wait(30000));
        const std::optional<Recommendation> stored = RecommendationStore(m_workspace->database()).get(id);
        QVERIFY(stored.has_value());
        QCOMPARE(stored->status, QString::fromLatin1(Recommendation::StatusDismissed));
        QVERIFY(reloadAndWait(view));
    }

    void emptyWorkspaceSaysWhatToDo()
    {
        auto empty = std::make_shared<Workspace>();
        QString error;
        QVERIFY2(empty->open(dopt::test::tempDir() + QStringLiteral("/empty-recs.dopt"), &error), qPrintable(error));
        RecommendationsView view;
        QSignalSpy loaded(&view, &RecommendationsView::loaded);
        view.setWorkspace(empty);
        QVERIFY(loaded.wait(30000));
        QCOMPARE(view.model()->rowCount(), 0);
        QVERIFY(view.statusText().contains(QLatin1String("Analyze Workspace")));
    }
};

QTEST_MAIN(TestRecommendationsView)
#include "tst_recommendationsview.moc"
