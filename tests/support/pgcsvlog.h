#pragma once
// Hand-written csvlog entries, for tests that need exact durations (a real server's timings vary):
// the columns PostgreSQL writes, session and line giving the job id "SESSION:LINE".

#include <QByteArray>
#include <QFile>
#include <QString>

namespace dopt::test {

/// One csvlog LOG entry of session `session` at second `second` after 2026-11-23 10:00:00 UTC;
/// message is the CSV field's content, its double quotes already doubled.
inline QByteArray csvlogEntry(const char* session, int line, int second, const QByteArray& message)
{
    return QStringLiteral("2026-11-23 10:00:%1.000 UTC,\"u\",\"db\",1,\"h\",\"%2\",%3,\"SELECT\",\"2026-11-23 "
                          "10:00:00 UTC\",\"1/2\",0,LOG,00000,\"")
               .arg(second, 2, 10, QLatin1Char('0'))
               .arg(QLatin1String(session))
               .arg(line)
               .toUtf8()
        + message + "\",,,,,,,,,\"psql\",\"client backend\",,0\n";
}

/// Writes the entries to path; false when the file cannot be written.
inline bool writeCsvlog(const QString& path, const QList<QByteArray>& entries)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    for (const QByteArray& entry : entries)
        if (file.write(entry) != entry.size())
            return false;
    return true;
}

} // namespace dopt::test
