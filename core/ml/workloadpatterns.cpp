#include "workloadpatterns.h"

#include "sql/fingerprinter.h"
#include "tablereplacement.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace dopt {

namespace {

constexpr qint64 kHourMs = 3'600'000;
constexpr qint64 kDayMs = 86'400'000;
constexpr double kDailyF = 4.0; // hour-of-day F statistic needed for a daily cycle (noise: about 1)
constexpr double kWeeklyF = 5.0; // weekday F statistic needed for a weekly pattern
constexpr double kPeakT = 6.0; // a peak hour stands this many standard errors above the other hours
constexpr int kMaxSharpPeaks = 3;
constexpr double kPeakRatio = 1.5; // and is at least this many times their mean
constexpr int kBatchWindowMinutes = 15;

double autocorrelation(const std::vector<double>& series, size_t lag)
{
    if (series.size() <= lag + 1)
        return 0;
    const double mean = std::accumulate(series.begin(), series.end(), 0.0) / double(series.size());
    double numerator = 0, denominator = 0;
    for (size_t i = 0; i < series.size(); ++i) {
        denominator += (series[i] - mean) * (series[i] - mean);
        if (i + lag < series.size())
            numerator += (series[i] - mean) * (series[i + lag] - mean);
    }
    return denominator > 0 ? numerator / denominator : 0;
}

int weekdayIndex(qint64 ms) // 0 = Monday
{
    const qint64 day = ms >= 0 ? ms / kDayMs : (ms - kDayMs + 1) / kDayMs;
    return int(((day + 3) % 7 + 7) % 7); // 1970-01-01 was a Thursday
}

/// One-way ANOVA F statistic of `groups` (each a list of observations); 0 when undefined.
double fStatistic(const std::vector<std::vector<double>>& groups)
{
    double grand = 0;
    size_t total = 0;
    size_t used = 0;
    for (const auto& group : groups) {
        grand += std::accumulate(group.begin(), group.end(), 0.0);
        total += group.size();
        used += group.empty() ? 0 : 1;
    }
    if (used < 2 || total <= used)
        return 0;
    grand /= double(total);
    double between = 0, within = 0;
    for (const auto& group : groups) {
        if (group.empty())
            continue;
        const double mean = std::accumulate(group.begin(), group.end(), 0.0) / double(group.size());
        between += double(group.size()) * (mean - grand) * (mean - grand);
        for (double value : group)
            within += (value - mean) * (value - mean);
    }
    const double betweenMean = between / double(used - 1);
    const double withinMean = within / double(total - used);
    if (withinMean <= 0)
        return betweenMean > 0 ? 1e9 : 0;
    return betweenMean / withinMean;
}

double clamp01(double value)
{
    return std::clamp(value, 0.0, 0.99);
}

} // namespace

