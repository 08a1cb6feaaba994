#include "profile/postgrestextplan.h"

#include "profile/postgresplanparser.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>
#include <cmath>
#include <optional>

namespace dopt {

namespace {

// explain.c's node names as the text shows them (after "Parallel " / "Async "), with their JSON
// "Node Type"; the longer of two names sharing a start comes first. Joins, aggregates, SetOp,
// ModifyTable and foreign scans are read separately.
const std::pair<const char*, const char*> NodeNames[] = {
    {"Index Only Scan", "Index Only Scan"},
    {"Index Scan", "Index Scan"},
    {"Bitmap Index Scan", "Bitmap Index Scan"},
    {"Bitmap Heap Scan", "Bitmap Heap Scan"},
    {"Seq Scan", "Seq Scan"},
    {"Sample Scan", "Sample Scan"},
    {"Tid Range Scan", "Tid Range Scan"},
    {"Tid Scan", "Tid Scan"},
    {"Subquery Scan", "Subquery Scan"},
    {"Table Function Scan", "Table Function Scan"},
    {"Function Scan", "Function Scan"},
    {"Values Scan", "Values Scan"},
    {"CTE Scan", "CTE Scan"},
    {"Named Tuplestore Scan", "Named Tuplestore Scan"},
    {"WorkTable Scan", "WorkTable Scan"},
    {"Custom Scan", "Custom Scan"},
    {"Result", "Result"},
    {"ProjectSet", "ProjectSet"},
    {"Merge Append", "Merge Append"},
    {"Append", "Append"},
    {"Recursive Union", "Recursive Union"},
    {"BitmapAnd", "BitmapAnd"},
    {"BitmapOr", "BitmapOr"},
    {"Gather Merge", "Gather Merge"},
    {"Gather", "Gather"},
    {"Materialize", "Materialize"},
    {"Memoize", "Memoize"},
    {"Incremental Sort", "Incremental Sort"},
    {"Sort", "Sort"},
    {"Group", "Group"},
    {"WindowAgg", "WindowAgg"},
    {"Unique", "Unique"},
    {"Hash", "Hash"},
    {"LockRows", "LockRows"},
    {"Limit", "Limit"},
};

// Details whose value is a list in JSON (the text joins the items with ", ").
const char* const ListDetails[] = {"Sort Key", "Presorted Key", "Group Key", "Hash Key", "Output"};

// Detail names the text shortens (the JSON name is longer).
const std::pair<const char*, const char*> RenamedDetails[] = {
    {"Memory Usage", "Peak Memory Usage"},
    {"Hits", "Cache Hits"},
    {"Misses", "Cache Misses"},
    {"Evictions", "Cache Evictions"},
    {"Overflows", "Cache Overflows"},
};

// Nodes nested deeper are kept as unread lines of the deepest: the tree is built recursively, and the
// JSON it is stored as must read back within QJsonDocument's nesting limit (two levels per node).
constexpr int MaxDepth = 256;

struct TextNode
{
    QJsonObject plan;
    QList<int> children;
    int detailColumn = 0;
    bool labelled = false; // under an InitPlan / SubPlan / CTE label
    QJsonArray unread;
};

std::optional<double> number(QStringView text)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

// A figure with its unit: "25kB", "9 kB", "0.123 ms", "2 (originally 1)".
std::optional<double> figure(QStringView text, std::optional<double>* originally = nullptr)
{
    text = text.trimmed();
    const qsizetype open = text.indexOf(u" (originally ");
    if (open >= 0) {
        if (originally && text.endsWith(u')'))
            *originally = number(text.mid(open + 13).chopped(1));
        text = text.left(open);
    }
    for (QStringView unit : {QStringView(u"kB"), QStringView(u"ms")}) {
        if (text.endsWith(unit)) {
            text.chop(unit.size());
            break;
        }
    }
    return number(text);
}

// Splits a list at its top-level commas (not inside parentheses, brackets or quotes).
QStringList splitList(QStringView text)
{
    QStringList items;
    int depth = 0;
    QChar quote;
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == u'\'' || c == u'"') {
            quote = c;
        } else if (c == u'(' || c == u'[') {
            ++depth;
        } else if ((c == u')' || c == u']') && depth > 0) {
            --depth;
        } else if (c == u',' && depth == 0 && i + 1 < text.size() && text[i + 1] == u' ') {
            items.append(text.mid(start, i - start).toString());
            start = i + 2;
        }
    }
    items.append(text.mid(start).toString());
    return items;
}

