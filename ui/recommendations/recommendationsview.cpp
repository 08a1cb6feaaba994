#include "recommendationsview.h"

#include "analysis/detectorregistry.h"
#include "coretexts.h"
#include "displayformat.h"
#include "measure/measurementstore.h"
#include "recommendationtablemodel.h"
#include "sqldiffview.h"
#include "store/workspace.h"
#include "tasks/workerconnection.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace dopt {

namespace {

struct LoadResult
{
    QVector<Recommendation> recommendations;
    QHash<qint64, MeasurementResult> latestMeasurements;
    qint64 total = 0;
    QString error;
};

QString statementsHtml(const QStringList& statements)
{
    if (statements.isEmpty())
        return QStringLiteral("<p><i>%1</i></p>").arg(RecommendationsView::tr("none"));
    QString html = QStringLiteral("<pre>");
    for (const QString& statement : statements)
        html += statement.toHtmlEscaped() + QStringLiteral(";\n");
    return html + QStringLiteral("</pre>");
}

} // namespace

RecommendationsView::RecommendationsView(QWidget* parent)
    : QWidget(parent)
    , m_runner(1)
    , m_detector(new QComboBox(this))
    , m_severity(new QComboBox(this))
    , m_dataset(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_table(new QTableView(this))
    , m_model(new RecommendationTableModel(this))
    , m_details(new QTextBrowser(this))
    , m_diff(new SqlDiffView(this))
    , m_apply(new QPushButton(tr("&Apply && Measure…"), this))
    , m_dismiss(new QPushButton(tr("&Dismiss"), this))
{
    m_detector->setObjectName(QStringLiteral("detectorFilter"));
    m_detector->addItem(tr("All detectors"), QString());
    for (const QString& id : DetectorRegistry::ids()) {
        m_detector->addItem(CoreTexts::detector(id), id);
        m_detector->setItemData(m_detector->count() - 1, CoreTexts::detectorDescription(id), Qt::ToolTipRole);
    }
    m_severity->setObjectName(QStringLiteral("severityFilter"));
    m_severity->addItem(tr("Any severity"), 0);
    for (Severity severity : {Severity::Low, Severity::Medium, Severity::High, Severity::Critical})
        m_severity->addItem(tr("%1 or worse").arg(CoreTexts::severity(severity)), int(severity));
    m_dataset->setObjectName(QStringLiteral("datasetFilter"));
    m_dataset->setPlaceholderText(tr("Dataset (exact path)"));
    m_dataset->setClearButtonEnabled(true);
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_status->addItem(tr("Any status"), QString());
    for (const QString& status : Recommendation::statuses())
        m_status->addItem(CoreTexts::recommendationStatus(status), status);

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_detector);
    filters->addWidget(m_severity);
    filters->addWidget(m_dataset, 1);
    filters->addWidget(m_status);
    filters->addWidget(m_summary);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(RecommendationTableModel::TitleColumn, QHeaderView::Stretch);
    // Every other column at least as wide as its header ("Jeu de données" is wider than the default).
    QHeaderView* header = m_table->horizontalHeader();
    for (int column = 0; column < header->count(); ++column) {
        if (column != RecommendationTableModel::TitleColumn)
            header->resizeSection(column, qMax(header->sectionSize(column), header->sectionSizeHint(column)));
    }
    m_table->setAlternatingRowColors(true);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& current) { showDetails(current.isValid() ? current.row() : -1); });

    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_apply->setToolTip(tr("Show the exact statements, then apply the change and time the query before and after"));
    m_dismiss->setObjectName(QStringLiteral("dismissButton"));
    connect(m_apply, &QPushButton::clicked, this, [this] {
        if (const Recommendation* recommendation = current())
            Q_EMIT applyAndMeasureRequested(*recommendation);
    });
    connect(m_dismiss, &QPushButton::clicked, this,
        [this] { setCurrentStatus(QString::fromLatin1(Recommendation::StatusDismissed)); });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_apply);
    buttons->addWidget(m_dismiss);
    buttons->addStretch();

    auto* detailTabs = new QTabWidget(this);
    detailTabs->addTab(m_diff, tr("SQL rewrite"));
    detailTabs->addTab(m_details, tr("Evidence and statements"));
    auto* bottom = new QWidget(this);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addLayout(buttons);
    bottomLayout->addWidget(detailTabs, 1);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);

    connect(m_detector, &QComboBox::currentIndexChanged, this, &RecommendationsView::reload);
    connect(m_severity, &QComboBox::currentIndexChanged, this, &RecommendationsView::reload);
    connect(m_status, &QComboBox::currentIndexChanged, this, &RecommendationsView::reload);
    connect(m_dataset, &QLineEdit::editingFinished, this, &RecommendationsView::reload);
    m_apply->setVisible(false);
    showDetails(-1);
}

void RecommendationsView::setWorkspace(std::shared_ptr<Workspace> workspace)
{
    m_workspace = std::move(workspace);
    reload();
}

