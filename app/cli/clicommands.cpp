#include "clicommands.h"

#include <QTextStream>

namespace dopt::cli {

int run(const QStringList& arguments)
{
    QTextStream err(stderr);
    err << "usage: dremio-optimizer-cli [--workspace PATH] COMMAND\n";
    return arguments.isEmpty() ? 1 : 1;
}

} // namespace dopt::cli
