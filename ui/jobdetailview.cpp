#include "jobdetailview.h"

#include "analysis/jobfindingsview.h"
#include "coretexts.h"
#include "displayformat.h"
#include "phasetimeline.h"
#include "plantreemodel.h"
#include "profileview.h"
#include "sources/jobdatasetsview.h"
#include "sqlview.h"

#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>
#include <cmath>

namespace dopt {

JobDetailView::JobDetailView(QWidget* parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_timeline(new PhaseTimeline(this))
    , m_sql(new SqlView(this))
    , m_profile(new ProfileView(this))
    , m_findings(new JobFindingsView(this))
    , m_datasets(new JobDatasetsView(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_rightSplitter(new QSplitter(Qt::Vertical, this))
{
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setTextFormat(Qt::PlainText);
    m_rightSplitter->addWidget(m_profile);
    m_rightSplitter->addWidget(m_findings);
    m_rightSplitter->addWidget(m_datasets);
    m_rightSplitter->setStretchFactor(0, 3);
    m_rightSplitter->setStretchFactor(1, 1);
    m_rightSplitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_sql);
    m_splitter->addWidget(m_rightSplitter);
    connect(m_findings, &JobFindingsView::operatorMarksChanged, m_profile->model(), &PlanTreeModel::setFindingMarks);
    connect(m_findings, &JobFindingsView::operatorChosen, m_profile, &ProfileView::selectOperator);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_timeline);
    layout->addWidget(m_splitter, 1);
    clear();
}

void JobDetailView::setWorkspace(std::shared_ptr<const Workspace> workspace)
{
    m_workspace = std::move(workspace);
    clear();
}

void JobDetailView::clear()
{
    m_job.reset();
    m_summary->setText(tr("No job selected."));
    m_timeline->setPhases({});
    m_sql->setSql(QString());
    m_profile->clear();
    m_findings->clear();
    m_datasets->clear();
}

QString JobDetailView::summaryText() const
{
    return m_summary->text();
}

void JobDetailView::reloadFindings()
{
    if (m_job)
        m_findings->showJob(m_workspace, m_job->job);
}

void JobDetailView::showJob(const JobRow& row)
{
    m_job = row;
    const Job& job = row.job;
    QStringList parts;
    parts << job.jobId;
    if (!job.state.isEmpty())
        parts << CoreTexts::jobState(job.state);
    if (!job.user.isEmpty())
        parts << tr("by %1").arg(job.user);
    if (job.submittedMs)
        parts << DisplayFormat::timestamp(*job.submittedMs);
    if (job.durationMs)
        parts << DisplayFormat::duration(*job.durationMs);
    if (!job.queue.isEmpty())
        parts << tr("queue %1").arg(job.queue);
    if (job.accelerated)
        parts << tr("accelerated");
    QString summary = parts.join(QStringLiteral(" · "));
    if (row.prediction) {
        const JobPrediction& p = *row.prediction;
        summary += QLatin1Char('\n')
            + tr("Predicted %1 (80% interval %2 – %3) by model %4 (%5)")
                  .arg(DisplayFormat::duration(p.predictedMs), DisplayFormat::duration(p.lowMs),
                      DisplayFormat::duration(p.highMs))
                  .arg(p.modelId)
                  .arg(CoreTexts::modelFamily(p.modelFamily));
        if (job.durationMs && p.predictedMs > 0)
            summary += tr("; actual/predicted %1").arg(DisplayFormat::ratio(*job.durationMs / p.predictedMs));
    }
    if (!job.error.isEmpty())
        summary += QLatin1Char('\n') + tr("Error: %1").arg(DisplayFormat::firstLine(job.error, 300));
    m_summary->setText(summary);
    m_timeline->setPhases(job.phases);
    m_sql->setSql(job.sql);
    // Always ask the store: the row's hasProfile flag may predate an import that added the profile.
    m_profile->showJob(m_workspace, row.rowId);
    m_findings->showJob(m_workspace, job);
    m_datasets->showJob(m_workspace, row.rowId, job.datasets);
}

QByteArray JobDetailView::saveState() const
{
    return m_splitter->saveState();
}

void JobDetailView::restoreState(const QByteArray& state)
{
    if (!state.isEmpty())
        m_splitter->restoreState(state);
}

} // namespace dopt
