#include "analysis/postgresindexadvisor.h"

#include "analysis/recommendationstore.h"
#include "measure/readonlystatement.h"
#include "profile/postgresplanparser.h"
#include "sources/postgres/pgconnection.h"
#include "sources/postgres/pglogimporter.h"
#include "util/saturatingcast.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace dopt {

namespace {

const QString MissingIndex = QStringLiteral("missing_index");
const QString UnusedIndex = QStringLiteral("unused_index");

/// One statement worth explaining, merged over pg_stat_statements and the logs by fingerprint.
struct Statement
{
    QString fingerprint;
    QString sql; // literal SQL from a log when known, else pg_stat_statements' text with $n
    bool fromLog = false;
    qint64 calls = 0;
    double totalMs = 0;
};

struct TableInfo
{
    double rows = 0;
    qint64 writes = 0;
    QStringList indexDefinitions;
};

QString identifier(const QString& name)
{
    static const QRegularExpression simple(QStringLiteral("^[a-z_][a-z0-9_]*$"));
    return simple.match(name).hasMatch() ? name : PgConnection::quoteIdentifier(name);
}

QString qualified(const QString& schemaDotTable)
{
    const qsizetype dot = schemaDotTable.indexOf(u'.');
    return dot < 0 ? identifier(schemaDotTable)
                   : identifier(schemaDotTable.left(dot)) + QLatin1Char('.') + identifier(schemaDotTable.mid(dot + 1));
}

int parameterCount(const QString& sql)
{
    static const QRegularExpression parameter(QStringLiteral(R"(\$(\d+))"));
    int highest = 0;
    for (const QRegularExpressionMatch& match : parameter.globalMatch(sql))
        highest = std::max(highest, match.captured(1).toInt());
    return highest;
}

QVector<Statement> loadStatements(QSqlDatabase& db, qint64 sourceId, QString* error)
{
    QHash<QString, Statement> byFingerprint;
    QSqlQuery stats(db);
    stats.prepare(
        QStringLiteral("SELECT d.fingerprint, MAX(d.query), SUM(d.calls), SUM(d.total_ms) FROM pg_statement_deltas d "
                       "JOIN pg_snapshots s ON s.id = d.snapshot_id WHERE s.source_id = ? AND d.fingerprint <> '' "
                       "GROUP BY d.fingerprint"));
    stats.addBindValue(sourceId);
    if (!stats.exec()) {
        *error = stats.lastError().text().simplified();
        return {};
    }
    while (stats.next())
        byFingerprint.insert(stats.value(0).toString(),
            {stats.value(0).toString(), stats.value(1).toString(), false, stats.value(2).toLongLong(),
                stats.value(3).toDouble()});
    QSqlQuery logged(db);
    if (!logged.exec(QStringLiteral(
            "SELECT d.fingerprint, MAX(j.sql_text), COUNT(*), SUM(COALESCE(j.duration_ms, 0)) FROM pg_job_details d "
            "JOIN jobs j ON j.id = d.job_ref WHERE j.state = 'COMPLETED' AND d.fingerprint <> '' GROUP BY "
            "d.fingerprint"))) {
        *error = logged.lastError().text().simplified();
        return {};
    }
    while (logged.next()) {
        Statement& statement = byFingerprint[logged.value(0).toString()];
        statement.fingerprint = logged.value(0).toString();
        statement.sql = logged.value(1).toString(); // literal values beat $n placeholders
        statement.fromLog = true;
        statement.calls = std::max(statement.calls, logged.value(2).toLongLong());
        statement.totalMs = std::max(statement.totalMs, logged.value(3).toDouble());
    }
    QVector<Statement> statements;
    for (const Statement& statement : std::as_const(byFingerprint)) {
        QString reason;
        if (ReadOnlyStatement::check(statement.sql, &reason))
            statements.append(statement);
    }
    std::sort(statements.begin(), statements.end(),
        [](const Statement& a, const Statement& b) { return a.totalMs > b.totalMs; });
    return statements;
}

QHash<QString, TableInfo> loadTables(QSqlDatabase& db, qint64 sourceId)
{
    QHash<QString, TableInfo> tables;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT schema_name, table_name, row_estimate, n_tup_ins + n_tup_upd + n_tup_del "
                                 "FROM pg_tables WHERE source_id = ?"));
    query.addBindValue(sourceId);
    if (query.exec())
        while (query.next())
            tables.insert(query.value(0).toString() + QLatin1Char('.') + query.value(1).toString(),
                {query.value(2).toDouble(), query.value(3).toLongLong(), {}});
    QSqlQuery indexes(db);
    indexes.prepare(QStringLiteral("SELECT schema_name, table_name, definition FROM pg_indexes WHERE source_id = ?"));
    indexes.addBindValue(sourceId);
    if (indexes.exec())
        while (indexes.next())
            tables[indexes.value(0).toString() + QLatin1Char('.') + indexes.value(1).toString()]
                .indexDefinitions.append(indexes.value(2).toString());
    return tables;
}

