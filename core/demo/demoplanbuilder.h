#pragma once

#include "demojobspec.h"
#include "demoplan.h"
#include "demoqueryshapes.h"

namespace dopt {

/// Builds the physical plan Dremio 25 would run for a demo job: Iceberg scans (manifest list,
/// split generation, data-file table function), exchanges between fragments, joins, aggregates,
/// sorts and writers, with record counts that add up along the tree and the problem the shape
/// shows (skewed thread, spill, fan-out, small files, all partitions, reflection scan).
class DemoPlanBuilder
{
public:
    static DemoPlan build(const DemoJobSpec& spec, const DemoQueryShape& shape);
};

} // namespace dopt
