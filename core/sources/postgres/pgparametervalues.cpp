#include "sources/postgres/pgparametervalues.h"

#include "sources/postgres/pgconnection.h"

#include <QHash>
#include <QMap>
#include <QRegularExpression>
#include <algorithm>
#include <optional>

namespace dopt {

namespace {

// Where a placeholder sits: what it is compared with and how.
struct Use
{
    QString column;
    QString qualifier; // table or alias before the column, "" when none
    QString kind; // "eq", "lt", "gt", "ne", "between_low", "between_high", "limit", "offset"
    int position = 0; // index within an IN list
};

struct ColumnStats
{
    QString table; // schema.table
    QStringList commonValues;
    QStringList histogram;
};

const QString ColumnPattern = QStringLiteral(R"re((?:"?(\w+)"?\.)?"?([A-Za-z_]\w*)"?(?:::\w+)?)re");
const QString OperatorPattern = QStringLiteral(R"re((<>|!=|<=|>=|=|<|>|!?~~\*?|(?:NOT\s+)?I?LIKE))re");

QString kindOf(const QString& op, bool reversed)
{
    const QString o = op.simplified().toUpper();
    if (o == QLatin1String("<>") || o == QLatin1String("!=") || o.startsWith(u'!')
        || o.startsWith(QLatin1String("NOT")))
        return QStringLiteral("ne");
    if (o.startsWith(u'<'))
        return reversed ? QStringLiteral("gt") : QStringLiteral("lt");
    if (o.startsWith(u'>'))
        return reversed ? QStringLiteral("lt") : QStringLiteral("gt");
    return QStringLiteral("eq");
}

QMap<int, Use> findUses(const QString& sql)
{
    QMap<int, Use> uses;
    const auto keep = [&uses](int number, const Use& use) {
        if (!uses.contains(number))
            uses.insert(number, use);
    };
    static const QRegularExpression between(
        ColumnPattern + QStringLiteral(R"re(\s+BETWEEN\s+\$(\d+)\S*\s+AND\s+\$(\d+))re"),
        QRegularExpression::CaseInsensitiveOption);
    for (const QRegularExpressionMatch& m : between.globalMatch(sql)) {
        keep(m.captured(3).toInt(), {m.captured(2), m.captured(1), QStringLiteral("between_low"), 0});
        keep(m.captured(4).toInt(), {m.captured(2), m.captured(1), QStringLiteral("between_high"), 0});
    }
    static const QRegularExpression inList(ColumnPattern + QStringLiteral(R"re(\s+(?:NOT\s+)?IN\s*\(([^()]*)\))re"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression placeholder(QStringLiteral(R"(\$(\d+))"));
    for (const QRegularExpressionMatch& m : inList.globalMatch(sql)) {
        int position = 0;
        for (const QRegularExpressionMatch& p : placeholder.globalMatch(m.captured(3)))
            keep(p.captured(1).toInt(), {m.captured(2), m.captured(1), QStringLiteral("eq"), position++});
    }
    static const QRegularExpression columnFirst(
        ColumnPattern + QStringLiteral(R"(\s*)") + OperatorPattern + QStringLiteral(R"(\s*\$(\d+))"),
        QRegularExpression::CaseInsensitiveOption);
    for (const QRegularExpressionMatch& m : columnFirst.globalMatch(sql))
        keep(m.captured(4).toInt(), {m.captured(2), m.captured(1), kindOf(m.captured(3), false), 0});
    static const QRegularExpression placeholderFirst(
        QStringLiteral(R"(\$(\d+)(?:::\w+)?\s*)") + OperatorPattern + QStringLiteral(R"(\s*)") + ColumnPattern,
        QRegularExpression::CaseInsensitiveOption);
    for (const QRegularExpressionMatch& m : placeholderFirst.globalMatch(sql))
        keep(m.captured(1).toInt(), {m.captured(4), m.captured(3), kindOf(m.captured(2), true), 0});
    static const QRegularExpression limit(
        QStringLiteral(R"(\b(LIMIT|OFFSET)\s+\$(\d+))"), QRegularExpression::CaseInsensitiveOption);
    for (const QRegularExpressionMatch& m : limit.globalMatch(sql))
        keep(m.captured(2).toInt(), {{}, {}, m.captured(1).toLower(), 0});
    return uses;
}

bool mentions(const QString& sql, const QString& name)
{
    const QRegularExpression word(
        QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(name)), QRegularExpression::CaseInsensitiveOption);
    return word.match(sql).hasMatch();
}

/// The statistics of a column of one of the tables the statement names.
std::optional<ColumnStats> statsFor(
    PgConnection& server, const QString& sql, const Use& use, QHash<QString, std::optional<ColumnStats>>* cache)
{
    const QString cacheKey = use.qualifier + QLatin1Char('.') + use.column;
    if (cache->contains(cacheKey))
        return cache->value(cacheKey);
    const PgResult rows = server.execParams(
        QStringLiteral("SELECT schemaname, tablename, most_common_vals::text, histogram_bounds::text FROM pg_stats "
                       "WHERE attname = $1 AND schemaname NOT IN ('pg_catalog', 'information_schema') "
                       "ORDER BY inherited DESC, schemaname, tablename"),
        {use.column});
    // A table named by the qualifier first (it may be an alias), else the first table the statement names.
    int chosen = -1;
    for (int i = 0; rows.ok && i < rows.rows.size(); ++i) {
        const QString table = rows.value(i, 1);
        if (!mentions(sql, table))
            continue;
        if (chosen < 0 || table.compare(use.qualifier, Qt::CaseInsensitive) == 0)
            chosen = i;
    }
    std::optional<ColumnStats> found;
    if (chosen >= 0)
        found = ColumnStats {rows.value(chosen, 0) + QLatin1Char('.') + rows.value(chosen, 1),
            PgParameterValues::arrayElements(rows.value(chosen, 2)),
            PgParameterValues::arrayElements(rows.value(chosen, 3))};
    cache->insert(cacheKey, found);
    return found;
}

QString atShare(const QStringList& values, double share)
{
    return values.value(std::clamp(int(share * (values.size() - 1) + 0.5), 0, int(values.size()) - 1));
}

} // namespace

QStringList PgParameterValues::arrayElements(const QString& text)
{
    QStringList elements;
    if (text.size() < 2 || !text.startsWith(u'{') || !text.endsWith(u'}'))
        return elements;
    const QStringView inner = QStringView(text).mid(1, text.size() - 2);
    qsizetype i = 0;
    while (i < inner.size()) {
        QString element;
        bool quoted = false;
        if (inner[i] == u'"') {
            quoted = true;
            for (++i; i < inner.size() && inner[i] != u'"'; ++i) {
                if (inner[i] == u'\\' && i + 1 < inner.size())
                    ++i;
                element += inner[i];
            }
            ++i; // closing quote
        } else {
            while (i < inner.size() && inner[i] != u',')
                element += inner[i++];
        }
        elements.append(!quoted && element == QLatin1String("NULL") ? QString() : element);
        ++i; // the comma
    }
    return elements;
}

int PgParameterValues::placeholderCount(const QString& sql)
{
    static const QRegularExpression parameter(QStringLiteral(R"(\$(\d+))"));
    int highest = 0;
    for (const QRegularExpressionMatch& match : parameter.globalMatch(sql))
        highest = std::max(highest, match.captured(1).toInt());
    return highest;
}

bool PgParameterValues::fromStatistics(
    PgConnection& server, const QString& sql, QVector<PgParameterValue>* values, QString* error)
{
    values->clear();
    const QMap<int, Use> uses = findUses(sql);
    QHash<QString, std::optional<ColumnStats>> cache;
    for (int number = 1; number <= placeholderCount(sql); ++number) {
        const auto use = uses.constFind(number);
        if (use == uses.cend()) {
            *error = QStringLiteral("no value for $%1: it is not compared with a column").arg(number);
            return false;
        }
        if (use->kind == QLatin1String("limit") || use->kind == QLatin1String("offset")) {
            const bool isLimit = use->kind == QLatin1String("limit");
            values->append({number, isLimit ? QStringLiteral("'100'") : QStringLiteral("'0'"),
                isLimit ? QStringLiteral("LIMIT default") : QStringLiteral("OFFSET default")});
            continue;
        }
        const std::optional<ColumnStats> stats = statsFor(server, sql, *use, &cache);
        if (!stats || (stats->commonValues.isEmpty() && stats->histogram.isEmpty())) {
            *error = QStringLiteral("no value for $%1: pg_stats has no statistics on column %2 of a table in the "
                                    "statement (run ANALYZE)")
                         .arg(number)
                         .arg(use->column);
            return false;
        }
        const QString where = stats->table + QLatin1Char('.') + use->column;
        QString value;
        QString origin;
        const bool equality = use->kind == QLatin1String("eq") || use->kind == QLatin1String("ne");
        if (equality && !stats->commonValues.isEmpty()) {
            value = stats->commonValues.value(use->position % stats->commonValues.size());
            origin = QStringLiteral("most common value of %1").arg(where);
        } else if (!stats->histogram.isEmpty()) {
            const double share = use->kind == QLatin1String("lt") ? 0.25
                : use->kind == QLatin1String("gt")                ? 0.75
                : use->kind == QLatin1String("between_low")       ? 0.4
                : use->kind == QLatin1String("between_high")      ? 0.6
                                                                  : 0.5;
            value = atShare(stats->histogram, equality ? std::min(0.95, 0.5 + 0.05 * use->position) : share);
            origin = QStringLiteral("histogram bound at %1% of %2").arg(qRound(share * 100)).arg(where);
        } else {
            value = stats->commonValues.first();
            origin = QStringLiteral("most common value of %1").arg(where);
        }
        values->append({number, value.isNull() ? QStringLiteral("NULL") : PgConnection::quoteLiteral(value), origin});
    }
    return true;
}

QString PgParameterValues::detail(const QVector<PgParameterValue>& values)
{
    QStringList parts;
    for (const PgParameterValue& value : values)
        parts << QStringLiteral("$%1 = %2").arg(value.number).arg(value.literal);
    return parts.join(QStringLiteral(", "));
}

} // namespace dopt
