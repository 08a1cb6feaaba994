// The Dashboard page in a time zone that is not UTC (Europe/Paris, set before the application
// starts): the time axes, their tooltips and the weekday × hour heatmap all read UTC, so a job's hour
// is the same number on the axis, in the tooltip and in the heatmap.
#include "dashboard/dashboardview.h"
#include "dashboard/heatmapwidget.h"
#include "dashboardupdate.h"
#include "demoworkspace.h"
#include "store/workspace.h"
#include "testdata.h"

#include <QApplication>
#include <QChart>
#include <QDateTimeAxis>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QLineSeries>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>
#include <ctime>

using namespace dopt;

namespace {

QDateTimeAxis* timeAxis(QChart* chart)
{
    for (QAbstractAxis* axis : chart->axes(Qt::Horizontal))
        if (auto* time = qobject_cast<QDateTimeAxis*>(axis))
            return time;
    return nullptr;
}

/// The texts the chart draws that match pattern, from left to right.
QStringList drawnTexts(QChart* chart, const QRegularExpression& pattern)
{
    QList<std::pair<qreal, QString>> found;
    for (QGraphicsItem* item : chart->scene()->items()) {
        QString text;
        if (auto* rich = dynamic_cast<QGraphicsTextItem*>(item))
            text = rich->toPlainText();
        else if (auto* simple = dynamic_cast<QGraphicsSimpleTextItem*>(item))
            text = simple->text();
        if (item->isVisible() && pattern.match(text).hasMatch())
            found.append({item->sceneBoundingRect().center().x(), text});
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    QStringList texts;
    for (const auto& entry : found)
        texts.append(entry.second);
    return texts;
}

} // namespace

class TestDashboardUtc : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Without an offset from UTC this test could not tell local time from UTC.
        QVERIFY2(QDateTime::currentDateTime().offsetFromUtc() != 0, "TZ=Europe/Paris did not take effect");
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        const QString path = test::makeDemoWorkspace(QStringLiteral("dashboardutc.dopt"), 600, 0, &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        m_workspace = std::make_shared<Workspace>();
        QVERIFY2(m_workspace->open(path, &error), qPrintable(error));
    }

    void jobHourIsTheSameOnAxisTooltipAndHeatmap()
    {
        DashboardView view;
        view.resize(1100, 1400);
        view.show();
        view.setWorkspace(m_workspace);
        QVERIFY(test::waitForDashboardUpdate(view));
        const DashboardData& data = view.data();
        QVERIFY(!data.jobsPerHour.isEmpty());

        // The newest job: its UTC hour and weekday.
        const qint64 submitted
            = test::queryScalar(m_workspace->database(), QStringLiteral("SELECT MAX(submitted_ms) FROM jobs"));
        const QDateTime utc = QDateTime::fromMSecsSinceEpoch(submitted, Qt::UTC);
        const int hour = utc.time().hour();
        const int weekday = utc.date().dayOfWeek() - 1;
        const QString hourText = QStringLiteral("%1:00").arg(hour, 2, 10, QLatin1Char('0'));
        QVERIFY(data.weekdayHour[weekday][hour] > 0);
        QVERIFY(view.heatmap()->cellText(weekday, hour).contains(hourText + QStringLiteral("–")));
        QVERIFY(view.heatmap()->cellText(weekday, hour).contains(QStringLiteral("UTC")));

        // Its point on the jobs-per-hour line: the axis formats that value as the UTC hour, and the
        // tooltip there names the same hour in UTC.
        auto* perHour = qobject_cast<QLineSeries*>(view.chart(DashboardView::JobsPerHour)->series().value(0));
        QVERIFY(perHour);
        QCOMPARE(perHour->count(), data.jobsPerHour.size());
        const qint64 hourStart = submitted - submitted % 3600000;
        qsizetype index = -1;
        for (qsizetype i = 0; i < data.jobsPerHour.size(); ++i)
            if (data.jobsPerHour[i].hourStartMs == hourStart)
                index = i;
        QVERIFY(index >= 0);
        const double x = perHour->at(index).x();
        QDateTimeAxis* axis = timeAxis(view.chart(DashboardView::JobsPerHour));
        QVERIFY(axis);
        QVERIFY(axis->titleText().contains(QStringLiteral("UTC")));
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(qRound64(x)).toString(QStringLiteral("HH:mm")), hourText);
        QCOMPARE(DashboardView::utcMs(x), hourStart);
        const QString tooltip = view.jobsPerHourText(x);
        QVERIFY2(tooltip.contains(hourText + QStringLiteral(" UTC")), qPrintable(tooltip));
        QVERIFY2(tooltip.contains(QString::number(data.jobsPerHour[index].jobs)), qPrintable(tooltip));

        // The labels the axis draws: the first is the first hour in UTC.
        QApplication::processEvents();
        const QStringList labels = drawnTexts(view.chart(DashboardView::JobsPerHour),
            QRegularExpression(QStringLiteral("^\\d\\d-\\d\\d \\d\\d:\\d\\d$")));
        QVERIFY2(labels.size() >= 2, qPrintable(labels.join(QStringLiteral(" | "))));
        QCOMPARE(labels.first(),
            QDateTime::fromMSecsSinceEpoch(data.jobsPerHour.first().hourStartMs, Qt::UTC)
                .toString(QStringLiteral("MM-dd HH:mm")));
        QVERIFY(
            !drawnTexts(view.chart(DashboardView::JobsPerHour), QRegularExpression(QStringLiteral("UTC"))).isEmpty());

        // The trend axis starts on the first day in UTC and says so.
        QDateTimeAxis* days = timeAxis(view.chart(DashboardView::Trend));
        QVERIFY(days);
        QVERIFY(days->titleText().contains(QStringLiteral("UTC")));
        if (!data.trend.isEmpty())
            QCOMPARE(days->min().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                QDateTime::fromMSecsSinceEpoch(data.trend.first().dayStartMs, Qt::UTC)
                    .toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    }

private:
    std::shared_ptr<Workspace> m_workspace;
};

int main(int argc, char** argv)
{
    // Before anything reads the local time zone: one an hour or two east of UTC.
    qputenv("TZ", "Europe/Paris");
    tzset();
    QApplication app(argc, argv);
    TestDashboardUtc test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_dashboardutc.moc"
