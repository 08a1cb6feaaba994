#include "recommendationengine.h"

#include "detectorregistry.h"
#include "reflectionplanner.h"
#include "sql/sqlrewriter.h"
#include "sql/sqltokenlist.h"
#include "subqueryrewritedetector.h"
#include "workmemadvice.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonArray>
#include <QSet>
#include <algorithm>

namespace dopt {

namespace {

QString shortHash(const QString& text)
{
    return QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha1).toHex().left(8));
}

/// The table a statement writes (INSERT INTO x, CREATE TABLE x) or first reads (FROM x).
QString tableOf(const QString& sql)
{
    const SqlTokenList t(sql);
    for (qsizetype i = 0; i < t.size(); ++i) {
        qsizetype at = -1;
        if (t.word(i, "INTO") || (t.word(i, "TABLE") && t.word(i - 1, "CREATE")) || t.word(i, "FROM"))
            at = i + 1;
        if (at >= 0 && t.pathEnd(at) >= 0)
            return t.slice(at, t.pathEnd(at));
    }
    return QString();
}

/// A text's template, or the stored English as it is for a finding read back without one (schema < 14).
AnalysisText templateOf(const AnalysisText& text, const QString& stored)
{
    return text.isEmpty() ? AnalysisText::verbatim(stored) : text;
}

void attachRewrite(Recommendation& r, const std::optional<SqlRewrite>& rewrite)
{
    if (!rewrite)
        return;
    r.sqlBefore = rewrite->before;
    r.sqlAfter = rewrite->after;
    r.action = rewrite->kind == QLatin1String("sargable_range") ? ActionKind::PartitionFilter : ActionKind::SqlRewrite;
    r.definition = QJsonObject {{QStringLiteral("rewrite"), rewrite->kind},
        {QStringLiteral("description"), rewrite->description}, {QStringLiteral("caveat"), rewrite->caveat},
        {QStringLiteral("changesResult"), rewrite->changesResult},
        {QStringLiteral("parseChecked"), rewrite->parseChecked}};
    r.appendRationale(AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "Rewrite: %1."))
                          .arg(templateOf(rewrite->descriptionText, rewrite->description)));
    if (!rewrite->caveat.isEmpty())
        r.appendRationale(templateOf(rewrite->caveatText, rewrite->caveat));
    r.measureSql = rewrite->before;
}

