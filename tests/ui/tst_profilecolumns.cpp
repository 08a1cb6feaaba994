// The profile tree beside the job's SQL in a 1280×800 main window: its default columns fit the
// viewport without a horizontal scroll bar, in English and in French (longer headers), with a real
// Dremio profile; the header's menu hides and shows columns, remembered across views (QSettings),
// and "Reset columns" brings the defaults back.
#include "jobdetailview.h"
#include "mainwindow.h"
#include "plantreemodel.h"
#include "profile/dremioprofileparser.h"
#include "profileview.h"
#include "testdata.h"
#include "translationloader.h"

#include <QFile>
#include <QHeaderView>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

using namespace dopt;

namespace {
QAction* actionNamed(QMenu& menu, const QString& text)
{
    for (QAction* action : menu.actions())
        if (action->text() == text)
            return action;
    return nullptr;
}

int shownWidth(QHeaderView* header)
{
    int total = 0;
    for (int logical = 0; logical < header->count(); ++logical)
        total += header->isSectionHidden(logical) ? 0 : header->sectionSize(logical);
    return total;
}

bool showsDefaults(ProfileView& view)
{
    const QList<int> defaults = ProfileView::defaultColumns();
    for (int column = 0; column < PlanTreeModel::ColumnCount; ++column)
        if (view.view()->header()->isSectionHidden(column) == defaults.contains(column))
            return false;
    return true;
}
} // namespace

class TestProfileColumns : public QObject
{
    Q_OBJECT

    /// Opens the main window at its first-run size with a real profile in the tree and checks that
    /// the shown columns fit the tree's viewport.
    void checkDefaultColumnsFit(const char* language)
    {
        DOPT_REQUIRE_SAMPLE(path, "profile_25.x_hashjoin_skew.json");
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        ParsedProfile profile;
        QString error;
        QVERIFY2(DremioProfileParser::parse(file.readAll(), &profile, &error), qPrintable(error));
        QVERIFY(profile.tree.size() >= 7);

        MainWindow window; // no stored geometry: the first-run size
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.size(), QSize(1280, 800));
        ProfileView* profileView = window.detailView()->profileView();
        profileView->model()->setTree(profile.tree);
        QTreeView* view = profileView->view();
        view->expandAll(); // as ProfileView::showJob does
        view->doItemsLayout(); // columns sized to their contents now rather than on the next event loop turn
        QCoreApplication::processEvents();

