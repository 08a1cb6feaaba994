#include "measure/measurementrequest.h"

#include "analysis/recommendation.h"
#include "measure/readonlystatement.h"
#include "sql/sqltokenlist.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace dopt {

namespace {

constexpr MeasurementRequest::Kind AllKinds[] = {MeasurementRequest::Kind::CreateIndex,
    MeasurementRequest::Kind::DropIndex, MeasurementRequest::Kind::ParameterChange,
    MeasurementRequest::Kind::SqlRewrite, MeasurementRequest::Kind::CreateReflection,
    MeasurementRequest::Kind::DropReflection, MeasurementRequest::Kind::OptimizeTable};

bool checkDremioReadOnly(const QString& sql, QString* reason)
{
    const SqlTokenList tokens(sql);
    if (tokens.size() == 0) {
        *reason = QStringLiteral("no statement to measure");
        return false;
    }
    if (!tokens.anyWord(0, {"SELECT", "WITH"})) {
        *reason = QStringLiteral("only SELECT statements are measured, this starts with %1").arg(tokens.text(0));
        return false;
    }
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        if (tokens.is(i, u';') && i + 1 < tokens.size()) {
            *reason = QStringLiteral("exactly one statement is measured, got several");
            return false;
        }
        if (tokens.anyWord(i,
                {"INSERT", "UPDATE", "DELETE", "MERGE", "CREATE", "DROP", "ALTER", "OPTIMIZE", "VACUUM", "COPY",
                    "TRUNCATE", "ROLLBACK", "GRANT", "REFRESH"})) {
            *reason
                = QStringLiteral("the statement writes (%1): not measured").arg(tokens.text(i).toString().toUpper());
            return false;
        }
    }
    return true;
}

QJsonArray namedFields(const QJsonArray& names)
{
    QJsonArray fields;
    for (const QJsonValue& name : names) {
        const QStringList segments = MeasurementRequest::pathSegments(name.toString());
        fields.append(QJsonObject {{QStringLiteral("name"), segments.isEmpty() ? name.toString() : segments.last()}});
    }
    return fields;
}

} // namespace

QString MeasurementRequest::kindName(Kind kind)
{
    switch (kind) {
    case Kind::CreateIndex:
        return QStringLiteral("create_index");
    case Kind::DropIndex:
        return QStringLiteral("drop_index");
    case Kind::ParameterChange:
        return QStringLiteral("parameter_change");
    case Kind::SqlRewrite:
        return QStringLiteral("sql_rewrite");
    case Kind::CreateReflection:
        return QStringLiteral("create_reflection");
    case Kind::DropReflection:
        return QStringLiteral("drop_reflection");
    case Kind::OptimizeTable:
        return QStringLiteral("optimize_table");
    }
    return {};
}

std::optional<MeasurementRequest::Kind> MeasurementRequest::kindFromName(const QString& name)
{
    for (Kind kind : AllKinds)
        if (kindName(kind) == name)
            return kind;
    return std::nullopt;
}

QString MeasurementRequest::indexNameOf(const QString& statement)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(\bINDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+(?:NOT\s+)?EXISTS\s+)?("[^"]+"|[\w.$]+))"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(statement);
    if (!match.hasMatch() || match.captured(1).compare(QLatin1String("ON"), Qt::CaseInsensitive) == 0)
        return {};
    return match.captured(1);
}

QStringList MeasurementRequest::pathSegments(const QString& path)
{
    QStringList segments;
    QString current;
    bool quoted = false;
    bool any = false;
    for (qsizetype i = 0; i < path.size(); ++i) {
        const QChar c = path.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < path.size() && path.at(i + 1) == u'"') {
                current += c;
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                current += c;
            }
        } else if (c == u'"') {
            quoted = true;
            any = true;
        } else if (c == u'.') {
            segments.append(current);
            current.clear();
            any = false;
        } else if (!c.isSpace()) {
            current += c;
            any = true;
        }
    }
    if (any || !current.isEmpty())
        segments.append(current);
    return segments;
}

