// libFuzzer target for the SQL tokenizer, normalizer, splitter and fingerprinter: any bytes, both
// dialects. Beyond "no crash, no sanitizer report" it checks the invariants callers rely on and
// aborts when one breaks:
//   - tokens are non-empty, in order, and cover every non-whitespace character;
//   - a fingerprint is 16 lower-case hex digits, or empty exactly when the normalized text is empty;
//   - the normalizer is deterministic, and the statement splitter's offsets point at its texts.
//
// Build by hand (no CMake target needed):
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fPIC -DQT_NO_KEYWORDS \
//     -I core $(pkg-config --cflags Qt6Core) tests/fuzz/fuzz_sql_tokenizer.cpp core/sql/*.cpp \
//     $(pkg-config --libs Qt6Core) -lpg_query -o /tmp/fuzz_sql_tokenizer
//   /tmp/fuzz_sql_tokenizer -max_total_time=60 -max_len=4096

#include "sql/fingerprinter.h"
#include "sql/sqlnormalizer.h"
#include "sql/sqltokenizer.h"
#include "sql/statementsplitter.h"

#include <QString>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

void require(bool condition, const char* what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_sql_tokenizer: invariant broken: %s\n", what);
        std::abort();
    }
}

bool isFingerprint(const QString& s)
{
    if (s.size() != 16)
        return false;
    for (const QChar c : s) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

void checkDialect(const QString& sql, dopt::SqlDialect dialect)
{
    dopt::SqlTokenizer tokenizer(sql, dialect);
    dopt::SqlToken token;
    qsizetype covered = 0;
    while (tokenizer.next(&token)) {
        require(token.length > 0, "empty token");
        require(token.offset >= covered && token.end() <= sql.size(), "token out of order or out of bounds");
        for (qsizetype i = covered; i < token.offset; ++i)
            require(sql[i].isSpace(), "non-space character skipped between tokens");
        covered = token.end();
    }
    for (qsizetype i = covered; i < sql.size(); ++i)
        require(sql[i].isSpace(), "non-space character skipped at the end");

    const dopt::NormalizedSql first = dopt::SqlNormalizer::normalize(sql, dialect);
    const dopt::NormalizedSql second = dopt::SqlNormalizer::normalize(sql, dialect);
    require(first.text == second.text && first.hash == second.hash, "normalizer not deterministic");
    require(
        first.text.isEmpty() ? first.fingerprint.isEmpty() : isFingerprint(first.fingerprint), "fingerprint format");

    for (const dopt::SqlStatement& statement : dopt::StatementSplitter::split(sql, dialect)) {
        require(!statement.text.isEmpty(), "empty statement returned");
        require(QStringView(sql).mid(statement.offset, statement.text.size()) == statement.text,
            "statement offset does not match its text");
        require(statement.line >= 1 && statement.column >= 1, "statement position");
    }

    const dopt::FingerprintResult result = dopt::Fingerprinter::fingerprint(sql, dialect);
    require(result.fingerprint.isEmpty() || isFingerprint(result.fingerprint), "fingerprinter format");
    require(result.fallback ? dialect == dopt::SqlDialect::Postgres : true, "fallback outside postgres");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    // Invalid UTF-8 becomes U+FFFD; raw UTF-16 (odd bytes, lone surrogates) is tried as well.
    const QString utf8 = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    QString utf16(qsizetype(size / 2), Qt::Uninitialized);
    std::memcpy(utf16.data(), data, (size / 2) * 2); // the input need not be 2-byte aligned
    for (const QString* sql : {&utf8, static_cast<const QString*>(&utf16)}) {
        checkDialect(*sql, dopt::SqlDialect::Dremio);
        checkDialect(*sql, dopt::SqlDialect::Postgres);
    }
    return 0;
}
