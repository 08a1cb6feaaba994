#include "fakedremioworkload.h"

#include "measure/measurementrequest.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>

namespace dopt::test {

namespace {

QString keyOf(const QString& path)
{
    return MeasurementRequest::pathSegments(path).join(QLatin1Char('/'));
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QStringList hintIds(const QString& sql, const char* hint)
{
    const QRegularExpression pattern(
        QStringLiteral("%1\\s*\\(([^)]*)\\)").arg(QLatin1String(hint)), QRegularExpression::CaseInsensitiveOption);
    QStringList ids;
    const QRegularExpressionMatch match = pattern.match(sql);
    if (!match.hasMatch())
        return ids;
    for (QString id : match.captured(1).split(QLatin1Char(','), Qt::SkipEmptyParts))
        ids.append(id.trimmed().remove(QLatin1Char('"')).remove(QLatin1Char('\'')));
    return ids;
}

} // namespace

void FakeDremioWorkload::addDataset(const QString& dottedPath, const QString& id)
{
    m_datasets.insert(keyOf(dottedPath), id);
}

void FakeDremioWorkload::addReflection(const QString& id, const QString& datasetId, const QString& name)
{
    Reflection reflection;
    reflection.definition = QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("type"), QStringLiteral("RAW")},
        {QStringLiteral("name"), name}, {QStringLiteral("datasetId"), datasetId}, {QStringLiteral("enabled"), true},
        {QStringLiteral("displayFields"), QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("id")}}}},
        {QStringLiteral("entityType"), QStringLiteral("reflection")}};
    m_reflections.insert(id, reflection);
}

void FakeDremioWorkload::addQuery(const Query& query)
{
    m_queries.append(query);
}

void FakeDremioWorkload::addIcebergTable(const QString& dottedPath, const QString& firstSnapshotId)
{
    Table table;
    const qint64 when = clock();
    table.snapshots.append({firstSnapshotId, QString(), when, when, false, QStringLiteral("append")});
    table.history.append({firstSnapshotId, when});
    table.current = firstSnapshotId;
    m_tables.insert(keyOf(dottedPath), table);
}

QString FakeDremioWorkload::currentSnapshot(const QString& dottedPath) const
{
    return m_tables.value(keyOf(dottedPath)).current;
}

bool FakeDremioWorkload::isCompacted(const QString& dottedPath) const
{
    const Table table = m_tables.value(keyOf(dottedPath));
    for (const Snapshot& snapshot : table.snapshots)
        if (snapshot.id == table.current)
            return snapshot.compacted;
    return false;
}

FakeDremioWorkload::Table* FakeDremioWorkload::tableNamed(const QString& sqlPath)
{
    const auto it = m_tables.find(keyOf(sqlPath));
    return it == m_tables.end() ? nullptr : &it.value();
}

QJsonObject FakeDremioWorkload::restReflection(const QString& id, Reflection& reflection, bool poll)
{
    QString combined = reflection.finalStatus;
    if (reflection.pollsLeft > 0) {
        combined = QStringLiteral("REFRESHING");
        if (poll)
            --reflection.pollsLeft;
    }
    QJsonObject object = reflection.definition;
    object.insert(QStringLiteral("id"), id);
    object.insert(QStringLiteral("tag"), QStringLiteral("tag-%1").arg(id));
    object.insert(QStringLiteral("createdAt"), isoTime(m_clockMs));
    object.insert(QStringLiteral("status"),
        QJsonObject {{QStringLiteral("config"), QStringLiteral("OK")},
            {QStringLiteral("refresh"),
                combined == QLatin1String("REFRESHING") ? QStringLiteral("RUNNING") : QStringLiteral("SCHEDULED")},
            {QStringLiteral("availability"),
                combined == QLatin1String("CAN_ACCELERATE") ? QStringLiteral("AVAILABLE") : QStringLiteral("NONE")},
            {QStringLiteral("combinedStatus"), combined},
            {QStringLiteral("failureCount"), combined == QLatin1String("FAILED") ? 3 : 0},
            {QStringLiteral("lastFailureMessage"),
                combined == QLatin1String("FAILED") ? reflection.failure : QString()},
            {QStringLiteral("lastRefreshDurationMillis"), combined == QLatin1String("CAN_ACCELERATE") ? 1200 : -1}});
    return object;
}

