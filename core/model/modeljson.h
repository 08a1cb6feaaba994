#pragma once

#include "job.h"
#include "plantree.h"

#include <QJsonArray>
#include <QJsonObject>

namespace dopt {

/// JSON renderings of the model types, shared by the CLI and reports. Absent optional fields are
/// written as null so scripts can tell "unknown" from zero.
class ModelJson
{
public:
    static QJsonObject job(const Job& job);
    static QJsonObject planNode(const PlanNode& node, const PlanTree& tree);
    static QJsonArray planTree(const PlanTree& tree);
};

} // namespace dopt
