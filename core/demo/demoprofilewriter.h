#pragma once

#include "demojobspec.h"
#include "demoplan.h"
#include "demoqueryshapes.h"

#include <QByteArray>

namespace dopt {

/// Writes a demo job as a Dremio 25.2 QueryProfile JSON, the format profile_attempt_0.json and
/// /apiv2/profiles/{id}.json carry: id.part1/part2, stateList, text plan with MM-OO lines, jsonPlan
/// (a JSON string with quoted keys), fragmentProfile → minorFragmentProfile → operatorProfile with
/// numeric operator types and metric ids, operatorTypeMetricsMap, resourceSchedulingProfile,
/// accelerationProfile, datasetProfile, planPhases and dremioVersion.
class DemoProfileWriter
{
public:
    static constexpr const char* DremioVersion = "25.2.0-202410241428100111-a963b970";

    /// The profile of a job, its plan built by DemoPlanBuilder.
    static QByteArray write(const DemoJobSpec& spec, const DemoQueryShape& shape);
    static QByteArray write(const DemoJobSpec& spec, const DemoQueryShape& shape, const DemoPlan& plan);
    /// The job id Dremio shows for a QueryId: java.util.UUID(part1, part2).toString().
    static QString jobId(qint64 part1, qint64 part2);
};

} // namespace dopt