std::optional<FakeDremioWorkload::RestAnswer> FakeDremioWorkload::answerRest(
    const QByteArray& method, const QString& rest, const QByteArray& body)
{
    const auto notFound = [](const QString& message) {
        return RestAnswer {
            404, QJsonObject {{QStringLiteral("errorMessage"), message}, {QStringLiteral("moreInfo"), QString()}}};
    };
    if (rest.startsWith(QLatin1String("catalog/by-path/")) && method == "GET") {
        const QString key = rest.mid(16);
        const auto it = m_datasets.constFind(key);
        if (it == m_datasets.constEnd())
            return std::nullopt; // the server's own catalog may know it
        return RestAnswer {200,
            QJsonObject {{QStringLiteral("entityType"), QStringLiteral("dataset")}, {QStringLiteral("id"), it.value()},
                {QStringLiteral("type"), QStringLiteral("PHYSICAL_DATASET")},
                {QStringLiteral("path"), QJsonArray::fromStringList(key.split(QLatin1Char('/')))}}};
    }
    if (rest == QLatin1String("reflection") && method == "POST") {
        QJsonObject definition = QJsonDocument::fromJson(body).object();
        const QString datasetId = definition.value(QLatin1String("datasetId")).toString();
        bool knownDataset = false;
        for (const QString& id : std::as_const(m_datasets))
            knownDataset = knownDataset || id == datasetId;
        if (!knownDataset || definition.value(QLatin1String("name")).toString().isEmpty())
            return RestAnswer {400,
                QJsonObject {{QStringLiteral("errorMessage"),
                    QStringLiteral("Invalid reflection: unknown datasetId or no name")}}};
        const QString id = QStringLiteral("a1b2c3d4-0000-4000-8000-%1").arg(++m_created, 12, 10, QLatin1Char('0'));
        Reflection reflection;
        definition.insert(QStringLiteral("id"), id);
        reflection.definition = definition;
        reflection.pollsLeft = m_refreshPolls;
        if (!m_failNextRefresh.isEmpty()) {
            reflection.finalStatus = QStringLiteral("FAILED");
            reflection.failure = std::exchange(m_failNextRefresh, QString());
        }
        m_reflections.insert(id, reflection);
        return RestAnswer {200, restReflection(id, m_reflections[id], false)};
    }
    static const QRegularExpression onePath(QStringLiteral("^reflection/([^/]+)$"));
    const QRegularExpressionMatch one = onePath.match(rest);
    if (one.hasMatch()) {
        const QString id = one.captured(1);
        const auto it = m_reflections.find(id);
        if (it == m_reflections.end())
            return notFound(QStringLiteral("Reflection %1 not found").arg(id));
        if (method == "DELETE") {
            m_reflections.erase(it);
            return RestAnswer {204, QJsonObject()};
        }
        if (method == "GET")
            return RestAnswer {200, restReflection(id, it.value(), true)};
    }
    return std::nullopt;
}