/// A PostgreSQL memory_spill: SET LOCAL work_mem for the statement, measured with the setting in the
/// after runs. Never ALTER SYSTEM: every sort and hash of every connection could then take that much.
void attachWorkMem(Recommendation& r, const Finding& f, const WorkspaceFacts& facts, qint64 capKb)
{
    // Unknown settings: PostgreSQL's defaults (work_mem 4MB, hash_mem_multiplier 2 since version 15).
    const bool known = facts.postgresWorkMemKb > 0;
    const qint64 currentKb = known ? facts.postgresWorkMemKb : 4096;
    const double multiplier = facts.postgresHashMemMultiplier > 0 ? facts.postgresHashMemMultiplier : 2.0;
    const double sortKb = f.evidenceValue(QStringLiteral("sort_memory_needed_kb")).value_or(0);
    const double hashKb = f.evidenceValue(QStringLiteral("hash_memory_needed_kb")).value_or(0);
    const WorkMemAdvice::Choice choice = WorkMemAdvice::choose(sortKb, hashKb, multiplier, currentKb, capKb);
    const QString setting = QStringLiteral("work_mem = '%1'").arg(choice.text);
    r.engine = QStringLiteral("postgresql");
    r.action = ActionKind::ParameterChange;
    r.applyStatements.clear(); // nothing persistent: the statement's own transaction sets it
    r.undoStatements.clear();
    r.definition = QJsonObject {{QStringLiteral("parameter"), QStringLiteral("work_mem")},
        {QStringLiteral("value"), choice.text}, {QStringLiteral("settings"), QJsonArray {setting}},
        {QStringLiteral("statement"), QString(QStringLiteral("SET LOCAL ") + setting)},
        {QStringLiteral("current_kb"), currentKb}, {QStringLiteral("current_known"), known},
        {QStringLiteral("recommended_kb"), choice.kb}, {QStringLiteral("hash_mem_multiplier"), multiplier},
        {QStringLiteral("capped"), choice.capped}};
    r.evidence.append({QStringLiteral("work_mem_current"), double(currentKb), QStringLiteral("kB")});
    r.evidence.append({QStringLiteral("work_mem_recommended"), double(choice.kb), QStringLiteral("kB")});
    r.setTitle(AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "SET work_mem = '%1' for this statement: %2"))
                   .arg(choice.text)
                   .arg(templateOf(f.titleText, f.title)));
    // Sizes stay in PostgreSQL's own units ("64MB"): they are what SET accepts.
    const AnalysisText current = known ? AnalysisText::verbatim(WorkMemAdvice::format(currentKb))
                                       : AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "%1 (assumed default)"))
                                             .arg(WorkMemAdvice::format(currentKb));
    r.setRationale(AnalysisText(
        QT_TRANSLATE_NOOP("dopt::AnalysisText",
            "With work_mem = %1 (hash tables may use %2x that) the plan's sorts and hashes spilled; they needed about "
            "%3 of sort memory and %4 of hash memory. Run SET LOCAL work_mem = '%5' in this statement's transaction "
            "(or SET it before the statement and RESET after). Not ALTER SYSTEM or ALTER ROLE: every sort and hash of "
            "every connection could then use that much memory."))
                       .arg(current)
                       .argNumber(multiplier, 'g', 6)
                       .arg(WorkMemAdvice::format(qint64(sortKb)))
                       .arg(WorkMemAdvice::format(qint64(hashKb)))
                       .arg(choice.text));
    if (choice.capped) {
        r.appendRationale(AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
                                           "That is more than the %1 proposed at most: this value reduces "
                                           "the spill; reducing the rows sorted or hashed would remove it."))
                              .arg(WorkMemAdvice::format(capKb)));
        r.confidence *= 0.5;
    }
}

} // namespace

QStringList RecommendationEngine::producedDetectors()
{
    return DetectorRegistry::ids();
}

