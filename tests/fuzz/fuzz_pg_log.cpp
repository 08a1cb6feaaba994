// libFuzzer entry for PostgreSQL csvlog / jsonlog reading with auto_explain plans: any bytes must give
// entries or an error naming the line, never a crash; every execution the plan pairing passes on is
// passed once, and every plan at most once, whatever order the entries come in.
#include "sources/files/fileformatdetector.h"
#include "sources/postgres/pgloggedplan.h"
#include "sources/postgres/pglogimporter.h"
#include "sources/postgres/pglogreader.h"
#include "sources/postgres/pgplanpairing.h"

#include <QSet>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    (void)dopt::FileFormatDetector::detect(QStringLiteral("server.csv"), bytes);
    dopt::PgLogReader reader(bytes, dopt::PgLogReader::detect(bytes));
    int executionsIn = 0, executionsOut = 0;
    QSet<int> plansOut;
    dopt::PgPlanPairing pairing([&](dopt::PgLoggedExecution* execution, const dopt::PgLoggedPlan* plan) {
        if (plan && plansOut.contains(plan->record.line))
            __builtin_trap(); // a plan passed on twice
        if (plan)
            plansOut.insert(plan->record.line);
        if (!execution) {
            if (!plan || !plan->queryText.isEmpty())
                __builtin_trap(); // only a plan whose text is unknown goes on alone without an execution
            return true;
        }
        if (execution->job.engine != QLatin1String("postgres"))
            __builtin_trap();
        if (!plan || execution->record.line != plan->record.line)
            ++executionsOut; // an execution of the log (not one made of a plan alone)
        return true;
    });
    dopt::PgLogRecord record;
    QString error;
    while (reader.next(&record, &error)) {
        dopt::PgLoggedPlan plan;
        if (dopt::PgLoggedPlan::fromMessage(record.message, &plan)) {
            if (!plan.parsed && plan.problem.isEmpty())
                __builtin_trap(); // an unread plan always says why
            plan.record = record;
            pairing.addPlan(std::move(plan));
            continue;
        }
        if (record.message.startsWith(QLatin1String("duration: "))
            && record.message.contains(QLatin1String("statement: "))) {
            dopt::PgLoggedExecution execution = dopt::PgLoggedExecution::fromRecord(record);
            execution.statement = record.message.section(QStringLiteral("statement: "), 1);
            execution.job.sql = dopt::PgLogImporter::substituteParameters(execution.statement, record.detail);
            execution.job.queryType = QStringLiteral("statement");
            execution.job.state = QStringLiteral("COMPLETED");
            ++executionsIn;
            pairing.addExecution(std::move(execution));
        } else {
            pairing.addOther(record);
        }
    }
    if (!error.isEmpty() && (error.contains(QLatin1Char('\n')) || !error.contains(QLatin1String("line"))))
        __builtin_trap();
    pairing.finish();
    if (executionsOut != executionsIn)
        __builtin_trap(); // an execution lost or passed on twice
    return 0;
}
