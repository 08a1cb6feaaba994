#pragma once

#include <QString>

namespace dopt {

/// Fallback operator-metric names for profiles whose operatorTypeMetricsMap is empty. Metric ids are
/// positions in each operator's Java Metric enum and change between Dremio versions, so there is one
/// table per version family: 21.x (from a real 21.6 profile's map) and 25.x (from the 25.2 sources).
class DremioMetricNames
{
public:
    enum class Table { Dremio21, Dremio25 };

    static Table tableForMajorVersion(int major);
    static QString tableLabel(Table table);
    /// The metric's name, or nullptr when the table does not know it; *isMax tells whether Dremio
    /// aggregates it over threads with MAX instead of SUM.
    static const char* name(Table table, int operatorType, int metricId, bool* isMax = nullptr);
    /// The id of a named metric for an operator type, or -1.
    static int idOf(Table table, int operatorType, const char* metricName);
};

} // namespace dopt