        QHeaderView* header = view->header();
        const int viewport = view->viewport()->width();
        int total = 0;
        QStringList widths;
        for (int visual = 0; visual < header->count(); ++visual) {
            const int logical = header->logicalIndex(visual);
            if (header->isSectionHidden(logical))
                continue;
            total += header->sectionSize(logical);
            widths << QStringLiteral("%1 %2")
                          .arg(view->model()->headerData(logical, Qt::Horizontal).toString())
                          .arg(header->sectionSize(logical));
        }
        const QString measured = QStringLiteral("%1: shown columns %2 px, viewport %3 px (%4)")
                                     .arg(QLatin1String(language))
                                     .arg(total)
                                     .arg(viewport)
                                     .arg(widths.join(QStringLiteral(", ")));
        qInfo().noquote() << measured;
        QVERIFY2(viewport > 600, qPrintable(measured)); // the tree has its share of the window
        QVERIFY2(total <= viewport, qPrintable(measured));
        QVERIFY2(view->horizontalScrollBar()->maximum() == 0, qPrintable(measured));
        QVERIFY2(!view->horizontalScrollBar()->isVisible(), qPrintable(measured));
        // The essential columns are among those shown, and the operator column keeps room for the tree.
        for (int column : {PlanTreeModel::OperatorColumn, PlanTreeModel::OutputRowsColumn,
                 PlanTreeModel::ProcessTimeColumn, PlanTreeModel::PeakMemoryColumn, PlanTreeModel::TimeShareColumn})
            QVERIFY2(!header->isSectionHidden(column), qPrintable(measured));
        QVERIFY2(header->sectionSize(PlanTreeModel::OperatorColumn) >= viewport * 2 / 5, qPrintable(measured));
        // Headers are not cut: each shown column is at least as wide as its header text.
        for (int column = 0; column < PlanTreeModel::ColumnCount; ++column)
            if (!header->isSectionHidden(column))
                QVERIFY2(header->sectionSize(column) >= header->sectionSizeHint(column), qPrintable(measured));
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Never read or write the user's real settings.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("dopt-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_profilecolumns"));
    }

    void init() { QSettings().clear(); }

    void englishDefaultColumnsFitTheMainWindow() { checkDefaultColumnsFit("EN"); }

    void headerMenuShowsAndHidesColumnsAndRemembers()
    {
        const QString key = QStringLiteral("profileView/columns");
        {
            ProfileView profile;
            profile.resize(800, 600);
            profile.show();
            QVERIFY(QTest::qWaitForWindowExposed(&profile));
            QHeaderView* header = profile.view()->header();
            QCOMPARE(header->contextMenuPolicy(), Qt::CustomContextMenu);
            QVERIFY(showsDefaults(profile));
            QCOMPARE(shownWidth(header), profile.view()->viewport()->width());

            QMenu menu;
            profile.populateColumnMenu(&menu);
            QAction* operatorEntry = actionNamed(menu, QStringLiteral("Operator"));
            QVERIFY(operatorEntry && operatorEntry->isChecked());
            QVERIFY(!operatorEntry->isEnabled()); // the tree's own column stays
            QAction* threads = actionNamed(menu, QStringLiteral("Threads"));
            QVERIFY(threads && !threads->isChecked());
            const int operatorWidth = header->sectionSize(PlanTreeModel::OperatorColumn);
            threads->trigger(); // as a click does
            QVERIFY(!header->isSectionHidden(PlanTreeModel::ThreadsColumn));
            // The operator column gave up the room the new column takes: still no horizontal scrolling.
            QVERIFY(header->sectionSize(PlanTreeModel::ThreadsColumn) > 0);
            QCOMPARE(header->sectionSize(PlanTreeModel::OperatorColumn),
                operatorWidth - header->sectionSize(PlanTreeModel::ThreadsColumn));
            QCOMPARE(shownWidth(header), profile.view()->viewport()->width());
            QAction* memory = actionNamed(menu, QStringLiteral("Peak memory"));
            QVERIFY(memory && memory->isChecked());
            memory->trigger();
            QVERIFY(header->isSectionHidden(PlanTreeModel::PeakMemoryColumn));
            QCOMPARE(QSettings().value(key).toStringList(),
                QStringList({QStringLiteral("operator"), QStringLiteral("threads"), QStringLiteral("outputRows"),
                    QStringLiteral("processTime"), QStringLiteral("timeShare")}));
        }
        {
            ProfileView again; // the choice survives the view
            QHeaderView* header = again.view()->header();
            QVERIFY(!header->isSectionHidden(PlanTreeModel::ThreadsColumn));
            QVERIFY(header->isSectionHidden(PlanTreeModel::PeakMemoryColumn));
            QVERIFY(!showsDefaults(again));
            QMenu menu;
            again.populateColumnMenu(&menu);
            QAction* all = actionNamed(menu, QStringLiteral("Show all columns"));
            QVERIFY(all);
            all->trigger();
            for (int column = 0; column < PlanTreeModel::ColumnCount; ++column)
                QVERIFY(!header->isSectionHidden(column));
            QCOMPARE(QSettings().value(key).toStringList().size(), int(PlanTreeModel::ColumnCount));
            QAction* reset = actionNamed(menu, QStringLiteral("Reset columns"));
            QVERIFY(reset);
            reset->trigger();
            QVERIFY(showsDefaults(again));
            QVERIFY(!QSettings().contains(key));
        }
        ProfileView third;
        QVERIFY(showsDefaults(third));
    }

    void headersExplainThemselves()
    {
        PlanTreeModel model;
        for (int column = 0; column < PlanTreeModel::ColumnCount; ++column) {
            const QString title = model.headerData(column, Qt::Horizontal).toString();
            const QString tip = model.headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString();
            QVERIFY2(tip.length() > title.length() + 20, qPrintable(tip));
        }
        QCOMPARE(
            model.headerData(PlanTreeModel::OutputRowsColumn, Qt::Horizontal).toString(), QStringLiteral("Rows out"));
        QVERIFY(model.headerData(PlanTreeModel::OutputRowsColumn, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .startsWith(QLatin1String("Output rows: ")));
    }

    // Last: the French translator stays installed.
    void frenchDefaultColumnsFitTheMainWindow()
    {
        PlanTreeModel model;
        QStringList english;
        for (int column = 0; column < PlanTreeModel::ColumnCount; ++column)
            english << model.headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString();
        QVERIFY(TranslationLoader::install(qApp, QLocale(QLocale::French, QLocale::France)));
        for (int column = 0; column < PlanTreeModel::ColumnCount; ++column) // every meaning in French
            QVERIFY2(model.headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString() != english.at(column),
                qPrintable(english.at(column)));
        checkDefaultColumnsFit("FR");
        ProfileView profile;
        QMenu menu;
        profile.populateColumnMenu(&menu);
        QVERIFY(actionNamed(menu, QStringLiteral("Réinitialiser les colonnes")));
    }
};

QTEST_MAIN(TestProfileColumns)
#include "tst_profilecolumns.moc"