RecommendationFilter RecommendationsView::filter() const
{
    RecommendationFilter filter;
    filter.detector = m_detector->currentData().toString();
    if (const int severity = m_severity->currentData().toInt(); severity > 0)
        filter.minimumSeverity = Severity(severity);
    filter.dataset = m_dataset->text().trimmed();
    filter.status = m_status->currentData().toString();
    return filter;
}

QString RecommendationsView::statusText() const
{
    return m_summary->text();
}

const Recommendation* RecommendationsView::current() const
{
    const QModelIndex index = m_table->currentIndex();
    return index.isValid() ? m_model->at(index.row()) : nullptr;
}

void RecommendationsView::selectRow(int row)
{
    m_table->selectRow(row);
    m_table->setCurrentIndex(m_model->index(row, 0));
}

void RecommendationsView::setApplyAvailable(bool available)
{
    m_applyAvailable = available;
    m_apply->setVisible(available);
    showDetails(m_table->currentIndex().isValid() ? m_table->currentIndex().row() : -1);
}

void RecommendationsView::reload()
{
    m_runner.discardAll();
    if (!m_workspace || !m_workspace->isOpen()) {
        m_model->setRecommendations({});
        m_summary->setText(tr("No workspace"));
        showDetails(-1);
        return;
    }
    m_summary->setText(tr("Reading…"));
    auto workspace = m_workspace;
    const RecommendationFilter wanted = filter();
    m_loadTask = m_runner.start(
        [workspace, wanted](TaskContext&) {
            LoadResult result;
            WorkerConnection connection(*workspace);
            RecommendationStore store(connection.db());
            result.recommendations = store.list(wanted, &result.error);
            if (result.error.isEmpty())
                result.total = store.count(&result.error);
            if (result.error.isEmpty())
                result.latestMeasurements = MeasurementStore(connection.db()).latestByRecommendation(&result.error);
            return result;
        },
        [this](LoadResult result) {
            m_loadTask = 0;
            const qint64 keep = current() ? current()->id : 0;
            // Producers outside the registry (e.g. the PostgreSQL advisor) get a filter entry too.
            const QSignalBlocker blocker(m_detector);
            for (const Recommendation& r : std::as_const(result.recommendations)) {
                if (m_detector->findData(r.detector) < 0)
                    m_detector->addItem(r.detector, r.detector);
            }
            m_latestMeasurements = std::move(result.latestMeasurements);
            m_model->setRecommendations(std::move(result.recommendations));
            if (!result.error.isEmpty())
                m_summary->setText(tr("Cannot read recommendations: %1").arg(result.error));
            else if (result.total == 0)
                m_summary->setText(tr("No recommendations yet: run Analysis → Analyze Workspace"));
            else
                m_summary->setText(tr("%1 of %2 shown").arg(m_model->rowCount()).arg(result.total));
            int row = m_model->rowCount() > 0 ? 0 : -1;
            for (int i = 0; i < m_model->rowCount(); ++i) {
                if (m_model->at(i)->id == keep)
                    row = i;
            }
            if (row >= 0)
                selectRow(row);
            else
                showDetails(-1);
            Q_EMIT loaded(m_model->rowCount());
        },
        [this](const QString& error) {
            m_loadTask = 0;
            m_summary->setText(tr("Cannot read recommendations: %1").arg(error));
        });
}

QString RecommendationsView::detailsText() const
{
    return m_details->toPlainText();
}

QString RecommendationsView::estimateHtml(const Recommendation& r) const
{
    // Where the saving comes from (run-time model or the detector's fixed share) and the learning loop.
    QString html;
    const QJsonObject estimate = r.definition.value(QStringLiteral("estimate")).toObject();
    if (estimate.value(QStringLiteral("source")).toString() == QLatin1String("model")) {
        html += QStringLiteral("<p><i>%1</i></p>")
                    .arg(tr("Saving estimated by model %1 (%2): %3 of a run, %4 per run × %5 runs")
                             .arg(QString::number(estimate.value(QStringLiteral("model_id")).toInteger()),
                                 CoreTexts::modelFamily(estimate.value(QStringLiteral("family")).toString()),
                                 DisplayFormat::percent(estimate.value(QStringLiteral("share")).toDouble(), 0),
                                 DisplayFormat::duration(
                                     qint64(estimate.value(QStringLiteral("saving_ms_per_run")).toDouble())),
                                 DisplayFormat::exactCount(estimate.value(QStringLiteral("runs")).toInteger()))
                             .toHtmlEscaped());
    } else if (!estimate.isEmpty()) {
        html += QStringLiteral("<p><i>%1</i></p>")
                    .arg(tr("Saving from the detector's fixed share (no model estimate: %1)")
                             .arg(estimate.value(QStringLiteral("reason")).toString())
                             .toHtmlEscaped());
    }
    const QJsonObject track = r.definition.value(QStringLiteral("track_record")).toObject();
    if (!track.isEmpty())
        html += QStringLiteral("<p><i>%1</i></p>")
                    .arg(tr("Track record of this kind: %Ln measurement(s), measured/predicted %1, confidence × %2",
                        nullptr, track.value(QStringLiteral("measurements")).toInt())
                             .arg(DisplayFormat::decimal(
                                      track.value(QStringLiteral("median_measured_over_predicted")).toDouble(), 2),
                                 DisplayFormat::decimal(track.value(QStringLiteral("confidence_factor")).toDouble(), 2))
                             .toHtmlEscaped());
    return html;
}

