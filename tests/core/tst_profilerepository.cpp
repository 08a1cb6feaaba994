// ProfileRepository with real Dremio profiles: compressed raw bytes, summary columns, one operators
// row per plan node, replacement, re-parsing on load, damaged rows. On SQLite and PostgreSQL.
#include "profile/dremioprofileparser.h"
#include "store/jobrepository.h"
#include "store/profilerepository.h"
#include "store/workspace.h"
#include "testdata.h"
#include "tst_storebackends.h"

#include <QFile>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace dopt;

namespace {

QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Column values of one row as strings ("" for NULL), for compact comparisons.
QStringList rowValues(QSqlDatabase db, const QString& sql, const QVariantList& values = {})
{
    QSqlQuery query(db);
    query.prepare(sql);
    for (const QVariant& value : values)
        query.addBindValue(value);
    QStringList result;
    if (!query.exec() || !query.next())
        return {QStringLiteral("no row")};
    for (int i = 0; i < query.record().count(); ++i)
        result.append(query.value(i).isNull() ? QString() : query.value(i).toString()); // QPSQL: typed null
    return result;
}

} // namespace

class tst_ProfileRepository : public QObject
{
    Q_OBJECT

private:
    StoreBackends m_backends;
    Workspace* m_workspace = nullptr; // the current row's

    /// Parses a sample, stores its job, and returns the job row id (-1 on failure, with a message).
    qint64 storeJob(const QByteArray& raw, ParsedProfile* profile, const QString& jobId)
    {
        QString error;
        if (!DremioProfileParser::parse(raw, profile, &error)) {
            qWarning("parse failed: %s", qPrintable(error));
            return -1;
        }
        Job job = profile->job;
        job.jobId = jobId; // the skew sample carries no id; the tests name their jobs
        const qint64 id = JobRepository(m_workspace->database()).upsert(job, 0, 0, &error);
        if (id < 0)
            qWarning("%s", qPrintable(error));
        return id;
    }

    qint64 storeBareJob(const QString& jobId)
    {
        Job job;
        job.jobId = jobId;
        return JobRepository(m_workspace->database()).upsert(job, 0, 0, nullptr);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_backends.start();
        QVERIFY2(m_backends.openShared(), qPrintable(m_backends.skipReason()));
    }

    void initTestCase_data() { StoreBackends::addRows(); }

    void init()
    {
        m_workspace = m_backends.shared();
        if (!m_workspace)
            QSKIP(qPrintable(m_backends.skipReason()));
        QSqlQuery query(m_workspace->database());
        QVERIFY(query.exec(QStringLiteral("DELETE FROM jobs")));
    }

    void cleanupTestCase() { m_backends.closeShared(); }

