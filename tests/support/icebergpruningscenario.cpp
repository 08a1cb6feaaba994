#include "icebergpruningscenario.h"

#include "fakedremioserver.h"
#include "testdata.h"

#include <QDate>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace dopt::test {

namespace {

// Operator types (UserBitShared.proto CoreOperatorType, reference/dremio.md §2.4).
enum OperatorType {
    kFilter = 2,
    kHashAggregate = 3,
    kProject = 10,
    kScreen = 13,
    kTextSubScan = 28,
    kTableFunction = 53
};

constexpr qint64 kFirstSubmittedMs = 1764000000000; // 2025-11-24, after the sample history
constexpr qint64 kRunEveryMs = 3'600'000;

// The id the profile's own operatorTypeMetricsMap gives a metric of an operator type, -1 if none.
int metricIdOf(const QJsonObject& profile, int operatorType, const QString& name)
{
    const QJsonArray definitions = profile.value(QLatin1String("operatorTypeMetricsMap"))
                                       .toObject()
                                       .value(QLatin1String("metricsDef"))
                                       .toArray()
                                       .at(operatorType)
                                       .toObject()
                                       .value(QLatin1String("metricDef"))
                                       .toArray();
    for (const QJsonValue& value : definitions) {
        if (value.toObject().value(QLatin1String("name")).toString() == name)
            return value.toObject().value(QLatin1String("id")).toInt(-1);
    }
    return -1;
}

// One operator of the rebuilt fragment: the sample's operator of `templateType` renumbered and retyped,
// with the rows it received and its processing time; metrics kept only when `keepMetrics`.
QJsonObject operatorFrom(
    const QJsonObject& templateOperator, int id, int type, qint64 inputRecords, qint64 processNs, bool keepMetrics)
{
    QJsonObject op = templateOperator;
    op.insert(QLatin1String("operatorId"), id);
    op.insert(QLatin1String("operatorType"), type);
    op.insert(QLatin1String("processNanos"), processNs);
    QJsonObject input = templateOperator.value(QLatin1String("inputProfile")).toArray().at(0).toObject();
    const qint64 bytesPerRecord = 40;
    input.insert(QLatin1String("records"), inputRecords);
    input.insert(QLatin1String("batches"), qMax<qint64>(1, inputRecords / 4000));
    input.insert(QLatin1String("size"), inputRecords * bytesPerRecord);
    op.insert(QLatin1String("inputProfile"), QJsonArray {input});
    if (!keepMetrics)
        op.insert(QLatin1String("metric"), QJsonArray());
    return op;
}

QString planLine(int operatorId, int depth, const QString& body, qint64 rows)
{
    return QStringLiteral("00-%1%2%3 : rowType = RecordType(VARCHAR(65536) region, DOUBLE revenue): rowcount = %4, "
                          "cumulative cost = {%4 rows, 0.0 cpu, 0.0 io, 0.0 network, 0.0 memory}, id = %5")
        .arg(operatorId, 2, 10, QLatin1Char('0'))
        .arg(QString(4 + 2 * depth, QLatin1Char(' ')), body)
        .arg(double(rows), 0, 'f', 1)
        .arg(1000 + operatorId);
}

} // namespace

