// Profile parse throughput: DremioProfileParser::parse (JSON → PlanTree) next to a bare
// simdjson::dom::parser parse of the same bytes, on the real samples (when present) and on generated
// demo profiles. Prints figures; never asserts timings. Goal: the parser reaches >= 25% of simdjson.
//
// usage: bench_profile_parse [--generated N] [--seconds S]

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
    return double(input.bytes()) * double(passes) / (double(timer.nsecsElapsed()) / 1e9) / 1e6;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments();
    int generated = 300;
    double seconds = 1.0;
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--generated"))
            generated = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--seconds"))
            seconds = args[i + 1].toDouble();
    }
    QTextStream out(stdout);

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