// Splits "rel alias", "public.t t1" or "\"my table\" \"x y\"" into identifiers, unquoting them; a
// qualified name stays one item with its dot (quoteless parts are split by splitQualified).
QStringList identifiers(QStringView text, QList<qsizetype>* dots)
{
    QStringList names;
    qsizetype i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == u' ')
            ++i;
        if (i >= text.size())
            break;
        QString name;
        qsizetype dot = -1;
        while (i < text.size() && text[i] != u' ') {
            if (text[i] == u'"') {
                ++i;
                while (i < text.size()) {
                    if (text[i] == u'"') {
                        if (i + 1 < text.size() && text[i + 1] == u'"') {
                            name.append(u'"');
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    name.append(text[i++]);
                }
            } else {
                if (text[i] == u'.' && dot < 0)
                    dot = name.size();
                name.append(text[i++]);
            }
        }
        names.append(name);
        dots->append(dot);
    }
    return names;
}

// " on rel alias" after a scan's name: objectTag is the JSON name of the object ("Relation Name",
// "CTE Name", "Function Name"...), or null when the text names only the alias (Subquery Scan, Values
// Scan). The alias is shown only when it differs from the object's name.
void readTarget(QStringView rest, const char* objectTag, QJsonObject* plan, QJsonArray* unread)
{
    rest = rest.trimmed();
    if (!rest.startsWith(u"on ")) {
        if (!rest.isEmpty())
            unread->append(rest.toString());
        return;
    }
    QList<qsizetype> dots;
    const QStringList names = identifiers(rest.mid(3), &dots);
    if (names.isEmpty())
        return;
    if (!objectTag) {
        plan->insert(QStringLiteral("Alias"), names.last());
        return;
    }
    QString object = names.first();
    if (dots.first() >= 0) { // schema-qualified (VERBOSE)
        plan->insert(QStringLiteral("Schema"), object.left(dots.first()));
        object = object.mid(dots.first() + 1);
    }
    plan->insert(QLatin1String(objectTag), object);
    plan->insert(QStringLiteral("Alias"), names.size() > 1 ? names.at(1) : object);
}