QVector<Recommendation> RecommendationEngine::build(const QVector<Finding>& findings,
    const QVector<Baseline>& baselines, const WorkspaceFacts& facts, const Options& options)
{
    QHash<QString, const Baseline*> baselineOf;
    for (const Baseline& b : baselines)
        baselineOf.insert(b.fingerprint, &b);
    QHash<QString, const ReflectionUsage*> reflectionOf;
    for (const ReflectionUsage& r : facts.reflections)
        reflectionOf.insert(r.reflectionId, &r);

    QVector<Recommendation> all;
    QHash<QString, qsizetype> byKey;
    QHash<QString, QSet<QString>> shapesOf; // fingerprints already counted in each key's cost
    for (const Finding& f : findings) {
        Recommendation r;
        r.detector = f.detectorId;
        r.action = f.action;
        r.severity = f.severity;
        r.confidence = f.confidence;
        r.setTitle(templateOf(f.titleText, f.title));
        r.setRationale(templateOf(f.recommendationText, f.recommendation));
        r.fingerprint = f.fingerprint;
        r.jobIds = f.jobIds;
        r.evidence = f.evidence;
        r.sqlBefore = f.sql;
        r.measureSql = f.sql;
        r.improvementMs = f.improvementMs;
        r.improvementShare = f.improvementShare;
        const Baseline* baseline = baselineOf.value(f.fingerprint);
        r.frequency = baseline ? baseline->runCount : f.occurrences;
        r.currentCostMs = std::max(baseline ? qint64(baseline->durationP50 * baseline->runCount) : 0,
            facts.completedDurationMs.value(f.fingerprint));
        QString target = f.operatorKey;

        if (f.detectorId == QLatin1String("subquery_rewrite")) {
            if (f.title == SubqueryRewriteDetector::scalarSubqueryTitle()) {
                // Its own recommendation: a statement may also hold a NOT IN with another rewrite.
                const bool postgres = f.evidenceValue(QStringLiteral("engine_postgresql")).has_value();
                attachRewrite(r,
                    SqlRewriter::correlatedScalarToJoin(f.sql, postgres ? SqlDialect::Postgres : SqlDialect::Dremio));
                target = r.sqlAfter.isEmpty() ? f.title : QStringLiteral("scalar_subquery_to_join");
            } else {
                attachRewrite(r, SqlRewriter::notInToNotExists(f.sql));
                if (r.sqlAfter.isEmpty())
                    attachRewrite(r, SqlRewriter::correlatedInToExists(f.sql));
                target = r.sqlAfter.isEmpty() ? f.title : QStringLiteral("rewrite");
            }
            if (f.evidenceValue(QStringLiteral("engine_postgresql")))
                r.engine = QStringLiteral("postgresql"); // a PostgreSQL statement: its rewrite is measured there
        } else if (f.detectorId == QLatin1String("non_sargable")
            || f.detectorId == QLatin1String("partition_pruning")) {
            attachRewrite(r, SqlRewriter::sargableRanges(f.sql));
            r.dataset = tableOf(f.sql);
            if (f.evidenceValue(QStringLiteral("partitions_scanned")))
                r.engine = QStringLiteral("postgresql"); // from a PostgreSQL plan: the rewrite runs there
        } else if (f.detectorId == QLatin1String("memory_spill")
            && f.evidenceValue(QStringLiteral("sort_memory_needed_kb"))) {
            attachWorkMem(r, f, facts, options.workMemCapKb);
            target = QStringLiteral("work_mem"); // one setting per statement, whatever operators spilled
        } else if (f.detectorId == QLatin1String("unbounded_result")) {
            attachRewrite(r, SqlRewriter::addLimit(f.sql, options.limitRows));
        } else if (f.detectorId == QLatin1String("reflection_missing")) {
            const ReflectionDefinition d
                = ReflectionPlanner::plan(f.sql, QStringLiteral("dopt_%1").arg(shortHash(f.fingerprint)));
            if (!d.isValid())
                continue; // nothing to propose without fields (e.g. SELECT *): the finding stays
            r.dataset = d.dataset;
            r.definition = d.toJson();
            r.applyStatements = {d.createSql()};
            r.undoStatements = {d.dropSql()};
            r.setTitle((d.type == QLatin1String("RAW")
                    ? AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "Create a raw reflection on %1: %2"))
                    : AnalysisText(
                        QT_TRANSLATE_NOOP("dopt::AnalysisText", "Create an aggregation reflection on %1: %2")))
                           .arg(d.dataset)
                           .arg(templateOf(f.titleText, f.title)));
            if (d.joins)
                r.appendRationale(AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText",
                    "The query joins other tables: a reflection on a view of the "
                    "join would serve it entirely.")));
            r.confidence *= d.joins ? 0.8 : 1.0;
            target = d.dataset;
        } else if (f.detectorId == QLatin1String("reflection_unused")) {
            const ReflectionUsage* usage = reflectionOf.value(f.operatorKey);
            if (!usage)
                continue;
            ReflectionDefinition d;
            d.type = usage->type;
            d.name = usage->name.isEmpty() ? usage->reflectionId : usage->name;
            d.dataset = usage->datasetPath;
            r.dataset = usage->datasetPath;
            r.applyStatements = {d.dropSql()};
            // Dropping loses the definition: keep it from the REST API first so the undo can recreate it.
            r.undoStatements = {QStringLiteral("-- recreate from the saved definition: POST /api/v3/reflection "
                                               "(GET /api/v3/reflection/%1 before dropping)")
                                    .arg(usage->reflectionId)};
            r.definition
                = QJsonObject {{QStringLiteral("reflectionId"), usage->reflectionId}, {QStringLiteral("name"), d.name},
                    {QStringLiteral("type"), usage->type}, {QStringLiteral("dataset"), usage->datasetPath}};
            r.measureSql.clear();
            r.currentCostMs = f.improvementMs;
            r.frequency = 0;
        } else if (f.detectorId == QLatin1String("small_files")) {
            const QString prefix = QStringLiteral("OPTIMIZE TABLE ");
            // The path may hold quoted parts with spaces ("Sales Space"."orders 2025"): cut at the clause.
            QString table = f.recommendation.startsWith(prefix)
                ? f.recommendation.mid(prefix.size()).section(QStringLiteral(" REWRITE"), 0, 0).trimmed()
                : tableOf(f.sql);
            if (!table.isEmpty()) {
                r.dataset = table;
                r.applyStatements = {QStringLiteral("OPTIMIZE TABLE %1 REWRITE DATA USING BIN_PACK").arg(table)};
                // Compaction cannot be undone, but Iceberg can roll back to the snapshot before it.
                r.undoStatements
                    = {QStringLiteral("-- ROLLBACK TABLE %1 TO SNAPSHOT '<snapshot id before OPTIMIZE>'").arg(table)};
                r.definition = QJsonObject {{QStringLiteral("table"), table}};
                // One table compacted serves every query reading it: one recommendation per table.
                target = table;
                r.fingerprint = QString();
            }
        }

        // Return: seconds saved over the window, weighted by confidence.
        const double perRunBased = r.improvementShare * double(r.currentCostMs);
        r.score = r.confidence * std::max(double(r.improvementMs), perRunBased) / 1000.0;
        r.key = Recommendation::makeKey(r.detector, r.fingerprint, target);
        const auto it = byKey.constFind(r.key);
        if (it == byKey.cend()) {
            byKey.insert(r.key, all.size());
            shapesOf[r.key].insert(f.fingerprint);
            all.append(r);
            continue;
        }
        // Same key (several operators or fingerprints, one action): one recommendation, summed saving,
        // and the cost and runs of each shape it serves counted once.
        Recommendation& kept = all[*it];
        const double score = kept.score + r.score;
        const qint64 improvement = kept.improvementMs + r.improvementMs;
        const bool anotherShape = !f.fingerprint.isEmpty() && !shapesOf[r.key].contains(f.fingerprint);
        if (anotherShape)
            shapesOf[r.key].insert(f.fingerprint);
        const qint64 cost = kept.currentCostMs + (anotherShape ? r.currentCostMs : 0);
        const int frequency = kept.frequency + (anotherShape ? r.frequency : 0);
        QStringList jobs = kept.jobIds + r.jobIds;
        if (r.score > kept.score)
            kept = r;
        jobs.removeDuplicates();
        kept.jobIds = jobs.mid(0, 5);
        kept.score = score;
        kept.improvementMs = improvement;
        kept.currentCostMs = cost;
        kept.frequency = frequency;
        kept.severity = std::max(kept.severity, r.severity);
    }
    std::stable_sort(all.begin(), all.end(), [](const Recommendation& a, const Recommendation& b) {
        if (a.score != b.score)
            return a.score > b.score;
        return a.severity > b.severity;
    });
    QVector<Recommendation> out;
    QHash<QString, int> perFingerprint;
    QHash<QString, qsizetype> rewriteIndex; // fingerprint + rewritten text -> row in out
    for (Recommendation& r : all) {
        // Two detectors proposing the same rewrite of one statement (non_sargable and partition_pruning
        // on one predicate): one recommendation, the other's finding noted as supporting evidence.
        if (!r.sqlAfter.isEmpty()) {
            const QString rewriteKey = r.fingerprint + QLatin1Char('\x1f') + r.sqlAfter;
            const auto it = rewriteIndex.constFind(rewriteKey);
            if (it != rewriteIndex.cend()) {
                Recommendation& kept = out[*it];
                kept.appendRationale(AnalysisText(QT_TRANSLATE_NOOP("dopt::AnalysisText", "Also found by %1: %2."))
                                         .arg(r.detector)
                                         .arg(templateOf(r.titleText, r.title)));
                kept.confidence = std::max(kept.confidence, r.confidence);
                continue;
            }
            rewriteIndex.insert(rewriteKey, out.size());
        }
        if (!r.fingerprint.isEmpty() && ++perFingerprint[r.fingerprint] > options.maxPerFingerprint)
            continue;
        r.rank = int(out.size()) + 1;
        out.append(r);
    }
    return out;
}

} // namespace dopt
