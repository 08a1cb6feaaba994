#pragma once
// A generated demo workspace for tests (header-only): N jobs, a profile every K jobs (0 = none).

#include "demo/demogenerator.h"
#include "testdata.h"

#include <QString>

namespace dopt::test {

/// Generates tempDir()/name; returns its path, or an empty string with *error set.
inline QString makeDemoWorkspace(const QString& name, int jobs, int profileEvery, QString* error)
{
    const QString path = tempDir() + QLatin1Char('/') + name;
    DemoOptions options;
    options.jobs = jobs;
    options.profileEvery = profileEvery;
    return DemoGenerator(options).generate(path, error) ? path : QString();
}

} // namespace dopt::test
