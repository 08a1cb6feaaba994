#include "sql/fingerprinter.h"
#include "sql/sqlnormalizer.h"
#include "testdata.h"
#include "tst_sqlcorpus.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace dopt;

namespace {

// Reference FNV-1a 64 over bytes, written independently of SqlNormalizer::fnv1a64.
quint64 referenceFnv(const QByteArray& bytes)
{
    quint64 hash = 14695981039346656037ULL;
    for (const char b : bytes) {
        hash ^= quint8(b);
        hash *= 1099511628211ULL;
    }
    return hash;
}

bool isHex16(const QString& s)
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{16}$"));
    return re.match(s).hasMatch();
}

} // namespace

/// The Dremio normalizer: exact normalized text, the labelled pair corpus, hashing, bad input, real queries.
class TestSqlNormalizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalizedText_data();
    void normalizedText();
    void corpus_data();
    void corpus();
    void fnvMatchesPublishedVectors_data();
    void fnvMatchesPublishedVectors();
    void fingerprintIsHashOfNormalizedUtf8();
    void unterminatedInputIsFlagged_data();
    void unterminatedInputIsFlagged();
    void emptyStatements_data();
    void emptyStatements();
    void realDremioQueries();
    void dialectNamesAndJson();
};

void TestSqlNormalizer::normalizedText_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char* name, const char* sql, const char* expected) {
        QTest::newRow(name) << QString::fromUtf8(sql) << QString::fromUtf8(expected);
    };
    row("keywords upper, identifiers lower", "select ID from Orders where Amount = 1",
        "SELECT id FROM orders WHERE amount = ?");
    row("quoted path keeps case", "SELECT * FROM \"Sales Space\".\"orders 2025\"",
        "SELECT * FROM \"Sales Space\".\"orders 2025\"");
    row("backticks become double quotes", "SELECT * FROM `Sales Space`.`orders 2025`",
        "SELECT * FROM \"Sales Space\".\"orders 2025\"");
    row("backtick name with a double quote", "SELECT `a\"b` FROM t", "SELECT \"a\"\"b\" FROM t");
    row("doubled backtick", "SELECT `a``b` FROM t", "SELECT \"a`b\" FROM t");
    row("lower-case quoted name is bare", "SELECT \"plain\", \"Mixed\", \"select\", \"1st\" FROM t",
        "SELECT plain, \"Mixed\", \"select\", \"1st\" FROM t");
    row("IN list collapses", "SELECT * FROM t WHERE id IN (1, 2, 3)", "SELECT * FROM t WHERE id IN (?...)");
    row("IN list without spaces", "SELECT * FROM t WHERE id IN(1,2)", "SELECT * FROM t WHERE id IN (?...)");
    row("IN subquery stays", "SELECT * FROM t WHERE x IN (SELECT y FROM u WHERE z = 1)",
        "SELECT * FROM t WHERE x IN (SELECT y FROM u WHERE z = ?)");
    row("IN of columns stays", "SELECT * FROM t WHERE x IN (a, 1)", "SELECT * FROM t WHERE x IN (a, ?)");
    row("empty IN list stays", "SELECT * FROM t WHERE x IN ()", "SELECT * FROM t WHERE x IN ()");
    row("VALUES collapse", "INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y')", "INSERT INTO t(a, b) VALUES (?...)");
    row("VALUES with an expression stays", "INSERT INTO t VALUES (1, now())", "INSERT INTO t VALUES (?, now())");
    row("unary minus joins the literal", "SELECT * FROM t WHERE x = -5 AND y > - 2.5",
        "SELECT * FROM t WHERE x = ? AND y > ?");
    row("binary minus stays", "SELECT a - 5, a-5, (a) -1 FROM t", "SELECT a - ?, a - ?, (a) - ? FROM t");
    row("typed literals", "SELECT * FROM t WHERE d >= DATE '2024-01-01' AND ts < timestamp '2024-01-01 10:00'",
        "SELECT * FROM t WHERE d >= DATE ? AND ts < TIMESTAMP ?");
    row("interval", "SELECT ts - INTERVAL '3' day FROM t", "SELECT ts - INTERVAL ? DAY FROM t");
    row("numbers of every shape", "SELECT 1, 1.5, .5, 1e10, 2.5E-3, 7. FROM t", "SELECT ?, ?, ?, ?, ?, ? FROM t");
    row("strings of every shape", "SELECT 'it''s', N'x', X'0F', U&'d\\0061t' FROM t", "SELECT ?, ?, ?, ? FROM t");
    row("booleans are values, NULL is not", "SELECT * FROM t WHERE a = TRUE AND b = false AND c IS NULL",
        "SELECT * FROM t WHERE a = ? AND b = ? AND c IS NULL");
    row("positional ORDER BY kept", "SELECT a, b FROM t ORDER BY 2 DESC, 1 LIMIT 10",
        "SELECT a, b FROM t ORDER BY 2 DESC, 1 LIMIT ?");
    row("expression in ORDER BY is a value", "SELECT a FROM t ORDER BY a + 1", "SELECT a FROM t ORDER BY a + ?");
    row("positional GROUP BY kept", "SELECT a, COUNT(*) FROM t GROUP BY 1", "SELECT a, COUNT(*) FROM t GROUP BY 1");
    row("function calls", "select count(*), max(x), my_udf(y, 3) from t",
        "SELECT COUNT(*), MAX(x), my_udf(y, ?) FROM t");
    row("cast length", "SELECT CAST(x AS VARCHAR(10)) FROM t", "SELECT CAST(x AS VARCHAR(?)) FROM t");
    row("comments and whitespace go", "SELECT /* hint */ a\n\t-- note\nFROM   t;", "SELECT a FROM t");
    row("parameters", "SELECT * FROM t WHERE a = ? AND b = :name AND c = $1",
        "SELECT * FROM t WHERE a = ? AND b = ? AND c = ?");
    row("unicode identifiers fold", "SELECT Größe FROM Maße", "SELECT größe FROM maße");
    row("operators", "SELECT a||b FROM t WHERE a<>b AND c!=d AND e<=f",
        "SELECT a || b FROM t WHERE a <> b AND c != d AND e <= f");
    row("inner semicolon kept", "SELECT 1; SELECT 2;", "SELECT ?; SELECT ?");
    row("array subscript", "SELECT arr[1] FROM t", "SELECT arr[?] FROM t");
}

