#pragma once

#include <QFile>
#include <QString>
#include <QTest>
#include <QVector>

namespace dopt::test {

/// One labelled pair from tests/data/sql/*_pairs.txt.
struct SqlPair
{
    QString label;
    bool same = false;
    QString first;
    QString second;
    int line = 0; // line of the "###" header, for failure messages
};

/// Reads a pair corpus ("### same|different: label", statement, "~~~", statement); on a malformed
/// file returns no pairs and sets *error to a line naming the file and line.
inline QVector<SqlPair> readSqlPairs(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("%1: cannot open: %2").arg(path, file.errorString());
        return {};
    }
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    QVector<SqlPair> pairs;
    SqlPair* current = nullptr;
    QStringList part;
    bool inSecond = false;
    const auto flush = [&]() {
        if (current)
            (inSecond ? current->second : current->first) = part.join(u'\n').trimmed();
        part.clear();
    };
    for (int i = 0; i < lines.size(); ++i) {
        const QString& line = lines[i];
        if (line.startsWith(QLatin1String("###"))) {
            flush();
            if (current && (current->first.isEmpty() || current->second.isEmpty() || !inSecond)) {
                *error = QStringLiteral("%1:%2: case without two statements").arg(path).arg(current->line);
                return {};
            }
            const QString header = line.mid(3).trimmed();
            const qsizetype colon = header.indexOf(u':');
            const QString kind = header.left(colon).trimmed();
            if (colon < 0 || (kind != QLatin1String("same") && kind != QLatin1String("different"))) {
                *error = QStringLiteral("%1:%2: expected \"### same: ...\" or \"### different: ...\"")
                             .arg(path)
                             .arg(i + 1);
                return {};
            }
            pairs.append(SqlPair {header.mid(colon + 1).trimmed(), kind == QLatin1String("same"), {}, {}, i + 1});
            current = &pairs.last();
            inSecond = false;
        } else if (current && line.trimmed() == QLatin1String("~~~")) {
            flush();
            inSecond = true;
        } else if (current) {
            part.append(line);
        } else if (!line.startsWith(u'#') && !line.trimmed().isEmpty()) {
            *error = QStringLiteral("%1:%2: text before the first case").arg(path).arg(i + 1);
            return {};
        }
    }
    flush();
    if (current && (current->first.isEmpty() || current->second.isEmpty() || !inSecond)) {
        *error = QStringLiteral("%1:%2: case without two statements").arg(path).arg(current->line);
        return {};
    }
    return pairs;
}

/// Adds one data row per pair (columns first, second, same, fallback), named by line and label; a
/// label ending in "(fallback)" marks statements libpg_query cannot parse. Returns the pairs.
inline QVector<SqlPair> addSqlPairRows(const QString& path)
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::addColumn<bool>("same");
    QTest::addColumn<bool>("fallback");
    QString error;
    const QVector<SqlPair> pairs = readSqlPairs(path, &error);
    if (!error.isEmpty())
        QTest::qFail(qPrintable(error), __FILE__, __LINE__);
    for (const SqlPair& pair : pairs) {
        const QString name = QStringLiteral("line %1: %2 %3")
                                 .arg(pair.line)
                                 .arg(pair.same ? QStringLiteral("same") : QStringLiteral("different"), pair.label);
        QTest::newRow(qPrintable(name)) << pair.first << pair.second << pair.same
                                        << pair.label.endsWith(QLatin1String("(fallback)"));
    }
    return pairs;
}

} // namespace dopt::test
