// The catalog and Iceberg facts a collect run stores (partition statistics, catalog field counts)
// as the analysis reads them back from a real workspace and as the detectors use them as evidence.
#include "analysis/analysisengine.h"
#include "analysis/analysisstore.h"
#include "analysis/partitionpruningdetector.h"
#include "analysis/selectstardetector.h"
#include "analysis/workspacefactsreader.h"
#include "sources/dremio/dremiocatalogrepository.h"
#include "sources/dremio/dremiosourcerepository.h"
#include "store/importrunrepository.h"
#include "store/jobrepository.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QDir>
#include <QTest>
#include <memory>

using namespace dopt;

namespace {

constexpr qint64 kSecondNs = 1'000'000'000LL;

// SCREEN ← FILTER (keeps 5 %) ← TABLE_FUNCTION reading `files` files of `table` (the parser's detail).
PlanTree scanUnderFilter(const QString& table, qint64 files)
{
    PlanTree tree;
    auto add = [&tree](const QString& type, int parent) -> PlanNode& {
        PlanNode node;
        node.index = int(tree.nodes.size());
        node.parent = parent;
        node.key = QStringLiteral("00-%1").arg(node.index, 2, 10, QLatin1Char('0'));
        node.typeName = type;
        node.threadCount = 1;
        if (parent >= 0)
            tree.nodes[parent].children.append(node.index);
        else
            tree.roots.append(node.index);
        tree.nodes.append(node);
        return tree.nodes.last();
    };
    add(QStringLiteral("SCREEN"), -1).processNs = kSecondNs;
    PlanNode& filter = add(QStringLiteral("FILTER"), 0);
    filter.inputRecords = 1'000'000;
    filter.outputRecords = 50'000;
    filter.detail = QStringLiteral("condition=[LIKE(CAST($3):VARCHAR(65536), '2025-05%')]");
    PlanNode& scan = add(QStringLiteral("TABLE_FUNCTION"), 1);
    scan.processNs = 20 * kSecondNs;
    scan.detail = QStringLiteral("TableFunction table=") + table;
    scan.metrics = {{QStringLiteral("NUM_DATA_FILE"), files}};
    return tree;
}

} // namespace

