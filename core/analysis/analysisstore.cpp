#include "analysisstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace dopt {

namespace {

QVariant optionalDouble(double value, bool present)
{
    return present ? QVariant(value) : QVariant(QMetaType(QMetaType::Double));
}

// A null QString binds as SQL NULL; the text columns are NOT NULL with '' for "none".
QString text(const QString& value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

void setError(QString* error, const QString& what, const QSqlQuery& query)
{
    if (error)
        *error = QStringLiteral("%1: %2").arg(what, query.lastError().text());
}

} // namespace

bool AnalysisStore::replace(const QVector<Finding>& findings, const QVector<Baseline>& baselines, QString* error)
{
    return write(nullptr, findings, {}, baselines, error);
}

bool AnalysisStore::replace(const QVector<Finding>& jobFindings, const QVector<Finding>& workspaceFindings,
    const QVector<Baseline>& baselines, QString* error)
{
    return write(nullptr, jobFindings, workspaceFindings, baselines, error);
}

bool AnalysisStore::replaceShapes(const QStringList& fingerprints, const QVector<Finding>& jobFindings,
    const QVector<Finding>& workspaceFindings, const QVector<Baseline>& baselines, QString* error)
{
    return write(&fingerprints, jobFindings, workspaceFindings, baselines, error);
}

QVector<Finding> AnalysisStore::jobFindings(QString* error)
{
    return select(QStringLiteral("scope"), QStringLiteral("job"), error);
}

bool AnalysisStore::write(const QStringList* fingerprints, const QVector<Finding>& jobFindings,
    const QVector<Finding>& workspaceFindings, const QVector<Baseline>& baselines, QString* error)
{
    if (!m_callerTransaction && !m_db.transaction()) {
        if (error)
            *error = QStringLiteral("analysis store: cannot start a transaction: %1").arg(m_db.lastError().text());
        return false;
    }
    auto fail = [&](const QString& what, const QSqlQuery& query) {
        setError(error, what, query);
        if (!m_callerTransaction)
            m_db.rollback();
        return false;
    };
    QSqlQuery query(m_db);
    if (!fingerprints) {
        if (!query.exec(QStringLiteral("DELETE FROM findings")))
            return fail(QStringLiteral("analysis store: clearing findings"), query);
        if (!query.exec(QStringLiteral("DELETE FROM baselines")))
            return fail(QStringLiteral("analysis store: clearing baselines"), query);
    } else {
        if (!query.exec(QStringLiteral("DELETE FROM findings WHERE scope = 'workspace'")))
            return fail(QStringLiteral("analysis store: clearing workspace findings"), query);
        constexpr qsizetype kChunk = 400; // bound parameters per statement
        for (qsizetype from = 0; from < fingerprints->size(); from += kChunk) {
            const QStringList chunk = fingerprints->mid(from, kChunk);
            QStringList marks;
            marks.fill(QStringLiteral("?"), chunk.size());
            const QString list = marks.join(QLatin1Char(','));
            for (const QString& sql :
                {QStringLiteral("DELETE FROM findings WHERE scope = 'job' AND fingerprint IN (%1)"),
                    QStringLiteral("DELETE FROM baselines WHERE fingerprint IN (%1)")}) {
                query.prepare(sql.arg(list));
                for (const QString& fingerprint : chunk)
                    query.addBindValue(fingerprint);
                if (!query.exec())
                    return fail(QStringLiteral("analysis store: clearing the results of changed shapes"), query);
            }
        }
    }

    QSqlQuery insert(m_db);
    if (!insert.prepare(QStringLiteral(
            "INSERT INTO findings (detector, severity, confidence, title, evidence, improvement_ms, improvement_share, "
            "fingerprint, occurrences, job_ids, operator_key, sql_text, recommendation, action, scope, "
            "text_templates) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")))
        return fail(QStringLiteral("analysis store: preparing the findings insert"), insert);
    for (const QVector<Finding>* findings : {&jobFindings, &workspaceFindings}) {
        const QString scope = findings == &jobFindings ? QStringLiteral("job") : QStringLiteral("workspace");
        for (const Finding& f : *findings) {
            const QVariantList values {text(f.detectorId), int(f.severity), f.confidence, text(f.title),
                QString::fromUtf8(QJsonDocument(f.evidenceJson()).toJson(QJsonDocument::Compact)), f.improvementMs,
                f.improvementShare, text(f.fingerprint), f.occurrences, text(f.jobIds.join(QLatin1Char('\n'))),
                text(f.operatorKey), text(f.sql), text(f.recommendation), actionKindName(f.action), scope,
                textTemplatesColumnValue(f.textTemplatesJson())};
            for (int i = 0; i < values.size(); ++i)
                insert.bindValue(i, values[i]);
            if (!insert.exec())
                return fail(QStringLiteral("analysis store: writing a %1 finding").arg(f.detectorId), insert);
        }
    }

    QSqlQuery insertBaseline(m_db);
    if (!insertBaseline.prepare(QStringLiteral(
            "INSERT INTO baselines (fingerprint, sample_size, run_count, duration_p50, duration_p95, duration_p99, "
            "bytes_p50, bytes_p95, bytes_p99, first_seen_ms, last_seen_ms, regression_since_ms, "
            "regression_baseline_runs, regression_recent_runs, regression_baseline_p50, regression_baseline_p95, "
            "regression_recent_p50, regression_recent_p95, regression_median_ratio, regression_p95_ratio, "
            "regression_p_value, sql_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")))
        return fail(QStringLiteral("analysis store: preparing the baselines insert"), insertBaseline);
    for (const Baseline& b : baselines) {
        const bool bytes = b.bytesP50 >= 0;
        const bool reg = b.regression.has_value();
        const Regression r = b.regression.value_or(Regression {});
        const QVariant nullInt {QMetaType(QMetaType::LongLong)};
        const QVariantList values {b.fingerprint, b.sampleSize, b.runCount, b.durationP50, b.durationP95, b.durationP99,
            optionalDouble(b.bytesP50, bytes), optionalDouble(b.bytesP95, bytes), optionalDouble(b.bytesP99, bytes),
            b.firstSeenMs, b.lastSeenMs, reg ? QVariant(r.sinceMs) : nullInt, reg ? QVariant(r.baselineSize) : nullInt,
            reg ? QVariant(r.recentSize) : nullInt, optionalDouble(r.baselineP50, reg),
            optionalDouble(r.baselineP95, reg), optionalDouble(r.recentP50, reg), optionalDouble(r.recentP95, reg),
            optionalDouble(r.medianRatio, reg), optionalDouble(r.p95Ratio, reg), optionalDouble(r.pValue, reg),
            text(b.sql)};
        for (int i = 0; i < values.size(); ++i)
            insertBaseline.bindValue(i, values[i]);
        if (!insertBaseline.exec())
            return fail(
                QStringLiteral("analysis store: writing the baseline of %1").arg(b.fingerprint), insertBaseline);
    }
    if (!m_callerTransaction && !m_db.commit()) {
        if (error)
            *error = QStringLiteral("analysis store: commit failed: %1").arg(m_db.lastError().text());
        m_db.rollback();
        return false;
    }
    return true;
}

QVector<Finding> AnalysisStore::findings(const QString& detectorId, QString* error)
{
    return select(QStringLiteral("detector"), detectorId, error);
}

QVector<Finding> AnalysisStore::findingsForFingerprint(const QString& fingerprint, QString* error)
{
    if (fingerprint.isEmpty())
        return {};
    return select(QStringLiteral("fingerprint"), fingerprint, error);
}

QVector<Finding> AnalysisStore::select(const QString& column, const QString& value, QString* error)
{
    QVector<Finding> out;
    QSqlQuery query(m_db);
    QString sql = QStringLiteral(
        "SELECT detector, severity, confidence, title, evidence, improvement_ms, improvement_share, fingerprint, "
        "occurrences, job_ids, operator_key, sql_text, recommendation, action, text_templates FROM findings");
    if (!value.isEmpty())
        sql += QStringLiteral(" WHERE %1 = ?").arg(column); // column is one of ours, never user input
    sql += QStringLiteral(" ORDER BY severity DESC, improvement_ms DESC, occurrences DESC, id");
    query.prepare(sql);
    if (!value.isEmpty())
        query.addBindValue(value);
    if (!query.exec()) {
        setError(error, QStringLiteral("analysis store: reading findings"), query);
        return out;
    }
    while (query.next()) {
        Finding f;
        f.detectorId = query.value(0).toString();
        f.severity = Severity(std::clamp(query.value(1).toInt(), 1, 4));
        f.confidence = query.value(2).toDouble();
        f.title = query.value(3).toString();
        f.evidence = evidenceFromJson(QJsonDocument::fromJson(query.value(4).toString().toUtf8()).array());
        f.improvementMs = query.value(5).toLongLong();
        f.improvementShare = query.value(6).toDouble();
        f.fingerprint = query.value(7).toString();
        f.occurrences = query.value(8).toInt();
        f.jobIds = query.value(9).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        f.operatorKey = query.value(10).toString();
        f.sql = query.value(11).toString();
        f.recommendation = query.value(12).toString();
        f.action = actionKindFromName(query.value(13).toString()).value_or(ActionKind::Investigate);
        f.setTextTemplatesJson(textTemplatesFromColumn(query.value(14)));
        out.append(f);
    }
    return out;
}

QVector<Baseline> AnalysisStore::baselines(QString* error)
{
    QVector<Baseline> out;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral(
            "SELECT fingerprint, sample_size, run_count, duration_p50, duration_p95, duration_p99, bytes_p50, "
            "bytes_p95, "
            "bytes_p99, first_seen_ms, last_seen_ms, regression_since_ms, regression_baseline_runs, "
            "regression_recent_runs, regression_baseline_p50, regression_baseline_p95, regression_recent_p50, "
            "regression_recent_p95, regression_median_ratio, regression_p95_ratio, regression_p_value, sql_text "
            "FROM baselines ORDER BY run_count DESC, fingerprint"))) {
        setError(error, QStringLiteral("analysis store: reading baselines"), query);
        return out;
    }
    while (query.next()) {
        Baseline b;
        b.fingerprint = query.value(0).toString();
        b.sampleSize = query.value(1).toInt();
        b.runCount = query.value(2).toInt();
        b.durationP50 = query.value(3).toDouble();
        b.durationP95 = query.value(4).toDouble();
        b.durationP99 = query.value(5).toDouble();
        if (!query.value(6).isNull()) {
            b.bytesP50 = query.value(6).toDouble();
            b.bytesP95 = query.value(7).toDouble();
            b.bytesP99 = query.value(8).toDouble();
        }
        b.firstSeenMs = query.value(9).toLongLong();
        b.lastSeenMs = query.value(10).toLongLong();
        if (!query.value(11).isNull()) {
            Regression r;
            r.sinceMs = query.value(11).toLongLong();
            r.baselineSize = query.value(12).toInt();
            r.recentSize = query.value(13).toInt();
            r.baselineP50 = query.value(14).toDouble();
            r.baselineP95 = query.value(15).toDouble();
            r.recentP50 = query.value(16).toDouble();
            r.recentP95 = query.value(17).toDouble();
            r.medianRatio = query.value(18).toDouble();
            r.p95Ratio = query.value(19).toDouble();
            r.pValue = query.value(20).toDouble();
            b.regression = r;
        }
        b.sql = query.value(21).toString();
        out.append(b);
    }
    return out;
}

std::optional<Severity> AnalysisStore::highestSeverity(QString* error)
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT MAX(severity) FROM findings"))) {
        setError(error, QStringLiteral("analysis store: reading the highest severity"), query);
        return std::nullopt;
    }
    if (!query.next() || query.value(0).isNull())
        return std::nullopt;
    return Severity(std::clamp(query.value(0).toInt(), 1, 4));
}

} // namespace dopt