QJsonObject MeasurementRequest::reflectionBody(const QString& datasetId) const
{
    const bool raw = reflection.value(QLatin1String("type")).toString() != QLatin1String("AGGREGATION");
    QJsonObject body {{QStringLiteral("type"), raw ? QStringLiteral("RAW") : QStringLiteral("AGGREGATION")},
        {QStringLiteral("name"), reflection.value(QLatin1String("name")).toString()},
        {QStringLiteral("datasetId"), datasetId}, {QStringLiteral("enabled"), true},
        {QStringLiteral("entityType"), QStringLiteral("reflection")}};
    if (raw)
        body.insert(
            QStringLiteral("displayFields"), namedFields(reflection.value(QLatin1String("displayFields")).toArray()));
    else
        body.insert(QStringLiteral("dimensionFields"),
            namedFields(reflection.value(QLatin1String("dimensionFields")).toArray()));
    // "column (SUM, COUNT)" as the planner writes measures -> {name, measureTypeList}.
    QJsonArray measures;
    static const QRegularExpression measurePattern(QStringLiteral(R"(^\s*(.+?)\s*\(([^)]*)\)\s*$)"));
    for (const QJsonValue& value : reflection.value(QLatin1String("measureFields")).toArray()) {
        const QRegularExpressionMatch match = measurePattern.match(value.toString());
        const QString column = match.hasMatch() ? match.captured(1) : value.toString().trimmed();
        QJsonArray types;
        for (const QString& type : match.captured(2).split(u',', Qt::SkipEmptyParts))
            types.append(type.trimmed().toUpper());
        const QStringList segments = pathSegments(column);
        measures.append(QJsonObject {{QStringLiteral("name"), segments.isEmpty() ? column : segments.last()},
            {QStringLiteral("measureTypeList"), types}});
    }
    if (!measures.isEmpty())
        body.insert(QStringLiteral("measureFields"), measures);
    const QJsonArray partition = namedFields(reflection.value(QLatin1String("partitionFields")).toArray());
    if (!partition.isEmpty())
        body.insert(QStringLiteral("partitionFields"), partition);
    const QJsonArray sort = namedFields(reflection.value(QLatin1String("sortFields")).toArray());
    if (!sort.isEmpty())
        body.insert(QStringLiteral("sortFields"), sort);
    return body;
}

bool MeasurementRequest::isDremioReadOnly(const QString& sql, QString* reason)
{
    return checkDremioReadOnly(sql, reason);
}

MeasuredQuery MeasurementRequest::recordedQuery() const
{
    MeasuredQuery query = measuredQuery;
    query.sql = sqlBefore;
    if (query.reason.isEmpty())
        query.reason = QStringLiteral("the request's statement; no reason for the choice was given");
    if (query.chosenBy.isEmpty())
        query.chosenBy = QStringLiteral("program");
    return query;
}

