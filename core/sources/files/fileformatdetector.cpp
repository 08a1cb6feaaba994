#include "fileformatdetector.h"

#include "profile/postgrestextplan.h"
#include "profilezipreader.h"

#include <QFile>
#include <QFileInfo>
#include <algorithm>

namespace dopt {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// The first key of the top-level object ("rowCount" in {"rowCount": ...}), empty if none.
QByteArray firstKey(QByteArrayView text)
{
    qsizetype i = 1; // after '{'
    while (i < text.size() && isSpace(text[i]))
        ++i;
    if (i >= text.size() || text[i] != '"')
        return QByteArray();
    const qsizetype close = text.indexOf('"', i + 1);
    return close < 0 ? QByteArray() : text.sliced(i + 1, close - i - 1).toByteArray();
}

bool containsAny(QByteArrayView text, std::initializer_list<const char*> needles)
{
    for (const char* needle : needles) {
        if (text.contains(QByteArrayView(needle)))
            return true;
    }
    return false;
}

QByteArrayView firstLineOf(QByteArrayView text)
{
    const qsizetype newline = text.indexOf('\n');
    return newline < 0 ? text : text.first(newline);
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// "YYYY-MM-DD HH:MM:SS" at the start (the log_time of a csvlog row, the value of a jsonlog timestamp).
bool startsWithTimestamp(QByteArrayView text)
{
    static constexpr char Pattern[] = "dddd-dd-dd dd:dd:dd";
    if (text.size() < qsizetype(sizeof(Pattern) - 1))
        return false;
    for (qsizetype i = 0; i < qsizetype(sizeof(Pattern) - 1); ++i) {
        if (Pattern[i] == 'd' ? !isDigit(text[i]) : text[i] != Pattern[i])
            return false;
    }
    return true;
}

// A jsonlog entry: PostgreSQL writes "timestamp" first, then the other keys, "error_severity" always.
bool isPostgresJsonLog(QByteArrayView text)
{
    const QByteArrayView line = firstLineOf(text);
    const QByteArrayView key("\"timestamp\":\"");
    const qsizetype at = line.indexOf(key);
    return at >= 0 && firstKey(text) == "timestamp" && startsWithTimestamp(line.sliced(at + key.size()))
        && line.contains("\"error_severity\":");
}

// A csvlog row: log_time (unquoted, "2026-12-07 12:02:34.505 UTC"), then the other fields, among
// them the severity. A Dremio CSV dump starts with its header row instead.
bool isPostgresCsvLog(QByteArrayView text)
{
    const QByteArrayView line = firstLineOf(text);
    const qsizetype comma = line.indexOf(',');
    if (comma < 0 || !startsWithTimestamp(line))
        return false;
    return containsAny(line.sliced(comma),
        {",LOG,", ",ERROR,", ",FATAL,", ",PANIC,", ",WARNING,", ",NOTICE,", ",INFO,", ",DEBUG1,", ",DEBUG2,",
            ",DEBUG3,", ",DEBUG4,", ",DEBUG5,"});
}

// EXPLAIN (FORMAT JSON) gives [{"Plan": ...}]; auto_explain's JSON is {"Query Text": ..., "Plan": ...}.
bool isPostgresPlanJson(QByteArrayView text)
{
    if (text.startsWith('[')) {
        qsizetype i = 1;
        while (i < text.size() && isSpace(text[i]))
            ++i;
        text = text.sliced(i);
    }
    if (!text.startsWith('{'))
        return false;
    const QByteArray key = firstKey(text);
    return key == "Plan" || key == "Query Text";
}

// A text plan as psql prints it: optional " QUERY PLAN" header and rule, then the root node's line;
// or an auto_explain entry's text starting with its "Query Text: ".
bool isPostgresPlanText(QByteArrayView text)
{
    int seen = 0;
    while (!text.isEmpty() && seen < 3) {
        const QByteArrayView line = firstLineOf(text);
        text = text.sliced(std::min(text.size(), line.size() + 1));
        const QString trimmed = QString::fromUtf8(line).trimmed();
        if (trimmed.isEmpty())
            continue;
        ++seen;
        if (seen == 1 && trimmed == QLatin1String("QUERY PLAN"))
            continue;
        if (seen == 2 && !trimmed.isEmpty() && trimmed.count(QLatin1Char('-')) == trimmed.size())
            continue;
        return trimmed.startsWith(QLatin1String("Query Text: ")) || PostgresTextPlan::isNodeLine(trimmed);
    }
    return false;
}

FileFormat detectJson(QByteArrayView text)
{
    if (isPostgresPlanJson(text))
        return FileFormat::PostgresPlanJson;
    if (isPostgresJsonLog(text))
        return FileFormat::PostgresJsonLog;
    const QByteArray key = firstKey(text);
    if (key == "rowCount" || key == "schema" || key == "rows")
        return FileFormat::DremioHistoryJson;
    if (firstLineOf(text).contains("\"queryId\""))
        return FileFormat::DremioQueriesLog;
    if (containsAny(text,
            {"\"fragmentProfile\"", "\"part1\"", "\"foreman\"", "\"planPhases\"", "\"operatorTypeMetricsMap\"",
                "\"dremioVersion\""}))
        return FileFormat::DremioProfileJson;
    if (text.contains("\"job_id\""))
        return FileFormat::DremioHistoryJson;
    if (text.contains("\"queryId\""))
        return FileFormat::DremioQueriesLog;
    return FileFormat::Unknown;
}

} // namespace

FileFormat FileFormatDetector::detect(const QString& fileName, const QByteArray& head)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == QLatin1String("zip") || ProfileZipReader::looksLikeZip(head))
        return FileFormat::DremioProfileZip;
    QByteArrayView text(head);
    if (text.startsWith("\xEF\xBB\xBF"))
        text = text.sliced(3);
    while (!text.isEmpty() && isSpace(text.front()))
        text = text.sliced(1);
    if (text.startsWith('{') || text.startsWith('['))
        return detectJson(text);
    if (isPostgresCsvLog(text))
        return FileFormat::PostgresCsvLog;
    if (isPostgresPlanText(text))
        return FileFormat::PostgresPlanText;
    const QByteArrayView firstLine = firstLineOf(text);
    if (suffix == QLatin1String("csv") || (firstLine.contains("job_id") && firstLine.contains(',')))
        return FileFormat::DremioHistoryCsv;
    return FileFormat::Unknown;
}

