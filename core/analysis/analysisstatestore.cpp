#include "analysisstatestore.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace dopt {

namespace {

bool failed(QString* error, const QString& what, const QSqlQuery& query)
{
    if (error)
        *error = QStringLiteral("analysis state: %1: %2").arg(what, query.lastError().text().simplified());
    return false;
}

QString placeholders(qsizetype count)
{
    QStringList marks;
    marks.fill(QStringLiteral("?"), count);
    return marks.join(QLatin1Char(','));
}

} // namespace

std::optional<AnalysisWatermark> AnalysisStateStore::read(QString* error)
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT last_job_ref, last_profile_ref, jobs_up_to_watermark, settings, analysed_ms "
                                   "FROM analysis_state WHERE id = 1"))) {
        failed(error, QStringLiteral("reading the watermark"), query);
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    AnalysisWatermark watermark;
    watermark.lastJobRef = query.value(0).toLongLong();
    watermark.lastProfileRef = query.value(1).toLongLong();
    watermark.jobsUpToWatermark = query.value(2).toLongLong();
    watermark.settings = query.value(3).toString();
    watermark.analysedMs = query.value(4).toLongLong();
    return watermark;
}

bool AnalysisStateStore::write(const AnalysisWatermark& watermark, QString* error)
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("DELETE FROM analysis_state")))
        return failed(error, QStringLiteral("clearing the watermark"), query);
    query.prepare(
        QStringLiteral("INSERT INTO analysis_state (id, last_job_ref, last_profile_ref, jobs_up_to_watermark, "
                       "settings, analysed_ms) VALUES (1, ?, ?, ?, ?, ?)"));
    query.addBindValue(watermark.lastJobRef);
    query.addBindValue(watermark.lastProfileRef);
    query.addBindValue(watermark.jobsUpToWatermark);
    query.addBindValue(watermark.settings);
    query.addBindValue(watermark.analysedMs);
    if (!query.exec())
        return failed(error, QStringLiteral("writing the watermark"), query);
    return true;
}

qint64 AnalysisStateStore::jobsUpTo(qint64 jobRef, QString* error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM jobs WHERE id <= ?"));
    query.addBindValue(jobRef);
    if (!query.exec() || !query.next()) {
        failed(error, QStringLiteral("counting the analysed jobs"), query);
        return -1;
    }
    return query.value(0).toLongLong();
}

bool AnalysisStateStore::maxRefs(qint64* jobRef, qint64* profileRef, QString* error)
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT (SELECT COALESCE(MAX(id), 0) FROM jobs), "
                                   "(SELECT COALESCE(MAX(id), 0) FROM profiles)"))
        || !query.next())
        return failed(error, QStringLiteral("reading the newest job"), query);
    *jobRef = query.value(0).toLongLong();
    *profileRef = query.value(1).toLongLong();
    return true;
}

bool AnalysisStateStore::jobsWithProfilesAfter(qint64 profileRef, QVector<qint64>* jobRefs, QString* error)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT job_ref FROM profiles WHERE id > ? ORDER BY job_ref"));
    query.addBindValue(profileRef);
    if (!query.exec())
        return failed(error, QStringLiteral("reading the new profiles"), query);
    while (query.next())
        jobRefs->append(query.value(0).toLongLong());
    return true;
}

bool AnalysisStateStore::changedJobs(QVector<qint64>* jobRefs, QString* error)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT job_ref FROM analysis_changed_jobs ORDER BY job_ref")))
        return failed(error, QStringLiteral("reading the changed jobs"), query);
    while (query.next())
        jobRefs->append(query.value(0).toLongLong());
    return true;
}

bool AnalysisStateStore::clearChangedJobs(QString* error)
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("DELETE FROM analysis_changed_jobs")))
        return failed(error, QStringLiteral("clearing the changed jobs"), query);
    return true;
}

