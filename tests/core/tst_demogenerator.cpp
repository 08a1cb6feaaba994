// Tests of the demo workspace generator: determinism, real-parser round trip of every query shape,
// daily and weekly rhythm, the problems the demo is meant to show, and the demo flag.

#include "demo/demogenerator.h"
#include "demo/demoprofilewriter.h"
#include "demo/demoqueryshapes.h"
#include "demo/demoworkload.h"
#include "profile/dremioplantext.h"
#include "profile/dremioprofileparser.h"
#include "store/jobrepository.h"
#include "store/profilerepository.h"
#include "store/sourcerepository.h"
#include "store/workspace.h"
#include "testdata.h"
#include "util/coreresources.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <algorithm>

using namespace dopt;

namespace {

DemoOptions smallOptions()
{
    DemoOptions options;
    options.jobs = 3000;
    options.profileEvery = 6;
    options.batchSize = 500;
    return options;
}

/// A digest of every job row and every stored profile, in job id order.
QByteArray workspaceDigest(Workspace& workspace)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QSqlQuery query(workspace.database());
    query.exec(QStringLiteral("SELECT j.job_id, j.submitted_ms, j.duration_ms, j.sql_text, j.state, j.user_name, "
                              "j.queue, j.rows_scanned, j.accelerated, p.raw_compressed FROM jobs j "
                              "LEFT JOIN profiles p ON p.job_ref = j.id ORDER BY j.job_id"));
    while (query.next()) {
        for (int column = 0; column < 10; ++column) {
            hash.addData(query.value(column).toString().toUtf8());
            hash.addData(QByteArrayView("\x1f"));
        }
    }
    return hash.result().toHex();
}

QVector<qint64> column(Workspace& workspace, const QString& sql)
{
    QVector<qint64> values;
    QSqlQuery query(workspace.database());
    if (!query.exec(sql))
        qWarning("%s", qPrintable(query.lastError().text()));
    while (query.next())
        values.append(query.value(0).toLongLong());
    return values;
}

qint64 median(QVector<qint64> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

int shapeIndex(const QString& name)
{
    const auto& shapes = DemoQueryShapes::shapes();
    for (qsizetype i = 0; i < shapes.size(); ++i) {
        if (shapes[i].name == name)
            return int(i);
    }
    return -1;
}

} // namespace

class TestDemoGenerator : public QObject
{
    Q_OBJECT

private:
    QString m_path;
    Workspace m_workspace;
    DemoWorkload m_workload {smallOptions()};