void TestSqlNormalizer::normalizedText()
{
    QFETCH(QString, sql);
    QFETCH(QString, expected);
    const NormalizedSql normalized = SqlNormalizer::normalize(sql);
    QCOMPARE(normalized.text, expected);
    QVERIFY(normalized.warning.isEmpty());
    // Normalizing the normalized text changes nothing: the form is a fixed point.
    QCOMPARE(SqlNormalizer::normalize(normalized.text).text, expected);
}

void TestSqlNormalizer::corpus_data()
{
    const QVector<test::SqlPair> pairs
        = test::addSqlPairRows(test::projectTestData(QStringLiteral("sql/dremio_pairs.txt")));
    const auto same = std::count_if(pairs.begin(), pairs.end(), [](const test::SqlPair& p) { return p.same; });
    QVERIFY2(pairs.size() >= 60, qPrintable(QString::number(pairs.size())));
    QVERIFY(same >= 25 && pairs.size() - same >= 25);
}

void TestSqlNormalizer::corpus()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(bool, same);
    const FingerprintResult a = Fingerprinter::fingerprint(first, SqlDialect::Dremio);
    const FingerprintResult b = Fingerprinter::fingerprint(second, SqlDialect::Dremio);
    QVERIFY2(isHex16(a.fingerprint) && isHex16(b.fingerprint), qPrintable(a.fingerprint + u' ' + b.fingerprint));
    QVERIFY2(a.warning.isEmpty() && b.warning.isEmpty(), qPrintable(a.warning + b.warning));
    QVERIFY(!a.fallback && !b.fallback);
    const QString detail = QStringLiteral("\n  A: %1\n  B: %2").arg(a.normalized, b.normalized);
    if (same) {
        QVERIFY2(a.fingerprint == b.fingerprint, qPrintable(QStringLiteral("expected one fingerprint") + detail));
        QCOMPARE(a.normalized, b.normalized);
    } else {
        QVERIFY2(a.fingerprint != b.fingerprint, qPrintable(QStringLiteral("expected two fingerprints") + detail));
    }
    QCOMPARE(SqlNormalizer::normalize(a.normalized).text, a.normalized);
}

