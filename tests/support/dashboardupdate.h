#pragma once
// Waiting for the Dashboard page's figures in tests (header-only).

#include "dashboard/dashboardview.h"

#include <QSignalSpy>
#include <QTest>

namespace dopt::test {

/// Waits until the view applied its figures (true) or failed to load them (false).
inline bool waitForDashboardUpdate(DashboardView& view)
{
    QSignalSpy updated(&view, &DashboardView::updated);
    QSignalSpy failed(&view, &DashboardView::loadFailed);
    return QTest::qWaitFor([&] { return !updated.isEmpty() || !failed.isEmpty(); }, 300000) && failed.isEmpty();
}

} // namespace dopt::test
