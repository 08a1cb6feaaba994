// libFuzzer entry for the Dremio profile parser: any bytes must give a result or a one-line error,
// never a crash, a sanitizer report or an endless loop.
#include "profile/dremioplantext.h"
#include "profile/dremioprofileparser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    dopt::ParsedProfile profile;
    QString error;
    if (dopt::DremioProfileParser::parse(bytes, &profile, &error)) {
        // Walk what was built: links must stay in range and acyclic.
        (void)profile.tree.depthFirst();
        (void)profile.tree.toText();
    } else if (error.isEmpty() || error.contains(QLatin1Char('\n'))) {
        __builtin_trap(); // a failure must say why, on one line
    }
    // The plan readers also see raw input in real profiles (plan text, jsonPlan strings).
    QVector<dopt::DremioPlanText::Entry> entries;
    dopt::DremioPlanText::entriesFromJson(
        std::string_view(reinterpret_cast<const char*>(data), size), &entries, &error);
    entries += dopt::DremioPlanText::entriesFromText(QString::fromUtf8(bytes));
    dopt::PlanTree tree;
    for (const auto& entry : std::as_const(entries)) {
        dopt::PlanNode node;
        node.index = int(tree.nodes.size());
        node.majorFragment = entry.majorFragment;
        node.operatorId = entry.operatorId;
        tree.nodes.append(node);
    }
    dopt::DremioPlanText::linkTree(&tree, entries);
    (void)tree.depthFirst();
    return 0;
}
