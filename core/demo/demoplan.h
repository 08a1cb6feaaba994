#pragma once

#include <QPair>
#include <QString>
#include <QVector>

namespace dopt {

/// One physical operator of a demo plan, with its totals over all threads of its fragment.
struct DemoPlanOp
{
    int major = 0; // major fragment
    int id = -1; // operator id inside the fragment (numbered after building)
    int type = 0; // Dremio CoreOperatorType
    QString prel; // name in the text plan (HashAgg, TableFunction...); senders have none
    QString prelClass; // class in jsonPlan, without the com.dremio... package
    QString attributes; // text inside the parentheses of the text plan
    QString rowType; // RecordType(...)
    QVector<int> inputs; // producers in plan order (for joins: probe, then build)
    QVector<qint64> inputRecords; // per input, summed over threads
    int sender = -1; // for an exchange: the sender operator of the producing fragment
    bool inPlan = true; // senders are not printed in the plan
    double estimatedRows = 0;
    qint64 outputRecords = 0;
    int rowBytes = 64;
    double weight = 0.02; // share of its fragment's busy time
    qint64 peakMemory = 1 << 20; // bytes, per thread
    QVector<QPair<const char*, qint64>> metrics; // by Dremio 25.x metric name, totals over threads
};

/// A major fragment: how many threads run it and how unevenly the records fall on them.
struct DemoPlanFragment
{
    int threads = 1;
    double skewShare = 0; // share of the hottest thread, 0 = even
};

/// The operator tree of one demo run, ready for DemoProfileWriter.
struct DemoPlan
{
    QVector<DemoPlanOp> ops;
    QVector<DemoPlanFragment> fragments;
    int root = -1;
};

} // namespace dopt
