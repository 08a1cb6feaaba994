// partition_pruning end to end through the live-Dremio connector: the fake Dremio serves a history
// where a slow, frequent query filters on the partition column of an Iceberg table through a function
// (EXTRACT(YEAR FROM order_date) = 2025), its profiles (the real 21.6 sample adapted: the scan reads
// every split), and the table's table_files / table_partitions answers (1826 daily partitions). The
// real collector (what `collect --dremio` runs) then the analysis engine must report that query with
// the collected partition counts as evidence and the range rewrite; the query that compares
// order_date directly (its scan read 2025's partitions only) must not be reported.
#include "analysis/analysisengine.h"
#include "analysis/analysisstore.h"
#include "analysis/partitionpruningdetector.h"
#include "analysis/recommendationstore.h"
#include "fakedremioserver.h"
#include "icebergpruningscenario.h"
#include "profile/dremioprofileparser.h"
#include "sources/dremio/historycollector.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QDir>
#include <QTest>

using namespace dopt;
using dopt::test::FakeDremioServer;
using dopt::test::IcebergPruningScenario;

namespace {

// The adapted profile of one of the scenario's queries, parsed like the collector parses it.
ParsedProfile parsedScenarioProfile(const QString& sample, bool pruned, QString* error)
{
    IcebergPruningScenario::Scan scan
        = pruned ? IcebergPruningScenario::prunedScan() : IcebergPruningScenario::unprunedScan();
    scan.startMs = 1764000000000;
    ParsedProfile parsed;
    const QByteArray json = IcebergPruningScenario::adaptedProfile(sample, scan, error);
    if (json.isEmpty() || !DremioProfileParser::parse(json, &parsed, error))
        return {};
    return parsed;
}

const PlanNode* nodeOfType(const PlanTree& tree, const QString& type)
{
    for (const PlanNode& node : tree.nodes) {
        if (node.typeName == type)
            return &node;
    }
    return nullptr;
}

} // namespace

