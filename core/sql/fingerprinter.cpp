#include "sql/fingerprinter.h"

#include "sql/postgresfingerprint.h"
#include "sql/sqlnormalizer.h"
#include "sql/sqltokenizer.h"

namespace dopt {

namespace {

// libpg_query accepts "" and "-- note" as a valid (empty) statement list; we call that empty.
bool hasStatementToken(QStringView sql, SqlDialect dialect)
{
    SqlTokenizer tokenizer(sql, dialect);
    SqlToken token;
    while (tokenizer.next(&token)) {
        if (token.kind != SqlTokenKind::Comment && !token.is(u';', sql))
            return true;
    }
    return false;
}

} // namespace

QJsonObject FingerprintResult::toJson() const
{
    QJsonObject object {{QStringLiteral("fingerprint"), fingerprint}, {QStringLiteral("normalized"), normalized},
        {QStringLiteral("dialect"), dialect}, {QStringLiteral("fallback"), fallback}};
    if (!warning.isEmpty())
        object.insert(QStringLiteral("warning"), warning);
    return object;
}

FingerprintResult Fingerprinter::fingerprint(QStringView sql, SqlDialect dialect)
{
    FingerprintResult result;
    result.dialect = dialectName(dialect);
    if (dialect == SqlDialect::Postgres) {
        if (!hasStatementToken(sql, dialect)) {
            result.warning = QStringLiteral("empty statement: nothing but whitespace or comments");
            return result;
        }
        const PostgresFingerprintResult parsed = PostgresFingerprint::compute(sql);
        if (parsed.ok) {
            result.fingerprint = parsed.fingerprint;
            result.normalized = parsed.normalized;
            return result;
        }
        // Unparsable text (another dialect, a fragment, a typo) still deserves a grouping key.
        NormalizedSql normalized = SqlNormalizer::normalize(sql, SqlDialect::Postgres);
        result.fingerprint = normalized.fingerprint;
        result.normalized = normalized.text;
        result.fallback = true;
        result.warning = QStringLiteral("libpg_query could not parse the statement (%1); fingerprinted by the "
                                        "token normalizer")
                             .arg(parsed.error);
        if (!normalized.warning.isEmpty())
            result.warning += QStringLiteral("; ") + normalized.warning;
        return result;
    }

    NormalizedSql normalized = SqlNormalizer::normalize(sql, dialect);
    result.fingerprint = normalized.fingerprint;
    result.normalized = normalized.text;
    result.warning = normalized.fingerprint.isEmpty()
        ? QStringLiteral("empty statement: nothing but whitespace or comments")
        : normalized.warning;
    return result;
}

QString Fingerprinter::dialectName(SqlDialect dialect)
{
    return dialect == SqlDialect::Postgres ? QStringLiteral("postgres") : QStringLiteral("dremio");
}

std::optional<SqlDialect> Fingerprinter::dialectFromName(QStringView name)
{
    if (name.compare(u"dremio", Qt::CaseInsensitive) == 0)
        return SqlDialect::Dremio;
    if (name.compare(u"postgres", Qt::CaseInsensitive) == 0 || name.compare(u"postgresql", Qt::CaseInsensitive) == 0
        || name.compare(u"pg", Qt::CaseInsensitive) == 0)
        return SqlDialect::Postgres;
    return std::nullopt;
}

} // namespace dopt
