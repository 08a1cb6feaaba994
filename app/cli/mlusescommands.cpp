// dremio-optimizer-cli predict-all: the run-time model's uses (stored predictions for every job).
#include "clicommandregistry.h"
#include "clisupport.h"
#include "ml/runtimemodelservice.h"
#include "store/workspace.h"
#include "tasks/taskcontext.h"

#include <QJsonObject>

namespace dopt::cli {

namespace {

int predictAllCommand(Workspace& workspace, Arguments args)
{
    QString error;
    const bool json = args.takeFlag(QStringLiteral("--json"));
    QString batchText;
    if (!args.takeValue(QStringLiteral("--batch"), &batchText, &error)
        || !args.noneLeft(QStringLiteral("predict-all"), &error))
        return fail(error);
    int batch = 2000;
    if (!batchText.isEmpty()) {
        bool ok = false;
        batch = batchText.toInt(&ok);
        if (!ok || batch < 1)
            return fail(
                QStringLiteral("predict-all: --batch needs a positive number of jobs, got '%1'").arg(batchText));
    }
    TaskContext context(1, std::make_shared<std::atomic_bool>(false), tenthsProgress());
    const std::optional<qint64> stored = RuntimeModelService::predictAll(workspace.database(), &context, &error, batch);
    if (!stored)
        return fail(error);
    if (json)
        printJson(QJsonObject {{QStringLiteral("predictions_stored"), *stored}});
    else
        out() << "predictions stored for " << *stored << " jobs" << Qt::endl;
    return ExitOk;
}

const bool predictAllRegistered = CliCommandRegistry::add({QStringLiteral("predict-all"),
    QStringLiteral("predict-all [--json] [--batch N]\n"
                   "    predicts every job with the active model and stores the predictions (N jobs per "
                   "transaction, default 2000); the query browser shows them"),
    true, predictAllCommand});

} // namespace

} // namespace dopt::cli
