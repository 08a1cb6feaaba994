#pragma once

#include <QStringList>

namespace dopt::cli {

/// Runs one CLI invocation (arguments without the program name); returns the exit status.
/// JSON goes to stdout, messages to stderr.
int run(const QStringList& arguments);

} // namespace dopt::cli
