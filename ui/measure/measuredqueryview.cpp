#include "measuredqueryview.h"

#include "coretexts.h"
#include "sqlview.h"

#include <QFormLayout>
#include <QLabel>

namespace dopt {

MeasuredQueryView::MeasuredQueryView(QWidget* parent)
    : QWidget(parent)
    , m_sql(new SqlView(this))
    , m_job(new QLabel(this))
    , m_reason(new QLabel(this))
    , m_chosenBy(new QLabel(this))
{
    m_sql->setObjectName(QStringLiteral("measuredSqlView"));
    m_job->setObjectName(QStringLiteral("measuredJobLabel"));
    m_reason->setObjectName(QStringLiteral("measuredReasonLabel"));
    m_chosenBy->setObjectName(QStringLiteral("measuredChosenByLabel"));
    for (QLabel* label : {m_job, m_reason, m_chosenBy}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    auto* layout = new QFormLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addRow(m_sql);
    layout->addRow(tr("Job:"), m_job);
    layout->addRow(tr("Why this query:"), m_reason);
    layout->addRow(tr("Chosen by:"), m_chosenBy);
    clear();
}

void MeasuredQueryView::clear()
{
    m_sql->clear();
    m_sql->setPlaceholderText(tr("The query the measurement timed appears here"));
    for (QLabel* label : {m_job, m_reason, m_chosenBy})
        label->clear();
}

void MeasuredQueryView::setQuery(const std::optional<MeasuredQuery>& query)
{
    if (!query) {
        const QString notRecorded = tr("not recorded");
        m_sql->setSql(QString());
        m_sql->setPlaceholderText(CoreTexts::measuredQueryNotRecorded());
        m_job->setText(notRecorded);
        m_reason->setText(notRecorded);
        m_chosenBy->setText(notRecorded);
        return;
    }
    m_sql->setSql(query->sql);
    m_job->setText(query->jobId.isEmpty() ? tr("none known (no job of the workspace is tied to it)") : query->jobId);
    m_reason->setText(query->reason);
    m_chosenBy->setText(CoreTexts::queryChooser(query->chosenBy));
}

QString MeasuredQueryView::detailsText() const
{
    return tr("Job: %1\nWhy this query: %2\nChosen by: %3").arg(m_job->text(), m_reason->text(), m_chosenBy->text());
}

} // namespace dopt
