#pragma once

#include <QString>

namespace dopt {

/// Token-level facts about a Dremio statement that detectors need: what kind of statement it is,
/// whether its outermost query has a LIMIT, whether it selects *. Comments and literals never count.
class SqlShape
{
public:
    explicit SqlShape(const QString& sql);

    bool isQuery() const { return m_isQuery; } // SELECT / WITH / VALUES (not CTAS, INSERT, OPTIMIZE...)
    bool hasTopLevelLimit() const { return m_topLevelLimit; } // LIMIT, FETCH FIRST/NEXT or TOP outside parentheses
    bool selectsStar() const { return m_selectsStar; } // "SELECT *" or "SELECT t.*" anywhere

private:
    bool m_isQuery = false;
    bool m_topLevelLimit = false;
    bool m_selectsStar = false;
};

} // namespace dopt
