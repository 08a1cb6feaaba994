#pragma once

#include "model/job.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>
#include <QVector>
#include <optional>

namespace dopt {

/// What a history dump held: the jobs (one per job id, duplicates merged), the columns it had and
/// which product wrote it.
struct HistoryDump
{
    QVector<Job> jobs;
    QStringList columns; // schema / CSV header order; the first row's keys when the schema is empty
    bool cloud = false; // sys.project.history.jobs (ns *_epoch columns) rather than sys.jobs_recent
    QStringList warnings; // one line each, e.g. merged duplicate rows
};

/// Reads dumps of Dremio's job history tables: sys.jobs_recent (Software, 35 columns before 25.0,
/// 38+ after) and sys.project.history.jobs (Cloud), either as the REST results body
/// {rowCount, schema, rows} or as CSV with a header row (RFC 4180). Every column is optional; the
/// header/schema decides which exist. Software epochs are *_epoch_millis (ms), Cloud ones *_epoch
/// (ns); 0, 1970 and null mean "not reached". Reading is all or nothing: on the first malformed
/// row it returns false with "<what> (<where>)" and no jobs.
///
/// The static helpers below are shared with the other Dremio job readers (queries.json, ZIP
/// header) so every source maps ids, phases, datasets and duplicates the same way.
class HistoryDumpReader
{
public:
    static bool readJson(const QByteArray& bytes, HistoryDump* out, QString* error);
    static bool readCsv(const QByteArray& bytes, HistoryDump* out, QString* error);

    /// Maps one row (column name → value; strings, numbers, arrays or null) to a job. Epochs are
    /// normalised to ms by magnitude, so ms (Software) and ns (Cloud) columns both work.
    static Job jobFromRow(const QJsonObject& row);

    /// Splits CSV text into records of fields (RFC 4180: quoted fields with commas, doubled quotes
    /// and line breaks). Linear in the input size. On error returns false with the line number.
    static bool parseCsv(
        const QByteArray& bytes, QVector<QStringList>* records, QString* error, QVector<int>* recordLines = nullptr);

    /// The attempt a Dremio id names: the low byte of a job/attempt UUID (as in profiles), else 0.
    static int attemptOfJobId(const QString& jobId);
    /// Dataset paths from "[a.b, c]" strings, arrays of strings, or arrays of {name|datasetpath}.
    static QStringList datasetsFromValue(const QJsonValue& value);
    /// One phase per reached timestamp, in time order (ties keep the given order), each lasting
    /// until the next one starts; the last one ends at endMs. Phases not reached are left out.
    /// When any phase was reached and submittedMs is known, a PENDING phase covers the time from
    /// submission to the first phase (as the profile's stateList has it).
    struct PhaseMark
    {
        const char* name;
        std::optional<qint64> startMs;
    };
    static QVector<JobPhase> phasesFromMarks(
        const QVector<PhaseMark>& marks, std::optional<qint64> submittedMs, std::optional<qint64> endMs);
    /// Epoch value in ms from ms, µs or ns (by magnitude); 0, negative and non-numbers are absent.
    static std::optional<qint64> epochMs(const QJsonValue& value);
    /// Parses JSON that must be an object. On failure returns false with "malformed JSON: <why>
    /// (line L, byte offset N)" or "expected <expected>, found an array (byte offset 0)".
    static bool parseJsonObject(const QByteArray& bytes, QJsonObject* out, QString* error,
        const QString& expected = QStringLiteral("a JSON object"));
    /// Integer from a JSON number or a numeric string; absent for null, empty or non-numeric.
    static std::optional<qint64> integerOf(const QJsonValue& value);
    /// Copies into target every field target does not have yet (empty text, unset numbers, no
    /// datasets or phases).
    static void fillMissing(Job* target, const Job& from);
    /// Collapses jobs with the same (engine, jobId, attempt) into one, in first-seen order; later
    /// rows win where they have a value. Returns how many rows were merged away.
    static int mergeDuplicates(QVector<Job>* jobs, QStringList* warnings);
};

} // namespace dopt
