#pragma once

#include <QStyledItemDelegate>

namespace dopt {

/// Paints a cell's fraction (0..1, read from a model role) as a horizontal bar behind its text,
/// like hotspot's cost columns: the eye finds the expensive operator before reading a number.
class PercentBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit PercentBarDelegate(int fractionRole, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    int m_fractionRole;
};

} // namespace dopt
