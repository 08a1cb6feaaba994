// dremio-optimizer-cli report: the PDF report, rendered without a display (main() creates a
// QGuiApplication on the offscreen platform for this command).
#include "clicommandregistry.h"
#include "clisupport.h"
#include "report/reportcollector.h"
#include "report/reportpdfwriter.h"
#include "store/workspace.h"
#include "translationloader.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonObject>
#include <QTimeZone>

namespace dopt::cli {

namespace {

/// A date (2024-05-01, midnight UTC) or an ISO 8601 date-time (UTC unless it says otherwise).
std::optional<qint64> parseReportTime(const QString& text)
{
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (date.isValid())
        return QDateTime(date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC);
    return time.toMSecsSinceEpoch();
}

int reportCommand(Workspace& workspace, Arguments args)
{
    QString pdf;
    QString since;
    QString until;
    QString top = QString::number(ReportCollector::DefaultTopRecommendations);
    QString language;
    QString error;
    if (!args.takeValues(
            {{QStringLiteral("--pdf"), &pdf}, {QStringLiteral("--since"), &since}, {QStringLiteral("--until"), &until},
                {QStringLiteral("--top"), &top}, {QStringLiteral("--language"), &language}},
            &error)
        || !args.noneLeft(QStringLiteral("report"), &error))
        return fail(error);
    if (pdf.isEmpty())
        return fail(QStringLiteral("report needs --pdf FILE"));
    ReportFilter filter;
    for (const auto& [text, target, option] : {std::tuple {since, &filter.sinceMs, QStringLiteral("--since")},
             std::tuple {until, &filter.untilMs, QStringLiteral("--until")}}) {
        if (text.isEmpty())
            continue;
        *target = parseReportTime(text);
        if (!*target)
            return fail(
                QStringLiteral("%1 must be a date (2024-05-01) or an ISO 8601 time, got '%2'").arg(option, text));
    }
    if (filter.sinceMs && filter.untilMs && *filter.untilMs <= *filter.sinceMs)
        return fail(QStringLiteral("--until must be after --since"));
    bool ok = false;
    const int topCount = top.toInt(&ok);
    if (!ok || topCount < 0 || topCount > 50)
        return fail(QStringLiteral("--top must be a number from 0 to 50, got '%1'").arg(top));
    // Like the GUI: --language, else $DOPT_LANGUAGE, else the system locale; texts and figures follow it.
    const QLocale locale = TranslationLoader::chooseLocale(language);
    if (!language.isEmpty() && locale.language() == QLocale::C && language != QLatin1String("C"))
        return fail(QStringLiteral("--language must be a language code such as fr or en, got '%1'").arg(language));
    TranslationLoader::install(QCoreApplication::instance(), locale);

    ReportCollector collector(workspace.database());
    collector.setWorkspaceLocation(workspace.location());
    collector.setTopRecommendations(topCount);
    err() << "reading the workspace" << Qt::endl;
    const std::optional<ReportData> data = collector.collect(filter, nullptr, &error);
    if (!data)
        return fail(error);
    err() << "writing " << pdf << Qt::endl;
    ReportPdfWriter writer(*data, locale);
    if (!writer.write(pdf, &error))
        return fail(error);
    printJson(QJsonObject {{QStringLiteral("pdf"), QFileInfo(pdf).absoluteFilePath()},
        {QStringLiteral("pages"), writer.pageCount()}, {QStringLiteral("jobs"), data->jobCount},
        {QStringLiteral("recommendations"), int(data->recommendations.size())},
        {QStringLiteral("recommendationsFromFindings"), data->recommendationsFromFindings},
        {QStringLiteral("regressions"), int(data->regressions.size())},
        {QStringLiteral("findings"), data->findingCount}});
    return ExitOk;
}

const bool registered = CliCommandRegistry::add({QStringLiteral("report"),
    QStringLiteral("report --pdf FILE [--since DATE] [--until DATE] [--top N] [--language fr|en]\n"
                   "    PDF report of the workspace (needs no display); DATE is 2024-05-01 or ISO 8601, UTC;\n"
                   "    the language (texts and number formats) defaults to $DOPT_LANGUAGE, else the system's"),
    true, reportCommand});

} // namespace

} // namespace dopt::cli
