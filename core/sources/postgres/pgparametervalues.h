#pragma once

#include <QString>
#include <QVector>

namespace dopt {

class PgConnection;

/// The value chosen for one $n placeholder and where it came from, to show with the plan.
struct PgParameterValue
{
    int number = 0; // n of $n
    QString literal; // SQL literal as substituted ('42', NULL, '100')
    QString origin; // "most common value of public.orders.customer_id", "LIMIT default"...
};

/// Values for the $n placeholders of a normalized statement (pg_stat_statements text) taken from
/// the planner statistics (pg_stats) of the columns they are compared with: the most common value
/// for equality, else a histogram bound (the median for =, the lower quartile for < and <=, the upper
/// quartile for > and >=, 40% and 60% for BETWEEN). LIMIT $n gets 100 and OFFSET $n 0.
class PgParameterValues
{
public:
    /// One value per placeholder, or false with *error naming the first placeholder without one.
    static bool fromStatistics(
        PgConnection& server, const QString& sql, QVector<PgParameterValue>* values, QString* error);
    /// "$1 = '42', $2 = 'x'": the form of a log's "parameters:" detail (see PgLogImporter::substituteParameters).
    static QString detail(const QVector<PgParameterValue>& values);
    /// The elements of a PostgreSQL array's text form ({a,"b c",NULL}); NULL elements as null QStrings.
    static QStringList arrayElements(const QString& text);
    /// The highest $n in sql (0 when it has none).
    static int placeholderCount(const QString& sql);
};

} // namespace dopt
