// The datasets of the selected job in the job detail: their catalog entries and Iceberg partitioning
// as a collect run stored them, read on a worker from a real workspace, under the offscreen platform.
#include "jobdetailview.h"
#include "sources/dremio/dremiocatalogrepository.h"
#include "sources/dremio/dremiosourcerepository.h"
#include "sources/jobdatasetsview.h"
#include "store/importrunrepository.h"
#include "store/jobrepository.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace dopt;

class TestJobDatasetsView : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<Workspace> m_workspace;
    std::optional<JobRow> m_job;
    std::optional<JobRow> m_unknown;

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        m_workspace = std::make_shared<Workspace>();
        QString error;
        QVERIFY2(
            m_workspace->open(dopt::test::tempDir() + QStringLiteral("/datasets.dopt"), &error), qPrintable(error));
        QSqlDatabase db = m_workspace->database();
        DremioSourceSettings settings;
        settings.connection = DremioConnection::fromUrl(QStringLiteral("https://dremio.example.com:9047"));
        const qint64 source = DremioSourceRepository(db).save(settings, &error);
        QVERIFY2(source > 0, qPrintable(error));
        const qint64 run = ImportRunRepository(db).start(source, &error);
        QVERIFY2(run > 0, qPrintable(error));
        Job job;
        job.jobId = QStringLiteral("job-with-datasets");
        job.engine = QStringLiteral("dremio");
        job.sql = QStringLiteral("SELECT * FROM lake.sales.orders o JOIN lake.sales.v_customers c ON o.c = c.id");
        job.datasets = {QStringLiteral("lake.sales.orders"), QStringLiteral("lake.sales.v_customers"),
            QStringLiteral("lake.old.dropped")};
        QVERIFY2(JobRepository(db).upsert(job, source, run, &error) > 0, qPrintable(error));
        Job other = job;
        other.jobId = QStringLiteral("job-without-catalog");
        other.datasets = {QStringLiteral("files.csv.raw")};
        QVERIFY2(JobRepository(db).upsert(other, source, run, &error) > 0, qPrintable(error));
        m_job = JobRepository(db).findByJobId(job.jobId);
        m_unknown = JobRepository(db).findByJobId(other.jobId);
        QVERIFY(m_job && m_unknown);

        DremioCatalogRepository catalog(db);
        DremioCatalogEntry orders;
        orders.datasetPath = QStringLiteral("lake.sales.orders");
        orders.type = QStringLiteral("PHYSICAL_DATASET");
        orders.format = QStringLiteral("Iceberg");
        orders.status = QStringLiteral("found");
        for (int i = 0; i < 1200; ++i)
            orders.fields.append({QStringLiteral("c%1").arg(i), QStringLiteral("BIGINT")});
        QVERIFY2(catalog.upsertDataset(source, orders, &error), qPrintable(error));
        DremioCatalogEntry view;
        view.datasetPath = QStringLiteral("lake.sales.v_customers");
        view.type = QStringLiteral("VIRTUAL_DATASET");
        view.sql = QStringLiteral("SELECT id, name FROM lake.sales.customers");
        view.status = QStringLiteral("found");
        view.fields
            = {{QStringLiteral("id"), QStringLiteral("BIGINT")}, {QStringLiteral("name"), QStringLiteral("VARCHAR")}};
        QVERIFY2(catalog.upsertDataset(source, view, &error), qPrintable(error));
        DremioCatalogEntry gone;
        gone.datasetPath = QStringLiteral("lake.old.dropped");
        gone.status = QStringLiteral("gone");
        QVERIFY2(catalog.upsertDataset(source, gone, &error), qPrintable(error));
        IcebergPartitionStats partitions;
        partitions.datasetPath = QStringLiteral("lake.sales.orders");
        partitions.partitionColumns = {QStringLiteral("order_date")};
        partitions.partitionCount = 1500;
        partitions.recordCount = 3'000'000;
        partitions.fileCount = 4500;
        partitions.largestPartition = QStringLiteral("{order_date=2025-01-01}");
        partitions.largestPartitionRecords = 6000;
        QVERIFY2(catalog.upsertPartitionStats(source, partitions, &error), qPrintable(error));
    }

    void jobDetailListsTheScannedDatasets()
    {
        JobDetailView detail;
        detail.setWorkspace(m_workspace);
        QSignalSpy loaded(detail.datasetsView(), &JobDatasetsView::loadFinished);
        detail.showJob(*m_job);
        QVERIFY(loaded.wait(30000));
        QCOMPARE(loaded.first().first().toInt(), 3);
        const QTreeWidget* list = detail.datasetsView()->list();
        QCOMPARE(list->topLevelItemCount(), 3);
        const QTreeWidgetItem* orders = list->topLevelItem(0);
        QCOMPARE(orders->text(0), QStringLiteral("lake.sales.orders"));
        QCOMPARE(orders->text(1), QStringLiteral("table"));
        QCOMPARE(orders->text(2), QStringLiteral("Iceberg"));
        QCOMPARE(orders->text(3), QStringLiteral("1,200")); // the locale's grouping
        QCOMPARE(orders->text(4), QStringLiteral("1,500 by order_date"));
        QVERIFY2(orders->toolTip(4).contains(QStringLiteral("(3.0× the mean)")), qPrintable(orders->toolTip(4)));
        const QTreeWidgetItem* view = list->topLevelItem(1);
        QCOMPARE(view->text(1), QStringLiteral("view"));
        QCOMPARE(view->text(3), QStringLiteral("2"));
        QVERIFY(view->toolTip(3).contains(QLatin1String("name VARCHAR")));
        QCOMPARE(list->topLevelItem(2)->text(1), QStringLiteral("gone from the catalog"));
        QCOMPARE(detail.datasetsView()->statusText(), QStringLiteral("3 dataset(s) read by this job."));

        // A job whose datasets were never looked up says so; clearing empties the list.
        loaded.clear();
        detail.showJob(*m_unknown);
        QVERIFY(loaded.wait(30000));
        QCOMPARE(list->topLevelItemCount(), 1);
        QVERIFY2(detail.datasetsView()->statusText().contains(QLatin1String("no catalog entries")),
            qPrintable(detail.datasetsView()->statusText()));
        detail.clear();
        QCOMPARE(list->topLevelItemCount(), 0);
    }
};

QTEST_MAIN(TestJobDatasetsView)
#include "tst_jobdatasetsview.moc"
