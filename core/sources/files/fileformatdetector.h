#pragma once

#include <QByteArray>
#include <QString>

namespace dopt {

/// The kinds of files the importer reads: Dremio files, PostgreSQL server logs and EXPLAIN plans.
enum class FileFormat {
    Unknown,
    DremioProfileJson, // QueryProfile JSON (profile_attempt_N.json, /apiv2/profiles/{id}.json)
    DremioProfileZip, // "Download Profile" ZIP
    DremioQueriesLog, // coordinator queries.json, one object per line
    DremioHistoryJson, // sys.jobs_recent / sys.project.history.jobs as REST results {rowCount, schema, rows}
    DremioHistoryCsv, // the same tables as CSV with a header row
    PostgresCsvLog, // PostgreSQL server log, log_destination = csvlog (read by PgLogImporter)
    PostgresJsonLog, // PostgreSQL server log, log_destination = jsonlog, one object per line
    PostgresPlanJson, // EXPLAIN (FORMAT JSON) output: [{"Plan": {...}, "Execution Time": ...}]
    PostgresPlanText, // EXPLAIN output in TEXT format as psql prints it, with or without its header
};

/// Tells which file a file is from its name and its first bytes, without parsing it whole.
/// A .zip name or the ZIP signature means a profile ZIP (so a damaged one is reported by the ZIP
/// reader rather than skipped); JSON is told apart by its first keys (a PostgreSQL jsonlog line
/// starts with "timestamp" and has "error_severity"); a first line starting with a timestamp and
/// holding a severity (",LOG,") is a PostgreSQL csvlog row; other CSV is a Dremio dump with a header.
/// A JSON array (or object) whose first key is "Plan" or "Query Text" is an EXPLAIN (FORMAT JSON) plan;
/// text whose first line, after psql's "QUERY PLAN" header and rule, is a plan node ("Seq Scan on t
/// (cost=..." per PostgresTextPlan::isNodeLine) or an auto_explain "Query Text: " is a text plan.
class FileFormatDetector
{
public:
    static constexpr qsizetype SniffBytes = 64 * 1024;

    static FileFormat detect(const QString& fileName, const QByteArray& head);
    /// Reads the first SniffBytes of the file; Unknown when it cannot be read.
    static FileFormat detectFile(const QString& path);
    /// The stable name stored in import_files.format: dremio-profile-json, dremio-profile-zip,
    /// dremio-queries-log, dremio-history-json, dremio-history-csv, postgres-csvlog, postgres-jsonlog,
    /// postgres-plan-json, postgres-plan-text (or "unknown").
    static QString formatName(FileFormat format);
    /// Whether a name has one of the extensions folders are searched for (.json, .zip, .csv, and .txt
    /// for text plans); a PostgreSQL stderr log (.log) is not read.
    static bool hasCandidateSuffix(const QString& fileName);
};

} // namespace dopt
