#include "pgexplaindialog.h"

#include "displayformat.h"
#include "sources/postgres/pgconnection.h"
#include "sources/postgres/pgexplaintask.h"
#include "store/sourcerepository.h"
#include "store/workspace.h"
#include "tasks/workerconnection.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace dopt {

PgExplainDialog::PgExplainDialog(std::shared_ptr<Workspace> workspace, QWidget* parent)
    : QDialog(parent)
    , m_workspace(std::move(workspace))
    , m_runner(1)
    , m_target(new QComboBox(this))
    , m_password(new QLineEdit(this))
    , m_statements(new QSpinBox(this))
    , m_timeoutSeconds(new QSpinBox(this))
    , m_preview(new QPushButton(tr("&Show Statements"), this))
    , m_planText(new QPlainTextEdit(this))
    , m_confirm(new QCheckBox(tr("I have read these statements; run them on the server"), this))
    , m_run(new QPushButton(tr("&Collect Plans"), this))
    , m_stop(new QPushButton(tr("&Stop"), this))
    , m_progress(new QProgressBar(this))
    , m_message(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_results(new QTableWidget(0, 4, this))
{
    setWindowTitle(tr("Collect PostgreSQL Plans"));
    m_target->setObjectName(QStringLiteral("targetCombo"));
    m_target->setEditable(true);
    m_target->setToolTip(tr("A PostgreSQL source of this workspace (postgresql://user@host:port/database)"));
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("optional: PGPASSWORD or ~/.pgpass otherwise"));
    m_statements->setObjectName(QStringLiteral("statementsSpin"));
    m_statements->setRange(1, 100);
    m_statements->setValue(PgExplainCollector::Options().statements);
    m_timeoutSeconds->setObjectName(QStringLiteral("timeoutSpin"));
    m_timeoutSeconds->setRange(1, 3600);
    m_timeoutSeconds->setValue(PgExplainCollector::Options().statementTimeoutMs / 1000);
    m_timeoutSeconds->setSuffix(tr(" s"));
    m_preview->setObjectName(QStringLiteral("previewButton"));
    m_planText->setObjectName(QStringLiteral("planText"));
    m_planText->setReadOnly(true);
    m_planText->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_planText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_planText->setPlaceholderText(tr("Show the statements first: nothing runs before you confirm them."));
    m_confirm->setObjectName(QStringLiteral("confirmCheck"));
    m_run->setObjectName(QStringLiteral("runButton"));
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setVisible(false);
    m_results->setObjectName(QStringLiteral("resultsTable"));
    m_results->setHorizontalHeaderLabels({tr("Statement"), tr("Profile"), tr("EXPLAIN time"), tr("Spilled")});
    m_results->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setSelectionBehavior(QAbstractItemView::SelectRows);

    auto* form = new QFormLayout;
    form->addRow(tr("Server:"), m_target);
    form->addRow(tr("Password:"), m_password);
    form->addRow(tr("Most expensive statements:"), m_statements);
    form->addRow(tr("statement_timeout per statement:"), m_timeoutSeconds);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_preview);
    buttons->addWidget(m_run);
    buttons->addWidget(m_stop);
    buttons->addStretch();
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Statements that will run (nothing runs before you confirm):"), this));
    layout->addWidget(m_planText, 2);
    layout->addWidget(m_confirm);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_message);
    layout->addWidget(m_summary);
    layout->addWidget(m_results, 1);
    layout->addWidget(close);
    resize(960, 720);

    // Any change to what would run makes the shown statements stale: show them again before running.
    connect(m_target, &QComboBox::currentTextChanged, this, &PgExplainDialog::invalidatePlan);
    connect(m_password, &QLineEdit::textChanged, this, &PgExplainDialog::invalidatePlan);
    for (QSpinBox* spin : {m_statements, m_timeoutSeconds})
        connect(spin, &QSpinBox::valueChanged, this, &PgExplainDialog::invalidatePlan);
    connect(m_confirm, &QCheckBox::toggled, this, &PgExplainDialog::updateButtons);
    connect(m_preview, &QPushButton::clicked, this, &PgExplainDialog::showStatements);
    connect(m_run, &QPushButton::clicked, this, &PgExplainDialog::run);
    connect(m_stop, &QPushButton::clicked, this, &PgExplainDialog::stop);
    connect(&m_runner, &TaskRunner::progress, this, [this](quint64 id, int done, int total, const QString& message) {
        if (id != m_task)
            return;
        m_progress->setRange(0, qMax(0, total));
        m_progress->setValue(done);
        m_message->setText(message);
    });
    updateButtons();
    loadSources();
}

