#pragma once
// Runs the command-line program built alongside the tests (header-only, for tests/cli).

#include "testdata.h"

#include <QByteArray>
#include <QEventLoop>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QtGlobal>

namespace dopt::test {

struct CliRun
{
    int exitCode = -1; // -1 when the program crashed or did not finish
    QByteArray out;
    QString err;
};

inline CliRun runCliProgram(const QStringList& arguments, int timeoutMs = 600000)
{
    QProcess process;
    process.start(cliPath(), arguments);
    if (!process.waitForFinished(timeoutMs))
        qWarning("CLI did not finish: %s", qPrintable(arguments.join(QLatin1Char(' '))));
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
        QString::fromUtf8(process.readAllStandardError())};
}

/// Runs the CLI with `environment` while this process keeps serving events (a fake server living here).
inline CliRun runCliServing(const QStringList& arguments, const QProcessEnvironment& environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    process.start(cliPath(), arguments);
    loop.exec();
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
        QString::fromUtf8(process.readAllStandardError())};
}

} // namespace dopt::test
