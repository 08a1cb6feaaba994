#include "ml/parameteradvisor.h"
#include "ml/workmemhistory.h"
#include "store/jobrepository.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QFile>
#include <QSqlQuery>
#include <QTest>
#include <random>

using namespace dopt;

/// work_mem parameter advice on generated PostgreSQL histories: sessions that SET work_mem before
/// their statements (as a server log shows them) with a known effect on run time, measured
/// parameter changes, and pattern-free noise (few false positives).
class TestWorkMemAdvice : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Workspace> m_workspace;
    int m_session = 0;

    /// One logged session: SET work_mem (unless empty), then `runs` executions of sql.
    void session(const QString& setting, const QString& sql, const std::vector<double>& durations)
    {
        QVector<std::pair<QString, double>> statements;
        if (!setting.isEmpty())
            statements.append({setting, 0});
        for (double ms : durations)
            statements.append({sql, ms});
        script(statements);
    }

    /// One logged session running `statements` in order: (text, duration ms).
    void script(const QVector<std::pair<QString, double>>& statements)
    {
        JobRepository jobs(m_workspace->database());
        const QString id = QStringLiteral("65a%1.1f").arg(++m_session);
        int line = 0;
        QString error;
        for (const auto& [text, ms] : statements) {
            Job job;
            job.engine = QStringLiteral("postgres");
            job.jobId = QStringLiteral("%1:%2").arg(id).arg(++line);
            job.sql = text;
            job.state = QStringLiteral("COMPLETED");
            job.queryType = QStringLiteral("statement");
            job.durationMs = qRound64(ms);
            job.submittedMs = 1700000000000LL + m_session * 60000LL + line;
            QVERIFY2(jobs.upsert(job, 0, 0, &error) > 0, qPrintable(error));
        }
    }

    std::vector<double> draw(std::mt19937_64& random, double medianMs, double sigma, int n)
    {
        std::lognormal_distribution<double> noise(std::log(medianMs), sigma);
        std::vector<double> values;
        for (int i = 0; i < n; ++i)
            values.push_back(std::max(1.0, noise(random)));
        return values;
    }

    std::optional<ParameterAdvice> adviceFor(const QVector<ParameterAdvice>& advice, const QString& sqlFragment)
    {
        for (const ParameterAdvice& one : advice)
            if (one.parameter == QLatin1String("work_mem") && one.sql.contains(sqlFragment))
                return one;
        return std::nullopt;
    }

