#pragma once

#include <QDialog>

namespace dopt {

/// Shown when no workspace is remembered: explore the demo workspace, open an existing workspace or
/// create an empty one. The caller acts on choice().
class FirstRunDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Choice { None, Demo, OpenExisting, CreateEmpty };

    explicit FirstRunDialog(QWidget* parent = nullptr);
    Choice choice() const { return m_choice; }

private:
    void choose(Choice choice);

    Choice m_choice = Choice::None;
};

} // namespace dopt
