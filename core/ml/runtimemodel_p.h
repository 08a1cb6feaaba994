#pragma once
// Private to core/ml/runtimemodel.cpp and core/ml/modeltrainer.cpp: the only files that include dlib.

#include "runtimemodel.h"

#include <dlib/random_forest.h>
#include <dlib/svm.h>

namespace dopt {

using MlSample = dlib::matrix<double, 0, 1>;
using MlLinearFunction = dlib::decision_function<dlib::linear_kernel<MlSample>>;
using MlKernelFunction = dlib::decision_function<dlib::radial_basis_kernel<MlSample>>;
using MlForestFunction = dlib::random_forest_regression_function<dlib::dense_feature_extractor>;

struct RuntimeModel::Impl
{
    QString family;
    dlib::vector_normalizer<MlSample> normalizer;
    MlLinearFunction ridge;
    MlKernelFunction kernel;
    MlForestFunction forest;
    double residualLow = 0;
    double residualHigh = 0;
    long featureCount = 0;

    /// log(duration ms) of a raw (not yet normalised) sample.
    double predict(const MlSample& sample) const
    {
        if (family == QLatin1String("random_forest"))
            return forest(sample);
        const MlSample scaled = normalizer(sample);
        if (family == QLatin1String("ridge"))
            return ridge(scaled);
        return kernel(scaled);
    }
};

} // namespace dopt
