#include "demoworkload.h"

#include "demoprofilewriter.h"
#include "demoqueryshapes.h"
#include "demorandom.h"

#include <QDateTime>
#include <QTimeZone>
#include <algorithm>
#include <cmath>

namespace dopt {

namespace {

constexpr qint64 kDayMs = 86'400'000;
constexpr qint64 kHourMs = 3'600'000;

// Weekday query volume per UTC hour: quiet nights, ramp-up from 7:00, peaks late morning and
// mid-afternoon, a lunch dip.
constexpr double kWeekdayHours[24] = {0.08, 0.05, 0.04, 0.04, 0.05, 0.10, 0.25, 0.60, 1.20, 1.90, 2.20, 2.00, 1.40,
    1.80, 2.10, 2.00, 1.60, 1.00, 0.55, 0.35, 0.25, 0.20, 0.15, 0.10};
constexpr double kWeekendHours[24] = {0.06, 0.04, 0.03, 0.03, 0.03, 0.04, 0.06, 0.10, 0.18, 0.28, 0.35, 0.38, 0.36,
    0.34, 0.33, 0.30, 0.26, 0.22, 0.18, 0.15, 0.12, 0.10, 0.08, 0.07};

bool showsProblem(const DemoQueryShape& shape)
{
    return shape.regressionFromDay >= 0 || !shape.reflectionId.isEmpty() || shape.smallFiles || shape.allPartitions
        || shape.skewShare > 0 || shape.fanOut > 0 || shape.spills || shape.failureRate > 0;
}

} // namespace

DemoWorkload::DemoWorkload(const DemoOptions& options)
    : m_options(options)
{
    m_options.days = std::max(1, m_options.days);
    m_options.jobs = std::max(0, m_options.jobs);
    m_firstDay = m_options.endDate.addDays(-(m_options.days - 1));
    m_firstDayMs = QDateTime(m_firstDay, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    buildSchedule();
}

double DemoWorkload::hourWeight(int hour, bool weekend)
{
    const double* table = weekend ? kWeekendHours : kWeekdayHours;
    return table[hour < 0 ? 0 : hour > 23 ? 23 : hour];
}

QString DemoWorkload::queryTypeCode(const QString& schedulingQueryType)
{
    return schedulingQueryType.trimmed().toUpper().replace(QLatin1Char(' '), QLatin1Char('_'));
}

void DemoWorkload::buildSchedule()
{
    const QVector<DemoQueryShape>& shapes = DemoQueryShapes::shapes();
    DemoRandom random(m_options.seed);

    // Batch jobs: every night (or Monday morning) at the same minute, with a little start jitter.
    QVector<DemoSlot> batch;
    for (int day = 0; day < m_options.days; ++day) {
        const bool monday = m_firstDay.addDays(day).dayOfWeek() == Qt::Monday;
        for (qsizetype s = 0; s < shapes.size(); ++s) {
            const DemoQueryShape& shape = shapes[s];
            if (shape.schedule == DemoSchedule::Interactive
                || (shape.schedule == DemoSchedule::WeeklyMonday && !monday))
                continue;
            batch.append(
                {m_firstDayMs + day * kDayMs + shape.minuteOfDay * 60'000LL + random.integer(0, 90'000), int(s)});
        }
    }
    // Small workspaces keep batches to a fifth of the jobs so interactive work still dominates.
    const qint64 budget = m_options.jobs / 5;
    if (batch.size() > budget) {
        const double keep = double(budget) / double(batch.size());
        QVector<DemoSlot> kept;
        for (const DemoSlot& slot : std::as_const(batch)) {
            if (random.chance(keep) && kept.size() < budget)
                kept.append(slot);
        }
        batch = kept;
    }

    QVector<double> shapeWeights;
    for (const DemoQueryShape& shape : shapes)
        shapeWeights.append(shape.schedule == DemoSchedule::Interactive ? shape.weight : 0.0);
    QVector<double> dayWeights;
    for (int day = 0; day < m_options.days; ++day) {
        const int weekday = m_firstDay.addDays(day).dayOfWeek();
        const double base = weekday == Qt::Saturday ? 0.22 : weekday == Qt::Sunday ? 0.14 : 1.0;
        dayWeights.append(base * (1.0 + 0.25 * day / m_options.days)); // usage grows over the quarter
    }

    m_slots = batch;
    const qsizetype interactive = m_options.jobs - batch.size();
    m_slots.reserve(m_options.jobs);
    for (qsizetype i = 0; i < interactive; ++i) {
        const int day = random.weighted(dayWeights.constData(), int(dayWeights.size()));
        const int weekday = m_firstDay.addDays(day).dayOfWeek();
        const bool weekend = weekday == Qt::Saturday || weekday == Qt::Sunday;
        const int hour = random.weighted(weekend ? kWeekendHours : kWeekdayHours, 24);
        const qint64 time = m_firstDayMs + day * kDayMs + hour * kHourMs + random.integer(0, kHourMs - 1);
        m_slots.append({time, random.weighted(shapeWeights.constData(), int(shapeWeights.size()))});
    }
    std::stable_sort(m_slots.begin(), m_slots.end(), [](const DemoSlot& a, const DemoSlot& b) {
        return a.submittedMs != b.submittedMs ? a.submittedMs < b.submittedMs : a.shape < b.shape;
    });
}

bool DemoWorkload::hasProfile(int index) const
{
    const int every = m_options.profileEvery;
    if (every <= 0)
        return false;
    if (index % every == 0)
        return true;
    return showsProblem(DemoQueryShapes::shapes()[m_slots[index].shape]) && index % std::max(1, every / 2) == 0;
}

DemoJobSpec DemoWorkload::job(int index) const
{
    const DemoSlot& slot = m_slots[index];
    const DemoQueryShape& shape = DemoQueryShapes::shapes()[slot.shape];
    const DemoTable& fact = DemoQueryShapes::tables()[shape.fact];
    DemoRandom r(DemoRandom::mix(m_options.seed, quint64(index) + 1));

    DemoJobSpec spec;
    spec.index = index;
    spec.shape = slot.shape;
    spec.day = int((slot.submittedMs - m_firstDayMs) / kDayMs);
    const QDate date = m_firstDay.addDays(spec.day);
    const bool weekend = date.dayOfWeek() >= Qt::Saturday;
    const int hour = int((slot.submittedMs - m_firstDayMs) % kDayMs / kHourMs);
    spec.part1 = qint64(r.next());
    spec.part2 = qint64(r.next() & ~quint64(0xFF)); // attempt 0 in the low byte

    Job& job = spec.job;
    job.jobId = DemoProfileWriter::jobId(spec.part1, spec.part2);
    job.attempt = 0;
    job.user = r.pick(shape.users);
    const DemoSqlInstance sql = DemoQueryShapes::render(shape, date, r);
    job.sql = sql.sql;
    job.queryType = queryTypeCode(shape.queryType);
    job.engineName = shape.engine;
    job.submittedMs = slot.submittedMs;

    const bool regressed = shape.regressionFromDay >= 0 && spec.day >= shape.regressionFromDay;
    // Reflections: the aggregate reflection expires for three days mid-quarter (refresh failures).
    const bool considered = !shape.reflectionId.isEmpty();
    const bool outage = spec.day >= 41 && spec.day <= 43;
    spec.reflectionChosen = considered && !shape.reflectionMatchOnly && !outage && r.chance(shape.acceleratedShare);
    spec.reflectionMatched = spec.reflectionChosen || (considered && shape.reflectionMatchOnly);
    if (considered) {
        spec.reflectionId = shape.reflectionId;
        spec.reflectionName = shape.reflectionName;
    }

    const double size = sql.sizeFactor * r.logNormal(1.0, 0.25);
    spec.partitionFiltered = !shape.allPartitions && !(regressed && shape.regressionLosesPruning);
    spec.partitionsTotal = fact.partitions;
    double rows;
    if (spec.reflectionChosen) {
        rows = std::max(1000.0, double(fact.rows) * shape.selectivity * size / 400.0);
    } else if (!spec.partitionFiltered) {
        rows = double(fact.rows) * r.logNormal(1.0, 0.03);
    } else {
        rows = std::max(1.0, double(fact.rows) * std::min(1.0, shape.selectivity * size));
    }
    job.rowsScanned = qint64(rows);
    job.bytesScanned = qint64(rows * fact.rowBytes);
    spec.partitionsScanned = spec.partitionFiltered
        ? std::clamp(int(std::ceil(fact.partitions * std::min(1.0, shape.selectivity * size))), 1, fact.partitions)
        : fact.partitions;
    qint64 files = qint64(spec.partitionsScanned) * fact.filesPerPartition * (shape.smallFiles ? 25 : 1);
    if (regressed && !shape.regressionLosesPruning)
        files *= 3; // the table was rewritten into many more, smaller files
    spec.dataFiles = spec.reflectionChosen ? std::max<qint64>(1, qint64(rows / 5e6)) : std::max<qint64>(1, files);
    spec.manifests = std::max<qint64>(1, spec.dataFiles / 400);
    spec.threads = shape.skewShare > 0 ? 16 : int(std::clamp<qint64>((spec.dataFiles + 7) / 8, 1, 16));
    spec.executors = std::clamp(spec.threads / 4, 1, 4);
    spec.skewShare = shape.skewShare > 0 ? std::clamp(r.normal(shape.skewShare, 0.05), 0.4, 0.85) : 0.0;
    spec.fanOut = shape.fanOut > 0 ? shape.fanOut * r.logNormal(1.0, 0.2) : 0.0;
    if (shape.dimension >= 0) {
        const DemoTable& dimension = DemoQueryShapes::tables()[shape.dimension];
        const double share = dimension.rows > 50'000'000 ? shape.selectivity * size : 1.0;
        spec.buildRows = std::max<qint64>(1, qint64(double(dimension.rows) * std::min(1.0, share)));
    }

    double returned = shape.rowsReturned * r.logNormal(1.0, 0.5);
    if (shape.plan == DemoPlanKind::SelectStar)
        returned = shape.rowsReturned;
    if (shape.plan == DemoPlanKind::SpillingAggregate || shape.spills)
        spec.spilledBytes = qint64(rows * 14 * r.logNormal(1.0, 0.3));
    if (shape.plan == DemoPlanKind::WindowSort && returned > 400'000)
        spec.spilledBytes = qint64(returned * 70);
    if (shape.plan == DemoPlanKind::Ctas) {
        spec.filesWritten = std::max<qint64>(1, qint64(rows / 2e6)) * (shape.smallFiles ? 20 : 1) * (regressed ? 3 : 1);
        spec.bytesWritten = qint64(rows / 50 * 30) + spec.filesWritten * 4096;
    }

    // Durations: the shape's median scaled by the data read, slower at busy hours, after a
    // regression and without the reflection; faster when a reflection answers.
    const double busy = shape.schedule == DemoSchedule::Interactive ? hourWeight(hour, weekend) : 0.1;
    double executionMs
        = shape.medianMs * std::pow(std::max(0.05, size), 0.7) * (1.0 + 0.15 * busy) * r.logNormal(1.0, shape.sigma);
    if (regressed)
        executionMs *= shape.regressionFactor;
    if (spec.reflectionChosen)
        executionMs *= 0.07;
    if (considered && !spec.reflectionChosen && !shape.reflectionMatchOnly)
        executionMs *= 1.3; // the fallback plan reads the base table
    job.plannerCost = rows * 1.6 + returned * 0.3 + double(spec.buildRows) * 2.0;
    job.queue = DemoQueryShapes::queueFor(shape, *job.plannerCost);

    spec.planningMs = std::clamp<qint64>(qint64(r.logNormal(considered ? 240 : 120, 0.5)), 15, 8000);
    spec.engineStartMs = r.chance(0.01) ? qint64(r.logNormal(45'000, 0.3)) : r.integer(0, 3);
    const bool highCost = job.queue == QLatin1String("High Cost User Queries");
    spec.queuedMs = shape.schedule != DemoSchedule::Interactive
        ? r.integer(0, 20)
        : qint64(r.logNormal((highCost ? 900.0 : 25.0) * busy * busy, 1.0));
    spec.executionPlanningMs = r.integer(2, 40);

    const bool failed = r.chance(shape.failureRate);
    if (failed) {
        job.state = QStringLiteral("FAILED");
        job.error = r.pick(shape.errors);
        spec.failedInPlanning = job.error.startsWith(QLatin1String("VALIDATION"));
        if (spec.failedInPlanning) { // never reached a queue or an engine
            job.queue.clear();
            job.engineName.clear();
            job.plannerCost.reset();
        }
        returned = 0;
        executionMs *= r.uniform(0.1, 0.7);
    } else {
        job.state = QStringLiteral("COMPLETED");
    }
    job.rowsReturned = qint64(returned);
    job.bytesReturned = qint64(returned * 60);
    job.accelerated = spec.reflectionChosen;
    spec.runningMs = std::max<qint64>(5, qint64(executionMs));

    const qint64 submitted = slot.submittedMs;
    qint64 ended;
    job.phases = {{QStringLiteral("PENDING"), submitted, 1}, {QStringLiteral("METADATA_RETRIEVAL"), submitted + 1, 1},
        {QStringLiteral("PLANNING"), spec.planningStartMs(), spec.planningMs}};
    if (spec.failedInPlanning) {
        ended = spec.planningEndMs();
        spec.runningMs = 0;
    } else {
        ended = spec.runningStartMs() + spec.runningMs;
        job.phases += {{QStringLiteral("ENGINE_START"), spec.planningEndMs(), spec.engineStartMs},
            {QStringLiteral("QUEUED"), spec.queuedStartMs(), spec.queuedMs},
            {QStringLiteral("EXECUTION_PLANNING"), spec.executionPlanningStartMs(), spec.executionPlanningMs},
            {QStringLiteral("STARTING"), spec.startingMs(), 3},
            {QStringLiteral("RUNNING"), spec.runningStartMs(), spec.runningMs}};
        job.startedMs = spec.runningStartMs();
    }
    job.phases.append({job.state, ended, 0});
    job.endedMs = ended;
    job.durationMs = ended - submitted;

    job.datasets = QStringList {fact.view, fact.table};
    if (shape.dimension >= 0) {
        const DemoTable& dimension = DemoQueryShapes::tables()[shape.dimension];
        job.datasets << dimension.view << dimension.table;
    }
    spec.seed = r.next();
    return spec;
}

} // namespace dopt
