#pragma once

#include "cliarguments.h"

namespace dopt {
class Workspace;
}

namespace dopt::cli {

/// `collect --postgres URL [--no-advice]`: called by the collect command when --postgres is given.
int collectPostgresCommand(Workspace& workspace, const QString& url, Arguments args);

} // namespace dopt::cli
