#pragma once

#include "pglogrecord.h"

#include <QByteArray>

namespace dopt {

/// Reads PostgreSQL server log entries one at a time from the bytes of a csvlog (RFC 4180 fields,
/// entries spanning lines inside quotes) or jsonlog (one JSON object per line) file.
class PgLogReader
{
public:
    enum class Format { CsvLog, JsonLog };

    PgLogReader(const QByteArray& data, Format format)
        : m_data(data)
        , m_format(format)
    { }

    /// jsonlog when the first non-blank byte is '{', else csvlog.
    static Format detect(const QByteArray& data);
    static QString formatName(Format format);

    /// The next entry; false at the end (*error empty) or on a malformed entry (*error names its line).
    bool next(PgLogRecord* record, QString* error);
    /// Parses "2026-11-23 12:00:00.123 UTC" (offsets like +02, +0530, -03:00 too); false when malformed.
    static bool parseTimestamp(QStringView text, qint64* ms);

private:
    bool nextCsv(PgLogRecord* record, QString* error);
    bool nextJson(PgLogRecord* record, QString* error);

    const QByteArray& m_data;
    Format m_format;
    qsizetype m_position = 0;
    int m_line = 1;
};

} // namespace dopt
