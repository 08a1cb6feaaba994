#pragma once

#include "model/job.h"
#include "model/plantree.h"

namespace dopt {

/// What one Dremio profile (or PostgreSQL EXPLAIN) yields: the job as the profile describes it
/// and its plan tree.
struct ParsedProfile
{
    Job job;
    PlanTree tree;
    QString engineVersion; // dremioVersion
    QString format = QStringLiteral("dremio-json");
    int reflectionsConsidered = 0;
    int reflectionsMatched = 0;
    int reflectionsChosen = 0;
    QStringList chosenReflectionIds;
};

} // namespace dopt
