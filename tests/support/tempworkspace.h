#pragma once

#include "store/workspace.h"
#include "testdata.h"

#include <QTest>
#include <memory>

namespace dopt::test {

/// A new, empty SQLite workspace in the test's temporary directory (prefix-N.dopt); a failed open
/// fails the running test with the reason.
inline std::unique_ptr<Workspace> openTempWorkspace(const QString& prefix)
{
    static int opened = 0;
    auto workspace = std::make_unique<Workspace>();
    QString error;
    const QString path = tempDir() + QStringLiteral("/%1-%2.dopt").arg(prefix).arg(++opened);
    [&] { QVERIFY2(workspace->open(path, &error), qPrintable(error)); }();
    return workspace;
}

} // namespace dopt::test