bool MeasurementRequest::validate(QString* error) const
{
    QString reason;
    const auto readOnly = [this](const QString& sql, QString* why) {
        return isDremio() ? checkDremioReadOnly(sql, why) : ReadOnlyStatement::check(sql, why);
    };
    if (isDremio()) {
        if (kind == Kind::CreateIndex || kind == Kind::DropIndex || kind == Kind::ParameterChange) {
            *error = QStringLiteral("%1 is a PostgreSQL action, not one for Dremio").arg(kindName(kind));
            return false;
        }
        if (!dremio.validate(&reason)) {
            *error = reason;
            return false;
        }
        if (kind == Kind::CreateReflection
            && (reflection.value(QLatin1String("name")).toString().isEmpty()
                || pathSegments(reflection.value(QLatin1String("dataset")).toString()).isEmpty())) {
            *error = QStringLiteral("the reflection to create has no name or no dataset");
            return false;
        }
        if (kind == Kind::DropReflection && reflectionId.isEmpty()) {
            *error = QStringLiteral("no reflection id to drop");
            return false;
        }
        if (kind == Kind::OptimizeTable && pathSegments(table).isEmpty()) {
            *error = QStringLiteral("no table to optimize");
            return false;
        }
    } else if (kind == Kind::CreateReflection || kind == Kind::DropReflection || kind == Kind::OptimizeTable) {
        *error = QStringLiteral("%1 is a Dremio action, not one for PostgreSQL").arg(kindName(kind));
        return false;
    }
    if (!readOnly(sqlBefore, &reason)) {
        *error = QStringLiteral("measured statement refused: %1").arg(reason);
        return false;
    }
    if (kind == Kind::SqlRewrite && !readOnly(afterSql(), &reason)) {
        *error = QStringLiteral("rewritten statement refused: %1").arg(reason);
        return false;
    }
    if ((kind == Kind::CreateIndex || kind == Kind::DropIndex) && indexName.isEmpty()) {
        *error = QStringLiteral("no index name in the statements of this %1 action").arg(kindName(kind));
        return false;
    }
    if (kind == Kind::CreateIndex && applyStatements.isEmpty()) {
        *error = QStringLiteral("no CREATE INDEX statement to apply");
        return false;
    }
    if (kind == Kind::ParameterChange && settings.isEmpty()) {
        *error = QStringLiteral("no setting to change");
        return false;
    }
    static const QRegularExpression settingPattern(
        QStringLiteral(R"(^\s*[A-Za-z_][\w.]*\s*(=|TO)\s*[^;]+$)"), QRegularExpression::CaseInsensitiveOption);
    for (const QString& setting : settings) {
        if (!settingPattern.match(setting).hasMatch()) {
            *error = QStringLiteral("not a setting assignment: '%1' (expected name = value)").arg(setting);
            return false;
        }
    }
    if (runs < 2 || warmupRuns < 0 || statementTimeoutMs <= 0) {
        *error
            = QStringLiteral("at least 2 runs per variant and a positive timeout are needed (runs %1, timeout %2 ms)")
                  .arg(runs)
                  .arg(statementTimeoutMs);
        return false;
    }
    return true;
}

QString MeasurementRequest::describe() const
{
    if (isDremio())
        return describeDremio();
    QStringList lines;
    lines << QStringLiteral("action: %1").arg(kindName(kind));
    lines << QStringLiteral("apply:");
    for (const QString& statement : applyStatements)
        lines << QStringLiteral("  ") + statement + QLatin1Char(';');
    if (applyStatements.isEmpty())
        lines << QStringLiteral("  (nothing persistent)");
    lines << QStringLiteral("undo:");
    for (const QString& statement : undoStatements)
        lines << QStringLiteral("  ") + statement + QLatin1Char(';');
    if (kind == Kind::ParameterChange)
        lines << QStringLiteral("settings for the after runs (SET LOCAL): ") + settings.join(QStringLiteral(", "));
    lines << QStringLiteral("measured (%1 warm-up + %2 runs per variant, statement_timeout %3 ms, rolled back):")
                 .arg(warmupRuns)
                 .arg(runs)
                 .arg(statementTimeoutMs);
    lines << measuredLines();
    if (kind == Kind::CreateIndex)
        lines << QStringLiteral("  before runs drop %1 inside a transaction that is rolled back").arg(indexName);
    if (kind == Kind::DropIndex)
        lines << QStringLiteral("  after runs drop %1 inside a transaction that is rolled back").arg(indexName);
    lines << (keep ? QStringLiteral("the change stays in place afterwards (revert with: revert MEASUREMENT_ID --yes)")
                   : QStringLiteral("the change is undone after measuring"));
    return lines.join(QLatin1Char('\n'));
}

