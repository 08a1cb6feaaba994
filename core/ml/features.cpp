#include "features.h"

#include "sql/fingerprinter.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <cmath>
#include <functional>
#include <limits>
#include <queue>

namespace dopt {

namespace {

constexpr qint64 kHourMs = 3'600'000;
constexpr qint64 kDayMs = 86'400'000;

/// The single table of features: name and meaning, in vector order (see FeatureExtractor::describe).
const std::pair<const char*, const char*> kFeatures[] = {
    {"log_bytes_scanned", "ln(1 + bytes scanned) from the job history"},
    {"log_rows_scanned", "ln(1 + rows scanned) from the job history"},
    {"log_planner_cost", "ln(1 + the planner's cost estimate)"},
    {"scans",
        "scan operators in the profile's plan (type contains SCAN, or Dremio TABLE_FUNCTION); 0 without a profile"},
    {"joins", "join operators in the plan (type contains JOIN or NESTED LOOP)"},
    {"aggregations", "aggregation operators in the plan (type contains AGG)"},
    {"sorts", "sort operators in the plan (type contains SORT or TOP_N)"},
    {"log_splits", "ln(1 + splits read): the largest input of a Dremio TABLE_FUNCTION (split assignment), 0 if none"},
    {"reflections_used", "reflections CHOSEN for the job (at least 1 when the job is marked accelerated)"},
    {"log_rows_returned", "ln(1 + rows returned): the result size"},
    {"concurrency", "jobs of the history still running when this one was submitted (earlier submissions only)"},
    {"hour_of_day", "UTC hour of submission, 0-23"},
    {"day_of_week", "UTC weekday of submission, 1 = Monday .. 7 = Sunday"},
    {"has_profile", "1 when a query profile (plan tree) is stored, else 0 (the plan counts are then 0)"},
    {"log_fingerprint_median_earlier",
        "ln(median duration in ms) of the fingerprint's EARLIER completed runs only (no leakage); 0 when none"},
    {"log_fingerprint_runs_earlier", "ln(1 + number of the fingerprint's earlier completed runs)"},
};
constexpr int kFixedCount = int(std::size(kFeatures));

double logOf(const QVariant& value)
{
    return value.isNull() ? 0.0 : std::log1p(std::max(0.0, value.toDouble()));
}

/// Median of a growing sample in O(log n) per insertion (two heaps).
class RunningMedian
{
public:
    void add(double value)
    {
        if (m_low.empty() || value <= m_low.top())
            m_low.push(value);
        else
            m_high.push(value);
        if (m_low.size() > m_high.size() + 1) {
            m_high.push(m_low.top());
            m_low.pop();
        } else if (m_high.size() > m_low.size()) {
            m_low.push(m_high.top());
            m_high.pop();
        }
    }
    qsizetype count() const { return qsizetype(m_low.size() + m_high.size()); }
    double median() const
    {
        if (m_low.empty())
            return std::numeric_limits<double>::quiet_NaN();
        return m_low.size() > m_high.size() ? m_low.top() : (m_low.top() + m_high.top()) / 2.0;
    }

private:
    std::priority_queue<double> m_low;
    std::priority_queue<double, std::vector<double>, std::greater<double>> m_high;
};

bool chooseQueues(QSqlDatabase& db, int maxQueues, QStringList* queues, QString* error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT queue, COUNT(*) FROM jobs WHERE queue <> '' GROUP BY queue "
                                   "ORDER BY COUNT(*) DESC, queue LIMIT %1")
                        .arg(maxQueues))) {
        *error = QStringLiteral("features: reading queues: %1").arg(query.lastError().text());
        return false;
    }
    while (query.next())
        queues->append(query.value(0).toString());
    return true;
}

} // namespace

