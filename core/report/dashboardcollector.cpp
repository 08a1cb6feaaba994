#include "dashboardcollector.h"

#include "analysis/baselinecalculator.h"
#include "reportcollector.h"
#include "sql/fingerprinter.h"
#include "tasks/taskcontext.h"

#include <QDateTime>
#include <QHash>
#include <QMap>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>
#include <numeric>

namespace dopt {

namespace {

constexpr qint64 HourMs = 3600000;
constexpr qint64 DayMs = 24 * HourMs;

struct JobSample
{
    qint64 submittedMs = 0;
    double durationMs = 0;
    int fingerprint = -1;
};

bool fail(QString* error, const QString& what, const QSqlQuery& query)
{
    if (error)
        *error = QStringLiteral("dashboard: reading %1: %2").arg(what, query.lastError().text());
    return false;
}

} // namespace

std::optional<DashboardData> DashboardCollector::collect(
    const ReportFilter& filter, const QString& trendFingerprint, TaskContext* context, QString* error)
{
    DashboardData data;
    data.filter = filter;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT MIN(submitted_ms), MAX(submitted_ms) FROM jobs"))) {
        fail(error, QStringLiteral("job times"), query);
        return std::nullopt;
    }
    if (query.next() && !query.value(0).isNull()) {
        data.workspaceFirstMs = query.value(0).toLongLong();
        data.workspaceLastMs = query.value(1).toLongLong();
    }

    QStringList conditions {QStringLiteral("submitted_ms IS NOT NULL")};
    if (filter.sinceMs)
        conditions.append(QStringLiteral("submitted_ms >= %1").arg(*filter.sinceMs));
    if (filter.untilMs)
        conditions.append(QStringLiteral("submitted_ms < %1").arg(*filter.untilMs));
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT submitted_ms, duration_ms, accelerated, sql_text, engine FROM jobs WHERE ")
            + conditions.join(QStringLiteral(" AND ")) + QStringLiteral(" ORDER BY submitted_ms"))) {
        fail(error, QStringLiteral("jobs"), query);
        return std::nullopt;
    }
    QVector<JobSample> samples;
    QHash<QString, int> fingerprintOfSql; // repeated statements are fingerprinted once
    QHash<QString, int> fingerprintIndex;
    QVector<DashboardData::FingerprintTotal> totals;
    QMap<qint64, qint64> perHour;
    while (query.next()) {
        if ((data.jobCount & 4095) == 0 && context) {
            if (context->isCancelled()) {
                if (error)
                    *error = QStringLiteral("dashboard: cancelled");
                return std::nullopt;
            }
            context->progress(0, 1, QStringLiteral("Reading jobs"));
        }
        const qint64 submitted = query.value(0).toLongLong();
        const double duration = query.value(1).toDouble(); // NULL reads as 0
        ++data.jobCount;
        data.totalDurationMs += duration;
        data.acceleratedJobs += query.value(2).toInt() != 0 ? 1 : 0;
        ++perHour[submitted / HourMs];
        const QDateTime time = QDateTime::fromMSecsSinceEpoch(submitted, Qt::UTC);
        ++data.weekdayHour[time.date().dayOfWeek() - 1][time.time().hour()];

        const QString sql = query.value(3).toString();
        int index = -1;
        const auto known = fingerprintOfSql.constFind(sql);
        if (known != fingerprintOfSql.cend()) {
            index = known.value();
        } else if (!sql.trimmed().isEmpty()) {
            const bool postgres = query.value(4).toString().startsWith(QLatin1String("postgres"), Qt::CaseInsensitive);
            const QString fingerprint
                = Fingerprinter::fingerprint(sql, postgres ? SqlDialect::Postgres : SqlDialect::Dremio).fingerprint;
            if (!fingerprint.isEmpty()) {
                auto it = fingerprintIndex.constFind(fingerprint);
                if (it == fingerprintIndex.cend()) {
                    it = fingerprintIndex.insert(fingerprint, int(totals.size()));
                    totals.append({fingerprint, sql, 0, 0});
                }
                index = it.value();
            }
            fingerprintOfSql.insert(sql, index);
        }
        if (index >= 0) {
            ++totals[index].runs;
            totals[index].totalMs += duration;
        }
        samples.append({submitted, duration, index});
    }
    for (auto it = perHour.cbegin(); it != perHour.cend(); ++it)
        data.jobsPerHour.append({it.key() * HourMs, it.value()});

    // Top fingerprints by total time; the trend follows the chosen one (else the largest).
    QVector<int> order(totals.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        return totals[a].totalMs != totals[b].totalMs ? totals[a].totalMs > totals[b].totalMs
                                                      : totals[a].fingerprint < totals[b].fingerprint;
    });
    for (int i = 0; i < order.size() && i < TopFingerprints; ++i)
        data.topFingerprints.append(totals[order[i]]);
    data.trendFingerprint = fingerprintIndex.contains(trendFingerprint) ? trendFingerprint
        : data.topFingerprints.isEmpty()                                ? QString()
                                                                        : data.topFingerprints.first().fingerprint;
    if (!data.trendFingerprint.isEmpty()) {
        const int wanted = fingerprintIndex.value(data.trendFingerprint);
        QMap<qint64, QVector<double>> perDay;
        for (const JobSample& sample : samples) {
            if (sample.fingerprint == wanted)
                perDay[sample.submittedMs / DayMs].append(sample.durationMs);
        }
        for (auto it = perDay.begin(); it != perDay.end(); ++it) {
            std::sort(it->begin(), it->end());
            data.trend.append({it.key() * DayMs, BaselineCalculator::percentileSorted(*it, 0.5),
                BaselineCalculator::percentileSorted(*it, 0.95), int(it->size())});
        }
        query.prepare(
            QStringLiteral("SELECT regression_since_ms, regression_median_ratio FROM baselines WHERE fingerprint = ?"));
        query.addBindValue(data.trendFingerprint);
        if (!query.exec()) {
            fail(error, QStringLiteral("baselines"), query);
            return std::nullopt;
        }
        if (query.next() && !query.value(0).isNull()) {
            data.regressionSinceMs = query.value(0).toLongLong();
            data.regressionMedianRatio = query.value(1).toDouble();
        }
    }

    ReportData analysis;
    ReportCollector collector(m_db);
    if (!collector.readFindingsByDetector(analysis, error) || !collector.readMeasurements(analysis, error))
        return std::nullopt;
    data.findingsByDetector = analysis.findingsByDetector;
    data.measurements = analysis.measurements;
    if (context)
        context->progress(1, 1, QStringLiteral("done"));
    return data;
}

} // namespace dopt
