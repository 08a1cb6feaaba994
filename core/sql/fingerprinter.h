#pragma once

#include "sql/sqltoken.h"

#include <QJsonObject>
#include <QString>
#include <optional>

namespace dopt {

/// A statement's fingerprint and normalized text as one dialect sees it.
struct FingerprintResult
{
    QString fingerprint; // 16 lower-case hex digits; empty for an empty statement
    QString normalized;
    QString dialect; // "dremio" or "postgres"
    bool fallback = false; // postgres only: libpg_query could not parse it, the token normalizer did
    QString warning; // one line (unterminated literal, parser error behind a fallback...); empty when clean

    /// {"fingerprint", "normalized", "dialect", "fallback"[, "warning"]} for JSON-lines output.
    QJsonObject toJson() const;
};

/// Entry point for fingerprinting: Dremio statements go through the token normalizer,
/// PostgreSQL statements through libpg_query with the token normalizer as a marked fallback.
class Fingerprinter
{
public:
    static FingerprintResult fingerprint(QStringView sql, SqlDialect dialect);

    static QString dialectName(SqlDialect dialect);
    /// "dremio" / "postgres" (also "postgresql", "pg"), case-insensitive; nullopt for anything else.
    static std::optional<SqlDialect> dialectFromName(QStringView name);
};

} // namespace dopt
