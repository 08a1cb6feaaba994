// ProfileZipReader on the real "Download Profile" ZIP, on archives built here with libzip, and on
// damaged or hostile archives (truncated, not a ZIP, empty, no profile, zip bomb).
#include "profilezipwriter.h"
#include "sources/files/profilezipreader.h"
#include "testdata.h"

#include <QFile>
#include <QtTest>

using namespace dopt;

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray minimalProfile(int attempt)
{
    return QStringLiteral(
        "{\"id\":{\"part1\":2056040279458527982,\"part2\":5262167713584954368},\"start\":1,\"end\":%1,"
        "\"fragmentProfile\":[]}")
        .arg(10 + attempt)
        .toUtf8();
}

// Rewrites the first entry's uncompressed size in its local header (offset 22 of "PK\3\4") and in
// the central directory (offset 24 of "PK\1\2"), consistently, as a hostile archive would.
void setDeclaredSize(QByteArray* zip, quint32 size)
{
    const qsizetype local = zip->indexOf(QByteArrayView("PK\x03\x04", 4));
    const qsizetype central = zip->indexOf(QByteArrayView("PK\x01\x02", 4));
    for (int i = 0; i < 4; ++i) {
        (*zip)[local + 22 + i] = char((size >> (8 * i)) & 0xFF);
        (*zip)[central + 24 + i] = char((size >> (8 * i)) & 0xFF);
    }
}

} // namespace

class TestProfileZipReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void realDownload()
    {
        DOPT_REQUIRE_SAMPLE(path, "profile_download_21.6.2.zip");
        ProfileZipContents contents;
        QString error;
        QVERIFY2(ProfileZipReader::read(readAll(path), &contents, &error), qPrintable(error));
        QCOMPARE(contents.profiles.size(), 1);
        QCOMPARE(contents.profiles[0].name, QStringLiteral("profile_attempt_0.json"));
        QCOMPARE(contents.profiles[0].attempt, 0);
        QCOMPARE(contents.profiles[0].json.size(), 55184);
        QVERIFY(contents.profiles[0].json.startsWith('{'));
        QCOMPARE(contents.headerName, QStringLiteral("header.json"));
        QCOMPARE(contents.header.size(), 5629);
        QVERIFY(contents.skipped.isEmpty());

        Job job;
        QVERIFY2(ProfileZipReader::readHeader(contents.header, &job, &error), qPrintable(error));
        QCOMPARE(job.jobId, QStringLiteral("1c8b17a9-bd20-faef-4866-9b8c0c873c00"));
        QCOMPARE(job.attempt, 0);
        QCOMPARE(job.state, QStringLiteral("COMPLETED"));
        QCOMPARE(job.queryType, QStringLiteral("UI_RUN"));
        QCOMPARE(job.user, QStringLiteral("rssvihla"));
        QCOMPARE(job.sql, QStringLiteral("SELECT * FROM maxbyname"));
        QCOMPARE(job.submittedMs, std::optional<qint64>(1668606037045));
        QCOMPARE(job.durationMs, std::optional<qint64>(1668606038826 - 1668606037045));
        QCOMPARE(job.datasets, QStringList(QStringLiteral("testvds.maxbyname")));
        QCOMPARE(job.rowsScanned, std::optional<qint64>(485));
        QCOMPARE(job.rowsReturned, std::optional<qint64>(1));
        QCOMPARE(job.startedMs, std::optional<qint64>(1668606037141)); // RUNNING in the stateList
        QCOMPARE(job.phases.first().name, QStringLiteral("PENDING"));
    }

    void takesEveryAttemptAndSkipsTheRest()
    {
        const QByteArray zip = test::writeZip({{QStringLiteral("log_attempt_0.json"), QByteArray("{}")},
            {QStringLiteral("profile_attempt_1.json"), minimalProfile(1)},
            {QStringLiteral("prepare_profile_attempt_0.json"), QByteArray("{}")},
            {QStringLiteral("header.json"), QByteArray("{}")},
            {QStringLiteral("profile_attempt_0.json"), minimalProfile(0)}});
        QVERIFY(!zip.isEmpty());
        ProfileZipContents contents;
        QString error;
        QVERIFY2(ProfileZipReader::read(zip, &contents, &error), qPrintable(error));
        QCOMPARE(contents.profiles.size(), 2);
        QCOMPARE(contents.profiles[0].attempt, 0); // ordered by attempt, not by archive order
        QCOMPARE(contents.profiles[0].json, minimalProfile(0));
        QCOMPARE(contents.profiles[1].attempt, 1);
        QCOMPARE(contents.skipped,
            QStringList({QStringLiteral("log_attempt_0.json"), QStringLiteral("prepare_profile_attempt_0.json")}));
        QCOMPARE(contents.header, QByteArray("{}"));
    }

    void brokenArchives_data()
    {
        QTest::addColumn<QByteArray>("zip");
        QTest::addColumn<QString>("expected");
        const QByteArray real = readAll(test::dremioSample(QStringLiteral("profile_download_21.6.2.zip")));
        if (!real.isEmpty())
            QTest::newRow("real ZIP cut in half") << real.left(real.size() / 2) << QStringLiteral("truncated");
        QTest::newRow("empty file") << QByteArray() << QStringLiteral("empty");
        QTest::newRow("not a ZIP") << QByteArray("{\"id\": 1}") << QStringLiteral("not a ZIP archive");
        QTest::newRow("ZIP signature, garbage after")
            << QByteArray("PK\x03\x04 this is not really a zip archive") << QStringLiteral("central directory");
        QTest::newRow("empty ZIP") << QByteArray("PK\x05\x06", 4) + QByteArray(18, '\0')
                                   << QStringLiteral("no entries");
        QTest::newRow("unexpected entries only")
            << test::writeZip({{QStringLiteral("notes.txt"), QByteArray("hello")},
                   {QStringLiteral("data/rows.csv"), QByteArray("a,b\n")}})
            << QStringLiteral("no profile_attempt_N.json (entries: notes.txt, data/rows.csv)");
        QTest::newRow("header without profile") << test::writeZip({{QStringLiteral("header.json"), QByteArray("{}")}})
                                                << QStringLiteral("no profile_attempt_N.json (entries: header.json)");
    }

    void brokenArchives()
    {
        QFETCH(QByteArray, zip);
        QFETCH(QString, expected);
        ProfileZipContents contents;
        QString error;
        QVERIFY(!ProfileZipReader::read(zip, &contents, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
        QVERIFY(contents.profiles.isEmpty());
    }

    void inflatingBeyondTheBudgetIsRefused()
    {
        // 4 MiB of zeros compress to a few KiB: with a 1 MiB budget this is a (small) zip bomb.
        const QByteArray zip
            = test::writeZip({{QStringLiteral("profile_attempt_0.json"), QByteArray(4 * 1024 * 1024, '0')}});
        QVERIFY(zip.size() < 64 * 1024);
        ProfileZipContents contents;
        QString error;
        QVERIFY(!ProfileZipReader::read(zip, &contents, &error, 1024 * 1024));
        QVERIFY2(error.contains(QStringLiteral("(entry profile_attempt_0.json)")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("1.0 MiB")), qPrintable(error));
        QVERIFY(ProfileZipReader::read(zip, &contents, &error, 8 * 1024 * 1024)); // fits a larger budget
    }

    void lyingDeclaredSizeIsRefused()
    {
        QByteArray zip = test::writeZip({{QStringLiteral("profile_attempt_0.json"), minimalProfile(0)}});
        setDeclaredSize(&zip, 0xFFFFFFF0u); // claims ~4 GiB
        ProfileZipContents contents;
        QString error;
        QVERIFY(!ProfileZipReader::read(zip, &contents, &error));
        QVERIFY2(error.contains(QStringLiteral("declares 4096.0 MiB uncompressed, above the 512.0 MiB left")),
            qPrintable(error));
        QVERIFY2(error.endsWith(QStringLiteral("(entry profile_attempt_0.json)")), qPrintable(error));

        QByteArray shrunk = test::writeZip({{QStringLiteral("profile_attempt_0.json"), minimalProfile(0)}});
        setDeclaredSize(&shrunk, 10); // claims less than it inflates to
        QVERIFY(!ProfileZipReader::read(shrunk, &contents, &error));
        QVERIFY2(error.contains(QStringLiteral("(entry profile_attempt_0.json)")), qPrintable(error));
    }

    void damagedEntryNamesTheEntry()
    {
        const QByteArray profile = minimalProfile(0).repeated(200);
        QByteArray zip = test::writeZip({{QStringLiteral("profile_attempt_0.json"), profile}});
        // Flip bytes inside the compressed data (after the 30-byte local header and the name).
        const int dataStart = 30 + int(qstrlen("profile_attempt_0.json"));
        for (int i = dataStart + 20; i < dataStart + 40; ++i)
            zip[i] = char(zip[i] ^ 0x5A);
        ProfileZipContents contents;
        QString error;
        QVERIFY(!ProfileZipReader::read(zip, &contents, &error));
        QVERIFY2(error.contains(QStringLiteral("entry profile_attempt_0.json")), qPrintable(error));
    }

    void brokenHeader_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("malformed") << QByteArray("{\"job\": {") << QStringLiteral("malformed JSON");
        QTest::newRow("array") << QByteArray("[]") << QStringLiteral("found an array");
        QTest::newRow("no job id") << QByteArray("{\"job\": {\"info\": {}}}") << QStringLiteral("job.info.jobId");
    }

    void brokenHeader()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        Job job;
        QString error;
        QVERIFY(!ProfileZipReader::readHeader(json, &job, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestProfileZipReader)
#include "tst_profilezipreader.moc"
