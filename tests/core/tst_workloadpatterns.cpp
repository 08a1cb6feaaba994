// Workload patterns on generated hourly series with known (planted) patterns and on pattern-free
// noise, many seeds each: detection rate and false positives are counted, not assumed.
#include "demo/demogenerator.h"
#include "demoworkspace.h"
#include "ml/workloadpatterns.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QSqlQuery>
#include <QtTest>
#include <cmath>
#include <random>

using namespace dopt;

namespace {

constexpr qint64 kHourMs = 3'600'000;
constexpr qint64 kDayMs = 86'400'000;
constexpr qint64 kMonday = 1'735'516'800'000; // 2024-12-30 00:00 UTC, a Monday
constexpr int kSeeds = 60;

enum class Planted { None, HourlyPeak, DailyCycle, Weekly };

/// Poisson counts per hour over `days` days with the planted rhythm on top of a flat base rate.
std::vector<double> series(Planted planted, int days, quint64 seed)
{
    std::mt19937_64 random(seed);
    std::uniform_int_distribution<int> peakHour(0, 23);
    const int peak = peakHour(random);
    std::vector<double> hourly;
    for (int day = 0; day < days; ++day) {
        const bool weekend = day % 7 >= 5;
        for (int hour = 0; hour < 24; ++hour) {
            double rate = 12.0;
            if (planted == Planted::HourlyPeak && hour == peak)
                rate *= 2.0;
            if (planted == Planted::DailyCycle)
                rate *= 1.0 + 0.3 * std::sin((hour - 6) * M_PI / 12.0);
            if (planted == Planted::Weekly && weekend)
                rate *= 0.75;
            hourly.push_back(double(std::poisson_distribution<int>(rate)(random)));
        }
    }
    return hourly;
}

bool has(const WorkloadAnalysis& analysis, const QString& type)
{
    for (const WorkloadPattern& pattern : analysis.patterns) {
        if (pattern.type == type)
            return true;
    }
    return false;
}

} // namespace

