#pragma once

#include "measure/measurementrequest.h"
#include "measure/measurementresult.h"
#include "measure/measurementstore.h"

#include <QSqlDatabase>
#include <functional>

namespace dopt {

/// Where a measurement stands, reported after every step (on the measuring thread).
struct MeasurementProgress
{
    int done = 0; // timed runs finished (warm-ups included)
    int total = 0; // 2 x (warm-up runs + runs)
    QString phase; // apply, warmup, plan, run, undo, keep
    std::optional<MeasurementRun> run; // the run just finished (phase warmup or run)
    QString message; // one line for a status bar or the CLI
};
using MeasurementProgressCallback = std::function<void(const MeasurementProgress&)>;

/// The bookkeeping every measurer shares (PostgresMeasurer, DremioMeasurer): the result being
/// built, written to the workspace as it goes (the "running" row first, every run, whether the
/// change is in place, then the figures), progress reports, the same-result check of a rewrite,
/// and the end of a measurement that failed (undo what was applied, say so when the undo fails).
class MeasurementRecorder
{
public:
    using Undo = std::function<bool(QString* error)>;

    MeasurementRecorder(
        QSqlDatabase db, const MeasurementRequest& request, const MeasurementProgressCallback& progress);

    MeasurementResult& result() { return m_result; }
    MeasurementStore& store() { return m_store; }

    /// Fills the result from the request, validates it and stores the measurement "running"; false
    /// (result().error set, nothing stored when invalid) otherwise. total = runs to report.
    bool begin(const QString& engine, const QString& target);
    void report(const QString& phase, const QString& message, std::optional<MeasurementRun> run = std::nullopt) const;
    /// The next run's sequence number (counts failed runs too).
    int nextSeq() { return ++m_seq; }
    int seq() const { return m_seq; }
    /// Stores a finished run and reports it with message.
    bool addRun(const MeasurementRun& run, const QString& message, QString* error);
    /// Records the first results of both variants; false (verdict invalid, error "what: ...") when
    /// they must match and do not.
    bool checkSameResult(qint64 rowsBefore, const QString& checksumBefore, qint64 rowsAfter,
        const QString& checksumAfter, bool mustMatch, const QString& what);
    /// The change is now in place (true) or undone (false, with the time it was).
    void setApplied(bool applied);
    /// Ends the measurement failed or cancelled; runs undo when the change is in place (keep is for
    /// completed measurements only); when it fails the measurement stays "applied" for revert. Plans
    /// already taken are stored; a missing one is stored as the reason it is missing.
    MeasurementResult fail(const QString& error, bool isCancel, const Undo& undo);
    /// Writes the end state and, when the change stays, marks the recommendation applied.
    MeasurementResult finish();

    /// revert for any engine: the measurement must exist and be applied; undo runs its statements;
    /// then it is marked reverted and its recommendation "reverted".
    static bool revert(QSqlDatabase db, qint64 measurementId,
        const std::function<bool(const MeasurementResult&, QString*)>& undo, QString* error);

private:
    QSqlDatabase m_db;
    MeasurementStore m_store;
    const MeasurementRequest& m_request;
    const MeasurementProgressCallback& m_progress;
    MeasurementResult m_result;
    int m_done = 0;
    int m_total = 0;
    int m_seq = 0;
};

} // namespace dopt
