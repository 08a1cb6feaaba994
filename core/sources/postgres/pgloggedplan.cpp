#include "sources/postgres/pgloggedplan.h"

#include "profile/postgresplanparser.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace dopt {

namespace {

// The first line of a text-format plan node: "Seq Scan on t  (cost=..." or "->  Hash  (actual ...".
bool isTextPlanLine(QStringView line)
{
    static const QRegularExpression node(QStringLiteral("^\\s*(->\\s*)?\\S.*\\s\\((cost|actual)[= ]"));
    return node.match(line).hasMatch();
}

} // namespace

bool PgLoggedPlan::fromMessage(const QString& message, PgLoggedPlan* plan)
{
    if (!message.startsWith(QLatin1String("duration: ")))
        return false;
    const qsizetype msAt = message.indexOf(QLatin1String(" ms"), 10);
    if (msAt < 0)
        return false;
    const QStringView rest = QStringView(message).mid(msAt + 3).trimmed();
    if (!rest.startsWith(u"plan:"))
        return false;
    bool ok = false;
    plan->ms = QStringView(message).mid(10, msAt - 10).toDouble(&ok);
    if (!ok)
        return false;
    const QStringView body = rest.mid(5).trimmed();
    if (body.startsWith(u'{')) {
        plan->json = body.toUtf8();
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(plan->json, &parseError);
        if (document.isNull()) {
            plan->problem = QStringLiteral("the auto_explain plan is not valid JSON (%1 at offset %2)")
                                .arg(parseError.errorString())
                                .arg(parseError.offset);
            return true;
        }
        plan->queryText = document.object().value(QLatin1String("Query Text")).toString();
        QString error;
        plan->parsed = PostgresPlanParser::parseDocument(document, &plan->profile, &error);
        if (!plan->parsed)
            plan->problem = QStringLiteral("the auto_explain plan cannot be read: %1").arg(error);
        return true;
    }
    // Text format: the query text runs up to the first plan node line.
    plan->problem
        = QStringLiteral("auto_explain plans in text format are not read (set auto_explain.log_format = json)");
    if (!body.startsWith(u"Query Text: "))
        return true;
    QStringList queryLines;
    const QList<QStringView> lines = body.mid(12).split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i > 0 && isTextPlanLine(lines[i]))
            break;
        queryLines.append(lines[i].toString());
    }
    plan->queryText = queryLines.join(QLatin1Char('\n'));
    return true;
}

} // namespace dopt
