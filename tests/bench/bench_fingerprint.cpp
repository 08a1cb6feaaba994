// Throughput and grouping quality of the SQL fingerprints on a generated corpus, side by side with
// Percona's pt-fingerprint when it is installed. Prints figures; asserts nothing.
//
//   bench_fingerprint [--count N] [--seed S] [--no-pt] [--no-postgres]

#include "sql/fingerprinter.h"
#include "sql/sqltokenizer.h"
#include "sql/statementsplitter.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <cstdio>
#include <ctime>
#include <sys/resource.h>

using namespace dopt;

namespace {

// One query shape per template; {int} {dec} {neg} {small} {str} {date} {ts} {bool} {ints} {strs}
// {tuples} {rows} are replaced by random values, so every template is one true group.
const char* const kTemplates[] = {
    "SELECT * FROM \"Sales Space\".\"orders 2025\" WHERE order_id = {int}",
    "SELECT * FROM \"Sales Space\".\"orders 2024\" WHERE order_id = {int}",
    "SELECT * FROM \"Sales Space\".\"Orders 2025\" WHERE order_id = {int}",
    "SELECT customer_id, SUM(amount) AS total FROM sales.orders WHERE order_date >= DATE '{date}' GROUP BY "
    "customer_id",
    "SELECT * FROM sales.orders WHERE status IN ({strs})",
    "SELECT * FROM sales.orders WHERE status_id NOT IN ({ints})",
    "SELECT o.id, c.name FROM sales.orders o JOIN sales.customers c ON o.customer_id = c.id WHERE o.amount > {dec}",
    "SELECT o.id, c.name FROM sales.orders o LEFT JOIN sales.customers c ON o.customer_id = c.id WHERE o.amount > "
    "{dec}",
    "SELECT region, COUNT(*) FROM sales.orders GROUP BY region ORDER BY 2 DESC LIMIT {int}",
    "SELECT region, COUNT(*) FROM sales.orders GROUP BY region ORDER BY 1 LIMIT {int}",
    "INSERT INTO staging.events VALUES {rows}",
    "SELECT * FROM events WHERE ts BETWEEN TIMESTAMP '{ts}' AND TIMESTAMP '{ts}'",
    "SELECT * FROM events WHERE ts > CURRENT_TIMESTAMP - INTERVAL '{small}' DAY",
    "SELECT * FROM events WHERE ts > CURRENT_TIMESTAMP - INTERVAL '{small}' HOUR",
    "SELECT \"Customer Name\", \"Order Total\" FROM \"Finance\".\"Q1 Report\" WHERE \"Order Total\" > {dec}",
    "SELECT * FROM metrics WHERE x = {neg}",
    "SELECT * FROM metrics WHERE x - {int} > 0",
    "SELECT name FROM users WHERE email = '{str}' AND active = {bool}",
    "WITH recent AS (SELECT * FROM sales.orders WHERE order_date > DATE '{date}') SELECT customer_id, COUNT(*) FROM "
    "recent GROUP BY customer_id",
    "SELECT * FROM sales.orders WHERE (region, status_id) IN ({tuples})",
    "SELECT * FROM Samples.\"samples.dremio.com\".\"SF weather 2018-2019.csv\" WHERE ELEVATION > {int}",
    "SELECT * FROM Samples.\"samples.dremio.com\".\"zips.json\" WHERE pop > {int}",
    "SELECT COUNT(DISTINCT customer_id) FROM sales.orders WHERE amount BETWEEN {int} AND {int}",
    "SELECT * FROM sales.orders ORDER BY order_id OFFSET {int} ROWS FETCH NEXT {small} ROWS ONLY",
    "UPDATE sales.orders SET status = '{str}' WHERE order_id = {int}",
    "DELETE FROM sales.orders WHERE order_date < DATE '{date}'",
    "SELECT CASE WHEN amount > {int} THEN 'big' ELSE 'small' END AS size, COUNT(*) FROM sales.orders GROUP BY 1",
    "SELECT * FROM sales.orders WHERE customer_id IN (SELECT id FROM sales.customers WHERE country = '{str}')",
    "SELECT * FROM sales.orders WHERE customer_id IN (SELECT id FROM sales.suppliers WHERE country = '{str}')",
    "SELECT a.x + {int} AS y FROM lake.a WHERE a.z <> '{str}'",
};
constexpr int kTemplateCount = int(sizeof(kTemplates) / sizeof(kTemplates[0]));

class CorpusGenerator
{
public:
    explicit CorpusGenerator(quint32 seed)
        : m_rng(seed)
    { }

