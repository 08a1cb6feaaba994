#pragma once

#include <QDate>
#include <QString>
#include <QStringList>
#include <QVector>

namespace dopt {

class DemoRandom;

/// An Iceberg table of the fictional lakehouse and the space view analysts query it through.
struct DemoTable
{
    QString table; // physical path as scans show it: lakehouse.sales.orders
    QString view; // the view users query: "Sales Space"."orders 2025"
    QString columns; // the columns a typical scan reads, as the plan lists them
    QString allColumns; // every column (SELECT * scans)
    qint64 rows = 0;
    int partitions = 1; // Iceberg partitions (days or hours)
    int filesPerPartition = 1;
    int rowBytes = 60; // compressed bytes per row read
};

/// The operator tree family a query shape produces.
enum class DemoPlanKind {
    Aggregate, // scan, filter, two-phase hash aggregate
    SpillingAggregate, // high-cardinality aggregate whose hash table spills to disk
    JoinAggregate, // fact joined with a broadcast dimension, then aggregated
    SkewedJoin, // hash-partitioned join where one key holds most rows (one hot thread)
    FanOutJoin, // join on a non-unique key: many more rows out than in
    PointLookup, // selective filter and a few rows
    SelectStar, // SELECT * ... LIMIT
    WindowSort, // sort and window function
    Ctas, // CREATE TABLE AS / INSERT: writer and committer
};

/// When a shape runs: interactively following office rhythm, or as a batch job at a fixed time.
enum class DemoSchedule { Interactive, Nightly, WeeklyMonday };

/// One recurring query of the demo workload: its SQL template, who runs it, how it performs and
/// which problem it shows (regression, reflection, small files, skew, spill, fan-out, failures).
struct DemoQueryShape
{
    QString name;
    QString category; // dashboard, ad-hoc, etl, report
    QString sql; // template, placeholders {from} {to} {day} {month} {id} {ids} {region} {country} {category} {channel}
                 // {limit}
    DemoPlanKind plan = DemoPlanKind::Aggregate;
    int fact = 0; // index into tables()
    int dimension = -1;
    DemoSchedule schedule = DemoSchedule::Interactive;
    int minuteOfDay = 0; // batch start (UTC) for Nightly / WeeklyMonday
    double weight = 1.0; // share among interactive shapes
    QStringList users;
    QString queryType = QStringLiteral("UI Run"); // schedulingProperties.queryType spelling
    QString engine = QStringLiteral("default");
    double medianMs = 1500;
    double sigma = 0.45;
    double selectivity = 0.01; // share of the fact table's rows one run reads (at size factor 1)
    double rowsReturned = 100;
    int regressionFromDay = -1; // day index from which the shape is slower
    double regressionFactor = 1.0;
    bool regressionLosesPruning = false; // the regression comes from a lost partition filter
    QString reflectionId; // the reflection the shape can use
    QString reflectionName;
    double acceleratedShare = 0; // runs where the reflection is chosen
    bool reflectionMatchOnly = false; // matched but never chosen (costing)
    bool smallFiles = false; // the table is fragmented into many small files
    bool allPartitions = false; // no partition filter: every partition is read
    double skewShare = 0; // share of the hottest thread in the join fragment
    double fanOut = 0; // join output rows per probe row
    bool spills = false;
    double failureRate = 0;
    QStringList errors;
};

/// The rendered SQL of one run and how much data its literals select (1 = the shape's median).
struct DemoSqlInstance
{
    QString sql;
    double sizeFactor = 1.0;
};

/// The catalog of the demo workload: tables, users, queues and a few dozen query shapes.
class DemoQueryShapes
{
public:
    static const QVector<DemoTable>& tables();
    static const QVector<DemoQueryShape>& shapes();
    /// Fills a shape's placeholders with literals for a run on `day` (dates, ids, IN-lists of varying
    /// length, regions...). Deterministic for a given random state.
    static DemoSqlInstance render(const DemoQueryShape& shape, const QDate& day, DemoRandom& random);
    /// WLM queue Dremio's default rules would pick: by planner cost, ETL users to their own queue.
    static QString queueFor(const DemoQueryShape& shape, double plannerCost);
    /// A stable id for a queue name, as resourceSchedulingProfile.queueId carries.
    static QString queueId(const QString& queueName);
};

} // namespace dopt
