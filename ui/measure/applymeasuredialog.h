#pragma once

#include "analysis/recommendation.h"
#include "measure/measurementrequest.h"
#include "measure/measurementresult.h"
#include "measure/reflectionquerypicker.h"
#include "sources/dremio/dremiosourcerepository.h"
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
class QTabWidget;

namespace dopt {

class MeasuredQueryView;
class MeasurementChart;
class PlanComparisonView;
class Workspace;

/// "Apply & Measure" for one recommendation: shows the exact statements (apply, undo, the measured
/// query) and the settings, applies nothing until the user confirms, then runs the measurement in
/// the background with a chart filling in run by run, and ends with the verdict, the before/after
/// distributions and the two plans side by side. An applied change can then be kept or reverted.
/// Dremio recommendations (reflections, OPTIMIZE TABLE, rewrites) run on a saved Dremio connection
/// (or a typed URL); the token or password is the typed one or the connection's keychain entry /
/// environment variable, read on a worker thread, never stored.
class ApplyMeasureDialog : public QDialog
{
    Q_OBJECT
public:
    ApplyMeasureDialog(
        std::shared_ptr<Workspace> workspace, const Recommendation& recommendation, QWidget* parent = nullptr);
    ~ApplyMeasureDialog() override;

    QString verdictText() const;
    /// The verdict line of a finished measurement with its figures (medians, speed-up and its 95%
    /// interval, p-value, predicted and measured saving) in the application's locale.
    static QString verdictSentence(const MeasurementResult& result);
    QString statementsText() const;
    MeasurementChart* chart() const { return m_chart; }
    PlanComparisonView* plans() const { return m_plans; }
    /// The query the finished measurement timed, as stored with it.
    MeasuredQueryView* measuredQuery() const { return m_measuredQuery; }
    std::optional<MeasurementResult> result() const { return m_result; }
    bool isRunning() const { return m_task != 0; }
    bool isDremio() const { return m_baseRequest && m_baseRequest->isDremio(); }

Q_SIGNALS:
    void measurementFinished(const dopt::MeasurementResult& result);
    /// A run finished and was added to the live chart; `count` runs so far (warm-ups included).
    void runAdded(int count);
    /// Keep or revert ended; the recommendation's status may have changed.
    void decisionFinished(bool ok, const QString& message);
    /// drop_reflection: the workspace was searched for a query the reflection served.
    void queryPicked(bool found);

private:
    void loadTargets();
    /// drop_reflection: the query the reflection served most, from the workspace's acceleration records.
    void pickQuery();
    /// The chosen Dremio connection: a saved one by its name, else the typed URL.
    DremioSourceSettings dremioTarget() const;
    void startMeasurement(MeasurementRequest request);
    void updatePreview();
    std::optional<MeasurementRequest> currentRequest(QString* error) const;
    void start();
    void cancel();
    void onRun(const MeasurementRun& run);
    void onFinished(const MeasurementResult& result);
    void keep();
    void revert();

    std::shared_ptr<Workspace> m_workspace;
    Recommendation m_recommendation;
    std::optional<MeasurementRequest> m_baseRequest;
    QString m_requestError;
    std::optional<MeasurementResult> m_result;
    TaskRunner m_runner;
    quint64 m_task = 0;
    int m_runsSeen = 0;
    QVector<DremioSourceSettings> m_dremioSources;
    std::optional<ReflectionQuery> m_picked; // drop_reflection: the query the workspace suggested

    QComboBox* m_target;
    QLineEdit* m_password;
    QLineEdit* m_query; // drop_reflection: the query the reflection served
    QLabel* m_queryOrigin; // where the prefilled query comes from
    QSpinBox* m_runs;
    QSpinBox* m_warmups;
    QSpinBox* m_timeoutSeconds;
    QCheckBox* m_keep;
    QPlainTextEdit* m_statements;
    QCheckBox* m_confirm;
    QLabel* m_message;
    QProgressBar* m_progress;
    MeasurementChart* m_chart;
    QLabel* m_verdict;
    PlanComparisonView* m_plans;
    MeasuredQueryView* m_measuredQuery;
    QTabWidget* m_resultTabs;
    QPushButton* m_apply;
    QPushButton* m_cancel;
    QPushButton* m_keepButton;
    QPushButton* m_revertButton;
};

} // namespace dopt
