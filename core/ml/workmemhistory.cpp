#include "ml/workmemhistory.h"

#include "analysis/workmemadvice.h"
#include "analysis/workspacefactsreader.h"
#include "sql/fingerprinter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace dopt {

qint64 WorkMemHistory::settingKb(const QString& statement, bool* local)
{
    if (local)
        *local = false;
    static const QRegularExpression reset(
        QStringLiteral(
            R"(^\s*(?:RESET\s+work_mem|SET\s+(SESSION\s+|LOCAL\s+)?work_mem\s*(?:=|\bTO\b)\s*DEFAULT)\s*;?\s*$)"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch resetMatch = reset.match(statement);
    if (resetMatch.hasMatch()) {
        const bool isLocal = resetMatch.captured(1).trimmed().compare(QLatin1String("LOCAL"), Qt::CaseInsensitive) == 0;
        if (isLocal && !local)
            return -1;
        if (local)
            *local = isLocal;
        return 0;
    }
    static const QRegularExpression set(
        QStringLiteral(
            R"(^\s*(?:SET\s+(SESSION\s+|LOCAL\s+)?)?work_mem\s*(?:=|\bTO\b)\s*'?\s*([0-9]+\s*[kMGT]?B?)\s*'?\s*;?\s*$)"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = set.match(statement);
    if (!match.hasMatch())
        return -1;
    const bool isLocal = match.captured(1).trimmed().compare(QLatin1String("LOCAL"), Qt::CaseInsensitive) == 0;
    if (isLocal && !local)
        return -1; // the caller only wants settings that outlive a transaction
    if (local)
        *local = isLocal;
    // A number without a unit is in kB (work_mem's unit).
    return WorkMemAdvice::toKb(match.captured(2).remove(QLatin1Char(' ')));
}

WorkMemHistory::TransactionControl WorkMemHistory::transactionControl(const QString& statement)
{
    static const QRegularExpression control(
        QStringLiteral(R"(^\s*(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT)\b\s*(\w*))"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = control.match(statement);
    if (!match.hasMatch())
        return TransactionControl::None;
    const QString verb = match.captured(1).toUpper();
    const QString next = match.captured(2).toUpper();
    if (verb == QLatin1String("BEGIN") || verb.startsWith(QLatin1String("START")))
        return TransactionControl::Begin;
    // ROLLBACK TO [SAVEPOINT] keeps the transaction; COMMIT/ROLLBACK PREPARED act on another one;
    // ROLLBACK AND CHAIN / COMMIT AND CHAIN end this one and start the next (settings revert all the same).
    if (next == QLatin1String("TO") || next == QLatin1String("PREPARED"))
        return TransactionControl::None;
    return verb == QLatin1String("ROLLBACK") || verb == QLatin1String("ABORT") ? TransactionControl::Rollback
                                                                               : TransactionControl::Commit;
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

    // The work_mem of every session that changed it, as it stood after each of its changes, by line:
    // SET [SESSION] lasts until the next change (or the ROLLBACK of its transaction), SET LOCAL until
    // its transaction ends, and only inside a transaction block (BEGIN ... COMMIT/ROLLBACK, logged
    // with log_min_duration_statement = 0; outside one PostgreSQL ignores SET LOCAL).
    struct Event
    {
        qint64 kb = -1; // the setting, 0 = back to the server's value
        bool local = false;
        TransactionControl control = TransactionControl::None;
    };
    QHash<QString, QMap<qint64, Event>> events; // session -> line -> what happened
    if (!query.exec(QStringLiteral("SELECT job_id, sql_text FROM jobs WHERE engine = 'postgres' AND "
                                   "(UPPER(sql_text) LIKE '%WORK_MEM%' OR UPPER(LTRIM(sql_text)) LIKE 'BEGIN%' OR "
                                   "UPPER(LTRIM(sql_text)) LIKE 'START%' OR UPPER(LTRIM(sql_text)) LIKE 'COMMIT%' OR "
                                   "UPPER(LTRIM(sql_text)) LIKE 'END%' OR UPPER(LTRIM(sql_text)) LIKE 'ROLLBACK%' OR "
                                   "UPPER(LTRIM(sql_text)) LIKE 'ABORT%')"))) {
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
    QSet<QString> changedSessions;
    while (query.next()) {
        QString session;
        qint64 line = 0;
        if (!sessionLine(query.value(0).toString(), &session, &line))
            continue;
        const QString sql = query.value(1).toString();
        Event event;
        event.kb = settingKb(sql, &event.local);
        event.control = transactionControl(sql);
        if (event.kb < 0 && event.control == TransactionControl::None)
            continue;
        events[session].insert(line, event);
        if (event.kb >= 0)
            changedSessions.insert(session);
    }
    QHash<QString, QMap<qint64, qint64>> sets; // session -> line -> kB in force after it (0 = server's)
    for (auto session = events.cbegin(); session != events.cend(); ++session) {
        if (!changedSessions.contains(session.key()))
            continue;
        QMap<qint64, qint64>& timeline = sets[session.key()];
        qint64 sessionKb = 0;
        qint64 atBegin = 0; // the session value a ROLLBACK goes back to
        qint64 localKb = -1; // the transaction's SET LOCAL, -1 when none
        bool inTransaction = false;
        for (auto it = session->cbegin(); it != session->cend(); ++it) {
            const Event& event = it.value();
            if (event.control == TransactionControl::Begin) {
                inTransaction = true;
                atBegin = sessionKb;
            } else if (event.control != TransactionControl::None) {
                if (inTransaction && event.control == TransactionControl::Rollback)
                    sessionKb = atBegin;
                inTransaction = false;
                localKb = -1;
            } else if (event.local) {
                if (inTransaction)
                    localKb = event.kb;
            } else {
                sessionKb = event.kb;
                localKb = -1; // a later SET overrides an earlier SET LOCAL of the same transaction
            }
            timeline.insert(it.key(), localKb >= 0 ? localKb : sessionKb);
        }
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
            bool local = false;
            if (settingKb(sql, &local) >= 0 || transactionControl(sql) != TransactionControl::None)
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