std::optional<FakeDremioWorkload::SqlAnswer> FakeDremioWorkload::answerIceberg(const QString& sql)
{
    static const QRegularExpression metadata(QStringLiteral(R"(table_(history|snapshot)\s*\(\s*'((?:[^']|'')*)'\s*\))"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression optimize(QStringLiteral(R"(^\s*OPTIMIZE\s+TABLE\s+(.+?)(\s+REWRITE\b.*)?\s*$)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression rollback(
        QStringLiteral(R"(^\s*ROLLBACK\s+TABLE\s+(.+?)\s+TO\s+SNAPSHOT\s+'(\d+)'\s*$)"),
        QRegularExpression::CaseInsensitiveOption);
    SqlAnswer answer;
    const auto notIceberg = [&answer](const QString& path) {
        answer.finalState = QStringLiteral("FAILED");
        answer.message = QStringLiteral("VALIDATION ERROR: Table [%1] is not an Iceberg table").arg(path);
        return answer;
    };
    if (const QRegularExpressionMatch m = metadata.match(sql); m.hasMatch()) {
        const QString path = m.captured(2).replace(QStringLiteral("''"), QStringLiteral("'"));
        Table* table = tableNamed(path);
        if (!table)
            return notIceberg(path);
        if (m.captured(1).compare(QLatin1String("history"), Qt::CaseInsensitive) == 0) {
            // Newest first, as the measurer's ORDER BY made_current_at DESC asks.
            for (qsizetype i = table->history.size() - 1; i >= 0; --i)
                answer.rows.append(QJsonObject {{QStringLiteral("made_current_at"), isoTime(table->history[i].second)},
                    {QStringLiteral("snapshot_id"), table->history[i].first},
                    {QStringLiteral("is_current_ancestor"), true}});
        } else {
            for (qsizetype i = table->snapshots.size() - 1; i >= 0; --i) {
                const Snapshot& s = table->snapshots[i];
                answer.rows.append(QJsonObject {{QStringLiteral("committed_at"), isoTime(s.committedMs)},
                    {QStringLiteral("snapshot_id"), s.id}, {QStringLiteral("parent_id"), s.parentId},
                    {QStringLiteral("operation"), s.operation}});
            }
        }
        return answer;
    }
    if (const QRegularExpressionMatch m = optimize.match(sql); m.hasMatch()) {
        Table* table = tableNamed(m.captured(1));
        if (!table)
            return notIceberg(m.captured(1));
        const QString id = QString::number(table->current.toLongLong() + 1000);
        const qint64 when = clock();
        table->snapshots.append({id, table->current, when, when, true, QStringLiteral("replace")});
        table->history.append({id, when});
        table->current = id;
        answer.durationMs = 2500;
        answer.rows.append(QJsonObject {
            {QStringLiteral("rewritten_data_files_count"), 40}, {QStringLiteral("new_data_files_count"), 2}});
        return answer;
    }
    if (const QRegularExpressionMatch m = rollback.match(sql); m.hasMatch()) {
        Table* table = tableNamed(m.captured(1));
        if (!table)
            return notIceberg(m.captured(1));
        const QString id = m.captured(2);
        const bool known = std::any_of(
            table->snapshots.begin(), table->snapshots.end(), [&id](const Snapshot& s) { return s.id == id; });
        if (!known) {
            answer.finalState = QStringLiteral("FAILED");
            answer.message = QStringLiteral("Snapshot %1 not found in table %2").arg(id, m.captured(1));
            return answer;
        }
        table->current = id;
        table->history.append({id, clock()});
        return answer;
    }
    return std::nullopt;
}

std::optional<FakeDremioWorkload::SqlAnswer> FakeDremioWorkload::answerSql(const QString& sql)
{
    if (std::optional<SqlAnswer> iceberg = answerIceberg(sql))
        return iceberg;
    const Query* query = nullptr;
    for (const Query& candidate : std::as_const(m_queries))
        if (sql.contains(candidate.marker) && (!query || candidate.marker.size() > query->marker.size()))
            query = &candidate;
    if (!query)
        return std::nullopt;
    SqlAnswer answer;
    answer.durationMs = query->plainMs;
    // Compaction: the snapshot read (AT SNAPSHOT 'id' or the current one) decides.
    if (const Table* table = tableNamed(query->dataset)) {
        static const QRegularExpression at(
            QStringLiteral(R"(AT\s+SNAPSHOT\s+'(\d+)')"), QRegularExpression::CaseInsensitiveOption);
        const QRegularExpressionMatch m = at.match(sql);
        const QString read = m.hasMatch() ? m.captured(1) : table->current;
        const auto snapshot = std::find_if(
            table->snapshots.begin(), table->snapshots.end(), [&read](const Snapshot& s) { return s.id == read; });
        if (snapshot == table->snapshots.end()) {
            answer.finalState = QStringLiteral("FAILED");
            answer.message = QStringLiteral("Snapshot %1 not found").arg(read);
            return answer;
        }
        if (snapshot->compacted)
            answer.durationMs = query->compactedMs;
    }
    // Acceleration: a reflection on the dataset that can accelerate and is not excluded by the hint.
    const QString datasetId = m_datasets.value(keyOf(query->dataset));
    const QStringList excluded = hintIds(sql, "exclude_reflections");
    const QStringList considered = hintIds(sql, "consider_reflections");
    for (auto it = m_reflections.begin(); it != m_reflections.end(); ++it) {
        if (datasetId.isEmpty() || it->definition.value(QLatin1String("datasetId")).toString() != datasetId)
            continue;
        const bool usable = it->pollsLeft == 0 && it->finalStatus == QLatin1String("CAN_ACCELERATE");
        if (!usable || excluded.contains(it.key()) || (!considered.isEmpty() && !considered.contains(it.key())))
            continue;
        answer.relationships.append(QJsonObject {{QStringLiteral("datasetId"), datasetId},
            {QStringLiteral("reflectionId"), it.key()}, {QStringLiteral("relationship"), QStringLiteral("CHOSEN")}});
        answer.durationMs = query->acceleratedMs;
        break;
    }
    // A few milliseconds of deterministic spread, as real runs never tie exactly.
    answer.durationMs += (++m_jobs * 7) % 5;
    for (int i = 0; i < query->rows; ++i)
        answer.rows.append(
            QJsonObject {{QStringLiteral("id"), i + 1}, {QStringLiteral("value"), (i + 1) * query->resultSeed}});
    return answer;
}

} // namespace dopt::test
