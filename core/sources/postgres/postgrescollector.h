#pragma once

#include "analysis/postgresindexadvisor.h"
#include "sources/postgres/pgcatalogcollector.h"
#include "sources/postgres/pgstatementscollector.h"

#include <QJsonObject>
#include <QStringList>

namespace dopt {

class Workspace;

/// The outcome of `collect --postgres URL`.
struct PgCollectResult
{
    bool ok = false;
    QString error;
    QString target; // the URL without password
    qint64 sourceId = 0;
    PgSnapshotResult snapshot;
    PgCatalogResult catalog;
    PgAdvisorResult advice;
    QStringList warnings; // e.g. pg_stat_statements missing: the catalog is still collected

    QJsonObject toJson() const;
};

/// One collection from a live PostgreSQL: a pg_stat_statements snapshot (stored as deltas), the
/// catalog, then (unless advise is false) the index advisor's missing_index / unused_index
/// recommendations over what the workspace knows of this source, under the source ("postgres", URL without password).
/// Runs on the calling thread with its workspace connection; the password comes from the URL's environment (PGPASSWORD,
/// ~/.pgpass) via libpq and is never stored.
class PostgresCollector
{
public:
    static PgCollectResult collect(Workspace& workspace, const QString& url, bool advise = true);
};

} // namespace dopt
