#include "applymeasuredialog.h"

#include "analysis/recommendationstore.h"
#include "coretexts.h"
#include "displayformat.h"
#include "measure/dremiomeasurer.h"
#include "measure/measurementtask.h"
#include "measure/postgresmeasurer.h"
#include "measure/reflectionquerypicker.h"
#include "measuredqueryview.h"
#include "measurementchart.h"
#include "model/modeljson.h"
#include "plancomparisonview.h"
#include "profile/postgresplanparser.h"
#include "sources/dremio/secretstore.h"
#include "store/sourcerepository.h"
#include "store/workspace.h"
#include "tasks/workerconnection.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace dopt {

namespace {

struct Decision
{
    bool ok = false;
    QString message;
};

// Measurements keep PostgreSQL's EXPLAIN output ({"explain": [...]}) and, for Dremio, the plan tree
// of a measured job's profile ({"engine": "dremio", "tree": [...]}); the comparison shows plan trees,
// the same engine-neutral form as the profile view.
QJsonArray planTreeJson(const QString& stored)
{
    if (stored.isEmpty())
        return {};
    const QJsonDocument document = QJsonDocument::fromJson(stored.toUtf8());
    if (document.isObject() && document.object().value(QLatin1String("engine")).toString() == QLatin1String("dremio"))
        return document.object().value(QLatin1String("tree")).toArray();
    QByteArray explain = stored.toUtf8();
    if (document.isObject() && document.object().contains(QLatin1String("explain")))
        explain
            = QJsonDocument(document.object().value(QLatin1String("explain")).toArray()).toJson(QJsonDocument::Compact);
    ParsedProfile parsed;
    QString error;
    if (!PostgresPlanParser::parse(explain, &parsed, &error))
        return {};
    return ModelJson::planTree(parsed.tree);
}

struct SecretLookup
{
    std::optional<QString> secret;
    QString error;
};

// The Dremio secret on a worker thread (the keychain may take seconds): the typed one, else the
// connection's environment variable or keychain entry.
SecretLookup dremioSecret(const DremioSourceSettings& settings, const QString& typed)
{
    SecretLookup lookup;
    if (!typed.isEmpty()) {
        lookup.secret = typed;
        return lookup;
    }
    if (settings.secretBackend == QLatin1String("environment") && !settings.secretRef.isEmpty()) {
        const QString value = qEnvironmentVariable(settings.secretRef.toLocal8Bit().constData());
        if (value.isEmpty())
            lookup.error = QStringLiteral("the environment variable %1 is not set").arg(settings.secretRef);
        else
            lookup.secret = value;
        return lookup;
    }
    const QString key = !settings.secretRef.isEmpty() ? settings.secretRef
                                                      : SecretStore::keyFor(settings.connection.displayName(),
                                                          DremioConnection::authModeName(settings.connection.authMode));
    lookup.secret = SecretStore().read(key, settings.connection.secretEnvironmentVariable(), &lookup.error);
    return lookup;
}

} // namespace

