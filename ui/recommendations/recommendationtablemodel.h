#pragma once

#include "analysis/recommendation.h"

#include <QAbstractTableModel>

namespace dopt {

/// Ranked recommendations as a table: rank, severity, detector, title, action, estimated saving,
/// runs, confidence, dataset and status. Sorting is the store's (by rank); the view only shows it.
class RecommendationTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        RankColumn,
        SeverityColumn,
        DetectorColumn,
        TitleColumn,
        ActionColumn,
        SavingColumn,
        FrequencyColumn,
        ConfidenceColumn,
        DatasetColumn,
        StatusColumn,
        ColumnCount
    };

    explicit RecommendationTableModel(QObject* parent = nullptr);

    void setRecommendations(QVector<Recommendation> recommendations);
    const QVector<Recommendation>& recommendations() const { return m_rows; }
    const Recommendation* at(int row) const { return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr; }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<Recommendation> m_rows;
};

} // namespace dopt
