#include "tablereplacement.h"

#include <QSqlError>
#include <QSqlQuery>

namespace dopt {

bool TableReplacement::replace(QSqlDatabase db, const QString& table, const QStringList& columns,
    const QVector<QVariantList>& rows, const QString& what, QString* error)
{
    if (!db.transaction()) {
        *error = QStringLiteral("%1: cannot start a transaction: %2").arg(what, db.lastError().text());
        return false;
    }
    QSqlQuery query(db);
    bool ok = query.exec(QStringLiteral("DELETE FROM %1").arg(table));
    if (ok) {
        QStringList marks;
        for (qsizetype i = 0; i < columns.size(); ++i)
            marks.append(QStringLiteral("?"));
        ok = query.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                               .arg(table, columns.join(QStringLiteral(", ")), marks.join(QStringLiteral(", "))));
    }
    for (qsizetype r = 0; ok && r < rows.size(); ++r) {
        for (const QVariant& value : rows[r])
            query.addBindValue(value);
        ok = query.exec();
    }
    if (!ok || !db.commit()) {
        *error = QStringLiteral("%1: storing: %2").arg(what, ok ? db.lastError().text() : query.lastError().text());
        db.rollback();
        return false;
    }
    return true;
}

} // namespace dopt
