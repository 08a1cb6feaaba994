// RecommendationStore on SQLite and PostgreSQL: round trip of every field, upsert by key keeping id
// and status, stale recommendations deleted unless applied or kept, filters, ranks, status changes
// and a failed write leaving the stored list unchanged.
#include "analysis/recommendationstore.h"
#include "store/workspace.h"
#include "tst_storebackends.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

using namespace dopt;

namespace {

Recommendation make(const QString& detector, const QString& fingerprint, double score,
    Severity severity = Severity::Medium, const QString& dataset = QStringLiteral("sales.orders"))
{
    Recommendation r;
    r.detector = detector;
    r.fingerprint = fingerprint;
    r.key = Recommendation::makeKey(detector, fingerprint, dataset);
    r.action = ActionKind::SqlRewrite;
    r.severity = severity;
    r.confidence = 0.8;
    r.score = score;
    r.title = QStringLiteral("%1 on %2").arg(detector, fingerprint);
    r.rationale = QStringLiteral("because");
    r.dataset = dataset;
    r.frequency = 12;
    r.currentCostMs = 120000;
    r.improvementMs = 60000;
    r.improvementShare = 0.5;
    r.jobIds = {QStringLiteral("job-1"), QStringLiteral("job-2")};
    r.evidence = {{QStringLiteral("runs"), 12, QStringLiteral("runs")}};
    r.sqlBefore = QStringLiteral("SELECT a FROM t WHERE x NOT IN (SELECT y FROM u)");
    r.sqlAfter = QStringLiteral("SELECT a FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.y = t.x)");
    r.applyStatements = {QStringLiteral("ALTER TABLE t CREATE RAW REFLECTION r USING DISPLAY (a)")};
    r.undoStatements = {QStringLiteral("ALTER TABLE t DROP REFLECTION r")};
    r.measureSql = r.sqlBefore;
    r.definition = QJsonObject {
        {QStringLiteral("type"), QStringLiteral("RAW")}, {QStringLiteral("display"), QJsonArray {QStringLiteral("a")}}};
    return r;
}

QStringList keysOf(const QVector<Recommendation>& list)
{
    QStringList keys;
    for (const Recommendation& r : list)
        keys << r.key;
    return keys;
}

} // namespace

class TestRecommendationStore : public QObject
{
    Q_OBJECT

    StoreBackends m_backends;

    // init() skips the rows whose backend is unavailable, so this is never null inside a test.
    Workspace* current() { return m_backends.shared(); }

private Q_SLOTS:
    void initTestCase()
    {
        m_backends.start();
        QVERIFY2(m_backends.openShared(), qPrintable(m_backends.skipReason()));
    }
    void initTestCase_data() { StoreBackends::addRows(); }
    void cleanupTestCase() { m_backends.closeShared(); }

    void init()
    {
        Workspace* workspace = m_backends.shared();
        if (!workspace)
            QSKIP(qPrintable(m_backends.skipReason()));
        QSqlQuery query(workspace->database());
        QVERIFY(query.exec(QStringLiteral("DELETE FROM recommendations")));
    }