    QString statement(int templateIndex)
    {
        QString text = vary(QString::fromUtf8(kTemplates[templateIndex]));
        QString out;
        out.reserve(text.size() * 2);
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (text[i] != u'{') {
                out.append(text[i]);
                continue;
            }
            const qsizetype close = text.indexOf(u'}', i);
            out.append(value(QStringView(text).mid(i + 1, close - i - 1)));
            i = close;
        }
        return out;
    }

private:
    int below(int n) { return int(m_rng.bounded(n)); }

    // Whitespace, comments and letter case change; outside quotes only, so names and values stay.
    QString vary(const QString& tmpl)
    {
        const bool lower = below(3) == 0;
        QString out;
        char16_t quote = 0;
        for (const QChar c : tmpl) {
            const char16_t u = c.unicode();
            if (quote) {
                quote = u == quote ? 0 : quote;
                out.append(c);
            } else if (u == u'"' || u == u'\'') {
                quote = u;
                out.append(c);
            } else if (u == u' ') {
                const int r = below(10);
                out.append(r < 7 ? QStringLiteral(" ") : r < 9 ? QStringLiteral("  ") : QStringLiteral("\n    "));
            } else {
                out.append(lower ? c.toLower() : c);
            }
        }
        // Comments go after the first word: pt-fingerprint skips a statement that starts with one.
        const qsizetype firstSpace = out.indexOf(u' ');
        switch (below(6)) {
        case 0:
            return out.insert(firstSpace, QStringLiteral(" /* job %1 */").arg(below(100000)));
        case 1:
            return out.insert(firstSpace, QStringLiteral(" -- report run %1\n").arg(below(100000)));
        default:
            return out;
        }
    }

    QString word()
    {
        static const char* const words[] = {"alpha", "Zürich", "it''s", "EU", "pending", "東京", "x@y.com", "O''Brien"};
        return QString::fromUtf8(words[below(8)]) + QString::number(below(1000));
    }

    template <typename Item> QString list(int maxLength, Item item)
    {
        QStringList items;
        const int n = 1 + below(maxLength);
        for (int i = 0; i < n; ++i)
            items.append(item());
        return items.join(QStringLiteral(", "));
    }

    QString value(QStringView name)
    {
        if (name == u"int")
            return QString::number(below(1000000));
        if (name == u"small")
            return QString::number(1 + below(90));
        if (name == u"dec")
            return QString::number(below(100000) / 100.0, 'f', 2);
        if (name == u"neg")
            return QString::number(below(2000) - 1000);
        if (name == u"str")
            return word();
        if (name == u"bool")
            return below(2) ? QStringLiteral("TRUE") : QStringLiteral("FALSE");
        if (name == u"date")
            return QStringLiteral("20%1-%2-%3")
                .arg(20 + below(6))
                .arg(1 + below(12), 2, 10, QLatin1Char('0'))
                .arg(1 + below(28), 2, 10, QLatin1Char('0'));
        if (name == u"ts")
            return value(u"date") + QStringLiteral(" %1:00:00").arg(below(24), 2, 10, QLatin1Char('0'));
        if (name == u"ints")
            return list(40, [this] { return QString::number(below(500)); });
        if (name == u"strs")
            return list(12, [this] { return QStringLiteral("'%1'").arg(word()); });
        if (name == u"tuples")
            return list(8, [this] { return QStringLiteral("('%1', %2)").arg(word()).arg(below(50)); });
        if (name == u"rows")
            return list(
                6, [this] { return QStringLiteral("(%1, '%2', %3)").arg(below(1000)).arg(word()).arg(below(9)); });
        return name.toString();
    }

