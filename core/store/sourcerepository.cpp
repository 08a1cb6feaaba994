#include "sourcerepository.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace dopt {

qint64 SourceRepository::findOrCreate(
    const QString& kind, const QString& name, const QString& location, bool isDemo, QString* error)
{
    if (kind.isEmpty() || name.isEmpty()) {
        if (error)
            *error = QStringLiteral("a source needs a kind and a name");
        return -1;
    }
    QSqlQuery query(m_db);
    // The no-op-looking update makes RETURNING yield the existing row's id on both backends.
    query.prepare(QStringLiteral(
        "INSERT INTO sources (kind, name, location, is_demo, created_ms) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (kind, name) DO UPDATE SET location = CASE WHEN sources.location = '' THEN excluded.location "
        "ELSE sources.location END RETURNING id"));
    query.addBindValue(kind);
    query.addBindValue(name);
    query.addBindValue(location.isNull() ? QStringLiteral("") : location);
    query.addBindValue(isDemo ? 1 : 0);
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec() || !query.next()) {
        if (error)
            *error = QStringLiteral("cannot store source %1/%2: %3")
                         .arg(kind, name, query.lastError().text().simplified());
        return -1;
    }
    return query.value(0).toLongLong();
}

QVector<SourceRow> SourceRepository::select(const QString& where, const QVariantList& values)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id, kind, name, location, is_demo, created_ms FROM sources%1 ORDER BY id")
                      .arg(where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where));
    for (const QVariant& value : values)
        query.addBindValue(value);
    QVector<SourceRow> rows;
    if (!query.exec()) {
        qWarning("cannot read sources: %s", qUtf8Printable(query.lastError().text().simplified()));
        return rows;
    }
    while (query.next()) {
        rows.append(SourceRow {query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(),
            query.value(3).toString(), query.value(4).toInt() != 0, query.value(5).toLongLong()});
    }
    return rows;
}

std::optional<SourceRow> SourceRepository::find(qint64 id)
{
    const QVector<SourceRow> rows = select(QStringLiteral("id = ?"), {id});
    return rows.isEmpty() ? std::nullopt : std::optional<SourceRow>(rows.first());
}

std::optional<SourceRow> SourceRepository::find(const QString& kind, const QString& name)
{
    const QVector<SourceRow> rows = select(QStringLiteral("kind = ? AND name = ?"), {kind, name});
    return rows.isEmpty() ? std::nullopt : std::optional<SourceRow>(rows.first());
}

QVector<SourceRow> SourceRepository::all()
{
    return select(QString(), {});
}

QStringList SourceRepository::locations(const QString& kind)
{
    QStringList found;
    for (const SourceRow& source : select(QStringLiteral("kind = ?"), {kind}))
        if (!source.location.isEmpty())
            found.append(source.location);
    return found;
}

bool SourceRepository::remove(qint64 id, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM sources WHERE id = ?"));
    query.addBindValue(id);
    if (query.exec())
        return true;
    if (error)
        *error = QStringLiteral("cannot delete source %1: %2").arg(id).arg(query.lastError().text().simplified());
    return false;
}

} // namespace dopt