// Reads the name part of a node line ("Parallel Hash Left Join", "Index Scan Backward using i on t x",
// "Partial HashAggregate", "Insert on t") into plan; false when it names no node type known here.
bool readNodeName(QStringView label, QJsonObject* plan, QJsonArray* unread)
{
    bool parallel = false;
    if (label.startsWith(u"Parallel ")) {
        parallel = true;
        label = label.mid(9);
    }
    if (label.startsWith(u"Async ")) {
        plan->insert(QStringLiteral("Async Capable"), true);
        label = label.mid(6);
    }
    plan->insert(QStringLiteral("Parallel Aware"), parallel);

    static const QRegularExpression join(
        QStringLiteral("^(Nested Loop|Hash|Merge)(?: (Left|Right|Full|Semi|Anti|Right Semi|Right Anti))? ?(Join)?$"));
    const QRegularExpressionMatch joinMatch = join.match(label);
    if (joinMatch.hasMatch() && (joinMatch.hasCaptured(3) || joinMatch.captured(1) == QLatin1String("Nested Loop"))) {
        const QString kind = joinMatch.captured(1);
        plan->insert(QStringLiteral("Node Type"), kind == QLatin1String("Nested Loop") ? kind : kind + u" Join");
        plan->insert(
            QStringLiteral("Join Type"), joinMatch.hasCaptured(2) ? joinMatch.captured(2) : QStringLiteral("Inner"));
        return true;
    }
    static const QRegularExpression aggregate(
        QStringLiteral("^(?:(Partial|Finalize) )?(Aggregate|GroupAggregate|HashAggregate|MixedAggregate)$"));
    const QRegularExpressionMatch aggregateMatch = aggregate.match(label);
    if (aggregateMatch.hasMatch()) {
        static const QHash<QString, QString> strategies {{QStringLiteral("Aggregate"), QStringLiteral("Plain")},
            {QStringLiteral("GroupAggregate"), QStringLiteral("Sorted")},
            {QStringLiteral("HashAggregate"), QStringLiteral("Hashed")},
            {QStringLiteral("MixedAggregate"), QStringLiteral("Mixed")}};
        plan->insert(QStringLiteral("Node Type"), QStringLiteral("Aggregate"));
        plan->insert(QStringLiteral("Strategy"), strategies.value(aggregateMatch.captured(2)));
        plan->insert(QStringLiteral("Partial Mode"),
            aggregateMatch.hasCaptured(1) ? aggregateMatch.captured(1) : QStringLiteral("Simple"));
        return true;
    }
    static const QRegularExpression setOp(QStringLiteral("^(HashSetOp|SetOp) (.+)$"));
    const QRegularExpressionMatch setOpMatch = setOp.match(label);
    if (setOpMatch.hasMatch()) {
        plan->insert(QStringLiteral("Node Type"), QStringLiteral("SetOp"));
        plan->insert(QStringLiteral("Strategy"),
            setOpMatch.captured(1) == QLatin1String("HashSetOp") ? QStringLiteral("Hashed") : QStringLiteral("Sorted"));
        plan->insert(QStringLiteral("Command"), setOpMatch.captured(2));
        return true;
    }
    static const QRegularExpression modify(QStringLiteral("^(Insert|Update|Delete|Merge)( on .*)$"));
    const QRegularExpressionMatch modifyMatch = modify.match(label);
    if (modifyMatch.hasMatch()) {
        plan->insert(QStringLiteral("Node Type"), QStringLiteral("ModifyTable"));
        plan->insert(QStringLiteral("Operation"), modifyMatch.captured(1));
        readTarget(modifyMatch.capturedView(2), "Relation Name", plan, unread);
        return true;
    }
    static const QRegularExpression foreign(QStringLiteral("^Foreign (Scan|Insert|Update|Delete)( on .*)?$"));
    const QRegularExpressionMatch foreignMatch = foreign.match(label);
    if (foreignMatch.hasMatch()) {
        plan->insert(QStringLiteral("Node Type"), QStringLiteral("Foreign Scan"));
        const QString operation = foreignMatch.captured(1);
        plan->insert(
            QStringLiteral("Operation"), operation == QLatin1String("Scan") ? QStringLiteral("Select") : operation);
        readTarget(foreignMatch.capturedView(2), "Relation Name", plan, unread);
        return true;
    }

    for (const auto& [text, type] : NodeNames) {
        const QLatin1String name(text);
        if (!label.startsWith(name) || (label.size() > name.size() && label[name.size()] != u' '))
            continue;
        const QString nodeType = QLatin1String(type);
        plan->insert(QStringLiteral("Node Type"), nodeType);
        QStringView rest = label.mid(name.size());
        if (nodeType == QLatin1String("Index Scan") || nodeType == QLatin1String("Index Only Scan")) {
            const bool backward = rest.startsWith(u" Backward");
            if (backward)
                rest = rest.mid(9);
            plan->insert(
                QStringLiteral("Scan Direction"), backward ? QStringLiteral("Backward") : QStringLiteral("Forward"));
            if (rest.startsWith(u" using ")) {
                // The index name runs up to " on " (a quoted name may hold spaces, not an unquoted one).
                QList<qsizetype> dots;
                const QStringList names = identifiers(rest.mid(7), &dots);
                if (!names.isEmpty()) {
                    plan->insert(QStringLiteral("Index Name"), names.first());
                    const qsizetype on = rest.indexOf(u" on ", 7);
                    rest = on >= 0 ? rest.mid(on) : QStringView();
                }
            }
            readTarget(rest, "Relation Name", plan, unread);
        } else if (nodeType == QLatin1String("Bitmap Index Scan")) {
            QList<qsizetype> dots;
            const QStringList names = identifiers(rest.trimmed().mid(3), &dots);
            if (rest.trimmed().startsWith(u"on ") && !names.isEmpty())
                plan->insert(QStringLiteral("Index Name"), names.first());
        } else if (nodeType == QLatin1String("Custom Scan")) {
            if (rest.startsWith(u" (") && rest.indexOf(u')') > 0) {
                const qsizetype close = rest.indexOf(u')');
                plan->insert(QStringLiteral("Custom Plan Provider"), rest.mid(2, close - 2).toString());
                readTarget(rest.mid(close + 1), "Relation Name", plan, unread);
            }
        } else if (nodeType == QLatin1String("CTE Scan") || nodeType == QLatin1String("WorkTable Scan")) {
            readTarget(rest, "CTE Name", plan, unread);
        } else if (nodeType == QLatin1String("Function Scan")) {
            readTarget(rest, "Function Name", plan, unread);
        } else if (nodeType == QLatin1String("Named Tuplestore Scan")) {
            readTarget(rest, "Tuplestore Name", plan, unread);
        } else if (nodeType == QLatin1String("Subquery Scan") || nodeType == QLatin1String("Values Scan")
            || nodeType == QLatin1String("Table Function Scan")) {
            readTarget(rest, nullptr, plan, unread);
        } else if (nodeType.endsWith(QLatin1String(" Scan"))) {
            readTarget(rest, "Relation Name", plan, unread);
        } else if (!rest.trimmed().isEmpty()) {
            unread->append(rest.trimmed().toString());
        }
        return true;
    }
    return false;
}

