#include "dremioplantext.h"

#include "dremiooperatortypes.h"

#include <algorithm>
#include <map>
#include <simdjson.h>
#include <string>
#include <unordered_map>
#include <vector>

namespace dopt {

namespace {

// Parses "12-345" at the start of the line; returns the length consumed or 0.
int parseKey(QStringView line, int* major, int* op)
{
    int i = 0;
    int a = 0;
    int b = 0;
    while (i < line.size() && i < 6 && line[i].isDigit())
        a = a * 10 + line[i++].digitValue();
    if (i == 0 || i >= line.size() || line[i] != QLatin1Char('-'))
        return 0;
    const int dash = i++;
    while (i < line.size() && i - dash <= 6 && line[i].isDigit())
        b = b * 10 + line[i++].digitValue();
    if (i == dash + 1)
        return 0;
    *major = a;
    *op = b;
    return i;
}

// Index just past the bracket/parenthesis that closes the one at `open`, or -1.
qsizetype closingIndex(QStringView text, qsizetype open)
{
    const QChar opening = text[open];
    const QChar closing = opening == QLatin1Char('(') ? QLatin1Char(')') : QLatin1Char(']');
    int depth = 0;
    for (qsizetype i = open; i < text.size(); ++i) {
        if (text[i] == opening)
            ++depth;
        else if (text[i] == closing && --depth == 0)
            return i + 1;
    }
    return -1;
}

// "00-08" (also with the quotes jsonPlan puts around its keys) → major/op.
bool parseKeyText(std::string_view text, int* major, int* op)
{
    while (!text.empty() && text.front() == '"')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == '"')
        text.remove_suffix(1);
    const size_t dash = text.find('-');
    if (dash == std::string_view::npos || dash == 0 || dash > 6 || dash + 1 >= text.size() || text.size() - dash > 7)
        return false;
    int values[2] = {0, 0};
    for (size_t i = 0; i < text.size(); ++i) {
        if (i == dash)
            continue;
        if (text[i] < '0' || text[i] > '9')
            return false;
        int& value = values[i < dash ? 0 : 1];
        value = value * 10 + (text[i] - '0');
    }
    *major = values[0];
    *op = values[1];
    return true;
}

QString fromUtf8(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QString keyText(int major, int op)
{
    return QStringLiteral("%1-%2").arg(major, 2, 10, QLatin1Char('0')).arg(op, 2, 10, QLatin1Char('0'));
}

qint64 opKey(qint64 major, qint64 op)
{
    return (major << 32) | op;
}

/// Links nodes of one tree; refuses links that would give a node two consumers or make a cycle.
class Linker
{
public:
    Linker(PlanTree* tree, const QVector<DremioPlanText::Entry>& plan)
        : m_tree(tree)
    {
        for (const PlanNode& node : std::as_const(tree->nodes))
            m_nodes.emplace(opKey(node.majorFragment, node.operatorId), node.index);
        for (qsizetype i = 0; i < plan.size(); ++i)
            m_plan.emplace(opKey(plan[i].majorFragment, plan[i].operatorId), &plan[i]);
    }

    int nodeOf(int major, int op) const
    {
        const auto it = m_nodes.find(opKey(major, op));
        return it == m_nodes.end() ? -1 : it->second;
    }

    void warn(const QString& text)
    {
        if (!m_tree->warnings.contains(text))
            m_tree->warnings.append(text);
    }

    bool link(int parent, int child)
    {
        QVector<PlanNode>& nodes = m_tree->nodes;
        if (parent < 0 || child < 0 || parent == child || nodes[child].parent >= 0)
            return false;
        for (int up = parent, steps = 0; up >= 0 && steps <= nodes.size(); up = nodes[up].parent, ++steps) {
            if (up == child) {
                warn(QStringLiteral("plan: linking %1 under %2 would make a cycle; link ignored")
                         .arg(nodes[child].key, nodes[parent].key));
                return false;
            }
        }
        nodes[child].parent = parent;
        nodes[parent].children.append(child);
        return true;
    }

    void linkPlanEdge(int parentNode, QPair<int, int> childKey, int depth)
    {
        const auto [major, op] = childKey;
        const int child = nodeOf(major, op);
        if (child < 0) {
            // The plan names an operator the profile lacks: connect through to that one's inputs.
            const auto plan = m_plan.find(opKey(major, op));
            if (plan == m_plan.end() || depth > 64) {
                warn(QStringLiteral("plan: input %1 of %2 is not in the profile")
                         .arg(keyText(major, op), m_tree->nodes[parentNode].key));
                return;
            }
            for (const auto& input : plan->second->inputs)
                linkPlanEdge(parentNode, input, depth + 1);
            return;
        }
        // An input in another fragment hangs under that fragment's sender (MM-00), which plans omit.
        const int sender = nodeOf(major, 0);
        if (major != m_tree->nodes[parentNode].majorFragment && op != 0 && sender >= 0) {
            if (m_tree->nodes[sender].parent < 0)
                link(parentNode, sender);
            link(sender, child);
            return;
        }
        link(parentNode, child);
    }

    void linkFromPlan(const QVector<DremioPlanText::Entry>& plan)
    {
        for (const DremioPlanText::Entry& entry : plan) {
            const int parent = nodeOf(entry.majorFragment, entry.operatorId);
            if (parent < 0)
                continue;
            for (const auto& input : entry.inputs)
                linkPlanEdge(parent, input, 0);
        }
    }

    // Last resort, mirroring Dremio's PrelSequencer: inside a fragment, operator ids are given
    // breadth-first from the root with each operator's inputs reversed; major fragment ids are
    // given breadth-first over the exchanges met depth-first, left to right.
    void linkFromFragments()
    {
        QVector<PlanNode>& nodes = m_tree->nodes;
        std::map<int, std::vector<int>> fragments; // major → nodes in operator id order
        for (const PlanNode& node : std::as_const(nodes))
            fragments[node.majorFragment].push_back(node.index);
        for (auto& members : fragments)
            std::sort(members.second.begin(), members.second.end(),
                [&nodes](int a, int b) { return nodes[a].operatorId < nodes[b].operatorId; });
        std::map<int, std::vector<int>> receivers; // major → receivers depth-first, left to right
        for (auto& [major, members] : fragments) {
            size_t next = 1;
            for (size_t head = 0; head < members.size() && head < next; ++head) {
                const PlanNode& node = nodes[members[head]];
                const int count
                    = DremioOperatorTypes::producerCount(node.operatorType, int(node.inputRecordsPerInput.size()));
                const size_t end = std::min(members.size(), next + size_t(count));
                for (size_t c = end; c > next; --c) // highest id first = plan order (probe first)
                    link(members[head], members[c - 1]);
                next = end;
            }
            for (size_t i = std::max<size_t>(next, 1); i < members.size(); ++i) // ids the shapes left over
                link(members[i - 1], members[i]);
            std::vector<int> stack {members.front()};
            while (!stack.empty()) {
                const int index = stack.back();
                stack.pop_back();
                if (DremioOperatorTypes::isReceiver(nodes[index].operatorType))
                    receivers[major].push_back(index);
                for (auto it = nodes[index].children.crbegin(); it != nodes[index].children.crend(); ++it)
                    stack.push_back(*it);
            }
        }
        std::vector<int> queue {0};
        int nextMajor = 1;
        for (size_t head = 0; head < queue.size(); ++head) {
            for (int receiver : receivers[queue[head]]) {
                const int major = nextMajor++;
                link(receiver, nodeOf(major, 0));
                queue.push_back(major);
            }
        }
    }

private:
    PlanTree* m_tree;
    std::unordered_map<qint64, int> m_nodes;
    std::unordered_map<qint64, const DremioPlanText::Entry*> m_plan;
};

} // namespace

QVector<DremioPlanText::Line> DremioPlanText::parse(QStringView text)
{
    QVector<Line> lines;
    QVector<int> stack; // indices of open ancestors, innermost last
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf(QLatin1Char('\n'), start);
        if (end < 0)
            end = text.size();
        const QStringView raw = text.mid(start, end - start);
        start = end + 1;

        Line line;
        const int keyLength = parseKey(raw, &line.majorFragment, &line.operatorId);
        if (keyLength == 0)
            continue;
        qsizetype pos = keyLength;
        while (pos < raw.size() && raw[pos] == QLatin1Char(' '))
            ++pos;
        line.indent = int(pos - keyLength);
        qsizetype nameEnd = pos;
        while (nameEnd < raw.size() && (raw[nameEnd].isLetterOrNumber() || raw[nameEnd] == QLatin1Char('_')))
            ++nameEnd;
        line.name = raw.mid(pos, nameEnd - pos).toString();
        if (nameEnd < raw.size() && raw[nameEnd] == QLatin1Char('(')) {
            const qsizetype close = closingIndex(raw, nameEnd);
            line.attributes = raw.mid(nameEnd + 1, (close < 0 ? raw.size() : close - 1) - nameEnd - 1).toString();
        }
        static const QLatin1String rowCountMarker("rowcount = ");
        const qsizetype rc = raw.lastIndexOf(rowCountMarker);
        if (rc >= 0) {
            qsizetype numEnd = rc + rowCountMarker.size();
            while (numEnd < raw.size() && raw[numEnd] != QLatin1Char(','))
                ++numEnd;
            bool ok = false;
            const double value = raw.mid(rc + rowCountMarker.size(), numEnd - rc - rowCountMarker.size()).toDouble(&ok);
            if (ok)
                line.rowCount = value;
        }
        while (!stack.isEmpty() && lines[stack.last()].indent >= line.indent)
            stack.removeLast();
        line.parent = stack.isEmpty() ? -1 : stack.last();
        stack.append(int(lines.size()));
        lines.append(line);
    }
    return lines;
}

