#pragma once

#include <QWidget>

class QComboBox;
class QLineEdit;
class QTimer;

namespace dopt {

/// The query browser's filter row: a search box (debounced, so typing does not start a query per
/// key) and a state filter that applies at once.
class JobFilterBar : public QWidget
{
    Q_OBJECT
public:
    static constexpr int DebounceMs = 250;

    explicit JobFilterBar(QWidget* parent = nullptr);

    QString text() const;
    /// The selected state, empty for "all states".
    QString state() const;
    void setText(const QString& text);
    void setState(const QString& state);
    QLineEdit* lineEdit() const { return m_text; }
    QComboBox* stateCombo() const { return m_state; }

Q_SIGNALS:
    void filterChanged(const QString& text, const QString& state);

private:
    void emitNow();

    QLineEdit* m_text;
    QComboBox* m_state;
    QTimer* m_debounce;
};

} // namespace dopt