    /// A job of the workload with the given shape (the first one), or -1.
    int firstJobOf(int shape) const
    {
        for (int i = 0; i < m_workload.size(); ++i) {
            if (m_workload.slot(i).shape == shape)
                return i;
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        initCoreResources();
        m_path = dopt::test::tempDir() + QStringLiteral("/demo.dopt");
        DemoGenerator generator(smallOptions());
        int progressCalls = 0;
        int lastDone = -1;
        generator.setProgress([&](int done, int total, const QString&) {
            ++progressCalls;
            QVERIFY(done >= lastDone);
            QCOMPARE(total, 3000);
            lastDone = done;
        });
        QString error;
        QVERIFY2(generator.generate(m_path, &error), qPrintable(error));
        QCOMPARE(generator.jobsWritten(), 3000);
        QVERIFY(generator.profilesWritten() >= 500);
        QVERIFY(progressCalls >= 6);
        QCOMPARE(lastDone, 3000);
        QVERIFY2(m_workspace.open(m_path, &error), qPrintable(error));
    }

    void deterministic()
    {
        // Two independent runs with the same options give byte-identical jobs and profiles.
        const QString other = dopt::test::tempDir() + QStringLiteral("/again.dopt");
        DemoGenerator generator(smallOptions());
        QString error;
        QVERIFY2(generator.generate(other, &error), qPrintable(error));
        Workspace second;
        QVERIFY2(second.open(other, &error), qPrintable(error));
        QCOMPARE(workspaceDigest(second), workspaceDigest(m_workspace));
        QCOMPARE(column(second, QStringLiteral("SELECT duration_ms FROM jobs ORDER BY job_id")),
            column(m_workspace, QStringLiteral("SELECT duration_ms FROM jobs ORDER BY job_id")));
        second.close();

        // Another seed gives another workload.
        DemoOptions options = smallOptions();
        options.seed += 1;
        const DemoWorkload a(smallOptions());
        const DemoWorkload b(options);
        QVERIFY(a.job(10).job.jobId != b.job(10).job.jobId);
        // A job is rebuilt identically on its own, independently of the others.
        const DemoWorkload again(smallOptions());
        QCOMPARE(again.job(2345).job.jobId, a.job(2345).job.jobId);
        QCOMPARE(again.job(2345).job.sql, a.job(2345).job.sql);
        QCOMPARE(DemoProfileWriter::write(again.job(77), DemoQueryShapes::shapes()[again.job(77).shape]),
            DemoProfileWriter::write(a.job(77), DemoQueryShapes::shapes()[a.job(77).shape]));
    }

    void jobIdsFollowDremio()
    {
        // The job id is java.util.UUID(part1, part2) with attempt 0 in part2's low byte.
        QCOMPARE(DemoProfileWriter::jobId(2069418626012072247LL, 7174571401325465344LL),
            QStringLiteral("1cb80d46-af06-c937-6391-32ad4fae4f00"));
        const DemoJobSpec spec = m_workload.job(5);
        QCOMPARE(spec.part2 & 0xFF, 0);
        QCOMPARE(spec.job.jobId, DemoProfileWriter::jobId(spec.part1, spec.part2));
    }

    void everyShapeParses_data()
    {
        QTest::addColumn<int>("shape");
        const auto& shapes = DemoQueryShapes::shapes();
        for (qsizetype i = 0; i < shapes.size(); ++i)
            QTest::newRow(shapes[i].name.toUtf8().constData()) << int(i);
    }

    void everyShapeParses()
    {
        QFETCH(int, shape);
        const int index = firstJobOf(shape);
        if (index < 0)
            QSKIP("the shape does not occur in the small workload");
        const DemoJobSpec spec = m_workload.job(index);
        const DemoQueryShape& s = DemoQueryShapes::shapes()[shape];
        const QByteArray raw = DemoProfileWriter::write(spec, s);
        ParsedProfile parsed;
        QString error;
        QVERIFY2(DremioProfileParser::parse(raw, &parsed, &error), qPrintable(error));
        QCOMPARE(parsed.tree.warnings, QStringList());
        QCOMPARE(parsed.job.jobId, spec.job.jobId);
        QCOMPARE(parsed.job.attempt, 0);
        QCOMPARE(parsed.job.sql, spec.job.sql);
        QCOMPARE(parsed.job.user, spec.job.user);
        QCOMPARE(parsed.job.state, spec.job.state);
        QCOMPARE(parsed.job.submittedMs, spec.job.submittedMs);
        QCOMPARE(parsed.job.durationMs, spec.job.durationMs);
        QCOMPARE(parsed.engineVersion, QString::fromLatin1(DemoProfileWriter::DremioVersion));
        QCOMPARE(parsed.job.datasets, spec.job.datasets);
        if (spec.failedInPlanning) {
            QVERIFY(parsed.tree.isEmpty());
            QVERIFY(!parsed.job.error.isEmpty());
            return;
        }
        QCOMPARE(parsed.job.queue, spec.job.queue);
        QCOMPARE(parsed.job.queryType, spec.job.queryType);
        QCOMPARE(parsed.job.engineName, spec.job.engineName);
        QCOMPARE(parsed.job.startedMs, spec.job.startedMs);
        // One tree rooted at the Screen; every other operator has a consumer.
        QCOMPARE(parsed.tree.roots.size(), 1);
        const PlanNode& root = parsed.tree.nodes[parsed.tree.roots.first()];
        QCOMPARE(root.typeName, QStringLiteral("SCREEN"));
        QCOMPARE(root.key, QStringLiteral("00-00"));
        int dataScans = 0;
        for (const PlanNode& node : parsed.tree.nodes) {
            QVERIFY2(node.index == root.index || node.parent >= 0, qPrintable(node.key));
            QVERIFY(node.threadCount >= 1);
            if (node.typeName == QLatin1String("TABLE_FUNCTION")
                && node.metrics.contains(QStringLiteral("NUM_DATA_FILE")))
                ++dataScans;
        }
        QVERIFY2(dataScans >= 1, qPrintable(parsed.tree.toText()));
        if (!spec.job.error.isEmpty())
            QCOMPARE(parsed.job.error, spec.job.error);
        if (spec.reflectionChosen) {
            QVERIFY(parsed.job.accelerated);
            QCOMPARE(parsed.reflectionsChosen, 1);
            QCOMPARE(parsed.chosenReflectionIds, QStringList {spec.reflectionId});
        }
    }

    void problemsShowInTheTrees()
    {
        const auto treeOf = [this](const char* shapeName, ParsedProfile* parsed) {
            const int index = firstJobOf(shapeIndex(QString::fromUtf8(shapeName)));
            QVERIFY2(index >= 0, shapeName);
            const DemoJobSpec spec = m_workload.job(index);
            QString error;
            QVERIFY2(DremioProfileParser::parse(
                         DemoProfileWriter::write(spec, DemoQueryShapes::shapes()[spec.shape]), parsed, &error),
                qPrintable(error));
        };
        ParsedProfile skew;
        treeOf("Conversion funnel", &skew);
        const QVector<const PlanNode*> joins = skew.tree.ofType(QStringLiteral("HASH_JOIN"));
        QCOMPARE(joins.size(), 1);
        QCOMPARE(joins.first()->threadCount, 16);
        QVERIFY(joins.first()->skewed);
        QVERIFY(joins.first()->processNsSpread.max > 4 * joins.first()->processNsSpread.avg);

        ParsedProfile spill;
        treeOf("Distinct customers per country", &spill);
        qint64 spilled = 0;
        for (const PlanNode& node : spill.tree.nodes)
            spilled += node.spilledBytes;
        QVERIFY(spilled > 0);

        ParsedProfile fanOut;
        treeOf("Order lines with category peers", &fanOut);
        const PlanNode* join = fanOut.tree.ofType(QStringLiteral("HASH_JOIN")).value(0);
        QVERIFY(join);
        QVERIFY(join->inputRecordsPerInput.size() == 2);
        QVERIFY(join->outputRecords > 100 * join->inputRecordsPerInput[0]);

        ParsedProfile smallFiles;
        treeOf("Web traffic by channel", &smallFiles);
        qint64 files = 0;
        for (const PlanNode* node : smallFiles.tree.ofType(QStringLiteral("TABLE_FUNCTION")))
            files = std::max(files, node->metrics.value(QStringLiteral("NUM_DATA_FILE")));
        QVERIFY2(files > 1000, qPrintable(QString::number(files)));

        // Reading every partition shows in the plan text as the data-file scan's splits=[N].
        const int index = firstJobOf(shapeIndex(QStringLiteral("May orders by text match")));
        QVERIFY(index >= 0);
        const DemoJobSpec spec = m_workload.job(index);
        const QByteArray raw = DemoProfileWriter::write(spec, DemoQueryShapes::shapes()[spec.shape]);
        const QString plan = QJsonDocument::fromJson(raw).object().value(QStringLiteral("plan")).toString();
        QStringList splits;
        for (const DremioPlanText::Line& line : DremioPlanText::parse(plan)) {
            if (line.name == QLatin1String("TableFunction"))
                splits << DremioPlanText::attribute(line.attributes, u"splits");
        }
        QVERIFY2(
            splits.contains(QStringLiteral("4320")), qPrintable(splits.join(QLatin1Char(',')))); // 540 days x 8 files
    }

    void rhythm()
    {
        const QVector<qint64> times = column(m_workspace, QStringLiteral("SELECT submitted_ms FROM jobs"));
        QCOMPARE(times.size(), 3000);
        int weekday = 0;
        int weekend = 0;
        int office = 0;
        int night = 0;
        for (qint64 ms : times) {
            const QDateTime when = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
            (when.date().dayOfWeek() >= Qt::Saturday ? weekend : weekday)++;
            const int hour = when.time().hour();
            if (hour >= 9 && hour < 17)
                ++office;
            else if (hour < 6)
                ++night;
        }
        // Per day: 5 weekdays against 2 weekend days.
        QVERIFY2(weekday / 5.0 > 3 * (weekend / 2.0), qPrintable(QStringLiteral("%1 / %2").arg(weekday).arg(weekend)));
        QVERIFY2(office > 3 * night, qPrintable(QStringLiteral("%1 / %2").arg(office).arg(night)));
        // 90 days ending on the fixed end date.
        const auto [first, last] = std::minmax_element(times.begin(), times.end());
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(*last, Qt::UTC).date(), QDate(2025, 6, 30));
        QVERIFY(QDateTime::fromMSecsSinceEpoch(*first, Qt::UTC).date() >= QDate(2025, 4, 2));
        // Nightly batches start at the same minute every night.
        const QVector<qint64> snapshots = column(m_workspace,
            QStringLiteral(
                "SELECT submitted_ms FROM jobs WHERE sql_text LIKE 'CREATE TABLE lakehouse.marts.daily_sales%'"));
        QVERIFY(snapshots.size() >= 20);
        for (qint64 ms : snapshots) {
            const QTime time = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).time();
            QCOMPARE(time.hour(), 2);
            QVERIFY(time.minute() <= 1);
        }
    }

    void problemsArePresent()
    {
        // A 3x slowdown from day 60 (2025-05-31) of "Sales vs target".
        const qint64 day60 = QDateTime(QDate(2025, 4, 2).addDays(60), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        const QString sales = QStringLiteral("SELECT duration_ms FROM jobs WHERE sql_text LIKE '%Finance.\"sales "
                                             "targets\"%' AND state = 'COMPLETED' AND submitted_ms %1 %2");
        const qint64 before = median(column(m_workspace, sales.arg(QStringLiteral("<")).arg(day60)));
        const qint64 after = median(column(m_workspace, sales.arg(QStringLiteral(">=")).arg(day60)));
        QVERIFY(before > 0);
        QVERIFY2(after > 2 * before, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));

        QVERIFY(column(m_workspace, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE accelerated = 1")).value(0) > 50);
        QVERIFY(column(m_workspace, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE state = 'FAILED' AND error <> ''"))
                    .value(0)
            > 5);
        QVERIFY(
            column(m_workspace, QStringLiteral("SELECT COUNT(*) FROM profiles WHERE spilled_bytes > 0")).value(0) > 0);
        QVERIFY(column(m_workspace, QStringLiteral("SELECT COUNT(*) FROM profiles WHERE skewed_operators > 0")).value(0)
            > 0);

        // An accelerated job with a stored profile loads back with its chosen reflection.
        const QVector<qint64> accelerated = column(m_workspace,
            QStringLiteral("SELECT j.id FROM jobs j JOIN profiles p ON p.job_ref = j.id WHERE j.accelerated = 1"));
        QVERIFY(!accelerated.isEmpty());
        ProfileRepository profiles(m_workspace.database());
        QString error;
        const std::optional<ParsedProfile> loaded = profiles.loadForJob(accelerated.first(), &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->reflectionsChosen, 1);
        // The stored bytes are the generated profile JSON.
        const std::optional<QByteArray> raw = profiles.rawForJob(accelerated.first());
        QVERIFY(raw && raw->startsWith("{\"id\":{\"part1\":"));
    }

    void demoFlag()
    {
        SourceRepository sources(m_workspace.database());
        const std::optional<SourceRow> source
            = sources.find(QString::fromLatin1(DemoGenerator::SourceKind), smallOptions().sourceName);
        QVERIFY(source);
        QVERIFY(source->isDemo);
        QCOMPARE(column(m_workspace, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE source_id = %1").arg(source->id))
                     .value(0),
            3000);
        JobRepository jobs(m_workspace.database());
        const QVector<JobRow> page = jobs.page(JobQuery(), 0, 20);
        QCOMPARE(page.size(), 20);
        for (const JobRow& row : page)
            QVERIFY(row.isDemo);
    }

    void cancelAndBadInput()
    {
        std::atomic_bool cancelled {true};
        DemoGenerator generator(smallOptions());
        generator.setCancelFlag(&cancelled);
        QString error;
        QVERIFY(!generator.generate(dopt::test::tempDir() + QStringLiteral("/cancelled.dopt"), &error));
        QVERIFY2(error.contains(QLatin1String("cancelled")), qPrintable(error));

        DemoOptions none = smallOptions();
        none.jobs = 0;
        QVERIFY(!DemoGenerator(none).generate(dopt::test::tempDir() + QStringLiteral("/none.dopt"), &error));
        QVERIFY2(error.contains(QLatin1String("number of jobs")), qPrintable(error));

        QVERIFY(!DemoGenerator(smallOptions()).generate(QStringLiteral("/proc/no/such/dir/demo.dopt"), &error));
        QVERIFY2(error.startsWith(QLatin1String("demo: cannot open the workspace")), qPrintable(error));
    }

    void cleanupTestCase() { m_workspace.close(); }
};

QTEST_GUILESS_MAIN(TestDemoGenerator)
#include "tst_demogenerator.moc"
