// Detector quality on the labelled corpus (tests/data/corpus/corpus.json, plus the statements of the
// real samples in ../shared/data/dremio when present): true/false positives and negatives, precision,
// recall and false-positive rate per detector. Goals: precision and recall >= 90%, FPR < 10%.
//
// usage: bench_detector_quality [CORPUS_JSON]

#include "benchsupport.h"
#include "detectorcorpus.h"
#include "testdata.h"
#include "util/coreresources.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    dopt::initCoreResources();
    QTextStream& out = dopt::bench::out();
    const QStringList args = app.arguments();
    const QString corpus
        = args.size() > 1 ? args[1] : dopt::test::projectTestData(QStringLiteral("corpus/corpus.json"));
    QString error;
    const auto eval = dopt::test::evaluateDetectorCorpus(corpus, dopt::test::tempDir(), &error);
    if (!eval) {
        QTextStream(stderr) << "bench_detector_quality: " << error << Qt::endl;
        return 1;
    }
    out << "corpus: " << corpus << " (" << eval->cases << " cases, " << eval->realStatements
        << " statements from the real samples)" << Qt::endl;
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8")
               .arg(QStringLiteral("detector"), -20)
               .arg(QStringLiteral("TP"), 4)
               .arg(QStringLiteral("FP"), 4)
               .arg(QStringLiteral("FN"), 4)
               .arg(QStringLiteral("TN"), 4)
               .arg(QStringLiteral("precision"), 10)
               .arg(QStringLiteral("recall"), 8)
               .arg(QStringLiteral("FPR"), 6)
        << Qt::endl;
    bool goalsMet = true;
    double worstPrecision = 1;
    double worstRecall = 1;
    double worstFpr = 0;
    for (auto it = eval->scores.cbegin(); it != eval->scores.cend(); ++it) {
        const auto& s = it.value();
        worstPrecision = std::min(worstPrecision, s.precision());
        worstRecall = std::min(worstRecall, s.recall());
        worstFpr = std::max(worstFpr, s.falsePositiveRate());
        goalsMet = goalsMet && s.precision() >= 0.9 && s.recall() >= 0.9 && s.falsePositiveRate() < 0.1;
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8")
                   .arg(it.key(), -20)
                   .arg(s.truePositives, 4)
                   .arg(s.falsePositives, 4)
                   .arg(s.falseNegatives, 4)
                   .arg(s.trueNegatives, 4)
                   .arg(QStringLiteral("%1%").arg(s.precision() * 100, 0, 'f', 1), 10)
                   .arg(QStringLiteral("%1%").arg(s.recall() * 100, 0, 'f', 1), 8)
                   .arg(QStringLiteral("%1%").arg(s.falsePositiveRate() * 100, 0, 'f', 1), 6)
            << Qt::endl;
    }
    for (const QString& mistake : eval->mistakes)
        out << "  " << mistake << Qt::endl;
    out << "goals (precision >= 90%, recall >= 90%, FPR < 10%): " << (goalsMet ? "met" : "NOT met") << Qt::endl;
    out << QStringLiteral("RESULT detector_worst_precision %1% goal >= 90%").arg(worstPrecision * 100, 0, 'f', 1)
        << Qt::endl;
    out << QStringLiteral("RESULT detector_worst_recall %1% goal >= 90%").arg(worstRecall * 100, 0, 'f', 1) << Qt::endl;
    out << QStringLiteral("RESULT detector_worst_fpr %1% goal < 10%").arg(worstFpr * 100, 0, 'f', 1) << Qt::endl;
    return 0;
}
