#include "recommendationtablemodel.h"

#include "coretexts.h"
#include "displayformat.h"
#include "themecolors.h"

#include <QBrush>
#include <QColor>

namespace dopt {

RecommendationTableModel::RecommendationTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void RecommendationTableModel::setRecommendations(QVector<Recommendation> recommendations)
{
    beginResetModel();
    m_rows = std::move(recommendations);
    endResetModel();
}

int RecommendationTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RecommendationTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RecommendationTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return QVariant();
    const Recommendation& r = m_rows[index.row()];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case RankColumn:
            return r.rank;
        case SeverityColumn:
            return CoreTexts::severity(r.severity);
        case DetectorColumn:
            return CoreTexts::detector(r.detector);
        case TitleColumn:
            return CoreTexts::analysisText(r.titleText, r.title);
        case ActionColumn:
            return CoreTexts::action(r.action);
        case SavingColumn:
            return r.improvementMs > 0 ? DisplayFormat::duration(r.improvementMs) : QString();
        case FrequencyColumn:
            return DisplayFormat::exactCount(r.frequency);
        case ConfidenceColumn:
            return DisplayFormat::percent(r.confidence, 0);
        case DatasetColumn:
            return r.dataset;
        case StatusColumn:
            return CoreTexts::recommendationStatus(r.status);
        default:
            return QVariant();
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == SavingColumn)
            return tr("Estimated saving over the analysed window: %1 of %2 spent in %3 runs")
                .arg(DisplayFormat::exactDurationMs(r.improvementMs), DisplayFormat::exactDurationMs(r.currentCostMs),
                    DisplayFormat::exactCount(r.frequency));
        if (index.column() == DetectorColumn)
            return CoreTexts::detectorDescription(r.detector);
        return index.column() == TitleColumn ? CoreTexts::analysisText(r.rationaleText, r.rationale) : QVariant();
    }
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case RankColumn:
        case SavingColumn:
        case FrequencyColumn:
        case ConfidenceColumn:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return QVariant();
        }
    }
    if (role == Qt::ForegroundRole && index.column() == SeverityColumn && r.severity >= Severity::High)
        return QBrush(ThemeColors::readable(QColor(200, 40, 40)));
    return QVariant();
}

QVariant RecommendationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RankColumn:
        return tr("Rank");
    case SeverityColumn:
        return tr("Severity");
    case DetectorColumn:
        return tr("Detector");
    case TitleColumn:
        return tr("Recommendation");
    case ActionColumn:
        return tr("Action");
    case SavingColumn:
        return tr("Est. saving");
    case FrequencyColumn:
        return tr("Runs");
    case ConfidenceColumn:
        return tr("Confidence");
    case DatasetColumn:
        return tr("Dataset");
    case StatusColumn:
        return tr("Status");
    default:
        return QVariant();
    }
}

} // namespace dopt
