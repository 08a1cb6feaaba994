#include "mainwindow.h"

#include "actionicons.h"
#include "analysis/analysiscontroller.h"
#include "analysis/analysisprogresswidget.h"
#include "columnchooser.h"
#include "dashboard/dashboardview.h"
#include "demoworkspacebuilder.h"
#include "displayformat.h"
#include "firstrundialog.h"
#include "importcontroller.h"
#include "importprogresswidget.h"
#include "importsummarydialog.h"
#include "jobdetailview.h"
#include "jobfilterbar.h"
#include "jobtablemodel.h"
#include "measure/applymeasuredialog.h"
#include "ml/modelsview.h"
#include "ml/workloadview.h"
#include "profileview.h"
#include "querybrowser.h"
#include "recentworkspaces.h"
#include "recommendations/recommendationsview.h"
#include "report/reportexportflow.h"
#include "sources/dremioconnectionsdialog.h"
#include "sources/pgexplaindialog.h"
#include "sqlview.h"
#include "store/workspace.h"
#include "workspacecontroller.h"
#include "workspaceupgradedialog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>

// Resources of a static library must be registered explicitly, outside any namespace.
static void initUiResources()
{
    Q_INIT_RESOURCE(ui_resources);
}

namespace dopt {

namespace {
QStringList localPaths(const QMimeData* mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    return paths;
}

const QString WorkspaceFilter = QStringLiteral("Dremio Optimizer workspace (*.sqlite *.db);;All files (*)");
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_workspace(new WorkspaceController(this))
    , m_import(new ImportController(this))
    , m_analysis(new AnalysisController(this))
    , m_demo(new DemoWorkspaceBuilder(this))
    , m_browser(new QueryBrowser(this))
    , m_detail(new JobDetailView(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_recommendations(new RecommendationsView(this))
    , m_pages(new QTabWidget(this))
    , m_countLabel(new QLabel(this))
    , m_demoLabel(new QLabel(tr("DEMO DATA"), this))
    , m_reportExport(new ReportExportFlow(this))
    , m_dashboard(new DashboardView(this))
{
    initUiResources();
    setWindowTitle(tr("Dremio Optimizer"));
    setWindowIcon(QIcon(QStringLiteral(":/dopt/icons/dremio-optimizer.svg")));
    setAcceptDrops(true);
    m_splitter->addWidget(m_browser);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    m_pages->setDocumentMode(true);
    m_pages->addTab(m_splitter, tr("&Queries"));
    m_pages->addTab(m_recommendations, tr("&Recommendations"));
    m_pages->addTab(m_dashboard, tr("&Dashboard"));
    auto* models = new ModelsView(this);
    auto* workload = new WorkloadView(this);
    m_pages->addTab(models, tr("&Models"));
    m_pages->addTab(workload, tr("&Workload"));
    connect(models, &ModelsView::predictionsStored, this, [this] { m_browser->refresh(); });
    connect(m_workspace, &WorkspaceController::workspaceChanged, this, [this, models, workload] {
        models->setWorkspace(m_workspace->workspace());
        workload->setWorkspace(m_workspace->workspace());
    });
    setCentralWidget(m_pages);
    m_reportExport->setFilterSource([this] { return m_dashboard->currentFilter(); }); // same range as the charts
    createMenusAndToolBar();
    createStatusBar();
    restoreSettings();

    new WorkspaceUpgradeDialog(m_workspace, this); // progress and Cancel while an old workspace is upgraded
    connect(m_workspace, &WorkspaceController::workspaceChanged, this, &MainWindow::onWorkspaceChanged);
    connect(m_workspace, &WorkspaceController::statsChanged, this, &MainWindow::updateCountLabel);
    connect(m_reportExport, &ReportExportFlow::message, this,
        [this](const QString& text) { statusBar()->showMessage(text, 15000); });
    connect(m_analysis, &AnalysisController::finished, this, [this](const AnalysisSummary& summary) {
        statusBar()->showMessage(tr("Analysis done: %1 jobs, %2 query shapes, %3 findings, %4 regressions")
                                     .arg(DisplayFormat::exactCount(summary.jobsAnalysed))
                                     .arg(DisplayFormat::exactCount(summary.fingerprints))
                                     .arg(DisplayFormat::exactCount(summary.findings))
                                     .arg(DisplayFormat::exactCount(summary.regressions)),
            15000);
        m_detail->reloadFindings();
        m_recommendations->reload();
        m_dashboard->reload();
    });
    m_recommendations->setApplyAvailable(true);
    connect(m_recommendations, &RecommendationsView::applyAndMeasureRequested, this, &MainWindow::showApplyAndMeasure);
    connect(m_analysis, &AnalysisController::failed, this,
        [this](const QString& error) { statusBar()->showMessage(tr("Analysis stopped: %1").arg(error), 15000); });
    connect(m_browser->model(), &JobTableModel::countChanged, this, [this](qint64 count, bool exact) {
        m_filteredCount = count;
        m_filteredCountExact = exact;
        updateCountLabel();
    });
    connect(m_browser->model(), &JobTableModel::firstPageReady, this, &MainWindow::onFirstPageReady);
    connect(m_browser->model(), &JobTableModel::loadFailed, this,
        [this](const QString& error) { statusBar()->showMessage(tr("Loading jobs failed: %1").arg(error), 10000); });
    connect(m_browser, &QueryBrowser::currentJobChanged, m_detail, &JobDetailView::showJob);
    connect(m_browser, &QueryBrowser::currentJobCleared, m_detail, &JobDetailView::clear);
    connect(m_detail->profileView(), &ProfileView::loadFinished, this, [this] {
        if (m_screenshotPending) {
            m_screenshotPending = false;
            Q_EMIT readyForScreenshot();
        }
    });
    connect(m_import, &ImportController::finished, this, &MainWindow::onImportFinished);
    connect(m_import, &ImportController::failed, this,
        [this](const QString& error) { showError(tr("Import failed"), error); });
    connect(m_demo, &DemoWorkspaceBuilder::finished, this, [this](const QString& path) {
        openWorkspaceInBackground(path, [this](bool ok, const QString& error) {
            if (!ok)
                showError(tr("Cannot open the demo workspace"), error);
        });
    });
    connect(m_demo, &DemoWorkspaceBuilder::failed, this,
        [this](const QString& error) { showError(tr("Cannot create the demo workspace"), error); });
    onWorkspaceChanged();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenusAndToolBar()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(
        ActionIcons::icon(QStringLiteral("open")), tr("&Open Workspace…"), this, &MainWindow::chooseWorkspaceToOpen);
    open->setShortcut(QKeySequence::Open);
    QAction* create = file->addAction(
        ActionIcons::icon(QStringLiteral("new")), tr("&New Workspace…"), this, &MainWindow::chooseWorkspaceToCreate);
    create->setShortcut(QKeySequence::New);
    QMenu* recent = file->addMenu(tr("Open &Recent"));
    recent->setObjectName(QStringLiteral("recentWorkspacesMenu"));
    connect(recent, &QMenu::aboutToShow, this, [this, recent] {
        RecentWorkspaces::populate(recent, [this](const QString& location) { openWorkspaceInBackground(location); });
    });
    file->addSeparator();
    QAction* importFiles = file->addAction(ActionIcons::icon(QStringLiteral("import-files")), tr("&Import Files…"),
        this, &MainWindow::chooseFilesToImport);
    importFiles->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    QAction* importFolder = file->addAction(ActionIcons::icon(QStringLiteral("import-folder")), tr("Import &Folder…"),
        this, &MainWindow::chooseFolderToImport);
    importFolder->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    file->addSeparator();
    file->addAction(tr("Open &Demo Workspace"), this, &MainWindow::openDemoWorkspace);
    file->addSeparator();
    file->addAction(m_reportExport->action());
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QMenu* columns = view->addMenu(tr("&Columns"));
    connect(columns, &QMenu::aboutToShow, this,
        [this, columns] { ColumnChooser::populate(columns, m_browser->view()->horizontalHeader()); });
    QAction* refresh = view->addAction(ActionIcons::icon(QStringLiteral("refresh")), tr("&Refresh"), this, [this] {
        m_browser->refresh();
        m_workspace->refreshStats();
    });
    refresh->setShortcut(QKeySequence::Refresh);
    QAction* find = view->addAction(ActionIcons::icon(QStringLiteral("find")), tr("&Find Jobs"), this, [this] {
        m_pages->setCurrentWidget(m_splitter);
        m_browser->filterBar()->lineEdit()->setFocus(Qt::ShortcutFocusReason);
        m_browser->filterBar()->lineEdit()->selectAll();
    });
    find->setObjectName(QStringLiteral("findJobsAction"));
    find->setShortcut(QKeySequence::Find);

    QMenu* analysis = menuBar()->addMenu(tr("&Analysis"));
    QAction* analyze = analysis->addAction(
        ActionIcons::icon(QStringLiteral("analyze")), tr("&Analyze Workspace"), this, &MainWindow::startAnalysis);
    analyze->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    analyze->setToolTip(tr("Fingerprints, baselines, regressions and detectors over every job, in the background"));

    QMenu* sources = menuBar()->addMenu(tr("&Sources"));
    sources->addAction(ActionIcons::icon(QStringLiteral("connections")), tr("&Dremio Connections…"), this,
        &MainWindow::showDremioConnections);
    sources
        ->addAction(tr("Collect &PostgreSQL Plans…"), this,
            [this] {
                if (!m_workspace->isOpen()) {
                    showError(tr("PostgreSQL plans"), tr("Open a workspace first: the plans are stored in it."));
                    return;
                }
                auto* dialog = new PgExplainDialog(m_workspace->workspace(), this);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
                connect(dialog, &PgExplainDialog::finished, this, [this](int stored) {
                    if (stored > 0) {
                        m_browser->refresh();
                        m_workspace->refreshStats();
                    }
                });
                dialog->open();
            })
        ->setObjectName(QStringLiteral("collectPostgresPlansAction"));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Dremio Optimizer"), this, &MainWindow::showAbout)->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);

    QToolBar* toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(open);
    toolBar->addAction(importFiles);
    toolBar->addAction(importFolder);
    toolBar->addAction(refresh);
}

void MainWindow::createStatusBar()
{
    statusBar()->addPermanentWidget(new ImportProgressWidget(m_import, this));
    statusBar()->addPermanentWidget(new AnalysisProgressWidget(m_analysis, this));
    m_demoLabel->setToolTip(tr("The jobs in this workspace were generated by the demo generator: they are not "
                               "measurements of a real Dremio cluster."));
    m_demoLabel->setStyleSheet(QStringLiteral("QLabel { background: #c62828; color: white; font-weight: bold; "
                                              "padding: 1px 6px; border-radius: 3px; }"));
    m_demoLabel->hide();
    statusBar()->addPermanentWidget(m_demoLabel);
    statusBar()->addPermanentWidget(m_countLabel);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    const QByteArray splitter = settings.value(QStringLiteral("mainWindow/splitter")).toByteArray();
    if (!splitter.isEmpty())
        m_splitter->restoreState(splitter);
    m_browser->restoreState(settings.value(QStringLiteral("queryBrowser/header")).toByteArray());
    m_detail->restoreState(settings.value(QStringLiteral("jobDetail/splitter")).toByteArray());
    if (settings.value(QStringLiteral("mainWindow/geometry")).isNull())
        resize(1280, 800);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    settings.setValue(QStringLiteral("mainWindow/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("queryBrowser/header"), m_browser->saveState());
    settings.setValue(QStringLiteral("jobDetail/splitter"), m_detail->saveState());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_import->isRunning()) {
        // The importer stops after the current file; its transaction keeps the workspace consistent.
        m_import->cancel();
    }
    saveSettings();
    event->accept();
}

bool MainWindow::openWorkspace(const QString& location, QString* error)
{
    if (m_import->isRunning()) {
        if (error)
            *error = tr("Wait for the running import to finish before switching workspaces");
        return false;
    }
    return m_workspace->open(location, error);
}

void MainWindow::onWorkspaceChanged()
{
    auto workspace = m_workspace->workspace();
    m_import->setWorkspace(workspace);
    m_analysis->setWorkspace(workspace);
    m_recommendations->setWorkspace(workspace);
    m_reportExport->setWorkspace(workspace);
    m_dashboard->setWorkspace(workspace);
    if (workspace && workspace->isOpen())
        RecentWorkspaces::add(workspace->location());
    m_detail->setWorkspace(workspace);
    m_filteredCount = -1;
    m_screenshotPending = true;
    m_browser->setWorkspace(workspace);
    const QString location = m_workspace->location();
    setWindowTitle(
        location.isEmpty() ? tr("Dremio Optimizer") : tr("%1 — Dremio Optimizer").arg(QFileInfo(location).fileName()));
    setWindowFilePath(location);
    updateCountLabel();
}

void MainWindow::updateCountLabel()
{
    m_countLabel->setText(jobCountText());
    m_demoLabel->setVisible(isShowingDemoData());
}

QString MainWindow::jobCountText() const
{
    if (!m_workspace->isOpen())
        return tr("No workspace");
    const qint64 total = m_workspace->totalJobs();
    if (m_filteredCount < 0)
        return tr("Counting jobs…");
    if (!m_filteredCountExact) // a bounded count: the exact one follows
        return total >= 0
            ? tr("%1+ of %2 jobs").arg(DisplayFormat::exactCount(m_filteredCount), DisplayFormat::exactCount(total))
            : tr("%1+ jobs").arg(DisplayFormat::exactCount(m_filteredCount));
    if (total >= 0 && total != m_filteredCount)
        return tr("%1 of %2 jobs").arg(DisplayFormat::exactCount(m_filteredCount), DisplayFormat::exactCount(total));
    return tr("%1 jobs").arg(DisplayFormat::exactCount(m_filteredCount));
}

bool MainWindow::isShowingDemoData() const
{
    return m_workspace->isOpen() && m_workspace->demoJobs() > 0;
}

void MainWindow::onFirstPageReady()
{
    if (!m_screenshotPending)
        return;
    // Show something useful right away: the newest job and its profile.
    if (m_browser->model()->rowCount() > 0 && !m_browser->view()->currentIndex().isValid()) {
        m_browser->selectRow(0);
        if (m_browser->currentJob())
            return; // readyForScreenshot follows when the profile load ends
    }
    m_screenshotPending = false;
    Q_EMIT readyForScreenshot();
}

void MainWindow::importPaths(const QStringList& paths)
{
    QString error;
    if (!m_import->start(paths, &error))
        showError(tr("Cannot import"), error);
}

void MainWindow::onImportFinished(const ImportReport& report)
{
    statusBar()->showMessage(ImportSummaryDialog::summaryText(report), 15000);
    m_browser->refresh();
    m_workspace->refreshStats();
    m_dashboard->reload();
    auto* dialog = new ImportSummaryDialog(report, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open(); // window-modal, does not block the event loop
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!localPaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QStringList paths = localPaths(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    importPaths(paths);
}

void MainWindow::openWorkspaceInBackground(
    const QString& location, std::function<void(bool ok, const QString& error)> then)
{
    if (m_import->isRunning()) {
        showError(
            tr("Cannot open the workspace"), tr("Wait for the running import to finish before switching workspaces"));
        return;
    }
    statusBar()->showMessage(tr("Opening %1…").arg(location));
    m_workspace->openInBackground(location, [this, then](bool ok, const QString& error) {
        statusBar()->clearMessage();
        if (then)
            then(ok, error);
        else if (!ok)
            showError(tr("Cannot open the workspace"), error);
    });
}

void MainWindow::startUp(const QString& workspaceArgument)
{
    if (!workspaceArgument.isEmpty()) {
        openWorkspaceInBackground(workspaceArgument);
        return;
    }
    const QString remembered = WorkspaceController::rememberedWorkspace();
    if (!remembered.isEmpty()) {
        openWorkspaceInBackground(remembered, [this](bool ok, const QString& error) {
            if (ok)
                return;
            statusBar()->showMessage(tr("The last workspace could not be opened: %1").arg(error), 15000);
            offerFirstRunChoices();
        });
        return;
    }
    offerFirstRunChoices();
}

void MainWindow::offerFirstRunChoices()
{
    FirstRunDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    switch (dialog.choice()) {
    case FirstRunDialog::Choice::Demo:
        openDemoWorkspace();
        break;
    case FirstRunDialog::Choice::OpenExisting:
        chooseWorkspaceToOpen();
        break;
    case FirstRunDialog::Choice::CreateEmpty:
        chooseWorkspaceToCreate();
        break;
    case FirstRunDialog::Choice::None:
        break;
    }
}

void MainWindow::openDemoWorkspace()
{
    const QString path = WorkspaceController::demoWorkspacePath();
    if (QFileInfo::exists(path)) {
        openWorkspaceInBackground(path, [this](bool ok, const QString& error) {
            if (!ok)
                showError(tr("Cannot open the demo workspace"), error);
        });
        return;
    }
    if (m_demo->isRunning())
        return;
    auto* progress = new QProgressDialog(tr("Generating the demo workspace…"), tr("Cancel"), 0, 0, this);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress->setMinimumDuration(0);
    progress->setWindowModality(Qt::WindowModal);
    connect(m_demo, &DemoWorkspaceBuilder::progress, progress, [progress](int done, int total) {
        progress->setMaximum(total);
        progress->setValue(done);
    });
    connect(progress, &QProgressDialog::canceled, m_demo, &DemoWorkspaceBuilder::cancel);
    connect(m_demo, &DemoWorkspaceBuilder::finished, progress, &QWidget::close);
    connect(m_demo, &DemoWorkspaceBuilder::failed, progress, &QWidget::close);
    connect(m_demo, &DemoWorkspaceBuilder::cancelled, progress, &QWidget::close);
    m_demo->start(path, DemoWorkspaceBuilder::DefaultJobCount);
}

void MainWindow::chooseWorkspaceToOpen()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Workspace"), QString(), WorkspaceFilter);
    if (path.isEmpty())
        return;
    if (!QFileInfo::exists(path)) {
        showError(tr("Cannot open the workspace"), tr("%1 does not exist").arg(path));
        return;
    }
    openWorkspaceInBackground(path);
}

void MainWindow::chooseWorkspaceToCreate()
{
    QString path
        = QFileDialog::getSaveFileName(this, tr("New Workspace"), QStringLiteral("workspace.sqlite"), WorkspaceFilter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".sqlite");
    openWorkspaceInBackground(path, [this](bool ok, const QString& error) {
        if (!ok)
            showError(tr("Cannot create the workspace"), error);
    });
}

void MainWindow::chooseFilesToImport()
{
    // PostgreSQL writes its csvlog and jsonlog as .csv and .json, psql's EXPLAIN output is saved as .txt or
    // .json; the importer tells them from Dremio's by content.
    const QStringList paths = QFileDialog::getOpenFileNames(this,
        tr("Import Dremio Files, PostgreSQL Logs or EXPLAIN Plans"), QString(),
        tr("Dremio files, PostgreSQL logs and EXPLAIN plans (*.json *.zip *.csv *.txt);;Dremio profiles, query logs "
           "and job history (*.json *.zip *.csv);;PostgreSQL server logs, csvlog or jsonlog (*.csv *.json);;"
           "PostgreSQL EXPLAIN plans, text or JSON (*.txt *.json);;All files (*)"));
    if (!paths.isEmpty())
        importPaths(paths);
}

void MainWindow::chooseFolderToImport()
{
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Import a Folder of Dremio Files, PostgreSQL Logs or EXPLAIN Plans"));
    if (!dir.isEmpty())
        importPaths({dir});
}

void MainWindow::showApplyAndMeasure(const Recommendation& recommendation)
{
    if (!m_workspace->isOpen())
        return;
    auto* dialog = new ApplyMeasureDialog(m_workspace->workspace(), recommendation, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ApplyMeasureDialog::measurementFinished, m_recommendations, &RecommendationsView::reload);
    connect(dialog, &ApplyMeasureDialog::decisionFinished, m_recommendations, &RecommendationsView::reload);
    dialog->open();
}

void MainWindow::startAnalysis()
{
    QString error;
    if (!m_analysis->start(&error))
        showError(tr("Cannot analyze"), error);
}

void MainWindow::showDremioConnections()
{
    if (!m_workspace->isOpen()) {
        showError(tr("Dremio connections"), tr("Open a workspace first: connections are saved in it."));
        return;
    }
    auto* dialog = new DremioConnectionsDialog(m_workspace->workspace(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DremioConnectionsDialog::collected, this, [this] {
        m_browser->refresh();
        m_workspace->refreshStats();
    });
    dialog->open();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Dremio Optimizer"),
        tr("<h3>Dremio Optimizer %1</h3>"
           "<p>Finds why Dremio and PostgreSQL queries are slow.</p>"
           "<p>SQL highlighting: %2<br>Qt %3</p>")
            .arg(QStringLiteral(DOPT_VERSION), SqlView::highlighterName().toHtmlEscaped(),
                QString::fromLatin1(qVersion())));
}

void MainWindow::showError(const QString& title, const QString& message)
{
    statusBar()->showMessage(title + QStringLiteral(": ") + message, 15000);
    // Window-modal but not blocking: background work (and tests) keep running behind it.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace dopt
