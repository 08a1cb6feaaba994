#pragma once

#include "store/jobrepository.h"
#include "store/workspace.h"

#include <QFile>

namespace dopt::test {

/// A SQLite workspace as an older version left it: migrated only up to `version`, with `jobs`
/// synthetic jobs (every third reads "web_events"), so opening it with this build upgrades it.
inline bool createOldWorkspace(const QString& path, int version, int jobs, QString* error)
{
    for (const char* suffix : {"", "-wal", "-shm"})
        QFile::remove(path + QLatin1String(suffix));
    Workspace workspace;
    workspace.setTargetSchemaVersion(version);
    if (!workspace.open(path, error))
        return false;
    QSqlDatabase db = workspace.database();
    if (!db.transaction()) {
        *error = QStringLiteral("cannot begin a transaction");
        return false;
    }
    {
        JobRepository repository(db);
        for (int i = 0; i < jobs; ++i) {
            Job job;
            job.engine = QStringLiteral("dremio");
            job.jobId = QStringLiteral("old-job-%1").arg(i);
            job.user = QStringLiteral("user%1").arg(i % 7);
            job.sql = i % 3 == 0 ? QStringLiteral("SELECT * FROM web_events WHERE day = %1").arg(i)
                                 : QStringLiteral("SELECT count(*) FROM orders -- %1").arg(i);
            job.submittedMs = 1'700'000'000'000 + qint64(i) * 1000;
            if (repository.upsert(job, -1, -1, error) < 0)
                return false;
        }
    }
    return db.commit();
}

} // namespace dopt::test
