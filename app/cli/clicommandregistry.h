#pragma once

#include "cliarguments.h"

#include <QString>
#include <QVector>
#include <functional>

namespace dopt {
class Workspace;
}

namespace dopt::cli {

/// A command defined in its own file and registered at start-up, so areas of the product add
/// commands without touching the dispatcher.
struct CliCommand
{
    QString name;
    QString usage; // the --help lines: synopsis, then indented description lines
    bool needsWorkspace = true; // the dispatcher opens --workspace before running it
    std::function<int(Workspace&, Arguments)> run;
};

class CliCommandRegistry
{
public:
    /// Adds a command; returns true so a file can register from a namespace-scope initializer.
    static bool add(CliCommand command);
    static const CliCommand* find(const QString& name);
    /// Every registered command, ordered by name.
    static QVector<CliCommand> all();
};

} // namespace dopt::cli
