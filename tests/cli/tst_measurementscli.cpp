// `measurements --json` and `recommend --json` on a workspace upgraded from schema 14: the old
// measurement's measuredQuery is null ("not recorded" in text), a measurement stored by this version
// gives its query, job, reason and chooser, and a cancelled one which plan it kept and why the other
// is missing.
#include "analysis/recommendationstore.h"
#include "clirun.h"
#include "measure/measurementstore.h"
#include "store/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace dopt;

namespace {

const QString Sql = QStringLiteral("SELECT count(*) FROM orders WHERE customer_id = 7");

qint64 storeRecommendation(Workspace& workspace, const QString& key)
{
    Recommendation r;
    r.key = Recommendation::makeKey(QStringLiteral("missing_index"), key, QStringLiteral("orders(customer_id)"));
    r.detector = QStringLiteral("missing_index");
    r.engine = QStringLiteral("postgres");
    r.action = ActionKind::CreateIndex;
    r.title = QStringLiteral("Index orders(customer_id)");
    r.measureSql = Sql;
    QString error;
    return RecommendationStore(workspace.database()).upsert(r, &error);
}

} // namespace

class TestMeasurementsCli : public QObject
{
    Q_OBJECT

private:
    QString m_path;
    qint64 m_oldId = 0;
    qint64 m_newId = 0;
    qint64 m_newRecommendation = 0;

    QJsonObject runJson(const QStringList& arguments)
    {
        const test::CliRun run = test::runCliProgram(QStringList {QStringLiteral("--workspace"), m_path} + arguments);
        if (run.exitCode != 0)
            qWarning("%s", qPrintable(run.err));
        return QJsonDocument::fromJson(run.out).object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_path = test::tempDir() + QStringLiteral("/measurements.dopt");
        QString error;
        {
            Workspace old;
            old.setTargetSchemaVersion(14);
            QVERIFY2(old.open(m_path, &error), qPrintable(error));
            const qint64 recommendation = storeRecommendation(old, QStringLiteral("old"));
            QVERIFY(recommendation > 0);
            QSqlQuery insert(old.database());
            insert.prepare(QStringLiteral(
                "INSERT INTO measurements (recommendation_id, engine, target, state, verdict, runs, plan_before, "
                "started_ms, ended_ms) VALUES (?, 'postgres', 'postgresql://old@host/db', 'done', 'improved', 5, "
                "'{\"explain\": []}', 1700000000000, 1700000060000) RETURNING id"));
            insert.addBindValue(recommendation);
            QVERIFY2(insert.exec() && insert.next(), qPrintable(insert.lastError().text()));
            m_oldId = insert.value(0).toLongLong();
        }
        Workspace upgraded;
        QVERIFY2(upgraded.open(m_path, &error), qPrintable(error));
        QCOMPARE(upgraded.schemaVersion(), Workspace::CurrentSchemaVersion);
        m_newRecommendation = storeRecommendation(upgraded, QStringLiteral("new"));
        // A measurement this version stores, cancelled after its before plan (as MeasurementRecorder ends it).
        MeasurementRequest request;
        request.recommendationId = m_newRecommendation;
        request.sqlBefore = Sql;
        request.measuredQuery = MeasuredQuery::given(Sql, QStringLiteral("typed in the Apply & Measure dialog"));
        MeasurementStore store(upgraded.database());
        m_newId = store.create(request, QStringLiteral("postgresql://me@host/db"), 1700000100000, &error);
        QVERIFY2(m_newId > 0, qPrintable(error));
        MeasurementResult cancelled;
        cancelled.id = m_newId;
        cancelled.state = QStringLiteral("cancelled");
        cancelled.error = QStringLiteral("cancelled by the user");
        cancelled.planBefore = QStringLiteral("{\"explain\": []}");
        cancelled.planAfter = MeasurementResult::missingPlan(
            QStringLiteral("postgres"), QStringLiteral("not taken: the measurement was cancelled"));
        cancelled.endedMs = 1700000160000;
        QVERIFY2(store.finish(cancelled, &error), qPrintable(error));
    }

    void listsMeasurementsWithTheirQuery()
    {
        const QJsonArray list = runJson({QStringLiteral("measurements"), QStringLiteral("--json")})
                                    .value(QLatin1String("measurements"))
                                    .toArray();
        QCOMPARE(list.size(), 2);
        const QJsonObject newest = list.at(0).toObject();
        QCOMPARE(newest.value(QLatin1String("id")).toInteger(), m_newId);
        const QJsonObject query = newest.value(QLatin1String("measuredQuery")).toObject();
        QCOMPARE(query.value(QLatin1String("sql")).toString(), Sql);
        QCOMPARE(query.value(QLatin1String("chosenBy")).toString(), QStringLiteral("user"));
        QCOMPARE(
            query.value(QLatin1String("reason")).toString(), QStringLiteral("typed in the Apply & Measure dialog"));
        QVERIFY(newest.value(QLatin1String("plan_before")).toObject().value(QLatin1String("available")).toBool());
        QCOMPARE(newest.value(QLatin1String("plan_after")).toObject().value(QLatin1String("unavailable")).toString(),
            QStringLiteral("not taken: the measurement was cancelled"));

        const QJsonObject old = list.at(1).toObject();
        QCOMPARE(old.value(QLatin1String("id")).toInteger(), m_oldId);
        QVERIFY(old.contains(QLatin1String("measuredQuery")));
        QVERIFY(old.value(QLatin1String("measuredQuery")).isNull());

        // Text: the honest "not recorded" for the old one.
        const test::CliRun text = test::runCliProgram(
            {QStringLiteral("--workspace"), m_path, QStringLiteral("measurements"), QStringLiteral("--recommendation"),
                QString::number(list.at(1).toObject().value(QLatin1String("recommendation_id")).toInteger())});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("measured query: not recorded"), text.out.constData());
        QVERIFY2(!text.out.contains(Sql.toUtf8()), text.out.constData());
    }

    void recommendJsonCarriesTheLatestMeasurement()
    {
        const QJsonArray recommendations = runJson({QStringLiteral("recommend"), QStringLiteral("--json")})
                                               .value(QLatin1String("recommendations"))
                                               .toArray();
        QCOMPARE(recommendations.size(), 2);
        for (const QJsonValue& value : recommendations) {
            const QJsonObject r = value.toObject();
            const QJsonObject latest = r.value(QLatin1String("latestMeasurement")).toObject();
            if (r.value(QLatin1String("id")).toInteger() == m_newRecommendation) {
                QCOMPARE(latest.value(QLatin1String("id")).toInteger(), m_newId);
                QCOMPARE(latest.value(QLatin1String("measuredQuery")).toObject().value(QLatin1String("sql")).toString(),
                    Sql);
            } else {
                QCOMPARE(latest.value(QLatin1String("id")).toInteger(), m_oldId);
                QVERIFY(latest.value(QLatin1String("measuredQuery")).isNull());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestMeasurementsCli)
#include "tst_measurementscli.moc"
