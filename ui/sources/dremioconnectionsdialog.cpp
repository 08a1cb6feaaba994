#include "dremioconnectionsdialog.h"

#include "displayformat.h"
#include "sources/dremio/dremioconnectiontester.h"
#include "sources/dremio/historycollector.h"
#include "sources/dremio/secretstore.h"
#include "store/workspace.h"
#include "tasks/workerconnection.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMutex>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace dopt {

namespace {

// Secrets typed in this session when no keychain answers: process memory only, never written.
QHash<QString, QString>& sessionSecrets()
{
    static QHash<QString, QString> secrets;
    return secrets;
}

QMutex& sessionSecretsMutex()
{
    static QMutex mutex;
    return mutex;
}

QString keychainKey(const DremioConnection& connection)
{
    return SecretStore::keyFor(connection.displayName(), DremioConnection::authModeName(connection.authMode));
}

struct SaveOutcome
{
    qint64 sourceId = -1;
    QString error;
    QString secretNote;
};

} // namespace

DremioConnectionsDialog::DremioConnectionsDialog(std::shared_ptr<Workspace> workspace, QWidget* parent)
    : QDialog(parent)
    , m_workspace(std::move(workspace))
    , m_runner(1)
{
    setWindowTitle(tr("Dremio connections"));
    buildUi();
    connect(&m_runner, &TaskRunner::progress, this, [this](quint64 id, int done, int total, const QString& message) {
        if (id != m_busyTask)
            return;
        m_progress->setRange(0, qMax(total, 0));
        m_progress->setValue(done);
        m_status->setText(message);
    });
    reload();
}

DremioConnectionsDialog::~DremioConnectionsDialog()
{
    m_runner.discardAll();
}

void DremioConnectionsDialog::buildUi()
{
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("connectionList"));
    m_list->setMinimumWidth(260);
    connect(m_list, &QListWidget::currentRowChanged, this, &DremioConnectionsDialog::showConnection);

    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(tr("https://dremio.example.com:9047 or https://api.dremio.cloud"));
    m_project = new QLineEdit(this);
    m_project->setObjectName(QStringLiteral("projectEdit"));
    m_project->setPlaceholderText(tr("Dremio Cloud only"));
    m_auth = new QComboBox(this);
    m_auth->setObjectName(QStringLiteral("authCombo"));
    m_auth->addItem(tr("Personal access token"), int(DremioConnection::AuthMode::PersonalAccessToken));
    m_auth->addItem(tr("User name and password"), int(DremioConnection::AuthMode::Password));
    connect(m_auth, &QComboBox::currentIndexChanged, this, &DremioConnectionsDialog::updateAuthFields);
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("userEdit"));
    m_secret = new QLineEdit(this);
    m_secret->setObjectName(QStringLiteral("secretEdit"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_caFile = new QLineEdit(this);
    m_caFile->setObjectName(QStringLiteral("caFileEdit"));
    m_caFile->setPlaceholderText(tr("optional PEM file, trusted in addition to the system certificates"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("CA certificates"), QString(), tr("PEM certificates (*.pem *.crt);;All files (*)"));
        if (!file.isEmpty())
            m_caFile->setText(file);
    });
    auto* caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile);
    caRow->addWidget(browse);
    m_profiles = new QSpinBox(this);
    m_profiles->setObjectName(QStringLiteral("profilesSpin"));
    m_profiles->setRange(0, 500);
    m_profiles->setValue(20);
    m_profiles->setToolTip(
        tr("Profiles downloaded per collect run: slowest, most expensive, failed and regressed jobs"));
    m_secretNote = new QLabel(this);
    m_secretNote->setWordWrap(true);
    m_secretNote->setObjectName(QStringLiteral("secretNote"));

    auto* form = new QFormLayout;
    form->addRow(tr("Server URL:"), m_url);
    form->addRow(tr("Cloud project id:"), m_project);
    form->addRow(tr("Authentication:"), m_auth);
    form->addRow(tr("User name:"), m_user);
    form->addRow(tr("Token or password:"), m_secret);
    form->addRow(QString(), m_secretNote);
    form->addRow(tr("Extra CA file:"), caRow);
    form->addRow(tr("Profiles per run:"), m_profiles);

    m_newButton = new QPushButton(tr("&New"), this);
    m_testButton = new QPushButton(tr("&Test connection"), this);
    m_testButton->setObjectName(QStringLiteral("testButton"));
    m_saveButton = new QPushButton(tr("&Save"), this);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_collectButton = new QPushButton(tr("&Collect now"), this);
    m_collectButton->setObjectName(QStringLiteral("collectButton"));
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setEnabled(false);
    connect(m_newButton, &QPushButton::clicked, this, &DremioConnectionsDialog::newConnection);
    connect(m_testButton, &QPushButton::clicked, this, &DremioConnectionsDialog::testConnection);
    connect(m_saveButton, &QPushButton::clicked, this, &DremioConnectionsDialog::saveConnection);
    connect(m_collectButton, &QPushButton::clicked, this, &DremioConnectionsDialog::collectNow);
    connect(m_cancelButton, &QPushButton::clicked, this, &DremioConnectionsDialog::cancelOperation);
    auto* actions = new QHBoxLayout;
    for (QPushButton* button : {m_newButton, m_testButton, m_saveButton, m_collectButton, m_cancelButton})
        actions->addWidget(button);
    actions->addStretch();

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress = new QProgressBar(this);
    m_progress->setVisible(false);

    auto* right = new QVBoxLayout;
    right->addLayout(form);
    right->addLayout(actions);
    right->addWidget(m_progress);
    right->addWidget(m_status);
    right->addStretch();
    auto* columns = new QHBoxLayout;
    columns->addWidget(m_list);
    columns->addLayout(right, 1);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addWidget(close);
    updateAuthFields();
    resize(900, 460);
}