ApplyMeasureDialog::ApplyMeasureDialog(
    std::shared_ptr<Workspace> workspace, const Recommendation& recommendation, QWidget* parent)
    : QDialog(parent)
    , m_workspace(std::move(workspace))
    , m_recommendation(recommendation)
    , m_runner(1)
    , m_target(new QComboBox(this))
    , m_password(new QLineEdit(this))
    , m_query(new QLineEdit(this))
    , m_queryOrigin(new QLabel(this))
    , m_runs(new QSpinBox(this))
    , m_warmups(new QSpinBox(this))
    , m_timeoutSeconds(new QSpinBox(this))
    , m_keep(new QCheckBox(tr("Keep the change in place after measuring (keep or revert it afterwards)"), this))
    , m_statements(new QPlainTextEdit(this))
    , m_confirm(new QCheckBox(tr("I have read these statements; run them on the server"), this))
    , m_message(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_chart(new MeasurementChart(this))
    , m_verdict(new QLabel(this))
    , m_plans(new PlanComparisonView(this))
    , m_measuredQuery(new MeasuredQueryView(this))
    , m_resultTabs(new QTabWidget(this))
    , m_apply(new QPushButton(tr("&Apply && Measure"), this))
    , m_cancel(new QPushButton(tr("&Stop"), this))
    , m_keepButton(new QPushButton(tr("&Keep"), this))
    , m_revertButton(new QPushButton(tr("&Revert"), this))
{
    setWindowTitle(
        tr("Apply & Measure: %1").arg(CoreTexts::analysisText(recommendation.titleText, recommendation.title)));
    m_baseRequest = MeasurementRequest::fromRecommendation(recommendation, &m_requestError);

    m_target->setObjectName(QStringLiteral("targetCombo"));
    m_target->setEditable(true);
    m_target->setToolTip(tr("postgresql://user@host:port/database; the password comes from the field below, "
                            "PGPASSWORD or ~/.pgpass and is never stored"));
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("optional: PGPASSWORD or ~/.pgpass otherwise"));
    m_query->setObjectName(QStringLiteral("queryEdit"));
    m_query->setPlaceholderText(tr("a SELECT the reflection served, timed with and without it"));
    if (isDremio()) {
        m_target->setToolTip(tr("A saved Dremio connection, or the URL of a Dremio (https://host:9047)"));
        m_password->setPlaceholderText(tr("optional: the connection's keychain entry or environment variable "
                                          "otherwise"));
    }
    m_runs->setObjectName(QStringLiteral("runsSpin"));
    m_runs->setRange(2, 200);
    m_runs->setValue(m_baseRequest ? m_baseRequest->runs : 10);
    m_warmups->setRange(0, 20);
    m_warmups->setValue(m_baseRequest ? m_baseRequest->warmupRuns : 2);
    m_timeoutSeconds->setRange(1, 3600);
    m_timeoutSeconds->setValue(m_baseRequest ? qMax(1, m_baseRequest->statementTimeoutMs / 1000) : 60);
    m_timeoutSeconds->setSuffix(tr(" s"));
    m_keep->setObjectName(QStringLiteral("keepCheck"));
    m_keep->setChecked(true);
    m_statements->setObjectName(QStringLiteral("statementsText"));
    m_statements->setReadOnly(true);
    m_statements->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_statements->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_confirm->setObjectName(QStringLiteral("confirmCheck"));
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_verdict->setObjectName(QStringLiteral("verdictLabel"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_verdict->font();
    bold.setBold(true);
    m_verdict->setFont(bold);
    m_progress->setVisible(false);
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_cancel->setObjectName(QStringLiteral("stopButton"));
    m_keepButton->setObjectName(QStringLiteral("keepButton"));
    m_revertButton->setObjectName(QStringLiteral("revertButton"));
    m_cancel->setEnabled(false);
    m_keepButton->setEnabled(false);
    m_revertButton->setEnabled(false);

    auto* form = new QFormLayout;
    form->addRow(isDremio() ? tr("Dremio:") : tr("Server:"), m_target);
    form->addRow(isDremio() ? tr("Token or password:") : tr("Password:"), m_password);
    m_queryOrigin->setObjectName(QStringLiteral("queryOriginLabel"));
    m_queryOrigin->setWordWrap(true);
    if (isDremio() && m_baseRequest->kind == MeasurementRequest::Kind::DropReflection) {
        form->addRow(tr("Query to measure:"), m_query);
        form->addRow(QString(), m_queryOrigin);
    } else {
        m_query->setVisible(false);
        m_queryOrigin->setVisible(false);
    }
    form->addRow(tr("Measured runs per side:"), m_runs);
    form->addRow(tr("Warm-up runs per side:"), m_warmups);
    form->addRow(tr("Timeout per run:"), m_timeoutSeconds);
    form->addRow(QString(), m_keep);

    m_resultTabs->setObjectName(QStringLiteral("resultTabs"));
    m_resultTabs->addTab(m_chart, tr("Runs"));
    m_resultTabs->addTab(m_plans, tr("Plans before / after"));
    m_resultTabs->addTab(m_measuredQuery, tr("Measured query"));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_apply);
    buttons->addWidget(m_cancel);
    buttons->addStretch();
    buttons->addWidget(m_keepButton);
    buttons->addWidget(m_revertButton);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Statements that will run (nothing runs before you confirm):"), this));
    layout->addWidget(m_statements, 1);
    layout->addWidget(m_confirm);
    layout->addWidget(m_message);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_verdict);
    layout->addWidget(m_resultTabs, 2);
    layout->addWidget(close);
    resize(1000, 820);

    connect(m_target, &QComboBox::currentTextChanged, this, &ApplyMeasureDialog::updatePreview);
    connect(m_query, &QLineEdit::textChanged, this, &ApplyMeasureDialog::updatePreview);
    for (QSpinBox* spin : {m_runs, m_warmups, m_timeoutSeconds})
        connect(spin, &QSpinBox::valueChanged, this, &ApplyMeasureDialog::updatePreview);
    connect(m_keep, &QCheckBox::toggled, this, &ApplyMeasureDialog::updatePreview);
    connect(m_confirm, &QCheckBox::toggled, this, &ApplyMeasureDialog::updatePreview);
    connect(m_apply, &QPushButton::clicked, this, &ApplyMeasureDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, &ApplyMeasureDialog::cancel);
    connect(m_keepButton, &QPushButton::clicked, this, &ApplyMeasureDialog::keep);
    connect(m_revertButton, &QPushButton::clicked, this, &ApplyMeasureDialog::revert);
    connect(&m_runner, &TaskRunner::progress, this, [this](quint64 id, int done, int total, const QString& message) {
        if (id != m_task)
            return;
        m_progress->setRange(0, qMax(0, total));
        m_progress->setValue(done);
        m_message->setText(message);
    });
    updatePreview();
    loadTargets();
    pickQuery();
}

