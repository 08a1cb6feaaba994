#pragma once

#include "profile/parsedprofile.h"

#include <QSqlDatabase>
#include <optional>

namespace dopt {

/// Stores a profile's raw bytes (compressed), its summary and its operators; loads it back by
/// re-parsing the raw bytes so the tree always comes from one parser.
class ProfileRepository
{
public:
    explicit ProfileRepository(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    /// Replaces the profile of job row jobRowId. Returns the profile id or -1 with *error set.
    qint64 store(qint64 jobRowId, const QByteArray& raw, const ParsedProfile& profile, QString* error);
    std::optional<QByteArray> rawForJob(qint64 jobRowId);
    /// Loads and parses the profile of a job row; nullopt when it has none (or *error on failure).
    std::optional<ParsedProfile> loadForJob(qint64 jobRowId, QString* error);

private:
    QSqlDatabase m_db;
};

} // namespace dopt
