#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace dopt {

/// A place jobs come from (a Dremio cluster, a folder of files, the demo data).
struct SourceRow
{
    qint64 id = 0;
    QString kind; // dremio-files, dremio-software, dremio-cloud, postgres, demo
    QString name;
    QString location;
    bool isDemo = false;
    qint64 createdMs = 0;
};

/// Finds or creates sources by (kind, name). Works on the connection it is given; callers own
/// transactions.
class SourceRepository
{
public:
    explicit SourceRepository(QSqlDatabase db)
        : m_db(std::move(db))
    { }

    /// The id of the source (kind, name), created with location and isDemo when absent. An existing
    /// source keeps its stored demo flag; an empty stored location is filled in. -1 with *error on failure.
    qint64 findOrCreate(const QString& kind, const QString& name, const QString& location, bool isDemo, QString* error);
    std::optional<SourceRow> find(qint64 id);
    std::optional<SourceRow> find(const QString& kind, const QString& name);
    QVector<SourceRow> all();
    /// The non-empty locations of the sources of one kind ("postgres": server URLs without password).
    QStringList locations(const QString& kind);
    /// Deletes a source with its import runs and datasets; its jobs stay, without source.
    bool remove(qint64 id, QString* error);

private:
    QVector<SourceRow> select(const QString& where, const QVariantList& values);

    QSqlDatabase m_db;
};

} // namespace dopt