    QRandomGenerator m_rng;
};

/// Pair statistics of one grouping against another: how many statement pairs share a group.
struct PairStats
{
    qint64 togetherA = 0;
    qint64 togetherB = 0;
    qint64 togetherBoth = 0;
};

qint64 pairsOf(qint64 n)
{
    return n * (n - 1) / 2;
}

PairStats comparePairs(const QVector<int>& a, const QVector<int>& b)
{
    QHash<int, qint64> sizeA;
    QHash<int, qint64> sizeB;
    QHash<qint64, qint64> both;
    for (qsizetype i = 0; i < a.size(); ++i) {
        ++sizeA[a[i]];
        ++sizeB[b[i]];
        ++both[(qint64(a[i]) << 32) | quint32(b[i])];
    }
    PairStats stats;
    for (const qint64 n : std::as_const(sizeA))
        stats.togetherA += pairsOf(n);
    for (const qint64 n : std::as_const(sizeB))
        stats.togetherB += pairsOf(n);
    for (const qint64 n : std::as_const(both))
        stats.togetherBoth += pairsOf(n);
    return stats;
}

QVector<int> groupIds(const QStringList& keys, int* distinct)
{
    QHash<QString, int> ids;
    QVector<int> out;
    out.reserve(keys.size());
    for (const QString& key : keys) {
        auto it = ids.constFind(key);
        if (it == ids.constEnd())
            it = ids.insert(key, int(ids.size()));
        out.append(it.value());
    }
    *distinct = int(ids.size());
    return out;
}

struct ToolRun
{
    QString name;
    double seconds = 0;
    QStringList keys; // one fingerprint per statement; empty when the tool did not run
    QString note;
};

/// CPU seconds of this process plus its waited-for children (pt-fingerprint): on a shared machine
/// wall-clock time measures the neighbours as much as the code.
class CpuTimer
{
public:
    CpuTimer() { restart(); }
    void restart() { m_start = now(); }
    double seconds() const { return now() - m_start; }

private:
    static double now()
    {
        timespec self {};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &self);
        rusage children {};
        getrusage(RUSAGE_CHILDREN, &children);
        return double(self.tv_sec) + self.tv_nsec / 1e9 + double(children.ru_utime.tv_sec + children.ru_stime.tv_sec)
            + (children.ru_utime.tv_usec + children.ru_stime.tv_usec) / 1e6;
    }
    double m_start = 0;
};

void printThroughput(const QString& name, double seconds, qsizetype statements, double megabytes, const QString& note)
{
    std::printf(
        "  %-34s %12.0f %9.1f  %s\n", qPrintable(name), statements / seconds, megabytes / seconds, qPrintable(note));
}

