// The profile view's detail pane: selecting an operator of a real Dremio profile shows its plan
// attributes and its metrics by name; an operator of an unknown type shows its numeric code.
#include "operatordetailview.h"
#include "plantreemodel.h"
#include "profile/dremioprofileparser.h"
#include "profileview.h"
#include "testdata.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>
#include <QTreeView>

using namespace dopt;

class tst_OperatorDetail : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsAttributesAndMetricsOfSelectedOperator()
    {
        DOPT_REQUIRE_SAMPLE(path, "profile_21.6_csv_agg_1.json");
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        ParsedProfile profile;
        QString error;
        QVERIFY2(DremioProfileParser::parse(file.readAll(), &profile, &error), qPrintable(error));

        ProfileView view;
        view.resize(900, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.model()->setTree(profile.tree);
        QVERIFY(view.detailView()->toPlainText().contains(QLatin1String("Select an operator")));

        QVERIFY(view.selectOperator(QStringLiteral("00-08")));
        const QString scan = view.detailView()->toPlainText();
        QVERIFY2(scan.contains(QLatin1String("Operator 00-08: TEXT_SUB_SCAN")), qPrintable(scan));
        QVERIFY2(scan.contains(QRegularExpression(QStringLiteral("splits\\s+1\\s"))), qPrintable(scan));
        QVERIFY2(scan.contains(QLatin1String("SF weather 2018-2019.csv")), qPrintable(scan));
        QVERIFY2(scan.contains(QLatin1String("NUM_READERS")), qPrintable(scan));

        QVERIFY(view.selectOperator(QStringLiteral("00-06")));
        const QString agg = view.detailView()->toPlainText();
        QVERIFY2(agg.contains(QLatin1String("HASH_AGGREGATE")) && agg.contains(QLatin1String("{0, 1}"))
                && agg.contains(QLatin1String("SPILL_COUNT")),
            qPrintable(agg));

        view.model()->clear(); // no operator any more: the pane says so instead of showing a stale one
        QVERIFY(view.detailView()->toPlainText().contains(QLatin1String("Select an operator")));
    }

    void unknownTypeShowsItsCode()
    {
        PlanTree tree;
        PlanNode node;
        node.index = 0;
        node.key = QStringLiteral("02-05");
        node.operatorType = 999;
        node.typeName = QStringLiteral("UNKNOWN_999");
        node.metrics.insert(QStringLiteral("METRIC_500"), 1234567);
        tree.nodes.append(node);
        tree.roots.append(0);
        ProfileView view;
        view.model()->setTree(tree);
        QVERIFY(view.selectOperator(QStringLiteral("02-05")));
        const QString text = view.detailView()->toPlainText();
        QVERIFY2(text.contains(QLatin1String("UNKNOWN_999")) && text.contains(QLatin1String("999)")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("METRIC_500")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("no attributes")), qPrintable(text));
    }
};

QTEST_MAIN(tst_OperatorDetail)
#include "tst_operatordetail.moc"
