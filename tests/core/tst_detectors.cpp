#include "analysis/detectorregistry.h"
#include "analysis/joinfanoutdetector.h"
#include "analysis/memoryspilldetector.h"
#include "analysis/nestedloopjoindetector.h"
#include "analysis/nplusonedetector.h"
#include "analysis/partitionpruningdetector.h"
#include "analysis/regressiondetector.h"
#include "analysis/rowestimatedetector.h"
#include "analysis/selectstardetector.h"
#include "analysis/smallfilesdetector.h"
#include "analysis/threadskewdetector.h"
#include "analysis/unboundedresultdetector.h"
#include "profile/dremioprofileparser.h"
#include "testdata.h"

#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace dopt;

namespace {

constexpr qint64 kSecondNs = 1'000'000'000LL;

/// A tree of hand-made nodes; the first is the root, each next node a child of `parent`.
using PlanAttributes = QVector<QPair<QString, QString>>; // PlanNode::attributes

class TreeBuilder
{
public:
    PlanNode& add(const QString& type, int parent = -1)
    {
        PlanNode node;
        node.index = int(m_tree.nodes.size());
        node.parent = parent;
        node.key = QStringLiteral("00-%1").arg(node.index, 2, 10, QLatin1Char('0'));
        node.typeName = type;
        node.threadCount = 1;
        if (parent >= 0)
            m_tree.nodes[parent].children.append(node.index);
        else
            m_tree.roots.append(node.index);
        m_tree.nodes.append(node);
        return m_tree.nodes.last();
    }
    PlanNode& at(int index) { return m_tree.nodes[index]; }
    const PlanTree& tree() const { return m_tree; }

private:
    PlanTree m_tree;
};

// SCREEN ← FILTER (1M rows in, `kept` out) ← [PROJECT] ← TABLE_FUNCTION taking 20 s: partition_pruning's shape.
TreeBuilder filteredScan(qint64 kept, bool projectBetween)
{
    TreeBuilder b;
    b.add(QStringLiteral("SCREEN")).processNs = kSecondNs;
    PlanNode& filter = b.add(QStringLiteral("FILTER"), 0);
    filter.inputRecords = 1'000'000;
    filter.outputRecords = kept;
    filter.detail = QStringLiteral("condition=[LIKE(CAST($3):VARCHAR(65536), '2025-05%')]");
    const int parent = projectBetween ? b.add(QStringLiteral("PROJECT"), 1).index : 1;
    b.add(QStringLiteral("TABLE_FUNCTION"), parent).processNs = 20 * kSecondNs;
    return b;
}

struct Run
{
    Job job;
    PlanTree tree;
    FingerprintContext context;

    QVector<Finding> with(const Detector& detector) const
    {
        DetectorInput input;
        input.job = &job;
        input.tree = &tree;
        input.fingerprint = QStringLiteral("0123456789abcdef");
        input.context = &context;
        return detector.detect(input);
    }
};

Run runOf(const PlanTree& tree)
{
    Run run;
    run.job.jobId = QStringLiteral("job-1");
    run.job.sql = QStringLiteral("SELECT a FROM t");
    run.job.durationMs = 20000;
    run.tree = tree;
    return run;
}

/// A tree with a root taking `otherNs` and one operator of `type` below it.
TreeBuilder oneOperator(const QString& type, qint64 processNs, qint64 otherNs = kSecondNs)
{
    TreeBuilder b;
    b.add(QStringLiteral("SCREEN")).processNs = otherNs;
    b.add(type, 0).processNs = processNs;
    return b;
}

ParsedProfile parseSample(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    ParsedProfile profile;
    QString error;
    if (!DremioProfileParser::parse(file.readAll(), &profile, &error))
        qFatal("cannot parse %s: %s", qPrintable(path), qPrintable(error));
    return profile;
}

QVector<Finding> allDetectors(const ParsedProfile& profile)
{
    Run run;
    run.job = profile.job;
    run.tree = profile.tree;
    QVector<Finding> findings;
    for (const auto& detector : DetectorRegistry::all())
        findings += run.with(*detector);
    return findings;
}

} // namespace