ApplyMeasureDialog::~ApplyMeasureDialog()
{
    // A running measurement stops its statement and undoes the change (unless kept) before we go.
    m_runner.discardAll();
}

QString ApplyMeasureDialog::verdictSentence(const MeasurementResult& result)
{
    if (result.state == QLatin1String("cancelled"))
        return tr("Cancelled: %1").arg(result.error);
    if (result.state == QLatin1String("failed"))
        return tr("Failed: %1").arg(result.error);
    if (result.verdict == QLatin1String("invalid"))
        return tr("Invalid: the rewrite returns different results (%1)").arg(result.error);
    if (result.verdict == QLatin1String("not_used"))
        return tr("Not used: %1").arg(result.error);
    if (!result.summary)
        return tr("No verdict: %1").arg(result.error);
    const MeasurementSummary& s = *result.summary;
    const QString figures
        = tr("median %1 → %2, speedup %3 (95% interval %4–%5), p = %6")
              .arg(DisplayFormat::milliseconds(s.medianBeforeMs, 1), DisplayFormat::milliseconds(s.medianAfterMs, 1),
                  DisplayFormat::ratio(s.speedup), DisplayFormat::decimal(s.speedupCiLow, 2),
                  DisplayFormat::decimal(s.speedupCiHigh, 2), DisplayFormat::significant(s.pValue, 3));
    QString verdict;
    if (result.verdict == QLatin1String("improved"))
        verdict = tr("Improved");
    else if (result.verdict == QLatin1String("regressed"))
        verdict = tr("Regressed");
    else
        verdict = tr("No change beyond the noise");
    QString text = verdict + QStringLiteral(": ") + figures;
    if (result.predictedImprovementShare >= 0)
        text += QLatin1Char('\n')
            + tr("Predicted saving %1, measured %2.")
                  .arg(DisplayFormat::percent(result.predictedImprovementShare, 0),
                      DisplayFormat::percent(s.improvementShare(), 0));
    return text;
}

QString ApplyMeasureDialog::verdictText() const
{
    return m_verdict->text();
}

