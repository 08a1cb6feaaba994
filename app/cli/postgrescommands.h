#pragma once

#include "cliarguments.h"

#include <atomic>
#include <optional>

namespace dopt {
class Workspace;
struct MeasurementProgress;
struct Recommendation;
struct MeasurementRequest;
struct MeasurementResult;
} // namespace dopt

namespace dopt::cli {

/// `collect --postgres URL [--no-advice]`: called by the collect command when --postgres is given.
int collectPostgresCommand(Workspace& workspace, const QString& url, Arguments args);

// Shared by the measure/revert commands of both engines.
/// Ctrl-C or SIGTERM from now on raises the returned flag (the measurer then undoes and stops).
const std::atomic_bool* catchInterrupts();
/// An optional count option (empty text leaves *value): at least minimum.
bool parseCount(const QString& text, const QString& option, int minimum, int* value, QString* error);
/// The one positional id of a command.
bool parseId(const QStringList& rest, const QString& what, qint64* id, QString* error);
/// --runs, --warmup and --timeout-ms (empty texts keep the request's values).
bool parseRunOptions(const QString& runsText, const QString& warmupText, const QString& timeoutText,
    MeasurementRequest* request, QString* error);
/// Which sources a --postgres / --dremio option stands for.
struct TargetKind
{
    QString sourceKind; // sources.kind
    QString engine; // for messages
    QString option;
};
/// given, else the location of the workspace's only source of that kind.
bool targetLocation(
    Workspace& workspace, const QString& given, const TargetKind& target, QString* location, QString* error);
/// The stored recommendation named by the command's one positional argument.
std::optional<Recommendation> recommendationArgument(Workspace& workspace, const Arguments& args, QString* error);
/// The stored measurement named by the command's one positional argument.
std::optional<MeasurementResult> measurementArgument(Workspace& workspace, const Arguments& args, QString* error);
/// revert without --yes: the target and the undo steps on stderr, nothing run; ExitOk.
int showUndo(const MeasurementResult& measurement, const QString& target, QStringView terminator);
/// measure's last check before anything runs: the request must validate (else a failure, exit status
/// returned); without --yes the target line (when not empty) and the exact steps go to stderr and
/// nothing runs (ExitOk returned). nullopt: confirmed, go on.
std::optional<int> refuseOrPreview(const MeasurementRequest& request, qint64 recommendationId, bool yes,
    const QString& targetLine, const QString& whatYesDoes);
/// The outcome of a measurement in a few lines on stdout.
void printMeasurement(const MeasurementResult& result);
/// One progress line on stderr.
void printProgress(const MeasurementProgress& progress);
/// The result on stdout (JSON with --json), with the query measured and why it was that one (JSON
/// `measuredQuery`, stored with the measurement); the exit status (failed or cancelled: 1, message on stderr).
int finishMeasurement(const MeasurementResult& result, bool json);

} // namespace dopt::cli
