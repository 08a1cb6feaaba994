#include "ml/workmemhistory.h"

#include "analysis/workmemadvice.h"
#include "analysis/workspacefactsreader.h"
#include "sql/fingerprinter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace dopt {

qint64 WorkMemHistory::settingKb(const QString& statement)
{
    static const QRegularExpression reset(
        QStringLiteral(R"(^\s*RESET\s+work_mem\s*;?\s*$)"), QRegularExpression::CaseInsensitiveOption);
    if (reset.match(statement).hasMatch())
        return 0;
    static const QRegularExpression set(
        QStringLiteral(
            R"(^\s*(?:SET\s+(?:SESSION\s+)?)?work_mem\s*(?:=|\bTO\b)\s*'?\s*([0-9]+\s*[kMGT]?B?)\s*'?\s*;?\s*$)"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = set.match(statement);
    if (!match.hasMatch())
        return -1;
    // A number without a unit is in kB (work_mem's unit).
    return WorkMemAdvice::toKb(match.captured(1).remove(QLatin1Char(' ')));
}

bool WorkMemHistory::read(QSqlDatabase db, QHash<QString, Shape>* shapes, qint64* defaultKb, QString* error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    *defaultKb = 4096;
    if (!query.exec(QStringLiteral("SELECT setting, unit FROM %1 WHERE name = 'work_mem' "
                                   "ORDER BY collected_ms DESC LIMIT 1")
                        .arg(WorkspaceFactsReader::postgresSettingsTable(db)))) {
        *error = QStringLiteral("work_mem history: reading pg_settings: %1").arg(query.lastError().text());
        return false;
    }
    if (query.next()) {
        const qint64 kb = WorkMemAdvice::toKb(query.value(0).toString(), query.value(1).toString());
        if (kb > 0)
            *defaultKb = kb;
    }

    // The SET / RESET work_mem of every session, by line.
    QHash<QString, QMap<qint64, qint64>> sets; // session -> line -> kB (0 = reset)
    if (!query.exec(QStringLiteral("SELECT job_id, sql_text FROM jobs WHERE engine = 'postgres' AND "
                                   "UPPER(sql_text) LIKE '%WORK_MEM%'"))) {
        *error = QStringLiteral("work_mem history: reading SET statements: %1").arg(query.lastError().text());
        return false;
    }
    const auto sessionLine = [](const QString& jobId, QString* session, qint64* line) {
        const QStringList parts = jobId.split(QLatin1Char(':'));
        bool ok = false;
        *line = parts.value(1).toLongLong(&ok);
        *session = parts.value(0);
        return parts.size() == 2 && ok;
    };
    while (query.next()) {
        const qint64 kb = settingKb(query.value(1).toString());
        QString session;
        qint64 line = 0;
        if (kb >= 0 && sessionLine(query.value(0).toString(), &session, &line))
            sets[session].insert(line, kb);
    }

    const auto add = [&](const QString& sql, double kb, double ms, bool logged) {
        const QString fingerprint = Fingerprinter::fingerprint(sql, SqlDialect::Postgres).fingerprint;
        if (fingerprint.isEmpty())
            return;
        Shape& shape = (*shapes)[fingerprint];
        if (shape.sql.isEmpty())
            shape.sql = sql;
        shape.runs.emplace_back(kb, ms);
        ++(logged ? shape.fromLogs : shape.fromMeasurements);
    };
    // Executions of sessions that changed work_mem: the others all ran with the same value and say
    // nothing about it, unless a session elsewhere ran the same shape with another value.
    if (!sets.isEmpty()) {
        if (!query.exec(QStringLiteral("SELECT job_id, sql_text, duration_ms FROM jobs WHERE engine = 'postgres' AND "
                                       "state = 'COMPLETED' AND duration_ms > 0 AND query_type <> 'explain'"))) {
            *error = QStringLiteral("work_mem history: reading executions: %1").arg(query.lastError().text());
            return false;
        }
        while (query.next()) {
            const QString sql = query.value(1).toString();
            if (settingKb(sql) >= 0)
                continue;
            QString session;
            qint64 line = 0;
            qint64 kb = *defaultKb;
            if (sessionLine(query.value(0).toString(), &session, &line)) {
                const auto found = sets.constFind(session);
                if (found != sets.cend()) {
                    auto after = found->lowerBound(line); // first SET at or after this line
                    if (after != found->cbegin())
                        kb = std::prev(after).value() > 0 ? std::prev(after).value() : *defaultKb;
                }
            }
            add(sql, double(kb), query.value(2).toDouble(), true);
        }
    }

    // Measured parameter changes: before runs with the server's value, after runs with the setting.
    if (!query.exec(QStringLiteral("SELECT a.sql_before, a.settings, r.variant, r.duration_ms FROM measurement_runs r "
                                   "JOIN measurement_actions a ON a.measurement_id = r.measurement_id WHERE "
                                   "a.action = 'parameter_change' AND r.warmup = 0"))) {
        *error = QStringLiteral("work_mem history: reading measurements: %1").arg(query.lastError().text());
        return false;
    }
    while (query.next()) {
        qint64 afterKb = -1;
        for (const QJsonValue& setting : QJsonDocument::fromJson(query.value(1).toString().toUtf8()).array())
            afterKb = std::max(afterKb, settingKb(setting.toString()));
        if (afterKb <= 0)
            continue;
        const bool after = query.value(2).toString() == QLatin1String("after");
        add(query.value(0).toString(), double(after ? afterKb : *defaultKb), query.value(3).toDouble(), false);
    }
    // Only shapes that ran with more than one value can relate it to run time.
    for (auto it = shapes->begin(); it != shapes->end();) {
        bool varied = false;
        for (const auto& run : it->runs)
            varied = varied || run.first != it->runs.front().first;
        it = varied ? std::next(it) : shapes->erase(it);
    }
    return true;
}

} // namespace dopt
