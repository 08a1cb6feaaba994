#pragma once
// Builds ZIP archives in memory the way Dremio's "Download Profile" sends them (header-only).

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QPair>
#include <QString>
#include <QTemporaryDir>
#include <zip.h>

namespace dopt::test {

using ZipEntries = QList<QPair<QString, QByteArray>>;

/// A real ZIP (deflate, libzip's writer) holding entries in order; empty when libzip fails.
inline QByteArray writeZip(const ZipEntries& entries)
{
    // libzip writes archives to files: a private directory, removed with its file afterwards.
    const QTemporaryDir directory;
    if (!directory.isValid())
        return QByteArray();
    const QString path = directory.filePath(QStringLiteral("built.zip"));
    int errorCode = 0;
    zip_t* archive = zip_open(QFile::encodeName(path).constData(), ZIP_CREATE | ZIP_TRUNCATE, &errorCode);
    if (!archive)
        return QByteArray();
    for (const auto& [name, data] : entries) {
        zip_source_t* source = zip_source_buffer(archive, data.constData(), zip_uint64_t(data.size()), 0);
        if (!source || zip_file_add(archive, name.toUtf8().constData(), source, ZIP_FL_ENC_UTF_8) < 0) {
            zip_source_free(source);
            zip_discard(archive);
            return QByteArray();
        }
    }
    if (zip_close(archive) != 0) {
        zip_discard(archive);
        return QByteArray();
    }
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace dopt::test
