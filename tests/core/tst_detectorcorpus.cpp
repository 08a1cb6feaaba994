// The labelled detector corpus (tests/data/corpus/corpus.json): every label holds (each case gives
// exactly the expected findings of the detectors it is evaluated for), so precision and recall on it
// are 100%; the real samples' statements give no SQL-level finding. bench_detector_quality prints
// the same counts as a table.
#include "detectorcorpus.h"
#include "testdata.h"

#include <QTest>

using namespace dopt;

class TestDetectorCorpus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void labelsHold()
    {
        QString error;
        const auto eval = test::evaluateDetectorCorpus(
            test::projectTestData(QStringLiteral("corpus/corpus.json")), test::tempDir(), &error);
        QVERIFY2(eval, qPrintable(error));
        QVERIFY2(eval->mistakes.isEmpty(), qPrintable(eval->mistakes.join(QLatin1Char('\n'))));
        QVERIFY(eval->cases >= 50);
        // Each evaluated detector has positives and negatives in the corpus, so both rates mean something.
        for (auto it = eval->scores.cbegin(); it != eval->scores.cend(); ++it) {
            QVERIFY2(it->truePositives >= 1, qPrintable(it.key()));
            QVERIFY2(it->trueNegatives >= 2, qPrintable(it.key()));
        }
        QCOMPARE(eval->scores.size(), 7);
        if (eval->realStatements == 0)
            qWarning("the real Dremio samples are absent: their statements were not evaluated");
    }

    void wrongLabelsAreReported()
    {
        // A corpus whose labels are wrong must fail: the evaluation is not vacuous.
        const QString path = test::tempDir() + QStringLiteral("/bad.json");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"sqlDetectors": ["non_sargable", "subquery_rewrite"], "historyDetectors": [],
            "sql": [{"id": "mislabelled", "sql": "SELECT * FROM t WHERE YEAR(d) = 2024", "durationMs": 20000,
                     "expect": ["subquery_rewrite"]}], "histories": [], "reflections": {"items": []}})");
        file.close();
        QString error;
        const auto eval = test::evaluateDetectorCorpus(path, test::tempDir(), &error);
        QVERIFY2(eval, qPrintable(error));
        QCOMPARE(eval->mistakes.size(), 2);
        QCOMPARE(eval->scores.value(QStringLiteral("non_sargable")).falsePositives, 1);
        QCOMPARE(eval->scores.value(QStringLiteral("subquery_rewrite")).falseNegatives, 1);
        QCOMPARE(eval->scores.value(QStringLiteral("subquery_rewrite")).recall(), 0.0);

        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(R"({"sqlDetectors": ["no_such_detector"]})");
        file.close();
        QVERIFY(!test::evaluateDetectorCorpus(path, test::tempDir(), &error));
        QVERIFY2(error.contains(QLatin1String("no_such_detector")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestDetectorCorpus)
#include "tst_detectorcorpus.moc"