QString ApplyMeasureDialog::statementsText() const
{
    return m_statements->toPlainText();
}

void ApplyMeasureDialog::loadTargets()
{
    auto workspace = m_workspace;
    if (isDremio()) {
        m_runner.start(
            [workspace](TaskContext&) {
                WorkerConnection connection(*workspace);
                QString error;
                return DremioSourceRepository(connection.db()).all(&error);
            },
            [this](const QVector<DremioSourceSettings>& saved) {
                m_dremioSources = saved;
                const QString typed = m_target->currentText();
                for (const DremioSourceSettings& settings : saved)
                    if (m_target->findText(settings.connection.displayName()) < 0)
                        m_target->addItem(settings.connection.displayName());
                if (typed.isEmpty() && !saved.isEmpty())
                    m_target->setCurrentIndex(0);
                updatePreview();
            });
        return;
    }
    m_runner.start(
        [workspace](TaskContext&) {
            // Servers only: "postgres-logs" sources are log folders.
            WorkerConnection connection(*workspace);
            return SourceRepository(connection.db()).locations(QStringLiteral("postgres"));
        },
        [this](const QStringList& targets) {
            const QString typed = m_target->currentText();
            for (const QString& target : targets) {
                if (m_target->findText(target) < 0)
                    m_target->addItem(target);
            }
            if (typed.isEmpty() && !targets.isEmpty())
                m_target->setCurrentIndex(0);
        });
}

