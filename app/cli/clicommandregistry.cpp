#include "clicommandregistry.h"

#include <algorithm>

namespace dopt::cli {

namespace {

// A function-local static: registration runs from other files' static initializers.
QVector<CliCommand>& commands()
{
    static QVector<CliCommand> registered;
    return registered;
}

} // namespace

bool CliCommandRegistry::add(CliCommand command)
{
    commands().append(std::move(command));
    return true;
}

const CliCommand* CliCommandRegistry::find(const QString& name)
{
    for (const CliCommand& command : commands()) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

QVector<CliCommand> CliCommandRegistry::all()
{
    QVector<CliCommand> sorted = commands();
    std::sort(sorted.begin(), sorted.end(), [](const CliCommand& a, const CliCommand& b) { return a.name < b.name; });
    return sorted;
}

} // namespace dopt::cli