QString RecommendationsView::measurementHtml(const MeasurementResult& m) const
{
    // The newest measurement and the query it timed, which may differ from the statement above
    // (another job's values, a query the user typed).
    QString html = QStringLiteral("<p><b>%1</b></p><p>%2</p>")
                       .arg(tr("Last measurement"),
                           tr("#%1 · %2 · %3")
                               .arg(QString::number(m.id), CoreTexts::measurementState(m.state),
                                   m.verdict.isEmpty() ? tr("no verdict") : CoreTexts::verdict(m.verdict))
                               .toHtmlEscaped());
    if (!m.measuredQuery)
        return html + QStringLiteral("<p><i>%1</i></p>").arg(CoreTexts::measuredQueryNotRecorded().toHtmlEscaped());
    const MeasuredQuery& q = *m.measuredQuery;
    html += QStringLiteral("<p>%1</p><pre>%2</pre><p>%3</p>")
                .arg(tr("Query timed (chosen by %1):").arg(CoreTexts::queryChooser(q.chosenBy)).toHtmlEscaped(),
                    q.sql.toHtmlEscaped(), CoreTexts::measuredQueryOrigin(q).toHtmlEscaped());
    return html;
}

void RecommendationsView::showDetails(int row)
{
    const Recommendation* r = m_model->at(row);
    m_apply->setEnabled(m_applyAvailable && r && !r->measureSql.isEmpty() && !r->applyStatements.isEmpty());
    m_dismiss->setEnabled(r != nullptr);
    if (!r) {
        m_details->clear();
        m_diff->clear();
        return;
    }
    if (!r->sqlAfter.isEmpty())
        m_diff->setTexts(r->sqlBefore, r->sqlAfter);
    else
        m_diff->setTexts(r->sqlBefore, r->sqlBefore); // no rewrite: the statement the action serves
    QString html = QStringLiteral("<h3>%1</h3>").arg(CoreTexts::analysisText(r->titleText, r->title).toHtmlEscaped());
    html += QStringLiteral("<p>%1</p>")
                .arg(tr("#%1 · %2 · %3 · confidence %4 · %5 runs costing %6 · estimated saving %7")
                         .arg(QString::number(r->rank), CoreTexts::severity(r->severity), CoreTexts::action(r->action),
                             DisplayFormat::percent(r->confidence, 0), DisplayFormat::exactCount(r->frequency),
                             DisplayFormat::duration(r->currentCostMs), DisplayFormat::duration(r->improvementMs)));
    html += estimateHtml(*r);
    if (!r->rationale.isEmpty())
        html
            += QStringLiteral("<p>%1</p>").arg(CoreTexts::analysisText(r->rationaleText, r->rationale).toHtmlEscaped());
    if (!r->evidence.isEmpty()) {
        html += QStringLiteral("<p><b>%1</b></p><ul>").arg(tr("Evidence"));
        for (const Evidence& e : r->evidence)
            html += QStringLiteral("<li>%1: %2 %3</li>")
                        .arg(CoreTexts::evidenceName(e.name).toHtmlEscaped(), DisplayFormat::significant(e.value, 6),
                            e.unit.toHtmlEscaped());
        html += QStringLiteral("</ul>");
    }
    html += QStringLiteral("<p><b>%1</b></p>").arg(tr("Apply")) + statementsHtml(r->applyStatements);
    html += QStringLiteral("<p><b>%1</b></p>").arg(tr("Undo")) + statementsHtml(r->undoStatements);
    if (!r->measureSql.isEmpty())
        html
            += QStringLiteral("<p><b>%1</b></p><pre>%2</pre>").arg(tr("Measured query"), r->measureSql.toHtmlEscaped());
    if (!r->jobIds.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(tr("Example jobs: %1").arg(r->jobIds.join(QStringLiteral(", "))));
    if (const auto latest = m_latestMeasurements.constFind(r->id); latest != m_latestMeasurements.cend())
        html += measurementHtml(*latest);
    m_details->setHtml(html);
}

void RecommendationsView::setCurrentStatus(const QString& status)
{
    const Recommendation* r = current();
    if (!r || !m_workspace)
        return;
    const qint64 id = r->id;
    auto workspace = m_workspace;
    m_runner.start(
        [workspace, id, status](TaskContext& context) {
            WorkerConnection connection(*workspace);
            QString error;
            if (!RecommendationStore(connection.db()).setStatus(id, status, &error))
                context.fail(error);
            return true;
        },
        [this](bool) { reload(); },
        [this](const QString& error) { m_summary->setText(tr("Cannot change the status: %1").arg(error)); });
}

} // namespace dopt
