#pragma once

#include "model/plantree.h"

#include <QString>
#include <QStringView>
#include <QVector>
#include <string_view>

namespace dopt {

/// The plan a Dremio profile carries and the operator links it implies. Reads the text plan
/// (QueryProfile.plan: one "MM-OO Name(attributes) : rowType = ...: rowcount = N" line per operator,
/// nested by indentation) and the jsonPlan string, and links a PlanTree's operators from them, or
/// from the fragment structure when the profile has no plan.
class DremioPlanText
{
public:
    /// One line of the text plan.
    struct Line
    {
        int majorFragment = -1;
        int operatorId = -1;
        int indent = 0; // spaces between the key and the operator name
        QString name; // EasyScan, HashJoin, Project...
        QString attributes; // text inside the operator's parentheses
        double rowCount = -1; // planner estimate, -1 when absent
        int parent = -1; // index of the enclosing (consumer) line, -1 for the root
    };

    /// What the plan says about one operator, from either plan form.
    struct Entry
    {
        int majorFragment = -1;
        int operatorId = -1;
        QVector<QPair<int, int>> inputs; // producers (major, operator) in plan order: left/probe first
        double rowCount = -1;
        QString detail; // "EasyScan table=..." / "HashJoin condition=..."
        QVector<QPair<QString, QString>> attributes; // all of them, in plan order
    };

    /// Lines that carry an "MM-OO" key, with parents from indentation; other lines are skipped.
    static QVector<Line> parse(QStringView text);
    /// The value of "key=[...]" in an attribute list (brackets balanced), or an empty string.
    static QString attribute(QStringView attributes, QStringView key);
    /// Every "name=[value]" of an attribute list, in order (brackets balanced; stops at what it
    /// cannot read).
    static QVector<QPair<QString, QString>> attributeList(QStringView attributes);
    /// Entries of a text plan.
    static QVector<Entry> entriesFromText(QStringView text);
    /// Entries of a jsonPlan string (keys and field names with literal quotes, e.g. "\"00-08\"").
    /// False with a one-line reason when it is not a JSON object.
    static bool entriesFromJson(std::string_view jsonPlan, QVector<Entry>* entries, QString* error);
    /// Sets parent/children/roots of tree's nodes (keyed by majorFragment/operatorId) from plan
    /// entries, or from Dremio's operator numbering when plan is empty. Never makes a cycle;
    /// what it cannot place becomes a root, with a line in tree->warnings.
    static void linkTree(PlanTree* tree, const QVector<Entry>& plan);
};

} // namespace dopt
