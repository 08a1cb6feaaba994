#include "jobrepository.h"

#include "statementinterrupter.h"
#include "util/saturatingcast.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <iterator>

namespace dopt {

namespace {

// Every column the upsert writes, in bind order.
const QStringList UpsertColumns {QStringLiteral("source_id"), QStringLiteral("engine"), QStringLiteral("job_id"),
    QStringLiteral("attempt"), QStringLiteral("sql_text"), QStringLiteral("user_name"), QStringLiteral("queue"),
    QStringLiteral("state"), QStringLiteral("query_type"), QStringLiteral("engine_name"),
    QStringLiteral("submitted_ms"), QStringLiteral("started_ms"), QStringLiteral("ended_ms"),
    QStringLiteral("duration_ms"), QStringLiteral("rows_scanned"), QStringLiteral("bytes_scanned"),
    QStringLiteral("rows_returned"), QStringLiteral("bytes_returned"), QStringLiteral("planner_cost"),
    QStringLiteral("accelerated"), QStringLiteral("error"), QStringLiteral("datasets"), QStringLiteral("phases"),
    QStringLiteral("import_run_id")};

// Text columns are NOT NULL DEFAULT '': "empty" means unknown there; the others are NULL when unknown.
const QStringList TextColumns {QStringLiteral("sql_text"), QStringLiteral("user_name"), QStringLiteral("queue"),
    QStringLiteral("state"), QStringLiteral("query_type"), QStringLiteral("engine_name"), QStringLiteral("error"),
    QStringLiteral("datasets"), QStringLiteral("phases")};

const QString SelectColumns = QStringLiteral(
    "j.id, j.engine, j.job_id, j.attempt, j.sql_text, j.user_name, j.queue, j.state, j.query_type, j.engine_name, "
    "j.error, j.submitted_ms, j.started_ms, j.ended_ms, j.duration_ms, j.rows_scanned, j.bytes_scanned, "
    "j.rows_returned, j.bytes_returned, j.planner_cost, j.accelerated, j.datasets, j.phases, j.has_profile, "
    "COALESCE(s.is_demo, 0), pr.predicted_ms, pr.low_ms, pr.high_ms, pr.model_id, pm.family");

// The active model's prediction rides along with each row (primary-key lookups; the uncorrelated
// subquery is evaluated once per statement).
const QString SelectFrom = QStringLiteral("jobs j LEFT JOIN sources s ON s.id = j.source_id "
                                          "LEFT JOIN predictions pr ON pr.job_row_id = j.id "
                                          "AND pr.model_id = (SELECT MAX(id) FROM models WHERE active <> 0) "
                                          "LEFT JOIN models pm ON pm.id = pr.model_id");

struct SortColumn
{
    SortColumn(QString name, bool nullable, QVariant (*value)(const JobRow&), QString expression = QString(),
        bool predictionIndexed = false)
        : name(std::move(name))
        , nullable(nullable)
        , value(value)
        , expression(std::move(expression))
        , predictionIndexed(predictionIndexed)
    { }

    QString name;
    bool nullable;
    QVariant (*value)(const JobRow&);
    QString expression; // the SQL the listing orders by; empty: the jobs column j.<name>
    // Served by a predictions index of migration 13 (model_id, expression, job_row_id): unknown
    // exactly when the job has no prediction of the active model. Listed in two parts (predicted
    // jobs in index order, then the others) so the index can drive the page query.
    bool predictionIndexed = false;

