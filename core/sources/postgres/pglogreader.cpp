#include "sources/postgres/pglogreader.h"

#include "util/saturatingcast.h"

#include <QDate>
#include <QJsonDocument>
#include <QJsonObject>
#include <QVarLengthArray>

namespace dopt {

namespace {

// A field quoted in a one-line error: on one line and short, whatever the file holds.
QString quotedInError(const QString& value)
{
    const QString line = value.simplified();
    return line.size() > 60 ? line.left(60) + QStringLiteral("...") : line;
}

// csvlog column positions (PostgreSQL 13-17; later columns may be absent in older versions).
enum CsvColumn {
    LogTime = 0,
    UserName = 1,
    DatabaseName = 2,
    ProcessId = 3,
    SessionId = 5,
    SessionLine = 6,
    Severity = 11,
    SqlState = 12,
    Message = 13,
    Detail = 14,
    Query = 19,
    ApplicationName = 22,
    QueryId = 25,
    MinimumColumns = 14
};

bool digits(QStringView text, qsizetype from, int count, int* value)
{
    if (from + count > text.size())
        return false;
    int result = 0;
    for (int i = 0; i < count; ++i) {
        const char16_t c = text[from + i].unicode();
        if (c < u'0' || c > u'9')
            return false;
        result = result * 10 + (c - u'0');
    }
    *value = result;
    return true;
}

} // namespace

PgLogReader::Format PgLogReader::detect(const QByteArray& data)
{
    for (char c : data) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
            continue;
        return c == '{' ? Format::JsonLog : Format::CsvLog;
    }
    return Format::CsvLog;
}

QString PgLogReader::formatName(Format format)
{
    return format == Format::JsonLog ? QStringLiteral("jsonlog") : QStringLiteral("csvlog");
}

bool PgLogReader::parseTimestamp(QStringView text, qint64* ms)
{
    int year, month, day, hour, minute, second;
    if (!digits(text, 0, 4, &year) || !digits(text, 5, 2, &month) || !digits(text, 8, 2, &day)
        || !digits(text, 11, 2, &hour) || !digits(text, 14, 2, &minute) || !digits(text, 17, 2, &second))
        return false;
    qsizetype position = 19;
    int millis = 0;
    if (position < text.size() && text[position] == u'.') {
        ++position;
        int scale = 100;
        while (position < text.size() && text[position].isDigit()) {
            millis += scale * (text[position].unicode() - u'0');
            scale /= 10;
            ++position;
        }
    }
    while (position < text.size() && text[position] == u' ')
        ++position;
    int offsetMinutes = 0;
    const QStringView zone = text.mid(position);
    if (!zone.isEmpty() && (zone[0] == u'+' || zone[0] == u'-')) {
        int hours = 0;
        int minutes = 0;
        if (!digits(zone, 1, 2, &hours))
            return false;
        qsizetype minutesAt = zone.size() > 3 && zone[3] == u':' ? 4 : 3;
        if (zone.size() > minutesAt && !digits(zone, minutesAt, 2, &minutes))
            return false;
        offsetMinutes = (hours * 60 + minutes) * (zone[0] == u'-' ? -1 : 1);
    } else if (!zone.isEmpty() && zone != u"UTC" && zone != u"GMT" && zone != u"Z") {
        return false; // a zone abbreviation (CET, EST...) is ambiguous: set log_timezone = 'UTC'
    }
    const QDate date(year, month, day);
    if (!date.isValid() || hour > 23 || minute > 59 || second > 60)
        return false;
    *ms = (date.toJulianDay() - 2440588) * 86400000LL + ((hour * 60LL + minute) * 60 + second) * 1000 + millis
        - offsetMinutes * 60000LL;
    return true;
}

bool PgLogReader::next(PgLogRecord* record, QString* error)
{
    error->clear();
    return m_format == Format::JsonLog ? nextJson(record, error) : nextCsv(record, error);
}

