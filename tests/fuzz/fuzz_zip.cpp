// libFuzzer entry for the profile ZIP reader: any bytes (damaged archives, lying sizes, zip bombs)
// must give the archive's profiles or a one-line error, never a crash or unbounded memory.
#include "sources/files/fileformatdetector.h"
#include "sources/files/profilezipreader.h"

#include <cstddef>
#include <cstdint>

namespace {
void requireOneLine(const QString& error)
{
    if (error.isEmpty() || error.contains(QLatin1Char('\n')))
        __builtin_trap(); // a failure must say why, on one line
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    (void)dopt::FileFormatDetector::detect(QStringLiteral("input.zip"), bytes);
    dopt::ProfileZipContents contents;
    QString error;
    // A small budget keeps each run fast while still exercising the inflate guard.
    constexpr qint64 Budget = 8 * 1024 * 1024;
    if (!dopt::ProfileZipReader::read(bytes, &contents, &error, Budget)) {
        requireOneLine(error);
        return 0;
    }
    qint64 total = contents.header.size();
    for (const dopt::ProfileZipEntry& entry : std::as_const(contents.profiles))
        total += entry.json.size();
    if (contents.profiles.isEmpty() || total > Budget)
        __builtin_trap();
    dopt::Job job;
    if (!contents.header.isEmpty() && !dopt::ProfileZipReader::readHeader(contents.header, &job, &error))
        requireOneLine(error);
    return 0;
}
