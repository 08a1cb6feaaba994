// Profile parse throughput: DremioProfileParser::parse (JSON → PlanTree) next to a bare
// simdjson::dom::parser parse of the same bytes, on the real samples (when present) and on generated
// demo profiles. Prints figures; never asserts timings. Goal: the parser reaches >= 25% of simdjson.
//
// usage: bench_profile_parse [--generated N] [--seconds S] [--dump FILE [--also PROFILE.json]...]
//   --dump writes every field the parser produced for every input (and for mutated copies of the
//   real samples that take its warning and fallback paths) to FILE and exits without timing: diff
//   two dumps to check that a parser change keeps its output byte for byte.

#include "benchsupport.h"
#include "demo/demoprofilewriter.h"
#include "demo/demoqueryshapes.h"
#include "demo/demoworkload.h"
#include "profile/dremioprofileparser.h"
#include "testdata.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>
#include <simdjson.h>

using namespace dopt;

namespace {

struct Input
{
    QString name;
    QVector<QByteArray> documents;
    qint64 bytes() const
    {
        qint64 total = 0;
        for (const QByteArray& d : documents)
            total += d.size();
        return total;
    }
};

/// Runs `pass` (one pass over all documents) until `seconds` have gone by; MB/s of input consumed.
template <typename Pass> double throughput(const Input& input, double seconds, Pass pass)
{
    pass(); // warm-up: page in, grow the parsers' buffers
    QElapsedTimer timer;
    timer.start();
    qint64 passes = 0;
    do {
        pass();
        ++passes;
    } while (timer.nsecsElapsed() < qint64(seconds * 1e9));
    return double(input.bytes()) * double(passes) / bench::secondsSince(timer) / 1e6;
}

QString optionalText(const std::optional<qint64>& value)
{
    return value ? QString::number(*value) : QStringLiteral("-");
}

/// Every field of a parse result, one per line, in a stable order.
QString dumpText(const ParsedProfile& p)
{
    QString text;
    QTextStream out(&text);
    const Job& j = p.job;
    out << "job " << j.engine << " id=" << j.jobId << " attempt=" << j.attempt << " user=" << j.user
        << " queue=" << j.queue << " state=" << j.state << " type=" << j.queryType << " engine=" << j.engineName
        << " submitted=" << optionalText(j.submittedMs) << " started=" << optionalText(j.startedMs)
        << " ended=" << optionalText(j.endedMs) << " duration=" << optionalText(j.durationMs)
        << " rowsScanned=" << optionalText(j.rowsScanned) << " bytesScanned=" << optionalText(j.bytesScanned)
        << " rowsReturned=" << optionalText(j.rowsReturned) << " bytesReturned=" << optionalText(j.bytesReturned)
        << " cost=" << (j.plannerCost ? QString::number(*j.plannerCost, 'g', 17) : QStringLiteral("-"))
        << " accelerated=" << j.accelerated << "\n";
    out << "sql " << j.sql << "\nerror " << j.error << "\ndatasets " << j.datasets.join(QLatin1Char('|')) << "\n";
    for (const JobPhase& phase : j.phases)
        out << "phase " << phase.name << " " << phase.startMs << " " << phase.durationMs << "\n";
    out << "version=" << p.engineVersion << " format=" << p.format << " reflections=" << p.reflectionsConsidered << "/"
        << p.reflectionsMatched << "/" << p.reflectionsChosen << " " << p.chosenReflectionIds.join(QLatin1Char('|'))
        << "\n";
    const auto spread = [](const ThreadSpread& s) {
        return QStringLiteral("%1/%2/%3").arg(s.min, 0, 'g', 17).arg(s.avg, 0, 'g', 17).arg(s.max, 0, 'g', 17);
    };
    for (const PlanNode& n : p.tree.nodes) {
        QStringList children;
        for (int child : n.children)
            children.append(QString::number(child));
        QStringList perInput;
        for (qint64 records : n.inputRecordsPerInput)
            perInput.append(QString::number(records));
        out << "node " << n.index << " " << n.key << " parent=" << n.parent
            << " children=" << children.join(QLatin1Char(',')) << " major=" << n.majorFragment << " op=" << n.operatorId
            << " type=" << n.operatorType << " " << n.typeName << " in=" << n.inputRecords << "/" << n.inputBytes
            << " perInput=" << perInput.join(QLatin1Char(',')) << " out=" << n.outputRecords << "/" << n.outputBytes
            << " ns=" << n.setupNs << "/" << n.processNs << "/" << n.waitNs << " peak=" << n.peakMemoryBytes
            << " spilled=" << n.spilledBytes << " threads=" << n.threadCount
            << " spreadNs=" << spread(n.processNsSpread) << " spreadRecords=" << spread(n.recordsSpread)
            << " estimated=" << QString::number(n.estimatedRows, 'g', 17) << " skewed=" << n.skewed << "\n  detail "
            << n.detail << "\n";
        for (const auto& [name, value] : n.attributes)
            out << "  attribute " << name << "=" << value << "\n";
        for (auto it = n.metrics.cbegin(); it != n.metrics.cend(); ++it)
            out << "  metric " << it.key() << "=" << it.value() << "\n";
    }
    QStringList roots;
    for (int root : p.tree.roots)
        roots.append(QString::number(root));
    out << "roots " << roots.join(QLatin1Char(',')) << "\n";
    for (const QString& warning : p.tree.warnings)
        out << "warning " << warning << "\n";
    out << p.tree.toText();
    return text;
}

/// Copies of a real profile edited so that the parser takes its warning and fallback paths.
QVector<QPair<QString, QByteArray>> mutations(const QByteArray& json)
{
    const QVector<QPair<const char*, const char*>> edits = {
        {"\"name\":\"", "\"name\":1,\"x\":\""}, // metric definition names of the wrong type
        {"\"operatorType\":", "\"operatorType\":\"a\",\"y\":"},
        {"\"metricId\":", "\"metricId\":\"a\",\"y\":"},
        {"\"operatorTypeMetricsMap\"", "\"xoperatorTypeMetricsMap\""}, // fallback metric-name table
        {"\"dremioVersion\"", "\"xdremioVersion\""}, // table chosen from the data
        {"\"jsonPlan\"", "\"xjsonPlan\""}, // links from the text plan
        {"\"plan\"", "\"xplan\""},
        {"\"records\":", "\"records\":true,\"z\":"},
        {"\"aggregationType\":", "\"aggregationType\":1,\"w\":"},
    };
    QVector<QPair<QString, QByteArray>> result;
    for (const auto& [from, to] : edits)
        result.append({QString::fromLatin1(from), QByteArray(json).replace(from, to)});
    QByteArray noNames = QByteArray(json).replace("\"operatorTypeMetricsMap\"", "\"xoperatorTypeMetricsMap\"");
    noNames.replace("\"dremioVersion\"", "\"xdremioVersion\"");
    result.append({QStringLiteral("no map, no version"), noNames});
    for (qsizetype cut : {qsizetype(0), json.size() / 3, json.size() - 2})
        result.append({QStringLiteral("truncated at %1").arg(cut), json.left(cut)});
    return result;
}

int dump(const QString& path, const QVector<Input>& inputs)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return 1;
    QTextStream out(&file);
    const auto write = [&out](const QString& name, const QByteArray& json) {
        ParsedProfile parsed;
        QString error;
        const bool ok = DremioProfileParser::parse(json, &parsed, &error);
        out << "=== " << name;
        if (ok)
            out << "\n" << dumpText(parsed);
        else
            out << " error: " << error << "\n";
    };
    for (const Input& input : inputs) {
        for (qsizetype i = 0; i < input.documents.size(); ++i) {
            const QString name = QStringLiteral("%1 #%2").arg(input.name).arg(i);
            write(name, input.documents[i]);
            if (input.documents.size() == 1) { // the real samples
                for (const auto& [edit, json] : mutations(input.documents[i]))
                    write(name + QStringLiteral(" edited ") + edit, json);
            }
        }
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments();
    int generated = 300;
    double seconds = 1.0;
    QString dumpPath;
    QStringList also;
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--generated"))
            generated = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--seconds"))
            seconds = args[i + 1].toDouble();
        else if (args[i] == QLatin1String("--dump"))
            dumpPath = args[i + 1];
        else if (args[i] == QLatin1String("--also"))
            also.append(args[i + 1]);
    }
    QTextStream& out = bench::out();