WorkloadAnalysis WorkloadPatterns::analyzeSeries(const std::vector<double>& hourly, qint64 firstHourMs)
{
    WorkloadAnalysis analysis;
    analysis.firstHourMs = firstHourMs;
    analysis.hourly = hourly;
    analysis.days = double(hourly.size()) / 24.0;
    if (hourly.empty()) {
        analysis.missing = QStringLiteral("no jobs with a submission time");
        return analysis;
    }
    if (analysis.days < MinimumDays) {
        analysis.missing = QStringLiteral("the history covers %1 days; %2 or more are needed for reliable daily and "
                                          "weekly patterns (weekly patterns need at least 14 days, the 168 h "
                                          "autocorrelation two weeks)")
                               .arg(analysis.days, 0, 'f', 1)
                               .arg(MinimumDays);
    }

    // Per hour of day: the counts of every day, raw and relative to that day's mean (so a busy
    // weekday and a quiet Sunday contribute the same daily shape).
    std::array<std::vector<double>, 24> byHour;
    std::array<std::vector<double>, 24> shapeByHour;
    std::array<std::array<std::vector<double>, 24>, 7> byWeekdayHour;
    std::vector<std::vector<double>> dailyTotalsByWeekday(7);
    const qint64 firstHourOfDay = (firstHourMs % kDayMs + kDayMs) % kDayMs / kHourMs;
    const size_t offset = size_t((24 - firstHourOfDay) % 24); // first index at midnight
    for (size_t start = offset; start + 24 <= hourly.size(); start += 24) {
        const double dayMean
            = std::accumulate(hourly.begin() + qsizetype(start), hourly.begin() + qsizetype(start + 24), 0.0) / 24.0;
        const int weekday = weekdayIndex(firstHourMs + qint64(start) * kHourMs);
        dailyTotalsByWeekday[size_t(weekday)].push_back(dayMean * 24.0);
        for (int h = 0; h < 24; ++h) {
            const double value = hourly[start + size_t(h)];
            byHour[size_t(h)].push_back(value);
            shapeByHour[size_t(h)].push_back(value - dayMean);
            byWeekdayHour[size_t(weekday)][size_t(h)].push_back(value);
        }
    }
    const size_t fullDays = byHour[0].size();
    for (int h = 0; h < 24; ++h) {
        const auto& values = byHour[size_t(h)];
        if (values.empty())
            continue;
        const double mean = std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
        double squares = 0;
        for (double value : values)
            squares += (value - mean) * (value - mean);
        analysis.hourMean[size_t(h)] = mean;
        analysis.hourSigma[size_t(h)] = values.size() > 1 ? std::sqrt(squares / double(values.size() - 1)) : 0;
        for (int w = 0; w < 7; ++w) {
            const auto& cell = byWeekdayHour[size_t(w)][size_t(h)];
            analysis.weekdayHourMean[size_t(w)][size_t(h)]
                = cell.empty() ? 0 : std::accumulate(cell.begin(), cell.end(), 0.0) / double(cell.size());
        }
    }
    const double overall = std::accumulate(analysis.hourMean.begin(), analysis.hourMean.end(), 0.0) / 24.0;
    double spread = 0;
    for (double mean : analysis.hourMean)
        spread += (mean - overall) * (mean - overall);
    spread = std::sqrt(spread / 23.0);
    for (int h = 0; h < 24; ++h) {
        if (spread > 0 && analysis.hourMean[size_t(h)] > overall + spread)
            analysis.peakHours.append(h);
    }
    analysis.autocorrelation24 = autocorrelation(hourly, 24);
    analysis.autocorrelation168 = autocorrelation(hourly, 168);
    if (fullDays < 2)
        return analysis;
    const double coverage = std::min(1.0, analysis.days / MinimumDays);

    // daily_cycle: the hour of day explains the within-day variation (one-way ANOVA on the daily shapes).
    const double dailyF = fStatistic(std::vector<std::vector<double>>(shapeByHour.begin(), shapeByHour.end()));
    if (dailyF > kDailyF && analysis.autocorrelation24 > 0.1) {
        WorkloadPattern pattern;
        pattern.type = QStringLiteral("daily_cycle");
        pattern.confidence = clamp01((1.0 - kDailyF / dailyF) * coverage);
        pattern.detail = {{QStringLiteral("f_statistic"), dailyF},
            {QStringLiteral("autocorrelation_24h"), analysis.autocorrelation24}};
        analysis.patterns.append(pattern);
    }

    // hourly_peak: one to three hours far above the others, every day.
    QVector<int> sharp;
    QJsonArray peaks;
    for (int h : std::as_const(analysis.peakHours)) {
        double others = 0;
        for (int o = 0; o < 24; ++o)
            others += analysis.peakHours.contains(o) ? 0 : analysis.hourMean[size_t(o)];
        others /= double(24 - analysis.peakHours.size());
        const double error = std::max(analysis.hourSigma[size_t(h)], 1.0) / std::sqrt(double(fullDays));
        const double t = (analysis.hourMean[size_t(h)] - others) / error;
        if (t > kPeakT && analysis.hourMean[size_t(h)] >= kPeakRatio * std::max(others, 0.5)) {
            sharp.append(h);
            peaks.append(
                QJsonObject {{QStringLiteral("hour"), h}, {QStringLiteral("mean"), analysis.hourMean[size_t(h)]},
                    {QStringLiteral("others_mean"), others}, {QStringLiteral("t"), t}});
        }
    }
    if (!sharp.isEmpty() && sharp.size() <= kMaxSharpPeaks && sharp.size() == analysis.peakHours.size()) {
        WorkloadPattern pattern;
        pattern.type = QStringLiteral("hourly_peak");
        double weakest = 1e9;
        for (const QJsonValue& peak : std::as_const(peaks))
            weakest = std::min(weakest, peak.toObject().value(QStringLiteral("t")).toDouble());
        pattern.confidence = clamp01((1.0 - kPeakT / weakest / 2.0) * coverage);
        pattern.detail = {{QStringLiteral("peaks"), peaks}};
        analysis.patterns.append(pattern);
    }

    // weekly_pattern: the weekday explains the daily totals (needs two weeks).
    if (fullDays >= 14) {
        const double weeklyF = fStatistic(dailyTotalsByWeekday);
        if (weeklyF > kWeeklyF) {
            QJsonArray totals;
            for (const auto& days : dailyTotalsByWeekday)
                totals.append(
                    days.empty() ? 0.0 : std::accumulate(days.begin(), days.end(), 0.0) / double(days.size()));
            WorkloadPattern pattern;
            pattern.type = QStringLiteral("weekly_pattern");
            pattern.confidence
                = clamp01((1.0 - kWeeklyF / weeklyF) * coverage * std::min(1.0, double(fullDays) / 28.0 + 0.5));
            pattern.detail = {{QStringLiteral("f_statistic"), weeklyF},
                {QStringLiteral("autocorrelation_168h"), analysis.autocorrelation168},
                {QStringLiteral("mean_jobs_per_weekday"), totals}};
            analysis.patterns.append(pattern);
        }
    }
    return analysis;
}

