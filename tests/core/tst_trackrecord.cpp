// The learning loop: measurements stored through MeasurementStore give each recommendation kind a
// track record (measured / predicted improvement), and its confidence factor re-ranks the next
// recommendations of that kind.
#include "analysis/recommendationstore.h"
#include "demoworkspace.h"
#include "measure/measurementstore.h"
#include "ml/trackrecord.h"
#include "store/workspace.h"

#include <QtTest>
#include <algorithm>

using namespace dopt;

namespace {

Recommendation recommendation(const QString& detector, const QString& target)
{
    Recommendation r;
    r.detector = detector;
    r.action = ActionKind::SqlRewrite;
    r.title = detector + QStringLiteral(" on ") + target;
    r.fingerprint = target;
    r.key = Recommendation::makeKey(detector, target, target);
    r.confidence = 0.8;
    r.improvementShare = 0.5;
    r.currentCostMs = 100000;
    r.score = 40;
    return r;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

} // namespace

class TestTrackRecord : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        const QString path = test::makeDemoWorkspace(QStringLiteral("trackrecord.dopt"), 50, 0, &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        QVERIFY2(m_workspace.open(path, &error), qPrintable(error));
    }

    void noMeasurementsNoRecord()
    {
        QString error;
        const auto records = TrackRecord::read(m_workspace.database(), &error);
        QVERIFY2(records, qPrintable(error));
        QVERIFY(records->isEmpty());
    }

    void measurementsMakeTheRecordAndMoveTheRanking()
    {
        QSqlDatabase db = m_workspace.database();
        QString error;
        RecommendationStore recommendations(db);
        const qint64 pruningId
            = recommendations.upsert(recommendation(QStringLiteral("partition_pruning"), QStringLiteral("a")), &error);
        const qint64 rewriteId
            = recommendations.upsert(recommendation(QStringLiteral("subquery_rewrite"), QStringLiteral("b")), &error);
        QVERIFY2(pruningId > 0 && rewriteId > 0, qPrintable(error));

        // Pruning promised half of each run and delivered much less; the rewrite delivered more.
        const double pruningPredicted = 0.5, rewritePredicted = 0.4;
        const std::vector<double> pruningMeasured {0.1, 0.2, 0.15, 0.3, -0.05};
        const std::vector<double> rewriteMeasured {0.4, 0.5};
        for (double share : pruningMeasured)
            QVERIFY(measure(pruningId, pruningPredicted, share, QStringLiteral("done")));
        for (double share : rewriteMeasured)
            QVERIFY(measure(rewriteId, rewritePredicted, share, QStringLiteral("done")));
        QVERIFY(measure(pruningId, pruningPredicted, 0.9, QStringLiteral("failed"))); // never counted
        QVERIFY(measure(pruningId, -1, 0.9, QStringLiteral("done"))); // no prediction: not counted

        const auto records = TrackRecord::read(db, &error);
        QVERIFY2(records, qPrintable(error));
        QCOMPARE(records->size(), 2);
        const KindTrackRecord& pruning = records->at(0);
        const KindTrackRecord& rewrite = records->at(1);
        QCOMPARE(pruning.kind, QStringLiteral("partition_pruning"));
        QCOMPARE(rewrite.kind, QStringLiteral("subquery_rewrite"));
        QCOMPARE(pruning.measurements, int(pruningMeasured.size()));
        QCOMPARE(rewrite.measurements, int(rewriteMeasured.size()));
        std::vector<double> ratios;
        for (double share : pruningMeasured)
            ratios.push_back(std::clamp(share / pruningPredicted, 0.0, TrackRecord::MaxRatio));
        QVERIFY(qAbs(pruning.medianRatio - median(ratios)) < 1e-9);
        const double k = TrackRecord::PriorWeight;
        const double n = double(pruningMeasured.size());
        QVERIFY(qAbs(pruning.confidenceFactor - (k + n * median(ratios)) / (k + n)) < 1e-9);
        QVERIFY(pruning.confidenceFactor < 1.0);
        QVERIFY(rewrite.confidenceFactor > 1.0);

        // Equal scores before; after, the kind that kept its promises ranks first.
        QVector<Recommendation> next {recommendation(QStringLiteral("partition_pruning"), QStringLiteral("c")),
            recommendation(QStringLiteral("subquery_rewrite"), QStringLiteral("d")),
            recommendation(QStringLiteral("select_star"), QStringLiteral("e"))};
        QVERIFY2(TrackRecord::apply(db, &next, &error), qPrintable(error));
        QVERIFY(qAbs(next[0].confidence - 0.8 * pruning.confidenceFactor) < 1e-9);
        QVERIFY(qAbs(next[0].score - 40 * pruning.confidenceFactor) < 1e-9);
        QVERIFY(next[1].score > next[2].score);
        QVERIFY(next[2].score > next[0].score);
        QCOMPARE(next[2].confidence, 0.8); // no record: unchanged
        QVERIFY(next[0].rationale.contains(QStringLiteral("Track record of partition_pruning")));
        QCOMPARE(next[0]
                     .definition.value(QStringLiteral("track_record"))
                     .toObject()
                     .value(QStringLiteral("measurements"))
                     .toInt(),
            int(pruningMeasured.size()));
    }

    void factorIsBounded()
    {
        QCOMPARE(TrackRecord::confidenceFactor(0, 0.0), 1.0);
        QCOMPARE(TrackRecord::confidenceFactor(1000, 0.0), TrackRecord::MinFactor);
        QCOMPARE(TrackRecord::confidenceFactor(1000, 3.0), TrackRecord::MaxFactor);
        QVERIFY(TrackRecord::confidenceFactor(1, 0.0) > TrackRecord::confidenceFactor(10, 0.0));
    }

private:
    bool measure(qint64 recommendationId, double predictedShare, double measuredShare, const QString& state)
    {
        MeasurementRequest request;
        request.kind = MeasurementRequest::Kind::SqlRewrite;
        request.recommendationId = recommendationId;
        request.sqlBefore = QStringLiteral("SELECT 1");
        request.predictedImprovementShare = predictedShare;
        MeasurementStore store(m_workspace.database());
        QString error;
        MeasurementResult result;
        result.id = store.create(request, QStringLiteral("test"), 1000, &error);
        if (result.id <= 0) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        result.state = state;
        MeasurementSummary summary;
        summary.medianBeforeMs = 100;
        summary.medianAfterMs = 100 * (1 - measuredShare);
        summary.verdict = QStringLiteral("improved");
        result.summary = summary;
        result.endedMs = 2000;
        if (!store.finish(result, &error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        return true;
    }

    Workspace m_workspace;
};

QTEST_GUILESS_MAIN(TestTrackRecord)
#include "tst_trackrecord.moc"
