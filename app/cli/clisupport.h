#pragma once

#include <QJsonValue>
#include <QString>
#include <QTextStream>
#include <functional>
#include <optional>

namespace dopt {
class Workspace;
struct DremioConnection;
} // namespace dopt

namespace dopt::cli {

// Exit statuses shared by every command.
constexpr int ExitOk = 0;
constexpr int ExitError = 1; // usage or fatal error (one line on stderr says why)
constexpr int ExitPartialFailure = 2; // some input files failed
constexpr int ExitFindings = 3; // analyze --fail-on: findings at or above the threshold

/// stdout: JSON and listings only.
QTextStream& out();
/// stderr: progress and messages.
QTextStream& err();
/// Prints "dremio-optimizer-cli: MESSAGE" on stderr and returns ExitError.
int fail(const QString& message);
/// Prints an object or array as indented JSON on stdout.
void printJson(const QJsonValue& value);
/// Opens the workspace named by --workspace; false with *error when absent or unusable.
bool openWorkspace(Workspace& workspace, const QString& location, QString* error);
/// A progress sink for a TaskContext that prints "NN% message" on stderr at every tenth.
std::function<void(int done, int total, const QString& message)> tenthsProgress();
/// Dremio credentials from the environment only (never the command line, where ps shows them):
/// DREMIO_PAT, or DREMIO_USER and DREMIO_PASSWORD (switches the connection to password login).
bool dremioSecretFromEnvironment(DremioConnection* connection, QString* secret, QString* error);
/// ISO 8601 UTC, or "-" when unknown.
QString formatTime(const std::optional<qint64>& ms);

} // namespace dopt::cli
