// dremio-optimizer-cli measurements: the stored measurements with what each timed (the measured
// query and why it was chosen), their verdict and whether their plans were kept.
#include "clicommandregistry.h"
#include "clisupport.h"
#include "measure/measurementstore.h"
#include "postgrescommands.h"
#include "store/workspace.h"

#include <QJsonArray>
#include <QJsonObject>

namespace dopt::cli {

namespace {

int measurementsCommand(Workspace& workspace, Arguments args)
{
    QString error;
    QString recommendationText;
    const bool json = args.takeFlag(QStringLiteral("--json"));
    if (!args.takeValue(QStringLiteral("--recommendation"), &recommendationText, &error)
        || !args.noneLeft(QStringLiteral("measurements"), &error))
        return fail(error);
    qint64 recommendationId = 0;
    if (!recommendationText.isEmpty()) {
        bool ok = false;
        recommendationId = recommendationText.toLongLong(&ok);
        if (!ok || recommendationId <= 0)
            return fail(
                QStringLiteral("--recommendation must be a recommendation id, got '%1'").arg(recommendationText));
    }
    MeasurementStore store(workspace.database());
    const QVector<qint64> ids = store.ids(recommendationId, &error);
    if (!error.isEmpty())
        return fail(error);
    QJsonArray array;
    for (qint64 id : ids) {
        const std::optional<MeasurementResult> measurement = store.get(id, &error);
        if (!measurement)
            return fail(error.isEmpty() ? QStringLiteral("measurement %1 vanished while listing").arg(id) : error);
        if (json) {
            array.append(measurement->toJson());
            continue;
        }
        printMeasurement(*measurement);
        if (!measurement->error.isEmpty())
            out() << "error: " << measurement->error << Qt::endl;
        out() << Qt::endl;
    }
    if (json)
        printJson(QJsonObject {{QStringLiteral("measurements"), array}});
    else if (ids.isEmpty())
        err() << "no measurements (run 'measure' first)" << Qt::endl;
    return ExitOk;
}

const bool registered = CliCommandRegistry::add({QStringLiteral("measurements"),
    QStringLiteral("measurements [--recommendation REC_ID] [--json]\n"
                   "    stored measurements, newest first: verdict, figures, the query measured and why it was\n"
                   "    chosen (\"not recorded\" for those made before schema 15), and which plans were kept"),
    true, measurementsCommand});

} // namespace

} // namespace dopt::cli
