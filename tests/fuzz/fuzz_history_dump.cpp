// libFuzzer entry for the sys.jobs_recent / sys.project.history.jobs dump reader, as REST results
// JSON and as CSV: any bytes must give jobs or a one-line error, never a crash; nothing quadratic.
#include "sources/files/fileformatdetector.h"
#include "sources/files/historydumpreader.h"

#include <cstddef>
#include <cstdint>

namespace {
void check(bool ok, const dopt::HistoryDump& dump, const QString& error)
{
    if (!ok) {
        if (error.isEmpty() || error.contains(QLatin1Char('\n')) || !dump.jobs.isEmpty())
            __builtin_trap(); // one line, and nothing of a failed file
        return;
    }
    for (const dopt::Job& job : dump.jobs) {
        if (job.jobId.isEmpty() || job.durationMs.value_or(0) < 0)
            __builtin_trap();
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    (void)dopt::FileFormatDetector::detect(QStringLiteral("jobs.csv"), bytes);
    (void)dopt::FileFormatDetector::detect(QStringLiteral("jobs.json"), bytes);
    dopt::HistoryDump dump;
    QString error;
    check(dopt::HistoryDumpReader::readJson(bytes, &dump, &error), dump, error);
    error.clear();
    check(dopt::HistoryDumpReader::readCsv(bytes, &dump, &error), dump, error);
    return 0;
}
