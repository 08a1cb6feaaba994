#include "reflectionplanner.h"

#include "sql/sqltokenlist.h"

#include <QJsonArray>

namespace dopt {

namespace {

QString quoted(const QString& name)
{
    return QLatin1Char('"') + QString(name).replace(QLatin1String("\""), QLatin1String("\"\"")) + QLatin1Char('"');
}

void addUnique(QStringList& list, const QString& value)
{
    if (!value.isEmpty() && !list.contains(value, Qt::CaseInsensitive))
        list.append(value);
}

QString fieldList(const QStringList& fields)
{
    QStringList out;
    for (const QString& field : fields)
        out << quoted(field);
    return out.join(QStringLiteral(", "));
}

} // namespace

QString ReflectionDefinition::createSql() const
{
    QString sql;
    if (type == QLatin1String("AGGREGATION")) {
        QStringList measures;
        for (const QString& measure : measureFields) {
            const qsizetype space = measure.indexOf(QLatin1Char(' '));
            measures << quoted(measure.left(space)) + measure.mid(space);
        }
        sql = QStringLiteral("ALTER TABLE %1 CREATE AGGREGATE REFLECTION %2 USING DIMENSIONS (%3)")
                  .arg(dataset, quoted(name), fieldList(dimensionFields));
        if (!measures.isEmpty())
            sql += QStringLiteral(" MEASURES (%1)").arg(measures.join(QStringLiteral(", ")));
    } else {
        sql = QStringLiteral("ALTER TABLE %1 CREATE RAW REFLECTION %2 USING DISPLAY (%3)")
                  .arg(dataset, quoted(name), fieldList(displayFields));
    }
    if (!partitionFields.isEmpty())
        sql += QStringLiteral(" PARTITION BY (%1)").arg(fieldList(partitionFields));
    if (!sortFields.isEmpty())
        sql += QStringLiteral(" LOCALSORT BY (%1)").arg(fieldList(sortFields));
    return sql;
}

QString ReflectionDefinition::dropSql() const
{
    return QStringLiteral("ALTER TABLE %1 DROP REFLECTION %2").arg(dataset, quoted(name));
}

QJsonObject ReflectionDefinition::toJson() const
{
    return QJsonObject {{QStringLiteral("type"), type}, {QStringLiteral("name"), name},
        {QStringLiteral("dataset"), dataset},
        {QStringLiteral("displayFields"), QJsonArray::fromStringList(displayFields)},
        {QStringLiteral("dimensionFields"), QJsonArray::fromStringList(dimensionFields)},
        {QStringLiteral("measureFields"), QJsonArray::fromStringList(measureFields)},
        {QStringLiteral("partitionFields"), QJsonArray::fromStringList(partitionFields)},
        {QStringLiteral("sortFields"), QJsonArray::fromStringList(sortFields)}, {QStringLiteral("joins"), joins}};
}

ReflectionDefinition ReflectionPlanner::plan(const QString& sql, const QString& name)
{
    ReflectionDefinition d;
    d.name = name;
    const SqlTokenList t(sql);
    // The outermost SELECT's clauses, at parenthesis depth 0.
    qsizetype select = -1;
    qsizetype from = -1;
    qsizetype where = -1;
    qsizetype groupBy = -1;
    qsizetype clauseEnd = t.size();
    int depth = 0;
    for (qsizetype i = 0; i < t.size(); ++i) {
        depth += t.is(i, u'(') ? 1 : t.is(i, u')') ? -1 : 0;
        if (depth != 0)
            continue;
        if (select < 0 && t.word(i, "SELECT"))
            select = i;
        else if (select >= 0 && from < 0 && t.word(i, "FROM"))
            from = i;
        else if (from >= 0 && where < 0 && t.word(i, "WHERE"))
            where = i;
        else if (from >= 0 && t.word(i, "GROUP") && t.word(i + 1, "BY"))
            groupBy = i + 1;
        else if (from >= 0 && (t.anyWord(i, {"JOIN"}) || t.is(i, u',')) && where < 0 && groupBy < 0)
            d.joins = true;
        else if (t.anyWord(i, {"HAVING", "ORDER", "LIMIT", "UNION", "FETCH", "OFFSET"}) && clauseEnd == t.size())
            clauseEnd = i;
    }
    if (select < 0 || from < 0)
        return d;
    const qsizetype tableEnd = t.pathEnd(from + 1);
    if (tableEnd < 0)
        return d;
    d.dataset = t.slice(from + 1, tableEnd);
    // Columns of the anchor table: unqualified, or qualified by its alias or its name.
    const qsizetype aliasAt = t.word(tableEnd + 1, "AS") ? tableEnd + 2 : tableEnd + 1;
    const QString alias = t.isName(aliasAt) ? t.unquotedLast(aliasAt) : t.unquotedLast(tableEnd);
    auto belongs = [&](qsizetype first, qsizetype last) {
        return first == last || t.unquotedLast(last - 2).compare(alias, Qt::CaseInsensitive) == 0;
    };

    const bool aggregate = groupBy >= 0;
    d.type = aggregate ? QStringLiteral("AGGREGATION") : QStringLiteral("RAW");
    // Select list: columns, aggregate calls and a star.
    bool star = false;
    QStringList selectColumns;
    for (qsizetype i = select + 1; i < from; ++i) {
        if (t.is(i, u'*') && !t.is(i - 1, u'('))
            star = true;
        if (t.word(i - 1, "AS"))
            continue; // an alias, not a column
        const bool call = t.kind(i) == SqlTokenKind::Word && t.is(i + 1, u'(');
        if (call && t.anyWord(i, {"SUM", "COUNT", "MIN", "MAX", "AVG"})) {
            const qsizetype columnEnd = t.pathEnd(i + 2);
            if (columnEnd >= 0 && t.is(columnEnd + 1, u')') && belongs(i + 2, columnEnd)) {
                const QString function = t.text(i).toString().toUpper();
                const QString column = t.unquotedLast(columnEnd);
                // AVG is served by SUM and COUNT; Dremio lists each measure's functions.
                const QString functions = function == QLatin1String("AVG") ? QStringLiteral("SUM, COUNT") : function;
                d.measureFields.append(column + QStringLiteral(" (") + functions + QLatin1Char(')'));
                addUnique(selectColumns, column); // a raw reflection must display it
                i = columnEnd + 1;
            }
            continue;
        }
        if (call)
            continue;
        const qsizetype end = t.pathEnd(i);
        if (end >= 0 && !t.is(end + 1, u'(')) {
            if (belongs(i, end))
                addUnique(selectColumns, t.unquotedLast(end));
            i = end;
        }
    }
    // Filter columns: a path right before a comparison, BETWEEN, IN or LIKE.
    QStringList equalityColumns;
    QStringList rangeColumns;
    const qsizetype whereEnd = groupBy >= 0 ? groupBy - 1 : clauseEnd;
    for (qsizetype i = where + 1; where >= 0 && i < whereEnd; ++i) {
        const qsizetype end = t.pathEnd(i);
        if (end < 0)
            continue;
        if (!belongs(i, end) || t.is(end + 1, u'(')) {
            i = end;
            continue;
        }
        const QString column = t.unquotedLast(end);
        if (t.isOperator(end + 1, "=") || t.word(end + 1, "IN"))
            addUnique(equalityColumns, column);
        else if (t.isOperator(end + 1, ">=") || t.isOperator(end + 1, ">") || t.isOperator(end + 1, "<")
            || t.isOperator(end + 1, "<=") || t.word(end + 1, "BETWEEN"))
            addUnique(rangeColumns, column);
        i = end;
    }
    QStringList groupColumns;
    for (qsizetype i = groupBy + 1; groupBy >= 0 && i < clauseEnd; ++i) {
        const qsizetype end = t.pathEnd(i);
        if (end >= 0 && !t.is(end + 1, u'(')) {
            if (belongs(i, end))
                addUnique(groupColumns, t.unquotedLast(end));
            i = end;
        }
    }
    if (aggregate) {
        for (const QStringList* list : {&groupColumns, &equalityColumns, &rangeColumns}) {
            for (const QString& column : *list)
                addUnique(d.dimensionFields, column);
        }
    } else if (!star) {
        for (const QStringList* list : {&selectColumns, &equalityColumns, &rangeColumns}) {
            for (const QString& column : *list)
                addUnique(d.displayFields, column);
        }
    }
    // Partition on an equality filter, sort on a range filter; Dremio forbids one column in both.
    // Not on an identifier (order_id = ?): one partition per value would make millions of tiny files.
    for (const QString& column : std::as_const(equalityColumns)) {
        const QString lower = column.toLower();
        if (!lower.endsWith(QLatin1String("id")) && !lower.endsWith(QLatin1String("key"))) {
            d.partitionFields.append(column);
            break;
        }
    }
    for (const QString& column : std::as_const(rangeColumns)) {
        if (!d.partitionFields.contains(column, Qt::CaseInsensitive)) {
            d.sortFields.append(column);
            break;
        }
    }
    if (!d.isValid()) {
        d.partitionFields.clear();
        d.sortFields.clear();
    }
    return d;
}

} // namespace dopt