    void roundTripsEveryField()
    {
        Workspace* workspace = current();
        RecommendationStore store(workspace->database());
        const Recommendation original = make(QStringLiteral("subquery_rewrite"), QStringLiteral("fp1"), 42.5);
        QString error;
        QVERIFY2(store.replace({original}, &error), qPrintable(error));
        const QVector<Recommendation> list = store.list({}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(list.size(), 1);
        Recommendation stored = list.first();
        QVERIFY(stored.id > 0);
        QCOMPARE(stored.rank, 1);
        QVERIFY(stored.createdMs > 0);
        QCOMPARE(stored.updatedMs, stored.createdMs);
        // Everything but the store-assigned fields must come back as written.
        Recommendation expected = original;
        expected.id = stored.id;
        expected.rank = stored.rank;
        expected.createdMs = stored.createdMs;
        expected.updatedMs = stored.updatedMs;
        QCOMPARE(stored.toJson(), expected.toJson());
        const std::optional<Recommendation> byId = store.get(stored.id, &error);
        QVERIFY(byId);
        QCOMPARE(byId->toJson(), stored.toJson());
        QVERIFY(!store.get(stored.id + 1000, &error));
    }

    void reanalysisKeepsIdAndStatusAndDropsStale()
    {
        Workspace* workspace = current();
        RecommendationStore store(workspace->database());
        QString error;
        const Recommendation a = make(QStringLiteral("non_sargable"), QStringLiteral("fpA"), 10);
        const Recommendation b = make(QStringLiteral("non_sargable"), QStringLiteral("fpB"), 20);
        const Recommendation c = make(QStringLiteral("small_files"), QStringLiteral("fpC"), 30);
        const Recommendation d = make(QStringLiteral("small_files"), QStringLiteral("fpD"), 5);
        QVERIFY2(store.replace({a, b, c, d}, &error), qPrintable(error));
        QCOMPARE(keysOf(store.list()), (QStringList {c.key, b.key, a.key, d.key}));
        const QVector<Recommendation> first = store.list();
        const qint64 idA = first[2].id;
        const qint64 idC = first[0].id;
        QVERIFY2(store.setStatus(idA, QStringLiteral("dismissed"), &error), qPrintable(error));
        QVERIFY2(store.setStatus(idC, QStringLiteral("applied"), &error), qPrintable(error));

        // Second analysis: a again with a better score, b and c gone, d gone, e new.
        Recommendation a2 = a;
        a2.score = 100;
        a2.title = QStringLiteral("new title");
        const Recommendation e = make(QStringLiteral("reflection_missing"), QStringLiteral("fpE"), 50);
        QVERIFY2(store.replace({a2, e}, &error), qPrintable(error));
        const QVector<Recommendation> second = store.list();
        // c survives because it is applied; b and d are deleted.
        QCOMPARE(keysOf(second), (QStringList {a.key, e.key, c.key}));
        QCOMPARE(second[0].id, idA);
        QCOMPARE(second[0].status, QStringLiteral("dismissed"));
        QCOMPARE(second[0].title, QStringLiteral("new title"));
        QCOMPARE(second[0].rank, 1);
        QCOMPARE(second[2].id, idC);
        QCOMPARE(second[2].status, QStringLiteral("applied"));
        QCOMPARE(second[2].rank, 3);
        QCOMPARE(second[1].status, QStringLiteral("open"));
    }

    void scopeLeavesOtherProducersAlone()
    {
        Workspace* workspace = current();
        RecommendationStore store(workspace->database());
        QString error;
        Recommendation index = make(QStringLiteral("pg_missing_index"), QStringLiteral("fpI"), 7);
        index.action = ActionKind::CreateIndex;
        index.engine = QStringLiteral("postgresql");
        const qint64 id = store.upsert(index, &error);
        QVERIFY2(id > 0, qPrintable(error));
        QCOMPARE(store.upsert(index, &error), id);
        const Recommendation mine = make(QStringLiteral("non_sargable"), QStringLiteral("fpA"), 10);
        QVERIFY2(store.replace({mine}, &error, {QStringLiteral("non_sargable")}), qPrintable(error));
        QCOMPARE(keysOf(store.list()), (QStringList {mine.key, index.key}));
        RecommendationFilter filter;
        filter.engine = QStringLiteral("postgresql");
        const QVector<Recommendation> pg = store.list(filter);
        QCOMPARE(pg.size(), 1);
        QCOMPARE(pg[0].action, ActionKind::CreateIndex);
        // Without a scope the index recommendation is stale.
        QVERIFY2(store.replace({mine}, &error), qPrintable(error));
        QCOMPARE(keysOf(store.list()), QStringList {mine.key});
    }

    void filters()
    {
        Workspace* workspace = current();
        RecommendationStore store(workspace->database());
        QString error;
        QVERIFY2(store.replace({make(QStringLiteral("non_sargable"), QStringLiteral("f1"), 1, Severity::Low),
                                   make(QStringLiteral("non_sargable"), QStringLiteral("f2"), 2, Severity::High,
                                       QStringLiteral("sales.items")),
                                   make(QStringLiteral("small_files"), QStringLiteral("f3"), 3, Severity::Critical)},
                     &error),
            qPrintable(error));
        RecommendationFilter byDetector;
        byDetector.detector = QStringLiteral("non_sargable");
        QCOMPARE(store.list(byDetector).size(), 2);
        RecommendationFilter bySeverity;
        bySeverity.minimumSeverity = Severity::High;
        QCOMPARE(store.list(bySeverity).size(), 2);
        RecommendationFilter byDataset;
        byDataset.dataset = QStringLiteral("sales.items");
        QCOMPARE(store.list(byDataset).size(), 1);
        QCOMPARE(store.list(byDataset).first().fingerprint, QStringLiteral("f2"));
        RecommendationFilter combined = byDetector;
        combined.minimumSeverity = Severity::Medium;
        QCOMPARE(store.list(combined).size(), 1);
        RecommendationFilter limited;
        limited.limit = 2;
        QCOMPARE(keysOf(store.list(limited)).size(), 2);
        QCOMPARE(store.list(limited).first().fingerprint, QStringLiteral("f3"));
        QCOMPARE(store.count(&error), 3);
    }

    void badInputChangesNothing()
    {
        Workspace* workspace = current();
        RecommendationStore store(workspace->database());
        QString error;
        const Recommendation a = make(QStringLiteral("non_sargable"), QStringLiteral("fpA"), 10);
        QVERIFY2(store.replace({a}, &error), qPrintable(error));
        const QVector<Recommendation> before = store.list();

        // Duplicate keys are refused before anything is written.
        const Recommendation b = make(QStringLiteral("small_files"), QStringLiteral("fpB"), 3);
        QVERIFY(!store.replace({b, b}, &error));
        QVERIFY2(error.contains(b.key), qPrintable(error));
        // A recommendation without a key fails half-way: the transaction rolls back.
        Recommendation keyless = b;
        keyless.key.clear();
        error.clear();
        QVERIFY(!store.replace({b, keyless}, &error));
        QVERIFY2(error.contains(QLatin1String("no key")), qPrintable(error));
        QCOMPARE(keysOf(store.list()), keysOf(before));
        QCOMPARE(store.list().first().id, before.first().id);

        QVERIFY(!store.setStatus(before.first().id, QStringLiteral("maybe"), &error));
        QVERIFY2(error.contains(QLatin1String("maybe")), qPrintable(error));
        QVERIFY(!store.setStatus(before.first().id + 999, QStringLiteral("kept"), &error));
        QVERIFY2(error.contains(QString::number(before.first().id + 999)), qPrintable(error));
        QCOMPARE(store.list().first().status, QStringLiteral("open"));
    }
};

QTEST_GUILESS_MAIN(TestRecommendationStore)
#include "tst_recommendationstore.moc"