bool PgLogReader::nextCsv(PgLogRecord* record, QString* error)
{
    const qsizetype size = m_data.size();
    const char* data = m_data.constData();
    // Skip blank lines between entries.
    while (m_position < size && (data[m_position] == '\n' || data[m_position] == '\r')) {
        if (data[m_position] == '\n')
            ++m_line;
        ++m_position;
    }
    if (m_position >= size)
        return false;
    const int startLine = m_line;
    QVarLengthArray<QByteArray, 32> fields;
    QByteArray field;
    bool quoted = false;
    bool fieldStarted = false;
    while (true) {
        if (m_position >= size) {
            if (quoted) {
                *error = QStringLiteral("line %1: unterminated quoted field at the end of the file").arg(startLine);
                return false;
            }
            fields.append(field);
            break;
        }
        const char c = data[m_position++];
        if (quoted) {
            if (c == '"') {
                if (m_position < size && data[m_position] == '"') {
                    field.append('"');
                    ++m_position;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n')
                    ++m_line;
                field.append(c);
            }
        } else if (c == '"' && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
        } else if (c == ',') {
            fields.append(field);
            field.clear();
            fieldStarted = false;
        } else if (c == '\n') {
            ++m_line;
            fields.append(field);
            break;
        } else if (c != '\r') {
            field.append(c);
            fieldStarted = true;
        }
    }
    if (fields.size() < MinimumColumns) {
        *error = QStringLiteral("line %1: %2 fields, a csvlog entry has at least %3 (is this a csvlog file?)")
                     .arg(startLine)
                     .arg(fields.size())
                     .arg(int(MinimumColumns));
        return false;
    }
    auto text
        = [&fields](int column) { return column < fields.size() ? QString::fromUtf8(fields[column]) : QString(); };
    *record = PgLogRecord {};
    record->line = startLine;
    if (!parseTimestamp(text(LogTime), &record->timeMs)) {
        *error = QStringLiteral("line %1: bad log_time '%2' (expected 'YYYY-MM-DD HH:MM:SS.mmm UTC' or an offset; "
                                "set log_timezone to UTC or a numeric offset)")
                     .arg(startLine)
                     .arg(quotedInError(text(LogTime)));
        return false;
    }
    record->user = text(UserName);
    record->database = text(DatabaseName);
    record->processId = text(ProcessId);
    record->sessionId = text(SessionId);
    record->sessionLine = text(SessionLine);
    record->severity = text(Severity);
    record->sqlState = text(SqlState);
    record->message = text(Message);
    record->detail = text(Detail);
    record->query = text(Query);
    record->applicationName = text(ApplicationName);
    record->queryId = text(QueryId);
    return true;
}

bool PgLogReader::nextJson(PgLogRecord* record, QString* error)
{
    const qsizetype size = m_data.size();
    while (m_position < size) {
        qsizetype end = m_data.indexOf('\n', m_position);
        if (end < 0)
            end = size;
        const QByteArray line = QByteArray::fromRawData(m_data.constData() + m_position, end - m_position).trimmed();
        const int lineNumber = m_line;
        m_position = end + 1;
        ++m_line;
        if (line.isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        if (!document.isObject()) {
            *error = QStringLiteral("line %1: not a jsonlog entry (%2)")
                         .arg(lineNumber)
                         .arg(document.isNull() ? parseError.errorString() : QStringLiteral("not an object"));
            return false;
        }
        const QJsonObject object = document.object();
        auto text = [&object](const char* name) {
            const QJsonValue value = object.value(QLatin1String(name));
            return value.isDouble() ? QString::number(roundToInt64(value.toDouble())) : value.toString();
        };
        *record = PgLogRecord {};
        record->line = lineNumber;
        if (!parseTimestamp(text("timestamp"), &record->timeMs)) {
            *error = QStringLiteral("line %1: bad or missing \"timestamp\" '%2'")
                         .arg(lineNumber)
                         .arg(quotedInError(text("timestamp")));
            return false;
        }
        record->user = text("user");
        record->database = text("dbname");
        record->processId = text("pid");
        record->sessionId = text("session_id");
        record->sessionLine = text("line_num");
        record->severity = text("error_severity");
        record->sqlState = text("state_code");
        record->message = text("message");
        record->detail = text("detail");
        record->query = text("statement");
        record->applicationName = text("application_name");
        // query_id is a 64-bit integer: read its digits, a double would round it.
        const qsizetype idAt = line.indexOf("\"query_id\":");
        if (idAt >= 0) {
            qsizetype from = idAt + 11;
            qsizetype to = from;
            while (to < line.size() && (line[to] == '-' || (line[to] >= '0' && line[to] <= '9')))
                ++to;
            record->queryId = QString::fromLatin1(line.mid(from, to - from));
        }
        return true;
    }
    return false;
}

} // namespace dopt