// Splits a node line into its name and figures. False when the name is no node type known here and
// the line has no figures either (so it is not a plan line at all).
bool readNodeLine(QStringView line, QJsonObject* plan, QJsonArray* unread)
{
    QStringView rest = line.trimmed();
    bool figures = false;
    if (rest.endsWith(u"(never executed)")) {
        rest = rest.chopped(16).trimmed();
        plan->insert(QStringLiteral("Actual Startup Time"), 0);
        plan->insert(QStringLiteral("Actual Total Time"), 0);
        plan->insert(QStringLiteral("Actual Rows"), 0);
        plan->insert(QStringLiteral("Actual Loops"), 0);
        figures = true;
    } else if (const qsizetype at = rest.lastIndexOf(u" (actual "); at >= 0 && rest.endsWith(u')')) {
        static const QRegularExpression timed(
            QStringLiteral("^\\(actual time=([0-9.]+?)\\.\\.([0-9.]+) rows=([0-9.]+) loops=([0-9.]+)\\)$"));
        static const QRegularExpression untimed(QStringLiteral("^\\(actual rows=([0-9.]+) loops=([0-9.]+)\\)$"));
        const QStringView actual = rest.mid(at + 1);
        QRegularExpressionMatch match = timed.match(actual);
        int first = 3;
        if (match.hasMatch()) {
            plan->insert(QStringLiteral("Actual Startup Time"), number(match.capturedView(1)).value_or(0));
            plan->insert(QStringLiteral("Actual Total Time"), number(match.capturedView(2)).value_or(0));
        } else {
            match = untimed.match(actual);
            first = 1;
        }
        if (match.hasMatch()) {
            plan->insert(QStringLiteral("Actual Rows"), number(match.capturedView(first)).value_or(0));
            plan->insert(QStringLiteral("Actual Loops"), number(match.capturedView(first + 1)).value_or(0));
            rest = rest.left(at).trimmed();
            figures = true;
        }
    }
    if (const qsizetype at = rest.lastIndexOf(u" (cost="); at >= 0 && rest.endsWith(u')')) {
        static const QRegularExpression cost(
            QStringLiteral("^\\(cost=([0-9.]+?)\\.\\.([0-9.]+) rows=([0-9.]+) width=([0-9]+)\\)$"));
        const QRegularExpressionMatch match = cost.match(rest.mid(at + 1));
        if (match.hasMatch()) {
            plan->insert(QStringLiteral("Startup Cost"), number(match.capturedView(1)).value_or(0));
            plan->insert(QStringLiteral("Total Cost"), number(match.capturedView(2)).value_or(0));
            plan->insert(QStringLiteral("Plan Rows"), number(match.capturedView(3)).value_or(0));
            plan->insert(QStringLiteral("Plan Width"), number(match.capturedView(4)).value_or(0));
            rest = rest.left(at).trimmed();
            figures = true;
        }
    }
    if (readNodeName(rest, plan, unread))
        return true;
    if (!figures || rest.isEmpty())
        return false;
    plan->insert(QStringLiteral("Node Type"), rest.toString()); // a node type this reader does not know
    return true;
}

