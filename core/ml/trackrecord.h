#pragma once

#include "analysis/recommendation.h"

#include <QSqlDatabase>
#include <QString>
#include <QVector>
#include <optional>

namespace dopt {

/// How one kind of recommendation (its detector, or the measured action when the recommendation is
/// gone) fared when measured: measured improvement share / predicted share, per completed measurement.
struct KindTrackRecord
{
    QString kind;
    int measurements = 0;
    double medianRatio = 1; // median of measured / predicted
    double confidenceFactor = 1; // what the next ranking multiplies this kind's confidence by
};

/// The learning loop: after measurements, predicted against measured improvement per kind, and a
/// confidence factor that shrinks the median ratio toward 1 with a prior worth PriorWeight
/// measurements, (PriorWeight + n x median) / (PriorWeight + n), bounded to [MinFactor, MaxFactor].
/// A kind that saved half of what it promised over many measurements ends near 0.5; one lucky
/// measurement moves it little.
class TrackRecord
{
public:
    static constexpr double PriorWeight = 3;
    static constexpr double MinFactor = 0.25;
    static constexpr double MaxFactor = 1.5;
    static constexpr double MaxRatio = 3; // one measurement's ratio is capped (a tiny prediction explodes it)
    static constexpr double MinPredictedShare = 0.01; // below this the ratio means nothing

    /// Completed measurements with a predicted and a measured share, grouped by kind (sorted by kind).
    static std::optional<QVector<KindTrackRecord>> read(QSqlDatabase db, QString* error);
    static double confidenceFactor(int measurements, double medianRatio);
    /// One measurement's ratio, capped to [0, MaxRatio] (a slower "after" counts as 0).
    static double ratio(double measuredShare, double predictedShare);
    /// Multiplies each recommendation's confidence (and so its score) by its kind's factor and notes
    /// it in the rationale and definition.track_record.
    static void applyTo(const QVector<KindTrackRecord>& records, QVector<Recommendation>* recommendations);
    /// read() + applyTo(); false only on a database error.
    static bool apply(QSqlDatabase db, QVector<Recommendation>* recommendations, QString* error);
};

} // namespace dopt
