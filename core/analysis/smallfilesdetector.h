#pragma once

#include "detector.h"

namespace dopt {

/// small_files: a scan reading, or a writer producing, many files far under the target file size.
class SmallFilesDetector : public Detector
{
public:
    QString id() const override { return QStringLiteral("small_files"); }
    AnalysisText description() const override;
    QVector<Finding> detect(const DetectorInput& input) const override;
    /// Tables whose collected Iceberg file statistics show mostly small files, weighted by how often
    /// the history reads them.
    QVector<Finding> detectWorkspace(const WorkspaceFacts& facts) const override;
};

} // namespace dopt