    void storeAndLoad_data()
    {
        QTest::addColumn<QString>("sample");
        QTest::newRow("21.6 aggregate") << QStringLiteral("profile_21.6_csv_agg_1.json");
        QTest::newRow("25.x hash join skew") << QStringLiteral("profile_25.x_hashjoin_skew.json");
    }
    void storeAndLoad()
    {
        QFETCH(QString, sample);
        const QString path = dopt::test::dremioSample(sample);
        if (path.isEmpty())
            QSKIP(qPrintable(QStringLiteral("../shared/data/dremio/%1 is absent").arg(sample)));
        const QByteArray raw = fileBytes(path);
        ParsedProfile profile;
        const qint64 jobRow = storeJob(raw, &profile, QStringLiteral("job-") + sample);
        QVERIFY(jobRow > 0);
        QVERIFY(!profile.tree.isEmpty());

        QSqlDatabase db = m_workspace->database();
        ProfileRepository repository(db);
        QString error;
        QVERIFY(db.transaction());
        const qint64 profileId = repository.store(jobRow, raw, profile, &error);
        QVERIFY(db.commit());
        QVERIFY2(profileId > 0, qPrintable(error));

        // Raw bytes come back identical and are stored compressed.
        QCOMPARE(repository.rawForJob(jobRow).value_or(QByteArray()), raw);
        const QStringList sizes = rowValues(
            db, QStringLiteral("SELECT raw_size, length(raw_compressed) FROM profiles WHERE id = ?"), {profileId});
        QCOMPARE(sizes.first(), QString::number(raw.size()));
        QVERIFY2(sizes.last().toLongLong() > 0 && sizes.last().toLongLong() < raw.size() / 2,
            qPrintable(sizes.join(QLatin1Char(' '))));
        QVERIFY(JobRepository(db).findByRowId(jobRow)->hasProfile);

        // The summary columns agree with the operators rows written alongside them and with the tree.
        const std::optional<ProfileSummary> summary = repository.summaryForJob(jobRow);
        QVERIFY(summary);
        QCOMPARE(summary->id, profileId);
        QCOMPARE(summary->operatorCount, profile.tree.size());
        QCOMPARE(summary->operatorTypes, profile.tree.operatorTypeCount());
        QCOMPARE(summary->totalProcessNs, profile.tree.totalProcessNs());
        QCOMPARE(summary->warnings, profile.tree.warnings);
        QCOMPARE(summary->engineVersion, profile.engineVersion);
        QCOMPARE(rowValues(db,
                     QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT type_name), MAX(thread_count), SUM(process_ns), "
                                    "MAX(peak_memory_bytes), SUM(spilled_bytes), SUM(skewed) FROM operators "
                                    "WHERE profile_id = ?"),
                     {profileId}),
            (QStringList {QString::number(summary->operatorCount), QString::number(summary->operatorTypes),
                QString::number(summary->maxThreads), QString::number(summary->totalProcessNs),
                QString::number(summary->peakMemoryBytes), QString::number(summary->spilledBytes),
                QString::number(summary->skewedOperators)}));

        // One row per node, linked to its consumer by key.
        for (const PlanNode& node : profile.tree.nodes) {
            const QString parentKey = node.parent >= 0 ? profile.tree.nodes.at(node.parent).key : QString();
            const QStringList stored = rowValues(db,
                QStringLiteral("SELECT parent_key, type_name, thread_count, output_records FROM operators "
                               "WHERE profile_id = ? AND node_key = ?"),
                {profileId, node.key});
            QCOMPARE(stored,
                (QStringList {parentKey, node.typeName, QString::number(node.threadCount),
                    node.outputRecords >= 0 ? QString::number(node.outputRecords) : QString()}));
        }

        // Loading re-parses the stored bytes into the same tree.
        const std::optional<ParsedProfile> loaded = repository.loadForJob(jobRow, &error);
        QVERIFY2(loaded, qPrintable(error));
        QVERIFY(error.isEmpty());
        QCOMPARE(loaded->tree.toText(), profile.tree.toText());
        QCOMPARE(loaded->engineVersion, profile.engineVersion);
    }

    // Figures stated in ../shared/data/dremio/PROVENANCE.md and checked against the file by the parser tests.
    void skewSampleSummary()
    {
        DOPT_REQUIRE_SAMPLE(path, "profile_25.x_hashjoin_skew.json");
        const QByteArray raw = fileBytes(path);
        ParsedProfile profile;
        const qint64 jobRow = storeJob(raw, &profile, QStringLiteral("skew"));
        QVERIFY(jobRow > 0);
        ProfileRepository repository(m_workspace->database());
        QString error;
        QVERIFY2(repository.store(jobRow, raw, profile, &error) > 0, qPrintable(error));
        const ProfileSummary summary = *repository.summaryForJob(jobRow);
        QCOMPARE(summary.operatorCount, 7);
        QCOMPARE(summary.operatorTypes, 5);
        QCOMPARE(summary.maxThreads, 70);
        QVERIFY(summary.peakMemoryBytes >= 550649856); // the sender's peak; another operator may be higher
    }

    void storeReplacesPreviousProfile()
    {
        DOPT_REQUIRE_SAMPLE(first, "profile_21.6_csv_agg_1.json");
        DOPT_REQUIRE_SAMPLE(second, "profile_25.x_hashjoin_skew.json");
        ParsedProfile one;
        const qint64 jobRow = storeJob(fileBytes(first), &one, QStringLiteral("twice"));
        ParsedProfile two;
        QString error;
        QVERIFY2(DremioProfileParser::parse(fileBytes(second), &two, &error), qPrintable(error));
        QSqlDatabase db = m_workspace->database();
        ProfileRepository repository(db);
        const qint64 firstId = repository.store(jobRow, fileBytes(first), one, &error);
        const qint64 secondId = repository.store(jobRow, fileBytes(second), two, &error);
        QVERIFY2(firstId > 0 && secondId > 0, qPrintable(error));
        QVERIFY(firstId != secondId);
        QCOMPARE(rowValues(db, QStringLiteral("SELECT COUNT(*) FROM profiles")), QStringList {QStringLiteral("1")});
        QCOMPARE(rowValues(db, QStringLiteral("SELECT COUNT(*) FROM operators")),
            QStringList {QString::number(two.tree.size())});
        QCOMPARE(repository.rawForJob(jobRow).value_or(QByteArray()), fileBytes(second));

        // Deleting the job takes its profile and operators along.
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("DELETE FROM jobs")));
        QCOMPARE(rowValues(db, QStringLiteral("SELECT COUNT(*) FROM operators")), QStringList {QStringLiteral("0")});
        QVERIFY(!repository.rawForJob(jobRow));
    }

    void jobWithoutProfile()
    {
        const qint64 jobRow = storeBareJob(QStringLiteral("bare"));
        QVERIFY(jobRow > 0);
        ProfileRepository repository(m_workspace->database());
        QString error;
        QVERIFY(!repository.loadForJob(jobRow, &error));
        QVERIFY(error.isEmpty());
        QVERIFY(!repository.summaryForJob(jobRow));
        QVERIFY(!repository.rawForJob(jobRow));
    }

    void storeForMissingJobFails()
    {
        ProfileRepository repository(m_workspace->database());
        ParsedProfile empty;
        QString error;
        QCOMPARE(repository.store(424242, QByteArray("{}"), empty, &error), -1);
        QVERIFY2(error.startsWith(QLatin1String("cannot store the profile of job row 424242:")), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
    }

    void damagedRowsGiveClearErrors_data()
    {
        QTest::addColumn<QString>("update");
        QTest::addColumn<QString>("expected");
        QTest::newRow("wrong size") << QStringLiteral("UPDATE profiles SET raw_size = raw_size + 1")
                                    << QStringLiteral("is damaged");
        QTest::newRow("unknown format") << QStringLiteral("UPDATE profiles SET format = 'mystery-xml'")
                                        << QStringLiteral("has format 'mystery-xml'");
    }
    void damagedRowsGiveClearErrors()
    {
        QFETCH(QString, update);
        QFETCH(QString, expected);
        DOPT_REQUIRE_SAMPLE(path, "profile_21.6_csv_agg_2.json");
        ParsedProfile profile;
        const qint64 jobRow = storeJob(fileBytes(path), &profile, QStringLiteral("damaged"));
        ProfileRepository repository(m_workspace->database());
        QString error;
        QVERIFY2(repository.store(jobRow, fileBytes(path), profile, &error) > 0, qPrintable(error));
        QVERIFY(QSqlQuery(m_workspace->database()).exec(update));
        QVERIFY(!repository.loadForJob(jobRow, &error));
        QVERIFY2(error.contains(expected) && error.contains(QString::number(jobRow)), qPrintable(error));
    }

    void unparsableStoredBytes()
    {
        const qint64 jobRow = storeBareJob(QStringLiteral("junk"));
        ProfileRepository repository(m_workspace->database());
        QString error;
        QVERIFY2(repository.store(jobRow, QByteArray("{\"not\": \"a profile\""), ParsedProfile(), &error) > 0,
            qPrintable(error));
        QVERIFY(!repository.loadForJob(jobRow, &error));
        QVERIFY2(error.contains(QLatin1String("no longer parses")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(tst_ProfileRepository)
#include "tst_profilerepository.moc"