bool hasLeadingIndex(const TableInfo& table, const QString& column)
{
    for (const QString& definition : table.indexDefinitions) {
        const qsizetype open = definition.indexOf(QLatin1String(" ("));
        if (open < 0)
            continue;
        const QString first = definition.mid(open + 2).section(QRegularExpression(QStringLiteral("[,) ]")), 0, 0);
        if (first == column || first == PgConnection::quoteIdentifier(column))
            return true;
    }
    return false;
}

/// Explains a statement without running it: the literal SQL, or the generic plan of a $n statement.
bool explain(PgConnection& server, const Statement& statement, ParsedProfile* profile, QString* error)
{
    const int parameters = statement.fromLog ? 0 : parameterCount(statement.sql);
    PgResult result;
    if (parameters == 0) {
        result = server.exec(QStringLiteral("EXPLAIN (VERBOSE, FORMAT JSON) ") + statement.sql);
    } else {
        server.exec(QStringLiteral("DEALLOCATE ALL"));
        const PgResult prepared = server.exec(QStringLiteral("PREPARE dopt_probe AS ") + statement.sql);
        if (!prepared.ok) {
            *error = prepared.error;
            return false;
        }
        QStringList nulls;
        for (int i = 0; i < parameters; ++i)
            nulls << QStringLiteral("NULL");
        server.exec(QStringLiteral("SET plan_cache_mode = force_generic_plan"));
        result = server.exec(QStringLiteral("EXPLAIN (VERBOSE, FORMAT JSON) EXECUTE dopt_probe(%1)")
                                 .arg(nulls.join(QStringLiteral(", "))));
        server.exec(QStringLiteral("RESET plan_cache_mode"));
        server.exec(QStringLiteral("DEALLOCATE dopt_probe"));
    }
    if (!result.ok) {
        *error = result.error;
        return false;
    }
    return PostgresPlanParser::parse(result.value(0, 0).toUtf8(), profile, error);
}

double rootCost(const ParsedProfile& profile)
{
    return profile.job.plannerCost.value_or(0);
}

// "{a,b,c}" -> "a"; quotes of the array text removed.
QString firstArrayElement(const QString& array)
{
    if (array.size() < 3)
        return {};
    QString inner = array.mid(1, array.size() - 2);
    if (inner.startsWith(u'"')) {
        const qsizetype end = inner.indexOf(u'"', 1);
        return inner.mid(1, end - 1);
    }
    return inner.section(u',', 0, 0);
}

