#pragma once

#include "model/job.h"

#include <QByteArray>
#include <QStringList>
#include <QVector>

namespace dopt {

/// One profile_attempt_N.json taken out of a profile ZIP.
struct ProfileZipEntry
{
    QString name; // the entry's full name inside the archive
    int attempt = 0;
    QByteArray json;
};

/// What a "Download Profile" ZIP held.
struct ProfileZipContents
{
    QByteArray header; // header.json, empty when the archive has none
    QString headerName;
    QVector<ProfileZipEntry> profiles; // ordered by attempt
    QStringList skipped; // entries not read: prepare_profile_attempt_N.json, log_attempt_N.json, others
};

/// Reads Dremio's "Download Profile" ZIP (POST /apiv2/support/{jobId}/download) from memory:
/// header.json plus profile_attempt_N.json for every attempt; everything else is skipped and
/// listed. Guards against damaged and hostile archives: non-ZIP bytes, truncated archives, empty
/// ones, archives without a profile, encrypted entries and entries that declare (or inflate to)
/// more than the uncompressed-size budget all give a one-line "<what> (<where>)" error.
class ProfileZipReader
{
public:
    static constexpr qint64 DefaultMaxUncompressedBytes = 512LL * 1024 * 1024;

    /// maxUncompressedBytes caps the total of the entries read (the zip-bomb guard).
    static bool read(const QByteArray& zip, ProfileZipContents* out, QString* error,
        qint64 maxUncompressedBytes = DefaultMaxUncompressedBytes);
    /// The JSON of the last attempt in a download ZIP: the attempt that produced the job's result.
    static bool readLastAttempt(const QByteArray& zip, QByteArray* json, QString* error);
    /// Maps header.json (clusterInfo, submission, job = the last JobAttempt with numeric enums) to
    /// the job it describes. Fails on malformed JSON or a header without job.info.jobId.
    static bool readHeader(const QByteArray& json, Job* job, QString* error);
    /// True when the bytes start like a ZIP archive (local file header or empty-archive record).
    static bool looksLikeZip(const QByteArray& head);
};

} // namespace dopt