/// Each detector on hand-built inputs just above and just below its thresholds, and on the real profiles.
class TestDetectors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void registryIdsAreStableAndUnique()
    {
        const QStringList ids = DetectorRegistry::ids();
        QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), ids.size());
        for (const char* id : {"thread_skew", "memory_spill", "row_estimate", "nested_loop_join", "join_fanout",
                 "select_star", "small_files", "partition_pruning", "unbounded_result", "n_plus_one", "regression"})
            QVERIFY2(DetectorRegistry::find(QString::fromLatin1(id)), id);
        QVERIFY(!DetectorRegistry::find(QStringLiteral("nope")));
    }

    void threadSkew_data()
    {
        QTest::addColumn<bool>("skewed");
        QTest::addColumn<int>("threads");
        QTest::addColumn<qint64>("processNs");
        QTest::addColumn<bool>("expected");
        QTest::newRow("skewed, 16 threads, 5 s") << true << 16 << 5 * kSecondNs << true;
        QTest::newRow("not flagged by the 75% rule") << false << 16 << 5 * kSecondNs << false;
        QTest::newRow("3 threads") << true << 3 << 5 * kSecondNs << false;
        QTest::newRow("4 threads") << true << 4 << 5 * kSecondNs << true;
        QTest::newRow("exactly 1 s") << true << 16 << kSecondNs << false;
        QTest::newRow("just over 1 s") << true << 16 << kSecondNs + 1 << true;
    }
    void threadSkew()
    {
        QFETCH(bool, skewed);
        QFETCH(int, threads);
        QFETCH(qint64, processNs);
        QFETCH(bool, expected);
        TreeBuilder b = oneOperator(QStringLiteral("HASH_JOIN"), processNs);
        PlanNode& join = b.at(1);
        join.skewed = skewed;
        join.threadCount = threads;
        join.processNsSpread = {1e6, double(processNs) / threads, double(processNs) * 0.6};
        const QVector<Finding> findings = runOf(b.tree()).with(ThreadSkewDetector());
        QCOMPARE(findings.size(), expected ? 1 : 0);
        if (expected) {
            QCOMPARE(findings[0].detectorId, QStringLiteral("thread_skew"));
            QCOMPARE(findings[0].operatorKey, join.key);
            QCOMPARE(findings[0].evidenceValue(QStringLiteral("threads")).value(), double(threads));
            QVERIFY(findings[0].improvementMs > 0);
            QCOMPARE(findings[0].jobIds, QStringList {QStringLiteral("job-1")});
        }
    }

    void threadSkewNeedsAnOutlierThread()
    {
        TreeBuilder b = oneOperator(QStringLiteral("HASH_AGGREGATE"), 5 * kSecondNs);
        PlanNode& agg = b.at(1);
        agg.skewed = true; // 4 of 5 threads just below the average satisfy Dremio's rule
        agg.threadCount = 5;
        agg.processNsSpread = {0.95e9, 1e9, 1.2e9};
        QVERIFY(runOf(b.tree()).with(ThreadSkewDetector()).isEmpty());
        agg.processNsSpread = {0.8e9, 1e9, 1.5e9};
        QCOMPARE(runOf(b.tree()).with(ThreadSkewDetector()).size(), 1);
    }

    void memorySpill_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<qint64>("spilled");
        QTest::addColumn<int>("severity"); // 0 = no finding
        QTest::newRow("aggregate 2 GiB") << QStringLiteral("HASH_AGGREGATE") << (2LL << 30) << int(Severity::High);
        QTest::newRow("sort 200 MiB") << QStringLiteral("EXTERNAL_SORT") << (200LL << 20) << int(Severity::Medium);
        QTest::newRow("join 1 KiB") << QStringLiteral("HASH_JOIN") << 1024LL << int(Severity::Low);
        QTest::newRow("no spill") << QStringLiteral("HASH_AGGREGATE") << 0LL << 0;
        QTest::newRow("not a spilling operator") << QStringLiteral("PROJECT") << (2LL << 30) << 0;
    }
    void memorySpill()
    {
        QFETCH(QString, type);
        QFETCH(qint64, spilled);
        QFETCH(int, severity);
        TreeBuilder b = oneOperator(type, 10 * kSecondNs);
        b.at(1).spilledBytes = spilled;
        const QVector<Finding> findings = runOf(b.tree()).with(MemorySpillDetector());
        QCOMPARE(findings.size(), severity ? 1 : 0);
        if (severity) {
            QCOMPARE(int(findings[0].severity), severity);
            QCOMPARE(findings[0].evidenceValue(QStringLiteral("spilled")).value(), double(spilled));
        }
    }

    void rowEstimate_data()
    {
        QTest::addColumn<double>("estimate");
        QTest::addColumn<qint64>("actual");
        QTest::addColumn<qint64>("processNs"); // the rest of the tree takes 10 s
        QTest::addColumn<bool>("expected");
        QTest::newRow("11x under, 50% of time") << 10000.0 << 110000LL << 10 * kSecondNs << true;
        QTest::newRow("11x over") << 110000.0 << 10000LL << 10 * kSecondNs << true;
        QTest::newRow("9.9x") << 10000.0 << 99000LL << 10 * kSecondNs << false;
        QTest::newRow("50x but 4% of time") << 10000.0 << 500000LL << 10 * kSecondNs / 24 << false;
        QTest::newRow("50x but 6% of time") << 10000.0 << 500000LL << 10 * kSecondNs * 6 / 94 << true;
        QTest::newRow("1000x but 0.4 s") << 10000.0 << 10'000'000LL << 4 * kSecondNs / 10 << false;
        QTest::newRow("tiny counts") << 1.0 << 900LL << 10 * kSecondNs << false;
    }
    void rowEstimate()
    {
        QFETCH(double, estimate);
        QFETCH(qint64, actual);
        QFETCH(qint64, processNs);
        QFETCH(bool, expected);
        TreeBuilder b = oneOperator(QStringLiteral("HASH_JOIN"), processNs, 10 * kSecondNs);
        b.at(1).estimatedRows = estimate;
        b.at(1).outputRecords = actual;
        QCOMPARE(runOf(b.tree()).with(RowEstimateDetector()).size(), expected ? 1 : 0);
    }

    void rowEstimateNeedsHalfASecond()
    {
        // 80% of a short query: the share passes, the absolute time does not.
        TreeBuilder b = oneOperator(QStringLiteral("HASH_AGGREGATE"), 4 * kSecondNs / 10, kSecondNs / 10);
        b.at(1).estimatedRows = 10000;
        b.at(1).outputRecords = 10'000'000;
        QVERIFY(runOf(b.tree()).with(RowEstimateDetector()).isEmpty());
        b.at(1).processNs = kSecondNs / 2;
        QCOMPARE(runOf(b.tree()).with(RowEstimateDetector()).size(), 1);
    }

    void rowEstimateIgnoresExchanges()
    {
        TreeBuilder b = oneOperator(QStringLiteral("HASH_PARTITION_SENDER"), 5 * kSecondNs);
        b.at(1).estimatedRows = 10;
        b.at(1).outputRecords = 10'000'000;
        QVERIFY(runOf(b.tree()).with(RowEstimateDetector()).isEmpty());
    }

    void nestedLoopJoin_data()
    {
        QTest::addColumn<qint64>("left");
        QTest::addColumn<qint64>("right");
        QTest::addColumn<qint64>("processNs");
        QTest::addColumn<bool>("expected");
        QTest::newRow("10^8 pairs") << 100000LL << 1000LL << kSecondNs / 10 << true;
        QTest::newRow("just under 10^8 pairs, fast") << 99999LL << 1000LL << kSecondNs / 10 << false;
        QTest::newRow("scalar subquery, slow") << 5'000'000LL << 1LL << 2 * kSecondNs << true;
        QTest::newRow("scalar subquery, fast") << 5'000'000LL << 1LL << kSecondNs / 2 << false;
    }
    void nestedLoopJoin()
    {
        QFETCH(qint64, left);
        QFETCH(qint64, right);
        QFETCH(qint64, processNs);
        QFETCH(bool, expected);
        TreeBuilder b = oneOperator(QStringLiteral("NESTED_LOOP_JOIN"), processNs);
        b.at(1).inputRecordsPerInput = {left, right};
        QCOMPARE(runOf(b.tree()).with(NestedLoopJoinDetector()).size(), expected ? 1 : 0);
    }

    void joinFanout_data()
    {
        QTest::addColumn<qint64>("probe");
        QTest::addColumn<qint64>("build");
        QTest::addColumn<qint64>("output");
        QTest::addColumn<int>("severity");
        QTest::newRow("12x") << 200'000LL << 1'000LL << 2'400'000LL << int(Severity::Medium);
        QTest::newRow("9x") << 200'000LL << 1'000LL << 1'800'000LL << 0;
        QTest::newRow("1400x") << 2'000LL << 86'000LL << 120'400'000LL << int(Severity::High);
        QTest::newRow("20x but small") << 40'000LL << 10LL << 800'000LL << 0;
        QTest::newRow("lookup join") << 6'915'089LL << 630LL << 6'629'628LL << 0;
    }
    void joinFanout()
    {
        QFETCH(qint64, probe);
        QFETCH(qint64, build);
        QFETCH(qint64, output);
        QFETCH(int, severity);
        TreeBuilder b = oneOperator(QStringLiteral("HASH_JOIN"), 3 * kSecondNs);
        b.at(1).inputRecordsPerInput = {probe, build};
        b.at(1).outputRecords = output;
        const QVector<Finding> findings = runOf(b.tree()).with(JoinFanoutDetector());
        QCOMPARE(findings.size(), severity ? 1 : 0);
        if (severity)
            QCOMPARE(int(findings[0].severity), severity);
    }

    void smallFilesScan_data()
    {
        QTest::addColumn<qint64>("files");
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<int>("severity");
        QTest::newRow("27000 files of 100 KiB") << 27000LL << 27000LL * 102400 << int(Severity::High);
        QTest::newRow("3000 files of 1 MiB") << 3000LL << 3000LL * (1 << 20) << int(Severity::Medium);
        QTest::newRow("1999 files of 1 MiB") << 1999LL << 1999LL * (1 << 20) << 0;
        QTest::newRow("3000 files of 2 MiB") << 3000LL << 3000LL * (2 << 20) << 0;
    }
    void smallFilesScan()
    {
        QFETCH(qint64, files);
        QFETCH(qint64, bytes);
        QFETCH(int, severity);
        TreeBuilder b = oneOperator(QStringLiteral("TABLE_FUNCTION"), 30 * kSecondNs);
        b.at(1).threadCount = 8;
        b.at(1).detail = QStringLiteral("table=[lakehouse.web.events], columns=[`a`], splits=[%1]").arg(files);
        b.at(1).metrics = {{QStringLiteral("NUM_DATA_FILE"), files}, {QStringLiteral("TOTAL_BYTES_READ"), bytes}};
        const QVector<Finding> findings = runOf(b.tree()).with(SmallFilesDetector());
        QCOMPARE(findings.size(), severity ? 1 : 0);
        if (severity) {
            QCOMPARE(int(findings[0].severity), severity);
            QCOMPARE(findings[0].action, ActionKind::OptimizeTable);
            QVERIFY(findings[0].recommendation.contains(QLatin1String("OPTIMIZE TABLE lakehouse.web.events")));
        }
    }

    void smallFilesWriter_data()
    {
        QTest::addColumn<qint64>("files");
        QTest::addColumn<qint64>("average");
        QTest::addColumn<bool>("expected");
        QTest::newRow("20 files of 55 KiB") << 20LL << 55LL * 1024 << true;
        QTest::newRow("15 files of 55 KiB") << 15LL << 55LL * 1024 << false;
        QTest::newRow("40 files of 300 MiB") << 40LL << 300LL * (1 << 20) << false;
    }
    void smallFilesWriter()
    {
        QFETCH(qint64, files);
        QFETCH(qint64, average);
        QFETCH(bool, expected);
        TreeBuilder b = oneOperator(QStringLiteral("PARQUET_WRITER"), kSecondNs);
        b.at(1).metrics = {{QStringLiteral("NUM_FILES_WRITTEN"), files}, {QStringLiteral("AVG_FILE_SIZE"), average}};
        Run run = runOf(b.tree());
        QCOMPARE(run.with(SmallFilesDetector()).size(), expected ? 1 : 0);
        run.job.sql = QStringLiteral("OPTIMIZE TABLE lakehouse.web.events REWRITE DATA USING BIN_PACK");
        QVERIFY(run.with(SmallFilesDetector()).isEmpty());
    }

    void partitionPruning_data()
    {
        QTest::addColumn<QString>("scanDetail");
        QTest::addColumn<qint64>("kept");
        QTest::addColumn<bool>("projectBetween");
        QTest::addColumn<bool>("expected");
        QTest::addColumn<qint64>("files"); // NUM_DATA_FILE metric of the scan
        const QString unfiltered = QStringLiteral("table=[lakehouse.sales.orders], columns=[`a`], splits=[4320]");
        QTest::newRow("all splits, filter keeps 8%") << unfiltered << 80'000LL << false << true << 4320LL;
        QTest::newRow("through a project") << unfiltered << 80'000LL << true << true << 4320LL;
        QTest::newRow("filter keeps 25%") << unfiltered << 250'000LL << false << false << 4320LL;
        QTest::newRow("scan filtered") << unfiltered + QStringLiteral(", filters=[[Filter on `a`]]") << 80'000LL
                                       << false << false << 4320LL;
        QTest::newRow("99 splits") << QStringLiteral("table=[t], splits=[99]") << 80'000LL << false << false << 4320LL;
        QTest::newRow("999 files, no splits in the detail")
            << QStringLiteral("TableFunction table=t") << 80'000LL << false << false << 999LL;
        QTest::newRow("parser detail, files from the metric")
            << QStringLiteral("TableFunction table=lakehouse.sales.orders") << 80'000LL << false << true << 4320LL;
    }
    void partitionPruning()
    {
        QFETCH(QString, scanDetail);
        QFETCH(qint64, kept);
        QFETCH(bool, projectBetween);
        QFETCH(bool, expected);
        QFETCH(qint64, files);
        TreeBuilder b = filteredScan(kept, projectBetween);
        PlanNode& scan = b.at(projectBetween ? 3 : 2);
        scan.detail = scanDetail;
        scan.metrics = {{QStringLiteral("NUM_DATA_FILE"), files}};
        const QVector<Finding> findings = runOf(b.tree()).with(PartitionPruningDetector());
        QCOMPARE(findings.size(), expected ? 1 : 0);
        if (expected) {
            QCOMPARE(findings[0].operatorKey, scan.key);
            QCOMPARE(findings[0].evidenceValue(QStringLiteral("splits")).value(), 4320.0);
        }
    }

    void partitionPruningReadsThePlanAttributes_data()
    {
        // What the profile parser produces: the detail names the operator and its table, every other
        // plan attribute is in PlanNode::attributes (the metric of files read is absent here).
        QTest::addColumn<PlanAttributes>("attributes");
        QTest::addColumn<bool>("expected");
        const QPair<QString, QString> table {QStringLiteral("table"), QStringLiteral("lakehouse.sales.orders")};
        const QPair<QString, QString> splits {QStringLiteral("splits"), QStringLiteral("4320")};
        const QPair<QString, QString> type {QStringLiteral("Table Function Type"), QStringLiteral("DATA_FILE_SCAN")};
        QTest::newRow("splits attribute") << PlanAttributes {table, splits, type} << true;
        QTest::newRow("empty filters attribute")
            << PlanAttributes {table, {QStringLiteral("filters"), QString()}, splits} << true;
        QTest::newRow("pushed filters") << PlanAttributes {table,
            {QStringLiteral("filters"), QStringLiteral("[Filter on `order_date`]")}, splits}
                                        << false;
        QTest::newRow("manifest list filter expression") << PlanAttributes {table,
            {QStringLiteral("\"ManifestList Filter Expression \""), QStringLiteral("ref(name=\"dt\") == 1")}, splits}
                                                         << false;
        QTest::newRow("99 splits") << PlanAttributes {table, {QStringLiteral("splits"), QStringLiteral("99")}} << false;
    }
    void partitionPruningReadsThePlanAttributes()
    {
        QFETCH(PlanAttributes, attributes);
        QFETCH(bool, expected);
        TreeBuilder b = filteredScan(80'000, false);
        PlanNode& scan = b.at(2);
        scan.detail = QStringLiteral("TableFunction table=lakehouse.sales.orders");
        scan.attributes = attributes;
        const QVector<Finding> findings = runOf(b.tree()).with(PartitionPruningDetector());
        QCOMPARE(findings.size(), expected ? 1 : 0);
        if (expected) {
            QCOMPARE(findings[0].evidenceValue(QStringLiteral("splits")).value(), 4320.0);
            QCOMPARE(findings[0].confidence, 0.7); // the plan's own figure, not the files metric
        }
    }

    void partitionPruningSeesTheManifestListFilter()
    {
        // Iceberg in Dremio: the data-file scan reads the splits generated from the manifest list, where
        // the partition filter is printed (IcebergManifestListPrel's "ManifestList Filter Expression ").
        for (const bool filtered : {false, true}) {
            TreeBuilder b = filteredScan(80'000, false);
            PlanNode& scan = b.at(2);
            scan.detail = QStringLiteral("TableFunction table=lakehouse.sales.orders");
            scan.attributes = {{QStringLiteral("splits"), QStringLiteral("4320")}};
            b.add(QStringLiteral("TABLE_FUNCTION"), 2).detail = QStringLiteral("TableFunction"); // split generation
            PlanNode& manifests = b.add(QStringLiteral("ICEBERG_SUB_SCAN"), 3);
            manifests.detail = QStringLiteral("IcebergManifestList table=lakehouse.sales.orders");
            manifests.attributes = {{QStringLiteral("table"), QStringLiteral("lakehouse.sales.orders")}};
            if (filtered)
                manifests.attributes.append({QStringLiteral("\"ManifestList Filter Expression \""),
                    QStringLiteral("ref(name=\"order_date\") >= 20089")});
            QCOMPARE(runOf(b.tree()).with(PartitionPruningDetector()).size(), filtered ? 0 : 1);
        }
    }

    void unboundedResult_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<qint64>("rows");
        QTest::addColumn<int>("severity");
        QTest::newRow("2M rows") << QStringLiteral("SELECT a, b FROM t") << 2'000'000LL << int(Severity::Medium);
        QTest::newRow("12M rows") << QStringLiteral("select a from t") << 12'000'000LL << int(Severity::High);
        QTest::newRow("just under 1M") << QStringLiteral("SELECT a FROM t") << 999'999LL << 0;
        QTest::newRow("LIMIT") << QStringLiteral("SELECT a FROM t LIMIT 5000000") << 2'000'000LL << 0;
        QTest::newRow("FETCH FIRST") << QStringLiteral("SELECT a FROM t FETCH FIRST 2000000 ROWS ONLY") << 2'000'000LL
                                     << 0;
        QTest::newRow("LIMIT only in a subquery")
            << QStringLiteral("SELECT a FROM t WHERE b IN (SELECT b FROM u LIMIT 10)") << 2'000'000LL
            << int(Severity::Medium);
        QTest::newRow("LIMIT in a comment")
            << QStringLiteral("SELECT a FROM t -- LIMIT 10") << 2'000'000LL << int(Severity::Medium);
        QTest::newRow("LIMIT in a literal")
            << QStringLiteral("SELECT 'LIMIT 1' FROM t") << 2'000'000LL << int(Severity::Medium);
        QTest::newRow("CTAS") << QStringLiteral("CREATE TABLE x AS SELECT a FROM t") << 5'000'000LL << 0;
        QTest::newRow("WITH") << QStringLiteral("WITH c AS (SELECT a FROM t) SELECT * FROM c") << 5'000'000LL
                              << int(Severity::Medium);
    }
    void unboundedResult()
    {
        QFETCH(QString, sql);
        QFETCH(qint64, rows);
        QFETCH(int, severity);
        Run run = runOf(PlanTree());
        run.job.sql = sql;
        run.job.rowsReturned = rows;
        const QVector<Finding> findings = run.with(UnboundedResultDetector());
        QCOMPARE(findings.size(), severity ? 1 : 0);
        if (severity) {
            QCOMPARE(int(findings[0].severity), severity);
            QCOMPARE(findings[0].sql, sql);
        }
    }

    void selectStar_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<bool>("expected");
        const qint64 gib = 1LL << 30;
        QTest::newRow("SELECT * 2 GiB") << QStringLiteral("SELECT * FROM t") << 2 * gib << true;
        QTest::newRow("SELECT t.*") << QStringLiteral("SELECT t.* FROM t JOIN u ON t.a = u.a") << 2 * gib << true;
        QTest::newRow("SELECT DISTINCT *") << QStringLiteral("select distinct * from t") << 2 * gib << true;
        QTest::newRow("COUNT(*)") << QStringLiteral("SELECT COUNT(*) FROM t") << 2 * gib << false;
        QTest::newRow("multiplication") << QStringLiteral("SELECT a * b FROM t") << 2 * gib << false;
        QTest::newRow("under 1 GiB") << QStringLiteral("SELECT * FROM t") << gib - 1 << false;
    }
    void selectStar()
    {
        QFETCH(QString, sql);
        QFETCH(qint64, bytes);
        QFETCH(bool, expected);
        Run run = runOf(PlanTree());
        run.job.sql = sql;
        run.job.bytesScanned = bytes;
        QCOMPARE(run.with(SelectStarDetector()).size(), expected ? 1 : 0);
    }

    void nPlusOne_data()
    {
        QTest::addColumn<int>("runs");
        QTest::addColumn<double>("medianRows");
        QTest::addColumn<qint64>("submittedMs");
        QTest::addColumn<bool>("expected");
        QTest::newRow("250 runs of 1 row") << 250 << 1.0 << 1'000'000LL << true;
        QTest::newRow("199 runs") << 199 << 1.0 << 1'000'000LL << false;
        QTest::newRow("11 rows each") << 250 << 11.0 << 1'000'000LL << false;
        QTest::newRow("job outside the burst") << 250 << 1.0 << 5'000'000LL << false;
        QTest::newRow("rows unknown") << 250 << -1.0 << 1'000'000LL << false;
    }
    void nPlusOne()
    {
        QFETCH(int, runs);
        QFETCH(double, medianRows);
        QFETCH(qint64, submittedMs);
        QFETCH(bool, expected);
        Run run = runOf(PlanTree());
        run.job.submittedMs = submittedMs;
        run.context.burst = RunBurst {runs, 900'000, 1'500'000, medianRows, 0.98, QStringLiteral("app_service")};
        const QVector<Finding> findings = run.with(NPlusOneDetector());
        QCOMPARE(findings.size(), expected ? 1 : 0);
        if (expected)
            QVERIFY(findings[0].recommendation.contains(QLatin1String("app_service")));
    }

    void regression_data()
    {
        QTest::addColumn<double>("p95Ratio");
        QTest::addColumn<qint64>("submittedMs");
        QTest::addColumn<int>("severity");
        QTest::newRow("p95 2.5x, recent job") << 2.5 << 2'000LL << int(Severity::High);
        QTest::newRow("p95 1.9x") << 1.9 << 2'000LL << int(Severity::Medium);
        QTest::newRow("job before the change") << 2.5 << 999LL << 0;
    }
    void regression()
    {
        QFETCH(double, p95Ratio);
        QFETCH(qint64, submittedMs);
        QFETCH(int, severity);
        Run run = runOf(PlanTree());
        run.job.submittedMs = submittedMs;
        run.job.durationMs = 9000;
        Regression r;
        r.sinceMs = 1000;
        r.baselineP50 = 3000;
        r.recentP50 = 9000;
        r.medianRatio = 3;
        r.p95Ratio = p95Ratio;
        r.pValue = 1e-6;
        run.context.baseline = Baseline {};
        run.context.baseline->regression = r;
        const QVector<Finding> findings = run.with(RegressionDetector());
        QCOMPARE(findings.size(), severity ? 1 : 0);
        if (severity) {
            QCOMPARE(int(findings[0].severity), severity);
            QCOMPARE(findings[0].improvementMs, 6000);
        }
        run.context.baseline->regression.reset();
        QVERIFY(run.with(RegressionDetector()).isEmpty());
    }

    void skewSampleYieldsThreadSkewOnFlaggedOperators()
    {
        DOPT_REQUIRE_SAMPLE(path, "profile_25.x_hashjoin_skew.json");
        const ParsedProfile profile = parseSample(path);
        QStringList flagged;
        for (const PlanNode& node : profile.tree.nodes) {
            if (node.skewed)
                flagged << node.key;
        }
        QVERIFY2(!flagged.isEmpty(), "the parser flags no skewed operator in the skew sample");
        QStringList found;
        for (const Finding& finding : allDetectors(profile)) {
            if (finding.detectorId == QLatin1String("thread_skew"))
                found << finding.operatorKey;
        }
        flagged.sort();
        found.sort();
        QCOMPARE(found, flagged);
    }

    void realSamplesHaveNoUnexplainedFindings_data()
    {
        QTest::addColumn<QString>("sample");
        QTest::newRow("21.6 agg 1") << QStringLiteral("profile_21.6_csv_agg_1.json");
        QTest::newRow("21.6 agg 2") << QStringLiteral("profile_21.6_csv_agg_2.json");
        QTest::newRow("25.x skew") << QStringLiteral("profile_25.x_hashjoin_skew.json");
    }
    void realSamplesHaveNoUnexplainedFindings()
    {
        QFETCH(QString, sample);
        const QString path = dopt::test::dremioSample(sample);
        if (path.isEmpty())
            QSKIP("the real Dremio samples are not available on this machine");
        QStringList unexpected;
        for (const Finding& finding : allDetectors(parseSample(path))) {
            // The skew sample's skew is real (it is Dremio's own skew test profile); nothing else is.
            if (finding.detectorId != QLatin1String("thread_skew"))
                unexpected << finding.detectorId + QStringLiteral(": ") + finding.title;
        }
        QVERIFY2(unexpected.isEmpty(), qPrintable(unexpected.join(QStringLiteral("; "))));
    }

    void findingJsonCarriesEvidence()
    {
        TreeBuilder b = oneOperator(QStringLiteral("HASH_AGGREGATE"), kSecondNs);
        b.at(1).spilledBytes = 1LL << 31;
        const Finding finding = runOf(b.tree()).with(MemorySpillDetector()).value(0);
        const QJsonObject json = finding.toJson();
        QCOMPARE(json.value(QStringLiteral("detector")).toString(), QStringLiteral("memory_spill"));
        QCOMPARE(json.value(QStringLiteral("severity")).toString(), QStringLiteral("high"));
        QVERIFY(!json.value(QStringLiteral("evidence")).toArray().isEmpty());
        QCOMPARE(severityFromName(QStringLiteral("CRITICAL")), std::optional<Severity>(Severity::Critical));
        QVERIFY(!severityFromName(QStringLiteral("severe")));
    }
};

QTEST_GUILESS_MAIN(TestDetectors)
#include "tst_detectors.moc"