QString DremioConnectionsDialog::statusText() const
{
    return m_status->text();
}

void DremioConnectionsDialog::reload()
{
    auto workspace = m_workspace;
    if (!workspace || !workspace->isOpen()) {
        m_status->setText(tr("No workspace is open."));
        return;
    }
    m_runner.start(
        [workspace](TaskContext& context) {
            WorkerConnection connection(*workspace);
            QString error;
            QVector<DremioSourceSettings> all = DremioSourceRepository(connection.db()).all(&error);
            if (!error.isEmpty())
                context.fail(error);
            return all;
        },
        [this](QVector<DremioSourceSettings> all) {
            const int keep = m_list->currentRow();
            m_saved = std::move(all);
            m_list->clear();
            for (const DremioSourceSettings& settings : std::as_const(m_saved)) {
                auto* item = new QListWidgetItem(
                    QStringLiteral("%1\n%2").arg(settings.connection.displayName(), describeLastCollected(settings)),
                    m_list);
                item->setToolTip(settings.connection.baseUrl.toString());
            }
            if (!m_saved.isEmpty())
                m_list->setCurrentRow(qBound(0, keep, int(m_saved.size()) - 1));
            Q_EMIT connectionsLoaded(int(m_saved.size()));
        },
        [this](const QString& error) { m_status->setText(tr("Cannot read the saved connections: %1").arg(error)); });
}

QString DremioConnectionsDialog::describeLastCollected(const DremioSourceSettings& settings)
{
    if (!settings.lastCollectedMs)
        return tr("never collected");
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(*settings.lastCollectedMs).toLocalTime();
    return tr("last collected %1").arg(QLocale().toString(when, QLocale::ShortFormat));
}

void DremioConnectionsDialog::showConnection(int row)
{
    if (row < 0 || row >= m_saved.size())
        return;
    const DremioSourceSettings& settings = m_saved[row];
    const DremioConnection& connection = settings.connection;
    m_url->setText(connection.baseUrl.toString());
    m_project->setText(connection.projectId);
    m_auth->setCurrentIndex(m_auth->findData(int(connection.authMode)));
    m_user->setText(connection.userName);
    m_secret->clear();
    m_caFile->setText(connection.caFile);
    m_profiles->setValue(settings.profilesPerRun);
    m_secretNote->setText(settings.secretBackend == QLatin1String("keychain")
            ? tr("The secret is kept in the system keychain; leave the field empty to use it.")
            : tr("The secret is read from the environment variable %1; leave the field empty to use it.")
                  .arg(settings.secretRef));
}

void DremioConnectionsDialog::newConnection()
{
    m_list->clearSelection();
    m_list->setCurrentRow(-1);
    for (QLineEdit* edit : {m_url, m_project, m_user, m_secret, m_caFile})
        edit->clear();
    m_auth->setCurrentIndex(0);
    m_profiles->setValue(20);
    m_secretNote->clear();
    m_url->setFocus();
}