    QString sql() const { return expression.isEmpty() ? QStringLiteral("j.") + name : expression; }
};

template <typename T> QVariant optionalValue(const std::optional<T>& value)
{
    return value ? QVariant::fromValue(*value) : QVariant();
}

const QVector<SortColumn>& sortColumns()
{
    static const QVector<SortColumn> columns {
        {QStringLiteral("submitted_ms"), true, [](const JobRow& r) { return optionalValue(r.job.submittedMs); }},
        {QStringLiteral("started_ms"), true, [](const JobRow& r) { return optionalValue(r.job.startedMs); }},
        {QStringLiteral("ended_ms"), true, [](const JobRow& r) { return optionalValue(r.job.endedMs); }},
        {QStringLiteral("duration_ms"), true, [](const JobRow& r) { return optionalValue(r.job.durationMs); }},
        {QStringLiteral("rows_scanned"), true, [](const JobRow& r) { return optionalValue(r.job.rowsScanned); }},
        {QStringLiteral("bytes_scanned"), true, [](const JobRow& r) { return optionalValue(r.job.bytesScanned); }},
        {QStringLiteral("rows_returned"), true, [](const JobRow& r) { return optionalValue(r.job.rowsReturned); }},
        {QStringLiteral("bytes_returned"), true, [](const JobRow& r) { return optionalValue(r.job.bytesReturned); }},
        {QStringLiteral("planner_cost"), true, [](const JobRow& r) { return optionalValue(r.job.plannerCost); }},
        {QStringLiteral("job_id"), false, [](const JobRow& r) { return QVariant(r.job.jobId); }},
        {QStringLiteral("attempt"), false, [](const JobRow& r) { return QVariant(r.job.attempt); }},
        {QStringLiteral("engine"), false, [](const JobRow& r) { return QVariant(r.job.engine); }},
        {QStringLiteral("user_name"), false, [](const JobRow& r) { return QVariant(r.job.user); }},
        {QStringLiteral("state"), false, [](const JobRow& r) { return QVariant(r.job.state); }},
        {QStringLiteral("queue"), false, [](const JobRow& r) { return QVariant(r.job.queue); }},
        {QStringLiteral("query_type"), false, [](const JobRow& r) { return QVariant(r.job.queryType); }},
        {QStringLiteral("engine_name"), false, [](const JobRow& r) { return QVariant(r.job.engineName); }},
        {QStringLiteral("accelerated"), false, [](const JobRow& r) { return QVariant(r.job.accelerated ? 1 : 0); }},
        {QStringLiteral("has_profile"), false, [](const JobRow& r) { return QVariant(r.hasProfile ? 1 : 0); }},
        {QStringLiteral("id"), false, [](const JobRow& r) { return QVariant(r.rowId); }},
        // The active model's prediction (see SelectFrom): unknown when the job has none.
        {QStringLiteral("predicted_ms"), true,
            [](const JobRow& r) { return r.prediction ? QVariant(r.prediction->predictedMs) : QVariant(); },
            QStringLiteral("pr.predicted_ms"), true},
        // The interval's width: the least certain predictions first when descending.
        {QStringLiteral("prediction_interval"), true,
            [](const JobRow& r) {
                return r.prediction ? QVariant(r.prediction->highMs - r.prediction->lowMs) : QVariant();
            },
            QStringLiteral("(pr.high_ms - pr.low_ms)"), true},
        // Actual / predicted duration, the browser's ratio column (the same double division in SQL
        // and here, so a keyset cursor meets its own row exactly).
        {QStringLiteral("actual_to_predicted"), true,
            [](const JobRow& r) {
                return r.prediction && r.job.durationMs && r.prediction->predictedMs > 0
                    ? QVariant(*r.job.durationMs / r.prediction->predictedMs)
                    : QVariant();
            },
            QStringLiteral("(CASE WHEN pr.predicted_ms > 0 THEN j.duration_ms / pr.predicted_ms END)")},
    };
    return columns;
}

const SortColumn* findSortColumn(const QString& name)
{
    for (const SortColumn& column : sortColumns()) {
        if (column.name == name)
            return &column;
    }
    return nullptr;
}

// Named placeholders (:v0, :v1... in UpsertColumns order): QtSql binds them by a hash lookup, while
// positional binding formats a name for every value, which made up a fifth of the insert time.
const QStringList& placeholders()
{
    static const QStringList names = [] {
        QStringList list;
        for (qsizetype i = 0; i < UpsertColumns.size(); ++i)
            list.append(QStringLiteral(":v%1").arg(i));
        return list;
    }();
    return names;
}

bool isKeyColumn(const QString& column)
{
    return column == QLatin1String("engine") || column == QLatin1String("job_id") || column == QLatin1String("attempt");
}

// The merge rule of one column: keep the stored value unless it is unknown (NULL, '' or 0 for the flag).
QString mergeExpression(const QString& column, const QString& stored, const QString& incoming)
{
    if (TextColumns.contains(column))
        return QStringLiteral("CASE WHEN %1 = '' THEN %2 ELSE %1 END").arg(stored, incoming);
    if (column == QLatin1String("accelerated"))
        return QStringLiteral("CASE WHEN %2 <> 0 THEN 1 ELSE %1 END").arg(stored, incoming);
    return QStringLiteral("COALESCE(%1, %2)").arg(stored, incoming);
}

// PostgreSQL: one round trip that inserts or merges and returns the id. SQLite: RETURNING makes
// each insert several times slower, so new rows take a plain insert (id from last_insert_rowid)
// and only conflicting rows go through mergeSql().
QString upsertSql(bool postgres)
{
    QStringList updates;
    for (const QString& column : UpsertColumns) {
        if (!isKeyColumn(column))
            updates.append(column + QStringLiteral(" = ")
                + mergeExpression(column, QStringLiteral("jobs.") + column, QStringLiteral("excluded.") + column));
    }
    const QString conflict = postgres
        ? QStringLiteral("DO UPDATE SET %1 RETURNING id").arg(updates.join(QStringLiteral(", ")))
        : QStringLiteral("DO NOTHING");
    return QStringLiteral("INSERT INTO jobs (%1) VALUES (%2) ON CONFLICT (engine, job_id, attempt) %3")
        .arg(UpsertColumns.join(QStringLiteral(", ")), placeholders().join(QStringLiteral(", ")), conflict);
}

// Uses the same placeholders as upsertSql(), so both bind the same values.
QString mergeSql()
{
    QStringList updates;
    QStringList key;
    for (qsizetype i = 0; i < UpsertColumns.size(); ++i) {
        const QString& column = UpsertColumns.at(i);
        if (isKeyColumn(column))
            key.append(column + QStringLiteral(" = ") + placeholders().at(i));
        else
            updates.append(column + QStringLiteral(" = ") + mergeExpression(column, column, placeholders().at(i)));
    }
    return QStringLiteral("UPDATE jobs SET %1 WHERE %2 RETURNING id")
        .arg(updates.join(QStringLiteral(", ")), key.join(QStringLiteral(" AND ")));
}

// A null QString would bind as NULL and break the NOT NULL text columns.
QVariant text(const QString& value)
{
    static const QString empty = QStringLiteral("");
    return value.isNull() ? QVariant(empty) : QVariant(value);
}

QVariant nullableInt(const std::optional<qint64>& value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

// jobs.duration_ms is declared BIGINT, INTEGER affinity in SQLite: SQLite stores a whole value there as
// INTEGER and any other as REAL (a REAL is converted only when the conversion is lossless), so a
// PostgreSQL statement's 0.231 ms keeps its fraction without a schema change, Dremio's whole
// milliseconds stay integers, and comparisons and ORDER BY stay numeric across both storage classes
// (tst_jobrepository subMillisecondDurationKeepsItsFraction). A PostgreSQL workspace's BIGINT column
// would round the value on assignment; it is rounded here, explicitly, to whole milliseconds.
QVariant durationValue(const std::optional<double>& ms, bool postgres)
{
    if (!ms)
        return QVariant(QMetaType::fromType<qint64>());
    return postgres ? QVariant(roundToInt64(*ms)) : QVariant(*ms);
}

QVariant positiveIdOrNull(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

QString phasesJson(const QVector<JobPhase>& phases)
{
    if (phases.isEmpty())
        return QString();
    QJsonArray array;
    for (const JobPhase& phase : phases)
        array.append(QJsonObject {{QStringLiteral("name"), phase.name}, {QStringLiteral("startMs"), phase.startMs},
            {QStringLiteral("durationMs"), phase.durationMs}});
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QVector<JobPhase> parsePhases(const QString& json)
{
    QVector<JobPhase> phases;
    if (json.isEmpty())
        return phases;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue& value : array) {
        const QJsonObject object = value.toObject();
        phases.append(JobPhase {object.value(QLatin1String("name")).toString(),
            roundToInt64(object.value(QLatin1String("startMs")).toDouble()),
            roundToInt64(object.value(QLatin1String("durationMs")).toDouble())});
    }
    return phases;
}

// Trigram phrase = substring; the whole text is one quoted FTS5 string ("" escapes a quote).
QString ftsPhrase(const QString& text)
{
    QString phrase = text;
    phrase.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + phrase + QLatin1Char('"');
}

std::optional<qint64> optionalInt(const QVariant& value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

std::optional<double> optionalDouble(const QVariant& value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toDouble();
}

QString escapeLike(const QString& text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

} // namespace

bool JobRepository::isPostgres() const
{
    return m_db.driverName() == QLatin1String("QPSQL");
}

bool JobRepository::usesTextIndex(const QString& text)
{
    if (!m_textIndexEnabled || isPostgres() || text.size() < MinIndexedTextLength)
        return false;
    if (!m_hasTextIndex) {
        QSqlQuery query(m_db);
        m_hasTextIndex
            = query.exec(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'jobs_fts'"))
            && query.next();
    }
    return *m_hasTextIndex;
}

JobRepository::TextMatch JobRepository::pageTextMatch(const JobQuery& query)
{
    const QString text = query.text.trimmed();
    if (!usesTextIndex(text))
        return TextMatch::Scan;
    // Many matches: reading the newest jobs in order meets a page of them within a few thousand
    // rows, while the index would have to produce (and sort) every match first. Few matches: the
    // scan would read the whole table, the index finds them at once. Counting up to the limit
    // stops early, so the probe costs little either way.
    if (StatementInterrupter::cancelPending(m_db))
        return TextMatch::Index; // the page query then reports the cancel without running
    QSqlQuery probe(m_db);
    probe.setForwardOnly(true);
    probe.prepare(QStringLiteral("SELECT COUNT(*) FROM (SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ? LIMIT %1)")
                      .arg(IndexedPageMatchLimit));
    probe.bindValue(0, ftsPhrase(text));
    if (!probe.exec() || !probe.next())
        return TextMatch::Index; // the page query itself then reports the problem
    return probe.value(0).toInt() < IndexedPageMatchLimit ? TextMatch::Index : TextMatch::Scan;
}

qint64 JobRepository::upsert(const Job& job, qint64 sourceId, qint64 importRunId, QString* error)
{
    auto fail = [&](const QSqlError& sqlError) {
        if (error)
            *error = QStringLiteral("cannot store job %1: %2").arg(job.jobId, sqlError.text().simplified());
        return qint64(-1);
    };
    if (job.jobId.isEmpty() || job.engine.isEmpty()) {
        if (error)
            *error = QStringLiteral("cannot store a job without engine and job id");
        return -1;
    }
    const bool postgres = isPostgres();
    // The SQL text is built only on the first call: this runs once per job of an import.
    if ((!m_upsert && !prepareStatement(m_upsert, upsertSql(postgres)))
        || (!postgres && !m_merge && !prepareStatement(m_merge, mergeSql())))
        return fail(m_prepareError);

    const QVariant values[] = {positiveIdOrNull(sourceId), job.engine, job.jobId, job.attempt, text(job.sql),
        text(job.user), text(job.queue), text(job.state), text(job.queryType), text(job.engineName),
        nullableInt(job.submittedMs), nullableInt(job.startedMs), nullableInt(job.endedMs),
        durationValue(job.durationMs, postgres), nullableInt(job.rowsScanned), nullableInt(job.bytesScanned),
        nullableInt(job.rowsReturned), nullableInt(job.bytesReturned),
        job.plannerCost ? QVariant(*job.plannerCost) : QVariant(QMetaType::fromType<double>()), job.accelerated ? 1 : 0,
        text(job.error), text(job.datasets.join(QLatin1Char('\n'))), text(phasesJson(job.phases)),
        positiveIdOrNull(importRunId)};
    static_assert(std::size(values) == 24, "one value per UpsertColumns entry");

    QSqlQuery& insert = *m_upsert;
    for (int i = 0; i < int(std::size(values)); ++i)
        insert.bindValue(placeholders().at(i), values[i]);
    if (!insert.exec())
        return fail(insert.lastError());
    if (postgres) {
        if (!insert.next())
            return fail(insert.lastError());
        const qint64 id = insert.value(0).toLongLong();
        insert.finish();
        return id;
    }
    if (insert.numRowsAffected() == 1)
        return insert.lastInsertId().toLongLong();

    // SQLite, the job exists: fill in what it lacks.
    QSqlQuery& merge = *m_merge;
    for (int i = 0; i < int(std::size(values)); ++i)
        merge.bindValue(placeholders().at(i), values[i]);
    if (!merge.exec())
        return fail(merge.lastError());
    if (!merge.next()) {
        if (error)
            *error = QStringLiteral("cannot store job %1: the stored row vanished during the merge").arg(job.jobId);
        return -1;
    }
    const qint64 id = merge.value(0).toLongLong();
    merge.finish(); // releases the statement so the transaction can commit
    return id;
}

bool JobRepository::prepareStatement(std::optional<QSqlQuery>& query, const QString& sql)
{
    query.emplace(m_db);
    if (query->prepare(sql))
        return true;
    m_prepareError = query->lastError();
    query.reset();
    return false;
}

QVector<JobRow> JobRepository::fetchRows(QSqlQuery& query)
{
    QVector<JobRow> rows;
    while (query.next()) {
        JobRow row;
        Job& job = row.job;
        int i = 0;
        row.rowId = query.value(i++).toLongLong();
        job.engine = query.value(i++).toString();
        job.jobId = query.value(i++).toString();
        job.attempt = query.value(i++).toInt();
        job.sql = query.value(i++).toString();
        job.user = query.value(i++).toString();
        job.queue = query.value(i++).toString();
        job.state = query.value(i++).toString();
        job.queryType = query.value(i++).toString();
        job.engineName = query.value(i++).toString();
        job.error = query.value(i++).toString();
        job.submittedMs = optionalInt(query.value(i++));
        job.startedMs = optionalInt(query.value(i++));
        job.endedMs = optionalInt(query.value(i++));
        job.durationMs = optionalDouble(query.value(i++));
        job.rowsScanned = optionalInt(query.value(i++));
        job.bytesScanned = optionalInt(query.value(i++));
        job.rowsReturned = optionalInt(query.value(i++));
        job.bytesReturned = optionalInt(query.value(i++));
        const QVariant cost = query.value(i++);
        if (!cost.isNull())
            job.plannerCost = cost.toDouble();
        job.accelerated = query.value(i++).toInt() != 0;
        job.datasets = query.value(i++).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        job.phases = parsePhases(query.value(i++).toString());
        row.hasProfile = query.value(i++).toInt() != 0;
        row.isDemo = query.value(i++).toInt() != 0;
        if (!query.value(i).isNull()) {
            JobPrediction prediction;
            prediction.predictedMs = query.value(i).toDouble();
            prediction.lowMs = query.value(i + 1).toDouble();
            prediction.highMs = query.value(i + 2).toDouble();
            prediction.modelId = query.value(i + 3).toLongLong();
            prediction.modelFamily = query.value(i + 4).toString();
            row.prediction = prediction;
        }
        rows.append(std::move(row));
    }
    return rows;
}

QVector<JobRow> JobRepository::select(const QString& where, const QVariantList& values, const QString& orderAndLimit)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    const QString sql = QStringLiteral("SELECT %1 FROM %2%3 %4")
                            .arg(SelectColumns, SelectFrom,
                                where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where, orderAndLimit);
    if (StatementInterrupter::cancelPending(m_db)) {
        setReadError(QStringLiteral("cannot list jobs: "), StatementInterrupter::pendingCancelError());
        return {};
    }
    if (!query.prepare(sql)) {
        setReadError(QStringLiteral("cannot list jobs: "), query.lastError());
        return {};
    }
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(int(i), values.at(i));
    if (!query.exec()) {
        setReadError(QStringLiteral("cannot list jobs: "), query.lastError());
        return {};
    }
    QVector<JobRow> rows = fetchRows(query);
    if (query.lastError().isValid()) { // SQLite may stop (be interrupted) between two rows
        setReadError(QStringLiteral("cannot list jobs: "), query.lastError());
        return {};
    }
    return rows;
}

std::optional<JobRow> JobRepository::findByJobId(const QString& jobId, int attempt)
{
    m_lastError.clear();
    QVariantList values {jobId};
    QString where = QStringLiteral("j.job_id = ?");
    if (attempt >= 0) {
        where += QStringLiteral(" AND j.attempt = ?");
        values.append(attempt);
    }
    const QVector<JobRow> rows = select(where, values, QStringLiteral("ORDER BY j.attempt DESC, j.id LIMIT 1"));
    return rows.isEmpty() ? std::nullopt : std::optional<JobRow>(rows.first());
}

std::optional<JobRow> JobRepository::findByRowId(qint64 rowId)
{
    m_lastError.clear();
    const QVector<JobRow> rows = select(QStringLiteral("j.id = ?"), {rowId}, QString());
    return rows.isEmpty() ? std::nullopt : std::optional<JobRow>(rows.first());
}

void JobRepository::setReadError(const QString& what, const QSqlError& error)
{
    m_cancelled = StatementInterrupter::isInterruption(error);
    m_lastError = what + (m_cancelled ? QStringLiteral("cancelled") : error.text().simplified());
}

bool JobRepository::buildWhere(const JobQuery& query, QString* where, QVariantList* values, TextMatch textMatch)
{
    m_lastError.clear();
    m_cancelled = false;
    if (!findSortColumn(query.sortColumn)) {
        m_lastError = QStringLiteral("cannot sort jobs by '%1': not one of %2")
                          .arg(query.sortColumn, sortableColumns().join(QStringLiteral(", ")));
        return false;
    }
    QStringList conditions;
    const QString text = query.text.trimmed();
    if (!text.isEmpty() && textMatch == TextMatch::Index) {
        conditions.append(QStringLiteral("j.id IN (SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ?)"));
        values->append(ftsPhrase(text));
    } else if (!text.isEmpty()) {
        // SQLite's LIKE ignores ASCII case already; PostgreSQL needs ILIKE (served by the pg_trgm
        // index of migration 10 where the server allowed it).
        const QString like = isPostgres() ? QStringLiteral("ILIKE") : QStringLiteral("LIKE");
        conditions.append(QStringLiteral("(j.sql_text %1 ? ESCAPE '\\' OR j.job_id %1 ? ESCAPE '\\' "
                                         "OR j.user_name %1 ? ESCAPE '\\')")
                              .arg(like));
        const QString pattern = escapeLike(text);
        *values << pattern << pattern << pattern;
    }
    if (!query.state.isEmpty()) {
        conditions.append(QStringLiteral("j.state = ?"));
        values->append(query.state);
    }
    if (!query.user.isEmpty()) {
        conditions.append(QStringLiteral("j.user_name = ?"));
        values->append(query.user);
    }
    if (query.fromMs) {
        conditions.append(QStringLiteral("j.submitted_ms >= ?"));
        values->append(*query.fromMs);
    }
    if (query.untilMs) {
        conditions.append(QStringLiteral("j.submitted_ms < ?"));
        values->append(*query.untilMs);
    }
    if (!query.condition.isEmpty()) {
        conditions.append(QStringLiteral("(%1)").arg(query.condition));
        *values += query.conditionValues;
    }
    *where = conditions.join(QStringLiteral(" AND "));
    return true;
}

qint64 JobRepository::count(const JobQuery& query)
{
    return countMatching(query, std::nullopt);
}

qint64 JobRepository::countUpTo(const JobQuery& query, qint64 limit)
{
    return countMatching(query, qMax<qint64>(0, limit));
}

qint64 JobRepository::countMatching(const JobQuery& query, std::optional<qint64> limit)
{
    QString where;
    QVariantList values;
    const bool indexed = usesTextIndex(query.text.trimmed());
    if (!buildWhere(query, &where, &values, indexed ? TextMatch::Index : TextMatch::Scan))
        return -1;
    QString key = QStringLiteral("j.id");
    QString from = QStringLiteral(" FROM jobs j") + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where);
    if (indexed && query.state.isEmpty() && query.user.isEmpty() && !query.fromMs && !query.untilMs
        && query.condition.isEmpty()) {
        // Only the text filter: the index alone knows which jobs match (it follows jobs exactly).
        key = QStringLiteral("rowid");
        from = QStringLiteral(" FROM jobs_fts WHERE jobs_fts MATCH ?");
    }
    QString statement = QStringLiteral("SELECT COUNT(*)") + from;
    if (limit) { // stops reading at the limit: a subquery with LIMIT, counted outside
        statement = QStringLiteral("SELECT COUNT(*) FROM (SELECT %1%2 LIMIT ?) AS bounded").arg(key, from);
        values.append(*limit);
    }
    if (StatementInterrupter::cancelPending(m_db)) { // a cancel between statements: do not start
        setReadError(QStringLiteral("cannot count jobs: "), StatementInterrupter::pendingCancelError());
        return -1;
    }
    QSqlQuery sql(m_db);
    sql.setForwardOnly(true);
    if (!sql.prepare(statement)) { // PostgreSQL prepares on the server: it can wait there and be cancelled
        setReadError(QStringLiteral("cannot count jobs: "), sql.lastError());
        return -1;
    }
    for (qsizetype i = 0; i < values.size(); ++i)
        sql.bindValue(int(i), values.at(i));
    if (!sql.exec() || !sql.next()) {
        setReadError(QStringLiteral("cannot count jobs: "), sql.lastError());
        return -1;
    }
    return sql.value(0).toLongLong();
}

QVector<JobRow> JobRepository::page(const JobQuery& query, qint64 offset, int limit)
{
    QString where;
    QVariantList values;
    if (!buildWhere(query, &where, &values, pageTextMatch(query)))
        return {};
    const QString direction = query.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    const SortColumn* column = findSortColumn(query.sortColumn);
    if (column->predictionIndexed)
        return predictionPage(query, column->sql(), where, values, offset, limit);
    const QString order = column->nullable
        ? QStringLiteral("ORDER BY %1 %2 NULLS LAST, j.id %2").arg(column->sql(), direction)
        : QStringLiteral("ORDER BY %1 %2, j.id %2").arg(column->sql(), direction);
    values << qMax(0, limit) << qMax<qint64>(0, offset);
    return select(where, values, order + QStringLiteral(" LIMIT ? OFFSET ?"));
}

QVector<JobRow> JobRepository::pageAfter(const JobQuery& query, const JobCursor& after, int limit)
{
    if (after.rowId <= 0)
        return page(query, 0, limit);
    QString filter;
    QVariantList filterValues;
    if (!buildWhere(query, &filter, &filterValues, pageTextMatch(query)))
        return {};
    const SortColumn* column = findSortColumn(query.sortColumn);
    const QString direction = query.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    const QString comparison = query.descending ? QStringLiteral("<") : QStringLiteral(">");
    const QString prefix = filter.isEmpty() ? QString() : filter + QStringLiteral(" AND ");
    // Predicted jobs: "IS NOT NULL" turns the predictions join into an inner one, so SQLite walks
    // the predictions index instead of sorting every job; job_row_id (= j.id) is in that index.
    const QString known = column->predictionIndexed ? column->sql() + QStringLiteral(" IS NOT NULL AND ") : QString();
    const QString tieBreak = column->predictionIndexed ? QStringLiteral("pr.job_row_id") : QStringLiteral("j.id");
    QVector<JobRow> rows;
    // Known values come first (a row-value comparison the index can seek to), unknown ones after,
    // ordered by row id: the same order page() produces with NULLS LAST.
    if (!after.sortValue.isNull()) {
        QVariantList values = filterValues;
        values << after.sortValue << after.rowId << qMax(0, limit);
        rows = select(prefix + known + QStringLiteral("(%1, %3) %2 (?, ?)").arg(column->sql(), comparison, tieBreak),
            values, QStringLiteral("ORDER BY %1 %2, %3 %2 LIMIT ?").arg(column->sql(), direction, tieBreak));
        if (!m_lastError.isEmpty() || !column->nullable || rows.size() >= limit)
            return rows;
    }
    if (!column->nullable)
        return rows;
    if (column->predictionIndexed) {
        const std::optional<bool> unpredicted = hasUnpredictedJobs();
        if (!unpredicted || !*unpredicted)
            return unpredicted ? rows : QVector<JobRow>();
    }
    QVariantList values = filterValues;
    QString condition = prefix + QStringLiteral("%1 IS NULL").arg(column->sql());
    if (after.sortValue.isNull()) {
        condition += QStringLiteral(" AND j.id %1 ?").arg(comparison);
        values << after.rowId;
    }
    values << qMax(0, limit - int(rows.size()));
    rows += select(condition, values, QStringLiteral("ORDER BY j.id %1 LIMIT ?").arg(direction));
    return rows;
}

QVector<JobRow> JobRepository::predictionPage(const JobQuery& query, const QString& sortExpression,
    const QString& where, const QVariantList& filterValues, qint64 offset, int limit)
{
    const QString direction = query.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    const QString prefix = where.isEmpty() ? QString() : where + QStringLiteral(" AND ");
    offset = qMax<qint64>(0, offset);
    limit = qMax(0, limit);
    QVariantList values = filterValues;
    values << limit << offset;
    QVector<JobRow> rows = select(prefix + sortExpression + QStringLiteral(" IS NOT NULL"), values,
        QStringLiteral("ORDER BY %1 %2, pr.job_row_id %2 LIMIT ? OFFSET ?").arg(sortExpression, direction));
    if (!m_lastError.isEmpty() || rows.size() >= limit)
        return rows;
    // Past the predicted jobs: the others follow by row id (skipped when every job has one, so the
    // last page does not scan the whole history for nothing).
    const std::optional<bool> unpredicted = hasUnpredictedJobs();
    if (!unpredicted || !*unpredicted)
        return unpredicted ? rows : QVector<JobRow>();
    qint64 predicted = offset + rows.size();
    if (rows.isEmpty()) {
        QSqlQuery count(m_db);
        count.setForwardOnly(true);
        count.prepare(
            QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2%3 IS NOT NULL").arg(SelectFrom, prefix, sortExpression));
        for (qsizetype i = 0; i < filterValues.size(); ++i)
            count.bindValue(int(i), filterValues.at(i));
        if (!count.exec() || !count.next()) {
            setReadError(QStringLiteral("cannot count predicted jobs: "), count.lastError());
            return {};
        }
        predicted = count.value(0).toLongLong();
    }
    values = filterValues;
    values << qMax(0, limit - int(rows.size())) << qMax<qint64>(0, offset - predicted);
    rows += select(prefix + sortExpression + QStringLiteral(" IS NULL"), values,
        QStringLiteral("ORDER BY j.id %1 LIMIT ? OFFSET ?").arg(direction));
    return rows;
}

std::optional<bool> JobRepository::hasUnpredictedJobs()
{
    // Two index counts instead of looking for a job without a prediction (a scan of every job
    // when there is none, the usual case after training or Predict all).
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM jobs) - (SELECT COUNT(*) FROM predictions "
                                   "WHERE model_id = (SELECT MAX(id) FROM models WHERE active <> 0))"))
        || !query.next()) {
        setReadError(QStringLiteral("cannot count predicted jobs: "), query.lastError());
        return std::nullopt;
    }
    return query.value(0).toLongLong() > 0;
}

JobCursor JobRepository::cursorOf(const JobRow& row, const QString& sortColumn)
{
    const SortColumn* column = findSortColumn(sortColumn);
    return JobCursor {column ? column->value(row) : QVariant(), row.rowId};
}

QStringList JobRepository::sortableColumns()
{
    QStringList names;
    for (const SortColumn& column : sortColumns())
        names.append(column.name);
    return names;
}

QStringList JobRepository::distinctUsers(int limit)
{
    m_lastError.clear();
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    // A loose index scan: one index seek per distinct user instead of reading every job's entry.
    query.prepare(QStringLiteral("WITH RECURSIVE users(name) AS ("
                                 "SELECT MIN(user_name) FROM jobs WHERE user_name > '' "
                                 "UNION ALL SELECT (SELECT MIN(user_name) FROM jobs WHERE user_name > users.name) "
                                 "FROM users WHERE users.name IS NOT NULL) "
                                 "SELECT name FROM users WHERE name IS NOT NULL ORDER BY name LIMIT ?"));
    query.bindValue(0, qMax(0, limit));
    QStringList users;
    if (!query.exec()) {
        m_lastError = QStringLiteral("cannot list users: ") + query.lastError().text().simplified();
        return users;
    }
    while (query.next())
        users.append(query.value(0).toString());
    return users;
}

} // namespace dopt