// "shared hit=2 read=3 dirtied=1 written=4, local ..., temp read=5 written=6" as JSON's block counts.
bool readBuffers(QStringView value, QJsonObject* object)
{
    bool any = false;
    for (QStringView part : value.split(u", ")) {
        const QList<QStringView> words = part.trimmed().split(u' ');
        if (words.size() < 2)
            continue;
        QString area = words.first().toString();
        if (area.isEmpty())
            continue;
        area[0] = area[0].toUpper();
        for (qsizetype i = 1; i < words.size(); ++i) {
            const qsizetype equals = words[i].indexOf(u'=');
            const std::optional<double> count = equals > 0 ? number(words[i].mid(equals + 1)) : std::nullopt;
            if (!count)
                continue;
            QString what = words[i].left(equals).toString();
            what[0] = what[0].toUpper();
            object->insert(QStringLiteral("%1 %2 Blocks").arg(area, what), *count);
            any = true;
        }
    }
    return any;
}

bool isList(const QString& key)
{
    for (const char* list : ListDetails)
        if (key == QLatin1String(list))
            return true;
    return false;
}

// One "Key: value" of a node (or of the summary's "Planning:" block).
void addDetail(QJsonObject* plan, QString key, QStringView value)
{
    for (const auto& [text, json] : RenamedDetails)
        if (key == QLatin1String(text))
            key = QLatin1String(json);
    const bool hash = plan->value(QLatin1String("Node Type")).toString() == QLatin1String("Hash");
    if (key == QLatin1String("Buckets") || (key == QLatin1String("Batches") && hash)) {
        std::optional<double> originally;
        const std::optional<double> count = figure(value, &originally);
        if (count) {
            plan->insert(QStringLiteral("Hash ") + key, *count);
            plan->insert(QStringLiteral("Original Hash ") + key, originally.value_or(*count));
            return;
        }
    }
    if (key == QLatin1String("Batches"))
        key = QStringLiteral("HashAgg Batches");
    if (key == QLatin1String("Memory") || key == QLatin1String("Disk")) { // "Sort Method: quicksort  Memory: 25kB"
        if (const std::optional<double> kb = figure(value)) {
            plan->insert(QStringLiteral("Sort Space Used"), *kb);
            plan->insert(QStringLiteral("Sort Space Type"), key);
            return;
        }
    }
    if (key == QLatin1String("Buffers") && readBuffers(value, plan))
        return;
    if (key == QLatin1String("Heap Blocks")) { // "exact=12 lossy=3"
        bool any = false;
        for (QStringView part : value.split(u' ')) {
            const qsizetype equals = part.indexOf(u'=');
            const std::optional<double> count = equals > 0 ? number(part.mid(equals + 1)) : std::nullopt;
            if (count) {
                QString kind = part.left(equals).toString();
                kind[0] = kind[0].toUpper();
                plan->insert(kind + QStringLiteral(" Heap Blocks"), *count);
                any = true;
            }
        }
        if (any)
            return;
    }
    if (isList(key)) {
        QJsonArray items = plan->value(key).toArray();
        for (const QString& item : splitList(value))
            items.append(item);
        plan->insert(key, items);
        return;
    }
    const bool expression = (key.endsWith(QLatin1String("Cond")) || key.endsWith(QLatin1String("Filter"))
                                || key.endsWith(QLatin1String("Key")) || key == QLatin1String("Order By"))
        && !key.startsWith(QLatin1String("Rows Removed"));
    if (!expression) {
        if (const std::optional<double> value_ = figure(value)) {
            plan->insert(key, *value_);
            return;
        }
    }
    plan->insert(key, value.toString());
}