QString DremioPlanText::attribute(QStringView attributes, QStringView key)
{
    qsizetype from = 0;
    while (true) {
        const qsizetype at = attributes.indexOf(key, from);
        if (at < 0)
            return {};
        const qsizetype open = at + key.size() + 1;
        const bool atBoundary
            = at == 0 || attributes[at - 1] == QLatin1Char(' ') || attributes[at - 1] == QLatin1Char(',');
        if (atBoundary && open < attributes.size() && attributes[open - 1] == QLatin1Char('=')
            && attributes[open] == QLatin1Char('[')) {
            const qsizetype close = closingIndex(attributes, open);
            return attributes.mid(open + 1, (close < 0 ? attributes.size() : close - 1) - open - 1).toString();
        }
        from = at + 1;
    }
}

QVector<QPair<QString, QString>> DremioPlanText::attributeList(QStringView attributes)
{
    QVector<QPair<QString, QString>> list;
    qsizetype pos = 0;
    const qsizetype size = attributes.size();
    while (pos < size) {
        while (pos < size && (attributes[pos] == QLatin1Char(',') || attributes[pos].isSpace()))
            ++pos;
        const qsizetype equals = attributes.indexOf(QLatin1Char('='), pos);
        if (pos >= size || equals <= pos || equals + 1 >= size || attributes[equals + 1] != QLatin1Char('['))
            break;
        const qsizetype close = closingIndex(attributes, equals + 1);
        const qsizetype end = close < 0 ? size : close - 1; // the closing bracket, or the end when unbalanced
        list.append({attributes.mid(pos, equals - pos).trimmed().toString(),
            attributes.mid(equals + 2, end - equals - 2).toString()});
        pos = end + 1;
    }
    return list;
}

