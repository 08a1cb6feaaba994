#include "runtimemodel_p.h"

#include <cmath>
#include <sstream>

namespace dopt {

namespace {
// The forest's (de)serializers are hidden friends: only argument-dependent lookup finds them,
// which RuntimeModel's own serialize()/deserialize() members would shadow.
void writeForest(const MlForestFunction& forest, std::ostream& stream)
{
    serialize(forest, stream);
}
void readForest(MlForestFunction& forest, std::istream& stream)
{
    deserialize(forest, stream);
}
} // namespace

RuntimeModel::RuntimeModel() = default;
RuntimeModel::RuntimeModel(std::unique_ptr<Impl> impl)
    : d(std::move(impl))
{ }
RuntimeModel::~RuntimeModel() = default;
RuntimeModel::RuntimeModel(RuntimeModel&&) noexcept = default;
RuntimeModel& RuntimeModel::operator=(RuntimeModel&&) noexcept = default;

RuntimeModel::RuntimeModel(const RuntimeModel& other)
    : features(other.features)
    , queues(other.queues)
    , hyperparameters(other.hyperparameters)
    , metrics(other.metrics)
    , importance(other.importance)
    , windowFromMs(other.windowFromMs)
    , windowToMs(other.windowToMs)
    , jobCount(other.jobCount)
    , id(other.id)
    , d(other.d ? std::make_unique<Impl>(*other.d) : nullptr)
{ }

RuntimeModel& RuntimeModel::operator=(const RuntimeModel& other)
{
    if (this != &other)
        *this = RuntimeModel(other);
    return *this;
}

bool RuntimeModel::isValid() const
{
    return d != nullptr;
}

QString RuntimeModel::family() const
{
    return d ? d->family : QString();
}

int RuntimeModel::featureCount() const
{
    return d ? int(d->featureCount) : 0;
}

double RuntimeModel::predictLog(const double* features) const
{
    MlSample sample(d->featureCount);
    for (long i = 0; i < d->featureCount; ++i)
        sample(i) = features[i];
    return d->predict(sample);
}

RuntimePrediction RuntimeModel::predict(const double* features) const
{
    const double log = predictLog(features);
    return {std::exp(log), std::exp(log + d->residualLow), std::exp(log + d->residualHigh)};
}

double RuntimeModel::residualLow() const
{
    return d ? d->residualLow : 0.0;
}

double RuntimeModel::residualHigh() const
{
    return d ? d->residualHigh : 0.0;
}

void RuntimeModel::setResidualQuantiles(double low, double high)
{
    d->residualLow = low;
    d->residualHigh = high;
}

QByteArray RuntimeModel::serialize() const
{
    std::ostringstream stream;
    dlib::serialize(std::string("dopt-runtime-model"), stream);
    dlib::serialize(FormatVersion, stream);
    dlib::serialize(d->family.toStdString(), stream);
    dlib::serialize(d->featureCount, stream);
    dlib::serialize(d->residualLow, stream);
    dlib::serialize(d->residualHigh, stream);
    dlib::serialize(d->normalizer, stream);
    if (d->family == QLatin1String("ridge"))
        dlib::serialize(d->ridge, stream);
    else if (d->family == QLatin1String("kernel_ridge_rbf"))
        dlib::serialize(d->kernel, stream);
    else
        writeForest(d->forest, stream);
    const std::string bytes = stream.str();
    return QByteArray(bytes.data(), qsizetype(bytes.size()));
}

RuntimeModel RuntimeModel::deserialize(const QByteArray& payload, QString* error)
{
    auto impl = std::make_unique<Impl>();
    try {
        std::istringstream stream(std::string(payload.constData(), size_t(payload.size())));
        std::string magic;
        int version = 0;
        std::string family;
        dlib::deserialize(magic, stream);
        dlib::deserialize(version, stream);
        if (magic != "dopt-runtime-model" || version != FormatVersion) {
            *error = QStringLiteral("model payload: not a run-time model of format %1").arg(FormatVersion);
            return {};
        }
        dlib::deserialize(family, stream);
        impl->family = QString::fromStdString(family);
        dlib::deserialize(impl->featureCount, stream);
        dlib::deserialize(impl->residualLow, stream);
        dlib::deserialize(impl->residualHigh, stream);
        dlib::deserialize(impl->normalizer, stream);
        if (impl->family == QLatin1String("ridge"))
            dlib::deserialize(impl->ridge, stream);
        else if (impl->family == QLatin1String("kernel_ridge_rbf"))
            dlib::deserialize(impl->kernel, stream);
        else if (impl->family == QLatin1String("random_forest"))
            readForest(impl->forest, stream);
        else {
            *error = QStringLiteral("model payload: unknown family '%1'").arg(impl->family);
            return {};
        }
    } catch (const std::exception& e) {
        *error = QStringLiteral("model payload: %1").arg(QString::fromLocal8Bit(e.what()).trimmed());
        return {};
    }
    return RuntimeModel(std::move(impl));
}

} // namespace dopt
