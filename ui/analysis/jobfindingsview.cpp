#include "jobfindingsview.h"

#include "analysis/analysisstore.h"
#include "compactpane.h"
#include "coretexts.h"
#include "displayformat.h"
#include "sql/fingerprinter.h"
#include "store/workspace.h"
#include "tasks/workerconnection.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace dopt {

namespace {

struct LoadResult
{
    QVector<Finding> findings;
    QString error;
};

QString evidenceText(const Evidence& evidence)
{
    const QString value = evidence.unit == QLatin1String("ms") ? DisplayFormat::duration(evidence.value)
        : evidence.unit == QLatin1String("bytes")
        ? DisplayFormat::bytes(qint64(evidence.value))
        : DisplayFormat::significant(evidence.value, 6) + QLatin1Char(' ') + evidence.unit;
    return QStringLiteral("%1: %2").arg(CoreTexts::evidenceName(evidence.name), value.trimmed());
}

} // namespace

JobFindingsView::JobFindingsView(QWidget* parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_list(new QTreeWidget(this))
    , m_details(new QTextBrowser(this))
    , m_runner(1)
{
    m_status->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("jobFindingsList"));
    m_details->setMinimumHeight(CompactPaneHeight);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({tr("Severity"), tr("Detector"), tr("Finding"), tr("Est. saving"), tr("Operator")});
    m_list->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_list->header()->setStretchLastSection(false);
    m_details->setOpenLinks(false);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_list);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addWidget(splitter, 1);
    connect(m_list, &QTreeWidget::currentItemChanged, this,
        [this](QTreeWidgetItem* item) { showDetails(item ? m_list->indexOfTopLevelItem(item) : -1); });
    clear();
}

QString JobFindingsView::statusText() const
{
    return m_status->text();
}

void JobFindingsView::clear()
{
    m_runner.discardAll();
    m_loadTask = 0;
    m_findings.clear();
    m_list->clear();
    m_details->clear();
    m_status->setText(tr("No job selected."));
    Q_EMIT operatorMarksChanged({});
}

void JobFindingsView::showJob(std::shared_ptr<const Workspace> workspace, const Job& job)
{
    clear();
    if (!workspace || !workspace->isOpen())
        return;
    m_status->setText(tr("Reading findings…"));
    const QString sql = job.sql;
    const SqlDialect dialect = job.engine.startsWith(QLatin1String("postgres"), Qt::CaseInsensitive)
        ? SqlDialect::Postgres
        : SqlDialect::Dremio;
    m_loadTask = m_runner.start(
        [workspace, sql, dialect](TaskContext&) {
            LoadResult result;
            if (sql.trimmed().isEmpty())
                return result;
            // The same fingerprint the analysis grouped this job under.
            const QString fingerprint = Fingerprinter::fingerprint(sql, dialect).fingerprint;
            WorkerConnection connection(*workspace);
            result.findings = AnalysisStore(connection.db()).findingsForFingerprint(fingerprint, &result.error);
            return result;
        },
        [this](LoadResult result) {
            m_loadTask = 0;
            if (!result.error.isEmpty()) {
                m_status->setText(tr("The findings could not be read: %1").arg(result.error));
                Q_EMIT loadFinished(0);
                return;
            }
            m_findings = std::move(result.findings);
            QHash<QString, QStringList> marks;
            for (const Finding& finding : std::as_const(m_findings)) {
                auto* item = new QTreeWidgetItem(m_list);
                item->setText(0, CoreTexts::severity(finding.severity));
                item->setText(1, CoreTexts::detector(finding.detectorId));
                item->setToolTip(1, CoreTexts::detectorDescription(finding.detectorId));
                const QString title = CoreTexts::analysisText(finding.titleText, finding.title);
                item->setText(2, title);
                item->setToolTip(2, title);
                item->setText(
                    3, finding.improvementMs > 0 ? DisplayFormat::duration(finding.improvementMs) : QString());
                item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
                item->setText(4, finding.operatorKey);
                if (!finding.operatorKey.isEmpty())
                    marks[finding.operatorKey].append(title);
            }
            m_status->setText(m_findings.isEmpty()
                    ? tr("No findings for this query shape (run Analysis → Analyze Workspace after importing).")
                    : tr("%n finding(s) for this query shape; operators they point at are marked in the tree.", nullptr,
                        int(m_findings.size())));
            Q_EMIT operatorMarksChanged(marks);
            Q_EMIT loadFinished(int(m_findings.size()));
        },
        [this](const QString& error) {
            m_loadTask = 0;
            m_status->setText(tr("The findings could not be read: %1").arg(error));
            Q_EMIT loadFinished(0);
        });
}

void JobFindingsView::showDetails(int row)
{
    if (row < 0 || row >= m_findings.size()) {
        m_details->clear();
        return;
    }
    const Finding& finding = m_findings[row];
    QString html = QStringLiteral("<p><b>%1</b></p>")
                       .arg(CoreTexts::analysisText(finding.titleText, finding.title).toHtmlEscaped());
    html += QStringLiteral("<p>%1</p>")
                .arg(tr("Severity %1 · confidence %2 · seen in %Ln job(s) of this shape", nullptr, finding.occurrences)
                         .arg(CoreTexts::severity(finding.severity), DisplayFormat::percent(finding.confidence, 0)));
    if (!finding.evidence.isEmpty()) {
        html += QStringLiteral("<p>%1</p><ul>").arg(tr("Evidence:"));
        for (const Evidence& evidence : finding.evidence)
            html += QStringLiteral("<li>%1</li>").arg(evidenceText(evidence).toHtmlEscaped());
        html += QStringLiteral("</ul>");
    }
    if (finding.improvementMs > 0)
        html += QStringLiteral("<p>%1</p>")
                    .arg(tr("Estimated saving: %1 (%2 of the job's time)")
                             .arg(DisplayFormat::duration(finding.improvementMs),
                                 DisplayFormat::percent(finding.improvementShare, 0)));
    if (!finding.recommendation.isEmpty())
        html += QStringLiteral("<p><b>%1</b> %2</p>")
                    .arg(tr("What to do:"),
                        CoreTexts::analysisText(finding.recommendationText, finding.recommendation).toHtmlEscaped());
    if (!finding.jobIds.isEmpty())
        html += QStringLiteral("<p>%1</p>")
                    .arg(tr("Example jobs: %1").arg(finding.jobIds.join(QStringLiteral(", ")).toHtmlEscaped()));
    m_details->setHtml(html);
    if (!finding.operatorKey.isEmpty())
        Q_EMIT operatorChosen(finding.operatorKey);
}

} // namespace dopt
