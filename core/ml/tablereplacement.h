#pragma once

#include <QSqlDatabase>
#include <QStringList>
#include <QVariantList>
#include <QVector>

namespace dopt {

/// Replaces every row of a results table (workload_patterns, parameter_advice) in one
/// transaction: readers see the old rows or the new ones, never a mix; on error nothing changes.
class TableReplacement
{
public:
    /// `rows` hold one value per column, in `columns` order. False with "what: reason" in *error.
    static bool replace(QSqlDatabase db, const QString& table, const QStringList& columns,
        const QVector<QVariantList>& rows, const QString& what, QString* error);
};

} // namespace dopt
