#pragma once

#include "measure/measuredquery.h"

#include <QWidget>
#include <optional>

class QLabel;

namespace dopt {

class SqlView;

/// The query a measurement timed, as stored with it: its SQL (highlighted), the job that ran it, why
/// it was chosen and by whom; for a measurement made before the workspace recorded it, says so.
class MeasuredQueryView : public QWidget
{
    Q_OBJECT
public:
    explicit MeasuredQueryView(QWidget* parent = nullptr);

    /// nullopt: not recorded (a measurement of schema 14 or older).
    void setQuery(const std::optional<MeasuredQuery>& query);
    void clear();

    SqlView* sqlView() const { return m_sql; }
    /// Job, reason and chooser as the user reads them (one line each).
    QString detailsText() const;

private:
    SqlView* m_sql;
    QLabel* m_job;
    QLabel* m_reason;
    QLabel* m_chosenBy;
};

} // namespace dopt
