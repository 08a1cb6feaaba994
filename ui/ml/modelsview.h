#pragma once

#include "ml/trackrecord.h"
#include "tasks/taskrunner.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>
#include <memory>
#include <vector>

class QChart;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace dopt {

class Workspace;

/// What the Models page shows: the active model's metrics and importance, and predicted against
/// actual run time of the held-out jobs.
struct ModelsPageData
{
    QString family;
    qint64 modelId = 0;
    QJsonObject metrics;
    QJsonArray importance;
    std::vector<double> actualMs;
    std::vector<double> predictedMs;
    QString error; // why nothing is shown (no model yet...)
    qint64 predictionsStored = -1; // set by training and Predict all
    QVector<KindTrackRecord> trackRecord; // the learning loop: measured vs predicted per kind
};

/// The Models page: trains the run-time model in the background (progress, cancel) and shows its
/// held-out metrics, a predicted-vs-actual scatter (log scales), the residuals, the permutation
/// importance, and the learning loop's track record per recommendation kind.
class ModelsView : public QWidget
{
    Q_OBJECT
public:
    explicit ModelsView(QWidget* parent = nullptr);
    ~ModelsView() override;

    void setWorkspace(std::shared_ptr<Workspace> workspace);
    /// Loads the active model (off the GUI thread).
    void reload();
    /// Trains a new model (off the GUI thread); cancel() stops it and keeps the stored model.
    void train();
    void cancel();
    /// Predicts every job with the active model and stores the predictions (off the GUI thread,
    /// batched, progress and cancel); the query browser shows them in its optional columns.
    void predictAll();

    bool isBusy() const { return m_task != 0; }
    const ModelsPageData& data() const { return m_data; }
    QChart* scatterChart() const { return m_scatter; }
    QChart* importanceChart() const { return m_importance; }
    /// Residual (ln actual - ln predicted) against the prediction, held-out jobs.
    QChart* residualChart() const { return m_residuals; }
    /// Per recommendation kind: measurements, median measured/predicted, confidence factor.
    QTableWidget* trackRecordTable() const { return m_trackTable; }
    QString metricsText() const;
    QString statusText() const;
    /// The hover text of an importance bar (0 = the bottom bar): the feature and its importance.
    QString importanceText(int barIndex) const;

Q_SIGNALS:
    void updated();
    void failed(const QString& error);
    /// New predictions were stored (after training or Predict all): views of the jobs re-read them.
    void predictionsStored(qint64 count);

private:
    void apply(const ModelsPageData& data);
    void setBusy(bool busy);
    void fillTrackRecord(const QVector<KindTrackRecord>& records);
    void fillResiduals(const ModelsPageData& data);

    std::shared_ptr<Workspace> m_workspace;
    TaskRunner m_runner;
    quint64 m_task = 0;
    ModelsPageData m_data;
    QPushButton* m_trainButton;
    QPushButton* m_cancelButton;
    QPushButton* m_predictButton;
    QProgressBar* m_progress;
    QLabel* m_metrics;
    QLabel* m_status;
    QChart* m_scatter;
    QChart* m_importance;
    QChart* m_residuals;
    QTableWidget* m_trackTable;
};

} // namespace dopt