bool AnalysisStateStore::forEachFingerprint(
    const QStringList& only, const std::function<void(qint64, const QString&)>& visit, QString* error)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (only.isEmpty()) {
        if (!query.exec(QStringLiteral("SELECT job_ref, fingerprint FROM job_fingerprints")))
            return failed(error, QStringLiteral("reading the fingerprint cache"), query);
        while (query.next())
            visit(query.value(0).toLongLong(), query.value(1).toString());
        return true;
    }
    for (qsizetype from = 0; from < only.size(); from += MaxListSize) {
        const QStringList chunk = only.mid(from, MaxListSize);
        query.prepare(QStringLiteral("SELECT job_ref, fingerprint FROM job_fingerprints WHERE fingerprint IN (%1)")
                          .arg(placeholders(chunk.size())));
        for (const QString& fingerprint : chunk)
            query.addBindValue(fingerprint);
        if (!query.exec())
            return failed(error, QStringLiteral("reading the fingerprint cache"), query);
        while (query.next())
            visit(query.value(0).toLongLong(), query.value(1).toString());
    }
    return true;
}

bool AnalysisStateStore::fingerprintsOf(const QVector<qint64>& jobRefs, QHash<qint64, QString>* out, QString* error)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    for (qsizetype from = 0; from < jobRefs.size(); from += MaxListSize) {
        const QVector<qint64> chunk = jobRefs.mid(from, MaxListSize);
        query.prepare(QStringLiteral("SELECT job_ref, fingerprint FROM job_fingerprints WHERE job_ref IN (%1)")
                          .arg(placeholders(chunk.size())));
        for (qint64 ref : chunk)
            query.addBindValue(ref);
        if (!query.exec())
            return failed(error, QStringLiteral("reading cached fingerprints"), query);
        while (query.next())
            out->insert(query.value(0).toLongLong(), query.value(1).toString());
    }
    return true;
}

bool AnalysisStateStore::storeFingerprints(const QVector<QPair<qint64, QString>>& rows, QString* error)
{
    // Many rows per statement: one statement per job made the first analysis of a million jobs
    // spend most of its writing time in statement overhead.
    constexpr int kRowsPerStatement = 200;
    QSqlQuery query(m_db);
    QString preparedFor;
    for (qsizetype from = 0; from < rows.size(); from += kRowsPerStatement) {
        const qsizetype count = std::min<qsizetype>(kRowsPerStatement, rows.size() - from);
        QStringList tuples;
        tuples.fill(QStringLiteral("(?,?)"), count);
        const QString sql = QStringLiteral("INSERT INTO job_fingerprints (job_ref, fingerprint) VALUES %1 "
                                           "ON CONFLICT (job_ref) DO UPDATE SET fingerprint = excluded.fingerprint")
                                .arg(tuples.join(QLatin1Char(',')));
        if (sql != preparedFor) {
            if (!query.prepare(sql))
                return failed(error, QStringLiteral("preparing the fingerprint cache insert"), query);
            preparedFor = sql;
        }
        for (qsizetype i = 0; i < count; ++i) {
            query.bindValue(int(2 * i), rows[from + i].first);
            query.bindValue(int(2 * i + 1), rows[from + i].second);
        }
        if (!query.exec())
            return failed(error, QStringLiteral("writing the fingerprint cache"), query);
    }
    return true;
}

qint64 AnalysisStateStore::runsOf(const QStringList& fingerprints, QString* error)
{
    qint64 runs = 0;
    QSqlQuery query(m_db);
    for (qsizetype from = 0; from < fingerprints.size(); from += MaxListSize) {
        const QStringList chunk = fingerprints.mid(from, MaxListSize);
        query.prepare(QStringLiteral("SELECT COUNT(*) FROM job_fingerprints WHERE fingerprint IN (%1)")
                          .arg(placeholders(chunk.size())));
        for (const QString& fingerprint : chunk)
            query.addBindValue(fingerprint);
        if (!query.exec() || !query.next()) {
            failed(error, QStringLiteral("counting the runs of the changed shapes"), query);
            return -1;
        }
        runs += query.value(0).toLongLong();
    }
    return runs;
}

} // namespace dopt
