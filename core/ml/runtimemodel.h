#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <memory>

namespace dopt {

/// Predicted run time of one job and its 80% interval, in milliseconds.
struct RuntimePrediction
{
    double predictedMs = 0;
    double lowMs = 0;
    double highMs = 0;
};

/// A trained run-time model: one dlib regression function on log(duration ms) (ridge, kernel ridge
/// with an RBF kernel or a random forest) with its feature scaler and the residual quantiles that
/// make the 80% interval. dlib types stay inside the .cpp files (pimpl).
class RuntimeModel
{
public:
    struct Impl;

    RuntimeModel();
    explicit RuntimeModel(std::unique_ptr<Impl> impl);
    ~RuntimeModel();
    RuntimeModel(RuntimeModel&&) noexcept;
    RuntimeModel& operator=(RuntimeModel&&) noexcept;
    RuntimeModel(const RuntimeModel& other); // deep copy (results travel between threads by value)
    RuntimeModel& operator=(const RuntimeModel& other);

    bool isValid() const;
    /// ridge, kernel_ridge_rbf or random_forest.
    QString family() const;
    int featureCount() const;
    /// log(duration ms) for one feature row of featureCount() values.
    double predictLog(const double* features) const;
    /// The prediction with its 80% interval (residual quantiles of cross-validation).
    RuntimePrediction predict(const double* features) const;
    /// Lower and upper residual quantiles in log space (10% and 90%).
    double residualLow() const;
    double residualHigh() const;
    void setResidualQuantiles(double low, double high);

    /// dlib serialization of the family, scaler, regression function and residual quantiles.
    QByteArray serialize() const;
    /// Null model with *error on a damaged or foreign payload.
    static RuntimeModel deserialize(const QByteArray& payload, QString* error);

    static constexpr int FormatVersion = 1;

    // Metadata stored beside the payload (models table).
    QStringList features;
    QStringList queues;
    QJsonObject hyperparameters;
    QJsonObject metrics;
    QJsonArray importance; // [{feature, importance}], most important first
    qint64 windowFromMs = 0;
    qint64 windowToMs = 0;
    qint64 jobCount = 0;
    qint64 id = 0; // models.id once stored

private:
    std::unique_ptr<Impl> d;
};

} // namespace dopt
