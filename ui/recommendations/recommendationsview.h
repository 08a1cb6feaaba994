#pragma once

#include "analysis/recommendationstore.h"
#include "measure/measurementresult.h"
#include "tasks/taskrunner.h"

#include <QHash>
#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace dopt {

class RecommendationTableModel;
class SqlDiffView;
class Workspace;

/// The workspace-wide list of ranked recommendations, filterable by detector, severity, dataset and
/// status, with the chosen one's evidence, statements and its SQL rewrite as a side-by-side diff.
/// Reads run on a worker thread; a newer filter makes a pending read stale.
class RecommendationsView : public QWidget
{
    Q_OBJECT
public:
    explicit RecommendationsView(QWidget* parent = nullptr);

    void setWorkspace(std::shared_ptr<Workspace> workspace);
    /// Re-reads with the current filter (after an analysis or a measurement).
    void reload();
    RecommendationFilter filter() const;

    RecommendationTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    SqlDiffView* diffView() const { return m_diff; }
    QString statusText() const;
    /// The recommendation shown in the details, nullptr when none.
    const Recommendation* current() const;
    void selectRow(int row);
    /// The details pane as plain text (what the user reads about the current recommendation).
    QString detailsText() const;
    /// Shows the "Apply & Measure…" button; only when something handles applyAndMeasureRequested.
    void setApplyAvailable(bool available);

Q_SIGNALS:
    void loaded(int count);
    /// "Apply & measure…" on the current recommendation.
    void applyAndMeasureRequested(const dopt::Recommendation& recommendation);

private:
    void showDetails(int row);
    QString estimateHtml(const Recommendation& r) const;
    QString measurementHtml(const MeasurementResult& m) const;
    void setCurrentStatus(const QString& status);

    std::shared_ptr<Workspace> m_workspace;
    TaskRunner m_runner;
    quint64 m_loadTask = 0;
    QComboBox* m_detector;
    QComboBox* m_severity;
    QLineEdit* m_dataset;
    QComboBox* m_status;
    QLabel* m_summary;
    QTableView* m_table;
    RecommendationTableModel* m_model;
    QTextBrowser* m_details;
    SqlDiffView* m_diff;
    QPushButton* m_apply;
    QPushButton* m_dismiss;
    bool m_applyAvailable = false;
    QHash<qint64, MeasurementResult> m_latestMeasurements; // by recommendation id
};

} // namespace dopt
