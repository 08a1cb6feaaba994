#include "percentbardelegate.h"
#include "plantreemodel.h"
#include "profile/dremioprofileparser.h"
#include "testdata.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QIcon>
#include <QTest>
#include <QTreeView>

using namespace dopt;

namespace {
// Every node reachable from the roots, with its depth, in display order.
QVector<QPair<int, int>> walk(const QAbstractItemModel& model, const QModelIndex& parent = QModelIndex(), int depth = 0)
{
    QVector<QPair<int, int>> nodes;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        nodes.append({index.data(PlanTreeModel::NodeIndexRole).toInt(), depth});
        nodes += walk(model, index, depth + 1);
    }
    return nodes;
}

PlanNode node(int index, int parent, QVector<int> children, const QString& type, qint64 processNs)
{
    PlanNode n;
    n.index = index;
    n.parent = parent;
    n.children = std::move(children);
    n.key = QStringLiteral("00-%1").arg(index, 2, 10, QLatin1Char('0'));
    n.typeName = type;
    n.processNs = processNs;
    return n;
}

bool parseSample(const QString& path, ParsedProfile* profile, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1").arg(path);
        return false;
    }
    return DremioProfileParser::parse(file.readAll(), profile, error);
}
} // namespace

class TestPlanTreeModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void realSkewProfileFlagsSkewedOperators()
    {
        DOPT_REQUIRE_SAMPLE(path, "profile_25.x_hashjoin_skew.json");
        ParsedProfile profile;
        QString error;
        QVERIFY2(parseSample(path, &profile, &error), qPrintable(error));
        QVERIFY(!profile.tree.isEmpty());

        PlanTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTree(profile.tree);

        // Every operator is shown exactly once.
        const auto shown = walk(model);
        QCOMPARE(shown.size(), profile.tree.size());
        QSet<int> distinct;
        for (const auto& entry : shown)
            distinct.insert(entry.first);
        QCOMPARE(distinct.size(), profile.tree.size());

        QStringList flagged;
        QStringList expected;
        double fractions = 0;
        for (const auto& entry : shown) {
            const QModelIndex index = model.indexForNode(entry.first);
            const PlanNode& planNode = profile.tree.nodes[entry.first];
            QCOMPARE(index.data().toString(), planNode.key + QLatin1Char(' ') + planNode.typeName);
            fractions += model.indexForNode(entry.first, PlanTreeModel::TimeShareColumn)
                             .data(PlanTreeModel::FractionRole)
                             .toDouble();
            if (planNode.skewed)
                expected << planNode.typeName;
            if (index.data(PlanTreeModel::SkewedRole).toBool()) {
                flagged << index.data(Qt::DisplayRole).toString().section(QLatin1Char(' '), 1);
                QVERIFY(!index.data(Qt::DecorationRole).value<QIcon>().isNull());
                const QString tip = index.data(Qt::ToolTipRole).toString();
                QVERIFY2(tip.contains(QStringLiteral("min")) && tip.contains(QStringLiteral("max")), qPrintable(tip));
            } else {
                QVERIFY(index.data(Qt::DecorationRole).isNull());
            }
        }
        // Dremio's own skew test profile: the 70-thread operators are unevenly loaded.
        QVERIFY2(!flagged.isEmpty(), "no operator of the skew sample is flagged");
        QCOMPARE(flagged, expected);
        QVERIFY(qAbs(fractions - 1.0) < 1e-6);
        QCOMPARE(model.indexForNode(shown.first().first, PlanTreeModel::ThreadsColumn).data().toInt(), 70);
    }

    void realProfileKeepsProducerConsumerLinks()
    {
        DOPT_REQUIRE_SAMPLE(path, "profile_21.6_csv_agg_1.json");
        ParsedProfile profile;
        QString error;
        QVERIFY2(parseSample(path, &profile, &error), qPrintable(error));
        PlanTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTree(profile.tree);
        const auto shown = walk(model);
        QCOMPARE(shown.size(), profile.tree.size());
        for (const auto& entry : shown) {
            const QModelIndex index = model.indexForNode(entry.first);
            const QModelIndex parent = model.parent(index);
            const int expectedParent = profile.tree.nodes[entry.first].parent;
            QCOMPARE(parent.isValid() ? parent.data(PlanTreeModel::NodeIndexRole).toInt() : -1, expectedParent);
        }
        // The scan is the deepest leaf of this aggregate over a CSV file.
        const auto deepest = std::max_element(
            shown.begin(), shown.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
        QCOMPARE(profile.tree.nodes[deepest->first].typeName, QStringLiteral("TEXT_SUB_SCAN"));
    }

    void inconsistentLinksStillShowEveryNode_data()
    {
        QTest::addColumn<QVector<PlanNode>>("nodes");
        QTest::addColumn<QVector<int>>("roots");
        QTest::addColumn<int>("expectedRoots");

        QTest::newRow("consistent") << QVector<PlanNode> {node(0, -1, {1, 2}, QStringLiteral("HASH_JOIN"), 10),
            node(1, 0, {}, QStringLiteral("SCAN"), 20), node(2, 0, {}, QStringLiteral("SCAN"), 30)}
                                    << QVector<int> {0} << 1;
        QTest::newRow("child listed by the wrong parent")
            << QVector<PlanNode> {node(0, -1, {1, 2}, QStringLiteral("PROJECT"), 1),
                   node(1, 0, {}, QStringLiteral("SCAN"), 1), node(2, 1, {}, QStringLiteral("SCAN"), 1)}
            << QVector<int> {0} << 1;
        QTest::newRow("cycle") << QVector<PlanNode> {node(0, 1, {1}, QStringLiteral("A"), 1),
            node(1, 0, {0}, QStringLiteral("B"), 1)}
                               << QVector<int> {} << 1;
        QTest::newRow("parent out of range")
            << QVector<PlanNode> {node(0, 7, {}, QStringLiteral("A"), 0)} << QVector<int> {} << 1;
        QTest::newRow("empty") << QVector<PlanNode> {} << QVector<int> {} << 0;
    }

    void inconsistentLinksStillShowEveryNode()
    {
        QFETCH(QVector<PlanNode>, nodes);
        QFETCH(QVector<int>, roots);
        QFETCH(int, expectedRoots);
        PlanTree tree;
        tree.nodes = nodes;
        tree.roots = roots;
        PlanTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTree(tree);
        QCOMPARE(model.rowCount(), expectedRoots);
        QCOMPARE(walk(model).size(), nodes.size());
    }

    void percentBarDelegatePaints()
    {
        PlanTree tree;
        tree.nodes = {node(0, -1, {1}, QStringLiteral("SCREEN"), 250), node(1, 0, {}, QStringLiteral("SCAN"), 750)};
        tree.roots = {0};
        PlanTreeModel model;
        model.setTree(tree);
        QCOMPARE(
            model.indexForNode(1, PlanTreeModel::TimeShareColumn).data(PlanTreeModel::FractionRole).toDouble(), 0.75);
        QTreeView view;
        view.setModel(&model);
        view.setItemDelegateForColumn(
            PlanTreeModel::TimeShareColumn, new PercentBarDelegate(PlanTreeModel::FractionRole, &view));
        view.expandAll();
        view.resize(1400, 200);
        const QImage image = view.grab().toImage();
        QVERIFY(!image.isNull());
        // The bar of the 75 % row is wider than that of the 25 % row: count coloured pixels per row.
        const QRect small = view.visualRect(model.indexForNode(0, PlanTreeModel::TimeShareColumn));
        const QRect large = view.visualRect(model.indexForNode(1, PlanTreeModel::TimeShareColumn));
        const auto coloured = [&image, &view](const QRect& rect) {
            const QPoint offset = view.viewport()->mapTo(&view, QPoint(0, 0));
            int count = 0;
            const int y = rect.center().y() + offset.y();
            for (int x = rect.left(); x <= rect.right(); ++x) {
                const QColor c = image.pixelColor(x + offset.x(), y);
                count += c.saturation() > 60 ? 1 : 0;
            }
            return count;
        };
        QVERIFY2(coloured(large) > coloured(small) * 2,
            qPrintable(QStringLiteral("%1 vs %2").arg(coloured(large)).arg(coloured(small))));
    }
};

QTEST_MAIN(TestPlanTreeModel)
#include "tst_plantreemodel.moc"
