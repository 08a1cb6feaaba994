#pragma once
// Runs the command-line program built alongside the tests (header-only, for tests/cli).

#include "testdata.h"

#include <QByteArray>
#include <QProcess>
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

} // namespace dopt::test
