#include "sqlshape.h"

#include "sql/sqltokenizer.h"

namespace dopt {

SqlShape::SqlShape(const QString& sql)
{
    const QVector<SqlToken> tokens = SqlTokenizer::tokenize(sql, SqlDialect::Dremio, false); // without comments
    auto word = [&](qsizetype i, const char* keyword) {
        return i >= 0 && i < tokens.size() && tokens[i].kind == SqlTokenKind::Word
            && tokens[i].text(sql).compare(QLatin1String(keyword), Qt::CaseInsensitive) == 0;
    };
    qsizetype first = 0;
    while (first < tokens.size() && tokens[first].is(u'(', sql))
        ++first;
    m_isQuery = word(first, "SELECT") || word(first, "WITH") || word(first, "VALUES");
    int depth = 0;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        if (tokens[i].is(u'(', sql))
            ++depth;
        else if (tokens[i].is(u')', sql))
            depth = std::max(0, depth - 1);
        else if (depth == 0
            && (word(i, "LIMIT") || word(i, "TOP")
                || (word(i, "FETCH") && (word(i + 1, "FIRST") || word(i + 1, "NEXT")))))
            m_topLevelLimit = true;
        if (tokens[i].is(u'*', sql)) {
            // "SELECT *" or "SELECT DISTINCT *" or "SELECT t.*" (a qualifier and a dot before the star).
            const bool afterSelect = word(i - 1, "SELECT") || (word(i - 1, "DISTINCT") && word(i - 2, "SELECT"));
            const bool qualified = i >= 3 && tokens[i - 1].is(u'.', sql) && word(i - 3, "SELECT");
            m_selectsStar = m_selectsStar || afterSelect || qualified;
        }
    }
}

} // namespace dopt