void DremioConnectionsDialog::updateAuthFields()
{
    const bool password = m_auth->currentData().toInt() == int(DremioConnection::AuthMode::Password);
    m_user->setEnabled(password);
    m_secret->setPlaceholderText(password ? tr("password") : tr("personal access token"));
}

bool DremioConnectionsDialog::connectionFromForm(DremioConnection* connection, QString* error) const
{
    *connection = DremioConnection::fromUrl(m_url->text().trimmed(), m_project->text().trimmed());
    connection->authMode = DremioConnection::AuthMode(m_auth->currentData().toInt());
    connection->userName
        = connection->authMode == DremioConnection::AuthMode::Password ? m_user->text().trimmed() : QString();
    connection->caFile = m_caFile->text().trimmed();
    return connection->validate(error);
}

QString DremioConnectionsDialog::typedOrSessionSecret(const DremioConnection& connection) const
{
    if (!m_secret->text().isEmpty())
        return m_secret->text();
    QMutexLocker lock(&sessionSecretsMutex());
    return sessionSecrets().value(keychainKey(connection));
}

void DremioConnectionsDialog::setBusy(quint64 task, const QString& message)
{
    m_busyTask = task;
    for (QPushButton* button : {m_newButton, m_testButton, m_saveButton, m_collectButton})
        button->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    m_status->setText(message);
}

void DremioConnectionsDialog::finishOperation(bool ok, const QString& message)
{
    m_busyTask = 0;
    for (QPushButton* button : {m_newButton, m_testButton, m_saveButton, m_collectButton})
        button->setEnabled(true);
    m_cancelButton->setEnabled(false);
    m_progress->setVisible(false);
    m_status->setText(message);
    Q_EMIT operationFinished(ok);
}

void DremioConnectionsDialog::cancelOperation()
{
    if (m_busyTask == 0)
        return;
    m_runner.cancel(m_busyTask);
    m_status->setText(tr("Cancelling…"));
}

// The secret for a worker: what was typed or kept this session, else the keychain or environment.
static std::optional<QString> resolveSecret(
    const DremioConnection& connection, const QString& known, const QString& secretRef, QString* error)
{
    if (!known.isEmpty())
        return known;
    SecretStore store;
    return store.read(
        secretRef.isEmpty() ? keychainKey(connection) : secretRef, connection.secretEnvironmentVariable(), error);
}

void DremioConnectionsDialog::testConnection()
{
    DremioConnection connection;
    QString error;
    if (!connectionFromForm(&connection, &error)) {
        m_status->setText(tr("Cannot test: %1").arg(error));
        Q_EMIT operationFinished(false);
        return;
    }
    const QString known = typedOrSessionSecret(connection);
    const int row = m_list->currentRow();
    const QString secretRef = row >= 0 && row < m_saved.size() ? m_saved[row].secretRef : QString();
    const quint64 task = m_runner.start(
        [connection, known, secretRef](TaskContext& context) {
            QString secretError;
            const std::optional<QString> secret = resolveSecret(connection, known, secretRef, &secretError);
            if (!secret) {
                DremioConnectionTestResult missing;
                missing.message = secretError;
                return missing;
            }
            return DremioConnectionTester::test(connection, *secret, context.cancelFlag());
        },
        [this](const DremioConnectionTestResult& result) {
            finishOperation(result.ok, result.ok ? result.message : tr("Connection failed: %1").arg(result.message));
        },
        [this](const QString& failure) { finishOperation(false, tr("Connection failed: %1").arg(failure)); });
    setBusy(task, tr("Testing %1…").arg(connection.displayName()));
}