QVector<std::pair<QString, QString>> FeatureExtractor::describe()
{
    QVector<std::pair<QString, QString>> table;
    for (const auto& [name, meaning] : kFeatures)
        table.append({QString::fromLatin1(name), QString::fromLatin1(meaning)});
    table.append({QStringLiteral("queue=NAME"),
        QStringLiteral("1 when the job ran in queue NAME (one column per frequent queue, fixed by the model)")});
    return table;
}

QStringList FeatureExtractor::fixedNames()
{
    QStringList names;
    for (const auto& feature : kFeatures)
        names.append(QString::fromLatin1(feature.first));
    return names;
}

bool FeatureExtractor::extract(QSqlDatabase db, const FeatureOptions& options, FeatureSet* out, QString* error)
{
    FeatureSet set;
    if (options.queues)
        set.queues = *options.queues;
    else if (!chooseQueues(db, options.maxQueues, &set.queues, error))
        return false;
    set.names = fixedNames();
    for (const QString& queue : std::as_const(set.queues))
        set.names.append(QStringLiteral("queue=") + queue);
    const int width = set.width();

    const QString until
        = options.untilMs ? QStringLiteral(" AND j.submitted_ms <= %1").arg(*options.untilMs) : QString();
    qint64 total = 0;
    {
        QSqlQuery count(db);
        if (!count.exec(QStringLiteral("SELECT COUNT(*) FROM jobs j WHERE j.submitted_ms IS NOT NULL") + until)
            || !count.next()) {
            *error = QStringLiteral("features: counting jobs: %1").arg(count.lastError().text());
            return false;
        }
        total = count.value(0).toLongLong();
    }
    set.values.reserve(size_t(total) * size_t(width));

    QSqlQuery query(db);
    query.setForwardOnly(true);
    const QString sql = QStringLiteral(
        "SELECT j.id, j.job_id, j.engine, j.sql_text, j.queue, j.state, j.submitted_ms, j.ended_ms, j.duration_ms, "
        "j.rows_scanned, j.bytes_scanned, j.rows_returned, j.planner_cost, j.accelerated, j.has_profile, "
        "o.scans, o.joins, o.aggregations, o.sorts, o.splits, r.chosen "
        "FROM jobs j "
        "LEFT JOIN profiles p ON p.job_ref = j.id "
        "LEFT JOIN (SELECT profile_id, "
        "  SUM(CASE WHEN UPPER(type_name) LIKE '%SCAN%' OR type_name = 'TABLE_FUNCTION' THEN 1 ELSE 0 END) AS scans, "
        "  SUM(CASE WHEN UPPER(type_name) LIKE '%JOIN%' OR UPPER(type_name) LIKE '%NESTED%LOOP%' THEN 1 ELSE 0 END) "
        "    AS joins, "
        "  SUM(CASE WHEN UPPER(type_name) LIKE '%AGG%' THEN 1 ELSE 0 END) AS aggregations, "
        "  SUM(CASE WHEN UPPER(type_name) LIKE '%SORT%' OR UPPER(type_name) LIKE '%TOP%N%' THEN 1 ELSE 0 END) AS "
        "sorts, "
        "  MAX(CASE WHEN type_name = 'TABLE_FUNCTION' THEN input_records END) AS splits "
        "  FROM operators GROUP BY profile_id) o ON o.profile_id = p.id "
        "LEFT JOIN (SELECT job_ref, COUNT(*) AS chosen FROM job_reflections WHERE relationship = 'CHOSEN' "
        "  GROUP BY job_ref) r ON r.job_ref = j.id "
        "WHERE j.submitted_ms IS NOT NULL%1 ORDER BY j.submitted_ms, j.id")
                            .arg(until);
    if (!query.exec(sql)) {
        *error = QStringLiteral("features: reading jobs: %1").arg(query.lastError().text());
        return false;
    }

    QHash<QString, int> fingerprintIndex;
    QHash<QString, int> queueColumn;
    for (qsizetype q = 0; q < set.queues.size(); ++q)
        queueColumn.insert(set.queues[q], kFixedCount + int(q));
    std::vector<RunningMedian> history;
    std::priority_queue<qint64, std::vector<qint64>, std::greater<qint64>> running; // end times
    qint64 done = 0;
    std::vector<double> row(size_t(width), 0.0);
    while (query.next()) {
        if (options.cancel && options.cancel->load(std::memory_order_relaxed)) {
            *error = QStringLiteral("features: cancelled");
            return false;
        }
        const qint64 submitted = query.value(6).toLongLong();
        const QString sqlText = query.value(3).toString();
        const SqlDialect dialect = query.value(2).toString().startsWith(QLatin1String("postgres"), Qt::CaseInsensitive)
            ? SqlDialect::Postgres
            : SqlDialect::Dremio;
        QString fingerprint = Fingerprinter::fingerprint(sqlText, dialect).fingerprint;
        if (fingerprint.isEmpty())
            fingerprint = QStringLiteral("-");
        auto it = fingerprintIndex.constFind(fingerprint);
        if (it == fingerprintIndex.cend()) {
            it = fingerprintIndex.insert(fingerprint, int(set.fingerprints.size()));
            set.fingerprints.append(fingerprint);
            set.fingerprintSql.append(sqlText);
            history.emplace_back();
        }
        const int fp = *it;

        while (!running.empty() && running.top() <= submitted)
            running.pop();

        std::fill(row.begin(), row.end(), 0.0);
        row[0] = logOf(query.value(10));
        row[1] = logOf(query.value(9));
        row[2] = logOf(query.value(12));
        row[3] = query.value(15).toDouble();
        row[4] = query.value(16).toDouble();
        row[5] = query.value(17).toDouble();
        row[6] = query.value(18).toDouble();
        row[7] = logOf(query.value(19));
        row[8] = std::max(query.value(20).toDouble(), query.value(13).toInt() != 0 ? 1.0 : 0.0);
        row[9] = logOf(query.value(11));
        row[10] = double(running.size());
        row[HourColumn] = double((submitted % kDayMs + kDayMs) % kDayMs / kHourMs);
        const qint64 day = submitted >= 0 ? submitted / kDayMs : (submitted - kDayMs + 1) / kDayMs;
        row[WeekdayColumn] = double(((day + 3) % 7 + 7) % 7 + 1); // 1970-01-01 was a Thursday
        row[13] = query.value(14).toInt() != 0 ? 1.0 : 0.0;
        const RunningMedian& past = history[size_t(fp)];
        row[14] = past.count() > 0 ? past.median() : 0.0;
        row[15] = std::log1p(double(past.count()));
        const auto column = queueColumn.constFind(query.value(4).toString());
        if (column != queueColumn.cend())
            row[size_t(*column)] = 1.0;
        set.values.insert(set.values.end(), row.begin(), row.end());

        set.rowIds.push_back(query.value(0).toLongLong());
        set.jobIds.append(query.value(1).toString());
        set.submittedMs.push_back(submitted);
        set.fingerprint.push_back(fp);
        // A double: PostgreSQL statements under a millisecond are stored with their fraction (0.231 ms)
        // and are completed runs like any other.
        const QVariant duration = query.value(8);
        const bool completed
            = query.value(5).toString() == QLatin1String("COMPLETED") && !duration.isNull() && duration.toDouble() > 0;
        set.durationMs.push_back(completed ? duration.toDouble() : std::numeric_limits<double>::quiet_NaN());
        // Only after the row is written: the job's own run is history for later jobs only.
        if (completed)
            history[size_t(fp)].add(std::log(duration.toDouble()));
        const QVariant ended = query.value(7);
        if (!ended.isNull() && ended.toLongLong() > submitted)
            running.push(ended.toLongLong());

        ++done;
        if (options.progress && (done % 4096 == 0 || done == total))
            options.progress(done, total);
    }
    if (query.lastError().isValid()) {
        *error = QStringLiteral("features: reading jobs: %1").arg(query.lastError().text());
        return false;
    }
    *out = std::move(set);
    return true;
}

} // namespace dopt