WorkloadPattern WorkloadPatterns::batchJob(std::vector<qint64> submittedMs)
{
    WorkloadPattern pattern;
    pattern.type = QStringLiteral("batch_job");
    if (submittedMs.size() < 7)
        return pattern;
    std::sort(submittedMs.begin(), submittedMs.end());
    const qint64 firstDay = submittedMs.front() / kDayMs;
    const qint64 spanDays = submittedMs.back() / kDayMs - firstDay + 1;
    // The busiest 30-minute window of the day (circular), then how many runs and days fall in it.
    std::vector<int> minutes;
    for (qint64 ms : submittedMs)
        minutes.push_back(int((ms % kDayMs + kDayMs) % kDayMs / 60'000));
    int bestStart = 0, bestCount = -1;
    for (int start = 0; start < 1440; start += 5) {
        int count = 0;
        for (int minute : minutes)
            count += ((minute - start + 1440) % 1440) < 2 * kBatchWindowMinutes ? 1 : 0;
        if (count > bestCount) {
            bestCount = count;
            bestStart = start;
        }
    }
    QHash<qint64, int> runsPerDay;
    for (size_t i = 0; i < submittedMs.size(); ++i) {
        if (((minutes[i] - bestStart + 1440) % 1440) < 2 * kBatchWindowMinutes)
            ++runsPerDay[submittedMs[i] / kDayMs];
    }
    const double share = double(bestCount) / double(submittedMs.size());
    const double dayCoverage = double(runsPerDay.size()) / double(spanDays);
    const double perDay = double(bestCount) / double(std::max<qsizetype>(1, runsPerDay.size()));
    // Daily (or weekday) at the same time: most runs inside the window, most days covered, about one run a day.
    if (runsPerDay.size() >= 7 && share >= 0.8 && dayCoverage >= 0.6 && perDay <= 2.0) {
        pattern.confidence
            = clamp01(share * std::min(1.0, dayCoverage / 0.9) * std::min(1.0, runsPerDay.size() / 14.0));
        const int center = (bestStart + kBatchWindowMinutes) % 1440;
        pattern.detail = {{QStringLiteral("time_utc"),
                              QStringLiteral("%1:%2")
                                  .arg(center / 60, 2, 10, QLatin1Char('0'))
                                  .arg(center % 60, 2, 10, QLatin1Char('0'))},
            {QStringLiteral("window_minutes"), 2 * kBatchWindowMinutes},
            {QStringLiteral("runs"), qint64(submittedMs.size())},
            {QStringLiteral("days_with_run"), qint64(runsPerDay.size())}, {QStringLiteral("span_days"), spanDays},
            {QStringLiteral("share_in_window"), share}};
    }
    return pattern;
}

bool WorkloadPatterns::analyzeWorkspace(
    QSqlDatabase db, const std::atomic_bool* cancel, WorkloadAnalysis* analysis, QString* error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral(
            "SELECT submitted_ms, sql_text, engine FROM jobs WHERE submitted_ms IS NOT NULL ORDER BY submitted_ms"))) {
        *error = QStringLiteral("patterns: reading jobs: %1").arg(query.lastError().text());
        return false;
    }
    std::vector<qint64> times;
    QHash<QString, std::vector<qint64>> runs;
    QHash<QString, QString> sqlOf;
    while (query.next()) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            *error = QStringLiteral("patterns: cancelled");
            return false;
        }
        const qint64 submitted = query.value(0).toLongLong();
        times.push_back(submitted);
        const QString sql = query.value(1).toString();
        const SqlDialect dialect = query.value(2).toString().startsWith(QLatin1String("postgres"), Qt::CaseInsensitive)
            ? SqlDialect::Postgres
            : SqlDialect::Dremio;
        const QString fingerprint = Fingerprinter::fingerprint(sql, dialect).fingerprint;
        if (fingerprint.isEmpty())
            continue;
        auto it = runs.find(fingerprint);
        if (it == runs.end()) {
            it = runs.insert(fingerprint, {});
            sqlOf.insert(fingerprint, sql);
        }
        it->push_back(submitted);
    }
    if (query.lastError().isValid()) {
        *error = QStringLiteral("patterns: reading jobs: %1").arg(query.lastError().text());
        return false;
    }
    std::vector<double> hourly;
    qint64 firstHour = 0;
    if (!times.empty()) {
        firstHour = times.front() - (times.front() % kHourMs + kHourMs) % kHourMs;
        hourly.assign(size_t((times.back() - firstHour) / kHourMs + 1), 0.0);
        for (qint64 t : times)
            hourly[size_t((t - firstHour) / kHourMs)] += 1.0;
    }
    WorkloadAnalysis result = analyzeSeries(hourly, firstHour);
    QVector<WorkloadPattern> batches;
    for (auto it = runs.cbegin(); it != runs.cend(); ++it) {
        WorkloadPattern batch = batchJob(it.value());
        if (batch.confidence <= 0)
            continue;
        batch.fingerprint = it.key();
        batch.sql = sqlOf.value(it.key());
        batches.append(batch);
    }
    std::sort(batches.begin(), batches.end(), [](const WorkloadPattern& a, const WorkloadPattern& b) {
        return a.confidence != b.confidence ? a.confidence > b.confidence : a.fingerprint < b.fingerprint;
    });
    result.patterns += batches;
    *analysis = std::move(result);
    return true;
}