FileFormat FileFormatDetector::detectFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return FileFormat::Unknown;
    return detect(path, file.read(SniffBytes));
}

QString FileFormatDetector::formatName(FileFormat format)
{
    switch (format) {
    case FileFormat::DremioProfileJson:
        return QStringLiteral("dremio-profile-json");
    case FileFormat::DremioProfileZip:
        return QStringLiteral("dremio-profile-zip");
    case FileFormat::DremioQueriesLog:
        return QStringLiteral("dremio-queries-log");
    case FileFormat::DremioHistoryJson:
        return QStringLiteral("dremio-history-json");
    case FileFormat::DremioHistoryCsv:
        return QStringLiteral("dremio-history-csv");
    case FileFormat::PostgresCsvLog:
        return QStringLiteral("postgres-csvlog");
    case FileFormat::PostgresJsonLog:
        return QStringLiteral("postgres-jsonlog");
    case FileFormat::PostgresPlanJson:
        return QStringLiteral("postgres-plan-json");
    case FileFormat::PostgresPlanText:
        return QStringLiteral("postgres-plan-text");
    case FileFormat::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

bool FileFormatDetector::hasCandidateSuffix(const QString& fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    return suffix == QLatin1String("json") || suffix == QLatin1String("zip") || suffix == QLatin1String("csv")
        || suffix == QLatin1String("txt");
}

} // namespace dopt
