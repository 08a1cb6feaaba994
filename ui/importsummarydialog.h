#pragma once

#include "sources/files/fileimporter.h"

#include <QDialog>

namespace dopt {

/// The end of an import: how many files and jobs came in, and every failed file with its one-line
/// reason (selectable, so it can be copied into a bug report).
class ImportSummaryDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ImportSummaryDialog(const ImportReport& report, QWidget* parent = nullptr);

    /// "Files: 12 · jobs: 340 · profiles: 12 · failed: 1" (also used in the status bar).
    static QString summaryText(const ImportReport& report);
};

} // namespace dopt