class TestDremioPartitionPruning : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void adaptedProfileKeepsThePlanAttributes()
    {
        // The fixture itself: the parser finds the TableFunction scan with its table and splits as plan
        // attributes, NUM_DATA_FILE named by the sample's own metric map, and the filter's rows.
        DOPT_REQUIRE_SAMPLE(sample, "profile_21.6_csv_agg_1.json");
        QString error;
        const ParsedProfile parsed = parsedScenarioProfile(sample, false, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(parsed.job.sql, IcebergPruningScenario::unprunedSql());
        QCOMPARE(parsed.tree.nodes.size(), 5);
        const PlanNode* scan = nodeOfType(parsed.tree, QStringLiteral("TABLE_FUNCTION"));
        QVERIFY(scan);
        QCOMPARE(scan->detail, QStringLiteral("TableFunction table=lake.sales.orders"));
        QVERIFY(scan->attributes.contains(
            qMakePair(QStringLiteral("splits"), QString::number(IcebergPruningScenario::Files))));
        QCOMPARE(scan->metrics.value(QStringLiteral("NUM_DATA_FILE")), qint64(IcebergPruningScenario::Files));
        const PlanNode* filter = nodeOfType(parsed.tree, QStringLiteral("FILTER"));
        QVERIFY(filter);
        QCOMPARE(scan->parent, filter->index);
        QCOMPARE(filter->inputRecords, 36'520'000);
        QCOMPARE(filter->outputRecords, 7'300'000);
    }

    void planAttributesAloneFlagTheUnprunedScan()
    {
        // Without collected facts the detector decides from the plan alone: splits=[3652] under a filter
        // keeping a fifth of the rows is reported, and so is the pruned scan (730 splits under a filter
        // keeping 5 %): only the table's partition statistics tell that 730 of 3652 files was pruned.
        DOPT_REQUIRE_SAMPLE(sample, "profile_21.6_csv_agg_1.json");
        for (const bool pruned : {false, true}) {
            QString error;
            const ParsedProfile parsed = parsedScenarioProfile(sample, pruned, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            Job job;
            job.jobId = QStringLiteral("plan-only");
            job.engine = QStringLiteral("dremio");
            job.sql = parsed.job.sql;
            job.durationMs = 35'000;
            const FingerprintContext context;
            DetectorInput input;
            input.job = &job;
            input.tree = &parsed.tree;
            input.context = &context;
            input.fingerprint = QStringLiteral("0123456789abcdef");
            const QVector<Finding> findings = PartitionPruningDetector().detect(input);
            QCOMPARE(findings.size(), 1);
            QCOMPARE(findings[0].evidenceValue(QStringLiteral("splits")).value_or(-1),
                pruned ? 730.0 : double(IcebergPruningScenario::Files));
            QCOMPARE(findings[0].confidence, 0.7);
        }
    }

    void collectThenAnalyse()
    {
        DOPT_REQUIRE_SAMPLE(sample, "profile_21.6_csv_agg_1.json");
        FakeDremioServer server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        QVERIFY2(IcebergPruningScenario::install(&server, &error), qPrintable(error));
        Workspace workspace;
        QVERIFY2(
            workspace.open(QDir(test::tempDir()).filePath(QStringLiteral("pruning.dopt")), &error), qPrintable(error));

        // The collector with the CLI's defaults (collect --dremio URL); short polls for the test.
        DremioConnection connection = DremioConnection::fromUrl(server.baseUrl().toString());
        connection.pollIntervalMs = 5;
        const CollectResult collected
            = HistoryCollector::collect(workspace, connection, QLatin1String(FakeDremioServer::Pat), CollectOptions());
        QVERIFY2(collected.ok, qPrintable(collected.error));
        const QStringList unpruned = IcebergPruningScenario::unprunedJobIds();
        const QStringList pruned = IcebergPruningScenario::prunedJobIds();
        QCOMPARE(collected.jobsAdded, 2 + unpruned.size() + pruned.size()); // with the sample's two jobs
        QCOMPARE(collected.profilesFailed, 0);
        QCOMPARE(collected.fileStatsTables, 1);
        QCOMPARE(collected.partitionStatsTables, 1);
        QVERIFY(server.submittedSql().filter(QStringLiteral("table_partitions('lake.sales.orders')")).size() == 1);
        for (const QString& id : unpruned + pruned)
            QCOMPARE(server.countRequests(QStringLiteral("POST /apiv2/support/%1/download").arg(id)), 1);
        QCOMPARE(test::queryScalar(workspace.database(),
                     QStringLiteral("SELECT COUNT(*) FROM jobs WHERE has_profile = 1 AND job_id LIKE '1a2b3c4d-%'")),
            unpruned.size() + pruned.size());

        AnalysisEngine engine(workspace);
        AnalysisSummary summary;
        QVERIFY2(engine.run(&summary, &error), qPrintable(error));
        QVERIFY2(summary.profileErrors == 0, qPrintable(summary.warnings.join(QLatin1Char('\n'))));

        const QVector<Finding> findings
            = AnalysisStore(workspace.database()).findings(QStringLiteral("partition_pruning"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(findings.size(), 1); // the six runs of the unpruned query, merged
        const Finding& finding = findings[0];
        QVERIFY2(!finding.jobIds.isEmpty(), qPrintable(finding.title));
        for (const QString& id : finding.jobIds)
            QVERIFY2(unpruned.contains(id), qPrintable(id));
        QCOMPARE(finding.occurrences, unpruned.size());
        QCOMPARE(finding.sql, IcebergPruningScenario::unprunedSql());
        QCOMPARE(finding.operatorKey, QStringLiteral("00-04"));
        QCOMPARE(int(finding.severity), int(Severity::High));
        // The plan's splits and the partition layout collected through table_files / table_partitions.
        QCOMPARE(finding.evidenceValue(QStringLiteral("splits")).value_or(-1), double(IcebergPruningScenario::Files));
        QCOMPARE(finding.evidenceValue(QStringLiteral("table_partitions")).value_or(-1),
            double(IcebergPruningScenario::Partitions));
        QCOMPARE(
            finding.evidenceValue(QStringLiteral("table_files")).value_or(-1), double(IcebergPruningScenario::Files));
        QCOMPARE(finding.evidenceValue(QStringLiteral("share_of_table_files_read")).value_or(-1), 1.0);
        QCOMPARE(finding.evidenceValue(QStringLiteral("partitions_read_estimate")).value_or(-1),
            double(IcebergPruningScenario::Partitions));
        QCOMPARE(finding.evidenceValue(QStringLiteral("records_per_partition")).value_or(-1),
            double(IcebergPruningScenario::RecordsPerPartition));
        QCOMPARE(finding.evidenceValue(QStringLiteral("filter_selectivity")).value_or(-1), 365.0 / 1826.0);
        QCOMPARE(finding.confidence, 0.8);
        QVERIFY2(finding.recommendation.contains(
                     QLatin1String("lake.sales.orders is partitioned by order_date (1826 partitions): the scan read "
                                   "about 1826 of them; filter on order_date itself.")),
            qPrintable(finding.recommendation));

        // The recommendation carries the range rewrite, measurable before/after.
        RecommendationFilter filter;
        filter.detector = QStringLiteral("partition_pruning");
        const QVector<Recommendation> recommendations = RecommendationStore(workspace.database()).list(filter, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(recommendations.size(), 1);
        const Recommendation& recommendation = recommendations[0];
        QCOMPARE(int(recommendation.action), int(ActionKind::PartitionFilter));
        QCOMPARE(recommendation.engine, QStringLiteral("dremio"));
        QCOMPARE(recommendation.dataset, QStringLiteral("lake.sales.orders"));
        QCOMPARE(recommendation.sqlBefore, IcebergPruningScenario::unprunedSql());
        QCOMPARE(recommendation.sqlAfter,
            QStringLiteral("SELECT region, SUM(amount) AS revenue FROM lake.sales.orders WHERE order_date >= DATE "
                           "'2025-01-01' AND order_date < DATE '2026-01-01' GROUP BY region"));
        QCOMPARE(
            recommendation.definition.value(QLatin1String("rewrite")).toString(), QStringLiteral("sargable_range"));
        QVERIFY(recommendation.evidence.size() >= finding.evidence.size());

        // The query comparing order_date directly: its profiles were analysed, nothing reported.
        for (const Finding& any : AnalysisStore(workspace.database()).jobFindings(&error)) {
            if (any.detectorId != QLatin1String("partition_pruning"))
                continue;
            for (const QString& id : any.jobIds)
                QVERIFY2(!pruned.contains(id), qPrintable(any.title));
        }
        QVERIFY(summary.profilesAnalysed >= unpruned.size() + pruned.size());
    }
};

QTEST_GUILESS_MAIN(TestDremioPartitionPruning)
#include "tst_dremiopartitionpruning.moc"
