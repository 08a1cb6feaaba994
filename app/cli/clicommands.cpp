#include "clicommands.h"

#include "analysis/analysisengine.h"
#include "analysis/analysisstore.h"
#include "analysis/detectorregistry.h"
#include "cliarguments.h"
#include "clicommandregistry.h"
#include "clisupport.h"
#include "demo/demogenerator.h"
#include "model/durationms.h"
#include "model/modeljson.h"
#include "postgrescommands.h"
#include "sources/dremio/historycollector.h"
#include "sources/files/fileimporter.h"
#include "sql/fingerprinter.h"
#include "sql/statementsplitter.h"
#include "store/jobrepository.h"
#include "store/profilerepository.h"
#include "store/workspace.h"
#include "util/buildinfo.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTextStream>
#include <QTimeZone>
#include <memory>

namespace dopt::cli {

namespace {

const char* const UsageText = R"(usage: dremio-optimizer-cli [--workspace PATH|URL] COMMAND [OPTIONS]

Commands:
  import FILE_OR_DIR...        import Dremio profile JSON/ZIP, queries.json logs and job-history dumps
                               (and PostgreSQL csvlog / jsonlog files, as import-log does, and
                               saved EXPLAIN plans, text or JSON, one job each)
  jobs [--json] [--limit N]    list jobs, newest first
  profile JOB_ID [--json]      show the operator tree of a job's profile
  collect --dremio URL [--cloud-project ID] [--since ISO8601] [--profiles N] [--ca-file PEM]
                               collect history, profiles and reflections from a live Dremio;
                               token from DREMIO_PAT (or DREMIO_USER and DREMIO_PASSWORD)
  collect --postgres URL [--no-advice]
                               pg_stat_statements snapshot, catalog and index advice from a live
                               PostgreSQL; password from PGPASSWORD or ~/.pgpass
  analyze [--full] [--fail-on low|medium|high|critical]
                               fingerprints, baselines and detectors over the workspace;
                               exit 3 when a finding of that severity or worse exists
  findings [--json] [--detector ID]
                               the findings of the last analysis, worst first
  baselines [--json]           P50/P95/P99 per fingerprint and detected regressions
  demo --jobs N --out PATH [--seed S] [--profile-every K]
                               generate the deterministic demo workspace
  fingerprint [--dialect dremio|postgres] [FILE]
                               one JSON object per statement of FILE (or stdin):
                               {"fingerprint": ..., "normalized": ...}

Global options:
  --workspace PATH|URL         a workspace file (SQLite) or a postgresql:// URL
  --version                    print the version and exit
  --help                       print this help

JSON goes to stdout, progress and messages to stderr. Exit status: 0 success,
1 error (one line on stderr says why), 2 when some input files could not be imported,
3 when analyze --fail-on found findings at or above the threshold.
)";

int importCommand(Workspace& workspace, Arguments args)
{
    const QStringList paths = args.rest();
    if (paths.isEmpty())
        return fail(QStringLiteral("import needs at least one FILE_OR_DIR"));
    for (const QString& path : paths) {
        if (path.startsWith(QLatin1Char('-')))
            return fail(QStringLiteral("import: unknown option %1").arg(path));
    }
    FileImporter importer(workspace);
    importer.setProgress([](int done, int total, const QString& current) {
        err() << QStringLiteral("[%1/%2] %3").arg(done).arg(total).arg(current) << Qt::endl;
    });
    const ImportReport report = importer.importPaths(paths);
    QJsonArray files;
    for (const FileImportResult& file : report.files) {
        if (!file.ok)
            err() << "error: " << file.error << Qt::endl;
        files.append(QJsonObject {{QStringLiteral("path"), file.path}, {QStringLiteral("format"), file.format},
            {QStringLiteral("ok"), file.ok}, {QStringLiteral("jobs"), file.jobs},
            {QStringLiteral("profiles"), file.profiles}, {QStringLiteral("error"), file.error}});
    }
    printJson(QJsonObject {{QStringLiteral("importRun"), report.importRunId}, {QStringLiteral("files"), files},
        {QStringLiteral("filesFailed"), report.failedCount()}, {QStringLiteral("jobs"), report.jobCount()},
        {QStringLiteral("profiles"), report.profileCount()}, {QStringLiteral("cancelled"), report.cancelled}});
    if (report.files.isEmpty())
        return fail(QStringLiteral("no importable files found in %1").arg(paths.join(QStringLiteral(", "))));
    return report.failedCount() > 0 ? ExitPartialFailure : ExitOk;
}

int jobsCommand(Workspace& workspace, Arguments args)
{
    const bool json = args.takeFlag(QStringLiteral("--json"));
    QString limitText = QStringLiteral("50");
    QString error;
    if (!args.takeValue(QStringLiteral("--limit"), &limitText, &error))
        return fail(error);
    bool ok = false;
    const int limit = limitText.toInt(&ok);
    if (!ok || limit < 0)
        return fail(QStringLiteral("--limit must be a non-negative number, got '%1'").arg(limitText));
    if (!args.rest().isEmpty())
        return fail(QStringLiteral("jobs: unexpected argument %1").arg(args.rest().first()));

    JobRepository jobs(workspace.database());
    const JobQuery query;
    const QVector<JobRow> rows = jobs.page(query, 0, limit);
    if (json) {
        QJsonArray array;
        for (const JobRow& row : rows) {
            QJsonObject object = ModelJson::job(row.job);
            object.insert(QStringLiteral("hasProfile"), row.hasProfile);
            object.insert(QStringLiteral("demo"), row.isDemo);
            array.append(object);
        }
        printJson(QJsonObject {{QStringLiteral("total"), jobs.count(query)}, {QStringLiteral("jobs"), array}});
        return ExitOk;
    }
    out() << QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                 .arg(QStringLiteral("JOB ID"), -36)
                 .arg(QStringLiteral("SUBMITTED (UTC)"), -20)
                 .arg(QStringLiteral("STATE"), -10)
                 .arg(QStringLiteral("DURATION"), 10)
                 .arg(QStringLiteral("USER"), -16)
                 .arg(QStringLiteral("SQL"));
    for (const JobRow& row : rows) {
        const Job& job = row.job;
        QString sql = job.sql.simplified();
        if (sql.size() > 60)
            sql = sql.left(57) + QStringLiteral("...");
        out() << QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                     .arg(job.jobId, -36)
                     .arg(formatTime(job.submittedMs), -20)
                     .arg(job.state, -10)
                     .arg(job.durationMs ? DurationMs::text(*job.durationMs) + QStringLiteral(" ms")
                                         : QStringLiteral("-"),
                         10)
                     .arg(job.user, -16)
                     .arg(sql);
    }
    out().flush();
    return ExitOk;
}

int profileCommand(Workspace& workspace, Arguments args)
{
    const bool json = args.takeFlag(QStringLiteral("--json"));
    const QStringList rest = args.rest();
    if (rest.size() != 1)
        return fail(QStringLiteral("profile needs exactly one JOB_ID"));
    JobRepository jobs(workspace.database());
    const std::optional<JobRow> row = jobs.findByJobId(rest.first());
    if (!row)
        return fail(QStringLiteral("no job %1 in %2").arg(rest.first(), workspace.location()));
    ProfileRepository profiles(workspace.database());
    QString error;
    const std::optional<ParsedProfile> profile = profiles.loadForJob(row->rowId, &error);
    if (!error.isEmpty())
        return fail(QStringLiteral("profile of job %1: %2").arg(rest.first(), error));
    if (!profile)
        return fail(QStringLiteral("job %1 has no profile in this workspace (import its profile ZIP or JSON)")
                        .arg(rest.first()));
    const PlanTree& tree = profile->tree;
    if (json) {
        printJson(QJsonObject {{QStringLiteral("job"), ModelJson::job(row->job)},
            {QStringLiteral("engineVersion"), profile->engineVersion},
            {QStringLiteral("operators"), ModelJson::planTree(tree)},
            {QStringLiteral("warnings"), QJsonArray::fromStringList(tree.warnings)}});
        return ExitOk;
    }
    const qint64 totalNs = qMax<qint64>(1, tree.totalProcessNs());
    out() << QStringLiteral("Job %1 (%2)\n").arg(row->job.jobId, row->job.state);
    out() << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                 .arg(QStringLiteral("OPERATOR"), -40)
                 .arg(QStringLiteral("THREADS"), 7)
                 .arg(QStringLiteral("IN ROWS"), 14)
                 .arg(QStringLiteral("OUT ROWS"), 14)
                 .arg(QStringLiteral("PROCESS ms"), 11)
                 .arg(QStringLiteral("% TIME"), 7);
    for (const auto& [index, depth] : tree.depthFirst()) {
        const PlanNode& node = tree.nodes[index];
        const QString label = QString(depth * 2, QLatin1Char(' ')) + node.key + QLatin1Char(' ') + node.typeName
            + (node.skewed ? QStringLiteral(" [skew]") : QString());
        out() << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                     .arg(label, -40)
                     .arg(node.threadCount, 7)
                     .arg(node.inputRecords < 0 ? QStringLiteral("-") : QString::number(node.inputRecords), 14)
                     .arg(node.outputRecords < 0 ? QStringLiteral("-") : QString::number(node.outputRecords), 14)
                     .arg(node.processNs / 1e6, 11, 'f', 1)
                     .arg(100.0 * node.processNs / totalNs, 6, 'f', 1);
    }
    for (const QString& warning : tree.warnings)
        err() << "warning: " << warning << Qt::endl;
    out().flush();
    return ExitOk;
}

int collectCommand(Workspace& workspace, Arguments args)
{
    QString postgresUrl;
    QString postgresError;
    if (!args.takeValue(QStringLiteral("--postgres"), &postgresUrl, &postgresError))
        return fail(postgresError);
    if (!postgresUrl.isEmpty())
        return collectPostgresCommand(workspace, postgresUrl, args);
    QString url;
    QString project;
    QString since;
    QString profilesText;
    QString caFile;
    QString error;
    if (!args.takeValues({{QStringLiteral("--dremio"), &url}, {QStringLiteral("--cloud-project"), &project},
                             {QStringLiteral("--since"), &since}, {QStringLiteral("--profiles"), &profilesText},
                             {QStringLiteral("--ca-file"), &caFile}},
            &error)
        || !args.noneLeft(QStringLiteral("collect"), &error))
        return fail(error);
    if (url.isEmpty())
        return fail(QStringLiteral("collect needs --dremio URL"));
    DremioConnection connection = DremioConnection::fromUrl(url, project);
    // Extra CA certificates trusted for this server; verification itself is never switched off.
    connection.caFile = caFile;
    // Secrets come from the environment only: never from the command line, where ps would show them.
    QString secret;
    if (!dremioSecretFromEnvironment(&connection, &secret, &error))
        return fail(error);
    if (!connection.validate(&error))
        return fail(error);
    CollectOptions options;
    options.secretBackend = QStringLiteral("environment");
    options.secretRef = connection.secretEnvironmentVariable();
    if (!since.isEmpty()) {
        const QDateTime sinceTime = QDateTime::fromString(since, Qt::ISODateWithMs);
        if (!sinceTime.isValid())
            return fail(QStringLiteral("--since must be an ISO 8601 date or time, got '%1'").arg(since));
        options.sinceMs = sinceTime.toMSecsSinceEpoch();
    }
    if (!profilesText.isEmpty()) {
        bool ok = false;
        options.profiles = profilesText.toInt(&ok);
        if (!ok || options.profiles < 0)
            return fail(QStringLiteral("--profiles must be 0 or more, got '%1'").arg(profilesText));
    }
    const CollectResult result = HistoryCollector::collect(
        workspace, connection, secret, options, nullptr, [](int done, int total, const QString& message) {
            err() << QStringLiteral("[%1/%2] %3").arg(done).arg(total).arg(message) << Qt::endl;
        });
    for (const QString& warning : result.warnings)
        err() << "warning: " << warning << Qt::endl;
    printJson(result.toJson());
    if (!result.ok)
        return fail(result.cancelled ? QStringLiteral("collect cancelled") : result.error);
    return ExitOk;
}

int analyzeCommand(Workspace& workspace, Arguments args)
{
    QString failOn;
    QString error;
    const bool full = args.takeFlag(QStringLiteral("--full"));
    if (!args.takeValue(QStringLiteral("--fail-on"), &failOn, &error)
        || !args.noneLeft(QStringLiteral("analyze"), &error))
        return fail(error);
    std::optional<Severity> threshold;
    if (!failOn.isEmpty()) {
        threshold = severityFromName(failOn);
        if (!threshold)
            return fail(QStringLiteral("--fail-on must be low, medium, high or critical, got '%1'").arg(failOn));
    }
    AnalysisEngine engine(workspace);
    AnalysisEngine::Options options;
    options.incremental = !full;
    engine.setOptions(options);
    int lastPercent = -1;
    engine.setProgress([&lastPercent](int done, int total, const QString& phase) {
        const int percent = total > 0 ? int(100LL * done / total) : 0;
        if (percent != lastPercent) {
            lastPercent = percent;
            err() << QStringLiteral("[%1%] %2").arg(percent).arg(phase) << Qt::endl;
        }
    });
    AnalysisSummary summary;
    if (!engine.run(&summary, &error))
        return fail(QStringLiteral("analysis of %1: %2").arg(workspace.location(), error));
    for (const QString& warning : summary.warnings)
        err() << "warning: " << warning << Qt::endl;
    QJsonObject perDetector;
    for (auto it = summary.findingsPerDetector.cbegin(); it != summary.findingsPerDetector.cend(); ++it)
        perDetector.insert(it.key(), it.value());
    QJsonObject perSeverity;
    for (auto it = summary.findingsPerSeverity.cbegin(); it != summary.findingsPerSeverity.cend(); ++it)
        perSeverity.insert(severityName(it.key()), it.value());
    const std::optional<Severity> worst = AnalysisStore(workspace.database()).highestSeverity(&error);
    printJson(QJsonObject {{QStringLiteral("jobsAnalysed"), summary.jobsAnalysed},
        {QStringLiteral("profilesAnalysed"), summary.profilesAnalysed},
        {QStringLiteral("fingerprints"), summary.fingerprints}, {QStringLiteral("baselines"), summary.baselines},
        {QStringLiteral("regressions"), summary.regressions}, {QStringLiteral("findings"), summary.findings},
        {QStringLiteral("findingsPerDetector"), perDetector}, {QStringLiteral("findingsPerSeverity"), perSeverity},
        {QStringLiteral("highestSeverity"), worst ? severityName(*worst) : QString()},
        {QStringLiteral("profileErrors"), summary.profileErrors}, {QStringLiteral("incremental"), summary.incremental},
        {QStringLiteral("newJobs"), summary.newJobs},
        {QStringLiteral("fingerprintsRecomputed"), summary.fingerprintsRecomputed},
        {QStringLiteral("fullReason"), summary.fullReason}});
    if (threshold && worst && *worst >= *threshold) {
        err() << QStringLiteral("findings of severity %1 or worse exist (worst: %2)")
                     .arg(severityName(*threshold), severityName(*worst))
              << Qt::endl;
        return ExitFindings;
    }
    return ExitOk;
}

int findingsCommand(Workspace& workspace, Arguments args)
{
    const bool json = args.takeFlag(QStringLiteral("--json"));
    QString detector;
    QString error;
    if (!args.takeValue(QStringLiteral("--detector"), &detector, &error)
        || !args.noneLeft(QStringLiteral("findings"), &error))
        return fail(error);
    if (!detector.isEmpty() && !DetectorRegistry::find(detector))
        return fail(QStringLiteral("unknown detector '%1' (known: %2)")
                        .arg(detector, DetectorRegistry::ids().join(QStringLiteral(", "))));
    const QVector<Finding> findings = AnalysisStore(workspace.database()).findings(detector, &error);
    if (!error.isEmpty())
        return fail(error);
    if (json) {
        QJsonArray array;
        for (const Finding& finding : findings)
            array.append(finding.toJson());
        printJson(QJsonObject {{QStringLiteral("findings"), array}});
        return ExitOk;
    }
    for (const Finding& finding : findings) {
        out() << QStringLiteral("%1  %2  %3 (%4 jobs, e.g. %5)\n    %6\n")
                     .arg(severityName(finding.severity), -8)
                     .arg(finding.detectorId, -18)
                     .arg(finding.title)
                     .arg(finding.occurrences)
                     .arg(finding.jobIds.value(0), finding.recommendation);
    }
    if (findings.isEmpty())
        err() << "no findings (run 'analyze' first)" << Qt::endl;
    out().flush();
    return ExitOk;
}

int baselinesCommand(Workspace& workspace, Arguments args)
{
    const bool json = args.takeFlag(QStringLiteral("--json"));
    QString error;
    if (!args.noneLeft(QStringLiteral("baselines"), &error))
        return fail(error);
    const QVector<Baseline> baselines = AnalysisStore(workspace.database()).baselines(&error);
    if (!error.isEmpty())
        return fail(error);
    if (json) {
        QJsonArray array;
        for (const Baseline& b : baselines) {
            QJsonObject object {{QStringLiteral("fingerprint"), b.fingerprint},
                {QStringLiteral("sampleSize"), b.sampleSize}, {QStringLiteral("runCount"), b.runCount},
                {QStringLiteral("durationP50Ms"), b.durationP50}, {QStringLiteral("durationP95Ms"), b.durationP95},
                {QStringLiteral("durationP99Ms"), b.durationP99},
                {QStringLiteral("bytesP50"), b.bytesP50 < 0 ? QJsonValue() : QJsonValue(b.bytesP50)},
                {QStringLiteral("bytesP95"), b.bytesP95 < 0 ? QJsonValue() : QJsonValue(b.bytesP95)},
                {QStringLiteral("bytesP99"), b.bytesP99 < 0 ? QJsonValue() : QJsonValue(b.bytesP99)},
                {QStringLiteral("firstSeenMs"), b.firstSeenMs}, {QStringLiteral("lastSeenMs"), b.lastSeenMs},
                {QStringLiteral("sql"), b.sql}};
            if (b.regression) {
                const Regression& r = *b.regression;
                object.insert(QStringLiteral("regression"),
                    QJsonObject {{QStringLiteral("sinceMs"), r.sinceMs},
                        {QStringLiteral("baselineSize"), r.baselineSize}, {QStringLiteral("recentSize"), r.recentSize},
                        {QStringLiteral("baselineP50Ms"), r.baselineP50},
                        {QStringLiteral("baselineP95Ms"), r.baselineP95}, {QStringLiteral("recentP50Ms"), r.recentP50},
                        {QStringLiteral("recentP95Ms"), r.recentP95}, {QStringLiteral("medianRatio"), r.medianRatio},
                        {QStringLiteral("p95Ratio"), r.p95Ratio}, {QStringLiteral("pValue"), r.pValue}});
            }
            array.append(object);
        }
        printJson(QJsonObject {{QStringLiteral("baselines"), array}});
        return ExitOk;
    }
    for (const Baseline& b : baselines) {
        QString sql = b.sql.simplified();
        if (sql.size() > 60)
            sql = sql.left(57) + QStringLiteral("...");
        out() << QStringLiteral("%1  runs %2  P50 %3 ms  P95 %4 ms  P99 %5 ms%6  %7\n")
                     .arg(b.fingerprint)
                     .arg(b.runCount, 6)
                     .arg(b.durationP50, 9, 'f', 0)
                     .arg(b.durationP95, 9, 'f', 0)
                     .arg(b.durationP99, 9, 'f', 0)
                     .arg(b.regression ? QStringLiteral("  REGRESSED x%1").arg(b.regression->medianRatio, 0, 'f', 1)
                                       : QString())
                     .arg(sql);
    }
    out().flush();
    return ExitOk;
}

int demoCommand(Arguments args)
{
    QString jobsText = QStringLiteral("20000");
    QString outPath;
    QString seedText;
    QString profileEveryText;
    QString error;
    if (!args.takeValues(
            {{QStringLiteral("--jobs"), &jobsText}, {QStringLiteral("--out"), &outPath},
                {QStringLiteral("--seed"), &seedText}, {QStringLiteral("--profile-every"), &profileEveryText}},
            &error)
        || !args.noneLeft(QStringLiteral("demo"), &error))
        return fail(error);
    if (outPath.isEmpty())
        return fail(QStringLiteral("demo needs --out PATH (a new workspace file or a postgresql:// URL)"));
    bool ok = false;
    DemoOptions options;
    options.jobs = jobsText.toInt(&ok);
    if (!ok || options.jobs <= 0)
        return fail(QStringLiteral("--jobs must be a positive number, got '%1'").arg(jobsText));
    if (!seedText.isEmpty()) {
        options.seed = seedText.toULongLong(&ok);
        if (!ok)
            return fail(QStringLiteral("--seed must be a non-negative number, got '%1'").arg(seedText));
    }
    if (!profileEveryText.isEmpty()) {
        options.profileEvery = profileEveryText.toInt(&ok);
        if (!ok || options.profileEvery < 0)
            return fail(QStringLiteral("--profile-every must be 0 or more, got '%1'").arg(profileEveryText));
    }
    DemoGenerator generator(options);
    int lastPercent = -1;
    generator.setProgress([&lastPercent](int done, int total, const QString& message) {
        const int percent = total > 0 ? int(100LL * done / total) : 0;
        if (percent != lastPercent) { // one line per percent, not per batch
            lastPercent = percent;
            err() << QStringLiteral("[%1%] %2").arg(percent).arg(message) << Qt::endl;
        }
    });
    QElapsedTimer timer;
    timer.start();
    if (!generator.generate(outPath, &error))
        return fail(QStringLiteral("demo workspace %1: %2").arg(outPath, error));
    printJson(QJsonObject {{QStringLiteral("workspace"), outPath}, {QStringLiteral("jobs"), generator.jobsWritten()},
        {QStringLiteral("profiles"), generator.profilesWritten()},
        {QStringLiteral("seed"), QString::number(options.seed)},
        {QStringLiteral("seconds"), timer.elapsed() / 1000.0}});
    return ExitOk;
}

int fingerprintCommand(Arguments args)
{
    QString dialectName = QStringLiteral("dremio");
    QString error;
    if (!args.takeValue(QStringLiteral("--dialect"), &dialectName, &error))
        return fail(error);
    const std::optional<SqlDialect> dialect = Fingerprinter::dialectFromName(dialectName);
    if (!dialect)
        return fail(QStringLiteral("--dialect must be dremio or postgres, got '%1'").arg(dialectName));
    const QStringList rest = args.rest();
    if (rest.size() > 1)
        return fail(QStringLiteral("fingerprint takes at most one FILE"));
    QFile input;
    const QString name = rest.isEmpty() || rest.first() == QLatin1String("-") ? QStringLiteral("stdin") : rest.first();
    const bool opened = name == QLatin1String("stdin") ? input.open(stdin, QIODevice::ReadOnly)
                                                       : (input.setFileName(name), input.open(QIODevice::ReadOnly));
    if (!opened)
        return fail(QStringLiteral("%1: %2").arg(name, input.errorString()));
    const QString script = QString::fromUtf8(input.readAll());
    for (const SqlStatement& statement : StatementSplitter::split(script, *dialect)) {
        const FingerprintResult result = Fingerprinter::fingerprint(statement.text, *dialect);
        if (!result.warning.isEmpty())
            err() << name << ':' << statement.line << ": warning: " << result.warning << Qt::endl;
        QJsonObject object = result.toJson();
        object.insert(QStringLiteral("line"), statement.line);
        out() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) << '\n';
    }
    out().flush();
    return ExitOk;
}