QVector<DremioPlanText::Entry> DremioPlanText::entriesFromText(QStringView text)
{
    const QVector<Line> lines = parse(text);
    QVector<Entry> entries(lines.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const Line& line = lines[i];
        Entry& entry = entries[i];
        entry.majorFragment = line.majorFragment;
        entry.operatorId = line.operatorId;
        entry.rowCount = line.rowCount;
        entry.detail = line.name;
        entry.attributes = attributeList(line.attributes);
        for (const QStringView name : {QStringView(u"table"), QStringView(u"condition")}) {
            const QString value = attribute(line.attributes, name);
            if (!value.isEmpty())
                entry.detail += QLatin1Char(' ') + name + QLatin1Char('=') + value;
        }
        if (line.parent >= 0)
            entries[line.parent].inputs.append({line.majorFragment, line.operatorId});
    }
    return entries;
}

bool DremioPlanText::entriesFromJson(std::string_view jsonPlan, QVector<Entry>* entries, QString* error)
{
    using simdjson::dom::array;
    using simdjson::dom::element;
    using simdjson::dom::object;
    thread_local simdjson::dom::parser parser; // the profile's own parser still holds the profile
    element root;
    object nodes;
    const auto code = parser.parse(jsonPlan.data(), jsonPlan.size()).get(root);
    if (code || root.get_object().get(nodes)) {
        *error = QStringLiteral("jsonPlan: not a JSON object (%1)")
                     .arg(QLatin1String(code ? simdjson::error_message(code) : "wrong type"));
        return false;
    }
    // Field names carry literal quotes ("\"op\""); accept plain ones too.
    const auto get = [](object o, std::string_view name, element* v) {
        const std::string quoted = '"' + std::string(name) + '"';
        return (o.at_key(quoted).get(*v) == simdjson::SUCCESS || o.at_key(name).get(*v) == simdjson::SUCCESS)
            && !v->is_null();
    };
    const auto textOf = [](element v) {
        std::string_view s;
        return v.get_string().get(s) == simdjson::SUCCESS ? fromUtf8(s)
                                                          : QString::fromStdString(simdjson::to_string(v));
    };
    for (auto member : nodes) {
        Entry entry;
        object node;
        if (!parseKeyText(member.key, &entry.majorFragment, &entry.operatorId) || member.value.get_object().get(node)) {
            continue; // not an operator entry
        }
        element v;
        if (get(node, "op", &v)) {
            entry.detail = textOf(v);
            entry.detail.remove(0, entry.detail.lastIndexOf(QLatin1Char('.')) + 1); // class name without its package
            if (entry.detail.endsWith(QLatin1String("Prel")))
                entry.detail.chop(4);
        }
        object values;
        if (get(node, "values", &v) && v.get_object().get(values) == simdjson::SUCCESS) {
            for (auto value : values) {
                std::string_view name = value.key;
                if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
                    name = name.substr(1, name.size() - 2);
                if (!value.value.is_null())
                    entry.attributes.append({fromUtf8(name), textOf(value.value)});
            }
            for (const char* name : {"table", "condition"}) {
                element value;
                if (get(values, name, &value))
                    entry.detail += QLatin1Char(' ') + QLatin1String(name) + QLatin1Char('=') + textOf(value);
            }
        }
        double rows = 0;
        if (get(node, "rowCount", &v) && v.get_double().get(rows) == simdjson::SUCCESS)
            entry.rowCount = rows;
        array inputs;
        if (get(node, "inputs", &v) && v.get_array().get(inputs) == simdjson::SUCCESS) {
            for (element input : inputs) {
                std::string_view id;
                int major = 0;
                int op = 0;
                if (input.get_string().get(id) == simdjson::SUCCESS && parseKeyText(id, &major, &op))
                    entry.inputs.append({major, op});
            }
        }
        entries->append(entry);
    }
    return true;
}

void DremioPlanText::linkTree(PlanTree* tree, const QVector<Entry>& plan)
{
    Linker linker(tree, plan);
    if (!plan.isEmpty())
        linker.linkFromPlan(plan);
    else if (!tree->nodes.isEmpty())
        linker.linkFromFragments();
    tree->roots.clear();
    for (const PlanNode& node : std::as_const(tree->nodes)) {
        if (node.parent < 0)
            tree->roots.append(node.index);
    }
}

} // namespace dopt
