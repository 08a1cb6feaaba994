#pragma once

#include "sources/dremio/dremiosourcerepository.h"
#include "tasks/taskrunner.h"

#include <QDialog>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace dopt {

class Workspace;

/// Sources → Dremio connections: the saved connections with their last-collected time, a form to
/// add or edit one, "Test connection", and "Collect now" as a background task with progress and
/// cancel. Secrets go to the OS keychain when one answers; otherwise the typed secret is used for
/// this session only and the dialog says which environment variable to set. Nothing here blocks
/// the GUI thread: store reads and writes, keychain calls and network all run on a worker.
class DremioConnectionsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit DremioConnectionsDialog(std::shared_ptr<Workspace> workspace, QWidget* parent = nullptr);
    ~DremioConnectionsDialog() override;

    QString statusText() const;
    bool isBusy() const { return m_busyTask != 0; }

Q_SIGNALS:
    /// A collect run ended and added jobs: the browser should refresh.
    void collected(qint64 jobsAdded);
    /// The saved list was (re)loaded; for tests and for keeping the selection.
    void connectionsLoaded(int count);
    /// Test, save or collect ended; `ok` false when it failed.
    void operationFinished(bool ok);

private:
    void buildUi();
    void reload();
    void showConnection(int row);
    void newConnection();
    void updateAuthFields();
    bool connectionFromForm(DremioConnection* connection, QString* error) const;
    QString typedOrSessionSecret(const DremioConnection& connection) const;
    void testConnection();
    void saveConnection();
    void collectNow();
    void cancelOperation();
    void setBusy(quint64 task, const QString& message);
    void finishOperation(bool ok, const QString& message);
    static QString describeLastCollected(const DremioSourceSettings& settings);

    std::shared_ptr<Workspace> m_workspace;
    TaskRunner m_runner;
    quint64 m_busyTask = 0;
    QVector<DremioSourceSettings> m_saved;

    QListWidget* m_list = nullptr;
    QLineEdit* m_url = nullptr;
    QLineEdit* m_project = nullptr;
    QComboBox* m_auth = nullptr;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_secret = nullptr;
    QLineEdit* m_caFile = nullptr;
    QSpinBox* m_profiles = nullptr;
    QLabel* m_secretNote = nullptr;
    QLabel* m_status = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_newButton = nullptr;
    QPushButton* m_testButton = nullptr;
    QPushButton* m_saveButton = nullptr;
    QPushButton* m_collectButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
};

} // namespace dopt