QString usageText()
{
    // Commands registered by other files go after the built-in ones, before the global options.
    QString text = QString::fromUtf8(UsageText);
    QString registered;
    for (const CliCommand& command : CliCommandRegistry::all())
        registered += command.usage.endsWith(QLatin1Char('\n')) ? command.usage : command.usage + QLatin1Char('\n');
    const qsizetype globalAt = text.indexOf(QStringLiteral("\nGlobal options:"));
    text.insert(globalAt, registered);
    return text;
}

} // namespace

int run(const QStringList& arguments)
{
    QStringList list = arguments;
    if (list.isEmpty() || list.contains(QStringLiteral("--help")) || list.contains(QStringLiteral("-h"))) {
        (list.isEmpty() ? err() : out()) << usageText();
        return list.isEmpty() ? ExitError : ExitOk;
    }
    if (list.contains(QStringLiteral("--version"))) {
        out() << "dremio-optimizer-cli " << DOPT_VERSION << Qt::endl
              << "SQL highlighting (GUI): " << BuildInfo::sqlHighlighter() << Qt::endl;
        return ExitOk;
    }
    Arguments global(list);
    QString workspaceLocation;
    QString error;
    if (!global.takeValue(QStringLiteral("--workspace"), &workspaceLocation, &error))
        return fail(error);
    QStringList rest = global.rest();
    if (rest.isEmpty())
        return fail(QStringLiteral("missing COMMAND (try --help)"));
    const QString command = rest.takeFirst();
    Arguments args(rest);

    if (command == QLatin1String("demo"))
        return demoCommand(args);
    if (command == QLatin1String("fingerprint"))
        return fingerprintCommand(args);

    Workspace workspace;
    if (command == QLatin1String("import") || command == QLatin1String("jobs") || command == QLatin1String("profile")
        || command == QLatin1String("collect") || command == QLatin1String("analyze")
        || command == QLatin1String("findings") || command == QLatin1String("baselines")) {
        if (!openWorkspace(workspace, workspaceLocation, &error))
            return fail(error);
    }
    if (command == QLatin1String("import"))
        return importCommand(workspace, args);
    if (command == QLatin1String("jobs"))
        return jobsCommand(workspace, args);
    if (command == QLatin1String("profile"))
        return profileCommand(workspace, args);
    if (command == QLatin1String("collect"))
        return collectCommand(workspace, args);
    if (command == QLatin1String("analyze"))
        return analyzeCommand(workspace, args);
    if (command == QLatin1String("findings"))
        return findingsCommand(workspace, args);
    if (command == QLatin1String("baselines"))
        return baselinesCommand(workspace, args);
    if (const CliCommand* registered = CliCommandRegistry::find(command)) {
        if (registered->needsWorkspace && !openWorkspace(workspace, workspaceLocation, &error))
            return fail(error);
        return registered->run(workspace, args);
    }
    return fail(QStringLiteral("unknown command '%1' (try --help)").arg(command));
}

} // namespace dopt::cli
