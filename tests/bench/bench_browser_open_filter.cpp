// Query-browser latency on a large workspace: build (or reuse) a 1,000,000-job demo workspace, then
// time opening it, the first page and the count, and a text filter's first page — through
// JobRepository and, when the GUI is built, through JobTableModel. Prints figures; never asserts
// timings. Goal: each step < 100 ms.
//
// usage: bench_browser_open_filter [--jobs N] [--dir CACHE_DIR]
// The workspace is cached as CACHE_DIR/demo-N.dopt (default $TMPDIR/dopt-bench) between runs.

#include "demo/demogenerator.h"
#include "store/jobrepository.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>
#include <memory>

#ifdef DOPT_BENCH_HAVE_UI
#include "jobtablemodel.h"

#include <QEventLoop>
#include <QTimer>
#endif

static void initCoreResources()
{
    Q_INIT_RESOURCE(core_resources); // dopt_core is static: link its migrations in
}

using namespace dopt;

namespace {

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

double msSince(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

void report(const QString& step, double ms, const QString& note = QString())
{
    out() << QStringLiteral("%1 %2 ms  %3 %4\n")
                 .arg(step, -52)
                 .arg(ms, 9, 'f', 1)
                 .arg(ms < 100 ? QStringLiteral("ok  ") : QStringLiteral("SLOW"), note);
}

bool ensureWorkspace(const QString& path, int jobs)
{
    const QString marker = path + QStringLiteral(".complete");
    if (QFile::exists(marker) && QFile::exists(path)) {
        out() << "reusing " << path << "\n";
        return true;
    }
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    DemoOptions options;
    options.jobs = jobs;
    options.profileEvery = 1000; // a fraction only, so the workspace stays a reasonable size
    options.batchSize = 10000;
    DemoGenerator generator(options);
    int lastTenth = -1;
    generator.setProgress([&](int done, int total, const QString& message) {
        const int tenth = total > 0 ? done * 10 / total : 10;
        if (tenth != lastTenth) {
            lastTenth = tenth;
            out() << "  building: " << done << "/" << total << " " << message << "\n";
            out().flush();
        }
    });
    QElapsedTimer timer;
    timer.start();
    QString error;
    if (!generator.generate(path, &error)) {
        out() << "error: " << error << "\n";
        return false;
    }
    out() << "built " << path << " in " << timer.elapsed() / 1000 << " s (" << generator.jobsWritten() << " jobs, "
          << generator.profilesWritten() << " profiles, " << QFileInfo(path).size() / (1024 * 1024) << " MB)\n";
    QFile file(marker);
    return file.open(QIODevice::WriteOnly);
}

void throughRepository(Workspace& workspace, const QString& filterText)
{
    JobRepository jobs(workspace.database());
    QElapsedTimer timer;
    timer.start();
    const QVector<JobRow> first = jobs.page(JobQuery(), 0, 100);
    report(QStringLiteral("JobRepository first page (100 newest)"), msSince(timer),
        QStringLiteral("%1 rows").arg(first.size()));
    timer.restart();
    const qint64 all = jobs.count(JobQuery());
    report(QStringLiteral("JobRepository count (all)"), msSince(timer), QStringLiteral("%1 jobs").arg(all));

    JobQuery filtered;
    filtered.text = filterText;
    timer.restart();
    const QVector<JobRow> page = jobs.page(filtered, 0, 100);
    report(QStringLiteral("JobRepository filter \"%1\": first page").arg(filterText), msSince(timer),
        QStringLiteral("%1 rows").arg(page.size()));
    timer.restart();
    const qint64 matching = jobs.count(filtered);
    report(QStringLiteral("JobRepository filter \"%1\": count").arg(filterText), msSince(timer),
        QStringLiteral("%1 jobs").arg(matching));
}

#ifdef DOPT_BENCH_HAVE_UI
/// Waits for the model's firstPageReady; milliseconds, or -1 after 60 s.
double waitFirstPage(JobTableModel& model, const QElapsedTimer& timer)
{
    if (model.isFirstPageReady())
        return msSince(timer);
    QEventLoop loop;
    QObject::connect(&model, &JobTableModel::firstPageReady, &loop, &QEventLoop::quit);
    QTimer::singleShot(60'000, &loop, &QEventLoop::quit);
    loop.exec();
    return model.isFirstPageReady() ? msSince(timer) : -1;
}

void throughModel(const QString& path, const QString& filterText)
{
    auto workspace = std::make_shared<Workspace>();
    QString error;
    QElapsedTimer timer;
    timer.start();
    if (!workspace->open(path, &error)) {
        out() << "error: " << error << "\n";
        return;
    }
    JobTableModel model;
    model.setWorkspace(workspace);
    const double open = waitFirstPage(model, timer);
    report(QStringLiteral("JobTableModel open + first page + count"), open,
        QStringLiteral("%1 rows").arg(model.rowCount()));
    timer.restart();
    model.setFilter(filterText, QString());
    const double filter = waitFirstPage(model, timer);
    report(QStringLiteral("JobTableModel filter \"%1\": first page").arg(filterText), filter,
        QStringLiteral("%1 rows").arg(model.rowCount()));
    model.setWorkspace(nullptr);
}
#endif

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    initCoreResources();
    const QStringList args = app.arguments();
    int jobs = 1'000'000;
    QString dir = QDir::temp().filePath(QStringLiteral("dopt-bench"));
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--jobs"))
            jobs = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--dir"))
            dir = args[i + 1];
    }
    QDir().mkpath(dir);
    const QString path = QDir(dir).filePath(QStringLiteral("demo-%1.dopt").arg(jobs));
    if (!ensureWorkspace(path, jobs))
        return 1;

    const QString filterText = QStringLiteral("web events");
    QString error;
    {
        // Untimed: applies migrations a cached workspace from an older build may lack, and warms the
        // OS file cache, so the figures below are those of a warm re-open.
        Workspace warmUp;
        if (!warmUp.open(path, &error)) {
            out() << "error: " << error << "\n";
            return 1;
        }
    }
    QElapsedTimer timer;
    timer.start();
    Workspace workspace;
    if (!workspace.open(path, &error)) {
        out() << "error: " << error << "\n";
        return 1;
    }
    report(QStringLiteral("Workspace::open"), msSince(timer));
    throughRepository(workspace, filterText);
    workspace.close();
#ifdef DOPT_BENCH_HAVE_UI
    throughModel(path, filterText);
#else
    out() << "JobTableModel: skipped (GUI not built)\n";
#endif
    return 0;
}
