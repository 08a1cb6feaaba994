#include "fileformatdetector.h"

#include "profilezipreader.h"

#include <QFile>
#include <QFileInfo>

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

FileFormat detectJson(QByteArrayView text)
{
    const QByteArray key = firstKey(text);
    if (key == "rowCount" || key == "schema" || key == "rows")
        return FileFormat::DremioHistoryJson;
    const qsizetype newline = text.indexOf('\n');
    const QByteArrayView firstLine = newline < 0 ? text : text.first(newline);
    if (firstLine.contains("\"queryId\""))
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
    const qsizetype newline = text.indexOf('\n');
    const QByteArrayView firstLine = newline < 0 ? text : text.first(newline);
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
    case FileFormat::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

bool FileFormatDetector::hasCandidateSuffix(const QString& fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    return suffix == QLatin1String("json") || suffix == QLatin1String("zip") || suffix == QLatin1String("csv");
}

} // namespace dopt