void TestSqlNormalizer::fnvMatchesPublishedVectors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<quint64>("expected");
    // Published FNV-1a 64 test vectors (Fowler/Noll/Vo reference code).
    QTest::newRow("empty") << QString() << quint64(0xcbf29ce484222325ULL);
    QTest::newRow("a") << QStringLiteral("a") << quint64(0xaf63dc4c8601ec8cULL);
    QTest::newRow("foobar") << QStringLiteral("foobar") << quint64(0x85944171f73967e8ULL);
}

void TestSqlNormalizer::fnvMatchesPublishedVectors()
{
    QFETCH(QString, text);
    QFETCH(quint64, expected);
    QCOMPARE(SqlNormalizer::fnv1a64(text), expected);
    QCOMPARE(referenceFnv(text.toUtf8()), expected);
}

void TestSqlNormalizer::fingerprintIsHashOfNormalizedUtf8()
{
    // Non-ASCII in 2-, 3- and 4-byte UTF-8 forms, so the on-the-fly encoder is checked against Qt's.
    const QString sql = QString::fromUtf8("SELECT \"Größe\", \"東京\", \"\xF0\x9F\x98\x80\" FROM t WHERE x = 'y'");
    const NormalizedSql normalized = SqlNormalizer::normalize(sql);
    QCOMPARE(normalized.text, QString::fromUtf8("SELECT \"Größe\", \"東京\", \"\xF0\x9F\x98\x80\" FROM t WHERE x = ?"));
    QCOMPARE(normalized.hash, referenceFnv(normalized.text.toUtf8()));
    QCOMPARE(normalized.fingerprint, QStringLiteral("%1").arg(normalized.hash, 16, 16, QLatin1Char('0')));
    QCOMPARE(SqlNormalizer::toHex(0x1ULL), QStringLiteral("0000000000000001"));
}

void TestSqlNormalizer::unterminatedInputIsFlagged_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("warning");
    QTest::newRow("string") << QStringLiteral("SELECT * FROM t WHERE a = 'abc")
                            << QStringLiteral("unterminated string literal starting at line 1, column 27");
    QTest::newRow("string after escape") << QStringLiteral("SELECT 'it''")
                                         << QStringLiteral("unterminated string literal starting at line 1, column 8");
    QTest::newRow("quoted identifier") << QStringLiteral("SELECT *\nFROM \"Sales Space")
                                       << QStringLiteral("unterminated quoted identifier starting at line 2, column 6");
    QTest::newRow("block comment") << QStringLiteral("SELECT 1 /* never closed")
                                   << QStringLiteral("unterminated comment starting at line 1, column 10");
    QTest::newRow("backtick") << QStringLiteral("SELECT `x")
                              << QStringLiteral("unterminated quoted identifier starting at line 1, column 8");
}

void TestSqlNormalizer::unterminatedInputIsFlagged()
{
    QFETCH(QString, sql);
    QFETCH(QString, warning);
    const FingerprintResult result = Fingerprinter::fingerprint(sql, SqlDialect::Dremio);
    QCOMPARE(result.warning, warning);
    QVERIFY(isHex16(result.fingerprint));
    QVERIFY(!result.normalized.isEmpty());
}

void TestSqlNormalizer::emptyStatements_data()
{
    QTest::addColumn<QString>("sql");
    QTest::newRow("empty") << QString();
    QTest::newRow("blank") << QStringLiteral(" \n\t ");
    QTest::newRow("comments and terminators") << QStringLiteral("-- c\n/* x; */ ;;");
}

