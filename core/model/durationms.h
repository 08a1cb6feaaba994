#pragma once

#include <QString>

namespace dopt {

/// The digits a job duration in milliseconds is shown with. PostgreSQL reports statements to the
/// microsecond ("duration: 0.231 ms"), Dremio in whole milliseconds: below 10 ms the fraction is what
/// tells runs apart, above it is noise. One rule for the views (DisplayFormat, localised) and the
/// machine text of the CLI (C locale), so both show "0.23 ms", "4.1 ms", "850 ms" alike.
class DurationMs
{
public:
    /// 3 below 0.1 ms, 2 below 1 ms, 1 below 10 ms; 0 from 10 ms on and for whole values (Dremio's).
    static int decimals(double ms);
    /// ms with decimals(ms) digits in the C locale, without unit: "0.231" → "0.23", 4.12 → "4.1", 1234 → "1234".
    static QString text(double ms);
};

} // namespace dopt