void DremioConnectionsDialog::saveConnection()
{
    DremioSourceSettings settings;
    QString error;
    if (!connectionFromForm(&settings.connection, &error)) {
        m_status->setText(tr("Cannot save: %1").arg(error));
        Q_EMIT operationFinished(false);
        return;
    }
    const int row = m_list->currentRow();
    if (row >= 0 && row < m_saved.size()
        && m_saved[row].connection.displayName() == settings.connection.displayName()) {
        settings.sourceId = m_saved[row].sourceId;
        settings.secretBackend = m_saved[row].secretBackend;
        settings.secretRef = m_saved[row].secretRef;
    }
    settings.profilesPerRun = m_profiles->value();
    const QString typed = m_secret->text();
    auto workspace = m_workspace;
    const quint64 task = m_runner.start(
        [workspace, settings, typed](TaskContext&) mutable {
            SaveOutcome outcome;
            if (!typed.isEmpty()) {
                SecretStore store;
                const QString key = keychainKey(settings.connection);
                QString reason;
                if (store.keychainAvailable(&reason) && store.store(key, typed, &reason)) {
                    settings.secretBackend = QStringLiteral("keychain");
                    settings.secretRef = key;
                    outcome.secretNote = QStringLiteral("the secret is in the system keychain");
                } else {
                    // No keychain: never write the secret anywhere; keep it for this session only.
                    QMutexLocker lock(&sessionSecretsMutex());
                    sessionSecrets().insert(key, typed);
                    settings.secretBackend = QStringLiteral("environment");
                    settings.secretRef = settings.connection.secretEnvironmentVariable();
                    outcome.secretNote = QStringLiteral("no keychain (%1): the secret is used for this session only; "
                                                        "set %2 before starting to collect in later sessions")
                                             .arg(reason, settings.secretRef);
                }
            } else if (settings.secretRef.isEmpty()) {
                settings.secretBackend = QStringLiteral("environment");
                settings.secretRef = settings.connection.secretEnvironmentVariable();
            }
            WorkerConnection connection(*workspace);
            outcome.sourceId = DremioSourceRepository(connection.db()).save(settings, &outcome.error);
            return outcome;
        },
        [this](const SaveOutcome& outcome) {
            if (outcome.sourceId < 0) {
                finishOperation(false, tr("Cannot save the connection: %1").arg(outcome.error));
                return;
            }
            m_secret->clear();
            finishOperation(
                true, outcome.secretNote.isEmpty() ? tr("Saved.") : tr("Saved; %1.").arg(outcome.secretNote));
            reload();
        },
        [this](const QString& failure) { finishOperation(false, tr("Cannot save the connection: %1").arg(failure)); });
    setBusy(task, tr("Saving…"));
}

void DremioConnectionsDialog::collectNow()
{
    DremioConnection connection;
    QString error;
    if (!connectionFromForm(&connection, &error)) {
        m_status->setText(tr("Cannot collect: %1").arg(error));
        Q_EMIT operationFinished(false);
        return;
    }
    const QString known = typedOrSessionSecret(connection);
    const int row = m_list->currentRow();
    CollectOptions options;
    options.profiles = m_profiles->value();
    if (row >= 0 && row < m_saved.size() && m_saved[row].connection.displayName() == connection.displayName()) {
        options.secretBackend = m_saved[row].secretBackend;
        options.secretRef = m_saved[row].secretRef;
    } else {
        options.secretBackend = QStringLiteral("environment");
        options.secretRef = connection.secretEnvironmentVariable();
    }
    auto workspace = m_workspace;
    const quint64 task = m_runner.start(
        [workspace, connection, known, options](TaskContext& context) {
            QString secretError;
            const std::optional<QString> secret = resolveSecret(connection, known, options.secretRef, &secretError);
            if (!secret) {
                CollectResult missing;
                missing.error = secretError;
                return missing;
            }
            WorkerConnection scope(*workspace); // releases this pool thread's connection afterwards
            return HistoryCollector::collect(*workspace, connection, *secret, options, context.cancelFlag(),
                [&context](int done, int total, const QString& message) { context.progress(done, total, message); });
        },
        [this](const CollectResult& result) {
            QString message;
            if (result.ok)
                message = tr("Collected %n new job(s), %1 history row(s), %2 profile(s), %3 reflection(s) in %4 s.",
                    nullptr, int(result.jobsAdded))
                              .arg(DisplayFormat::exactCount(result.historyRows),
                                  DisplayFormat::exactCount(result.profilesStored),
                                  DisplayFormat::exactCount(result.reflections),
                                  DisplayFormat::decimal(result.elapsedMs / 1000.0, 1));
            else if (result.cancelled)
                message = tr("Collect cancelled; %n new job(s) kept.", nullptr, int(result.jobsAdded));
            else
                message
                    = tr("Collect failed: %1 (%n new job(s) kept).", nullptr, int(result.jobsAdded)).arg(result.error);
            if (!result.warnings.isEmpty())
                message += QLatin1Char('\n') + tr("Warnings: %1").arg(result.warnings.join(QStringLiteral("; ")));
            finishOperation(result.ok, message);
            if (result.jobsAdded > 0)
                Q_EMIT collected(result.jobsAdded);
            reload();
        },
        [this](const QString& failure) { finishOperation(false, tr("Collect failed: %1").arg(failure)); });
    setBusy(task, tr("Collecting from %1…").arg(connection.displayName()));
}

} // namespace dopt
