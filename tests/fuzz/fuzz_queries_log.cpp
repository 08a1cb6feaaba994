// libFuzzer entry for the queries.json reader: any bytes must give jobs or a one-line error that
// names the line, never a crash; a failed file yields no jobs (files are atomic).
#include "sources/files/fileformatdetector.h"
#include "sources/files/querieslogreader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    (void)dopt::FileFormatDetector::detect(QStringLiteral("queries.json"), bytes);
    dopt::QueriesLog log;
    QString error;
    if (dopt::QueriesLogReader::read(bytes, &log, &error)) {
        for (const dopt::Job& job : std::as_const(log.jobs)) {
            if (job.jobId.isEmpty() || job.durationMs.value_or(0) < 0)
                __builtin_trap();
            for (const dopt::JobPhase& phase : job.phases) {
                if (phase.durationMs < 0)
                    __builtin_trap();
            }
        }
    } else if (error.isEmpty() || error.contains(QLatin1Char('\n')) || !error.contains(QStringLiteral("(line "))
        || !log.jobs.isEmpty()) {
        __builtin_trap();
    }
    return 0;
}
