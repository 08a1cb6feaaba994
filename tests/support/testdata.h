#pragma once

#include <QString>
#include <QTest>

namespace dopt::test {

/// Absolute path of a file in ../shared/data/dremio, or an empty string when the folder is absent.
QString dremioSample(const QString& fileName);
/// Path of the command-line program built alongside the tests.
QString cliPath();
/// A fresh temporary directory path (kept alive for the process).
QString tempDir();

} // namespace dopt::test

/// Skips the current test with a clear message when a shared sample is missing.
#define DOPT_REQUIRE_SAMPLE(var, name)                                                                                \
    const QString var = dopt::test::dremioSample(QStringLiteral(name));                                               \
    if (var.isEmpty())                                                                                                 \
    QSKIP("../shared/data/dremio/" name " is absent: the real Dremio samples are not available on this machine")
