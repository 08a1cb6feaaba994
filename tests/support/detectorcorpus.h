#pragma once
// Runs the detectors over the labelled corpus (tests/data/corpus/corpus.json) and counts, per
// detector, true/false positives and negatives. Shared by tst_detectorcorpus (label checks) and
// bench_detector_quality (the printed precision/recall table).

#include "analysis/detector.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

namespace dopt::test {

struct DetectorScore
{
    int truePositives = 0;
    int falsePositives = 0;
    int falseNegatives = 0;
    int trueNegatives = 0;
    double precision() const; // 1 when nothing was reported
    double recall() const; // 1 when nothing was expected
    double falsePositiveRate() const; // 0 when there were no negatives
};

struct CorpusEvaluation
{
    QMap<QString, DetectorScore> scores; // by detector id
    QStringList mistakes; // "case: detector expected/unexpected", one per error
    int cases = 0;
    int realStatements = 0; // statements read from the real samples (0 when they are absent)
};

/// Evaluates the corpus file; workDir receives the temporary workspaces of the history cases.
/// nullopt with *error when the corpus cannot be read or a workspace cannot be written.
std::optional<CorpusEvaluation> evaluateDetectorCorpus(
    const QString& corpusPath, const QString& workDir, QString* error);

/// One detector on one statement run as a single job, as the SQL-level detectors see the corpus: no
/// plan tree, no history, the statement's Dremio fingerprint.
QVector<Finding> detectStatement(const Detector& detector, const Job& job);

} // namespace dopt::test