// A detail line: a few lines hold several "Key: value" parts separated by two spaces.
bool readDetailLine(QStringView line, QJsonObject* plan)
{
    static const QLatin1String multi[]
        = {QLatin1String("Sort Method: "), QLatin1String("Buckets: "), QLatin1String("Batches: "),
            QLatin1String("Planned Partitions: "), QLatin1String("Hits: "), QLatin1String("Memory Usage: ")};
    bool split = false;
    for (QLatin1String start : multi)
        split = split || line.startsWith(start);
    const QList<QStringView> parts = split ? line.split(u"  ", Qt::SkipEmptyParts) : QList<QStringView> {line};
    for (QStringView part : parts) {
        const qsizetype colon = part.indexOf(u": ");
        if (colon <= 0 && !(part.endsWith(u':') && part.size() > 1))
            return false;
        if (colon <= 0)
            continue; // a heading such as "Worker 0:" alone
        addDetail(plan, part.left(colon).trimmed().toString(), part.mid(colon + 2).trimmed());
    }
    return true;
}

// Parent Relationship of the children not under a label: PostgreSQL's outer/inner plan, an Append's
// members, a Subquery Scan's subquery.
QString relationship(const QString& parentType, int position)
{
    static const QStringList memberParents {QStringLiteral("Append"), QStringLiteral("Merge Append"),
        QStringLiteral("BitmapAnd"), QStringLiteral("BitmapOr"), QStringLiteral("ModifyTable")};
    if (memberParents.contains(parentType))
        return QStringLiteral("Member");
    if (parentType == QLatin1String("Subquery Scan"))
        return QStringLiteral("Subquery");
    return position == 0 ? QStringLiteral("Outer") : QStringLiteral("Inner");
}

QJsonObject assemble(QList<TextNode>& nodes, int index)
{
    TextNode& node = nodes[index];
    if (!node.unread.isEmpty())
        node.plan.insert(QStringLiteral("Unread Lines"), node.unread);
    if (!node.children.isEmpty()) {
        QJsonArray plans;
        int position = 0;
        const QString type = node.plan.value(QLatin1String("Node Type")).toString();
        for (int child : node.children) {
            QJsonObject childPlan = assemble(nodes, child);
            if (!nodes[child].labelled)
                childPlan.insert(QStringLiteral("Parent Relationship"), relationship(type, position++));
            plans.append(childPlan);
        }
        node.plan.insert(QStringLiteral("Plans"), plans);
    }
    return node.plan;
}

qsizetype indentOf(QStringView line)
{
    qsizetype column = 0;
    while (column < line.size() && line[column] == u' ')
        ++column;
    return column;
}

bool isArrow(QStringView line)
{
    return line.trimmed().startsWith(u"->");
}

} // namespace

bool PostgresTextPlan::isNodeLine(QStringView line)
{
    QStringView text = line.trimmed();
    if (text.startsWith(u"->"))
        text = text.mid(2).trimmed();
    if (text.isEmpty() || text.startsWith(u'('))
        return false;
    return text.contains(u" (cost=") || text.contains(u" (actual ") || text.endsWith(u" (never executed)");
}

