#pragma once

#include "sources/postgres/pgexplaincollector.h"
#include "tasks/taskrunner.h"

#include <QDialog>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace dopt {

class Workspace;

/// "Collect PostgreSQL Plans": EXPLAIN (ANALYZE, BUFFERS) of the most expensive SELECTs of a saved
/// PostgreSQL source, with their profiles stored in the workspace. Nothing runs before the user has
/// seen the exact statements, the parameter values each will run with (and where they come from) and
/// the READ ONLY, rolled-back, statement_timeout envelope, and confirmed. Choosing the statements
/// (which reads pg_stats) and running them both happen on a worker thread; Stop cancels the EXPLAIN in
/// progress on the server. The password is the typed one or PGPASSWORD / ~/.pgpass, never stored.
class PgExplainDialog : public QDialog
{
    Q_OBJECT
public:
    PgExplainDialog(std::shared_ptr<Workspace> workspace, QWidget* parent = nullptr);
    ~PgExplainDialog() override;

    QString planText() const;
    QString summaryText() const;
    QTableWidget* results() const { return m_results; }
    bool isBusy() const { return m_task != 0; }
    std::optional<PgExplainPlan> plan() const { return m_plan; }

Q_SIGNALS:
    /// The saved PostgreSQL sources were read (the server list is filled).
    void sourcesLoaded();
    /// The statements to run are shown (or why there are none).
    void planReady(bool ok);
    /// The run ended; `stored` profiles were added to the workspace.
    void finished(int stored);

private:
    void loadSources();
    QString targetUrl() const;
    PgExplainCollector::Options options() const;
    void invalidatePlan();
    void showStatements();
    void onPlan(const PgExplainPlan& plan);
    void run();
    void stop();
    void onResult(const PgExplainResult& result);
    void updateButtons();

    std::shared_ptr<Workspace> m_workspace;
    TaskRunner m_runner;
    quint64 m_task = 0;
    std::optional<PgExplainPlan> m_plan;

    QComboBox* m_target;
    QLineEdit* m_password;
    QSpinBox* m_statements;
    QSpinBox* m_timeoutSeconds;
    QPushButton* m_preview;
    QPlainTextEdit* m_planText;
    QCheckBox* m_confirm;
    QPushButton* m_run;
    QPushButton* m_stop;
    QProgressBar* m_progress;
    QLabel* m_message;
    QLabel* m_summary;
    QTableWidget* m_results;
};

} // namespace dopt
