#pragma once

#include "cliarguments.h"

namespace dopt {
class Workspace;
}

namespace dopt::cli {

/// True when `measure` is about a Dremio recommendation (its engine) or --dremio is given.
bool isDremioMeasure(Workspace& workspace, const Arguments& args);
/// True when `revert` is about a measurement made on Dremio or --dremio is given.
bool isDremioRevert(Workspace& workspace, const Arguments& args);
/// measure REC_ID for Dremio: [--yes] [--apply] [--runs N] [--warmup N] [--timeout-ms N]
/// [--refresh-timeout-s N] [--dremio URL] [--cloud-project ID] [--sql QUERY] [--json].
int measureDremioCommand(Workspace& workspace, Arguments args);
/// revert MEASUREMENT_ID --yes [--dremio URL] [--cloud-project ID] for Dremio.
int revertDremioCommand(Workspace& workspace, Arguments args);

} // namespace dopt::cli
