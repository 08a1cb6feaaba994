#pragma once

#include "analysis/finding.h"

#include <QCoreApplication>
#include <QString>

namespace dopt {

/// The translated names of values that come from core data (severities, detector ids, measurement
/// verdicts): core stores and prints the stable English ids, the GUI shows these. An id without a
/// translation is shown as it is.
class CoreTexts
{
    Q_DECLARE_TR_FUNCTIONS(dopt::CoreTexts)

public:
    static QString severity(Severity severity);
    static QString detector(const QString& id);
    static QString verdict(const QString& verdict);
    /// A recommendation's status (open, applied, kept, reverted, dismissed).
    static QString recommendationStatus(const QString& status);
};

} // namespace dopt