bool WorkloadPatterns::store(QSqlDatabase db, const WorkloadAnalysis& analysis, QString* error)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QVector<QVariantList> rows;
    for (const WorkloadPattern& pattern : analysis.patterns) {
        // fingerprint and sql_text are NOT NULL: an empty (not a null) string for workload-wide patterns
        rows.append(
            {pattern.type, pattern.confidence, pattern.fingerprint.isNull() ? QStringLiteral("") : pattern.fingerprint,
                pattern.sql.isNull() ? QStringLiteral("") : pattern.sql,
                QString::fromUtf8(QJsonDocument(pattern.detail).toJson(QJsonDocument::Compact)), now});
    }
    return TableReplacement::replace(db, QStringLiteral("workload_patterns"),
        {QStringLiteral("type"), QStringLiteral("confidence"), QStringLiteral("fingerprint"),
            QStringLiteral("sql_text"), QStringLiteral("detail"), QStringLiteral("computed_ms")},
        rows, QStringLiteral("patterns"), error);
}

bool WorkloadPatterns::loadStored(QSqlDatabase db, QVector<WorkloadPattern>* patterns, bool* stale, QString* error)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT type, confidence, fingerprint, sql_text, detail, computed_ms "
                                   "FROM workload_patterns ORDER BY id"))) {
        *error = QStringLiteral("patterns: reading the stored ones: %1").arg(query.lastError().text());
        return false;
    }
    patterns->clear();
    qint64 computedMs = std::numeric_limits<qint64>::max();
    while (query.next()) {
        WorkloadPattern pattern;
        pattern.type = query.value(0).toString();
        pattern.confidence = query.value(1).toDouble();
        pattern.fingerprint = query.value(2).toString();
        pattern.sql = query.value(3).toString();
        pattern.detail = QJsonDocument::fromJson(query.value(4).toString().toUtf8()).object();
        computedMs = std::min(computedMs, query.value(5).toLongLong());
        patterns->append(pattern);
    }
    if (patterns->isEmpty()) {
        *stale = true;
        return true;
    }
    QSqlQuery imports(db);
    if (!imports.exec(QStringLiteral("SELECT MAX(started_ms) FROM import_runs")) || !imports.next()) {
        *error = QStringLiteral("patterns: reading imports: %1").arg(imports.lastError().text());
        return false;
    }
    *stale = !imports.value(0).isNull() && imports.value(0).toLongLong() > computedMs;
    return true;
}

} // namespace dopt
