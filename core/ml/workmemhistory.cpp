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

namespace {

/// "session:line" job ids of the log importer; false for others.
bool sessionLine(const QString& jobId, QString* session, qint64* line)
{
    const QStringList parts = jobId.split(QLatin1Char(':'));
    bool ok = false;
    *line = parts.value(1).toLongLong(&ok);
    *session = parts.value(0);
    return parts.size() == 2 && ok;
}

/// A savepoint name as PostgreSQL compares it: folded to lower case unless quoted.
QString identifierName(const QString& token)
{
    if (token.startsWith(QLatin1Char('"')))
        return token.mid(1, token.size() - 2).replace(QStringLiteral("\"\""), QStringLiteral("\""));
    return token.toLower();
}

} // namespace

qint64 WorkMemHistory::settingKb(const QString& statement, bool* local)
{
    if (local)
        *local = false;
    static const QRegularExpression reset(
        QStringLiteral(R"(^\s*(?:RESET\s+(?:work_mem|ALL)|DISCARD\s+ALL|)"
                       R"(SET\s+(SESSION\s+|LOCAL\s+)?work_mem\s*(?:=|\bTO\b)\s*DEFAULT)\s*;?\s*$)"),
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

WorkMemHistory::TransactionControl WorkMemHistory::transactionControl(
    const QString& statement, QString* savepoint, bool* chain)
{
    if (savepoint)
        savepoint->clear();
    if (chain)
        *chain = false;
    static const QRegularExpression control(
        QStringLiteral(R"(^\s*(BEGIN|START\s+TRANSACTION|COMMIT|END|PREPARE\s+TRANSACTION|ROLLBACK|ABORT|)"
                       R"(SAVEPOINT|RELEASE)\b(.*)$)"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch match = control.match(statement);
    if (!match.hasMatch())
        return TransactionControl::None;
    const QString verb = match.captured(1).toUpper();
    const QString rest = match.captured(2);
    static const QRegularExpression name(
        QStringLiteral(R"(^\s*(?:(?:WORK|TRANSACTION)\s+)?(TO\s+)?(?:SAVEPOINT\s+)?("(?:[^"]|"")+"|\w+))"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch named = name.match(rest);
    const auto setName = [&] {
        if (savepoint && named.hasMatch())
            *savepoint = identifierName(named.captured(2));
    };
    if (verb == QLatin1String("BEGIN") || verb.startsWith(QLatin1String("START")))
        return TransactionControl::Begin;
    if (verb == QLatin1String("SAVEPOINT")) {
        setName();
        return TransactionControl::Savepoint;
    }
    if (verb == QLatin1String("RELEASE")) {
        setName();
        return TransactionControl::Release;
    }
    static const QRegularExpression prepared(
        QStringLiteral(R"(^\s*PREPARED\b)"), QRegularExpression::CaseInsensitiveOption);
    if (prepared.match(rest).hasMatch())
        return TransactionControl::None; // COMMIT/ROLLBACK PREPARED act on another transaction
    const bool rollback = verb == QLatin1String("ROLLBACK") || verb == QLatin1String("ABORT");
    if (rollback && named.hasMatch() && !named.captured(1).isEmpty()) {
        setName();
        return TransactionControl::RollbackToSavepoint;
    }
    static const QRegularExpression andChain(
        QStringLiteral(R"(\bAND\s+CHAIN\b)"), QRegularExpression::CaseInsensitiveOption);
    if (chain)
        *chain = andChain.match(rest).hasMatch();
    return rollback ? TransactionControl::Rollback : TransactionControl::Commit;
}

qint64 WorkMemHistory::serverKb(QSqlDatabase db, QString* error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT setting, unit FROM %1 WHERE name = 'work_mem' "
                                   "ORDER BY collected_ms DESC LIMIT 1")
                        .arg(WorkspaceFactsReader::postgresSettingsTable(db)))) {
        *error = QStringLiteral("work_mem history: reading pg_settings: %1").arg(query.lastError().text());
        return -1;
    }
    if (query.next()) {
        const qint64 kb = WorkMemAdvice::toKb(query.value(0).toString(), query.value(1).toString());
        if (kb > 0)
            return kb;
    }
    return 4096;
}

bool WorkMemHistory::timelines(QSqlDatabase db, QHash<QString, QMap<qint64, qint64>>* sets, QString* error)
{
    // What each session that changed work_mem did, by line: settings, transaction control and failed
    // statements (an ERROR inside a transaction block makes its COMMIT a ROLLBACK).
    struct Event
    {
        qint64 kb = -1; // the setting, 0 = back to the server's value
        bool local = false;
        bool failed = false;
        bool chain = false;
        TransactionControl control = TransactionControl::None;
        QString savepoint;
    };
    QSqlQuery query(db);
    query.setForwardOnly(true);
    QHash<QString, QMap<qint64, Event>> events; // session -> line -> what happened
    if (!query.exec(QStringLiteral(
            "SELECT job_id, sql_text, state FROM jobs WHERE engine = 'postgres' AND (state = 'FAILED' OR "
            "UPPER(sql_text) LIKE '%WORK_MEM%' OR UPPER(LTRIM(sql_text)) LIKE 'BEGIN%' OR "
            "UPPER(LTRIM(sql_text)) LIKE 'START%' OR UPPER(LTRIM(sql_text)) LIKE 'COMMIT%' OR "
            "UPPER(LTRIM(sql_text)) LIKE 'END%' OR UPPER(LTRIM(sql_text)) LIKE 'ROLLBACK%' OR "
            "UPPER(LTRIM(sql_text)) LIKE 'ABORT%' OR UPPER(LTRIM(sql_text)) LIKE 'SAVEPOINT%' OR "
            "UPPER(LTRIM(sql_text)) LIKE 'RELEASE%' OR UPPER(LTRIM(sql_text)) LIKE 'PREPARE%' OR "
            "UPPER(LTRIM(sql_text)) LIKE 'RESET%' OR UPPER(LTRIM(sql_text)) LIKE 'DISCARD%')"))) {
        *error = QStringLiteral("work_mem history: reading SET statements: %1").arg(query.lastError().text());
        return false;
    }
    QSet<QString> changedSessions;
    while (query.next()) {
        QString session;
        qint64 line = 0;
        if (!sessionLine(query.value(0).toString(), &session, &line))
            continue;
        const QString sql = query.value(1).toString();
        Event event;
        event.failed = query.value(2).toString() == QLatin1String("FAILED");
        if (!event.failed) {
            event.kb = settingKb(sql, &event.local);
            event.control = transactionControl(sql, &event.savepoint, &event.chain);
            if (event.kb < 0 && event.control == TransactionControl::None)
                continue;
        }
        events[session].insert(line, event);
        if (event.kb >= 0)
            changedSessions.insert(session);
    }
    struct Savepoint
    {
        QString name;
        qint64 sessionKb = 0;
        qint64 localKb = -1;
    };
    for (auto session = events.cbegin(); session != events.cend(); ++session) {
        if (!changedSessions.contains(session.key()))
            continue;
        QMap<qint64, qint64>& timeline = (*sets)[session.key()];
        qint64 sessionKb = 0;
        qint64 atBegin = 0; // the session value a rollback goes back to
        qint64 localKb = -1; // the transaction's SET LOCAL, -1 when none
        bool inTransaction = false;
        bool aborted = false; // an error inside the block: only ROLLBACK [TO SAVEPOINT] or COMMIT (= ROLLBACK) run
        std::vector<Savepoint> savepoints;
        const auto lastNamed = [&savepoints](const QString& name) {
            for (auto it = savepoints.rbegin(); it != savepoints.rend(); ++it)
                if (it->name == name)
                    return std::prev(it.base());
            return savepoints.end();
        };
        for (auto it = session->cbegin(); it != session->cend(); ++it) {
            const Event& event = it.value();
            switch (event.control) {
            case TransactionControl::Begin:
                if (!inTransaction) { // BEGIN inside a block is only a warning
                    inTransaction = true;
                    aborted = false;
                    atBegin = sessionKb;
                    savepoints.clear();
                }
                break;
            case TransactionControl::Commit:
            case TransactionControl::Rollback:
                // COMMIT of a failed transaction is a ROLLBACK: the server says so in its command tag.
                if (inTransaction && (aborted || event.control == TransactionControl::Rollback))
                    sessionKb = atBegin;
                inTransaction = inTransaction && event.chain;
                aborted = false;
                atBegin = sessionKb;
                localKb = -1;
                savepoints.clear();
                break;
            case TransactionControl::RollbackToSavepoint:
                // Undoes what followed the savepoint, failure included; the savepoint stays. An unknown
                // name (not logged) is left alone.
                if (const auto found = lastNamed(event.savepoint); inTransaction && found != savepoints.end()) {
                    sessionKb = found->sessionKb;
                    localKb = found->localKb;
                    savepoints.erase(std::next(found), savepoints.end());
                    aborted = false;
                }
                break;
            case TransactionControl::Savepoint:
                if (inTransaction && !aborted)
                    savepoints.push_back({event.savepoint, sessionKb, localKb});
                break;
            case TransactionControl::Release:
                if (const auto found = lastNamed(event.savepoint);
                    inTransaction && !aborted && found != savepoints.end())
                    savepoints.erase(found, savepoints.end());
                break;
            case TransactionControl::None:
                if (event.failed) {
                    aborted = aborted || inTransaction; // outside a block only the statement itself failed
                } else if (!aborted) { // in a failed block PostgreSQL refuses everything else
                    if (!event.local) {
                        sessionKb = event.kb;
                        localKb = -1; // a later SET overrides an earlier SET LOCAL of the same transaction
                    } else if (inTransaction) {
                        localKb = event.kb;
                    }
                }
                break;
            }
            timeline.insert(it.key(), localKb >= 0 ? localKb : sessionKb);
        }
    }
    return true;
}

bool WorkMemHistory::executions(QSqlDatabase db, std::vector<Execution>* out, qint64* defaultKb, QString* error)
{
    *defaultKb = serverKb(db, error);
    QHash<QString, QMap<qint64, qint64>> sets;
    return *defaultKb > 0 && timelines(db, &sets, error) && readExecutions(db, sets, *defaultKb, out, error);
}

bool WorkMemHistory::readExecutions(QSqlDatabase db, const QHash<QString, QMap<qint64, qint64>>& sets, qint64 defaultKb,
    std::vector<Execution>* out, QString* error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT job_id, sql_text, duration_ms FROM jobs WHERE engine = 'postgres' AND "
                                   "state = 'COMPLETED' AND query_type <> 'explain' ORDER BY id"))) {
        *error = QStringLiteral("work_mem history: reading executions: %1").arg(query.lastError().text());
        return false;
    }
    while (query.next()) {
        const QString sql = query.value(1).toString();
        bool local = false;
        if (settingKb(sql, &local) >= 0 || transactionControl(sql) != TransactionControl::None)
            continue;
        Execution execution;
        execution.jobId = query.value(0).toString();
        execution.sql = sql;
        execution.durationMs = query.value(2).toDouble();
        execution.kb = defaultKb;
        QString session;
        qint64 line = 0;
        if (sessionLine(execution.jobId, &session, &line)) {
            const auto found = sets.constFind(session);
            if (found != sets.cend()) {
                auto after = found->lowerBound(line); // first change at or after this line
                if (after != found->cbegin() && std::prev(after).value() > 0)
                    execution.kb = std::prev(after).value();
            }
        }
        out->push_back(execution);
    }
    return true;
}

bool WorkMemHistory::read(QSqlDatabase db, QHash<QString, Shape>* shapes, qint64* defaultKb, QString* error)
{
    *defaultKb = serverKb(db, error);
    QHash<QString, QMap<qint64, qint64>> sets;
    if (*defaultKb <= 0 || !timelines(db, &sets, error))
        return false;
    QSqlQuery query(db);
    query.setForwardOnly(true);

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
    // Executions, when a session changed work_mem: the others all ran with the same value and say
    // nothing about it, unless a session elsewhere ran the same shape with another value.
    if (!sets.isEmpty()) {
        std::vector<Execution> logged;
        if (!readExecutions(db, sets, *defaultKb, &logged, error))
            return false;
        for (const Execution& execution : logged)
            if (execution.durationMs > 0)
                add(execution.sql, double(execution.kb), execution.durationMs, true);
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
