#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVector>
#include <functional>

namespace dopt {

/// One schema step, loaded from a file named NNNN_name.sql.
struct Migration
{
    int version = 0;
    QString name; // file name without the .sql suffix
    QString sql; // as written, with @ID@ / @BLOB@ placeholders
};

/// Statements of a script that one backend runs; an optional block is undone (savepoint) and
/// skipped when one of its statements fails, e.g. an extension the server does not offer.
struct MigrationBlock
{
    QStringList statements;
    bool optional = false;
};

/// Told how a migration advances: `done` of `total` rows (total 0: a step of unknown length) of the
/// migration `name` (NNNN_name). Returning false stops it: the migration is rolled back.
using MigrationProgress = std::function<bool(const QString& name, qint64 done, qint64 total)>;

/// Loads the versioned schema scripts and applies them, one transaction per script, recording each
/// applied version in schema_meta (and SQLite's user_version). The scripts are written once for
/// both dialects: @ID@ and @BLOB@ are expanded here. Where the dialects need different statements,
/// a comment line `-- @sqlite`, `-- @postgres` or `-- @all` (followed by ` optional` for a block
/// that may fail without failing the migration) says who runs the statements that follow.
class Migrations
{
public:
    static constexpr const char* DefaultDirectory = ":/dopt/migrations";

    /// Reads NNNN_name.sql files of a directory (or Qt resource folder) in version order. Fails on a
    /// gap or duplicate in the numbering.
    static bool load(const QString& directory, QVector<Migration>* out, QString* error);
    /// Replaces the dialect placeholders.
    static QString expand(const QString& sql, bool postgres);
    /// Splits a script into statements at semicolons outside quotes and comments (and, in CREATE
    /// TRIGGER, outside its BEGIN ... END body); drops comments.
    static QStringList splitStatements(const QString& sql);
    /// The blocks of an expanded script that the backend runs, in script order (see the markers above).
    static QVector<MigrationBlock> blocksFor(const QString& sql, bool postgres);
    /// Highest version recorded in schema_meta, 0 when the table is absent; -1 with *error on failure.
    static int recordedVersion(QSqlDatabase& db, bool postgres, QString* error);
    /// Applies one migration in its own transaction (rolled back completely on any error or when
    /// `progress` returns false). On SQLite the rebuild of an external-content FTS5 index
    /// (`INSERT INTO t (t) VALUES ('rebuild')`) runs as the same inserts in batches of
    /// RebuildBatchRows content rows, reporting each: on a million jobs it takes minutes. On
    /// PostgreSQL a CREATE INDEX (a trigram index over every SQL text) cannot be split: it runs
    /// asynchronously and is reported every fraction of a second with the rows its build has read
    /// (pg_stat_progress_create_index, read on a second connection) of the table's rows; a false
    /// answer cancels it on the server and transactional DDL rolls the migration back.
    static bool apply(QSqlDatabase& db, const Migration& migration, bool postgres, QString* error,
        const MigrationProgress& progress = {});
    static constexpr int RebuildBatchRows = 10000;
    /// Names of the user tables in the database (SQLite: main schema; PostgreSQL: current schema).
    static QStringList tableNames(QSqlDatabase& db, bool postgres, QString* error);
};

} // namespace dopt
