#include "trackrecord.h"

#include <QHash>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>
#include <map>
#include <vector>

namespace dopt {

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    if (n == 0)
        return 1;
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

} // namespace

double TrackRecord::ratio(double measuredShare, double predictedShare)
{
    return std::clamp(measuredShare / predictedShare, 0.0, MaxRatio);
}

double TrackRecord::confidenceFactor(int measurements, double medianRatio)
{
    const double n = std::max(0, measurements);
    return std::clamp((PriorWeight + n * medianRatio) / (PriorWeight + n), MinFactor, MaxFactor);
}

std::optional<QVector<KindTrackRecord>> TrackRecord::read(QSqlDatabase db, QString* error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT COALESCE(r.detector, a.action, 'unknown'), m.measured_improvement_share, "
                                 "m.predicted_improvement_share FROM measurements m "
                                 "LEFT JOIN recommendations r ON r.id = m.recommendation_id "
                                 "LEFT JOIN measurement_actions a ON a.measurement_id = m.id "
                                 "WHERE m.state = 'done' AND m.measured_improvement_share IS NOT NULL "
                                 "AND m.predicted_improvement_share >= ?"));
    query.addBindValue(MinPredictedShare);
    if (!query.exec()) {
        *error = QStringLiteral("track record: reading measurements: %1").arg(query.lastError().text());
        return std::nullopt;
    }
    std::map<QString, std::vector<double>> ratios;
    while (query.next())
        ratios[query.value(0).toString()].push_back(ratio(query.value(1).toDouble(), query.value(2).toDouble()));
    QVector<KindTrackRecord> records;
    for (const auto& [kind, values] : ratios) {
        KindTrackRecord record;
        record.kind = kind;
        record.measurements = int(values.size());
        record.medianRatio = median(values);
        record.confidenceFactor = confidenceFactor(record.measurements, record.medianRatio);
        records.append(record);
    }
    return records;
}

void TrackRecord::applyTo(const QVector<KindTrackRecord>& records, QVector<Recommendation>* recommendations)
{
    QHash<QString, const KindTrackRecord*> byKind;
    for (const KindTrackRecord& record : records)
        byKind.insert(record.kind, &record);
    for (Recommendation& r : *recommendations) {
        const KindTrackRecord* record = byKind.value(r.detector);
        if (!record || r.confidence <= 0)
            continue;
        const double adjusted = std::clamp(r.confidence * record->confidenceFactor, 0.01, 1.0);
        r.score *= adjusted / r.confidence;
        r.definition.insert(QStringLiteral("track_record"),
            QJsonObject {{QStringLiteral("measurements"), record->measurements},
                {QStringLiteral("median_measured_over_predicted"), record->medianRatio},
                {QStringLiteral("confidence_factor"), record->confidenceFactor},
                {QStringLiteral("confidence_before"), r.confidence}});
        r.appendRationale(AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
                                           "Track record of %1: %2 measurement(s), measured/predicted %3 (median), "
                                           "confidence x %4."))
                              .arg(r.detector)
                              .argInteger(record->measurements)
                              .argNumber(record->medianRatio, 'f', 2)
                              .argNumber(record->confidenceFactor, 'f', 2));
        r.confidence = adjusted;
    }
}

bool TrackRecord::apply(QSqlDatabase db, QVector<Recommendation>* recommendations, QString* error)
{
    const std::optional<QVector<KindTrackRecord>> records = read(db, error);
    if (!records)
        return false;
    applyTo(*records, recommendations);
    return true;
}

} // namespace dopt