QString MeasurementRequest::describeDremio() const
{
    const QString where = dremio.displayName();
    QStringList lines;
    lines << QStringLiteral("action: %1 on Dremio at %2").arg(kindName(kind), where);
    const QString reflectionPath = dremio.apiPath(QStringLiteral("reflection"));
    switch (kind) {
    case Kind::CreateReflection: {
        const QStringList segments = pathSegments(reflection.value(QLatin1String("dataset")).toString());
        lines << QStringLiteral("apply:");
        lines << QStringLiteral("  GET %1 (the dataset's id)")
                     .arg(dremio.apiPath(QStringLiteral("catalog/by-path/") + segments.join(u'/')));
        lines << QStringLiteral("  POST %1 %2")
                     .arg(reflectionPath,
                         QString::fromUtf8(QJsonDocument(reflectionBody(QStringLiteral("<dataset id>")))
                                               .toJson(QJsonDocument::Compact)));
        lines << QStringLiteral("  GET %1/<new id> until its status is CAN_ACCELERATE (at most %2 min; a failed "
                                "refresh deletes it)")
                     .arg(reflectionPath)
                     .arg(refreshTimeoutMs / 60000.0, 0, 'g', 3);
        lines << QStringLiteral("undo:") << QStringLiteral("  DELETE %1/<new id>").arg(reflectionPath);
        lines << QStringLiteral("before runs: /*+ exclude_reflections(\"<new id>\") */, after runs: "
                                "/*+ consider_reflections(\"<new id>\") */; after runs must have CHOSEN it");
        break;
    }
    case Kind::DropReflection:
        lines << QStringLiteral("first: GET %1/%2 (its definition, kept to re-create it)")
                     .arg(reflectionPath, reflectionId);
        lines << QStringLiteral("apply (only when kept): DELETE %1/%2").arg(reflectionPath, reflectionId);
        lines << QStringLiteral("undo: POST %1 with the saved definition").arg(reflectionPath);
        lines << QStringLiteral("after runs: /*+ exclude_reflections(\"%1\") */; before runs may use it")
                     .arg(reflectionId);
        break;
    case Kind::OptimizeTable:
        lines << QStringLiteral("first: SELECT snapshot_id, made_current_at FROM TABLE(table_history('%1')) ORDER BY "
                                "made_current_at DESC LIMIT 1 (the current snapshot)")
                     .arg(QString(table).replace(u'\'', QStringLiteral("''")));
        lines << QStringLiteral("apply:");
        for (const QString& statement : applyStatements)
            lines << QStringLiteral("  ") + statement;
        lines << QStringLiteral("undo:")
              << QStringLiteral("  ROLLBACK TABLE %1 TO SNAPSHOT '<snapshot id before>'").arg(table);
        lines << QStringLiteral(
            "before runs read %1 AT SNAPSHOT '<snapshot id before>', after runs the compacted table")
                     .arg(table);
        break;
    default:
        lines << QStringLiteral("apply: nothing (two statements compared)");
        break;
    }
    lines << QStringLiteral("measured through %1 (%2 warm-up + %3 runs per variant, one job at a time, timeout %4 ms "
                            "per run, durations from the job's startedAt/endedAt):")
                 .arg(dremio.apiPath(QStringLiteral("sql")))
                 .arg(warmupRuns)
                 .arg(runs)
                 .arg(statementTimeoutMs);
    lines << measuredLines();
    lines << (keep ? QStringLiteral("the change stays in place afterwards (revert with: revert MEASUREMENT_ID --yes)")
                   : QStringLiteral("the change is undone after measuring"));
    return lines.join(QLatin1Char('\n'));
}

QStringList MeasurementRequest::measuredLines() const
{
    QStringList lines {QStringLiteral("  before: ") + sqlBefore.simplified()};
    if (kind == Kind::SqlRewrite)
        lines << QStringLiteral("  after:  ") + afterSql().simplified();
    return lines;
}

