#include "profile/dremiometricnames.h"
#include "profile/dremiooperatortypes.h"
#include "profile/dremioplantext.h"
#include "profile/dremioprofileparser.h"
#include "testdata.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QtTest>

using namespace dopt;

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    return file.readAll();
}

ParsedProfile parseOk(const QByteArray& json)
{
    ParsedProfile profile;
    QString error;
    const bool ok = DremioProfileParser::parse(json, &profile, &error);
    if (!ok)
        qWarning("parse failed: %s", qPrintable(error));
    return ok ? profile : ParsedProfile();
}

bool hasWarning(const ParsedProfile& profile, const QString& part)
{
    for (const QString& warning : profile.tree.warnings) {
        if (warning.contains(part))
            return true;
    }
    return false;
}

QStringList childKeys(const PlanTree& tree, const QString& key)
{
    QStringList keys;
    const PlanNode* node = tree.find(key);
    if (node) {
        for (int child : node->children)
            keys.append(tree.nodes[child].key);
    }
    return keys;
}

// Synthetic operator profile entry (labelled synthetic: built from the field definitions in dremio.md §2.3).
QJsonObject op(int id, int type, QJsonArray inputs, qint64 processNs = 1000, QJsonArray metrics = {})
{
    QJsonArray inputProfile;
    for (const QJsonValue& records : inputs)
        inputProfile.append(QJsonObject {{QStringLiteral("records"), records}, {QStringLiteral("size"), 10}});
    return {{QStringLiteral("operatorId"), id}, {QStringLiteral("operatorType"), type},
        {QStringLiteral("inputProfile"), inputProfile}, {QStringLiteral("processNanos"), processNs},
        {QStringLiteral("metric"), metrics}};
}

QJsonObject fragment(int major, QJsonArray operators)
{
    const QJsonObject minor {{QStringLiteral("minorFragmentId"), 0}, {QStringLiteral("operatorProfile"), operators}};
    return {{QStringLiteral("majorFragmentId"), major}, {QStringLiteral("minorFragmentProfile"), QJsonArray {minor}}};
}

// Two fragments: 00: SCREEN <- UNORDERED_RECEIVER; 01: SINGLE_SENDER <- HASH_JOIN <- (probe 01-03 text scan,
// build 01-02 parquet scan). Ids follow Dremio's numbering: a join's inputs are numbered right (build) first.
QJsonObject twoFragmentProfile()
{
    const QJsonArray f0 {op(0, 13, {40}), op(1, 11, {40})};
    const QJsonArray f1 {op(0, 0, {40}), op(1, 4, {100, 7}), op(2, 21, {7}), op(3, 28, {100})};
    return {{QStringLiteral("id"), QJsonObject {{QStringLiteral("part1"), 1}, {QStringLiteral("part2"), 2}}},
        {QStringLiteral("fragmentProfile"), QJsonArray {fragment(0, f0), fragment(1, f1)}}};
}

QByteArray toJson(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// jsonPlan keys and field names carry literal quotes (dremio.md §2.3).
QString quoted(const char* name)
{
    return QLatin1Char('"') + QLatin1String(name) + QLatin1Char('"');
}

QJsonObject planNode(const char* opClass, const QJsonArray& inputs)
{
    return {{quoted("op"), QLatin1String(opClass)}, {quoted("inputs"), inputs}};
}

} // namespace

class TestDremioProfileParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void skewProfileOperators()
    {
        DOPT_REQUIRE_SAMPLE(path, "profile_25.x_hashjoin_skew.json");
        const ParsedProfile profile = parseOk(readAll(path));
        const PlanTree& tree = profile.tree;
        // Checked against the file: one major fragment, 70 minor fragments, each running the same 7 operators.
        QCOMPARE(tree.size(), 7);
        QCOMPARE(tree.operatorTypeCount(), 5);
        for (const PlanNode& node : tree.nodes)
            QCOMPARE(node.threadCount, 70);
        QCOMPARE(tree.ofType(QStringLiteral("PROJECT")).size(), 2);
        QCOMPARE(tree.ofType(QStringLiteral("UNORDERED_RECEIVER")).size(), 2);

        const PlanNode* join = tree.find(QStringLiteral("00-02"));
        QVERIFY(join);
        QCOMPARE(join->typeName, QStringLiteral("HASH_JOIN"));
        QCOMPARE(join->inputRecordsPerInput, (QVector<qint64> {6915089, 630}));
        QCOMPARE(join->inputRecords, 6915089 + 630);
        // The file has no metrics map and no version: id 20 is OUTPUT_RECORDS in the 21.x numbering,
        // which the parser must pick because that figure equals what the consumer 00-01 received.
        QCOMPARE(join->metrics.value(QStringLiteral("OUTPUT_RECORDS")), 6629628);
        QCOMPARE(join->outputRecords, 6629628);
        QCOMPARE(tree.find(QStringLiteral("00-01"))->inputRecords, 6629628);
        QVERIFY(hasWarning(profile, QStringLiteral("metric names from the Dremio 21.x table")));

        const PlanNode* sender = tree.find(QStringLiteral("00-00"));
        QCOMPARE(sender->typeName, QStringLiteral("HASH_PARTITION_SENDER"));
        QCOMPARE(sender->metrics.value(QStringLiteral("RECORDS_SENT")), 6629628);
        QCOMPARE(sender->outputRecords, 6629628);
        QCOMPARE(sender->peakMemoryBytes, 550649856);
        QCOMPARE(sender->setupNs, 1868064848);
        QCOMPARE(sender->processNs, 8400726394);
        QCOMPARE(sender->processNsSpread.max, 4924883647.0);
        QCOMPARE(sender->processNsSpread.min, 1531299.0);
        QCOMPARE(tree.find(QStringLiteral("00-04"))->waitNs, 951798904);
    }

    void skewProfileShapeAndSkew()
    {
        DOPT_REQUIRE_SAMPLE(path, "profile_25.x_hashjoin_skew.json");
        const ParsedProfile profile = parseOk(readAll(path));
        const PlanTree& tree = profile.tree;
        // No plan in the file: links come from Dremio's operator numbering (breadth-first, inputs reversed).
        QCOMPARE(tree.roots.size(), 1);
        QCOMPARE(tree.nodes[tree.roots.first()].key, QStringLiteral("00-00"));
        QCOMPARE(childKeys(tree, QStringLiteral("00-00")), QStringList {QStringLiteral("00-01")});
        QCOMPARE(
            childKeys(tree, QStringLiteral("00-02")), (QStringList {QStringLiteral("00-04"), QStringLiteral("00-03")}));
        QCOMPARE(childKeys(tree, QStringLiteral("00-04")), QStringList {QStringLiteral("00-05")});
        QCOMPARE(childKeys(tree, QStringLiteral("00-05")), QStringList {QStringLiteral("00-06")});
        QCOMPARE(tree.find(QStringLiteral("00-03"))->outputRecords, 630); // the build side feeds input 1
        // A table function reports the rows it produces as its input: no output figure for its producer.
        QCOMPARE(tree.find(QStringLiteral("00-05"))->outputRecords, -1);
        QCOMPARE(tree.find(QStringLiteral("00-04"))->outputRecords, 6915089);

        QSet<QString> skewed;
        for (const PlanNode& node : tree.nodes) {
            if (node.skewed)
                skewed.insert(node.key);
        }
        // Computed from the file: > 1 s processing and 61 of 70 threads below average for these three.
        QCOMPARE(skewed, (QSet<QString> {QStringLiteral("00-00"), QStringLiteral("00-02"), QStringLiteral("00-04")}));

        QCOMPARE(profile.job.jobId, QStringLiteral("1d717dad-89ab-c208-89ca-9d301b2b4238"));
        QCOMPARE(profile.job.state, QStringLiteral("COMPLETED"));
        QCOMPARE(profile.job.durationMs.value_or(-1), 1653506674483 - 1653506641286);
        QVERIFY(profile.job.sql.isEmpty());
    }

    void csvAggregateJob()
    {
        DOPT_REQUIRE_SAMPLE(path, "profile_21.6_csv_agg_1.json");
        const ParsedProfile profile = parseOk(readAll(path));
        const Job& job = profile.job;
        QCOMPARE(job.jobId, QStringLiteral("1cb80d46-af06-c937-6391-32ad4fae4f00"));
        QCOMPARE(job.attempt, 0);
        QVERIFY(job.sql.startsWith(QLatin1String("SELECT \"SF weather 2018-2019.csv\".\"DATE\"")));
        QCOMPARE(job.user, QStringLiteral("rssvihla"));
        QCOMPARE(job.state, QStringLiteral("COMPLETED"));
        QCOMPARE(job.queue, QStringLiteral("Low Cost User Queries"));
        QCOMPARE(job.queryType, QStringLiteral("UI_RUN"));
        QVERIFY(qAbs(job.plannerCost.value_or(0) - 1012321.04) < 0.01);
        QCOMPARE(job.submittedMs.value_or(0), 1665659576641);
        QCOMPARE(job.durationMs.value_or(0), 1665659579063 - 1665659576641);
        QCOMPARE(
            job.datasets, QStringList {QStringLiteral("Samples.\"samples.dremio.com\".\"SF weather 2018-2019.csv\"")});
        QVERIFY(!job.accelerated);
        QCOMPARE(job.rowsReturned.value_or(-1), 1);
        QVERIFY(profile.engineVersion.startsWith(QLatin1String("21.6.0")));
        QCOMPARE(profile.reflectionsConsidered, 0);

        // stateList 1,2,3,5,4,6,7,8,9: ENGINE_START and QUEUED share a start time and keep file order.
        QStringList names;
        for (const JobPhase& phase : job.phases)
            names.append(phase.name);
        QCOMPARE(names,
            QStringList({QStringLiteral("PENDING"), QStringLiteral("METADATA_RETRIEVAL"), QStringLiteral("PLANNING"),
                QStringLiteral("ENGINE_START"), QStringLiteral("QUEUED"), QStringLiteral("EXECUTION_PLANNING"),
                QStringLiteral("STARTING"), QStringLiteral("RUNNING"), QStringLiteral("COMPLETED")}));
        QCOMPARE(job.phases[2].durationMs, 1665659578144 - 1665659578097); // PLANNING
        QCOMPARE(job.phases[1].durationMs, 1665659578097 - 1665659576641); // METADATA_RETRIEVAL
        QCOMPARE(job.phases[7].durationMs, 1665659579063 - 1665659578161); // RUNNING
        QCOMPARE(job.phases.last().durationMs, 0);
    }

    void csvAggregateTree()
    {
        DOPT_REQUIRE_SAMPLE(path, "profile_21.6_csv_agg_1.json");
        const ParsedProfile profile = parseOk(readAll(path));
        const PlanTree& tree = profile.tree;
        QCOMPARE(tree.size(), 9);
        QSet<QString> types;
        for (const PlanNode& node : tree.nodes)
            types.insert(node.typeName);
        QCOMPARE(types,
            (QSet<QString> {QStringLiteral("SCREEN"), QStringLiteral("PROJECT"), QStringLiteral("WRITER_COMMITTER"),
                QStringLiteral("ARROW_WRITER"), QStringLiteral("HASH_AGGREGATE"), QStringLiteral("TEXT_SUB_SCAN")}));
        // jsonPlan: a chain 00-00 <- 00-01 <- ... <- 00-08.
        QCOMPARE(tree.roots.size(), 1);
        const auto order = tree.depthFirst();
        QCOMPARE(order.size(), 9);
        for (int i = 0; i < order.size(); ++i) {
            QCOMPARE(tree.nodes[order[i].first].key, QStringLiteral("00-0%1").arg(i));
            QCOMPARE(order[i].second, i);
        }
        const PlanNode* scan = tree.find(QStringLiteral("00-08"));
        QCOMPARE(scan->estimatedRows, 5288.0);
        QVERIFY2(scan->detail.startsWith(QLatin1String("EasyScan table=Samples.")), qPrintable(scan->detail));
        QCOMPARE(scan->outputRecords, 485); // what 00-07 received
        QVERIFY(qAbs(tree.find(QStringLiteral("00-06"))->estimatedRows - 1004.72) < 0.001);
        QCOMPARE(tree.find(QStringLiteral("00-06"))->detail, QStringLiteral("HashAgg"));
        // Names come from the profile's own map.
        const PlanNode* agg = tree.find(QStringLiteral("00-06"));
        QCOMPARE(agg->metrics.value(QStringLiteral("NUM_BUCKETS")), 32768);
        QVERIFY(agg->metrics.contains(QStringLiteral("SPILL_COUNT")));
        QCOMPARE(scan->metrics.value(QStringLiteral("NUM_READERS")), 1);
        QCOMPARE(tree.find(QStringLiteral("00-00"))->metrics.value(QStringLiteral("BYTES_SENT")), 964);
        // The 21.6 map has no entry for TEXT_SUB_SCAN; it runs as a ScanOperator, so the scan ids apply.
        QCOMPARE(scan->metrics.value(QStringLiteral("NUM_IO_READ")), 9);
        QCOMPARE(scan->metrics.value(QStringLiteral("NUM_METADATA_IO_READ")), 2);
        QCOMPARE(tree.warnings,
            QStringList(
                {QStringLiteral(
                     "TEXT_SUB_SCAN: metric names missing from the profile's map, taken from the Dremio 21.x table"),
                    QStringLiteral("WRITER_COMMITTER: metric ids 3, 4, 5, 6, 7 have no name (kept as METRIC_<id>)")}));
    }

    /// Every plan attribute of an operator, from jsonPlan's values or the text plan's name=[value]
    /// pairs, with the same names and values on the real sample.
    void planEntryAttributes_data()
    {
        QTest::addColumn<bool>("textPlan");
        QTest::newRow("jsonPlan") << false;
        QTest::newRow("plan text") << true;
    }
    void planEntryAttributes()
    {
        QFETCH(bool, textPlan);
        DOPT_REQUIRE_SAMPLE(path, "profile_21.6_csv_agg_1.json");
        const QJsonObject object = QJsonDocument::fromJson(readAll(path)).object();
        QVector<DremioPlanText::Entry> entries;
        if (textPlan) {
            entries = DremioPlanText::entriesFromText(object.value(QLatin1String("plan")).toString());
        } else {
            const QByteArray json = object.value(QLatin1String("jsonPlan")).toString().toUtf8();
            QString error;
            QVERIFY2(DremioPlanText::entriesFromJson(
                         std::string_view(json.constData(), size_t(json.size())), &entries, &error),
                qPrintable(error));
        }
        const auto attributesOf = [&](int op) {
            for (const DremioPlanText::Entry& entry : std::as_const(entries))
                if (entry.majorFragment == 0 && entry.operatorId == op)
                    return entry.attributes;
            return QVector<QPair<QString, QString>>();
        };
        const auto valueOf = [&](int op, const QString& name) {
            for (const auto& [attribute, value] : attributesOf(op))
                if (attribute == name)
                    return value;
            return QStringLiteral("<missing>");
        };
        QCOMPARE(attributesOf(8).size(), 3);
        QCOMPARE(attributesOf(8).at(0).first, QStringLiteral("table"));
        QCOMPARE(valueOf(8, QStringLiteral("table")),
            QStringLiteral("Samples.\"samples.dremio.com\".\"SF weather 2018-2019.csv\""));
        QCOMPARE(valueOf(8, QStringLiteral("columns")), QStringLiteral("`ELEVATION`, `DATE`, `TAVG`, `TMAX`, `TMIN`"));
        QCOMPARE(valueOf(8, QStringLiteral("splits")), QStringLiteral("1"));
        QCOMPARE(valueOf(6, QStringLiteral("group")), QStringLiteral("{0, 1}"));
        QVERIFY(attributesOf(0).isEmpty()); // Screen has none
        // The plan forms list aggregates differently: jsonPlan as one "aggs" list, the text plan as
        // one attribute per output column.
        if (textPlan)
            QCOMPARE(valueOf(6, QStringLiteral("Maximum_TAVG")), QStringLiteral("MAX($2)"));
        else
            QCOMPARE(valueOf(6, QStringLiteral("aggs")), QStringLiteral("[MAX($2), MIN($3), MAX($4)]"));
    }

    void attributeListReadsNestedBrackets()
    {
        const auto list = DremioPlanText::attributeList(
            u"condition=[AND(=($0, $1), >($2, 3))], joinType=[inner], filters=[[Filter on `a`: equal(`a`, 1) ]], bad");
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.at(0),
            (QPair<QString, QString> {QStringLiteral("condition"), QStringLiteral("AND(=($0, $1), >($2, 3))")}));
        QCOMPARE(list.at(1).second, QStringLiteral("inner"));
        QCOMPARE(list.at(2),
            (QPair<QString, QString> {QStringLiteral("filters"), QStringLiteral("[Filter on `a`: equal(`a`, 1) ]")}));
        QVERIFY(DremioPlanText::attributeList(u"").isEmpty());
        QCOMPARE(DremioPlanText::attributeList(u"x=[unclosed").value(0).second, QStringLiteral("unclosed"));
    }

    void csvAggregatePlanTextFallback_data()
    {
        QTest::addColumn<QStringList>("removed");
        QTest::newRow("plan text") << QStringList {QStringLiteral("jsonPlan")};
        QTest::newRow("operator numbering") << QStringList {QStringLiteral("jsonPlan"), QStringLiteral("plan")};
    }

    void csvAggregatePlanTextFallback()
    {
        QFETCH(QStringList, removed);
        DOPT_REQUIRE_SAMPLE(path, "profile_21.6_csv_agg_1.json");
        QJsonObject object = QJsonDocument::fromJson(readAll(path)).object();
        for (const QString& key : removed)
            object.remove(key);
        const ParsedProfile profile = parseOk(toJson(object));
        const PlanTree& tree = profile.tree;
        const auto order = tree.depthFirst();
        QCOMPARE(order.size(), 9);
        for (int i = 0; i < order.size(); ++i)
            QCOMPARE(order[i].second, i);
        const PlanNode* scan = tree.find(QStringLiteral("00-08"));
        if (removed.size() == 1) {
            QCOMPARE(scan->estimatedRows, 5288.0);
            QVERIFY2(scan->detail.startsWith(QLatin1String("EasyScan table=Samples.")), qPrintable(scan->detail));
        } else {
            QCOMPARE(scan->estimatedRows, -1.0);
        }
    }

    void planTextLines()
    {
        const QString text = QStringLiteral(
            "00-00    Screen : rowType = RecordType(INTEGER a): rowcount = 10.0, cumulative cost = {1 rows}, id = 5\n"
            "00-01      HashJoin(condition=[=($0, $1)], joinType=[inner]) : rowType = RecordType(INTEGER a): rowcount "
            "= "
            "10.0, id = 4\n"
            "00-03        Filter(condition=[>($0, 1)]) : rowType = RecordType(INTEGER a): rowcount = 3.5, id = 3\n"
            "00-04          TableFunction(table=[s.t], columns=[`a`]) : rowType = RecordType(INTEGER a): rowcount = "
            "7.0, id = 2\n"
            "00-02        EasyScan(table=[s.\"u v\"], columns=[`b`], splits=[1]) : rowType = RecordType(INTEGER b): "
            "rowcount = 2.0, id = 1\n"
            "not a plan line\n");
        const auto lines = DremioPlanText::parse(text);
        QCOMPARE(lines.size(), 5);
        QCOMPARE(lines[1].name, QStringLiteral("HashJoin"));
        QCOMPARE(lines[1].parent, 0);
        QCOMPARE(lines[3].parent, 2);
        QCOMPARE(lines[4].parent, 1);
        QCOMPARE(lines[2].rowCount, 3.5);
        QCOMPARE(DremioPlanText::attribute(lines[1].attributes, u"condition"), QStringLiteral("=($0, $1)"));
        QCOMPARE(DremioPlanText::attribute(lines[4].attributes, u"table"), QStringLiteral("s.\"u v\""));
        QCOMPARE(DremioPlanText::attribute(lines[4].attributes, u"missing"), QString());
        const auto entries = DremioPlanText::entriesFromText(text);
        QCOMPARE(entries[1].inputs, (QVector<QPair<int, int>> {{0, 3}, {0, 2}}));
        QCOMPARE(entries[1].detail, QStringLiteral("HashJoin condition==($0, $1)"));
    }

    void crossFragmentLinks_data()
    {
        QTest::addColumn<bool>("withJsonPlan");
        QTest::newRow("operator numbering") << false;
        QTest::newRow("jsonPlan") << true;
    }

    void crossFragmentLinks()
    {
        QFETCH(bool, withJsonPlan);
        QJsonObject object = twoFragmentProfile();
        if (withJsonPlan) {
            // Plans list the exchange under the receiver's id and omit the sender 01-00.
            QJsonObject plan;
            plan.insert(quoted("00-00"), planNode("a.ScreenPrel", {QStringLiteral("00-01")}));
            plan.insert(quoted("00-01"), planNode("a.UnionExchangePrel", {QStringLiteral("01-01")}));
            QJsonObject join = planNode("a.HashJoinPrel", {QStringLiteral("01-03"), QStringLiteral("01-02")});
            join.insert(quoted("rowCount"), 12.5);
            join.insert(quoted("values"), QJsonObject {{quoted("condition"), QStringLiteral("=($0, $1)")}});
            plan.insert(quoted("01-01"), join);
            plan.insert(quoted("01-02"), planNode("a.ParquetScanPrel", {}));
            plan.insert(quoted("01-03"), planNode("a.EasyScanPrel", {}));
            object.insert(QStringLiteral("jsonPlan"), QString::fromUtf8(toJson(plan)));
        }
        const ParsedProfile profile = parseOk(toJson(object));
        const PlanTree& tree = profile.tree;
        QCOMPARE(tree.roots.size(), 1);
        QCOMPARE(childKeys(tree, QStringLiteral("00-00")), QStringList {QStringLiteral("00-01")});
        QCOMPARE(childKeys(tree, QStringLiteral("00-01")), QStringList {QStringLiteral("01-00")});
        QCOMPARE(childKeys(tree, QStringLiteral("01-00")), QStringList {QStringLiteral("01-01")});
        QCOMPARE(
            childKeys(tree, QStringLiteral("01-01")), (QStringList {QStringLiteral("01-03"), QStringLiteral("01-02")}));
        QCOMPARE(tree.find(QStringLiteral("01-03"))->outputRecords, 100);
        QCOMPARE(tree.find(QStringLiteral("01-02"))->outputRecords, 7);
        QCOMPARE(tree.find(QStringLiteral("01-00"))->outputRecords, 40);
        if (withJsonPlan) {
            QCOMPARE(tree.find(QStringLiteral("01-01"))->estimatedRows, 12.5);
            QCOMPARE(tree.find(QStringLiteral("01-01"))->detail, QStringLiteral("HashJoin condition==($0, $1)"));
        }
    }

    void jobIdFromParts_data()
    {
        QTest::addColumn<qint64>("part1");
        QTest::addColumn<qint64>("part2");
        QTest::addColumn<QString>("jobId");
        QTest::addColumn<int>("attempt");
        // part1/part2 of the Download-Profile ZIP's profile_attempt_0.json (header.json says the same id).
        QTest::newRow("zip sample") << qint64(2056763672614730479) << qint64(5217028244163214336)
                                    << QStringLiteral("1c8b17a9-bd20-faef-4866-9b8c0c873c00") << 0;
        QTest::newRow("negative, attempt 2")
            << qint64(-1) << qint64(-254) << QStringLiteral("ffffffff-ffff-ffff-ffff-ffffffffff02") << 2;
    }

    void jobIdFromParts()
    {
        QFETCH(qint64, part1);
        QFETCH(qint64, part2);
        const QByteArray json = QStringLiteral(R"({"id": {"part1": %1, "part2": %2}})").arg(part1).arg(part2).toUtf8();
        const ParsedProfile profile = parseOk(json);
        QTEST(profile.job.jobId, "jobId");
        QTEST(profile.job.attempt, "attempt");
    }

    void reflections()
    {
        // Synthetic: no public profile shows reflections; fields per dremio.md §2.7.
        const QByteArray json = R"({"id": {"part1": 1, "part2": 2}, "accelerationProfile": {"accelerated": true,
            "layoutProfiles": [{"layoutId": "r1", "numSubstitutions": 0, "numUsed": 0},
                               {"layoutId": "r2", "numSubstitutions": 2, "numUsed": 0},
                               {"layoutId": "r3", "numSubstitutions": 1, "numUsed": 1}]},
            "resourceSchedulingProfile": {"queueName": "q", "engineName": "e1"}, "error": "boom", "state": 4})";
        const ParsedProfile profile = parseOk(json);
        QVERIFY(profile.job.accelerated);
        QCOMPARE(profile.reflectionsConsidered, 3);
        QCOMPARE(profile.reflectionsMatched, 2);
        QCOMPARE(profile.reflectionsChosen, 1);
        QCOMPARE(profile.chosenReflectionIds, QStringList {QStringLiteral("r3")});
        QCOMPARE(profile.job.engineName, QStringLiteral("e1"));
        QCOMPARE(profile.job.error, QStringLiteral("boom"));
        QCOMPARE(profile.job.state, QStringLiteral("FAILED"));
    }

    void fallbackMetricNames()
    {
        using Table = DremioMetricNames::Table;
        QCOMPARE(QLatin1String(DremioMetricNames::name(Table::Dremio25, 4, 19)), QLatin1String("OUTPUT_RECORDS"));
        QCOMPARE(QLatin1String(DremioMetricNames::name(Table::Dremio21, 4, 20)), QLatin1String("OUTPUT_RECORDS"));
        QCOMPARE(QLatin1String(DremioMetricNames::name(Table::Dremio25, 53, 76)), QLatin1String("NUM_DATA_FILE"));
        QCOMPARE(
            QLatin1String(DremioMetricNames::name(Table::Dremio25, 53, 75)), QLatin1String("DRY_RUN_READ_TIME_NS"));
        QCOMPARE(
            QLatin1String(DremioMetricNames::name(Table::Dremio25, 53, 44)), QLatin1String("NUM_PARTITIONS_PRUNED"));
        QCOMPARE(QLatin1String(DremioMetricNames::name(Table::Dremio21, 53, 70)), QLatin1String("NUM_DATA_FILE"));
        QCOMPARE(
            QLatin1String(DremioMetricNames::name(Table::Dremio21, 3, 28)), QLatin1String("TOTAL_SPILLED_DATA_SIZE"));
        QCOMPARE(
            QLatin1String(DremioMetricNames::name(Table::Dremio21, 17, 7)), QLatin1String("TOTAL_SPILLED_DATA_SIZE"));
        QCOMPARE(QLatin1String(DremioMetricNames::name(Table::Dremio21, 6, 1)), QLatin1String("RECORDS_SENT"));
        bool max = false;
        QCOMPARE(QLatin1String(DremioMetricNames::name(Table::Dremio25, 4, 3, &max)), QLatin1String("NUM_RESIZING"));
        QVERIFY(max);
        QVERIFY(!DremioMetricNames::name(Table::Dremio21, 4, 30));
        QVERIFY(!DremioMetricNames::name(Table::Dremio21, 999, 0));
        QVERIFY(!DremioMetricNames::name(Table::Dremio25, 4, -1));
        QCOMPARE(DremioMetricNames::tableForMajorVersion(21), Table::Dremio21);
        QCOMPARE(DremioMetricNames::tableForMajorVersion(25), Table::Dremio25);
        QCOMPARE(DremioMetricNames::idOf(Table::Dremio25, 4, "OUTPUT_RECORDS"), 19);
        QCOMPARE(DremioOperatorTypes::nameOrUnknown(67), QStringLiteral("SMALL_FILE_COMBINATION_WRITER"));
        QCOMPARE(DremioOperatorTypes::nameOrUnknown(53), QStringLiteral("TABLE_FUNCTION"));
        QCOMPARE(DremioOperatorTypes::nameOrUnknown(68), QStringLiteral("UNKNOWN_68"));
    }

    void versionedMetricNamesAndSpill()
    {
        // Synthetic 25.x profile without a map: HASH_JOIN id 19 is OUTPUT_RECORDS, 32/39 are spilled bytes,
        // 3 (NUM_RESIZING) aggregates with MAX.
        QJsonArray metrics;
        metrics.append(QJsonObject {{QStringLiteral("metricId"), 19}, {QStringLiteral("longValue"), 5}});
        metrics.append(QJsonObject {{QStringLiteral("metricId"), 32}, {QStringLiteral("longValue"), 1000}});
        metrics.append(QJsonObject {{QStringLiteral("metricId"), 39}, {QStringLiteral("longValue"), 24}});
        metrics.append(QJsonObject {{QStringLiteral("metricId"), 3}, {QStringLiteral("longValue"), 9}});
        QJsonObject minorA {{QStringLiteral("operatorProfile"), QJsonArray {op(0, 4, {1, 1}, 10, metrics)}}};
        metrics[3] = QJsonObject {{QStringLiteral("metricId"), 3}, {QStringLiteral("doubleValue"), 4.0}};
        QJsonObject minorB {{QStringLiteral("operatorProfile"), QJsonArray {op(0, 4, {1, 1}, 10, metrics)}}};
        const QJsonObject object {
            {QStringLiteral("dremioVersion"), QStringLiteral("25.2.0-202410241428100111-a963b970")},
            {QStringLiteral("fragmentProfile"),
                QJsonArray {QJsonObject {{QStringLiteral("majorFragmentId"), 0},
                    {QStringLiteral("minorFragmentProfile"), QJsonArray {minorA, minorB}}}}}};
        const ParsedProfile profile = parseOk(toJson(object));
        const PlanNode& join = profile.tree.nodes.first();
        QCOMPARE(join.threadCount, 2);
        QCOMPARE(join.outputRecords, 10);
        QCOMPARE(join.metrics.value(QStringLiteral("NUM_RESIZING")), 9);
        QCOMPARE(join.spilledBytes, 2048);
        QVERIFY(hasWarning(profile, QStringLiteral("Dremio 25.x table (Dremio 25.2.0")));
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
        QTest::newRow("whitespace") << QByteArray(" \n\t ") << QStringLiteral("empty");
        QTest::newRow("array") << QByteArray("[{\"id\": 1}]")
                               << QStringLiteral("expected a JSON object at the top level, found an array");
        QTest::newRow("number") << QByteArray("42") << QStringLiteral("found a number");
        QTest::newRow("not a profile") << QByteArray("{\"foo\": 1}") << QStringLiteral("not a QueryProfile");
        QTest::newRow("garbage") << QByteArray("{\"id\": ") << QStringLiteral("not valid JSON");
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe{", 4) << QStringLiteral("not valid JSON");
        QTest::newRow("deep") << QByteArray(5000, '[') << QStringLiteral("not valid JSON");
    }

    void badInput()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, errorPart);
        ParsedProfile profile;
        QString error;
        QVERIFY(!DremioProfileParser::parse(json, &profile, &error));
        QVERIFY2(error.contains(errorPart), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
    }

    void truncatedSample()
    {
        DOPT_REQUIRE_SAMPLE(path, "profile_21.6_csv_agg_1.json");
        const QByteArray json = readAll(path);
        for (qsizetype cut : {json.size() / 2, json.size() - 2, qsizetype(1)}) {
            ParsedProfile profile;
            QString error;
            QVERIFY(!DremioProfileParser::parse(json.left(cut), &profile, &error));
            QVERIFY2(error.startsWith(QLatin1String("Dremio profile: not valid JSON")), qPrintable(error));
        }
    }

    void wrongTypesAreWarnings()
    {
        const QByteArray json = R"({"id": {"part1": "x", "part2": 2}, "fragmentProfile": "oops", "state": "done",
            "start": [], "stateList": {}, "datasetProfile": [1, {"datasetPath": 5}], "query": 12,
            "accelerationProfile": [], "jsonPlan": 7, "plan": {}, "operatorTypeMetricsMap": {"metricsDef": "x"}})";
        ParsedProfile profile;
        QString error;
        QVERIFY2(DremioProfileParser::parse(json, &profile, &error), qPrintable(error));
        QVERIFY(hasWarning(profile, QStringLiteral("fragmentProfile: expected an array, found a string; ignored")));
        QVERIFY(hasWarning(profile, QStringLiteral("state: expected a number, found a string")));
        QVERIFY(hasWarning(profile, QStringLiteral("id.part1: expected a number")));
        QVERIFY(hasWarning(profile, QStringLiteral("jsonPlan: expected a string")));
        QVERIFY(hasWarning(profile, QStringLiteral("datasetProfile[].datasetPath: expected a string")));
        QVERIFY(profile.tree.isEmpty());
        QVERIFY(profile.job.state.isEmpty());
        QVERIFY(!profile.job.submittedMs);
        QCOMPARE(profile.job.jobId, QStringLiteral("00000000-0000-0000-0000-000000000002"));
    }

    void unknownTypesAndMetrics_data()
    {
        QTest::addColumn<bool>("withMap");
        QTest::newRow("empty map: fallback table") << false;
        QTest::newRow("profile map without the id") << true;
    }

    void unknownTypesAndMetrics()
    {
        QFETCH(bool, withMap);
        QJsonArray metrics {QJsonObject {{QStringLiteral("metricId"), 500}, {QStringLiteral("longValue"), 3}},
            QJsonObject {{QStringLiteral("metricId"), 1}, {QStringLiteral("longValue"), 4}}};
        QJsonObject object {
            {QStringLiteral("id"), QJsonObject {{QStringLiteral("part1"), 1}, {QStringLiteral("part2"), 2}}},
            {QStringLiteral("fragmentProfile"),
                QJsonArray {fragment(0, {op(0, 13, {5}), op(1, 999, {5}, 10, metrics), op(2, 6, {5}, 10, metrics)})}}};
        if (withMap) {
            QJsonArray defs;
            for (int type = 0; type < 7; ++type)
                defs.append(QJsonObject {{QStringLiteral("metricDef"),
                    QJsonArray {
                        QJsonObject {{QStringLiteral("id"), 1}, {QStringLiteral("name"), QStringLiteral("ONE")}}}}});
            object.insert(QStringLiteral("operatorTypeMetricsMap"), QJsonObject {{QStringLiteral("metricsDef"), defs}});
        }
        const ParsedProfile profile = parseOk(toJson(object));
        const PlanNode* unknown = profile.tree.find(QStringLiteral("00-01"));
        QCOMPARE(unknown->typeName, QStringLiteral("UNKNOWN_999"));
        QCOMPARE(unknown->metrics.value(QStringLiteral("METRIC_500")), 3);
        QVERIFY(hasWarning(profile, QStringLiteral("operator 00-01: unknown operator type 999 (kept as UNKNOWN_999)")));
        QVERIFY(hasWarning(profile, QStringLiteral("UNKNOWN_999: metric ids 1, 500 have no name")));
        const PlanNode* sender = profile.tree.find(QStringLiteral("00-02"));
        QCOMPARE(sender->metrics.value(QStringLiteral("METRIC_500")), 3);
        QCOMPARE(sender->metrics.value(withMap ? QStringLiteral("ONE") : QStringLiteral("RECORDS_SENT")), 4);
        QCOMPARE(sender->outputRecords, withMap ? 5 : 4); // RECORDS_SENT, else what the consumer received
        QVERIFY(hasWarning(profile, QStringLiteral("HASH_PARTITION_SENDER: metric ids 500 have no name")));
    }

    void duplicateOperatorInThread()
    {
        const QJsonObject object {{QStringLiteral("fragmentProfile"),
            QJsonArray {fragment(0, {op(0, 13, {5}, 100), op(0, 13, {5}, 100), op(1, 10, {5}, 100)})}}};
        const ParsedProfile profile = parseOk(toJson(object));
        QCOMPARE(profile.tree.size(), 2);
        QCOMPARE(profile.tree.find(QStringLiteral("00-00"))->threadCount, 1);
        QCOMPARE(profile.tree.find(QStringLiteral("00-00"))->processNs, 100);
        QVERIFY(hasWarning(profile, QStringLiteral("operator 00-00 appears twice in one thread")));
    }

    void hostilePlanAndNumbers()
    {
        // A jsonPlan with a cycle and a dangling input; counters that would overflow a 64-bit sum.
        QJsonObject object {{QStringLiteral("fragmentProfile"),
            QJsonArray {fragment(0, {op(0, 13, {5}, 9000000000000000000LL), op(1, 10, {5}, 10)}),
                fragment(0, {op(0, 13, {5}, 9000000000000000000LL), op(1, 10, {5}, 10)})}}};
        QJsonObject plan;
        plan.insert(quoted("00-00"), planNode("a.ScreenPrel", {QStringLiteral("00-01")}));
        plan.insert(quoted("00-01"), planNode("a.ProjectPrel", {QStringLiteral("00-00"), QStringLiteral("07-09")}));
        object.insert(QStringLiteral("jsonPlan"), QString::fromUtf8(toJson(plan)));
        const ParsedProfile profile = parseOk(toJson(object));
        QCOMPARE(profile.tree.size(), 2);
        QCOMPARE(profile.tree.find(QStringLiteral("00-00"))->threadCount, 2);
        QCOMPARE(profile.tree.find(QStringLiteral("00-00"))->processNs, std::numeric_limits<qint64>::max());
        QVERIFY(hasWarning(profile, QStringLiteral("would make a cycle")));
        QVERIFY(hasWarning(profile, QStringLiteral("plan: input 07-09 of 00-01 is not in the profile")));
        QCOMPARE(profile.tree.roots.size(), 1);
        QCOMPARE(profile.tree.depthFirst().size(), 2);
    }

    void hugeStringField()
    {
        const QByteArray sql(50 * 1024 * 1024, 'x');
        const QByteArray json = "{\"id\": {\"part1\": 1, \"part2\": 2}, \"query\": \"" + sql + "\"}";
        const ParsedProfile profile = parseOk(json);
        QCOMPARE(profile.job.sql.size(), sql.size());
        // The thread's parser is released after such a document and keeps working.
        QCOMPARE(parseOk("{\"id\": {\"part1\": 0, \"part2\": 1}}").job.attempt, 1);
    }
};

QTEST_GUILESS_MAIN(TestDremioProfileParser)
#include "tst_dremioprofileparser.moc"