private Q_SLOTS:
    void init()
    {
        m_workspace = std::make_unique<Workspace>();
        QString error;
        const QString path = dopt::test::tempDir()
            + QStringLiteral("/workmem-%1.dopt").arg(QLatin1String(QTest::currentTestFunction()));
        QFile::remove(path);
        QVERIFY2(m_workspace->open(path, &error), qPrintable(error));
    }

    void settingKb()
    {
        QCOMPARE(WorkMemHistory::settingKb(QStringLiteral("SET work_mem = '64MB'")), 64 * 1024);
        QCOMPARE(WorkMemHistory::settingKb(QStringLiteral("set session work_mem to 65536;")), 65536);
        QCOMPARE(WorkMemHistory::settingKb(QStringLiteral("SET work_mem TO '256kB'")), 256);
        QCOMPARE(WorkMemHistory::settingKb(QStringLiteral("work_mem = '1GB'")), 1024 * 1024);
        QCOMPARE(WorkMemHistory::settingKb(QStringLiteral("RESET work_mem")), 0);
        QCOMPARE(WorkMemHistory::settingKb(QStringLiteral("SET LOCAL work_mem = '8MB'")), -1);
        bool local = false;
        QCOMPARE(WorkMemHistory::settingKb(QStringLiteral("set local work_mem to '8MB';"), &local), 8192);
        QVERIFY(local);
        QCOMPARE(WorkMemHistory::settingKb(QStringLiteral("SET work_mem = '8MB'"), &local), 8192);
        QVERIFY(!local);
        QCOMPARE(WorkMemHistory::settingKb(QStringLiteral("SET LOCAL work_mem TO DEFAULT"), &local), 0);
        QVERIFY(local);
        QCOMPARE(WorkMemHistory::settingKb(QStringLiteral("SET work_mem = DEFAULT")), 0);
        using Control = WorkMemHistory::TransactionControl;
        QCOMPARE(WorkMemHistory::transactionControl(QStringLiteral("BEGIN")), Control::Begin);
        QCOMPARE(WorkMemHistory::transactionControl(QStringLiteral("start transaction isolation level serializable")),
            Control::Begin);
        QCOMPARE(WorkMemHistory::transactionControl(QStringLiteral("COMMIT;")), Control::Commit);
        QCOMPARE(WorkMemHistory::transactionControl(QStringLiteral("end transaction")), Control::Commit);
        QCOMPARE(WorkMemHistory::transactionControl(QStringLiteral("ROLLBACK")), Control::Rollback);
        QCOMPARE(WorkMemHistory::transactionControl(QStringLiteral("abort")), Control::Rollback);
        QCOMPARE(WorkMemHistory::transactionControl(QStringLiteral("ROLLBACK TO SAVEPOINT s1")),
            Control::RollbackToSavepoint);
        QCOMPARE(WorkMemHistory::transactionControl(QStringLiteral("COMMIT PREPARED 'tx1'")), Control::None);
        QCOMPARE(WorkMemHistory::transactionControl(QStringLiteral("SELECT 1")), Control::None);
        QCOMPARE(WorkMemHistory::settingKb(QStringLiteral("SET maintenance_work_mem = '1GB'")), -1);
        QCOMPARE(WorkMemHistory::settingKb(QStringLiteral("SELECT current_setting('work_mem')")), -1);
    }

    void knownEffectFromLogs()
    {
        std::mt19937_64 random(7);
        const QString sorting = QStringLiteral("SELECT * FROM events ORDER BY payload LIMIT 5");
        // 64kB spills: about 300 ms; 16MB sorts in memory: about 120 ms; RESET: the 4MB default, 200 ms.
        for (int i = 0; i < 6; ++i) {
            session(QStringLiteral("SET work_mem = '64kB'"), sorting, draw(random, 300, 0.15, 4));
            session(QStringLiteral("SET work_mem TO '16MB'"), sorting, draw(random, 120, 0.15, 4));
            session(QStringLiteral("RESET work_mem"), sorting, draw(random, 200, 0.15, 2));
        }
        QHash<QString, WorkMemHistory::Shape> shapes;
        qint64 defaultKb = 0;
        QString error;
        QVERIFY2(WorkMemHistory::read(m_workspace->database(), &shapes, &defaultKb, &error), qPrintable(error));
        QCOMPARE(defaultKb, 4096);
        QCOMPARE(shapes.size(), 1);
        const WorkMemHistory::Shape& shape = *shapes.cbegin();
        QCOMPARE(int(shape.runs.size()), 6 * (4 + 4 + 2));
        QCOMPARE(shape.fromLogs, 60);
        int at64k = 0;
        for (const auto& run : shape.runs)
            at64k += run.first == 64 ? 1 : 0;
        QCOMPARE(at64k, 24);

        QVector<ParameterAdvice> advice;
        QVERIFY2(
            ParameterAdvisor::analyzeWorkspace(m_workspace->database(), nullptr, &advice, &error), qPrintable(error));
        const std::optional<ParameterAdvice> found = adviceFor(advice, QStringLiteral("ORDER BY payload"));
        QVERIFY(found);
        QCOMPARE(found->recommendedValue, QStringLiteral("16MB"));
        QVERIFY2(found->confidence > 0.5, qPrintable(QString::number(found->confidence)));
        QVERIFY(found->detail.value(QStringLiteral("spearman_rho")).toDouble() < -0.5);
        QCOMPARE(found->detail.value(QStringLiteral("runs_from_logs")).toInt(), 60);
        QVERIFY2(ParameterAdvisor::store(m_workspace->database(), advice, &error), qPrintable(error));
    }

    /// SET LOCAL work_mem holds until COMMIT/ROLLBACK and only inside a transaction block; a
    /// ROLLBACK also undoes a session SET made in its transaction. Each run has its own duration so
    /// the work_mem read for it can be checked one by one.
    void setLocalEndsWithItsTransaction()
    {
        const QString sql = QStringLiteral("SELECT * FROM events ORDER BY payload LIMIT 5");
        script({{QStringLiteral("SET LOCAL work_mem = '64MB'"), 0}, // outside a block: ignored
            {sql, 101}, // server's 4MB
            {QStringLiteral("BEGIN"), 0}, {QStringLiteral("SET LOCAL work_mem = '16MB'"), 0}, {sql, 102}, // 16MB
            {QStringLiteral("COMMIT"), 0}, {sql, 103}, // 4MB again
            {QStringLiteral("BEGIN"), 0}, {QStringLiteral("SET work_mem = '64kB'"), 0}, {sql, 104}, // 64kB
            {QStringLiteral("ROLLBACK"), 0}, {sql, 105}, // the rollback undid the SET: 4MB
            {QStringLiteral("SET work_mem = '64kB'"), 0}, {sql, 106}, // 64kB
            {QStringLiteral("START TRANSACTION"), 0}, {QStringLiteral("SET LOCAL work_mem TO '16MB'"), 0},
            {sql, 107}, // 16MB
            {QStringLiteral("ROLLBACK TO SAVEPOINT s"), 0}, // not the end of the transaction
            {sql, 108}, // still 16MB
            {QStringLiteral("END"), 0}, {sql, 109}}); // the session's 64kB
        QHash<QString, WorkMemHistory::Shape> shapes;
        qint64 defaultKb = 0;
        QString error;
        QVERIFY2(WorkMemHistory::read(m_workspace->database(), &shapes, &defaultKb, &error), qPrintable(error));
        QCOMPARE(shapes.size(), 1); // BEGIN/COMMIT/SET are no executions of their own
        QMap<int, double> kbByRun;
        for (const auto& [kb, ms] : shapes.cbegin()->runs)
            kbByRun.insert(int(ms), kb);
        const QMap<int, double> expected {{101, 4096}, {102, 16384}, {103, 4096}, {104, 64}, {105, 4096}, {106, 64},
            {107, 16384}, {108, 16384}, {109, 64}};
        QCOMPARE(kbByRun, expected);
    }

    void measuredParameterChange()
    {
        QSqlQuery insert(m_workspace->database());
        QVERIFY(insert.exec(QStringLiteral("INSERT INTO measurements (engine, state, started_ms) VALUES "
                                           "('postgresql', 'done', 1)")));
        const qint64 id = insert.lastInsertId().toLongLong();
        insert.prepare(QStringLiteral("INSERT INTO measurement_actions (measurement_id, action, sql_before, settings) "
                                      "VALUES (?, 'parameter_change', ?, ?)"));
        insert.addBindValue(id);
        insert.addBindValue(QStringLiteral("SELECT count(*) FROM a JOIN b ON a.k = b.k"));
        insert.addBindValue(QStringLiteral("[\"work_mem = '8MB'\"]"));
        QVERIFY(insert.exec());
        std::mt19937_64 random(11);
        const std::vector<double> before = draw(random, 780, 0.05, 8);
        const std::vector<double> after = draw(random, 250, 0.05, 8);
        int seq = 0;
        for (int i = 0; i < 8; ++i) {
            for (const auto& [variant, ms] : {std::pair {"before", before[i]}, std::pair {"after", after[i]}}) {
                insert.prepare(QStringLiteral("INSERT INTO measurement_runs (measurement_id, seq, variant, warmup, "
                                              "duration_ms) VALUES (?, ?, ?, 0, ?)"));
                insert.addBindValue(id);
                insert.addBindValue(seq++);
                insert.addBindValue(QLatin1String(variant));
                insert.addBindValue(ms);
                QVERIFY(insert.exec());
            }
        }
        QVector<ParameterAdvice> advice;
        QString error;
        QVERIFY2(
            ParameterAdvisor::analyzeWorkspace(m_workspace->database(), nullptr, &advice, &error), qPrintable(error));
        const std::optional<ParameterAdvice> found = adviceFor(advice, QStringLiteral("JOIN b"));
        QVERIFY(found);
        QCOMPARE(found->recommendedValue, QStringLiteral("8MB"));
        QCOMPARE(found->detail.value(QStringLiteral("runs_from_measurements")).toInt(), 16);
    }

    void fewFalsePositivesOnNoise()
    {
        // 40 shapes whose run time does not depend on work_mem: values drawn at random per session.
        std::mt19937_64 random(2026);
        const QStringList values {QStringLiteral("64kB"), QStringLiteral("1MB"), QStringLiteral("16MB")};
        std::uniform_int_distribution<int> pick(0, int(values.size()) - 1);
        for (int shape = 0; shape < 40; ++shape) {
            const QString sql = QStringLiteral("SELECT * FROM noise_%1 ORDER BY v").arg(shape);
            for (int s = 0; s < 8; ++s)
                session(
                    QStringLiteral("SET work_mem = '%1'").arg(values[pick(random)]), sql, draw(random, 150, 0.3, 4));
        }
        QVector<ParameterAdvice> advice;
        QString error;
        QVERIFY2(
            ParameterAdvisor::analyzeWorkspace(m_workspace->database(), nullptr, &advice, &error), qPrintable(error));
        int falsePositives = 0;
        for (const ParameterAdvice& one : advice)
            falsePositives += one.parameter == QLatin1String("work_mem") ? 1 : 0;
        qInfo("work_mem advice on 40 pattern-free shapes: %d", falsePositives);
        QVERIFY2(falsePositives <= 2, qPrintable(QString::number(falsePositives))); // at most 5%
    }
};

QTEST_GUILESS_MAIN(TestWorkMemAdvice)
#include "tst_workmemadvice.moc"
