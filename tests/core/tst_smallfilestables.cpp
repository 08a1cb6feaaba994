#include "analysis/analysisengine.h"
#include "analysis/analysisstore.h"
#include "analysis/recommendationstore.h"
#include "demo/demogenerator.h"
#include "demoworkspace.h"
#include "sources/dremio/dremiosourcerepository.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QSqlQuery>
#include <QTest>

using namespace dopt;

/// small_files from collected Iceberg file statistics: a table the history reads that is mostly
/// small files becomes one finding and one OPTIMIZE TABLE recommendation; a compacted table and a
/// table nobody reads do not.
class TestSmallFilesTables : public QObject
{
    Q_OBJECT

private:
    Workspace m_workspace;
    qint64 m_sourceId = -1;
    QString m_readTable;

    void storeStats(const QString& table, qint64 files, qint64 small, qint64 totalBytes)
    {
        IcebergFileStats stats;
        stats.datasetPath = table;
        stats.fileCount = files;
        stats.smallFiles = small;
        stats.smallThresholdBytes = 128849018;
        stats.totalBytes = totalBytes;
        stats.collectedMs = 1;
        QString error;
        QVERIFY2(DremioSourceRepository(m_workspace.database()).upsertFileStats(m_sourceId, stats, &error),
            qPrintable(error));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        const QString path = dopt::test::makeDemoWorkspace(QStringLiteral("small-files-tables.dopt"), 2000, 0, &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        QVERIFY2(m_workspace.open(path, &error), qPrintable(error));
        QSqlQuery query(m_workspace.database());
        QVERIFY(query.exec(QStringLiteral("SELECT source_id, datasets FROM jobs WHERE datasets <> '' AND source_id "
                                          "IS NOT NULL ORDER BY id LIMIT 1")));
        QVERIFY(query.next());
        m_sourceId = query.value(0).toLongLong();
        m_readTable = query.value(1).toString().section(QLatin1Char('\n'), 0, 0);
        QVERIFY(!m_readTable.isEmpty());
    }

    void mostlySmallFilesOfAReadTableAreFound()
    {
        storeStats(m_readTable, 5000, 4800, 4800LL * 2 * 1024 * 1024 + 200LL * 400 * 1024 * 1024);
        storeStats(QStringLiteral("lake.compacted"), 300, 10, 300LL * 500 * 1024 * 1024); // already compacted
        storeStats(QStringLiteral("lake.nobody_reads_this"), 9000, 9000, 9000LL * 1024 * 1024);

        AnalysisEngine engine(m_workspace);
        AnalysisSummary summary;
        QString error;
        QVERIFY2(engine.run(&summary, &error), qPrintable(error));

        QVector<Finding> tableFindings;
        for (const Finding& f : AnalysisStore(m_workspace.database()).findings(QStringLiteral("small_files"))) {
            if (f.title.startsWith(QLatin1String("Table ")))
                tableFindings.append(f);
        }
        QCOMPARE(tableFindings.size(), 1);
        const Finding& found = tableFindings.first();
        QVERIFY2(found.title.contains(m_readTable), qPrintable(found.title));
        QCOMPARE(found.evidenceValue(QStringLiteral("small_files")).value_or(0), 4800.0);
        QVERIFY(found.evidenceValue(QStringLiteral("jobs_reading")).value_or(0) >= 1);
        QVERIFY(found.improvementMs > 0);

        bool optimize = false;
        for (const Recommendation& r : RecommendationStore(m_workspace.database()).list()) {
            if (r.dataset == m_readTable && r.action == ActionKind::OptimizeTable) {
                optimize = true;
                QVERIFY(r.applyStatements.value(0).startsWith(QStringLiteral("OPTIMIZE TABLE %1").arg(m_readTable)));
            }
            QVERIFY(r.dataset != QLatin1String("lake.compacted"));
            QVERIFY(r.dataset != QLatin1String("lake.nobody_reads_this"));
        }
        QVERIFY(optimize);
    }
};

QTEST_MAIN(TestSmallFilesTables)
#include "tst_smallfilestables.moc"
