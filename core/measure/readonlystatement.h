#pragma once

#include <QString>

namespace dopt {

/// Decides with libpg_query whether a statement may be measured: exactly one plain SELECT (or
/// VALUES / set operation), without SELECT INTO, row locks (FOR UPDATE...) or data-modifying CTEs.
/// The measured runs also execute in READ ONLY transactions; this check gives the clear message first.
class ReadOnlyStatement
{
public:
    /// True when `sql` is a read-only query; otherwise false with the reason in *reason.
    static bool check(const QString& sql, QString* reason);
};

} // namespace dopt