std::optional<MeasurementRequest> MeasurementRequest::fromRecommendation(
    const Recommendation& recommendation, QString* error)
{
    if (recommendation.engine == QLatin1String("dremio"))
        return fromDremioRecommendation(recommendation, error);
    if (!recommendation.engine.startsWith(QLatin1String("postgres"))) {
        *error = QStringLiteral("recommendation %1 is for %2: no measurement for this engine")
                     .arg(recommendation.id)
                     .arg(recommendation.engine);
        return std::nullopt;
    }
    MeasurementRequest request;
    request.recommendationId = recommendation.id;
    request.applyStatements = recommendation.applyStatements;
    request.undoStatements = recommendation.undoStatements;
    request.sqlBefore = recommendation.measureSql.isEmpty() ? recommendation.sqlBefore : recommendation.measureSql;
    request.predictedImprovementShare = recommendation.improvementShare;
    switch (recommendation.action) {
    case ActionKind::CreateIndex:
        request.kind = Kind::CreateIndex;
        break;
    case ActionKind::DropIndex:
        request.kind = Kind::DropIndex;
        break;
    case ActionKind::ParameterChange:
        request.kind = Kind::ParameterChange;
        for (const QJsonValue& setting : recommendation.definition.value(QLatin1String("settings")).toArray())
            request.settings.append(setting.toString());
        break;
    case ActionKind::SqlRewrite:
    case ActionKind::PartitionFilter: // measurable when it comes with a rewrite that prunes (partition_pruning)
        if (recommendation.action == ActionKind::PartitionFilter && recommendation.sqlAfter.isEmpty()) {
            *error = QStringLiteral("recommendation %1 (%2) has no rewritten statement to compare")
                         .arg(recommendation.id)
                         .arg(recommendation.title);
            return std::nullopt;
        }
        request.kind = Kind::SqlRewrite;
        request.sqlBefore = recommendation.sqlBefore.isEmpty() ? recommendation.measureSql : recommendation.sqlBefore;
        request.sqlAfter = recommendation.sqlAfter;
        break;
    default:
        *error = QStringLiteral("recommendation %1 (%2) has no action that can be applied and measured")
                     .arg(recommendation.id)
                     .arg(recommendation.title);
        return std::nullopt;
    }
    request.indexName = recommendation.definition.value(QLatin1String("index")).toString();
    if (request.indexName.isEmpty() && !request.applyStatements.isEmpty())
        request.indexName = indexNameOf(request.applyStatements.first());
    return request;
}

std::optional<MeasurementRequest> MeasurementRequest::fromDremioRecommendation(
    const Recommendation& recommendation, QString* error)
{
    MeasurementRequest request;
    request.engine = QStringLiteral("dremio");
    request.recommendationId = recommendation.id;
    request.predictedImprovementShare = recommendation.improvementShare;
    request.sqlBefore = recommendation.measureSql.isEmpty() ? recommendation.sqlBefore : recommendation.measureSql;
    request.applyStatements = recommendation.applyStatements;
    request.undoStatements = recommendation.undoStatements;
    switch (recommendation.action) {
    case ActionKind::CreateReflection:
        request.kind = Kind::CreateReflection;
        request.reflection = recommendation.definition;
        break;
    case ActionKind::DropReflection:
        request.kind = Kind::DropReflection;
        request.reflectionId = recommendation.definition.value(QLatin1String("reflectionId")).toString();
        request.sqlBefore.clear(); // the finding has no query of its own: the caller names one it served
        break;
    case ActionKind::OptimizeTable:
        request.kind = Kind::OptimizeTable;
        request.table = recommendation.definition.value(QLatin1String("table")).toString();
        if (request.table.isEmpty())
            request.table = recommendation.dataset;
        request.applyStatements = {QStringLiteral("OPTIMIZE TABLE %1 REWRITE DATA USING BIN_PACK").arg(request.table)};
        break;
    case ActionKind::SqlRewrite:
    case ActionKind::PartitionFilter:
        if (recommendation.sqlAfter.isEmpty()) {
            *error = QStringLiteral("recommendation %1 (%2) has no rewritten statement to compare")
                         .arg(recommendation.id)
                         .arg(recommendation.title);
            return std::nullopt;
        }
        request.kind = Kind::SqlRewrite;
        request.sqlBefore = recommendation.sqlBefore.isEmpty() ? recommendation.measureSql : recommendation.sqlBefore;
        request.sqlAfter = recommendation.sqlAfter;
        request.applyStatements.clear();
        request.undoStatements.clear();
        break;
    default:
        *error = QStringLiteral("recommendation %1 (%2) has no action that can be applied and measured on Dremio "
                                "(reflections, OPTIMIZE TABLE and rewrites can be; indexes and settings are "
                                "PostgreSQL's)")
                     .arg(recommendation.id)
                     .arg(recommendation.title);
        return std::nullopt;
    }
    return request;
}

} // namespace dopt
