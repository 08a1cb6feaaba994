// dremio-optimizer-cli explain: EXPLAIN (ANALYZE, BUFFERS) profiles of a PostgreSQL source's most
// expensive SELECTs, stored as job profiles. The password comes from PGPASSWORD or ~/.pgpass.
#include "clicommandregistry.h"
#include "clisupport.h"
#include "sources/postgres/pgconnection.h"
#include "sources/postgres/pgexplaincollector.h"
#include "store/sourcerepository.h"
#include "store/workspace.h"

#include <QJsonObject>
#include <atomic>
#include <csignal>

namespace dopt::cli {

namespace {

std::atomic_bool explainInterrupted {false};

extern "C" void onExplainInterrupt(int)
{
    explainInterrupted.store(true);
}

/// --postgres URL, else the workspace's only PostgreSQL source.
QString sourceUrl(Workspace& workspace, const QString& given, QString* error)
{
    if (!given.isEmpty())
        return given;
    const QStringList locations = SourceRepository(workspace.database()).locations(QStringLiteral("postgres"));
    if (locations.size() == 1)
        return locations.first();
    *error = locations.isEmpty()
        ? QStringLiteral("explain: no PostgreSQL source in this workspace: give --postgres URL")
        : QStringLiteral("explain: several PostgreSQL sources (%1): give --postgres URL")
              .arg(locations.join(QStringLiteral(", ")));
    return {};
}

bool positive(const QString& text, const QString& option, int* value, QString* error)
{
    if (text.isEmpty())
        return true;
    bool ok = false;
    *value = text.toInt(&ok);
    if (!ok || *value < 1) {
        *error = QStringLiteral("explain: %1 must be a positive number, got '%2'").arg(option, text);
        return false;
    }
    return true;
}

void printStatement(const PgExplainedStatement& statement)
{
    out() << statement.fingerprint << "  " << statement.calls << " calls, "
          << QString::number(statement.totalMs, 'f', 1) << " ms total" << Qt::endl;
    out() << "  sql: " << statement.sql.simplified().left(200) << Qt::endl;
    if (statement.parameterSource == QLatin1String("log"))
        out() << "  values: from the slowest logged execution"
              << (statement.loggedParameters.isEmpty() ? QString()
                                                       : QStringLiteral(" (") + statement.loggedParameters + u')')
              << Qt::endl;
    for (const PgParameterValue& value : statement.parameters)
        out() << "  $" << value.number << " = " << value.literal << "  (" << value.origin << ')' << Qt::endl;
    if (statement.error.isEmpty())
        out() << "  profile stored with job " << statement.jobId << ": "
              << QString::number(statement.executionMs, 'f', 0) << " ms"
              << (statement.spilledBytes > 0 ? QStringLiteral(", %1 kB spilled").arg(statement.spilledBytes / 1024)
                                             : QString())
              << Qt::endl;
    else
        out() << "  no profile: " << statement.error << Qt::endl;
}

int explainCommand(Workspace& workspace, Arguments args)
{
    QString error;
    QString given;
    QString topText;
    QString timeoutText;
    const bool json = args.takeFlag(QStringLiteral("--json"));
    if (!args.takeValues({{QStringLiteral("--postgres"), &given}, {QStringLiteral("--top"), &topText},
                             {QStringLiteral("--timeout-ms"), &timeoutText}},
            &error))
        return fail(error);
    PgExplainCollector::Options options;
    QString setting;
    while (true) {
        setting.clear();
        if (!args.takeValue(QStringLiteral("--set"), &setting, &error))
            return fail(error);
        if (setting.isEmpty())
            break;
        options.settings.append(setting);
    }
    if (!positive(topText, QStringLiteral("--top"), &options.statements, &error)
        || !positive(timeoutText, QStringLiteral("--timeout-ms"), &options.statementTimeoutMs, &error)
        || !args.noneLeft(QStringLiteral("explain"), &error))
        return fail(error);
    const QString url = sourceUrl(workspace, given, &error);
    if (url.isEmpty())
        return fail(error);
    err() << "EXPLAIN ANALYZE of the " << options.statements << " most expensive SELECTs on "
          << PgConnection::redactUrl(url) << " (statement_timeout " << options.statementTimeoutMs << " ms, rolled back)"
          << Qt::endl;
    std::signal(SIGINT, onExplainInterrupt);
    std::signal(SIGTERM, onExplainInterrupt);
    const PgExplainResult result = PgExplainCollector::collect(
        workspace.database(), url, options, &explainInterrupted, [](int done, int total, const QString& message) {
            err() << QStringLiteral("[%1/%2] %3").arg(done).arg(total).arg(message) << Qt::endl;
        });
    if (json) {
        printJson(result.toJson());
    } else {
        for (const PgExplainedStatement& statement : result.statements)
            printStatement(statement);
        out() << result.explained << " profiles stored, " << result.failed << " statements without one" << Qt::endl;
    }
    if (!result.ok)
        return fail(result.error);
    if (result.cancelled)
        return fail(QStringLiteral("explain: cancelled (%1 profiles stored before)").arg(result.explained));
    return ExitOk;
}

const bool registeredExplain = CliCommandRegistry::add({QStringLiteral("explain"),
    QStringLiteral("explain [--postgres URL] [--top N] [--timeout-ms N] [--set 'NAME = VALUE']... [--json]\n"
                   "    EXPLAIN (ANALYZE, BUFFERS) the N most expensive SELECTs of a PostgreSQL source (values from\n"
                   "    its logs, else pg_stats; read-only transaction rolled back) and store the plans as profiles"),
    true, explainCommand});

} // namespace

} // namespace dopt::cli
