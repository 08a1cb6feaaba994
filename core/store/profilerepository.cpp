#include "profilerepository.h"

#include "profile/dremioprofileparser.h"
#include "profile/postgresplanparser.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace dopt {

namespace {

QVariant countOrNull(qint64 value)
{
    return value >= 0 ? QVariant(value) : QVariant(QMetaType::fromType<qint64>());
}

QString nonNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

} // namespace

ProfileSummary ProfileRepository::summarize(const ParsedProfile& profile)
{
    const PlanTree& tree = profile.tree;
    ProfileSummary summary;
    summary.format = profile.format;
    summary.engineVersion = profile.engineVersion;
    summary.operatorCount = tree.size();
    summary.operatorTypes = tree.operatorTypeCount();
    summary.totalProcessNs = tree.totalProcessNs();
    summary.warnings = tree.warnings;
    for (const PlanNode& node : tree.nodes) {
        summary.maxThreads = qMax(summary.maxThreads, node.threadCount);
        summary.peakMemoryBytes = qMax(summary.peakMemoryBytes, node.peakMemoryBytes);
        summary.spilledBytes += node.spilledBytes;
        summary.skewedOperators += node.skewed ? 1 : 0;
    }
    return summary;
}

qint64 ProfileRepository::store(qint64 jobRowId, const QByteArray& raw, const ParsedProfile& profile, QString* error)
{
    auto fail = [&](const QSqlQuery& query) {
        if (error)
            *error = QStringLiteral("cannot store the profile of job row %1: %2")
                         .arg(jobRowId)
                         .arg(query.lastError().text().simplified());
        return qint64(-1);
    };
    // Replacing: the old operators go with the old profile (ON DELETE CASCADE).
    QSqlQuery remove(m_db);
    remove.prepare(QStringLiteral("DELETE FROM profiles WHERE job_ref = ?"));
    remove.addBindValue(jobRowId);
    if (!remove.exec())
        return fail(remove);

    const ProfileSummary summary = summarize(profile);
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral(
        "INSERT INTO profiles (job_ref, format, engine_version, raw_compressed, raw_size, operator_count, "
        "operator_types, max_threads, total_process_ns, peak_memory_bytes, spilled_bytes, skewed_operators, warnings) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    insert.addBindValue(jobRowId);
    insert.addBindValue(nonNull(summary.format));
    insert.addBindValue(nonNull(summary.engineVersion));
    insert.addBindValue(qCompress(raw));
    insert.addBindValue(qint64(raw.size()));
    insert.addBindValue(summary.operatorCount);
    insert.addBindValue(summary.operatorTypes);
    insert.addBindValue(summary.maxThreads);
    insert.addBindValue(summary.totalProcessNs);
    insert.addBindValue(summary.peakMemoryBytes);
    insert.addBindValue(summary.spilledBytes);
    insert.addBindValue(summary.skewedOperators);
    insert.addBindValue(nonNull(summary.warnings.join(QLatin1Char('\n'))));
    if (!insert.exec() || !insert.next())
        return fail(insert);
    const qint64 profileId = insert.value(0).toLongLong();
    insert.finish();

    QSqlQuery op(m_db);
    op.prepare(QStringLiteral(
        "INSERT INTO operators (profile_id, node_key, parent_key, type_name, detail, input_records, output_records, "
        "process_ns, wait_ns, setup_ns, peak_memory_bytes, spilled_bytes, thread_count, estimated_rows, skewed) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const QVector<PlanNode>& nodes = profile.tree.nodes;
    for (const PlanNode& node : nodes) {
        const bool hasParent = node.parent >= 0 && node.parent < nodes.size();
        int i = 0;
        op.bindValue(i++, profileId);
        op.bindValue(i++, nonNull(node.key));
        op.bindValue(i++, hasParent ? nonNull(nodes.at(node.parent).key) : QStringLiteral(""));
        op.bindValue(i++, nonNull(node.typeName));
        op.bindValue(i++, nonNull(node.detail));
        op.bindValue(i++, countOrNull(node.inputRecords));
        op.bindValue(i++, countOrNull(node.outputRecords));
        op.bindValue(i++, node.processNs);
        op.bindValue(i++, node.waitNs);
        op.bindValue(i++, node.setupNs);
        op.bindValue(i++, node.peakMemoryBytes);
        op.bindValue(i++, node.spilledBytes);
        op.bindValue(i++, node.threadCount);
        op.bindValue(
            i++, node.estimatedRows >= 0 ? QVariant(node.estimatedRows) : QVariant(QMetaType::fromType<double>()));
        op.bindValue(i++, node.skewed ? 1 : 0);
        if (!op.exec())
            return fail(op);
    }

    QSqlQuery flag(m_db);
    flag.prepare(QStringLiteral("UPDATE jobs SET has_profile = 1 WHERE id = ?"));
    flag.addBindValue(jobRowId);
    if (!flag.exec())
        return fail(flag);
    return profileId;
}

std::optional<QByteArray> ProfileRepository::rawForJob(qint64 jobRowId)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT raw_compressed FROM profiles WHERE job_ref = ?"));
    query.addBindValue(jobRowId);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return qUncompress(query.value(0).toByteArray());
}

std::optional<ProfileSummary> ProfileRepository::summaryForJob(qint64 jobRowId)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(
        QStringLiteral("SELECT id, job_ref, format, engine_version, raw_size, operator_count, operator_types, "
                       "max_threads, total_process_ns, peak_memory_bytes, spilled_bytes, skewed_operators, "
                       "warnings FROM profiles WHERE job_ref = ?"));
    query.addBindValue(jobRowId);
    if (!query.exec() || !query.next())
        return std::nullopt;
    ProfileSummary summary;
    int i = 0;
    summary.id = query.value(i++).toLongLong();
    summary.jobRowId = query.value(i++).toLongLong();
    summary.format = query.value(i++).toString();
    summary.engineVersion = query.value(i++).toString();
    summary.rawSize = query.value(i++).toLongLong();
    summary.operatorCount = query.value(i++).toInt();
    summary.operatorTypes = query.value(i++).toInt();
    summary.maxThreads = query.value(i++).toInt();
    summary.totalProcessNs = query.value(i++).toLongLong();
    summary.peakMemoryBytes = query.value(i++).toLongLong();
    summary.spilledBytes = query.value(i++).toLongLong();
    summary.skewedOperators = query.value(i++).toInt();
    summary.warnings = query.value(i++).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return summary;
}

std::optional<ParsedProfile> ProfileRepository::loadForJob(qint64 jobRowId, QString* error)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT format, raw_compressed, raw_size FROM profiles WHERE job_ref = ?"));
    query.addBindValue(jobRowId);
    if (!query.exec()) {
        if (error)
            *error = QStringLiteral("cannot read the profile of job row %1: %2")
                         .arg(jobRowId)
                         .arg(query.lastError().text().simplified());
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    const QString format = query.value(0).toString();
    const QByteArray raw = qUncompress(query.value(1).toByteArray());
    if (raw.size() != query.value(2).toLongLong()) {
        if (error)
            *error = QStringLiteral("the stored profile of job row %1 is damaged (%2 bytes after decompression, %3 "
                                    "expected)")
                         .arg(jobRowId)
                         .arg(raw.size())
                         .arg(query.value(2).toLongLong());
        return std::nullopt;
    }
    const bool postgres = format == QLatin1String("postgres-explain-json");
    if (format != QLatin1String("dremio-json") && !postgres) {
        if (error)
            *error = QStringLiteral("the stored profile of job row %1 has format '%2', which this version cannot parse")
                         .arg(jobRowId)
                         .arg(format);
        return std::nullopt;
    }
    ParsedProfile profile;
    QString parseError;
    if (!(postgres ? PostgresPlanParser::parse(raw, &profile, &parseError)
                   : DremioProfileParser::parse(raw, &profile, &parseError))) {
        if (error)
            *error
                = QStringLiteral("the stored profile of job row %1 no longer parses: %2").arg(jobRowId).arg(parseError);
        return std::nullopt;
    }
    return profile;
}

} // namespace dopt