QByteArray IcebergPruningScenario::adaptedProfile(const QString& samplePath, const Scan& scan, QString* error)
{
    QFile file(samplePath);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1").arg(samplePath);
        return {};
    }
    QJsonObject profile = QJsonDocument::fromJson(file.readAll()).object();
    QJsonArray fragments = profile.value(QLatin1String("fragmentProfile")).toArray();
    QJsonObject fragment = fragments.at(0).toObject();
    QJsonArray minors = fragment.value(QLatin1String("minorFragmentProfile")).toArray();
    QJsonObject minor = minors.at(0).toObject();
    // The sample's own operators, by type, serve as templates.
    QHash<int, QJsonObject> byType;
    for (const QJsonValue& value : minor.value(QLatin1String("operatorProfile")).toArray())
        byType.insert(value.toObject().value(QLatin1String("operatorType")).toInt(), value.toObject());
    const int dataFiles = metricIdOf(profile, kTableFunction, QStringLiteral("NUM_DATA_FILE"));
    const int readers = metricIdOf(profile, kTableFunction, QStringLiteral("NUM_READERS"));
    if (fragments.size() != 1 || !byType.contains(kScreen) || !byType.contains(kProject)
        || !byType.contains(kHashAggregate) || !byType.contains(kTextSubScan) || dataFiles < 0 || readers < 0) {
        *error = QStringLiteral("%1 is not the expected 21.6 sample (one fragment with SCREEN, PROJECT, "
                                "HASH_AGGREGATE and TEXT_SUB_SCAN; TABLE_FUNCTION metrics in its map)")
                     .arg(samplePath);
        return {};
    }

    const qint64 groups = 5; // regions
    QJsonObject tableFunction
        = operatorFrom(byType.value(kTextSubScan), 4, kTableFunction, scan.rowsRead, scan.scanNs, false);
    tableFunction.insert(QLatin1String("metric"),
        QJsonArray {QJsonObject {{QLatin1String("metricId"), dataFiles}, {QLatin1String("longValue"), scan.splits}},
            QJsonObject {{QLatin1String("metricId"), readers}, {QLatin1String("longValue"), scan.splits}}});
    const QJsonArray operators {
        operatorFrom(byType.value(kScreen), 0, kScreen, groups, 120'000, true),
        operatorFrom(byType.value(kProject), 1, kProject, groups, 40'000, false),
        operatorFrom(byType.value(kHashAggregate), 2, kHashAggregate, scan.rowsKept, scan.scanNs / 40, true),
        operatorFrom(byType.value(kProject), 3, kFilter, scan.rowsRead, scan.scanNs / 10, false),
        tableFunction,
    };
    minor.insert(QLatin1String("operatorProfile"), operators);
    minors.replace(0, minor);
    fragment.insert(QLatin1String("minorFragmentProfile"), minors);
    fragments.replace(0, fragment);
    profile.insert(QLatin1String("fragmentProfile"), fragments);

    const QStringList plan {
        planLine(0, 0, QStringLiteral("Screen"), groups),
        planLine(1, 1, QStringLiteral("Project(region=[$0], revenue=[$1])"), groups),
        planLine(2, 2, QStringLiteral("HashAgg(group=[{0}], revenue=[SUM($1)])"), groups),
        planLine(3, 3, QStringLiteral("Filter(condition=[%1])").arg(scan.filterCondition), scan.rowsKept),
        planLine(4, 4,
            QStringLiteral("TableFunction(table=[%1], columns=[`region`, `amount`, `order_date`, `status`], "
                           "splits=[%2], Table Function Type=[DATA_FILE_SCAN])")
                .arg(QLatin1String(Table))
                .arg(scan.splits),
            scan.rowsRead),
    };
    profile.insert(QLatin1String("plan"), QString(plan.join(QLatin1Char('\n')) + QLatin1Char('\n')));
    profile.remove(QLatin1String("jsonPlan")); // it describes the sample's plan
    profile.insert(QLatin1String("query"), scan.sql);
    profile.insert(QLatin1String("start"), scan.startMs);
    profile.insert(QLatin1String("end"), scan.startMs + scan.durationMs);
    return QJsonDocument(profile).toJson(QJsonDocument::Compact);
}

QString IcebergPruningScenario::unprunedSql()
{
    return QStringLiteral("SELECT region, SUM(amount) AS revenue FROM lake.sales.orders "
                          "WHERE EXTRACT(YEAR FROM order_date) = 2025 GROUP BY region");
}

QString IcebergPruningScenario::prunedSql()
{
    return QStringLiteral("SELECT region, SUM(amount) AS revenue FROM lake.sales.orders WHERE order_date >= DATE "
                          "'2025-01-01' AND order_date < DATE '2026-01-01' AND status = 'RETURNED' GROUP BY region");
}

QStringList IcebergPruningScenario::unprunedJobIds()
{
    QStringList ids;
    for (int i = 0; i < 6; ++i)
        ids.append(QStringLiteral("1a2b3c4d-0000-4000-8000-00000000a%1").arg(i, 3, 10, QLatin1Char('0')));
    return ids;
}

QStringList IcebergPruningScenario::prunedJobIds()
{
    QStringList ids;
    for (int i = 0; i < 4; ++i)
        ids.append(QStringLiteral("1a2b3c4d-0000-4000-8000-00000000b%1").arg(i, 3, 10, QLatin1Char('0')));
    return ids;
}

IcebergPruningScenario::Scan IcebergPruningScenario::unprunedScan()
{
    Scan scan;
    scan.sql = unprunedSql();
    scan.filterCondition = QStringLiteral("=(EXTRACT(FLAG(YEAR), $2), 2025)");
    scan.splits = Files;
    scan.rowsRead = qint64(Partitions) * RecordsPerPartition;
    scan.rowsKept = qint64(PartitionsOf2025) * RecordsPerPartition;
    scan.scanNs = 38'000'000'000LL;
    scan.durationMs = 41'000;
    return scan;
}

IcebergPruningScenario::Scan IcebergPruningScenario::prunedScan()
{
    Scan scan;
    scan.sql = prunedSql();
    scan.filterCondition = QStringLiteral("=($3, 'RETURNED')");
    scan.splits = qint64(PartitionsOf2025) * FilesPerPartition;
    scan.rowsRead = qint64(PartitionsOf2025) * RecordsPerPartition;
    scan.rowsKept = scan.rowsRead / 20;
    scan.scanNs = 7'600'000'000LL;
    scan.durationMs = 8'500;
    return scan;
}

bool IcebergPruningScenario::install(FakeDremioServer* server, QString* error)
{
    const QString sample = dremioSample(QStringLiteral("profile_21.6_csv_agg_1.json"));
    if (sample.isEmpty()) {
        *error = QStringLiteral("the real sample profile_21.6_csv_agg_1.json is absent");
        return false;
    }
    if (!server->loadSampleHistory(error) || !server->loadSampleProfiles(error))
        return false;
    const Scan unpruned = unprunedScan();
    const Scan pruned = prunedScan();

    QJsonArray rows;
    qint64 submitted = kFirstSubmittedMs;
    const auto addJobs = [&](const QStringList& ids, Scan scan) {
        for (const QString& id : ids) {
            QJsonObject row = server->templateRow();
            row.insert(QLatin1String("job_id"), id);
            row.insert(QLatin1String("query"), scan.sql);
            row.insert(QLatin1String("queried_datasets"), QStringLiteral("[%1]").arg(QLatin1String(Table)));
            row.insert(QLatin1String("scanned_datasets"), QStringLiteral("[orders]"));
            // The sample row's phase marks moved to this run; it ends after the scan's duration.
            const qint64 shift = submitted - row.value(QLatin1String("submitted_epoch_millis")).toInteger();
            for (const QString& key : row.keys()) {
                if (key.endsWith(QLatin1String("_epoch_millis")))
                    row.insert(key, row.value(key).toInteger() + shift);
            }
            row.insert(QLatin1String("final_state_epoch_millis"), submitted + scan.durationMs);
            row.insert(QLatin1String("rows_scanned"), scan.rowsRead);
            row.insert(QLatin1String("rows_returned"), 5);
            row.insert(QLatin1String("planner_estimated_cost"), double(scan.rowsRead));
            rows.append(row);
            scan.startMs = submitted;
            const QByteArray profile = adaptedProfile(sample, scan, error);
            if (profile.isEmpty() || !server->setJobProfile(id, profile, error))
                return false;
            submitted += kRunEveryMs;
        }
        return true;
    };
    if (!addJobs(unprunedJobIds(), unpruned) || !addJobs(prunedJobIds(), pruned))
        return false;
    server->appendHistoryRows(rows);

    server->setTableFiles(QLatin1String(Table), QVector<qint64>(Files, 48LL * 1024 * 1024), RecordsPerPartition / 2);
    QVector<FakeDremioServer::Partition> partitions;
    const QDate first(2021, 1, 1);
    for (int day = 0; day < Partitions; ++day) {
        partitions.append({QStringLiteral("{order_date=%1}").arg(first.addDays(day).toString(Qt::ISODate)),
            RecordsPerPartition, FilesPerPartition});
    }
    server->setTablePartitions(QLatin1String(Table), partitions);
    return true;
}

} // namespace dopt::test