void TestSqlNormalizer::emptyStatements()
{
    QFETCH(QString, sql);
    for (const SqlDialect dialect : {SqlDialect::Dremio, SqlDialect::Postgres}) {
        const FingerprintResult result = Fingerprinter::fingerprint(sql, dialect);
        QVERIFY(result.fingerprint.isEmpty());
        QVERIFY(result.normalized.isEmpty());
        QVERIFY(result.warning.startsWith(QStringLiteral("empty statement")));
    }
}

void TestSqlNormalizer::realDremioQueries()
{
    DOPT_REQUIRE_SAMPLE(logPath, "queries_log_21.x.json");
    QFile log(logPath);
    QVERIFY(log.open(QIODevice::ReadOnly));
    QSet<QString> fingerprints;
    int statements = 0;
    while (!log.atEnd()) {
        const QByteArray line = log.readLine().trimmed();
        if (line.isEmpty())
            continue;
        const QString sql = QJsonDocument::fromJson(line).object().value(QStringLiteral("queryText")).toString();
        QVERIFY(!sql.isEmpty());
        const FingerprintResult result = Fingerprinter::fingerprint(sql, SqlDialect::Dremio);
        QCOMPARE(result.normalized, QStringLiteral("SELECT * FROM pglocal.public.records"));
        fingerprints.insert(result.fingerprint);
        ++statements;
    }
    QCOMPARE(statements, 11);
    QCOMPARE(fingerprints.size(), 1);

    // The two 21.6 profiles aggregate the same file with different columns: two shapes.
    QStringList normalized;
    for (const char* name : {"profile_21.6_csv_agg_1.json", "profile_21.6_csv_agg_2.json"}) {
        const QString path = test::dremioSample(QString::fromLatin1(name));
        if (path.isEmpty())
            QSKIP("../shared/data/dremio profiles are absent");
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString sql = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("query")).toString();
        const FingerprintResult result = Fingerprinter::fingerprint(sql, SqlDialect::Dremio);
        QVERIFY(result.warning.isEmpty());
        QVERIFY(result.normalized.contains(
            QStringLiteral("FROM samples.\"samples.dremio.com\".\"SF weather 2018-2019.csv\"")));
        normalized.append(result.normalized);
    }
    QCOMPARE(normalized.at(1),
        QStringLiteral("SELECT name, station, MAX(elevation) AS maximum_elevation FROM samples."
                       "\"samples.dremio.com\".\"SF weather 2018-2019.csv\" GROUP BY name, station"));
    QVERIFY(SqlNormalizer::normalize(normalized.at(0)).fingerprint
        != SqlNormalizer::normalize(normalized.at(1)).fingerprint);
}

void TestSqlNormalizer::dialectNamesAndJson()
{
    QCOMPARE(Fingerprinter::dialectFromName(u"Dremio"), std::optional<SqlDialect>(SqlDialect::Dremio));
    QCOMPARE(Fingerprinter::dialectFromName(u"postgresql"), std::optional<SqlDialect>(SqlDialect::Postgres));
    QCOMPARE(Fingerprinter::dialectFromName(u"pg"), std::optional<SqlDialect>(SqlDialect::Postgres));
    QVERIFY(!Fingerprinter::dialectFromName(u"mysql").has_value());
    QCOMPARE(Fingerprinter::dialectName(SqlDialect::Postgres), QStringLiteral("postgres"));

    const FingerprintResult result = Fingerprinter::fingerprint(u"SELECT 1", SqlDialect::Dremio);
    const QJsonObject json = result.toJson();
    QCOMPARE(json.value(QStringLiteral("fingerprint")).toString(), result.fingerprint);
    QCOMPARE(json.value(QStringLiteral("normalized")).toString(), QStringLiteral("SELECT ?"));
    QCOMPARE(json.value(QStringLiteral("dialect")).toString(), QStringLiteral("dremio"));
    QCOMPARE(json.value(QStringLiteral("fallback")).toBool(), false);
    QVERIFY(!json.contains(QStringLiteral("warning")));
}

QTEST_GUILESS_MAIN(TestSqlNormalizer)
#include "tst_sqlnormalizer.moc"
