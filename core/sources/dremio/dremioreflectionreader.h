#pragma once

#include "dremiosourcerepository.h"

#include <QJsonObject>
#include <QPair>
#include <QVector>

namespace dopt {

/// Maps Dremio's reflection records to DremioReflection: a sys.reflections row (snake_case columns,
/// numbers possibly as strings) or a REST reflection object (GET /reflection, GET
/// /dataset/{id}/reflection; counts at the top level, status nested). Also reads a job status
/// record's acceleration.reflectionRelationships (reference/dremio.md §1.4, §1.6, §1.9).
class DremioReflectionReader
{
public:
    /// False when the row has no reflection id.
    static bool fromSystemTableRow(const QJsonObject& row, DremioReflection* out);
    static bool fromRestObject(const QJsonObject& object, DremioReflection* out);
    /// (reflectionId, CONSIDERED|MATCHED|CHOSEN) pairs of a GET job/{id} answer; empty when absent.
    static QVector<QPair<QString, QString>> relationshipsOfJobStatus(const QJsonObject& status);
};

} // namespace dopt
