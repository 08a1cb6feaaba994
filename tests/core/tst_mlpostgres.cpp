// The ML pipeline on a PostgreSQL workspace (a throwaway cluster): the same feature SQL, model
// storage (BYTEA payload), prediction, workload patterns and parameter advice as on SQLite.
#include "demo/demogenerator.h"
#include "ml/features.h"
#include "ml/modelstore.h"
#include "ml/parameteradvisor.h"
#include "ml/runtimemodelservice.h"
#include "ml/workloadpatterns.h"
#include "postgresserver.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QSqlQuery>
#include <QtTest>
#include <cmath>

using namespace dopt;

class TestMlPostgres : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        QString url;
        if (!m_server.startWithDatabase(QStringLiteral("mlworkspace"), QString(), &url, &reason))
            QSKIP(qPrintable(reason));
        QVERIFY2(!url.isEmpty(), qPrintable(reason));
        DemoOptions options;
        options.jobs = 1500;
        options.profileEvery = 2;
        QVERIFY2(DemoGenerator(options).generate(url, &reason), qPrintable(reason));
        QVERIFY2(m_workspace.open(url, &reason), qPrintable(reason));
        QVERIFY(m_workspace.isPostgres());
    }

    void featuresMatchTheirMeaning()
    {
        FeatureSet set;
        QString error;
        QVERIFY2(FeatureExtractor::extract(m_workspace.database(), {}, &set, &error), qPrintable(error));
        QCOMPARE(set.size(), qsizetype(1500));
        const int scans = int(set.names.indexOf(QStringLiteral("scans")));
        const int hasProfile = int(set.names.indexOf(QStringLiteral("has_profile")));
        int profiled = 0;
        for (qsizetype i = 0; i < set.size(); ++i) {
            // Every executed demo plan reads a table (jobs failed in planning have no operators).
            if (set.row(i)[hasProfile] > 0 && std::isfinite(set.durationMs[size_t(i)])) {
                ++profiled;
                QVERIFY(set.row(i)[scans] >= 1);
            }
        }
        QVERIFY(profiled >= 700);
    }

    void trainStorePredict()
    {
        TrainingOptions options;
        options.families = {QStringLiteral("ridge"), QStringLiteral("random_forest")};
        TrainingResult result;
        QString error;
        QVERIFY2(
            RuntimeModelService::train(m_workspace.database(), options, nullptr, &result, &error), qPrintable(error));
        QVERIFY(result.model.metrics.value(QStringLiteral("r2_log")).toDouble() > 0.5);
        const RuntimeModel loaded = ModelStore(m_workspace.database()).loadActive(&error);
        QVERIFY2(loaded.isValid(), qPrintable(error));
        QCOMPARE(loaded.id, result.model.id);
        QCOMPARE(loaded.serialize(), result.model.serialize());

        QSqlQuery query(m_workspace.database());
        QVERIFY(
            query.exec(QStringLiteral("SELECT job_id FROM jobs WHERE state = 'COMPLETED' ORDER BY submitted_ms DESC "
                                      "LIMIT 1"))
            && query.next());
        const auto prediction
            = RuntimeModelService::predictJob(m_workspace.database(), query.value(0).toString(), &error);
        QVERIFY2(prediction, qPrintable(error));
        QVERIFY(prediction->lowMs < prediction->predictedMs && prediction->predictedMs < prediction->highMs);
    }

    void patternsAndAdviceAreStored()
    {
        WorkloadAnalysis analysis;
        QString error;
        QVERIFY2(
            WorkloadPatterns::analyzeWorkspace(m_workspace.database(), nullptr, &analysis, &error), qPrintable(error));
        QVERIFY2(WorkloadPatterns::store(m_workspace.database(), analysis, &error), qPrintable(error));
        QVector<ParameterAdvice> advice;
        QVERIFY2(
            ParameterAdvisor::analyzeWorkspace(m_workspace.database(), nullptr, &advice, &error), qPrintable(error));
        QVERIFY2(ParameterAdvisor::store(m_workspace.database(), advice, &error), qPrintable(error));
        QSqlQuery query(m_workspace.database());
        QVERIFY(query.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM workload_patterns), "
                                          "(SELECT COUNT(*) FROM parameter_advice)"))
            && query.next());
        QCOMPARE(query.value(0).toInt(), int(analysis.patterns.size()));
        QCOMPARE(query.value(1).toInt(), int(advice.size()));
        QVERIFY(analysis.patterns.size() > 0);
    }

    void cleanupTestCase() { m_workspace.close(); }

private:
    test::PostgresServer m_server;
    Workspace m_workspace;
};

QTEST_GUILESS_MAIN(TestMlPostgres)
#include "tst_mlpostgres.moc"
