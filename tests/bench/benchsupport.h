#pragma once

#include "fakedremioserver.h"

#include <QElapsedTimer>
#include <QString>
#include <QStringList>
#include <QTextStream>
#include <QThread>

/// Small utilities every benchmark in tests/bench needs: its printing stream, its options, its
/// timings and the process's memory figures. Benchmarks print figures; none of this asserts.
namespace dopt::bench {

/// The benchmark's output on stdout, shared by every function of the benchmark.
QTextStream& out();

/// The value after `name` on the command line (e.g. "--jobs 1000"), or `fallback` when absent.
QString optionValue(const QStringList& args, const QString& name, const QString& fallback);
int intOption(const QStringList& args, const QString& name, int fallback);

double secondsSince(const QElapsedTimer& timer);
double msSince(const QElapsedTimer& timer);

/// A line of /proc/self/status in KiB (VmHWM = peak resident set, VmRSS = current), -1 if absent.
qint64 procStatusKiB(const char* key);
/// The resident-set high-water mark of the process (VmHWM), in KiB.
qint64 peakRssKiB();
/// Resets VmHWM to the current resident set (/proc/self/clear_refs), so the next peak is a step's own.
void resetPeakRss();

/// A software-flavoured fake Dremio moved to `thread`, which is started: the client's blocking waits
/// in this thread do not stall the server. Start it (and set it up) on that thread.
test::FakeDremioServer* fakeDremioOnThread(QThread& thread);
/// Stops and deletes the server on its thread, then ends the thread.
void stopFakeDremioOnThread(test::FakeDremioServer* server, QThread& thread);

} // namespace dopt::bench
