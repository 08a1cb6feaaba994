#pragma once

#include "profile/parsedprofile.h"

#include <QSqlDatabase>
#include <optional>

namespace dopt {

/// The stored summary of a profile (the profiles row without the raw bytes).
struct ProfileSummary
{
    qint64 id = 0;
    qint64 jobRowId = 0;
    QString format;
    QString engineVersion;
    qint64 rawSize = 0;
    int operatorCount = 0;
    int operatorTypes = 0;
    int maxThreads = 0;
    qint64 totalProcessNs = 0;
    qint64 peakMemoryBytes = 0; // largest per-operator peak
    qint64 spilledBytes = 0; // sum over operators
    int skewedOperators = 0;
    QStringList warnings;
};

/// Stores a profile's raw bytes (compressed), its summary and its operators; loads it back by
/// re-parsing the raw bytes so the tree always comes from one parser.
class ProfileRepository
{
public:
    explicit ProfileRepository(QSqlDatabase db)
        : m_db(std::move(db))
    { }

    /// Replaces the profile of job row jobRowId. Returns the profile id or -1 with *error set.
    /// Callers own the transaction (the replacement is several statements).
    qint64 store(qint64 jobRowId, const QByteArray& raw, const ParsedProfile& profile, QString* error);
    std::optional<QByteArray> rawForJob(qint64 jobRowId);
    std::optional<ProfileSummary> summaryForJob(qint64 jobRowId);
    /// Loads and parses the profile of a job row; nullopt when it has none (or *error on failure).
    std::optional<ParsedProfile> loadForJob(qint64 jobRowId, QString* error);

    /// The summary columns store() writes for a profile.
    static ProfileSummary summarize(const ParsedProfile& profile);

private:
    QSqlDatabase m_db;
};

} // namespace dopt
