#pragma once

#include <QString>

namespace dopt {

/// Dremio's CoreOperatorType enum (UserBitShared.proto, ids 0-67 as of 25.2) and what the parser
/// needs to know about each type: its name and whether it starts a data flow inside a fragment.
class DremioOperatorTypes
{
public:
    static constexpr int count = 68;

    /// The proto name ("HASH_JOIN"), or an empty string for an id outside the table.
    static QString name(int type);
    /// Like name(), but "UNKNOWN_<id>" for ids outside the table.
    static QString nameOrUnknown(int type);
    static bool isKnown(int type) { return type >= 0 && type < count; }
    /// Readers of tables, files and system sources (the operators that report scanned rows).
    static bool isScan(int type);
    /// Receivers: inside their fragment they have no producer; the sender of another fragment feeds them.
    static bool isReceiver(int type);
    /// Senders: the root operator of every fragment except the query's root fragment.
    static bool isSender(int type);
    /// Number of producers inside the same fragment when the plan does not say: 0 for scans and
    /// receivers, 2 for joins, inputCount for unions, 1 otherwise.
    static int producerCount(int type, int inputCount);
};

} // namespace dopt