PgExplainDialog::~PgExplainDialog()
{
    // A running EXPLAIN is cancelled on the server (its transaction rolls back) before we go.
    m_runner.discardAll();
}

QString PgExplainDialog::planText() const
{
    return m_planText->toPlainText();
}

QString PgExplainDialog::summaryText() const
{
    return m_summary->text();
}

void PgExplainDialog::loadSources()
{
    auto workspace = m_workspace;
    m_runner.start(
        [workspace](TaskContext&) {
            WorkerConnection connection(*workspace);
            return SourceRepository(connection.db()).locations(QStringLiteral("postgres"));
        },
        [this](const QStringList& targets) {
            const QString typed = m_target->currentText();
            for (const QString& target : targets)
                if (m_target->findText(target) < 0)
                    m_target->addItem(target);
            if (typed.isEmpty() && !targets.isEmpty())
                m_target->setCurrentIndex(0);
            if (targets.isEmpty())
                m_message->setText(tr("This workspace has no PostgreSQL source yet: collect one first "
                                      "(dremio-optimizer-cli collect --postgres URL) or type its URL."));
            updateButtons();
            Q_EMIT sourcesLoaded();
        });
}

QString PgExplainDialog::targetUrl() const
{
    const QString text = m_target->currentText().trimmed();
    if (m_password->text().isEmpty() || text.isEmpty())
        return text;
    // The typed password travels in memory only: the source is saved without it (redactUrl).
    QUrl url(text);
    url.setPassword(m_password->text());
    return url.toString(QUrl::FullyEncoded);
}

PgExplainCollector::Options PgExplainDialog::options() const
{
    PgExplainCollector::Options options;
    options.statements = m_statements->value();
    options.statementTimeoutMs = m_timeoutSeconds->value() * 1000;
    return options;
}

void PgExplainDialog::invalidatePlan()
{
    if (m_task != 0)
        return;
    if (m_plan)
        m_message->setText(tr("The settings changed: show the statements again before running them."));
    m_plan.reset();
    m_planText->clear();
    m_confirm->setChecked(false);
    updateButtons();
}

void PgExplainDialog::updateButtons()
{
    const bool idle = m_task == 0;
    m_preview->setEnabled(idle && !m_target->currentText().trimmed().isEmpty());
    const bool runnable = m_plan && m_plan->ok && !m_plan->statements.isEmpty();
    m_confirm->setEnabled(idle && runnable);
    m_run->setEnabled(idle && runnable && m_confirm->isChecked());
    m_stop->setEnabled(!idle);
    for (QWidget* input : std::initializer_list<QWidget*> {m_target, m_password, m_statements, m_timeoutSeconds})
        input->setEnabled(idle);
}

void PgExplainDialog::showStatements()
{
    const QString url = targetUrl();
    if (url.isEmpty() || m_task != 0)
        return;
    m_plan.reset();
    m_planText->clear();
    m_confirm->setChecked(false);
    m_summary->clear();
    m_message->setText(tr("Connecting and choosing the statements…"));
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    m_task = PgExplainTask::startPlan(
        m_runner, *m_workspace, url, options(), [this](const PgExplainPlan& plan) { onPlan(plan); });
    updateButtons();
}