class TestWorkloadPatterns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void detectsPlantedPatternsAndStaysQuietOnNoise()
    {
        const struct
        {
            Planted planted;
            QString type;
        } cases[] = {{Planted::HourlyPeak, QStringLiteral("hourly_peak")},
            {Planted::DailyCycle, QStringLiteral("daily_cycle")}, {Planted::Weekly, QStringLiteral("weekly_pattern")}};
        const QStringList allTypes {
            QStringLiteral("hourly_peak"), QStringLiteral("daily_cycle"), QStringLiteral("weekly_pattern")};
        for (const auto& c : cases) {
            int found = 0, wrong = 0;
            for (int seed = 0; seed < kSeeds; ++seed) {
                const WorkloadAnalysis analysis
                    = WorkloadPatterns::analyzeSeries(series(c.planted, 42, quint64(seed)), kMonday);
                found += has(analysis, c.type) ? 1 : 0;
                // A weekly-only series has no daily shape, a smooth daily cycle no sharp hour.
                if (c.planted == Planted::Weekly)
                    wrong
                        += has(analysis, QStringLiteral("daily_cycle")) || has(analysis, QStringLiteral("hourly_peak"))
                        ? 1
                        : 0;
                if (c.planted == Planted::DailyCycle)
                    wrong += has(analysis, QStringLiteral("hourly_peak"))
                            || has(analysis, QStringLiteral("weekly_pattern"))
                        ? 1
                        : 0;
            }
            const double accuracy = double(found) / kSeeds;
            qInfo("%s: detected in %d of %d series (%.0f%%), wrong extra type in %d", qPrintable(c.type), found, kSeeds,
                100 * accuracy, wrong);
            QVERIFY2(accuracy >= 0.8, qPrintable(c.type));
            QVERIFY2(double(wrong) / kSeeds < 0.1, qPrintable(c.type));
        }
        int falsePositives = 0;
        for (int seed = 0; seed < kSeeds * 3; ++seed) {
            const WorkloadAnalysis analysis
                = WorkloadPatterns::analyzeSeries(series(Planted::None, 42, quint64(1000 + seed)), kMonday);
            falsePositives += analysis.patterns.isEmpty() ? 0 : 1;
        }
        qInfo("noise: a pattern reported in %d of %d series", falsePositives, kSeeds * 3);
        QVERIFY(double(falsePositives) / (kSeeds * 3) < 0.1);
    }

    void statisticsOfAKnownSeries()
    {
        // Hour 9 has 10 jobs, every other hour 2: mean, peak and a perfect 24 h autocorrelation.
        std::vector<double> hourly;
        for (int day = 0; day < 35; ++day)
            for (int hour = 0; hour < 24; ++hour)
                hourly.push_back(hour == 9 ? 10 : 2);
        const WorkloadAnalysis analysis = WorkloadPatterns::analyzeSeries(hourly, kMonday);
        QCOMPARE(analysis.days, 35.0);
        QCOMPARE(analysis.hourMean[9], 10.0);
        QCOMPARE(analysis.hourMean[3], 2.0);
        QCOMPARE(analysis.hourSigma[9], 0.0);
        QCOMPARE(analysis.peakHours, QVector<int> {9});
        QVERIFY(std::abs(analysis.autocorrelation24 - (1.0 - 24.0 / hourly.size())) < 1e-9);
        QVERIFY(has(analysis, QStringLiteral("hourly_peak")));
        QVERIFY(analysis.missing.isEmpty());
        QCOMPARE(analysis.weekdayHourMean[0][9], 10.0);
    }

    void saysWhatIsMissingWithLessThanThirtyDays()
    {
        const WorkloadAnalysis analysis = WorkloadPatterns::analyzeSeries(series(Planted::DailyCycle, 10, 3), kMonday);
        QVERIFY(analysis.missing.contains(QStringLiteral("10.0 days")));
        QVERIFY(!has(analysis, QStringLiteral("weekly_pattern"))); // needs two weeks
        QVERIFY(WorkloadPatterns::analyzeSeries({}, 0).missing.contains(QStringLiteral("no jobs")));
    }

    void batchJobsAtTheSameTimeDaily()
    {
        int found = 0, falsePositives = 0;
        for (int seed = 0; seed < kSeeds; ++seed) {
            std::mt19937_64 random {quint64(seed)};
            std::uniform_int_distribution<qint64> jitter(0, 5 * 60'000);
            std::uniform_int_distribution<qint64> anyTime(0, kDayMs - 1);
            std::vector<qint64> batch, adHoc;
            for (int day = 0; day < 35; ++day) {
                if (day % 7 != 3) // one skipped day a week
                    batch.push_back(kMonday + day * kDayMs + 2 * kHourMs + 15 * 60'000 + jitter(random));
                adHoc.push_back(kMonday + day * kDayMs + anyTime(random));
            }
            const WorkloadPattern pattern = WorkloadPatterns::batchJob(batch);
            if (pattern.confidence > 0) {
                ++found;
                QVERIFY(pattern.detail.value(QStringLiteral("time_utc")).toString().startsWith(QStringLiteral("02:")));
            }
            falsePositives += WorkloadPatterns::batchJob(adHoc).confidence > 0 ? 1 : 0;
        }
        qInfo("batch_job: detected %d of %d, false positives %d of %d", found, kSeeds, falsePositives, kSeeds);
        QVERIFY(double(found) / kSeeds >= 0.8);
        QVERIFY(double(falsePositives) / kSeeds < 0.1);
    }

    void demoWorkspacePatternsAreFoundAndStored()
    {
        QString error;
        const QString path = test::makeDemoWorkspace(QStringLiteral("patterns.dopt"), 6000, 0, &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        Workspace workspace;
        QVERIFY2(workspace.open(path, &error), qPrintable(error));
        WorkloadAnalysis analysis;
        QVERIFY2(
            WorkloadPatterns::analyzeWorkspace(workspace.database(), nullptr, &analysis, &error), qPrintable(error));
        // The demo plants business-hour days, quiet weekends and nightly batch shapes.
        QVERIFY(has(analysis, QStringLiteral("daily_cycle")));
        QVERIFY(has(analysis, QStringLiteral("weekly_pattern")));
        QVERIFY(has(analysis, QStringLiteral("batch_job")));
        QVERIFY(analysis.missing.isEmpty());
        QVERIFY2(WorkloadPatterns::store(workspace.database(), analysis, &error), qPrintable(error));
        QVERIFY2(WorkloadPatterns::store(workspace.database(), analysis, &error), qPrintable(error)); // replaces
        QSqlQuery query(workspace.database());
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*), SUM(CASE WHEN type = 'batch_job' AND fingerprint <> '' "
                                          "THEN 1 ELSE 0 END) FROM workload_patterns"))
            && query.next());
        QCOMPARE(query.value(0).toInt(), int(analysis.patterns.size()));
        QVERIFY(query.value(1).toInt() >= 1);
        workspace.close();
    }
};

QTEST_GUILESS_MAIN(TestWorkloadPatterns)
#include "tst_workloadpatterns.moc"
