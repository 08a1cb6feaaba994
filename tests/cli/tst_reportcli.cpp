// dremio-optimizer-cli report end to end: a real demo workspace, a real analysis, a real PDF checked
// with poppler's tools against figures read from the same workspace. The first pages are written as
// PNGs into the build directory (report-pages/) for reviewers.
#include "store/workspace.h"
#include "testdata.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QtTest>

using namespace dopt;

namespace {

using Run = test::ProgramRun;
using test::runProgram;

Run runCli(const QStringList& arguments)
{
    return runProgram(test::cliPath(), arguments);
}

QString grouped(qint64 value)
{
    QLocale locale = QLocale::c();
    locale.setNumberOptions(QLocale::DefaultNumberOptions);
    return locale.toString(value);
}

/// Narrow and ordinary no-break spaces as plain spaces.
QString spacesPlain(QString text)
{
    return text.replace(QChar(0x202f), QLatin1Char(' ')).replace(QChar(0x00a0), QLatin1Char(' '));
}

QString text(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0).toString();
}

/// Pixels close to the report's chart colour (#2a6fdb).
int chartPixels(const QImage& image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (qAbs(c.red() - 0x2a) < 24 && qAbs(c.green() - 0x6f) < 24 && qAbs(c.blue() - 0xdb) < 24)
                ++count;
        }
    }
    return count;
}

} // namespace

class TestReportCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        for (const char* tool : {"pdftotext", "pdffonts", "pdfimages", "pdftoppm", "pdfinfo"}) {
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QSKIP("poppler-utils is not installed (packaging/debian-test-deps.txt)");
        }
        m_workspace = test::tempDir() + QStringLiteral("/report.dopt");
        const Run demo = runCli({QStringLiteral("demo"), QStringLiteral("--jobs"), QStringLiteral("3000"),
            QStringLiteral("--profile-every"), QStringLiteral("1"), QStringLiteral("--out"), m_workspace});
        QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));
        const Run analyze = runCli({QStringLiteral("--workspace"), m_workspace, QStringLiteral("analyze")});
        QVERIFY2(analyze.exitCode == 0, qPrintable(analyze.err));
        QString error;
        QVERIFY2(m_store.open(m_workspace, &error), qPrintable(error));

        m_pdf = test::tempDir() + QStringLiteral("/report.pdf");
        const Run report = runCli(
            {QStringLiteral("--workspace"), m_workspace, QStringLiteral("report"), QStringLiteral("--pdf"), m_pdf});
        QVERIFY2(report.exitCode == 0, qPrintable(report.err));
        m_summary = QJsonDocument::fromJson(report.out).object();
        const Run text
            = runProgram(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), m_pdf, QStringLiteral("-")});
        QCOMPARE(text.exitCode, 0);
        m_text = QString::fromUtf8(text.out);
    }

    void sectionsArePresent()
    {
        for (const QString& section : {QStringLiteral("Dremio Optimizer report"), QStringLiteral("Contents"),
                 QStringLiteral("Executive summary"), QStringLiteral("Top recommendations"),
                 QStringLiteral("Regressions"), QStringLiteral("Workload"), QStringLiteral("Recommendation 1:"),
                 QStringLiteral("Evidence"), QStringLiteral("Plan"), QStringLiteral("Measured result"),
                 QStringLiteral("Model accuracy"), QStringLiteral("Appendix: settings")})
            QVERIFY2(m_text.contains(section), qPrintable(section));
        // Sections without data say so instead of showing made-up figures.
        QVERIFY(m_text.contains(QStringLiteral("No run-time model has been trained on this workspace.")));
        QVERIFY(m_text.contains(QStringLiteral("Not measured yet")));
        // Page numbers: the footer counts the pages pdfinfo sees.
        const Run info = runProgram(QStringLiteral("pdfinfo"), {m_pdf});
        const QRegularExpressionMatch pages
            = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(QString::fromUtf8(info.out));
        QVERIFY(pages.hasMatch());
        const int pageCount = pages.captured(1).toInt();
        QCOMPARE(m_summary.value(QStringLiteral("pages")).toInt(), pageCount);
        QVERIFY(m_text.contains(QStringLiteral("Page %1 of %1").arg(pageCount)));
        QVERIFY(m_text.contains(QStringLiteral("Page 1 of %1").arg(pageCount)));
    }

    void numbersComeFromTheWorkspace()
    {
        const QSqlDatabase db = m_store.database();
        const qint64 jobs = test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM jobs"));
        QCOMPARE(m_summary.value(QStringLiteral("jobs")).toInteger(), jobs);
        QVERIFY(m_text.contains(QStringLiteral("Jobs: %1").arg(grouped(jobs))));
        const QString states
            = QStringLiteral("%1 / %2 / %3")
                  .arg(grouped(test::queryScalar(
                           db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE state = 'COMPLETED'"))),
                      grouped(
                          test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE state = 'FAILED'"))),
                      grouped(test::queryScalar(
                          db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE state IN ('CANCELED', 'CANCELLED')"))));
        QVERIFY2(m_text.contains(states), qPrintable(states));
        const QString totalMs = grouped(test::queryScalar(db, QStringLiteral("SELECT SUM(duration_ms) FROM jobs")))
            + QStringLiteral(" ms");
        QVERIFY2(m_text.contains(totalMs), qPrintable(totalMs));
        const qint64 findings = test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM findings"));
        QVERIFY(findings > 0);
        QVERIFY(m_text.contains(
            QStringLiteral("%1 from %2 detectors")
                .arg(grouped(findings))
                .arg(test::queryScalar(db, QStringLiteral("SELECT COUNT(DISTINCT detector) FROM findings")))));
        // Ranked recommendations when the analysis wrote them, else the findings stand in.
        const bool ranked
            = test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM recommendations WHERE status <> 'dismissed'"))
            > 0;
        QCOMPARE(m_summary.value(QStringLiteral("recommendationsFromFindings")).toBool(), !ranked);
        const QString table
            = ranked ? QStringLiteral("recommendations WHERE status <> 'dismissed'") : QStringLiteral("findings");
        const QString order = ranked
            ? QStringLiteral("CASE WHEN rank > 0 THEN rank ELSE 2147483647 END, score DESC, id")
            : QStringLiteral("improvement_ms DESC, severity DESC, id");
        const QString saving
            = grouped(test::queryScalar(db, QStringLiteral("SELECT SUM(improvement_ms) FROM ") + table))
            + QStringLiteral(" ms");
        QVERIFY2(m_text.contains(saving), qPrintable(saving));
        const qint64 regressions = test::queryScalar(
            db, QStringLiteral("SELECT COUNT(*) FROM baselines WHERE regression_since_ms IS NOT NULL"));
        QCOMPARE(m_summary.value(QStringLiteral("regressions")).toInteger(), regressions);
        // The first in rank order leads, with its estimated saving.
        const QString best = text(db, QStringLiteral("SELECT title FROM %1 ORDER BY %2 LIMIT 1").arg(table, order));
        const QString bestStart = best.section(QLatin1Char(' '), 0, 2);
        QVERIFY2(m_text.contains(QStringLiteral("Recommendation 1: ") + bestStart), qPrintable(bestStart));
        const QString bestMs
            = grouped(test::queryScalar(
                  db, QStringLiteral("SELECT improvement_ms FROM %1 ORDER BY %2 LIMIT 1").arg(table, order)))
            + QStringLiteral(" ms");
        QVERIFY2(m_text.contains(bestMs), qPrintable(bestMs));
        const QString source = text(db, QStringLiteral("SELECT name FROM sources ORDER BY name LIMIT 1"));
        QVERIFY2(m_text.contains(source), qPrintable(source));
    }

    void fontsAreEmbedded()
    {
        const Run fonts = runProgram(QStringLiteral("pdffonts"), {m_pdf});
        QCOMPARE(fonts.exitCode, 0);
        const QStringList lines = QString::fromUtf8(fonts.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts).mid(2);
        QVERIFY2(lines.size() >= 2, fonts.out.constData()); // sans for text, monospace for SQL
        bool monospace = false;
        for (const QString& line : lines) {
            const QStringList columns = line.simplified().split(QLatin1Char(' '));
            QVERIFY2(columns.size() >= 7 && columns[columns.size() - 5] == QLatin1String("yes"), qPrintable(line));
            monospace = monospace || line.contains(QStringLiteral("Mono"));
        }
        QVERIFY(monospace);
    }

    void chartsAreVectorGraphics()
    {
        // No raster image in the file: the coloured chart areas the pages show are vector paths.
        const Run images = runProgram(QStringLiteral("pdfimages"), {QStringLiteral("-list"), m_pdf});
        QCOMPARE(images.exitCode, 0);
        QCOMPARE(QString::fromUtf8(images.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 2);

        const QString pagesDir = QCoreApplication::applicationDirPath() + QStringLiteral("/report-pages");
        QDir(pagesDir).removeRecursively();
        QVERIFY(QDir().mkpath(pagesDir));
        const Run render = runProgram(QStringLiteral("pdftoppm"),
            {QStringLiteral("-r"), QStringLiteral("80"), QStringLiteral("-png"), QStringLiteral("-f"),
                QStringLiteral("1"), QStringLiteral("-l"), QStringLiteral("6"), m_pdf,
                pagesDir + QStringLiteral("/page")});
        QCOMPARE(render.exitCode, 0);
        const QStringList pngs = QDir(pagesDir).entryList({QStringLiteral("page-*.png")}, QDir::Files, QDir::Name);
        QCOMPARE(pngs.size(), 6);
        int pagesWithCharts = 0;
        for (const QString& png : pngs) {
            const QImage image(pagesDir + QLatin1Char('/') + png);
            QVERIFY(!image.isNull());
            if (chartPixels(image) > 500)
                ++pagesWithCharts;
        }
        qInfo("report pages written to %s", qPrintable(pagesDir));
        // The summary (findings by detector) and the workload (jobs and run time per day) draw charts.
        QVERIFY2(pagesWithCharts >= 2, qPrintable(QString::number(pagesWithCharts)));
        QCOMPARE(chartPixels(QImage(pagesDir + QStringLiteral("/page-1.png"))), 0); // the cover has none
    }

    void timeFilterLimitsTheJobs()
    {
        const QSqlDatabase db = m_store.database();
        const qint64 first = test::queryScalar(db, QStringLiteral("SELECT MIN(submitted_ms) FROM jobs"));
        const qint64 last = test::queryScalar(db, QStringLiteral("SELECT MAX(submitted_ms) FROM jobs"));
        const QDate middle = QDateTime::fromMSecsSinceEpoch(first + (last - first) / 2, Qt::UTC).date();
        const qint64 middleMs = QDateTime(middle, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        const QString pdf = test::tempDir() + QStringLiteral("/since.pdf");
        const Run report = runCli({QStringLiteral("--workspace"), m_workspace, QStringLiteral("report"),
            QStringLiteral("--pdf"), pdf, QStringLiteral("--since"), middle.toString(Qt::ISODate)});
        QVERIFY2(report.exitCode == 0, qPrintable(report.err));
        const qint64 expected
            = test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE submitted_ms >= %1").arg(middleMs));
        QVERIFY(expected > 0 && expected < test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM jobs")));
        QCOMPARE(QJsonDocument::fromJson(report.out).object().value(QStringLiteral("jobs")).toInteger(), expected);
        const Run text = runProgram(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
        QVERIFY(QString::fromUtf8(text.out).contains(QStringLiteral("Jobs: %1").arg(grouped(expected))));
    }

    void measuredRewriteShowsDiffChartAndVerdict()
    {
        // A rewrite measured before and after, as Apply & Measure stores it (this test's own workspace).
        QSqlDatabase db = m_store.database();
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral(
            "INSERT INTO recommendations (rec_key, detector, action, severity, confidence, score, rank, title, "
            "fingerprint, frequency, current_cost_ms, improvement_ms, sql_before, sql_after, created_ms, updated_ms) "
            "VALUES ('test-rewrite', 'select_star', 'sql_rewrite', 3, 0.8, 1e12, 0, 'Name the columns of orders', "
            "'x', 12, 6000, 2500, 'SELECT * FROM sales.orders WHERE region = ''EU''', "
            "'SELECT order_id, amount FROM sales.orders WHERE region = ''EU''', 0, 0)")));
        const qint64 recId = query.lastInsertId().toLongLong();
        QVERIFY(query.exec(QStringLiteral("INSERT INTO measurements (recommendation_id, engine, state, verdict, runs, "
                                          "median_before_ms, median_after_ms, speedup, speedup_ci_low, "
                                          "speedup_ci_high, p_value, started_ms) VALUES (%1, 'dremio', 'done', "
                                          "'improved', 3, 400, 100, 4, 3.5, 4.6, 0.004, 5)")
                               .arg(recId)));
        const qint64 id = query.lastInsertId().toLongLong();
        QVERIFY(query.exec(QStringLiteral("INSERT INTO measurement_runs (measurement_id, seq, variant, warmup, "
                                          "duration_ms) VALUES (%1, 0, 'before', 0, 390), (%1, 1, 'before', 0, 400), "
                                          "(%1, 2, 'before', 0, 420), (%1, 3, 'after', 0, 95), (%1, 4, 'after', 0, "
                                          "100), (%1, 5, 'after', 0, 110)")
                               .arg(id)));
        // Ranks cleared: the highest score leads; --top 1 keeps the report short.
        QVERIFY(query.exec(QStringLiteral("UPDATE recommendations SET rank = 0")));
        const QString pdf = test::tempDir() + QStringLiteral("/measured.pdf");
        const Run report = runCli({QStringLiteral("--workspace"), m_workspace, QStringLiteral("report"),
            QStringLiteral("--pdf"), pdf, QStringLiteral("--top"), QStringLiteral("1")});
        QVERIFY(query.exec(QStringLiteral("DELETE FROM recommendations WHERE id = %1").arg(recId)));
        QVERIFY2(report.exitCode == 0, qPrintable(report.err));
        const Run text = runProgram(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
        const QString content = QString::fromUtf8(text.out);
        QVERIFY(content.contains(QStringLiteral("Recommendation 1: Name the columns of orders")));
        QVERIFY(content.contains(QStringLiteral("SQL change")));
        QVERIFY(content.contains(QStringLiteral("SELECT order_id, amount FROM sales.orders")));
        QVERIFY(content.contains(QStringLiteral("Verdict: improved")));
        QVERIFY(content.contains(QStringLiteral("speed-up 4.00×")));
        QVERIFY(content.contains(QStringLiteral("Measured runs before and after")));
        // The before/after chart draws the "after" runs in green (nothing else in the report is green
        // except the diff's pale "added" background, which fails the saturation test below).
        const QString pages = test::tempDir();
        const QString prefix = pages + QStringLiteral("/measured");
        const Run render = runProgram(QStringLiteral("pdftoppm"),
            {QStringLiteral("-r"), QStringLiteral("100"), QStringLiteral("-png"), pdf, prefix});
        QCOMPARE(render.exitCode, 0);
        int green = 0;
        const QStringList pngs = QDir(pages).entryList({QStringLiteral("measured-*.png")});
        QVERIFY(!pngs.isEmpty());
        for (const QString& png : pngs) {
            const QImage image(pages + QLatin1Char('/') + png);
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x) {
                    const QColor c = image.pixelColor(x, y);
                    if (c.green() > c.red() + 40 && c.green() > c.blue() + 25) // green shades: dots and median
                        ++green;
                }
            }
        }
        QVERIFY2(green > 10, qPrintable(QString::number(green)));
    }

    void figuresFollowTheReportLanguage_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("heading");
        QTest::newRow("fr") << QStringLiteral("fr") << QStringLiteral("Synthèse");
        QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("Executive summary");
    }

    void figuresFollowTheReportLanguage()
    {
        QFETCH(QString, language);
        QFETCH(QString, heading);
        const QString pdf = test::tempDir() + QStringLiteral("/report-%1.pdf").arg(language);
        const Run report = runCli({QStringLiteral("--workspace"), m_workspace, QStringLiteral("report"),
            QStringLiteral("--pdf"), pdf, QStringLiteral("--language"), language});
        QVERIFY2(report.exitCode == 0, qPrintable(report.err));
        const Run text = runProgram(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
        // The PDF draws French's narrow no-break spaces as spacing, which pdftotext gives as plain spaces.
        const QString content = spacesPlain(QString::fromUtf8(text.out));
        QVERIFY2(content.contains(heading), qPrintable(heading)); // the texts are translated too

        // Figures read from the workspace, formatted the way the language writes them.
        const QLocale locale(language);
        const QSqlDatabase db = m_store.database();
        const qint64 jobs = test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM jobs"));
        QVERIFY(jobs >= 1000); // so the count has a group separator
        const QString jobsText = spacesPlain(locale.toString(jobs));
        QVERIFY2(content.contains(jobsText), qPrintable(jobsText));
        const qint64 totalMs = test::queryScalar(db, QStringLiteral("SELECT SUM(duration_ms) FROM jobs"));
        const QString totalText = spacesPlain(locale.toString(totalMs)) + QStringLiteral(" ms");
        QVERIFY2(content.contains(totalText), qPrintable(totalText));
        // A share with one decimal: the accelerated jobs.
        const qint64 accelerated = test::queryScalar(db, QStringLiteral("SELECT SUM(accelerated) FROM jobs"));
        const QString share = locale.toString(100.0 * accelerated / jobs, 'f', 1);
        QVERIFY2(content.contains(share), qPrintable(share));
        // The first job's date in the language's short date format.
        const qint64 first = test::queryScalar(db, QStringLiteral("SELECT MIN(submitted_ms) FROM jobs"));
        const QDate firstDay = QDateTime::fromMSecsSinceEpoch(first, Qt::UTC).date();
        const QString firstDate = language == QLatin1String("fr")
            ? firstDay.toString(QStringLiteral("dd/MM/yyyy"))
            : QStringLiteral("%1/%2/%3").arg(firstDay.month()).arg(firstDay.day()).arg(firstDay.year());
        QVERIFY2(content.contains(firstDate), qPrintable(firstDate));

        if (language == QLatin1String("fr")) {
            // French groups with a (narrow) no-break space and writes a decimal comma, never "1,234".
            QVERIFY(!locale.groupSeparator().contains(QLatin1Char(',')));
            QVERIFY2(share.contains(QLatin1Char(',')), qPrintable(share));
            const QString englishJobs = QLocale(QLocale::English).toString(jobs);
            QVERIFY2(!content.contains(englishJobs), qPrintable(englishJobs));
            // The percent sign after a (narrow no-break) space, as French typography wants.
            QVERIFY2(content.contains(share + QStringLiteral(" %")), qPrintable(share));
        } else {
            QVERIFY2(content.contains(share + QLatin1Char('%')), qPrintable(share));
        }
    }

    void unknownLanguageFails()
    {
        const Run report
            = runCli({QStringLiteral("--workspace"), m_workspace, QStringLiteral("report"), QStringLiteral("--pdf"),
                test::tempDir() + QStringLiteral("/x.pdf"), QStringLiteral("--language"), QStringLiteral("klingon")});
        QCOMPARE(report.exitCode, 1);
        QVERIFY2(report.err.contains(QStringLiteral("--language")) && report.err.contains(QStringLiteral("klingon")),
            qPrintable(report.err));
    }

    void badArgumentsFailWithAReason()
    {
        const Run noPdf = runCli({QStringLiteral("--workspace"), m_workspace, QStringLiteral("report")});
        QCOMPARE(noPdf.exitCode, 1);
        QVERIFY(noPdf.err.contains(QStringLiteral("--pdf")));
        const Run badDate
            = runCli({QStringLiteral("--workspace"), m_workspace, QStringLiteral("report"), QStringLiteral("--pdf"),
                test::tempDir() + QStringLiteral("/x.pdf"), QStringLiteral("--since"), QStringLiteral("yesterday")});
        QCOMPARE(badDate.exitCode, 1);
        QVERIFY(badDate.err.contains(QStringLiteral("--since")) && badDate.err.contains(QStringLiteral("yesterday")));
        const QString unwritable = test::tempDir() + QStringLiteral("/no/such/dir/r.pdf");
        const Run badPath = runCli({QStringLiteral("--workspace"), m_workspace, QStringLiteral("report"),
            QStringLiteral("--pdf"), unwritable});
        QCOMPARE(badPath.exitCode, 1);
        QVERIFY2(badPath.err.contains(unwritable), qPrintable(badPath.err));
    }

private:
    QString m_workspace;
    QString m_pdf;
    QJsonObject m_summary;
    QString m_text;
    Workspace m_store;
};

QTEST_GUILESS_MAIN(TestReportCli)
#include "tst_reportcli.moc"
