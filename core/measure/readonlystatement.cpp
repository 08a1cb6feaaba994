#include "measure/readonlystatement.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <pg_query.h>

namespace dopt {

namespace {

// Anything that writes or locks, wherever it appears in the parse tree (CTEs, subqueries).
bool containsWrite(const QJsonValue& value, QString* what)
{
    static const char* const writing[]
        = {"InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt", "intoClause", "lockingClause"};
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            for (const char* name : writing) {
                if (it.key() == QLatin1String(name)) {
                    *what = it.key();
                    return true;
                }
            }
            if (containsWrite(it.value(), what))
                return true;
        }
    } else if (value.isArray()) {
        for (const QJsonValue& item : value.toArray())
            if (containsWrite(item, what))
                return true;
    }
    return false;
}

} // namespace

bool ReadOnlyStatement::check(const QString& sql, QString* reason)
{
    if (sql.trimmed().isEmpty()) {
        *reason = QStringLiteral("no statement to measure");
        return false;
    }
    PgQueryParseResult parsed = pg_query_parse(sql.toUtf8().constData());
    if (parsed.error) {
        *reason = QStringLiteral("the statement does not parse: %1").arg(QString::fromUtf8(parsed.error->message));
        pg_query_free_parse_result(parsed);
        return false;
    }
    const QJsonDocument tree = QJsonDocument::fromJson(QByteArray(parsed.parse_tree));
    pg_query_free_parse_result(parsed);
    const QJsonArray statements = tree.object().value(QLatin1String("stmts")).toArray();
    if (statements.size() != 1) {
        *reason = QStringLiteral("exactly one statement is measured, got %1").arg(statements.size());
        return false;
    }
    const QJsonObject statement = statements.first().toObject().value(QLatin1String("stmt")).toObject();
    const QString kind = statement.keys().value(0);
    if (kind != QLatin1String("SelectStmt")) {
        *reason = QStringLiteral("only SELECT statements are measured, this is a %1").arg(kind);
        return false;
    }
    QString what;
    if (containsWrite(statement, &what)) {
        *reason = what == QLatin1String("lockingClause")
            ? QStringLiteral("the SELECT locks rows (FOR UPDATE/SHARE): not measured")
            : what == QLatin1String("intoClause") ? QStringLiteral("SELECT INTO creates a table: not measured")
                                                  : QStringLiteral("the statement writes (%1): not measured").arg(what);
        return false;
    }
    return true;
}

} // namespace dopt
