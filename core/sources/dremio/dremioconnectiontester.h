#pragma once

#include "dremioconnection.h"

#include <QString>
#include <atomic>

namespace dopt {

/// What "Test connection" found out.
struct DremioConnectionTestResult
{
    bool ok = false;
    QString message; // one line for the user: what worked or what failed and what to do
    int catalogEntries = 0; // top-level spaces/sources/home the credentials can see
    qint64 elapsedMs = 0;
};

/// Checks a connection the way a collect run will use it: validates the settings and the CA file,
/// logs in when the connection uses a password, and lists the catalog root (an authenticated,
/// cheap call both Software and Cloud offer). Blocking, with a local event loop: run it on a
/// worker thread. Never retries long: the user is waiting for the answer.
class DremioConnectionTester
{
public:
    static DremioConnectionTestResult test(
        const DremioConnection& connection, const QString& secret, const std::atomic_bool* cancelled = nullptr);
};

} // namespace dopt
