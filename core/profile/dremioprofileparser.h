#pragma once

#include "parsedprofile.h"

#include <QByteArray>

namespace dopt {

/// Parses a Dremio QueryProfile JSON (profile_attempt_N.json, /apiv2/profiles/{id}.json) with
/// simdjson into a ParsedProfile. Every field is optional; operators are aggregated over threads by
/// (majorFragmentId, operatorId); metric names come from the profile's operatorTypeMetricsMap,
/// falling back to a per-version table when it is empty. Parent/child links come from jsonPlan
/// inputs, else from the plan text, else from the fragment exchange structure.
class DremioProfileParser
{
public:
    /// Returns false with a one-line reason in *error for malformed or wrong-shaped JSON.
    static bool parse(const QByteArray& json, ParsedProfile* out, QString* error);
};

} // namespace dopt
