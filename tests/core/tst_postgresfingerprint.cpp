#include "sql/fingerprinter.h"
#include "sql/postgresfingerprint.h"
#include "testdata.h"
#include "tst_sqlcorpus.h"

#include <QRegularExpression>
#include <QTest>

using namespace dopt;

/// PostgreSQL fingerprints through libpg_query, its normalized text and errors, and the marked fallback.
class TestPostgresFingerprint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void corpus_data();
    void corpus();
    void normalizedText_data();
    void normalizedText();
    void parseErrorNamesThePlace_data();
    void parseErrorNamesThePlace();
    void fallbackIsMarked();
    void fallbackKeepsPostgresLexicalRules();
};

void TestPostgresFingerprint::corpus_data()
{
    QVERIFY(test::addSqlPairRows(test::projectTestData(QStringLiteral("sql/postgres_pairs.txt"))).size() >= 20);
}

void TestPostgresFingerprint::corpus()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(bool, same);
    QFETCH(bool, fallback);
    const FingerprintResult a = Fingerprinter::fingerprint(first, SqlDialect::Postgres);
    const FingerprintResult b = Fingerprinter::fingerprint(second, SqlDialect::Postgres);
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{16}$"));
    QVERIFY2(hex.match(a.fingerprint).hasMatch() && hex.match(b.fingerprint).hasMatch(),
        qPrintable(a.fingerprint + u' ' + b.fingerprint));
    QCOMPARE(a.dialect, QStringLiteral("postgres"));
    QCOMPARE(a.fallback, fallback);
    QCOMPARE(b.fallback, fallback);
    QCOMPARE(a.warning.isEmpty(), !fallback);
    const QString detail = QStringLiteral("\n  A: %1\n  B: %2").arg(a.normalized, b.normalized);
    if (same)
        QVERIFY2(a.fingerprint == b.fingerprint, qPrintable(QStringLiteral("expected one fingerprint") + detail));
    else
        QVERIFY2(a.fingerprint != b.fingerprint, qPrintable(QStringLiteral("expected two fingerprints") + detail));
}

void TestPostgresFingerprint::normalizedText_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("expected");
    QTest::newRow("constants numbered") << QStringLiteral("SELECT * FROM t WHERE a = 1 AND b = 'x'")
                                        << QStringLiteral("SELECT * FROM t WHERE a = $1 AND b = $2");
    QTest::newRow("terminator dropped") << QStringLiteral("select a from t where b in (1, 2);")
                                        << QStringLiteral("select a from t where b in ($1, $2)");
    QTest::newRow("escape string") << QStringLiteral("SELECT E'it\\'s'") << QStringLiteral("SELECT $1");
    QTest::newRow("unicode") << QString::fromUtf8("SELECT 'Zürich' AS \"Größe\"")
                             << QString::fromUtf8("SELECT $1 AS \"Größe\"");
}

void TestPostgresFingerprint::normalizedText()
{
    QFETCH(QString, sql);
    QFETCH(QString, expected);
    const PostgresFingerprintResult result = PostgresFingerprint::compute(sql);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.normalized, expected);
    QCOMPARE(Fingerprinter::fingerprint(sql, SqlDialect::Postgres).normalized, expected);
}

void TestPostgresFingerprint::parseErrorNamesThePlace_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("error");
    QTest::newRow("first word") << QStringLiteral("SELEC 1")
                                << QStringLiteral("syntax error at or near \"SELEC\" (line 1, column 1)");
    QTest::newRow("second line") << QStringLiteral("SELECT a\nFROM WHERE b = 1")
                                 << QStringLiteral("syntax error at or near \"WHERE\" (line 2, column 6)");
    // Columns count characters: the two-byte 'ü' and the four-byte emoji are one column each.
    QTest::newRow("after non-ASCII") << QString::fromUtf8("SELECT 'ü😀', ) FROM t")
                                     << QStringLiteral("syntax error at or near \")\" (line 1, column 15)");
    QTest::newRow("unterminated string") << QStringLiteral(
        "SELECT 'abc") << QStringLiteral("unterminated quoted string at or near \"'abc\" (line 1, column 8)");
}

void TestPostgresFingerprint::parseErrorNamesThePlace()
{
    QFETCH(QString, sql);
    QFETCH(QString, error);
    const PostgresFingerprintResult result = PostgresFingerprint::compute(sql);
    QVERIFY(!result.ok);
    QVERIFY(result.fingerprint.isEmpty());
    QCOMPARE(result.error, error);
}

void TestPostgresFingerprint::fallbackIsMarked()
{
    const FingerprintResult result
        = Fingerprinter::fingerprint(u"SELECT * FROM t WHERE a = ? AND b IN (1, 2)", SqlDialect::Postgres);
    QVERIFY(result.fallback);
    QCOMPARE(result.dialect, QStringLiteral("postgres"));
    QCOMPARE(result.normalized, QStringLiteral("SELECT * FROM t WHERE a = ? AND b IN (?...)"));
    QVERIFY2(result.warning.startsWith(QStringLiteral("libpg_query could not parse the statement (syntax error")),
        qPrintable(result.warning));
    QVERIFY(result.warning.endsWith(QStringLiteral("fingerprinted by the token normalizer")));
    QCOMPARE(result.toJson().value(QStringLiteral("fallback")).toBool(), true);

    const FingerprintResult broken = Fingerprinter::fingerprint(u"SELECT 'abc", SqlDialect::Postgres);
    QVERIFY(broken.fallback);
    QVERIFY2(broken.warning.endsWith(QStringLiteral("; unterminated string literal starting at line 1, column 8")),
        qPrintable(broken.warning));
}

void TestPostgresFingerprint::fallbackKeepsPostgresLexicalRules()
{
    // Unparsable ('?' placeholders), so both go to the fallback, which must still read E'' and $$ strings
    // the PostgreSQL way: the ';' and quotes inside them are literal content.
    const FingerprintResult escape
        = Fingerprinter::fingerprint(u"SELECT E'a\\';b' FROM t WHERE x = ?", SqlDialect::Postgres);
    const FingerprintResult dollar
        = Fingerprinter::fingerprint(u"SELECT $$a';b$$ FROM t WHERE x = ?", SqlDialect::Postgres);
    QVERIFY(escape.fallback && dollar.fallback);
    QCOMPARE(escape.normalized, QStringLiteral("SELECT ? FROM t WHERE x = ?"));
    QCOMPARE(dollar.normalized, escape.normalized);
    QVERIFY(!escape.warning.contains(QStringLiteral("unterminated")));
}

QTEST_GUILESS_MAIN(TestPostgresFingerprint)
#include "tst_postgresfingerprint.moc"
