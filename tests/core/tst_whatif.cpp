// What-if estimates: the active model predicts a recommendation's jobs with the fix's effect on their
// features, the predicted share replaces the fixed one in the score, and the ranking moves in the
// expected direction; without a model nothing changes and each recommendation says so.
#include "analysis/analysisengine.h"
#include "analysis/recommendationstore.h"
#include "demoworkspace.h"
#include "ml/features.h"
#include "ml/modelstore.h"
#include "ml/runtimemodelservice.h"
#include "ml/whatifestimator.h"
#include "store/workspace.h"

#include <QtTest>
#include <cmath>

using namespace dopt;

namespace {

Recommendation recommendation(const QString& detector, const QString& fingerprint)
{
    Recommendation r;
    r.detector = detector;
    r.fingerprint = fingerprint;
    r.confidence = 0.8;
    r.improvementShare = 0.5;
    r.frequency = 10;
    r.currentCostMs = 100000;
    r.score = r.confidence * r.improvementShare * double(r.currentCostMs) / 1000.0; // the engine's fixed score
    return r;
}

QString source(const Recommendation& r)
{
    return r.definition.value(QStringLiteral("estimate")).toObject().value(QStringLiteral("source")).toString();
}

} // namespace

class TestWhatIf : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        const QString path = test::makeDemoWorkspace(QStringLiteral("whatif.dopt"), 1500, 2, &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        QVERIFY2(m_workspace.open(path, &error), qPrintable(error));
        QVERIFY2(FeatureExtractor::extract(m_workspace.database(), {}, &m_features, &error), qPrintable(error));
        // The shape reading the most bytes, and one that returns few rows (a LIMIT changes nothing).
        const int bytes = int(m_features.names.indexOf(QStringLiteral("log_bytes_scanned")));
        const int returned = int(m_features.names.indexOf(QStringLiteral("log_rows_returned")));
        QHash<int, double> maxReturned;
        double most = -1;
        for (qsizetype i = 0; i < m_features.size(); ++i) {
            const int fp = m_features.fingerprint[size_t(i)];
            if (m_features.row(i)[bytes] > most) {
                most = m_features.row(i)[bytes];
                m_heavy = m_features.fingerprints[fp];
            }
            maxReturned[fp] = std::max(maxReturned.value(fp), m_features.row(i)[returned]);
        }
        for (auto it = maxReturned.cbegin(); it != maxReturned.cend() && m_small.isEmpty(); ++it)
            if (it.value() < std::log1p(1000.0) && m_features.fingerprints[it.key()] != m_heavy)
                m_small = m_features.fingerprints[it.key()];
        QVERIFY(!m_heavy.isEmpty() && !m_small.isEmpty());
    }

    void withoutAModelScoresStayFixed()
    {
        QVector<Recommendation> list {recommendation(QStringLiteral("partition_pruning"), m_heavy)};
        const double fixed = list.first().score;
        QString error;
        QVERIFY2(WhatIfEstimator::apply(m_workspace.database(), &list, &error), qPrintable(error));
        QCOMPARE(list.first().score, fixed);
        QCOMPARE(source(list.first()), QStringLiteral("fixed_share"));
    }

    void modelEstimatesMoveTheRanking()
    {
        QString error;
        TrainingOptions options;
        options.families = {QStringLiteral("ridge")}; // smooth in the scanned volume: a clear direction
        TrainingResult trained;
        QVERIFY2(
            RuntimeModelService::train(m_workspace.database(), options, nullptr, &trained, &error), qPrintable(error));

        // Equal fixed scores; the order before is the listing order (a LIMIT first).
        QVector<Recommendation> list {recommendation(QStringLiteral("unbounded_result"), m_small),
            recommendation(QStringLiteral("partition_pruning"), m_heavy),
            recommendation(QStringLiteral("subquery_rewrite"), m_heavy)};
        QCOMPARE(list[0].score, list[1].score);
        QVERIFY2(WhatIfEstimator::apply(m_workspace.database(), &list, &error), qPrintable(error));
        const Recommendation& limit = list[0];
        const Recommendation& pruning = list[1];
        const Recommendation& rewrite = list[2];

        // A LIMIT above every result size leaves the features, so the predicted saving, unchanged.
        QCOMPARE(source(limit), QStringLiteral("model"));
        QCOMPARE(limit.improvementShare, 0.0);
        QCOMPARE(limit.score, 0.0);
        // Reading half the data: a positive predicted saving, and the score is its formula.
        QCOMPARE(source(pruning), QStringLiteral("model"));
        QVERIFY2(pruning.improvementShare > 0, qPrintable(QString::number(pruning.improvementShare)));
        QVERIFY(
            qAbs(pruning.score - pruning.confidence * pruning.improvementShare * double(pruning.currentCostMs) / 1000.0)
            < 1e-9);
        QVERIFY(pruning.score > limit.score);
        const QJsonObject estimate = pruning.definition.value(QStringLiteral("estimate")).toObject();
        QCOMPARE(estimate.value(QStringLiteral("model_id")).toInteger(), trained.model.id);
        QCOMPARE(estimate.value(QStringLiteral("runs")).toInt(), 10);
        QVERIFY(qAbs(estimate.value(QStringLiteral("saving_ms_per_run")).toDouble()
                    - pruning.improvementShare * 100000.0 / 10.0)
            < 1e-6);
        QVERIFY(pruning.rationale.contains(QStringLiteral("estimated by model %1").arg(trained.model.id)));
        // A rewrite the features cannot express keeps the detector's share.
        QCOMPARE(source(rewrite), QStringLiteral("fixed_share"));
        QCOMPARE(rewrite.score, recommendation(QStringLiteral("subquery_rewrite"), m_heavy).score);

        // A reflection makes the run read a tenth: more saved than reading half.
        QVector<Recommendation> reflection {recommendation(QStringLiteral("reflection_missing"), m_heavy)};
        WhatIfEstimator::apply(m_workspace.database(), &reflection, &error);
        QVERIFY(reflection.first().improvementShare > pruning.improvementShare);
    }

    void analysisStoresModelEstimates()
    {
        AnalysisEngine engine(m_workspace);
        AnalysisSummary summary;
        QString error;
        QVERIFY2(engine.run(&summary, &error), qPrintable(error));
        const QVector<Recommendation> stored = RecommendationStore(m_workspace.database()).list({}, &error);
        QVERIFY(!stored.isEmpty());
        int byModel = 0;
        for (const Recommendation& r : stored) {
            QVERIFY2(!source(r).isEmpty(), qPrintable(r.title));
            byModel += source(r) == QLatin1String("model") ? 1 : 0;
        }
        QVERIFY(byModel > 0);
        for (qsizetype i = 1; i < stored.size(); ++i)
            QVERIFY(stored[i - 1].score >= stored[i].score);
    }

private:
    Workspace m_workspace;
    FeatureSet m_features;
    QString m_heavy;
    QString m_small;
};

QTEST_GUILESS_MAIN(TestWhatIf)
#include "tst_whatif.moc"
