#pragma once

#include "model/job.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>
#include <QVector>

namespace dopt {

/// What a queries.json log held: one job per query id (repeated ids merged, later lines winning).
struct QueriesLog
{
    QVector<Job> jobs;
    int lines = 0; // non-blank lines read
    QStringList warnings;
};

/// Reads Dremio Software's coordinator log queries.json: one JSON object per line with queryId,
/// queryText, start/finish (epoch ms), outcome, outcomeReason, per-phase timestamps and counts.
/// Every field but queryId is optional. The file is atomic: a malformed, truncated or
/// wrong-shaped line fails the whole file with "<what> (line N, column C)" and yields no jobs, so
/// a log cut off mid-line (still being written) is reported rather than half imported. Blank
/// lines, a UTF-8 BOM and CRLF line ends are accepted.
class QueriesLogReader
{
public:
    static bool read(const QByteArray& bytes, QueriesLog* out, QString* error);
    /// Maps one parsed log object to a job (jobId empty when the line has no queryId).
    static Job jobFromObject(const QJsonObject& object);
};

} // namespace dopt