    QVector<Input> inputs;
    for (const char* name :
        {"profile_21.6_csv_agg_1.json", "profile_21.6_csv_agg_2.json", "profile_25.x_hashjoin_skew.json"}) {
        const QString path = dopt::test::dremioSample(QString::fromLatin1(name));
        QFile file(path);
        if (path.isEmpty() || !file.open(QIODevice::ReadOnly)) {
            out << "skipped " << name << ": the shared sample is absent\n";
            continue;
        }
        inputs.append({QString::fromLatin1(name), {file.readAll()}});
    }
    DemoOptions options;
    options.jobs = std::max(generated * 4, 1000);
    const DemoWorkload workload(options);
    Input demo {QStringLiteral("generated demo profiles (%1)").arg(generated), {}};
    for (int i = 0; i < workload.size() && demo.documents.size() < generated; i += 3) {
        const DemoJobSpec spec = workload.job(i);
        demo.documents.append(DemoProfileWriter::write(spec, DemoQueryShapes::shapes()[spec.shape]));
    }
    inputs.append(demo);
    if (!dumpPath.isEmpty()) {
        for (const QString& path : std::as_const(also)) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                out << "error: cannot read " << path << "\n";
                return 1;
            }
            inputs.append({path, {file.readAll()}});
        }
        return dump(dumpPath, inputs);
    }

    out << QStringLiteral("%1 %2 %3 %4 %5\n")
               .arg(QStringLiteral("input"), -42)
               .arg(QStringLiteral("KB"), 9)
               .arg(QStringLiteral("parser MB/s"), 12)
               .arg(QStringLiteral("simdjson MB/s"), 14)
               .arg(QStringLiteral("ratio"), 7);
    double worst = 1e9;
    for (const Input& input : std::as_const(inputs)) {
        QString error;
        ParsedProfile parsed;
        for (const QByteArray& document : input.documents) {
            if (!DremioProfileParser::parse(document, &parsed, &error)) {
                out << "error: " << input.name << " does not parse: " << error << "\n";
                return 1;
            }
        }
        const double parser = throughput(input, seconds, [&] {
            for (const QByteArray& document : input.documents)
                DremioProfileParser::parse(document, &parsed, &error);
        });
        simdjson::dom::parser raw;
        size_t sink = 0;
        const double simd = throughput(input, seconds, [&] {
            for (const QByteArray& document : input.documents) {
                simdjson::dom::element root;
                if (raw.parse(document.constData(), size_t(document.size())).get(root) == simdjson::SUCCESS)
                    sink += size_t(root.type());
            }
        });
        const double ratio = parser / simd;
        worst = std::min(worst, ratio);
        out << QStringLiteral("%1 %2 %3 %4 %5%\n")
                   .arg(input.name, -42)
                   .arg(double(input.bytes()) / 1024.0, 9, 'f', 1)
                   .arg(parser, 12, 'f', 1)
                   .arg(simd, 14, 'f', 1)
                   .arg(ratio * 100.0, 6, 'f', 1);
        if (sink == 42)
            out << ""; // keeps the simdjson loop observable
    }
    out << QStringLiteral("RESULT profile_parse worst_ratio=%1% goal>=25% %2\n")
               .arg(worst * 100.0, 0, 'f', 1)
               .arg(worst >= 0.25 ? QStringLiteral("met") : QStringLiteral("NOT met"));
    return 0;
}
