#include "workloadview.h"

#include "coretexts.h"
#include "dashboard/heatmapwidget.h"
#include "displayformat.h"
#include "store/workspace.h"
#include "tasks/workerconnection.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace dopt {

namespace {
constexpr qint64 kHourMs = 3'600'000;
constexpr qint64 kDayMs = 86'400'000;
} // namespace

WorkloadView::WorkloadView(QWidget* parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_heatmap(new HeatmapWidget(this))
    , m_patterns(new QTreeWidget(this))
    , m_recomputeButton(new QPushButton(tr("&Recompute patterns"), this))
{
    m_summary->setWordWrap(true);
    m_patterns->setRootIsDecorated(false);
    m_patterns->setHeaderLabels({tr("Pattern"), tr("Confidence"), tr("When (UTC)"), tr("Query shape")});
    m_patterns->header()->setStretchLastSection(true);
    auto* top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_recomputeButton, 0, Qt::AlignTop);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_heatmap, 1);
    layout->addWidget(m_patterns, 1);
    connect(m_recomputeButton, &QPushButton::clicked, this, &WorkloadView::recompute);
    apply({});
}

WorkloadView::~WorkloadView()
{
    m_runner.discardAll();
    m_runner.waitForWorkers();
}

void WorkloadView::setWorkspace(std::shared_ptr<Workspace> workspace)
{
    m_workspace = std::move(workspace);
    reload();
}

void WorkloadView::reload()
{
    load(false);
}

void WorkloadView::recompute()
{
    load(true);
}

void WorkloadView::load(bool forceRecompute)
{
    m_runner.discardAll();
    m_task = 0;
    if (!m_workspace || !m_workspace->isOpen()) {
        apply({});
        return;
    }
    m_summary->setText(tr("Computing…"));
    m_recomputeButton->setEnabled(false);
    auto workspace = m_workspace;
    m_task = m_runner.start(
        [workspace, forceRecompute](TaskContext& context) {
            WorkerConnection connection(*workspace);
            std::pair<WorkloadAnalysis, bool> result; // the analysis, and whether it was stored anew
            WorkloadAnalysis& analysis = result.first;
            QString error;
            // The counts are read-only; the stored patterns are replaced only when stale or asked.
            if (!WorkloadPatterns::analyzeWorkspace(connection.db(), context.cancelFlag(), &analysis, &error)) {
                context.fail(error);
                return result;
            }
            QVector<WorkloadPattern> stored;
            bool stale = true;
            if (!forceRecompute && !WorkloadPatterns::loadStored(connection.db(), &stored, &stale, &error)) {
                context.fail(error);
                return result;
            }
            if (forceRecompute || stale) {
                if (!WorkloadPatterns::store(connection.db(), analysis, &error))
                    context.fail(error);
                result.second = true;
            } else {
                analysis.patterns = stored;
            }
            return result;
        },
        [this](const std::pair<WorkloadAnalysis, bool>& result) {
            m_recomputed = result.second;
            apply(result.first);
        },
        [this](const QString& error) {
            m_task = 0;
            m_recomputeButton->setEnabled(true);
            m_summary->setText(tr("Workload patterns failed: %1").arg(error));
            Q_EMIT failed(error);
        });
}

QString WorkloadView::summaryText() const
{
    return m_summary->text();
}

void WorkloadView::apply(const WorkloadAnalysis& analysis)
{
    m_task = 0;
    m_recomputeButton->setEnabled(m_workspace && m_workspace->isOpen());
    m_analysis = analysis;
    HeatmapWidget::Counts counts {};
    for (size_t i = 0; i < analysis.hourly.size(); ++i) {
        const qint64 start = analysis.firstHourMs + qint64(i) * kHourMs;
        const qint64 day = start >= 0 ? start / kDayMs : (start - kDayMs + 1) / kDayMs;
        const int weekday = int(((day + 3) % 7 + 7) % 7); // 0 = Monday (1970-01-01 was a Thursday)
        counts[size_t(weekday)][size_t((start - day * kDayMs) / kHourMs)] += qint64(analysis.hourly[i]);
    }
    m_heatmap->setCounts(counts);

    QStringList peaks;
    for (int hour : analysis.peakHours)
        peaks.append(QStringLiteral("%1:00").arg(hour, 2, 10, QLatin1Char('0')));
    QString summary = analysis.hourly.empty()
        ? tr("No jobs with a submission time.")
        : tr("%1 days of history. Peak hours (UTC, above mean + 1σ): %2. Autocorrelation at 24 h: %3, at 168 h: %4.")
              .arg(DisplayFormat::decimal(analysis.days, 1),
                  peaks.isEmpty() ? tr("none") : peaks.join(QStringLiteral(", ")),
                  DisplayFormat::decimal(analysis.autocorrelation24, 2),
                  DisplayFormat::decimal(analysis.autocorrelation168, 2));
    if (!analysis.missing.isEmpty() && !analysis.hourly.empty())
        summary += QLatin1Char(' ') + tr("Missing: %1.").arg(analysis.missing);
    m_summary->setText(summary);

    m_patterns->clear();
    for (const WorkloadPattern& pattern : analysis.patterns) {
        auto* item = new QTreeWidgetItem(m_patterns);
        item->setText(0, CoreTexts::workloadPattern(pattern.type));
        item->setText(1, DisplayFormat::percent(pattern.confidence, 0));
        item->setText(2, pattern.detail.value(QStringLiteral("time_utc")).toString());
        item->setText(3, pattern.sql.simplified().left(200));
        item->setToolTip(3, pattern.sql);
    }
    Q_EMIT updated();
}

} // namespace dopt
