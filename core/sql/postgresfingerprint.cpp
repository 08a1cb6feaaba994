#include "sql/postgresfingerprint.h"

#include "sql/sqltokenizer.h"

#include <pg_query.h>

namespace dopt {

namespace {

// libpg_query reports a 1-based position in characters (code points), not bytes or UTF-16 units.
QString describeError(QStringView sql, const PgQueryError& error)
{
    QString message = QString::fromUtf8(error.message ? error.message : "parse error");
    if (error.cursorpos <= 0)
        return message;
    qsizetype offset = 0;
    for (int chars = 1; chars < error.cursorpos && offset < sql.size(); ++chars)
        offset += (sql[offset].isHighSurrogate() && offset + 1 < sql.size()) ? 2 : 1;
    int line = 0;
    int column = 0;
    SqlTokenizer::lineColumn(sql, offset, &line, &column);
    return message + QStringLiteral(" (line %1, column %2)").arg(line).arg(column);
}

} // namespace

PostgresFingerprintResult PostgresFingerprint::compute(QStringView sql)
{
    PostgresFingerprintResult result;
    const QByteArray utf8 = sql.toUtf8();

    PgQueryFingerprintResult fingerprint = pg_query_fingerprint(utf8.constData());
    if (fingerprint.error) {
        result.error = describeError(sql, *fingerprint.error);
        pg_query_free_fingerprint_result(fingerprint);
        return result;
    }
    result.fingerprint = QString::fromLatin1(fingerprint.fingerprint_str);
    pg_query_free_fingerprint_result(fingerprint);

    PgQueryNormalizeResult normalized = pg_query_normalize(utf8.constData());
    if (normalized.error) {
        result.error = describeError(sql, *normalized.error);
        result.fingerprint.clear();
    } else {
        result.normalized = QString::fromUtf8(normalized.normalized_query).trimmed();
        while (result.normalized.endsWith(u';')) // a terminator is not part of the statement
            result.normalized = result.normalized.chopped(1).trimmed();
        result.ok = true;
    }
    pg_query_free_normalize_result(normalized);
    return result;
}

} // namespace dopt
