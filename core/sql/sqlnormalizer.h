#pragma once

#include "sql/sqltoken.h"

#include <QString>

namespace dopt {

/// The normalized form of one statement and its stable fingerprint.
struct NormalizedSql
{
    QString text; // keywords upper case, identifiers folded, literals '?', IN lists "IN (?...)", single spaces
    QString fingerprint; // 16 lower-case hex digits of hash; empty when the statement has no tokens
    quint64 hash = 0; // FNV-1a 64 of the UTF-8 bytes of text
    QString warning; // one line naming an unterminated string/identifier/comment and where; empty when clean
};

/// Token-based SQL normalizer: statements that differ only in literal values, IN-list or VALUES
/// length, whitespace, comments, keyword case or the case of unquoted identifiers get the same
/// text and fingerprint; a different table, column, operator, join or clause gives another one.
/// Works for Dremio (Calcite) SQL and, as the fallback, for PostgreSQL text libpg_query rejects.
class SqlNormalizer
{
public:
    static NormalizedSql normalize(QStringView sql, SqlDialect dialect = SqlDialect::Dremio);

    /// FNV-1a 64-bit over the UTF-8 encoding of text (lone surrogates count as U+FFFD): stable
    /// across runs, platforms and Qt versions, unlike std::hash or qHash.
    static quint64 fnv1a64(QStringView text);
    /// 16 lower-case hex digits, zero-padded.
    static QString toHex(quint64 hash);
};

} // namespace dopt