void ApplyMeasureDialog::pickQuery()
{
    if (!isDremio() || m_baseRequest->kind != MeasurementRequest::Kind::DropReflection)
        return;
    m_queryOrigin->setText(tr("Looking for a query this reflection served…"));
    auto workspace = m_workspace;
    const QString reflectionId = m_baseRequest->reflectionId;
    m_runner.start(
        [workspace, reflectionId](TaskContext&) {
            WorkerConnection connection(*workspace);
            QString error;
            std::optional<ReflectionQuery> picked = ReflectionQueryPicker::pick(connection.db(), reflectionId, &error);
            return std::make_pair(picked, error);
        },
        [this](const std::pair<std::optional<ReflectionQuery>, QString>& answer) {
            const auto& [picked, error] = answer;
            if (!picked) {
                m_queryOrigin->setText(error.isEmpty()
                        ? tr("No job of this workspace had this reflection chosen or matched: type a query it "
                             "served.")
                        : tr("Cannot look for a query: %1").arg(error));
                Q_EMIT queryPicked(false);
                return;
            }
            m_queryOrigin->setText(
                tr("From the workspace: job %1, the reflection %2 in %3 runs of this statement, the last on %4 "
                   "UTC. Edit it to measure another query.")
                    .arg(picked->jobId,
                        picked->relationship == QLatin1String("CHOSEN") ? tr("chosen") : tr("matched but not chosen"))
                    .arg(picked->runs)
                    .arg(QDateTime::fromMSecsSinceEpoch(picked->lastSubmittedMs, Qt::UTC)
                             .toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
            m_picked = picked;
            if (m_query->text().trimmed().isEmpty()) // the user's own query wins
                m_query->setText(picked->sql);
            Q_EMIT queryPicked(true);
        });
}

DremioSourceSettings ApplyMeasureDialog::dremioTarget() const
{
    const QString text = m_target->currentText().trimmed();
    for (const DremioSourceSettings& settings : m_dremioSources)
        if (settings.connection.displayName() == text)
            return settings;
    DremioSourceSettings typed;
    typed.connection = DremioConnection::fromUrl(text);
    return typed;
}

std::optional<MeasurementRequest> ApplyMeasureDialog::currentRequest(QString* error) const
{
    if (!m_baseRequest) {
        *error = m_requestError;
        return std::nullopt;
    }
    MeasurementRequest request = *m_baseRequest;
    if (request.isDremio()) {
        request.runs = m_runs->value();
        request.warmupRuns = m_warmups->value();
        request.statementTimeoutMs = m_timeoutSeconds->value() * 1000;
        request.keep = m_keep->isChecked();
        if (request.kind == MeasurementRequest::Kind::DropReflection) {
            request.sqlBefore = m_query->text().trimmed();
            // Stored with the measurement: the suggested query and why, or the one the user typed.
            request.measuredQuery = m_picked && m_picked->sql.trimmed() == request.sqlBefore
                ? MeasuredQuery::forReflection(*m_picked, request.reflectionId)
                : MeasuredQuery::given(request.sqlBefore, QStringLiteral("typed in the Apply & Measure dialog"));
        } else {
            request.measuredQuery = MeasuredQuery::forRecommendation(m_recommendation, request);
        }
        if (m_target->currentText().trimmed().isEmpty()) {
            *error = tr("Choose the Dremio connection to measure on");
            return request;
        }
        request.dremio = dremioTarget().connection;
        request.validate(error);
        return request;
    }
    request.url = m_target->currentText().trimmed();
    request.measuredQuery = MeasuredQuery::forRecommendation(m_recommendation, request);
    request.runs = m_runs->value();
    request.warmupRuns = m_warmups->value();
    request.statementTimeoutMs = m_timeoutSeconds->value() * 1000;
    request.keep = m_keep->isChecked();
    if (request.url.isEmpty()) {
        *error = tr("Choose the PostgreSQL server to measure on");
        return request;
    }
    if (!request.validate(error))
        return request;
    return request;
}

void ApplyMeasureDialog::updatePreview()
{
    QString error;
    const std::optional<MeasurementRequest> request = currentRequest(&error);
    m_statements->setPlainText(request ? request->describe() : QString());
    m_message->setText(error);
    m_apply->setEnabled(m_task == 0 && request && error.isEmpty() && m_confirm->isChecked());
}

void ApplyMeasureDialog::start()
{
    QString error;
    std::optional<MeasurementRequest> request = currentRequest(&error);
    if (!request || !error.isEmpty() || !m_confirm->isChecked())
        return;
    if (request->isDremio()) {
        // The secret first (worker thread: the keychain may be slow), then the measurement.
        m_apply->setEnabled(false);
        m_message->setText(tr("Reading the Dremio credentials…"));
        const DremioSourceSettings settings = dremioTarget();
        const QString typed = m_password->text();
        m_task = m_runner.start([settings, typed](TaskContext&) { return dremioSecret(settings, typed); },
            [this, request = *request](const SecretLookup& lookup) mutable {
                m_task = 0;
                if (!lookup.secret) {
                    m_message->setText(tr("No Dremio credentials: %1").arg(lookup.error));
                    updatePreview();
                    return;
                }
                request.dremioSecret = *lookup.secret;
                startMeasurement(std::move(request));
            });
        return;
    }
    if (!m_password->text().isEmpty()) {
        // The typed password travels in memory only: never stored, shown or logged (target() strips it).
        QUrl url(request->url);
        url.setPassword(m_password->text());
        request->url = url.toString(QUrl::FullyEncoded);
    }
    startMeasurement(std::move(*request));
}

void ApplyMeasureDialog::startMeasurement(MeasurementRequest request)
{
    m_chart->clear();
    m_runsSeen = 0;
    m_plans->clear();
    m_measuredQuery->clear();
    m_verdict->clear();
    m_result.reset();
    QPointer<ApplyMeasureDialog> self(this);
    m_task = MeasurementTask::start(
        m_runner, *m_workspace, std::move(request), [this](MeasurementResult result) { onFinished(result); },
        [self](const MeasurementRun& run) {
            // Worker thread: hand the run to the GUI thread; the dialog may be gone by then.
            QMetaObject::invokeMethod(
                qApp,
                [self, run] {
                    if (self)
                        self->onRun(run);
                },
                Qt::QueuedConnection);
        });
    m_apply->setEnabled(false);
    m_cancel->setEnabled(true);
    m_keepButton->setEnabled(false);
    m_revertButton->setEnabled(false);
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    m_message->setText(tr("Measuring…"));
}

void ApplyMeasureDialog::cancel()
{
    if (m_task != 0) {
        m_runner.cancel(m_task);
        m_message->setText(tr("Stopping and undoing the change…"));
    }
}

void ApplyMeasureDialog::onRun(const MeasurementRun& run)
{
    m_chart->addRun(run);
    Q_EMIT runAdded(++m_runsSeen);
}

void ApplyMeasureDialog::onFinished(const MeasurementResult& result)
{
    m_task = 0;
    m_result = result;
    m_progress->setVisible(false);
    m_cancel->setEnabled(false);
    m_verdict->setText(verdictSentence(result));
    if (!result.runList.isEmpty())
        m_chart->showDistribution(result.runList);
    m_plans->setPlans(planTreeJson(result.planBefore), planTreeJson(result.planAfter));
    m_plans->setProblems(
        MeasurementResult::planProblem(result.planBefore), MeasurementResult::planProblem(result.planAfter));
    m_measuredQuery->setQuery(result.measuredQuery);
    m_keepButton->setEnabled(result.applied);
    m_revertButton->setEnabled(result.applied);
    m_message->setText(result.applied ? tr("The change is in place on the server: keep it or revert it.")
                                      : tr("The server is as it was before (the change was undone)."));
    updatePreview();
    Q_EMIT measurementFinished(result);
}

void ApplyMeasureDialog::keep()
{
    if (!m_result || m_recommendation.id <= 0)
        return;
    auto workspace = m_workspace;
    const qint64 recommendationId = m_recommendation.id;
    m_runner.start(
        [workspace, recommendationId](TaskContext&) {
            Decision decision;
            WorkerConnection connection(*workspace);
            decision.ok
                = RecommendationStore(connection.db())
                      .setStatus(recommendationId, QString::fromLatin1(Recommendation::StatusKept), &decision.message);
            return decision;
        },
        [this](const Decision& decision) {
            m_keepButton->setEnabled(!decision.ok);
            m_revertButton->setEnabled(decision.ok ? m_result->applied : true);
            const QString message
                = decision.ok ? tr("Kept.") : tr("Cannot record the decision: %1").arg(decision.message);
            m_message->setText(message);
            Q_EMIT decisionFinished(decision.ok, message);
        });
}

void ApplyMeasureDialog::revert()
{
    if (!m_result || !m_result->applied)
        return;
    auto workspace = m_workspace;
    const qint64 measurementId = m_result->id;
    QString url;
    if (!m_password->text().isEmpty()) {
        QUrl withPassword(m_target->currentText().trimmed());
        withPassword.setPassword(m_password->text());
        url = withPassword.toString(QUrl::FullyEncoded);
    }
    m_keepButton->setEnabled(false);
    m_revertButton->setEnabled(false);
    m_message->setText(tr("Reverting…"));
    const bool dremio = m_result->engine == QLatin1String("dremio");
    const DremioSourceSettings settings = dremio ? dremioTarget() : DremioSourceSettings();
    const QString typed = m_password->text();
    m_runner.start(
        [workspace, measurementId, url, dremio, settings, typed](TaskContext&) {
            Decision decision;
            WorkerConnection connection(*workspace);
            if (!dremio) {
                decision.ok = PostgresMeasurer::revert(connection.db(), measurementId, &decision.message, url);
                return decision;
            }
            const SecretLookup lookup = dremioSecret(settings, typed);
            decision.message = lookup.error;
            decision.ok = lookup.secret
                && DremioMeasurer::revert(
                    connection.db(), measurementId, settings.connection, *lookup.secret, &decision.message);
            return decision;
        },
        [this](const Decision& decision) {
            if (decision.ok)
                m_result->applied = false;
            m_revertButton->setEnabled(!decision.ok);
            m_keepButton->setEnabled(!decision.ok);
            const QString message = decision.ok ? tr("Reverted: the undo statements ran.")
                                                : tr("Revert failed: %1").arg(decision.message);
            m_message->setText(message);
            Q_EMIT decisionFinished(decision.ok, message);
        });
}

} // namespace dopt
