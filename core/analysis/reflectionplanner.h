#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace dopt {

/// A reflection definition derived from the query shapes that would use it (Dremio's fields:
/// reference/dremio.md §1.6), with its SQL to create and to drop it.
struct ReflectionDefinition
{
    QString type; // RAW or AGGREGATION
    QString name;
    QString dataset; // the anchor table or view, as written in the query (quoted path)
    QStringList displayFields; // RAW
    QStringList dimensionFields; // AGGREGATION
    QStringList measureFields; // AGGREGATION: "column (SUM, COUNT)"
    QStringList partitionFields;
    QStringList sortFields;
    bool joins = false; // the query joins several tables: the reflection covers only the first one

    bool isValid() const { return !dataset.isEmpty() && !(displayFields.isEmpty() && dimensionFields.isEmpty()); }
    /// ALTER TABLE <dataset> CREATE RAW|AGGREGATE REFLECTION ...
    QString createSql() const;
    /// ALTER TABLE <dataset> DROP REFLECTION <name>
    QString dropSql() const;
    QJsonObject toJson() const;
};

/// Reads a query's shape with the token list (FROM table, GROUP BY columns, aggregate calls, filter
/// columns) and proposes the reflection that would serve it: an aggregation reflection for grouped
/// queries (dimensions = grouping and filter columns, measures = aggregated columns), a raw one
/// otherwise (display = every column read; partition = an equality-filtered column, sort = a
/// range-filtered one, never the same column, as Dremio requires).
class ReflectionPlanner
{
public:
    /// name: the reflection name to use. Invalid (isValid() false) when the shape gives no fields,
    /// e.g. SELECT * or no FROM table.
    static ReflectionDefinition plan(const QString& sql, const QString& name);
};

} // namespace dopt
