#include "importsummarydialog.h"

#include "displayformat.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace dopt {

ImportSummaryDialog::ImportSummaryDialog(const ImportReport& report, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(report.failedCount() > 0 ? tr("Import finished with failures") : tr("Import finished"));
    auto* layout = new QVBoxLayout(this);
    auto* summary = new QLabel(summaryText(report), this);
    summary->setWordWrap(true);
    layout->addWidget(summary);

    if (report.failedCount() > 0) {
        auto* failures = new QTreeWidget(this);
        failures->setColumnCount(2);
        failures->setHeaderLabels({tr("File"), tr("Reason")});
        failures->setRootIsDecorated(false);
        failures->setWordWrap(true);
        for (const FileImportResult& file : report.files) {
            if (file.ok)
                continue;
            auto* item = new QTreeWidgetItem(failures, {file.path, file.error});
            item->setToolTip(0, file.path);
            item->setToolTip(1, file.error);
        }
        failures->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
        failures->header()->setStretchLastSection(true);
        layout->addWidget(failures, 1);
        resize(760, 360);
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    layout->addWidget(buttons);
}

QString ImportSummaryDialog::summaryText(const ImportReport& report)
{
    // Label-value pairs rather than "%n file(s)": correct in English without a plural translation.
    QString text
        = tr("Files: %1 · jobs: %2 · profiles: %3")
              .arg(DisplayFormat::exactCount(report.files.size()), DisplayFormat::exactCount(report.jobCount()),
                  DisplayFormat::exactCount(report.profileCount()));
    if (report.failedCount() > 0)
        text += QStringLiteral(" · ") + tr("failed: %1").arg(DisplayFormat::exactCount(report.failedCount()));
    if (report.cancelled)
        text += QStringLiteral(" ") + tr("(cancelled before the end)");
    return text;
}

} // namespace dopt
