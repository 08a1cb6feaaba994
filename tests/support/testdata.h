#pragma once

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QTest>

namespace dopt::test {

/// Absolute path of a file in ../shared/data/dremio, or an empty string when the folder is absent.
QString dremioSample(const QString& fileName);
/// Absolute path of a file under tests/data (the project's own test corpus). Independent of
/// __FILE__, which compiler caches may rewrite to a relative path.
QString projectTestData(const QString& relativePath);
/// Path of the command-line program built alongside the tests.
QString cliPath();
/// A fresh temporary directory path (kept alive for the process).
QString tempDir();
/// The bytes of a file, empty when it cannot be read.
QByteArray readFile(const QString& path);
/// The first column of the first row of a query (a count, a sum), -1 when it fails or is empty.
qint64 queryScalar(const QSqlDatabase& db, const QString& sql);

/// How a program run by runProgram() ended: its exit code (-1 when it crashed or did not finish in
/// ten minutes), standard output and standard error.
struct ProgramRun
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};
/// Runs a program without a display (no DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM: the CLI must cope
/// on its own) and without DOPT_LANGUAGE (the language comes from --language or the system).
ProgramRun runProgram(const QString& program, const QStringList& arguments);

} // namespace dopt::test

/// Skips the current test with a clear message when a shared sample is missing.
#define DOPT_REQUIRE_SAMPLE(var, name)                                                                                 \
    const QString var = dopt::test::dremioSample(QStringLiteral(name));                                                \
    if (var.isEmpty())                                                                                                 \
    QSKIP("../shared/data/dremio/" name " is absent: the real Dremio samples are not available on this machine")
