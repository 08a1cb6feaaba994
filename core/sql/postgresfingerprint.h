#pragma once

#include <QString>

namespace dopt {

/// What libpg_query says about one PostgreSQL statement.
struct PostgresFingerprintResult
{
    bool ok = false; // parsed: fingerprint and normalized are set
    QString fingerprint; // libpg_query's 16 hex digits (pg_query_fingerprint)
    QString normalized; // pg_query_normalize: constants replaced by $1, $2...
    QString error; // one line when !ok: the parser's message and the line/column it names
};

/// Thin wrapper around libpg_query (the PostgreSQL 15 parser): fingerprints that ignore constant
/// values and IN-list / VALUES length, and the normalized statement text.
class PostgresFingerprint
{
public:
    static PostgresFingerprintResult compute(QStringView sql);
};

} // namespace dopt
