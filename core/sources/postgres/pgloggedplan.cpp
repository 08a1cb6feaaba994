#include "sources/postgres/pgloggedplan.h"

#include "profile/postgresplanparser.h"
#include "profile/postgrestextplan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace dopt {

bool PgLoggedPlan::readDuration(const QString& message, double* ms, qsizetype* restAt)
{
    if (!message.startsWith(QLatin1String("duration: ")))
        return false;
    const qsizetype msAt = message.indexOf(QLatin1String(" ms"), 10);
    if (msAt < 0)
        return false;
    constexpr double yearMs = 366.0 * 24 * 3600 * 1000;
    bool ok = false;
    const double value = QStringView(message).mid(10, msAt - 10).toDouble(&ok);
    if (!ok || !std::isfinite(value) || value < 0 || value > yearMs)
        return false;
    *ms = value;
    *restAt = msAt + 3;
    return true;
}

bool PgLoggedPlan::fromMessage(const QString& message, PgLoggedPlan* plan)
{
    double ms = 0;
    qsizetype restAt = 0;
    if (!readDuration(message, &ms, &restAt))
        return false;
    const QStringView rest = QStringView(message).mid(restAt).trimmed();
    if (!rest.startsWith(u"plan:"))
        return false;
    plan->ms = ms;
    const QStringView body = rest.mid(5).trimmed();
    QJsonDocument document;
    QString error;
    int errorLine = 0;
    if (body.startsWith(u'{')) {
        plan->json = body.toUtf8();
        QJsonParseError parseError;
        document = QJsonDocument::fromJson(plan->json, &parseError);
        if (document.isNull()) {
            plan->problem = QStringLiteral("the auto_explain plan is not valid JSON (%1 at offset %2)")
                                .arg(parseError.errorString())
                                .arg(parseError.offset);
            return true;
        }
    } else if (PostgresTextPlan::toJson(body.toString(), &document, &error, nullptr, &errorLine)) {
        // Text format (auto_explain's default): read into the JSON document FORMAT JSON gives, stored as such.
        plan->json = document.toJson(QJsonDocument::Compact);
    }
    if (!document.isNull()) {
        const QJsonObject top = document.isArray() ? document.array().at(0).toObject() : document.object();
        plan->queryText = top.value(QLatin1String("Query Text")).toString();
        plan->parsed = PostgresPlanParser::parseDocument(document, &plan->profile, &error);
        if (!plan->parsed)
            plan->problem = QStringLiteral("the auto_explain plan cannot be read: %1").arg(error);
        return true;
    }
    plan->problem = QStringLiteral("the auto_explain plan in text format cannot be read: %1")
                        .arg(errorLine > 0 ? QStringLiteral("line %1 is %2").arg(errorLine).arg(error) : error);
    plan->json.clear();
    if (!body.startsWith(u"Query Text: "))
        return true;
    // The query text runs up to the first plan node line.
    QStringList queryLines;
    const QList<QStringView> lines = body.mid(12).split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i > 0 && PostgresTextPlan::isNodeLine(lines[i]))
            break;
        queryLines.append(lines[i].toString());
    }
    plan->queryText = queryLines.join(QLatin1Char('\n'));
    return true;
}

} // namespace dopt
