// QueriesLogReader on the real 11-line coordinator queries.json and on broken logs.
#include "sources/files/querieslogreader.h"
#include "testdata.h"

#include <QFile>
#include <QtTest>

using namespace dopt;

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const Job* findJob(const QVector<Job>& jobs, const QString& id)
{
    for (const Job& job : jobs) {
        if (job.jobId == id)
            return &job;
    }
    return nullptr;
}

} // namespace

class TestQueriesLogReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void realSample()
    {
        DOPT_REQUIRE_SAMPLE(path, "queries_log_21.x.json");
        QueriesLog log;
        QString error;
        QVERIFY2(QueriesLogReader::read(readAll(path), &log, &error), qPrintable(error));
        QCOMPARE(log.lines, 11);
        QCOMPARE(log.jobs.size(), 11);
        QVERIFY(log.warnings.isEmpty());

        int failed = 0;
        for (const Job& job : std::as_const(log.jobs)) {
            QVERIFY(!job.jobId.isEmpty());
            QCOMPARE(job.engine, QStringLiteral("dremio"));
            QCOMPARE(job.queryType, QStringLiteral("FLIGHT"));
            QVERIFY(job.durationMs.has_value());
            if (job.state == QLatin1String("FAILED")) {
                ++failed;
                QCOMPARE(job.error, QStringLiteral("The source [pglocal] is currently unavailable. Info: []"));
            } else {
                QCOMPARE(job.state, QStringLiteral("COMPLETED"));
                QVERIFY(job.error.isEmpty());
                QCOMPARE(job.datasets, QStringList(QStringLiteral("pglocal.public.records")));
            }
            // Phases tile the job from submission to the end.
            qint64 total = 0;
            for (const JobPhase& phase : job.phases)
                total += phase.durationMs;
            if (!job.phases.isEmpty())
                QCOMPARE(total, *job.durationMs);
        }
        QCOMPARE(failed, 4);

        const Job* first = findJob(log.jobs, QStringLiteral("1cd23ebb-0234-aedd-5240-a2386f897400"));
        QVERIFY(first);
        QCOMPARE(first->sql, QStringLiteral("SELECT * FROM pglocal.public.records"));
        QCOMPARE(first->user, QStringLiteral("dremio"));
        QCOMPARE(first->submittedMs, std::optional<qint64>(1663942981202));
        QCOMPARE(first->endedMs, std::optional<qint64>(1663942981620));
        QCOMPARE(first->durationMs, std::optional<qint64>(418)); // finish - start
        QVERIFY(first->phases.isEmpty()); // every phase timestamp is 0
        QVERIFY(!first->startedMs);

        const Job* executed = findJob(log.jobs, QStringLiteral("1cd23e54-a463-39ae-e965-01e405244800"));
        QVERIFY(executed);
        QCOMPARE(executed->queue, QStringLiteral("Low Cost User Queries"));
        QCOMPARE(executed->plannerCost, std::optional<double>(20.0));
        QCOMPARE(executed->startedMs, std::optional<qint64>(1663943082727));
        QCOMPARE(executed->durationMs, std::optional<qint64>(672));
        QCOMPARE(executed->phases.size(), 4);
        QCOMPARE(executed->phases[0].name, QStringLiteral("PENDING"));
        QCOMPARE(executed->phases[0].durationMs, 1663943082516 - 1663943082390);
        QCOMPARE(executed->phases[1].name, QStringLiteral("QUEUED"));
        QCOMPARE(executed->phases[1].startMs, 1663943082516);
        QCOMPARE(executed->phases[2].name, QStringLiteral("EXECUTION_PLANNING"));
        QCOMPARE(executed->phases[2].durationMs, 1663943082727 - 1663943082556);
        QCOMPARE(executed->phases[3].name, QStringLiteral("RUNNING"));
        QCOMPARE(executed->phases[3].durationMs, 1663943083062 - 1663943082727);
    }

    void toleratesBlankLinesCrlfAndBom()
    {
        const QByteArray text = "\xEF\xBB\xBF{\"queryId\":\"a\",\"start\":1000,\"finish\":1010}\r\n\r\n   \n"
                                "{\"queryId\":\"b\",\"outcome\":\"CANCELED\"}";
        QueriesLog log;
        QString error;
        QVERIFY2(QueriesLogReader::read(text, &log, &error), qPrintable(error));
        QCOMPARE(log.jobs.size(), 2);
        QCOMPARE(log.jobs[0].durationMs, std::optional<qint64>(10));
        QCOMPARE(log.jobs[1].state, QStringLiteral("CANCELED"));
        QVERIFY(!log.jobs[1].durationMs);
    }

    void brokenLineFailsTheFile_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        const QByteArray good = "{\"queryId\":\"a\",\"start\":1,\"finish\":2}\n";
        QTest::newRow("garbage") << good + good + "this is not json\n" + good << QStringLiteral("malformed JSON: ");
        QTest::newRow("garbage line number") << good + "\n" + "{\"queryId\": }\n" << QStringLiteral("(line 3, column ");
        QTest::newRow("truncated last line") << good + "{\"queryId\":\"b\",\"start\":1" << QStringLiteral("line 2");
        QTest::newRow("array line") << good + "[1,2]\n" << QStringLiteral("found an array (line 2)");
        QTest::newRow("number line") << QByteArray("42\n") << QStringLiteral("(line 1");
        QTest::newRow("no queryId") << good + "{\"queryText\":\"SELECT 1\"}\n" << QStringLiteral("no queryId (line 2)");
        QTest::newRow("pretty-printed object")
            << QByteArray("{\n  \"queryId\": \"a\"\n}\n") << QStringLiteral("line 1");
    }

    void brokenLineFailsTheFile()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        QueriesLog log;
        QString error;
        QVERIFY(!QueriesLogReader::read(text, &log, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
        QVERIFY(log.jobs.isEmpty()); // atomic: nothing of a bad file
    }

    void duplicateIdsAreMerged()
    {
        const QByteArray text = "{\"queryId\":\"1cd23e54-a463-39ae-e965-01e405244800\",\"outcome\":\"RUNNING\","
                                "\"queryText\":\"SELECT 1\",\"start\":100}\n"
                                "{\"queryId\":\"other\",\"outcome\":\"COMPLETED\"}\n"
                                "{\"queryId\":\"1cd23e54-a463-39ae-e965-01e405244800\",\"outcome\":\"FAILED\","
                                "\"outcomeReason\":\"boom\",\"start\":100,\"finish\":300}\n";
        QueriesLog log;
        QString error;
        QVERIFY2(QueriesLogReader::read(text, &log, &error), qPrintable(error));
        QCOMPARE(log.lines, 3);
        QCOMPARE(log.jobs.size(), 2);
        QCOMPARE(log.jobs[0].state, QStringLiteral("FAILED"));
        QCOMPARE(log.jobs[0].error, QStringLiteral("boom"));
        QCOMPARE(log.jobs[0].sql, QStringLiteral("SELECT 1"));
        QCOMPARE(log.jobs[0].durationMs, std::optional<qint64>(200));
        QCOMPARE(log.warnings.size(), 1);
    }

    void hugeQueryTextIsKept()
    {
        const QByteArray sql = "SELECT '" + QByteArray(8 * 1024 * 1024, 'x') + "'";
        const QByteArray text = "{\"queryId\":\"big\",\"queryText\":\"" + sql + "\",\"start\":1,\"finish\":5}\n";
        QueriesLog log;
        QString error;
        QVERIFY2(QueriesLogReader::read(text, &log, &error), qPrintable(error));
        QCOMPARE(log.jobs.size(), 1);
        QCOMPARE(log.jobs[0].sql.size(), sql.size());
    }

    void emptyFileHasNoJobs()
    {
        QueriesLog log;
        QString error;
        QVERIFY(QueriesLogReader::read(QByteArray("\n\n"), &log, &error));
        QCOMPARE(log.jobs.size(), 0);
        QCOMPARE(log.lines, 0);
    }
};

QTEST_GUILESS_MAIN(TestQueriesLogReader)
#include "tst_querieslogreader.moc"