bool PostgresTextPlan::toJson(const QString& text, QJsonDocument* out, QString* error, int* unreadLines, int* errorLine)
{
    QList<QStringView> lines = QStringView(text).split(u'\n');
    for (QStringView& line : lines) {
        if (line.endsWith(u'\r'))
            line.chop(1);
    }
    QJsonObject top;
    QList<TextNode> nodes;
    QList<int> stack;
    qsizetype base = 0; // psql's margin: the root line's indentation
    QString label; // an InitPlan / SubPlan / CTE label waiting for its node
    bool summary = false; // past the plan: "Planning Time: ...", "JIT:"...
    QString section; // the summary heading indented lines belong to
    QJsonArray unreadSummary;
    int unread = 0;
    static const QRegularExpression psqlFooter(QStringLiteral("^\\(\\d+ rows?\\)$"));

    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QStringView line = lines[i];
        const QStringView trimmed = line.trimmed();
        if (trimmed.isEmpty())
            continue;
        if (nodes.isEmpty()) {
            // Before the plan: psql's header and rule, auto_explain's query text and parameters.
            if (trimmed == u"QUERY PLAN" || trimmed.count(u'-') + trimmed.count(u'+') == trimmed.size())
                continue;
            if (trimmed.startsWith(u"Query Text: ") && !top.contains(QLatin1String("Query Text"))) {
                QStringList query {trimmed.mid(12).toString()};
                while (i + 1 < lines.size() && !isNodeLine(lines[i + 1])
                    && !lines[i + 1].startsWith(u"Query Parameters: "))
                    query.append(lines[++i].toString());
                // Without figures on any line (COSTS OFF), the query text is the first line only.
                if (i + 1 >= lines.size()) {
                    i -= query.size() - 1;
                    query = QStringList {query.first()};
                }
                top.insert(QStringLiteral("Query Text"), query.join(QLatin1Char('\n')));
                continue;
            }
            if (trimmed.startsWith(u"Query Parameters: ")) {
                top.insert(QStringLiteral("Query Parameters"), trimmed.mid(18).toString());
                continue;
            }
            TextNode root;
            if (isArrow(line) || !readNodeLine(trimmed, &root.plan, &root.unread)) {
                *error = QStringLiteral("not an EXPLAIN plan node: %1").arg(trimmed.left(80).toString());
                if (errorLine)
                    *errorLine = int(i + 1);
                return false;
            }
            base = indentOf(line);
            root.detailColumn = 2;
            nodes.append(root);
            stack.append(0);
            continue;
        }
        const qsizetype column = std::max<qsizetype>(0, indentOf(line) - base);
        if (summary || column == 0) {
            if (psqlFooter.match(trimmed).hasMatch())
                continue;
            summary = true;
            if (column == 0)
                section.clear();
            if (column == 0 && trimmed.endsWith(u':') && !trimmed.contains(u' ')) {
                section = trimmed.chopped(1).toString(); // "Planning:", "JIT:"
                continue;
            }
            QJsonObject target = section.isEmpty() ? top : top.value(section).toObject();
            if (readDetailLine(trimmed, &target)) {
                if (section.isEmpty())
                    top = target;
                else
                    top.insert(section, target);
            } else {
                unreadSummary.append(trimmed.toString());
                ++unread;
            }
            continue;
        }
        while (stack.size() > 1 && nodes[stack.last()].detailColumn > column)
            stack.removeLast();
        const int owner = stack.last();
        if (isArrow(line) && stack.size() < MaxDepth) {
            TextNode child;
            child.detailColumn = int(column) + 6;
            if (!readNodeLine(trimmed.mid(2), &child.plan, &child.unread)) {
                child.plan.insert(QStringLiteral("Node Type"), trimmed.mid(2).trimmed().toString());
                ++unread;
            }
            if (!label.isEmpty()) {
                child.labelled = true;
                child.plan.insert(QStringLiteral("Parent Relationship"),
                    label.startsWith(QLatin1String("SubPlan")) ? QStringLiteral("SubPlan")
                                                               : QStringLiteral("InitPlan"));
                child.plan.insert(QStringLiteral("Subplan Name"), label);
                label.clear();
            }
            nodes.append(child);
            nodes[owner].children.append(int(nodes.size() - 1));
            stack.append(int(nodes.size() - 1));
            continue;
        }
        // A label ("InitPlan 1 (returns $0)", "SubPlan 2", "CTE x") is followed by its node two columns right.
        qsizetype next = i + 1;
        while (next < lines.size() && lines[next].trimmed().isEmpty())
            ++next;
        if (next < lines.size() && isArrow(lines[next]) && indentOf(lines[next]) - base == column + 2
            && !trimmed.contains(u": ")) {
            label = trimmed.toString();
            continue;
        }
        if (column != nodes[owner].detailColumn || !readDetailLine(trimmed, &nodes[owner].plan)) {
            nodes[owner].unread.append(trimmed.toString()); // e.g. per-worker lines under a "Worker 0:" heading
            ++unread;
        }
    }
    if (nodes.isEmpty()) {
        *error = QStringLiteral("no EXPLAIN plan node in the text");
        if (errorLine)
            *errorLine = 0;
        return false;
    }
    if (!unreadSummary.isEmpty())
        top.insert(QStringLiteral("Unread Lines"), unreadSummary);
    top.insert(QStringLiteral("Plan"), assemble(nodes, 0));
    *out = QJsonDocument(QJsonArray {top});
    if (unreadLines)
        *unreadLines = unread;
    return true;
}

bool PostgresTextPlan::parse(const QString& text, ParsedProfile* out, QString* error)
{
    QJsonDocument document;
    return toJson(text, &document, error) && PostgresPlanParser::parseDocument(document, out, error);
}

} // namespace dopt
