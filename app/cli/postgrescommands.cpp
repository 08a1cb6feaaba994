// dremio-optimizer-cli PostgreSQL commands: collect --postgres (through collect), import-log,
// measure and revert. Passwords come from PGPASSWORD or ~/.pgpass through libpq: never from the
// command line, never printed or stored.
#include "postgrescommands.h"

#include "analysis/recommendationstore.h"
#include "clicommandregistry.h"
#include "clisupport.h"
#include "dremiomeasurecommands.h"
#include "measure/measuredquery.h"
#include "measure/measurementstore.h"
#include "measure/postgresmeasurer.h"
#include "sources/postgres/pgconnection.h"
#include "sources/postgres/pglogimporter.h"
#include "sources/postgres/postgrescollector.h"
#include "store/sourcerepository.h"
#include "store/workspace.h"

#include <QJsonArray>
#include <QJsonObject>
#include <atomic>
#include <csignal>

namespace dopt::cli {

int collectPostgresCommand(Workspace& workspace, const QString& url, Arguments args)
{
    QString error;
    const bool noAdvice = args.takeFlag(QStringLiteral("--no-advice"));
    if (!args.noneLeft(QStringLiteral("collect --postgres"), &error))
        return fail(error);
    err() << "collecting from " << PgConnection::redactUrl(url) << Qt::endl;
    const PgCollectResult result = PostgresCollector::collect(workspace, url, !noAdvice);
    for (const QString& warning : result.warnings)
        err() << "warning: " << warning << Qt::endl;
    printJson(result.toJson());
    if (!result.ok)
        return fail(result.error);
    return ExitOk;
}

namespace {

// Ctrl-C (or SIGTERM) during a measurement: the measurer sees the flag, cancels the statement on the
// server and undoes the change before the program exits.
std::atomic_bool interrupted {false};

extern "C" void onInterrupt(int)
{
    interrupted.store(true);
}

} // namespace

const std::atomic_bool* catchInterrupts()
{
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    return &interrupted;
}

bool parseCount(const QString& text, const QString& option, int minimum, int* value, QString* error)
{
    if (text.isEmpty())
        return true;
    bool ok = false;
    *value = text.toInt(&ok);
    if (!ok || *value < minimum) {
        *error = QStringLiteral("%1 must be a number of at least %2, got '%3'").arg(option).arg(minimum).arg(text);
        return false;
    }
    return true;
}

bool parseId(const QStringList& rest, const QString& what, qint64* id, QString* error)
{
    if (rest.size() != 1) {
        *error = QStringLiteral("expected one %1, got %2")
                     .arg(what)
                     .arg(rest.isEmpty() ? QStringLiteral("none") : rest.join(u' '));
        return false;
    }
    bool ok = false;
    *id = rest.first().toLongLong(&ok);
    if (!ok || *id <= 0) {
        *error = QStringLiteral("%1 must be a positive number, got '%2'").arg(what, rest.first());
        return false;
    }
    return true;
}

void printMeasurement(const MeasurementResult& result)
{
    out() << "measurement " << result.id << ": " << result.state;
    if (!result.verdict.isEmpty())
        out() << ", verdict " << result.verdict;
    out() << Qt::endl;
    if (result.summary)
        out() << QStringLiteral("median before %1 ms, after %2 ms, speedup %3x (95% CI %4-%5), p = %6")
                     .arg(result.summary->medianBeforeMs, 0, 'f', 2)
                     .arg(result.summary->medianAfterMs, 0, 'f', 2)
                     .arg(result.summary->speedup, 0, 'f', 2)
                     .arg(result.summary->speedupCiLow, 0, 'f', 2)
                     .arg(result.summary->speedupCiHigh, 0, 'f', 2)
                     .arg(result.summary->pValue, 0, 'g', 3)
              << Qt::endl;
    out() << (result.applied ? QStringLiteral("the change is in place (revert %1 --yes to undo it)").arg(result.id)
                             : QStringLiteral("the server is as it was"))
          << Qt::endl;
    if (const std::optional<MeasuredQuery>& measured = result.measuredQuery)
        out() << "measured query"
              << (measured->jobId.isEmpty() ? QString() : QStringLiteral(" (job ") + measured->jobId + QLatin1Char(')'))
              << ": " << measured->sql.simplified() << Qt::endl
              << "  chosen by the " << measured->chosenBy << ": " << measured->reason << Qt::endl;
    else
        out() << "measured query: not recorded (measured before schema 15)" << Qt::endl;
    for (const auto& [side, plan] : {std::pair {"before", &result.planBefore}, std::pair {"after", &result.planAfter}})
        if (const QString problem = MeasurementResult::planProblem(*plan); !problem.isEmpty())
            out() << "no " << side << " plan: " << problem << Qt::endl;
}

bool parseRunOptions(const QString& runsText, const QString& warmupText, const QString& timeoutText,
    MeasurementRequest* request, QString* error)
{
    return parseCount(runsText, QStringLiteral("--runs"), 2, &request->runs, error)
        && parseCount(warmupText, QStringLiteral("--warmup"), 0, &request->warmupRuns, error)
        && parseCount(timeoutText, QStringLiteral("--timeout-ms"), 1, &request->statementTimeoutMs, error);
}

std::optional<Recommendation> recommendationArgument(Workspace& workspace, const Arguments& args, QString* error)
{
    qint64 id = 0;
    if (!parseId(args.rest(), QStringLiteral("recommendation id"), &id, error))
        return std::nullopt;
    std::optional<Recommendation> recommendation = RecommendationStore(workspace.database()).get(id, error);
    if (!recommendation && error->isEmpty())
        *error = QStringLiteral("no recommendation %1 in this workspace").arg(id);
    return recommendation;
}

bool targetLocation(
    Workspace& workspace, const QString& given, const TargetKind& target, QString* location, QString* error)
{
    if (!given.isEmpty()) {
        *location = given;
        return true;
    }
    const QStringList locations = SourceRepository(workspace.database()).locations(target.sourceKind);
    if (locations.size() != 1) {
        *error = locations.isEmpty()
            ? QStringLiteral("no %1 source in this workspace: give %2 URL").arg(target.engine, target.option)
            : QStringLiteral("several %1 sources (%2): give %3 URL")
                  .arg(target.engine, locations.join(QStringLiteral(", ")), target.option);
        return false;
    }
    *location = locations.first();
    return true;
}

std::optional<MeasurementResult> measurementArgument(Workspace& workspace, const Arguments& args, QString* error)
{
    qint64 id = 0;
    if (!parseId(args.rest(), QStringLiteral("measurement id"), &id, error))
        return std::nullopt;
    std::optional<MeasurementResult> measurement = MeasurementStore(workspace.database()).get(id, error);
    if (!measurement && error->isEmpty())
        *error = QStringLiteral("no measurement %1 in this workspace").arg(id);
    return measurement;
}

int showUndo(const MeasurementResult& measurement, const QString& target, QStringView terminator)
{
    err() << "target: " << target << Qt::endl;
    err() << "undo:" << Qt::endl;
    for (const QString& statement : measurement.undoStatements)
        err() << "  " << statement << terminator << Qt::endl;
    err() << "nothing was changed: add --yes to run these statements" << Qt::endl;
    return ExitOk;
}

std::optional<int> refuseOrPreview(const MeasurementRequest& request, qint64 recommendationId, bool yes,
    const QString& targetLine, const QString& whatYesDoes)
{
    QString error;
    if (!request.validate(&error))
        return fail(QStringLiteral("recommendation %1 cannot be measured: %2").arg(recommendationId).arg(error));
    if (yes)
        return std::nullopt;
    // Nothing is written to the user's server without --yes: show exactly what would run.
    if (!targetLine.isEmpty())
        err() << targetLine << Qt::endl;
    err() << request.describe() << Qt::endl;
    err() << "nothing was applied: add --yes to " << whatYesDoes << Qt::endl;
    return ExitOk;
}

void printProgress(const MeasurementProgress& progress)
{
    err() << QStringLiteral("[%1/%2] %3").arg(progress.done).arg(progress.total).arg(progress.message) << Qt::endl;
}

int finishMeasurement(const MeasurementResult& result, bool json)
{
    if (json)
        printJson(result.toJson());
    else
        printMeasurement(result);
    if (result.state != QLatin1String("done"))
        return fail(result.error);
    if (!result.error.isEmpty())
        err() << "note: " << result.error << Qt::endl; // e.g. a reflection that was never chosen
    return ExitOk;
}

namespace {

int importLogCommand(Workspace& workspace, Arguments args)
{
    QString error;
    const bool json = args.takeFlag(QStringLiteral("--json"));
    const QStringList files = args.rest();
    if (files.isEmpty()
        || std::any_of(files.begin(), files.end(), [](const QString& f) { return f.startsWith(QLatin1String("--")); }))
        return fail(QStringLiteral("import-log needs log files (csvlog or jsonlog) and no unknown option"));
    QJsonArray results;
    int failed = 0;
    for (const QString& file : files) {
        const PgLogImportResult result = PgLogImporter::importFile(workspace, file);
        results.append(result.toJson());
        if (!result.ok) {
            ++failed;
            err() << "dremio-optimizer-cli: " << result.error << Qt::endl;
        } else if (!json) {
            out() << QStringLiteral("%1: %2 %3 entries, %4 executions imported, %5 with their auto_explain plan")
                         .arg(file, result.format)
                         .arg(result.entries)
                         .arg(result.jobs)
                         .arg(result.plans)
                  << Qt::endl;
        }
        for (const QString& warning : result.warnings)
            err() << "warning: " << warning << Qt::endl;
    }
    if (json)
        printJson(results);
    return failed == 0 ? ExitOk : ExitPartialFailure;
}

int measureCommand(Workspace& workspace, Arguments args)
{
    if (isDremioMeasure(workspace, args))
        return measureDremioCommand(workspace, std::move(args));
    QString error;
    QString runsText;
    QString warmupText;
    QString timeoutText;
    QString given;
    const bool keep = args.takeFlag(QStringLiteral("--apply"));
    const bool yes = args.takeFlag(QStringLiteral("--yes"));
    const bool json = args.takeFlag(QStringLiteral("--json"));
    if (!args.takeValues({{QStringLiteral("--runs"), &runsText}, {QStringLiteral("--warmup"), &warmupText},
                             {QStringLiteral("--timeout-ms"), &timeoutText}, {QStringLiteral("--postgres"), &given}},
            &error))
        return fail(error);
    const std::optional<Recommendation> recommendation = recommendationArgument(workspace, args, &error);
    if (!recommendation)
        return fail(error);
    const qint64 recommendationId = recommendation->id;
    std::optional<MeasurementRequest> request = MeasurementRequest::fromRecommendation(*recommendation, &error);
    if (!request)
        return fail(error);
    request->keep = keep;
    request->measuredQuery = MeasuredQuery::forRecommendation(*recommendation, *request);
    if (!parseRunOptions(runsText, warmupText, timeoutText, &*request, &error)
        || !targetLocation(workspace, given,
            {QStringLiteral("postgres"), QStringLiteral("PostgreSQL"), QStringLiteral("--postgres")}, &request->url,
            &error))
        return fail(error);
    if (const std::optional<int> stop = refuseOrPreview(*request, recommendationId, yes,
            QStringLiteral("target: ") + PgConnection::redactUrl(request->url), QStringLiteral("run these statements")))
        return *stop;
    return finishMeasurement(
        PostgresMeasurer::measure(workspace.database(), *request, catchInterrupts(), printProgress), json);
}

int revertCommand(Workspace& workspace, Arguments args)
{
    if (isDremioRevert(workspace, args))
        return revertDremioCommand(workspace, std::move(args));
    QString error;
    QString given;
    const bool yes = args.takeFlag(QStringLiteral("--yes"));
    if (!args.takeValue(QStringLiteral("--postgres"), &given, &error))
        return fail(error);
    const std::optional<MeasurementResult> measurement = measurementArgument(workspace, args, &error);
    if (!measurement)
        return fail(error);
    const qint64 measurementId = measurement->id;
    if (!yes)
        return showUndo(*measurement, given.isEmpty() ? measurement->target : PgConnection::redactUrl(given), u";");
    if (!PostgresMeasurer::revert(workspace.database(), measurementId, &error, given))
        return fail(error);
    out() << "measurement " << measurementId << " reverted" << Qt::endl;
    return ExitOk;
}

const bool registeredImportLog = CliCommandRegistry::add({QStringLiteral("import-log"),
    QStringLiteral("import-log FILE... [--json]\n"
                   "    import PostgreSQL csvlog/jsonlog files (log_min_duration_statement) as executions; exit 2\n"
                   "    when a file failed (FILE:LINE on stderr; nothing of that file is imported)"),
    true, importLogCommand});
const bool registeredMeasure = CliCommandRegistry::add({QStringLiteral("measure"),
    QStringLiteral(
        "measure REC_ID [--yes] [--apply] [--runs N] [--warmup N] [--timeout-ms N] [--json]\n"
        "        [--postgres URL | --dremio URL [--cloud-project ID] [--sql QUERY] [--refresh-timeout-s N]]\n"
        "    apply a PostgreSQL or Dremio recommendation (index, setting, rewrite; reflection, OPTIMIZE\n"
        "    TABLE), time its statement before/after (interleaved runs) and give a verdict; without --yes\n"
        "    only prints the statements and REST calls; --apply keeps the change; Dremio credentials from\n"
        "    DREMIO_PAT (or DREMIO_USER/DREMIO_PASSWORD); --sql names the query for a reflection drop"),
    true, measureCommand});
const bool registeredRevert = CliCommandRegistry::add({QStringLiteral("revert"),
    QStringLiteral("revert MEASUREMENT_ID --yes [--postgres URL | --dremio URL [--cloud-project ID]]\n"
                   "    run the undo statements (or REST calls) of a measurement whose change is in place"),
    true, revertCommand});

} // namespace

} // namespace dopt::cli