ToolRun runPtFingerprint(const QStringList& statements)
{
    ToolRun run;
    run.name = QStringLiteral("pt-fingerprint");
    const QString program = QStandardPaths::findExecutable(QStringLiteral("pt-fingerprint"));
    if (program.isEmpty()) {
        run.note
            = QStringLiteral("pt-fingerprint is not installed (Debian package percona-toolkit): comparison skipped");
        return run;
    }
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("statements.sql")));
    if (!file.open(QIODevice::WriteOnly)) {
        run.note = QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString());
        return run;
    }
    // pt-fingerprint reads statements separated by ";\n"; the generator never puts that inside one.
    for (const QString& statement : statements)
        file.write(statement.toUtf8() + ";\n");
    file.close();

    QProcess process;
    CpuTimer timer;
    process.start(program, {file.fileName()});
    if (!process.waitForFinished(-1) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        run.note = QStringLiteral("pt-fingerprint failed: %1")
                       .arg(QString::fromUtf8(process.readAllStandardError()).trimmed());
        return run;
    }
    run.seconds = timer.seconds();
    QStringList lines = QString::fromUtf8(process.readAllStandardOutput()).split(u'\n');
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    if (lines.size() != statements.size()) {
        run.note = QStringLiteral("pt-fingerprint printed %1 lines for %2 statements: grouping not comparable")
                       .arg(lines.size())
                       .arg(statements.size());
        return run;
    }
    QProcess version;
    version.start(program, {QStringLiteral("--version")});
    version.waitForFinished();
    run.note = QString::fromUtf8(version.readAllStandardOutput()).trimmed()
        + QStringLiteral(", one process incl. Perl start-up");
    run.keys = lines;
    return run;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    int count = 200000;
    quint32 seed = 20250101;
    bool usePt = true;
    bool usePostgres = true;
    for (int i = 1; i < args.size(); ++i) {
        bool ok = true;
        if (args[i] == QLatin1String("--count") && i + 1 < args.size())
            count = args[++i].toInt(&ok);
        else if (args[i] == QLatin1String("--seed") && i + 1 < args.size())
            seed = args[++i].toUInt(&ok);
        else if (args[i] == QLatin1String("--no-pt"))
            usePt = false;
        else if (args[i] == QLatin1String("--no-postgres"))
            usePostgres = false;
        else
            ok = false;
        if (!ok || count <= 0) {
            std::fprintf(stderr,
                "bench_fingerprint: bad argument '%s'; usage: bench_fingerprint [--count N] [--seed S] [--no-pt] "
                "[--no-postgres]\n",
                qPrintable(args[i]));
            return 2;
        }
    }

    CorpusGenerator generator(seed);
    QStringList statements;
    QVector<int> truth;
    statements.reserve(count);
    qint64 utf8Bytes = 0;
    QRandomGenerator pick(seed ^ 0x5eedu);
    for (int i = 0; i < count; ++i) {
        const int t = int(pick.bounded(kTemplateCount));
        statements.append(generator.statement(t));
        truth.append(t);
        utf8Bytes += statements.last().toUtf8().size();
    }
    const double mb = utf8Bytes / 1e6;
    std::printf(
        "corpus: %d statements from %d templates, %.1f MB UTF-8 (seed %u)\n\n", count, kTemplateCount, mb, seed);
    std::printf("  %-34s %12s %9s  (per CPU second)\n", "throughput", "statements/s", "MB/s");

    CpuTimer timer;
    qint64 tokens = 0;
    for (const QString& statement : std::as_const(statements)) {
        SqlTokenizer tokenizer(statement, SqlDialect::Dremio);
        SqlToken token;
        while (tokenizer.next(&token))
            ++tokens;
    }
    printThroughput(QStringLiteral("tokenizer only (dremio rules)"), timer.seconds(), count, mb,
        QStringLiteral("%1 tokens").arg(tokens));

    const QString script = statements.join(QStringLiteral(";\n"));
    timer.restart();
    const qsizetype split = StatementSplitter::split(script).size();
    printThroughput(QStringLiteral("statement splitter (one script)"), timer.seconds(), count, mb,
        QStringLiteral("%1 statements found").arg(split));

    QVector<ToolRun> runs;
    for (const SqlDialect dialect : {SqlDialect::Dremio, SqlDialect::Postgres}) {
        if (dialect == SqlDialect::Postgres && !usePostgres)
            continue;
        ToolRun run;
        run.name = dialect == SqlDialect::Dremio ? QStringLiteral("fingerprint --dialect dremio")
                                                 : QStringLiteral("fingerprint --dialect postgres");
        run.keys.reserve(count);
        int fallbacks = 0;
        timer.restart();
        for (const QString& statement : std::as_const(statements)) {
            FingerprintResult result = Fingerprinter::fingerprint(statement, dialect);
            fallbacks += result.fallback ? 1 : 0;
            run.keys.append(std::move(result.fingerprint));
        }
        run.seconds = timer.seconds();
        run.note = dialect == SqlDialect::Postgres ? QStringLiteral("libpg_query; %1 fallbacks").arg(fallbacks)
                                                   : QStringLiteral("token normalizer");
        runs.append(run);
    }
    runs.append(usePt ? runPtFingerprint(statements)
                      : ToolRun {QStringLiteral("pt-fingerprint"), 0, {}, QStringLiteral("skipped (--no-pt)")});
    for (const ToolRun& run : std::as_const(runs)) {
        if (run.keys.isEmpty())
            std::printf("  %-34s %12s %9s  %s\n", qPrintable(run.name), "-", "-", qPrintable(run.note));
        else
            printThroughput(run.name, run.seconds, count, mb, run.note);
    }

    std::printf("\ngrouping against the %d true shapes (templates), over %lld statement pairs:\n", kTemplateCount,
        pairsOf(count));
    std::printf("  %-34s %9s %16s %16s\n", "tool", "distinct", "merged pairs", "split pairs");
    QHash<QString, QVector<int>> groupings; // by tool name
    for (const ToolRun& run : std::as_const(runs)) {
        if (run.keys.isEmpty())
            continue;
        int distinct = 0;
        const QVector<int>& groups = groupings[run.name] = groupIds(run.keys, &distinct);
        const PairStats stats = comparePairs(groups, truth);
        // merged: together by the tool, apart in truth; split: apart by the tool, together in truth.
        std::printf("  %-34s %9d %16lld %16lld\n", qPrintable(run.name), distinct, stats.togetherA - stats.togetherBoth,
            stats.togetherB - stats.togetherBoth);
    }

    const ToolRun& dremio = runs.first();
    const ToolRun& pt = runs.last();
    if (!groupings.contains(pt.name)) {
        std::printf("\nno side-by-side grouping with pt-fingerprint: %s\n", qPrintable(pt.note));
        return 0;
    }
    const PairStats stats = comparePairs(groupings[dremio.name], groupings[pt.name]);
    std::printf("\ndremio fingerprint vs pt-fingerprint: pairs grouped together by dremio only: %lld, by "
                "pt-fingerprint only: %lld, by both: %lld\n",
        stats.togetherA - stats.togetherBoth, stats.togetherB - stats.togetherBoth, stats.togetherBoth);
    // Examples of both disagreements: two shapes pt-fingerprint merges, one shape it splits.
    QHash<QString, int> firstByPt;
    QHash<int, int> firstByTemplate;
    QSet<QPair<int, int>> shownMerges;
    QSet<int> shownSplits;
    for (int i = 0; i < count; ++i) {
        const int j = firstByPt.value(pt.keys[i], i);
        firstByPt.insert(pt.keys[i], j);
        if (truth[i] != truth[j] && !shownMerges.contains({truth[j], truth[i]}) && shownMerges.size() < 2) {
            shownMerges.insert({truth[j], truth[i]});
            std::printf("  pt merges  %s\n        and %s\n    pt:     %s\n    dremio: %s / %s\n",
                qPrintable(statements[j].simplified()), qPrintable(statements[i].simplified()), qPrintable(pt.keys[i]),
                qPrintable(dremio.keys[j]), qPrintable(dremio.keys[i]));
        }
        const int k = firstByTemplate.value(truth[i], i);
        firstByTemplate.insert(truth[i], k);
        if (pt.keys[i] != pt.keys[k] && !shownSplits.contains(truth[i]) && shownSplits.size() < 2) {
            shownSplits.insert(truth[i]);
            std::printf("  pt splits  %s\n        and %s\n    pt:     %s\n        vs  %s\n    dremio: %s\n",
                qPrintable(statements[k].simplified()), qPrintable(statements[i].simplified()), qPrintable(pt.keys[k]),
                qPrintable(pt.keys[i]), qPrintable(dremio.keys[i]));
        }
    }
    return 0;
}
