#pragma once

#include "demojobspec.h"

#include <QDate>
#include <QVector>

namespace dopt {

/// What the demo workload looks like; the same options always give the same jobs.
struct DemoOptions
{
    int jobs = 20000;
    quint64 seed = 20250630;
    int days = 90;
    QDate endDate = QDate(2025, 6, 30); // last day (UTC), fixed so the output never depends on "today"
    /// Every profileEvery-th job carries a profile (1 = all, 0 = none); jobs of shapes that show a
    /// problem get one twice as often so every problem has profiles to look at.
    int profileEvery = 8;
    int batchSize = 2000; // jobs per transaction
    QString sourceName = QStringLiteral("Demo lakehouse");
};

/// One submission: when and which query shape.
struct DemoSlot
{
    qint64 submittedMs = 0;
    int shape = 0;
};

/// The demo workload: a 90-day schedule with a daily and weekly rhythm (office hours, weekday peaks,
/// nightly batches at fixed times, weekly reports) and, for each submission, the job and the execution
/// details its profile is written from. Pure computation: no store, no I/O. A job is derived from the
/// seed and its position only, so any job can be rebuilt on its own.
class DemoWorkload
{
public:
    explicit DemoWorkload(const DemoOptions& options);

    const DemoOptions& options() const { return m_options; }
    int size() const { return int(m_slots.size()); }
    const DemoSlot& slot(int index) const { return m_slots[index]; }
    QDate firstDay() const { return m_firstDay; }
    qint64 firstDayMs() const { return m_firstDayMs; }

    DemoJobSpec job(int index) const;
    bool hasProfile(int index) const;

    /// Relative query volume of an hour of the day (UTC) on a weekday or a weekend day.
    static double hourWeight(int hour, bool weekend);
    /// "UI Run" → "UI_RUN": job.proto's QueryType spelling of schedulingProperties.queryType.
    static QString queryTypeCode(const QString& schedulingQueryType);

private:
    void buildSchedule();

    DemoOptions m_options;
    QDate m_firstDay;
    qint64 m_firstDayMs = 0;
    QVector<DemoSlot> m_slots;
};

} // namespace dopt