class TestCatalogEvidence : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Workspace> m_workspace;
    WorkspaceFacts m_facts;
    qint64 m_sourceId = -1;

    QVector<Finding> detect(const Detector& detector, const Job& job, const PlanTree& tree, bool withFacts)
    {
        const FingerprintContext context;
        DetectorInput input;
        input.job = &job;
        input.tree = &tree;
        input.context = &context;
        input.fingerprint = QStringLiteral("0123456789abcdef");
        input.workspace = withFacts ? &m_facts : nullptr;
        return detector.detect(input);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_workspace = std::make_unique<Workspace>();
        QString error;
        QVERIFY2(m_workspace->open(QDir(dopt::test::tempDir()).filePath(QStringLiteral("catalog.sqlite")), &error),
            qPrintable(error));
        QVERIFY(m_workspace->schemaVersion() >= 9); // the catalog tables (migration 9) are there
        DremioSourceSettings settings;
        settings.connection = DremioConnection::fromUrl(QStringLiteral("https://dremio.example.com:9047"));
        m_sourceId = DremioSourceRepository(m_workspace->database()).save(settings, &error);
        QVERIFY2(m_sourceId > 0, qPrintable(error));

        DremioCatalogRepository catalog(m_workspace->database());
        IcebergPartitionStats orders;
        orders.datasetPath = QStringLiteral("lake.sales.orders");
        orders.partitionColumns = {QStringLiteral("order_date")};
        orders.partitionCount = 400;
        orders.recordCount = 40'000'000;
        orders.fileCount = 1200;
        orders.largestPartitionRecords = 400'000;
        QVERIFY2(catalog.upsertPartitionStats(m_sourceId, orders, &error), qPrintable(error));
        IcebergPartitionStats flat;
        flat.datasetPath = QStringLiteral("lake.sales.flat");
        flat.partitionCount = 1;
        flat.recordCount = 9'000'000;
        flat.fileCount = 300;
        flat.largestPartitionRecords = 9'000'000;
        QVERIFY2(catalog.upsertPartitionStats(m_sourceId, flat, &error), qPrintable(error));

        DremioCatalogEntry wide;
        wide.datasetPath = QStringLiteral("lake.sales.orders");
        wide.type = QStringLiteral("PHYSICAL_DATASET");
        wide.status = QStringLiteral("found");
        for (int i = 0; i < 48; ++i)
            wide.fields.append({QStringLiteral("c%1").arg(i), QStringLiteral("VARCHAR")});
        QVERIFY2(catalog.upsertDataset(m_sourceId, wide, &error), qPrintable(error));
        DremioCatalogEntry narrow = wide;
        narrow.datasetPath = QStringLiteral("lake.sales.pairs");
        narrow.fields.resize(2);
        QVERIFY2(catalog.upsertDataset(m_sourceId, narrow, &error), qPrintable(error));
        DremioCatalogEntry gone;
        gone.datasetPath = QStringLiteral("lake.sales.pairs");
        gone.status = QStringLiteral("gone");
        QVERIFY2(catalog.upsertDataset(m_sourceId, gone, &error), qPrintable(error));

        QVERIFY2(WorkspaceFactsReader::readCatalog(m_workspace->database(), &m_facts, &error), qPrintable(error));
    }

    void factsAreReadBack()
    {
        QCOMPARE(m_facts.tablePartitions.size(), 2);
        const TablePartitionFacts* orders = m_facts.partitionsOf(QStringLiteral("[lake, sales, \"orders\"]"));
        QVERIFY(orders);
        QCOMPARE(orders->partitionColumns, QStringList {QStringLiteral("order_date")});
        QCOMPARE(orders->partitionCount, 400);
        QCOMPARE(orders->skew(), 4.0);
        QVERIFY(!m_facts.partitionsOf(QStringLiteral("LAKE.SALES.FLAT"))->partitioned());
        QVERIFY(!m_facts.partitionsOf(QStringLiteral("lake.sales.other")));
        QCOMPARE(m_facts.fieldCountOf(QStringLiteral("lake.sales.orders")), 48);
        // A dataset marked gone counts as unknown: its old field count is not evidence any more.
        QCOMPARE(m_facts.fieldCountOf(QStringLiteral("lake.sales.pairs")), -1);
    }

    void analysisHandsTheCatalogToTheDetectors()
    {
        // A whole analysis run: the engine reads the stored catalog entries and select_star weighs
        // the job by the 48 columns of the table it reads.
        QString error;
        const qint64 run = ImportRunRepository(m_workspace->database()).start(m_sourceId, &error);
        QVERIFY2(run > 0, qPrintable(error));
        Job job;
        job.jobId = QStringLiteral("wide-select-star");
        job.engine = QStringLiteral("dremio");
        job.state = QStringLiteral("COMPLETED");
        job.sql = QStringLiteral("SELECT * FROM lake.sales.orders");
        job.submittedMs = 1714040000000;
        job.durationMs = 30000;
        job.bytesScanned = 2LL << 30;
        job.datasets = {QStringLiteral("lake.sales.orders")};
        QVERIFY2(JobRepository(m_workspace->database()).upsert(job, m_sourceId, run, &error) > 0, qPrintable(error));
        AnalysisEngine engine(*m_workspace);
        AnalysisSummary summary;
        QVERIFY2(engine.run(&summary, &error), qPrintable(error));
        const QVector<Finding> findings
            = AnalysisStore(m_workspace->database()).findings(QStringLiteral("select_star"));
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings[0].evidenceValue(QStringLiteral("dataset_columns")).value_or(-1), 48.0);
        QCOMPARE(int(findings[0].severity), int(Severity::Medium));
    }

    void partitionPruningUsesThePartitionLayout()
    {
        Job job;
        job.jobId = QStringLiteral("job-1");
        job.sql = QStringLiteral("SELECT a FROM lake.sales.orders WHERE CAST(order_date AS VARCHAR) LIKE '2025-05%'");
        job.durationMs = 20000;
        // 700 of the table's 1200 files: below the 1000 files needed without facts, but more than half
        // of a table known to be partitioned.
        const PlanTree tree = scanUnderFilter(QStringLiteral("lake.sales.orders"), 700);
        QVERIFY(detect(PartitionPruningDetector(), job, tree, false).isEmpty());
        const QVector<Finding> findings = detect(PartitionPruningDetector(), job, tree, true);
        QCOMPARE(findings.size(), 1);
        const Finding& finding = findings[0];
        QCOMPARE(finding.evidenceValue(QStringLiteral("table_partitions")).value(), 400.0);
        QCOMPARE(finding.evidenceValue(QStringLiteral("records_per_partition")).value(), 100'000.0);
        QCOMPARE(finding.evidenceValue(QStringLiteral("partition_skew")).value(), 4.0);
        QCOMPARE(finding.evidenceValue(QStringLiteral("share_of_table_files_read")).value(), 700.0 / 1200.0);
        // 1200 files over 400 partitions: 700 files cover about 234 partitions.
        QCOMPARE(finding.evidenceValue(QStringLiteral("partitions_read_estimate")).value(), 234.0);
        QVERIFY2(finding.recommendation.contains(QLatin1String("partitioned by order_date (400 partitions)")),
            qPrintable(finding.recommendation));

        // The same scan of a table with few files read: still no finding with facts.
        QVERIFY(detect(PartitionPruningDetector(), job, scanUnderFilter(QStringLiteral("lake.sales.orders"), 500), true)
                    .isEmpty());
    }

    void unpartitionedTableGetsAPartitionSpecAdvice()
    {
        Job job;
        job.jobId = QStringLiteral("job-2");
        job.sql = QStringLiteral("SELECT a FROM lake.sales.flat WHERE b = 1");
        job.durationMs = 20000;
        const QVector<Finding> findings
            = detect(PartitionPruningDetector(), job, scanUnderFilter(QStringLiteral("lake.sales.flat"), 3000), true);
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings[0].evidenceValue(QStringLiteral("table_partitions")).value(), 1.0);
        QVERIFY2(findings[0].recommendation.contains(QLatin1String("without partitions")),
            qPrintable(findings[0].recommendation));
        QVERIFY(findings[0].recommendation.contains(QLatin1String("ADD PARTITION FIELD")));
    }

    void selectStarWeighsTheColumnCount()
    {
        Job job;
        job.jobId = QStringLiteral("job-3");
        job.sql = QStringLiteral("SELECT * FROM lake.sales.orders");
        job.bytesScanned = 2LL << 30;
        job.datasets = {QStringLiteral("lake.sales.orders")};
        const QVector<Finding> without = detect(SelectStarDetector(), job, PlanTree(), false);
        QCOMPARE(without.size(), 1);
        QCOMPARE(int(without[0].severity), int(Severity::Low));
        const QVector<Finding> wide = detect(SelectStarDetector(), job, PlanTree(), true);
        QCOMPARE(wide.size(), 1);
        QCOMPARE(int(wide[0].severity), int(Severity::Medium));
        QCOMPARE(wide[0].evidenceValue(QStringLiteral("dataset_columns")).value(), 48.0);
        QVERIFY(wide[0].title.contains(QLatin1String("48-column")));

        // Two columns: SELECT * reads what a column list would; no finding.
        DremioCatalogEntry narrow;
        narrow.datasetPath = QStringLiteral("lake.sales.narrow");
        narrow.type = QStringLiteral("PHYSICAL_DATASET");
        narrow.status = QStringLiteral("found");
        narrow.fields = {{QStringLiteral("a"), QStringLiteral("INT")}, {QStringLiteral("b"), QStringLiteral("INT")}};
        QString error;
        QVERIFY2(DremioCatalogRepository(m_workspace->database()).upsertDataset(m_sourceId, narrow, &error),
            qPrintable(error));
        WorkspaceFacts facts;
        QVERIFY2(WorkspaceFactsReader::readCatalog(m_workspace->database(), &facts, &error), qPrintable(error));
        m_facts = facts;
        job.datasets = {QStringLiteral("lake.sales.narrow")};
        QVERIFY(detect(SelectStarDetector(), job, PlanTree(), true).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCatalogEvidence)
#include "tst_catalogevidence.moc"