/// Literal values for "column = $n" parameters from pg_stats; empty when one is missing.
QString withValuesFromStatistics(PgConnection& server, const QString& sql, const QString& table, QJsonObject* shown)
{
    static const QRegularExpression comparison(QStringLiteral(R"((\w+)\s*(?:=|<|>|<=|>=)\s*\$(\d+))"));
    const QString schema = table.section(u'.', 0, 0);
    const QString name = table.section(u'.', 1);
    QStringList parameters;
    for (const QRegularExpressionMatch& match : comparison.globalMatch(sql)) {
        const PgResult stats
            = server.execParams(QStringLiteral("SELECT most_common_vals::text, histogram_bounds::text FROM pg_stats "
                                               "WHERE schemaname = $1 AND tablename = $2 AND attname = $3"),
                {schema, name, match.captured(1)});
        if (!stats.ok || stats.rows.isEmpty())
            continue;
        QString value = firstArrayElement(stats.value(0, 0));
        if (value.isEmpty()) {
            const QString bounds = stats.value(0, 1);
            const QStringList all = bounds.mid(1, bounds.size() - 2).split(u',');
            value = all.value(all.size() / 2);
        }
        if (!value.isEmpty())
            parameters << QStringLiteral("$%1 = %2").arg(match.captured(2), PgConnection::quoteLiteral(value));
    }
    if (parameters.size() < parameterCount(sql))
        return {};
    QJsonObject values;
    for (const QString& parameter : parameters)
        values.insert(parameter.section(QStringLiteral(" = "), 0, 0), parameter.section(QStringLiteral(" = "), 1));
    *shown = values;
    return PgLogImporter::substituteParameters(
        sql, QStringLiteral("parameters: ") + parameters.join(QStringLiteral(", ")));
}

QString indexNameFor(const QString& table, const QStringList& columns)
{
    QString name
        = table.section(u'.', 1) + QLatin1Char('_') + columns.join(QLatin1Char('_')) + QStringLiteral("_dopt_idx");
    name.replace(QRegularExpression(QStringLiteral("[^a-z0-9_]")), QStringLiteral("_"));
    return name.left(63);
}

} // namespace

QStringList PostgresIndexAdvisor::filterColumns(const QString& filter)
{
    static const QRegularExpression comparison(
        QStringLiteral(R"re(\(?(?:\w+\.)?"?(\w+)"?\)?(?:::\w+)?\s+(=|<=|>=|<|>|~~|= ANY)\s)re"));
    QStringList equality;
    QStringList ranges;
    for (const QRegularExpressionMatch& match : comparison.globalMatch(filter)) {
        const QString column = match.captured(1);
        if (column.isEmpty() || column.front().isDigit())
            continue;
        QStringList& list = match.captured(2).startsWith(u'=') ? equality : ranges;
        if (!equality.contains(column) && !ranges.contains(column))
            list.append(column);
    }
    return (equality + ranges).mid(0, 2);
}

std::optional<MissingIndexCandidate> PostgresIndexAdvisor::candidate(
    const PlanNode& node, double tableRows, const Options& options)
{
    if (node.typeName != QLatin1String("Seq Scan") || tableRows < options.minTableRows)
        return std::nullopt;
    const QString filter = PostgresPlanParser::detailField(node, QStringLiteral("Filter"));
    const QString table = PostgresPlanParser::detailField(node, QStringLiteral("Relation"));
    if (filter.isEmpty() || table.isEmpty() || node.estimatedRows < 0)
        return std::nullopt;
    const double rowsPerLoop = node.estimatedRows / std::max<qint64>(1, node.metrics.value(QStringLiteral("loops"), 1));
    if (rowsPerLoop > options.maxSelectivity * tableRows)
        return std::nullopt;
    const QStringList columns = filterColumns(filter);
    if (columns.isEmpty())
        return std::nullopt;
    return MissingIndexCandidate {table, columns, tableRows, rowsPerLoop, filter};
}

