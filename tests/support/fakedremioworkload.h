#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace dopt::test {

/// What FakeDremioServer does for apply-and-measure (reference/dremio.md §1.4, §1.6, Iceberg table
/// functions): reflections created, read and deleted through the REST API with their refresh going
/// REFRESHING → CAN_ACCELERATE (or FAILED), datasets found by path, measured queries whose jobs
/// report startedAt/endedAt and acceleration.reflectionRelationships, and Iceberg tables with
/// snapshots that OPTIMIZE TABLE, ROLLBACK TABLE, AT SNAPSHOT, table_snapshot and table_history act on.
///
/// The speed-ups are this fake's own (a query is given its durations: plain, with a reflection
/// CHOSEN, on a compacted table): what the tests check is the protocol around them, not Dremio's
/// performance. A reflection accelerates a query on its dataset when it can accelerate and the
/// query's hint does not exclude it (exclude_reflections / consider_reflections with its id).
///
/// Not thread-safe by itself: FakeDremioServer calls it under its lock; configure it before the
/// requests it should affect (from the server's thread).
class FakeDremioWorkload
{
public:
    struct Query
    {
        QString marker; // a submitted statement containing this text is this query (longest marker wins)
        QString dataset; // dotted path it reads: reflections on it and the Iceberg table of that path apply
        int plainMs = 800;
        int acceleratedMs = 100; // when a reflection is CHOSEN
        int compactedMs = 300; // when it reads a compacted Iceberg snapshot
        int rows = 10;
        int resultSeed = 1; // the rows' content: another seed gives another result (a wrong rewrite)
    };
    struct SqlAnswer
    {
        QString finalState = QStringLiteral("COMPLETED");
        QString message;
        QJsonArray rows;
        qint64 durationMs = 5;
        QJsonArray relationships;
    };
    struct RestAnswer
    {
        int status = 200;
        QJsonObject body;
    };

    /// A dataset the catalog finds by path (GET catalog/by-path/...).
    void addDataset(const QString& dottedPath, const QString& id);
    /// A reflection that exists already (for drop_reflection), able to accelerate.
    void addReflection(const QString& id, const QString& datasetId, const QString& name);
    void addQuery(const Query& query);
    /// An Iceberg table with one snapshot of small files.
    void addIcebergTable(const QString& dottedPath, const QString& firstSnapshotId);
    /// GETs a new reflection stays REFRESHING before it can accelerate (default 2).
    void setRefreshPolls(int polls) { m_refreshPolls = polls; }
    /// The next created reflection's refresh ends FAILED with this message.
    void failNextRefresh(const QString& message) { m_failNextRefresh = message; }

    std::optional<RestAnswer> answerRest(const QByteArray& method, const QString& rest, const QByteArray& body);
    std::optional<SqlAnswer> answerSql(const QString& sql);

    // --- observations ---
    QStringList reflectionIds() const { return m_reflections.keys(); }
    bool hasReflection(const QString& id) const { return m_reflections.contains(id); }
    QJsonObject reflection(const QString& id) const { return m_reflections.value(id).definition; }
    QString currentSnapshot(const QString& dottedPath) const;
    bool isCompacted(const QString& dottedPath) const;
    int reflectionsCreated() const { return m_created; }

private:
    struct Reflection
    {
        QJsonObject definition; // as posted, plus id
        int pollsLeft = 0;
        QString finalStatus = QStringLiteral("CAN_ACCELERATE");
        QString failure;
    };
    struct Snapshot
    {
        QString id;
        QString parentId;
        qint64 committedMs = 0;
        qint64 madeCurrentMs = 0;
        bool compacted = false;
        QString operation;
    };
    struct Table
    {
        QVector<Snapshot> snapshots;
        QVector<QPair<QString, qint64>> history; // snapshot made current, when
        QString current;
    };

    QJsonObject restReflection(const QString& id, Reflection& reflection, bool poll);
    std::optional<SqlAnswer> answerIceberg(const QString& sql);
    Table* tableNamed(const QString& sqlPath);
    qint64 clock() { return m_clockMs += 1000; }

    QHash<QString, QString> m_datasets; // dotted path -> id
    QHash<QString, Reflection> m_reflections;
    QVector<Query> m_queries;
    QHash<QString, Table> m_tables; // dotted path (segments joined by '.') -> table
    int m_refreshPolls = 2;
    QString m_failNextRefresh;
    int m_created = 0;
    int m_jobs = 0;
    qint64 m_clockMs = 1763900000000; // a fixed clock for committed_at / made_current_at
};

} // namespace dopt::test
