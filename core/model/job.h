#pragma once

#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace dopt {

/// One phase of a job's life (planning, queued, running...) as shown in the state-duration timeline.
struct JobPhase
{
    QString name;
    qint64 startMs = 0;
    qint64 durationMs = 0;
};

/// One query execution as collected from any engine. Every field but engine/jobId is optional:
/// sources differ in what they know, and unknown stays distinguishable from zero.
struct Job
{
    QString engine = QStringLiteral("dremio");
    QString jobId;
    int attempt = 0;
    QString sql;
    QString user;
    QString queue;
    QString state; // COMPLETED, FAILED, CANCELED, RUNNING...
    QString queryType; // UI_RUN, JDBC, REST...
    QString engineName;
    QString error;
    std::optional<qint64> submittedMs; // epoch milliseconds (UTC)
    std::optional<qint64> startedMs;
    std::optional<qint64> endedMs;
    // Milliseconds with their fraction: PostgreSQL reports statements to the microsecond (0.231 ms),
    // Dremio in whole milliseconds. Stored in jobs.duration_ms (see JobRepository).
    std::optional<double> durationMs;
    std::optional<qint64> rowsScanned;
    std::optional<qint64> bytesScanned;
    std::optional<qint64> rowsReturned;
    std::optional<qint64> bytesReturned;
    std::optional<double> plannerCost;
    bool accelerated = false;
    QStringList datasets;
    QVector<JobPhase> phases;
};

} // namespace dopt