PgAdvisorResult PostgresIndexAdvisor::run(
    PgConnection& server, QSqlDatabase db, qint64 sourceId, const Options& options, const std::atomic_bool* cancel)
{
    PgAdvisorResult result;
    QString error;
    const QVector<Statement> statements = loadStatements(db, sourceId, &error);
    if (!error.isEmpty()) {
        result.warnings << QStringLiteral("cannot read the statements: %1").arg(error);
        return result;
    }
    const QHash<QString, TableInfo> tables = loadTables(db, sourceId);
    const PgResult hypopg = server.exec(QStringLiteral("SELECT 1 FROM pg_extension WHERE extname = 'hypopg'"));
    const bool canCheck = hypopg.ok && !hypopg.rows.isEmpty();
    if (!canCheck)
        result.warnings << QStringLiteral("hypopg is not installed in this database (CREATE EXTENSION hypopg): "
                                          "candidate indexes cannot be checked, none is recommended");
    server.exec(QStringLiteral("SET statement_timeout = 10000"));

    QVector<Recommendation> recommendations;
    QHash<QString, Statement> exampleByTable; // most expensive statement reading each table
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const Statement& statement : statements.mid(0, options.maxStatements)) {
        if (cancel && cancel->load())
            break;
        // Statements on the system catalogs (monitoring tools, this program) have nothing to index.
        static const QRegularExpression systemCatalog(
            QStringLiteral(R"re(\b(FROM|JOIN)\s+(pg_catalog\.)?pg_\w+)re"), QRegularExpression::CaseInsensitiveOption);
        if (systemCatalog.match(statement.sql).hasMatch())
            continue;
        ++result.statementsExamined;
        ParsedProfile plan;
        if (!explain(server, statement, &plan, &error)) {
            result.warnings << QStringLiteral("cannot explain statement %1: %2").arg(statement.fingerprint, error);
            continue;
        }
        ++result.plansExplained;
        for (const QString& table : plan.job.datasets)
            if (!exampleByTable.contains(table))
                exampleByTable.insert(table, statement);
        if (!canCheck)
            continue;
        for (const PlanNode& node : plan.tree.nodes) {
            const QString table = PostgresPlanParser::detailField(node, QStringLiteral("Relation"));
            const TableInfo info = tables.value(table);
            const std::optional<MissingIndexCandidate> found = candidate(node, info.rows, options);
            if (!found || hasLeadingIndex(info, found->columns.first()))
                continue;
            const QString columns = found->columns.join(QStringLiteral(", "));
            const PgResult created = server.execParams(QStringLiteral("SELECT indexrelid FROM hypopg_create_index($1)"),
                {QStringLiteral("CREATE INDEX ON %1 (%2)").arg(qualified(table), columns)});
            ParsedProfile withIndex;
            const bool explained = created.ok && explain(server, statement, &withIndex, &error);
            server.exec(QStringLiteral("SELECT hypopg_reset()"));
            if (!explained) {
                result.warnings << QStringLiteral("hypopg check of %1 (%2) failed: %3")
                                       .arg(table, columns, created.ok ? error : created.error);
                continue;
            }
            const double before = rootCost(plan);
            const double after = rootCost(withIndex);
            const double reduction = before > 0 ? 1.0 - after / before : 0;
            if (reduction < options.minCostReduction)
                continue;

            Recommendation recommendation;
            recommendation.detector = MissingIndex;
            recommendation.action = ActionKind::CreateIndex;
            recommendation.engine = QStringLiteral("postgresql");
            recommendation.fingerprint = statement.fingerprint;
            recommendation.dataset = table;
            recommendation.key = Recommendation::makeKey(
                MissingIndex, statement.fingerprint, table + QLatin1Char('(') + columns + QLatin1Char(')'));
            const QString indexName = indexNameFor(table, found->columns);
            const QString qualifiedIndex = identifier(table.section(u'.', 0, 0)) + QLatin1Char('.') + indexName;
            recommendation.applyStatements
                = {QStringLiteral("CREATE INDEX CONCURRENTLY %1 ON %2 (%3)").arg(indexName, qualified(table), columns)};
            recommendation.undoStatements
                = {QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS %1").arg(qualifiedIndex)};
            QJsonObject definition {{QStringLiteral("index"), qualifiedIndex}, {QStringLiteral("table"), table},
                {QStringLiteral("columns"), QJsonArray::fromStringList(found->columns)},
                {QStringLiteral("cost_before"), before}, {QStringLiteral("cost_after"), after},
                {QStringLiteral("table_rows"), found->tableRows}, {QStringLiteral("rows_kept"), found->estimatedRows}};
            recommendation.sqlBefore = statement.sql;
            if (statement.fromLog || parameterCount(statement.sql) == 0) {
                recommendation.measureSql = statement.sql;
                definition.insert(QStringLiteral("parameter_source"),
                    statement.fromLog ? QStringLiteral("log") : QStringLiteral("none"));
            } else {
                QJsonObject values;
                recommendation.measureSql = withValuesFromStatistics(server, statement.sql, table, &values);
                definition.insert(QStringLiteral("parameter_source"), QStringLiteral("pg_stats"));
                definition.insert(QStringLiteral("parameters"), values);
                if (recommendation.measureSql.isEmpty())
                    result.warnings << QStringLiteral("no parameter values for statement %1: it cannot be measured")
                                           .arg(statement.fingerprint);
            }
            recommendation.definition = definition;
            // Each row written also updates the index: a write-heavy table gains less than the reads suggest.
            const double writesPerCall = double(info.writes) / double(std::max<qint64>(1, statement.calls));
            const double writePenalty = std::min(0.3, writesPerCall / 1000.0);
            recommendation.confidence = std::clamp(0.5 + 0.4 * reduction - writePenalty, 0.1, 0.95);
            recommendation.improvementShare = reduction;
            recommendation.frequency = int(std::min<qint64>(statement.calls, std::numeric_limits<int>::max()));
            recommendation.currentCostMs = roundToInt64(statement.totalMs);
            recommendation.improvementMs = roundToInt64(statement.totalMs * reduction);
            recommendation.score = recommendation.confidence * std::max(1.0, statement.totalMs * reduction);
            recommendation.severity = reduction >= 0.9 && statement.totalMs >= 1000 ? Severity::High : Severity::Medium;
            recommendation.setTitle(
                AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "Index %1 (%2): the planner cost falls by %3%"))
                    .arg(table)
                    .arg(columns)
                    .argInteger(qRound(reduction * 100)));
            recommendation.setRationale(AnalysisText(
                QT_TRANSLATE_NOOP("dopt::AnalysisText",
                    "A sequential scan of %1 (about %2 rows) keeps about %3 rows with the filter %4. A hypothetical "
                    "index on (%5) lowers the planner cost from %6 to %7. The table had %8 rows written since the "
                    "statistics were reset; every write also updates the index."))
                                            .arg(table)
                                            .argInteger(roundToInt64(found->tableRows))
                                            .argInteger(roundToInt64(found->estimatedRows))
                                            .arg(found->filter)
                                            .arg(columns)
                                            .argNumber(before, 'f', 1)
                                            .argNumber(after, 'f', 1)
                                            .argInteger(info.writes));
            recommendation.evidence = {{QStringLiteral("table_rows"), found->tableRows, QStringLiteral("rows")},
                {QStringLiteral("rows_kept"), found->estimatedRows, QStringLiteral("rows")},
                {QStringLiteral("cost_before"), before, QStringLiteral("cost")},
                {QStringLiteral("cost_after"), after, QStringLiteral("cost")},
                {QStringLiteral("table_writes"), double(info.writes), QStringLiteral("rows")},
                {QStringLiteral("calls"), double(statement.calls), QStringLiteral("runs")}};
            recommendation.createdMs = now;
            recommendation.updatedMs = now;
            if (std::none_of(recommendations.begin(), recommendations.end(),
                    [&](const Recommendation& r) { return r.key == recommendation.key; }))
                recommendations.append(recommendation);
        }
    }

    QSqlQuery unused(db);
    unused.prepare(
        QStringLiteral("SELECT schema_name, table_name, index_name, definition, size_bytes FROM pg_indexes "
                       "WHERE source_id = ? AND idx_scan = 0 AND is_unique = 0 AND is_primary = 0 AND is_valid = 1"));
    unused.addBindValue(sourceId);
    // A partition's index attached to its partitioned table's index cannot be dropped on its own: the
    // decision is the partitioned index's, whose scans are those of all its partitions.
    QSet<QString> attachedIndexes;
    const PgResult attached = server.exec(
        QStringLiteral("SELECT n.nspname || '.' || c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = "
                       "i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('i', 'I')"));
    for (const QStringList& row : attached.rows)
        attachedIndexes.insert(row.value(0));
    if (unused.exec()) {
        while (unused.next()) {
            if (attachedIndexes.contains(unused.value(0).toString() + QLatin1Char('.') + unused.value(2).toString()))
                continue;
            const QString table = unused.value(0).toString() + QLatin1Char('.') + unused.value(1).toString();
            const QString index
                = identifier(unused.value(0).toString()) + QLatin1Char('.') + identifier(unused.value(2).toString());
            QString recreate = unused.value(3).toString();
            // PostgreSQL builds and drops an index on a partitioned table only without CONCURRENTLY;
            // recreating it without ONLY builds it on every partition again.
            const bool partitioned = recreate.contains(QLatin1String(" ON ONLY "));
            recreate.replace(QLatin1String(" ON ONLY "), QLatin1String(" ON "));
            recreate.replace(QRegularExpression(QStringLiteral("^CREATE INDEX ")),
                partitioned ? QStringLiteral("CREATE INDEX IF NOT EXISTS ")
                            : QStringLiteral("CREATE INDEX CONCURRENTLY IF NOT EXISTS "));
            const double sizeBytes = unused.value(4).toDouble();
            Recommendation recommendation;
            recommendation.detector = UnusedIndex;
            recommendation.action = ActionKind::DropIndex;
            recommendation.engine = QStringLiteral("postgresql");
            recommendation.dataset = table;
            recommendation.key = Recommendation::makeKey(UnusedIndex, QString(), index);
            const QString drop = partitioned ? QStringLiteral("DROP INDEX IF EXISTS %1")
                                             : QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS %1");
            recommendation.applyStatements = {drop.arg(index)};
            recommendation.undoStatements = {recreate};
            recommendation.measureSql = exampleByTable.value(table).sql;
            if (!exampleByTable.value(table).fromLog && parameterCount(recommendation.measureSql) > 0)
                recommendation.measureSql.clear(); // no values to run it with
            recommendation.sqlBefore = recommendation.measureSql;
            recommendation.definition
                = QJsonObject {{QStringLiteral("index"), index}, {QStringLiteral("table"), table}};
            if (!recommendation.measureSql.isEmpty()) {
                // Why this statement is the one measured (MeasuredQuery says it with the result).
                const Statement& example = exampleByTable.value(table);
                recommendation.definition.insert(QStringLiteral("measure_fingerprint"), example.fingerprint);
                recommendation.definition.insert(QStringLiteral("measure_calls"), example.calls);
                recommendation.definition.insert(QStringLiteral("measure_total_ms"), example.totalMs);
                recommendation.definition.insert(QStringLiteral("measure_source"),
                    example.fromLog ? QStringLiteral("a server log") : QStringLiteral("pg_stat_statements"));
            }
            recommendation.confidence = 0.6;
            recommendation.severity = Severity::Low;
            recommendation.score = recommendation.confidence * sizeBytes / (1024.0 * 1024.0 * 1024.0);
            recommendation.setTitle(AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "Drop unused index %1 on %2"))
                                        .arg(index)
                                        .arg(table));
            recommendation.setRationale(AnalysisText(
                QT_TRANSLATE_NOOP("dopt::AnalysisText",
                    "%1 (%2 kB) was never scanned since the statistics were reset, yet every write to %3 updates it. "
                    "Check replicas and rare reports before dropping it."))
                                            .arg(index)
                                            .argInteger(roundToInt64(sizeBytes / 1024))
                                            .arg(table));
            recommendation.evidence = {{QStringLiteral("index_scans"), 0, QStringLiteral("scans")},
                {QStringLiteral("index_size"), sizeBytes, QStringLiteral("bytes")}};
            recommendation.createdMs = now;
            recommendation.updatedMs = now;
            recommendations.append(recommendation);
        }
    }
    if (!RecommendationStore(db).replace(recommendations, &error, {MissingIndex, UnusedIndex})) {
        result.warnings << QStringLiteral("cannot store the recommendations: %1").arg(error);
        return result;
    }
    result.recommendations = int(recommendations.size());
    return result;
}

} // namespace dopt
