#pragma once

#include <QMainWindow>
#include <functional>

class QLabel;
class QSplitter;
class QTabWidget;

namespace dopt {

class AnalysisController;
struct Recommendation;
class DashboardView;
class DemoWorkspaceBuilder;
class ImportController;
class JobDetailView;
class QueryBrowser;
class RecommendationsView;
class ReportExportFlow;
class WorkspaceController;
struct ImportReport;

/// The application window. It only wires parts together: the query browser (job list), the detail
/// view (SQL, timeline, profile tree), the workspace, import and demo controllers, menus and the
/// status bar. Each part lives in its own class.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a workspace without asking anything (command line, tests). False with *error.
    bool openWorkspace(const QString& location, QString* error = nullptr);
    /// Starts importing files and folders into the open workspace (menu, drag and drop).
    void importPaths(const QStringList& paths);
    /// Program start: opens `workspaceArgument`, else the remembered workspace, else asks the user
    /// (demo, existing or new workspace).
    void startUp(const QString& workspaceArgument);
    /// Opens on a worker thread with a status message; without `then`, errors go to a message box.
    void openWorkspaceInBackground(
        const QString& location, std::function<void(bool ok, const QString& error)> then = {});
    /// Generates (if needed) and opens the demo workspace.
    void openDemoWorkspace();

    QueryBrowser* queryBrowser() const { return m_browser; }
    JobDetailView* detailView() const { return m_detail; }
    ImportController* importController() const { return m_import; }
    AnalysisController* analysisController() const { return m_analysis; }
    JobDetailView* jobDetailView() const { return m_detail; }
    RecommendationsView* recommendationsView() const { return m_recommendations; }
    /// The main area's pages (queries, recommendations, and what other areas add).
    QTabWidget* pages() const { return m_pages; }
    ReportExportFlow* reportExport() const { return m_reportExport; }
    DashboardView* dashboard() const { return m_dashboard; }
    WorkspaceController* workspaceController() const { return m_workspace; }
    bool isShowingDemoData() const;
    QString jobCountText() const;

Q_SIGNALS:
    /// The first page of a newly opened workspace is shown and, when it has jobs, the first job's
    /// details too: the moment for --screenshot.
    void readyForScreenshot();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createMenusAndToolBar();
    void createStatusBar();
    void restoreSettings();
    void saveSettings() const;
    void onWorkspaceChanged();
    void updateCountLabel();
    void onFirstPageReady();
    void onImportFinished(const ImportReport& report);
    void chooseWorkspaceToOpen();
    void offerFirstRunChoices();
    void chooseWorkspaceToCreate();
    void chooseFilesToImport();
    void chooseFolderToImport();
    void showAbout();
    void showDremioConnections();
    void startAnalysis();
    void showApplyAndMeasure(const Recommendation& recommendation);
    void showError(const QString& title, const QString& message);

    WorkspaceController* m_workspace;
    ImportController* m_import;
    AnalysisController* m_analysis;
    DemoWorkspaceBuilder* m_demo;
    QueryBrowser* m_browser;
    JobDetailView* m_detail;
    QSplitter* m_splitter;
    RecommendationsView* m_recommendations;
    QTabWidget* m_pages;
    QLabel* m_countLabel;
    QLabel* m_demoLabel;
    ReportExportFlow* m_reportExport;
    DashboardView* m_dashboard;
    qint64 m_filteredCount = -1;
    bool m_filteredCountExact = true; // false while the count is a lower bound ("10,000+")
    bool m_screenshotPending = false;
};

} // namespace dopt