void PgExplainDialog::onPlan(const PgExplainPlan& plan)
{
    m_task = 0;
    m_progress->setVisible(false);
    m_plan = plan;
    if (!plan.ok) {
        m_message->setText(tr("Cannot choose the statements: %1").arg(plan.error));
        updateButtons();
        Q_EMIT planReady(false);
        return;
    }
    QStringList lines;
    lines << tr("Each statement runs on %1 (database %2) as:")
                 .arg(PgConnection::redactUrl(m_target->currentText().trimmed()), plan.database)
          << QStringLiteral("  BEGIN TRANSACTION READ ONLY;")
          << QStringLiteral("  SET LOCAL statement_timeout = %1;").arg(plan.options.statementTimeoutMs);
    for (const QString& setting : plan.options.settings)
        lines << QStringLiteral("  SET LOCAL %1;").arg(setting);
    lines << QStringLiteral("  EXPLAIN (ANALYZE, BUFFERS, VERBOSE, FORMAT JSON) <statement>;")
          << QStringLiteral("  ROLLBACK;")
          << tr("EXPLAIN ANALYZE executes the statement; the read-only transaction is rolled back and "
                "statement_timeout stops it after %1 s.")
                 .arg(plan.options.statementTimeoutMs / 1000)
          << QString();
    int number = 0;
    for (const PgExplainedStatement& statement : plan.statements) {
        lines << tr("%1. %2: %3 calls, %4 in total")
                     .arg(QString::number(++number), statement.fingerprint, DisplayFormat::exactCount(statement.calls),
                         DisplayFormat::milliseconds(statement.totalMs, 1));
        lines << QStringLiteral("   ") + statement.sql.simplified();
        if (statement.parameterSource == QLatin1String("log"))
            lines << tr("   values: those of its slowest logged execution%1")
                         .arg(statement.loggedParameters.isEmpty()
                                 ? QString()
                                 : QStringLiteral(" (") + statement.loggedParameters + QLatin1Char(')'));
        else if (statement.parameterSource == QLatin1String("none"))
            lines << tr("   values: none needed");
        for (const PgParameterValue& value : statement.parameters)
            lines << tr("   $%1 = %2 (%3)").arg(value.number).arg(value.literal, value.origin);
        if (!statement.error.isEmpty())
            lines << tr("   will not run: %1").arg(statement.error);
    }
    if (plan.statements.isEmpty())
        lines << tr("No SELECT of this source to explain: collect pg_stat_statements snapshots or import its "
                    "server log first.");
    m_planText->setPlainText(lines.join(QLatin1Char('\n')));
    m_message->setText(plan.statements.isEmpty()
            ? QString()
            : tr("Statements chosen: %1. Read them, then confirm.").arg(plan.statements.size()));
    updateButtons();
    Q_EMIT planReady(true);
}

void PgExplainDialog::run()
{
    if (!m_plan || !m_plan->ok || !m_confirm->isChecked() || m_task != 0)
        return;
    m_results->setRowCount(0);
    m_summary->clear();
    m_message->setText(tr("Running EXPLAIN ANALYZE…"));
    m_progress->setRange(0, int(m_plan->statements.size()));
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_task = PgExplainTask::startRun(
        m_runner, *m_workspace, targetUrl(), *m_plan, [this](const PgExplainResult& result) { onResult(result); });
    updateButtons();
}

void PgExplainDialog::stop()
{
    if (m_task == 0)
        return;
    m_runner.cancel(m_task);
    m_message->setText(tr("Stopping: the EXPLAIN in progress is cancelled on the server…"));
}

void PgExplainDialog::onResult(const PgExplainResult& result)
{
    m_task = 0;
    m_progress->setVisible(false);
    m_results->setRowCount(int(result.statements.size()));
    for (int row = 0; row < result.statements.size(); ++row) {
        const PgExplainedStatement& statement = result.statements[row];
        auto* sql = new QTableWidgetItem(statement.sql.simplified().left(300));
        sql->setToolTip(statement.sql);
        m_results->setItem(row, 0, sql);
        m_results->setItem(row, 1,
            new QTableWidgetItem(statement.error.isEmpty() ? tr("stored with job %1").arg(statement.jobId)
                                                           : tr("none: %1").arg(statement.error)));
        m_results->setItem(row, 2,
            new QTableWidgetItem(
                statement.executionMs >= 0 ? DisplayFormat::milliseconds(statement.executionMs, 0) : QString()));
        m_results->setItem(row, 3,
            new QTableWidgetItem(
                statement.spilledBytes > 0 ? DisplayFormat::bytes(statement.spilledBytes) : QString()));
    }
    QString summary;
    if (!result.ok)
        summary = tr("Failed: %1").arg(result.error);
    else
        // Label-value pairs rather than "%n profile(s)": correct in English without a plural translation.
        summary = tr("Profiles stored: %1, statements without one: %2").arg(result.explained).arg(result.failed)
            + (result.cancelled ? QStringLiteral(" ") + tr("(stopped before the end)") : QString())
            + (result.error.isEmpty() ? QString() : QStringLiteral(": ") + result.error) + QLatin1Char('.');
    m_summary->setText(summary);
    m_message->setText(result.explained > 0 ? tr("The new profiles are in the query browser.") : QString());
    // What ran is done: showing it again is needed before another run.
    m_plan.reset();
    m_confirm->setChecked(false);
    updateButtons();
    Q_EMIT finished(result.explained);
}

} // namespace dopt
