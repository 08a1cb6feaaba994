#include "benchsupport.h"

#include <QFile>

namespace dopt::bench {

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

QString optionValue(const QStringList& args, const QString& name, const QString& fallback)
{
    const qsizetype at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size() ? args.at(at + 1) : fallback;
}

int intOption(const QStringList& args, const QString& name, int fallback)
{
    const qsizetype at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size() ? args.at(at + 1).toInt() : fallback;
}

double secondsSince(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

double msSince(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

qint64 procStatusKiB(const char* key)
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(qstrlen(key) + 1).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

qint64 peakRssKiB()
{
    return procStatusKiB("VmHWM:");
}

void resetPeakRss()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5");
}

test::FakeDremioServer* fakeDremioOnThread(QThread& thread)
{
    auto* server = new test::FakeDremioServer(test::FakeDremioServer::Flavor::Software);
    server->moveToThread(&thread);
    thread.start();
    return server;
}

void stopFakeDremioOnThread(test::FakeDremioServer* server, QThread& thread)
{
    QMetaObject::invokeMethod(
        server,
        [server]() {
            server->stop();
            delete server;
        },
        Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
}

} // namespace dopt::bench
